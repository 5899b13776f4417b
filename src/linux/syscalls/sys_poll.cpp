// Waiting on file descriptors: struct pollfd, fd_set, timespec and pselect6's sigset argument
// are the same on every 64-bit ABI. The sigmask they install lasts only for the wait, and guest
// signal delivery is not written yet, so the guest's mask goes to the host as it is.
#include <sys/syscall.h>

#include <ctime>

#include "linux/syscalls/syscall_handlers.h"

namespace xisa::os {

namespace {

// x86-64's poll(fds, n, timeout_ms), through ppoll (other hosts have no poll syscall).
int64_t sys_poll(ProcessState&, const Args& a) {
  const int timeout_ms = static_cast<int>(a[2]);
  struct timespec ts {
    timeout_ms / 1000, (timeout_ms % 1000) * 1000000L
  };
  return host_syscall(SYS_ppoll,
                      {a[0], a[1], timeout_ms < 0 ? 0 : reinterpret_cast<uint64_t>(&ts), 0, 8});
}

constexpr HandlerRow kHandlers[] = {
    {SyscallId::poll, sys_poll},
};

constexpr PassThroughRow kPassThrough[] = {
    {SyscallId::ppoll, SYS_ppoll},
    {SyscallId::pselect6, SYS_pselect6},
};

}  // namespace

HandlerSet poll_syscalls() {
  return {kHandlers, kPassThrough};
}

}  // namespace xisa::os
