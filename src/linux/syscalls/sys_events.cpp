// Event file descriptors: epoll, eventfd, timerfd, inotify and pidfd. Their flags are O_CLOEXEC
// and O_NONBLOCK, which every 64-bit ABI numbers alike, and struct itimerspec, inotify_event
// and siginfo are the same everywhere; only struct epoll_event differs (packed on x86-64), so
// epoll_ctl and the epoll waits convert it.
#include <sys/epoll.h>
#include <sys/syscall.h>

#include <algorithm>
#include <vector>

#include "linux/guest_memory.h"
#include "linux/syscalls/struct_layouts.h"
#include "linux/syscalls/syscall_handlers.h"

namespace xisa::os {

namespace {

// Linux's limit on maxevents; a wait returns at most this many events at a time here, which
// Linux allows (the rest stay ready for the next wait).
constexpr int64_t kEpMaxEvents = INT32_MAX / 12;
constexpr int kEventsPerWait = 1024;

int64_t sys_epoll_create1(ProcessState&, const Args& a) {
  return host_syscall(SYS_epoll_create1, {a[0]});
}

int64_t sys_epoll_create(ProcessState&, const Args& a) {  // x86-64: size is only checked
  if (static_cast<int>(a[0]) <= 0) return -EINVAL;
  return host_syscall(SYS_epoll_create1, {0});
}

int64_t sys_epoll_ctl(ProcessState& p, const Args& a) {
  constexpr uint64_t kEpollCtlDel = 2;
  const SyscallAbi abi = p.arch.syscall_abi();
  struct epoll_event host {};
  uint64_t host_ptr = 0;
  if (a[1] != kEpollCtlDel || a[3] != 0) {  // DEL ignores the event (may be NULL)
    uint8_t bytes[16];
    if (!copy_from_guest(bytes, a[3], guest_epoll_event_size(abi))) return -EFAULT;
    const GuestEpollEvent e = decode_epoll_event(abi, bytes);
    host.events = e.events;
    host.data.u64 = e.data;
    host_ptr = reinterpret_cast<uint64_t>(&host);
  }
  return host_syscall(SYS_epoll_ctl, {a[0], a[1], a[2], host_ptr});
}

// epoll_pwait/epoll_pwait2 with the host's layout, then the ready events in the guest's.
int64_t epoll_wait_converted(ProcessState& p, long host_nr, const Args& a) {
  const int64_t max_events = static_cast<int>(a[2]);
  if (max_events <= 0 || max_events > kEpMaxEvents) return -EINVAL;
  std::vector<struct epoll_event> host(std::min<int64_t>(max_events, kEventsPerWait));
  const int64_t n = host_syscall(
      host_nr, {a[0], reinterpret_cast<uint64_t>(host.data()), host.size(), a[3], a[4], a[5]});
  if (n <= 0) return n;
  const SyscallAbi abi = p.arch.syscall_abi();
  const size_t size = guest_epoll_event_size(abi);
  std::vector<uint8_t> out(size * static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i)
    encode_epoll_event(abi, {host[i].events, host[i].data.u64}, out.data() + i * size);
  return copy_to_guest(a[1], out.data(), out.size()) ? n : -EFAULT;
}

int64_t sys_epoll_pwait(ProcessState& p, const Args& a) {
  return epoll_wait_converted(p, SYS_epoll_pwait, a);
}
int64_t sys_epoll_pwait2(ProcessState& p, const Args& a) {
  return epoll_wait_converted(p, SYS_epoll_pwait2, a);
}
int64_t sys_epoll_wait(ProcessState& p, const Args& a) {  // x86-64: no sigmask
  return epoll_wait_converted(p, SYS_epoll_pwait, {a[0], a[1], a[2], a[3], 0, 8});
}

int64_t sys_eventfd(ProcessState&, const Args& a) {  // x86-64: eventfd2 without flags
  return host_syscall(SYS_eventfd2, {a[0], 0});
}

int64_t sys_inotify_init(ProcessState&, const Args&) {  // x86-64: inotify_init1 without flags
  return host_syscall(SYS_inotify_init1, {0});
}

constexpr HandlerRow kHandlers[] = {
    {SyscallId::epoll_create1, sys_epoll_create1},
    {SyscallId::epoll_create, sys_epoll_create},
    {SyscallId::epoll_ctl, sys_epoll_ctl},
    {SyscallId::epoll_pwait, sys_epoll_pwait},
    {SyscallId::epoll_pwait2, sys_epoll_pwait2},
    {SyscallId::epoll_wait, sys_epoll_wait},
    {SyscallId::eventfd, sys_eventfd},
    {SyscallId::inotify_init, sys_inotify_init},
};

constexpr PassThroughRow kPassThrough[] = {
    {SyscallId::eventfd2, SYS_eventfd2},
    {SyscallId::timerfd_create, SYS_timerfd_create},
    {SyscallId::timerfd_settime, SYS_timerfd_settime},
    {SyscallId::timerfd_gettime, SYS_timerfd_gettime},
    {SyscallId::inotify_init1, SYS_inotify_init1},
    {SyscallId::inotify_add_watch, SYS_inotify_add_watch, kArg1},
    {SyscallId::inotify_rm_watch, SYS_inotify_rm_watch},
    {SyscallId::pidfd_open, SYS_pidfd_open},
    {SyscallId::pidfd_send_signal, SYS_pidfd_send_signal},
    {SyscallId::pidfd_getfd, SYS_pidfd_getfd},
};

}  // namespace

HandlerSet event_syscalls() {
  return {kHandlers, kPassThrough};
}

}  // namespace xisa::os
