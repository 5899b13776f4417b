// Time syscalls. struct timespec, timeval, timezone, itimerval and tms are the same on every
// 64-bit ABI, and clock ids are shared, so every row passes through.
#include <sys/syscall.h>

#include "linux/syscalls/syscall_handlers.h"

namespace xisa::os {

namespace {

constexpr PassThroughRow kPassThrough[] = {
    {SyscallId::clock_gettime, SYS_clock_gettime},
    {SyscallId::clock_getres, SYS_clock_getres},
    {SyscallId::gettimeofday, SYS_gettimeofday},
    {SyscallId::nanosleep, SYS_nanosleep},
    {SyscallId::clock_nanosleep, SYS_clock_nanosleep},
    {SyscallId::times, SYS_times},
    {SyscallId::getitimer, SYS_getitimer},
};

}  // namespace

HandlerSet time_syscalls() {
  return {{}, kPassThrough};
}

}  // namespace xisa::os
