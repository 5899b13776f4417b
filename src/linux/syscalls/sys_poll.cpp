// Waiting on file descriptors: struct pollfd, fd_set, timespec and pselect6's sigset argument
// are the same on every 64-bit ABI. The sigmask they install lasts only for the wait, and guest
// signal delivery is not written yet, so the guest's mask goes to the host as it is.
#include <sys/syscall.h>
#include <sys/time.h>

#include <ctime>

#include "linux/guest_memory.h"
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

// x86-64's select(n, r, w, e, struct timeval*), through pselect6; like Linux, it writes the
// time left back into the guest's timeval.
int64_t sys_select(ProcessState&, const Args& a) {
  struct timespec ts {};
  if (a[4]) {
    struct timeval tv;
    if (!copy_from_guest(&tv, a[4], sizeof tv)) return -EFAULT;
    if (tv.tv_sec < 0 || tv.tv_usec < 0) return -EINVAL;
    // Linux normalises a tv_usec of a second or more; a sum past the limit waits "forever".
    if (__builtin_add_overflow(tv.tv_sec, tv.tv_usec / 1000000, &ts.tv_sec))
      ts.tv_sec = INT64_MAX;
    ts.tv_nsec = (tv.tv_usec % 1000000) * 1000;
  }
  const int64_t r = host_syscall(
      SYS_pselect6, {a[0], a[1], a[2], a[3], a[4] ? reinterpret_cast<uint64_t>(&ts) : 0, 0});
  if (a[4] && r != -EFAULT) {
    const struct timeval left { ts.tv_sec, ts.tv_nsec / 1000 };
    if (!copy_to_guest(a[4], &left, sizeof left)) return -EFAULT;
  }
  return r;
}

constexpr HandlerRow kHandlers[] = {
    {SyscallId::poll, sys_poll},
    {SyscallId::select, sys_select},
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
