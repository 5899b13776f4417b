// signalfd4 (and x86-64's signalfd) over SignalfdTable: the descriptor is a host eventfd, and
// reading it takes the guest's pending signals in its mask as struct signalfd_siginfo (the
// same 128 bytes on every ABI). read, close and the dup calls come here for such a descriptor
// (sys_file.cpp asks is_signalfd first).
#include "linux/syscalls/sys_signalfd.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>

#include <cstring>
#include <optional>

#include "linux/guest_memory.h"
#include "linux/host_signals.h"
#include "linux/signal_delivery.h"
#include "linux/syscalls/syscall_handlers.h"

namespace xisa::os {

namespace {

constexpr uint64_t kSigsetSize = 8;

// What the kernel's signalfd_copyinfo fills, by the kind of signal.
struct signalfd_siginfo to_signalfd_siginfo(const siginfo_t& si) {
  struct signalfd_siginfo out {};
  out.ssi_signo = static_cast<uint32_t>(si.si_signo);
  out.ssi_errno = si.si_errno;
  out.ssi_code = si.si_code;
  switch (si.si_code) {
    case SI_TIMER:
      out.ssi_tid = static_cast<uint32_t>(si.si_timerid);
      out.ssi_overrun = static_cast<uint32_t>(si.si_overrun);
      out.ssi_int = si.si_value.sival_int;
      out.ssi_ptr = reinterpret_cast<uint64_t>(si.si_value.sival_ptr);
      return out;
    case SI_QUEUE:
    case SI_MESGQ:
      out.ssi_pid = static_cast<uint32_t>(si.si_pid);
      out.ssi_uid = si.si_uid;
      out.ssi_int = si.si_value.sival_int;
      out.ssi_ptr = reinterpret_cast<uint64_t>(si.si_value.sival_ptr);
      return out;
    default:
      break;
  }
  if (si.si_signo == SIGCHLD && si.si_code > 0) {
    out.ssi_pid = static_cast<uint32_t>(si.si_pid);
    out.ssi_uid = si.si_uid;
    out.ssi_status = si.si_status;
    out.ssi_utime = static_cast<uint64_t>(si.si_utime);
    out.ssi_stime = static_cast<uint64_t>(si.si_stime);
  } else if ((si.si_signo == SIGSEGV || si.si_signo == SIGBUS || si.si_signo == SIGILL ||
              si.si_signo == SIGFPE || si.si_signo == SIGTRAP) &&
             si.si_code > 0) {
    out.ssi_addr = reinterpret_cast<uint64_t>(si.si_addr);
  } else if (si.si_signo == SIGIO && si.si_code > 0) {
    out.ssi_band = static_cast<uint32_t>(si.si_band);
    out.ssi_fd = si.si_fd;
  } else {  // kill, tkill, SI_USER and the like
    out.ssi_pid = static_cast<uint32_t>(si.si_pid);
    out.ssi_uid = si.si_uid;
  }
  return out;
}

// Resets the eventfd's count without blocking (whatever the guest set O_NONBLOCK to).
void drain(int fd) {
  struct pollfd pfd {
    fd, POLLIN, 0
  };
  uint64_t count;
  if (poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN)) [[maybe_unused]]
    const ssize_t n = read(fd, &count, sizeof count);
}

// The signals waiting for the calling thread: its own and the process's.
uint64_t pending_signals(ProcessState& p) {
  return p.thread().pending.pending() |
         with_shared_pending(p, [](SignalQueue& q) { return q.pending(); });
}

std::optional<siginfo_t> take_pending(ProcessState& p, uint64_t mask) {
  HostSignalsBlocked blocked;
  GuestThread& t = p.thread();
  std::optional<siginfo_t> got = t.pending.take(~mask);
  if (!got) got = with_shared_pending(p, [&](SignalQueue& q) { return q.take(~mask); });
  return got;
}

int64_t make_signalfd(ProcessState& p, uint64_t fd, uint64_t mask_addr, uint64_t size,
                      uint64_t flags) {
  if (size != kSigsetSize) return -EINVAL;
  if (flags & ~uint64_t{SFD_CLOEXEC | SFD_NONBLOCK}) return -EINVAL;
  uint64_t mask = 0;
  if (!read_guest(mask_addr, mask)) return -EFAULT;
  mask &= ~kUnblockableSignals;
  const int given = static_cast<int>(fd);
  if (given != -1) {
    if (!p.signalfds.set_mask(given, mask)) return -EINVAL;  // not a signalfd
    p.signalfds.notify_if_pending(given, mask, pending_signals(p));
    return given;
  }
  const int efd = eventfd(
      0, ((flags & SFD_CLOEXEC) ? EFD_CLOEXEC : 0) | ((flags & SFD_NONBLOCK) ? EFD_NONBLOCK : 0));
  if (efd < 0) return -errno;
  if (!p.signalfds.add(efd, mask)) {
    close(efd);
    return -EMFILE;
  }
  // Signals already pending in the mask make it readable at once.
  p.signalfds.notify_if_pending(efd, mask, pending_signals(p));
  return efd;
}

int64_t sys_signalfd4(ProcessState& p, const Args& a) {
  return make_signalfd(p, a[0], a[1], a[2], a[3]);
}

int64_t sys_signalfd(ProcessState& p, const Args& a) {  // x86-64: signalfd4 without flags
  return make_signalfd(p, a[0], a[1], a[2], 0);
}

constexpr HandlerRow kHandlers[] = {
    {SyscallId::signalfd4, sys_signalfd4},
    {SyscallId::signalfd, sys_signalfd},
};

}  // namespace

bool is_signalfd(const ProcessState& p, int fd) {
  return p.signalfds.find(fd, nullptr);
}

int64_t read_signalfd(ProcessState& p, int fd, uint64_t buf, uint64_t count) {
  constexpr size_t kRecord = sizeof(struct signalfd_siginfo);
  static_assert(kRecord == 128);
  if (count < kRecord) return -EINVAL;
  uint64_t mask = 0;
  p.signalfds.find(fd, &mask);
  for (;;) {
    drain(fd);
    size_t n = 0;
    while (n < count / kRecord) {
      const std::optional<siginfo_t> si = take_pending(p, mask);
      if (!si) break;
      const struct signalfd_siginfo rec = to_signalfd_siginfo(*si);
      if (!copy_to_guest(buf + n * kRecord, &rec, kRecord))
        return n ? int64_t(n * kRecord) : -EFAULT;
      ++n;
    }
    if (n) {
      // Still readable while more of its signals wait.
      p.signalfds.notify_if_pending(fd, mask, pending_signals(p));
      return static_cast<int64_t>(n * kRecord);
    }
    const int fl = fcntl(fd, F_GETFL);
    if (fl >= 0 && (fl & O_NONBLOCK)) return -EAGAIN;
    struct pollfd pfd {
      fd, POLLIN, 0
    };
    const int64_t r =
        host_syscall(SYS_ppoll, {reinterpret_cast<uint64_t>(&pfd), 1, 0, 0, kSigsetSize, 0});
    if (r < 0) return r;  // EINTR: another signal came, which the guest takes first
  }
}

HandlerSet signalfd_syscalls() {
  return {kHandlers, {}};
}

}  // namespace xisa::os
