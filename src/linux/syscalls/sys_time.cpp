// Time syscalls. struct timespec, timeval, timezone, itimerval, itimerspec, sigevent and tms
// are the same on every 64-bit ABI, and clock ids are shared, so the rows pass through; the
// signals timers raise reach the guest through the host handlers. The clocks a program reads
// in a loop go through the host's libc, whose vDSO answers without entering the kernel.
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>

#include "linux/guest_memory.h"
#include "linux/syscalls/syscall_handlers.h"

namespace xisa::os {

namespace {

// x86-64 only, and absent from other hosts' syscall tables: ITIMER_REAL through setitimer,
// as the kernel implements it (the old value rounded to the nearest second, at least 1).
int64_t sys_alarm(ProcessState&, const Args& a) {
  struct itimerval next {
  }, old{};
  next.it_value.tv_sec = static_cast<time_t>(a[0] & 0xffffffff);
  if (setitimer(ITIMER_REAL, &next, &old) != 0) return -errno;
  int64_t secs = old.it_value.tv_sec;
  if ((old.it_value.tv_usec >= 500000) || (secs == 0 && old.it_value.tv_usec > 0)) ++secs;
  return secs;
}

// The kernel reads the clock first (EINVAL for a bad id), then copies out (EFAULT).
int64_t sys_clock_gettime(ProcessState&, const Args& a) {
  struct timespec ts {};
  if (clock_gettime(static_cast<clockid_t>(a[0]), &ts) != 0) return -errno;
  return write_guest(a[1], ts) ? 0 : -EFAULT;
}

// Both pointers may be NULL; each non-NULL one is written. libc's gettimeofday zeroes a
// timezone instead of reading the kernel's, so a call that wants one makes the syscall.
int64_t sys_gettimeofday(ProcessState&, const Args& a) {
  struct timeval tv {};
  struct timezone tz {};
  const long r = a[1] ? syscall(SYS_gettimeofday, &tv, &tz) : gettimeofday(&tv, nullptr);
  if (r != 0) return -errno;
  if (a[0] && !write_guest(a[0], tv)) return -EFAULT;
  if (a[1] && !write_guest(a[1], tz)) return -EFAULT;
  return 0;
}

constexpr HandlerRow kHandlers[] = {
    {SyscallId::alarm, sys_alarm},
    {SyscallId::clock_gettime, sys_clock_gettime},
    {SyscallId::gettimeofday, sys_gettimeofday},
};

constexpr PassThroughRow kPassThrough[] = {
    {SyscallId::clock_getres, SYS_clock_getres},
    {SyscallId::nanosleep, SYS_nanosleep},
    {SyscallId::clock_nanosleep, SYS_clock_nanosleep},
    {SyscallId::times, SYS_times},
    {SyscallId::getitimer, SYS_getitimer},
    {SyscallId::setitimer, SYS_setitimer},
    {SyscallId::timer_create, SYS_timer_create},
    {SyscallId::timer_settime, SYS_timer_settime},
    {SyscallId::timer_gettime, SYS_timer_gettime},
    {SyscallId::timer_getoverrun, SYS_timer_getoverrun},
    {SyscallId::timer_delete, SYS_timer_delete},
};

}  // namespace

HandlerSet time_syscalls() {
  return {kHandlers, kPassThrough};
}

}  // namespace xisa::os
