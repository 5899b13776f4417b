// Socket syscalls. Address families, SOCK_* type flags, SOL_SOCKET option numbers and
// struct sockaddr/msghdr/mmsghdr/cmsghdr/linger/timeval are the same on every 64-bit ABI xisa
// serves (x86-64, AArch64 and RISC-V64 all use include/uapi/asm-generic/socket.h), so every
// row passes through.
#include <sys/syscall.h>

#include "linux/syscalls/syscall_handlers.h"

namespace xisa::os {

namespace {

constexpr PassThroughRow kPassThrough[] = {
    {SyscallId::socket, SYS_socket},
    {SyscallId::socketpair, SYS_socketpair},
    {SyscallId::bind, SYS_bind},
    {SyscallId::connect, SYS_connect},
    {SyscallId::listen, SYS_listen},
    {SyscallId::accept, SYS_accept},
    {SyscallId::accept4, SYS_accept4},
    {SyscallId::getsockname, SYS_getsockname},
    {SyscallId::getpeername, SYS_getpeername},
    {SyscallId::sendto, SYS_sendto},
    {SyscallId::recvfrom, SYS_recvfrom},
    {SyscallId::setsockopt, SYS_setsockopt},
    {SyscallId::getsockopt, SYS_getsockopt},
    {SyscallId::shutdown, SYS_shutdown},
    {SyscallId::sendmsg, SYS_sendmsg},
    {SyscallId::recvmsg, SYS_recvmsg},
    {SyscallId::sendmmsg, SYS_sendmmsg},
    {SyscallId::recvmmsg, SYS_recvmmsg},
};

}  // namespace

HandlerSet net_syscalls() {
  return {{}, kPassThrough};
}

}  // namespace xisa::os
