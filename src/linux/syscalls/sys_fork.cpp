// New processes: fork, vfork and clone without CLONE_THREAD. The child is a copy of the whole
// emulator made by a host fork (guest memory, fd table, signal state, translations); only the
// calling thread goes on in it, as in Linux. A vfork (CLONE_VM|CLONE_VFORK, posix_spawn) is
// served as a fork: the child gets a copy of memory instead of sharing it until it execs.
#include "linux/syscalls/sys_fork.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>
#include <mutex>
#include <new>

#include "common/log.h"
#include "linux/guest_memory.h"
#include "linux/host_signals.h"
#include "linux/syscalls/syscall_handlers.h"

namespace xisa::os {

namespace {

constexpr uint64_t kCloneVm = 0x100, kCloneVfork = 0x4000, kCloneSettls = 0x80000,
                   kCloneParentSettid = 0x100000, kCloneChildCleartid = 0x200000,
                   kCloneChildSettid = 0x1000000, kExitSignalMask = 0xff;

// In the child: the calling thread is the only one; the others' slots are free again.
void keep_only(ProcessState& p, GuestThread& self, int tid) {
  for (auto& slot : p.thread_slots) {
    GuestThread* t = slot.load();
    if (!t) break;
    if (t == &self) continue;
    t->tid = 0;
    t->in_use = false;
  }
  self.tid = tid;
  p.live_threads = 1;
  // A thread that held the shared queue's spin lock at the fork is not here to release it.
  p.shared_pending_lock.clear(std::memory_order_release);
  HostSignalsBlocked blocked;
  while (self.pending.take(0)) {  // a child starts with no pending signals
  }
  with_shared_pending(p, [](SignalQueue& q) {
    while (q.take(0)) {
    }
    return 0;
  });
}

}  // namespace

int64_t fork_process(ProcessState& p, const CloneRequest& req) {
  const uint64_t f = req.flags;
  if ((f & kCloneVm) && !(f & kCloneVfork)) {
    if (p.warn_once("clone-vm-process"))
      log::warn(
          "clone of a process sharing memory without CLONE_VFORK (flags {:#x}) is not "
          "supported, returning -EINVAL",
          f);
    return -EINVAL;
  }
  if ((f & kExitSignalMask) != SIGCHLD && (f & kExitSignalMask) != 0 &&
      p.warn_once("clone-exit-signal"))
    log::warn("clone: the child's exit signal {} is SIGCHLD under xisa", f & kExitSignalMask);
  GuestThread& self = p.thread();
  void* state = p.guest_state();
  // No other thread is half-way through the memory map while the host forks. The child's
  // copy of the lock names a thread that does not exist there: it gets a new one.
  p.mutex.lock();
  if (p.fork_hooks.before) p.fork_hooks.before();
  pid_t pid;
  {
    // The child starts with host signals blocked until keep_only has emptied its queues: a
    // signal the parent sends as soon as fork returns waits in the host kernel meanwhile,
    // instead of being queued and then dropped with what the child must not inherit.
    HostSignalsBlocked blocked;
    pid = fork();
    if (pid == 0) {
      new (&p.mutex) std::recursive_mutex();
      keep_only(p, self, static_cast<int>(gettid()));
      if (p.fork_hooks.child) p.fork_hooks.child();
    } else {
      if (p.fork_hooks.parent) p.fork_hooks.parent();
      p.mutex.unlock();
    }
  }
  if (pid < 0) return -errno;
  if (pid > 0) {
    if ((f & kCloneParentSettid) && req.parent_tid) write_guest(req.parent_tid, int32_t{pid});
    return pid;
  }
  // The child.
  const int tid = self.tid.load();
  if ((f & kCloneChildSettid) && req.child_tid) write_guest(req.child_tid, int32_t{tid});
  self.clear_child_tid = (f & kCloneChildCleartid) ? req.child_tid : 0;
  if (req.stack) p.arch.set_entry(state, static_cast<CpuHeader*>(state)->pc, req.stack);
  if (f & kCloneSettls) {
    p.arch.set_thread_pointer(state, req.tls);
    self.fs_base = req.tls;
  }
  self.forked_child = true;
  return 0;
}

namespace {

// x86-64's own fork and vfork.
int64_t sys_fork(ProcessState& p, const Args&) {
  CloneRequest req;
  req.flags = SIGCHLD;
  return fork_process(p, req);
}

int64_t sys_vfork(ProcessState& p, const Args&) {
  CloneRequest req;
  req.flags = kCloneVm | kCloneVfork | SIGCHLD;
  return fork_process(p, req);
}

constexpr HandlerRow kHandlers[] = {
    {SyscallId::fork, sys_fork},
    {SyscallId::vfork, sys_vfork},
};

// Waiting and process groups: pids are host pids, struct rusage and siginfo_t have the same
// layout on every 64-bit ABI.
constexpr PassThroughRow kPassThrough[] = {
    {SyscallId::wait4, SYS_wait4},
    {SyscallId::waitid, SYS_waitid},
    {SyscallId::setpgid, SYS_setpgid},
    {SyscallId::setsid, SYS_setsid},
};

}  // namespace

HandlerSet fork_syscalls() {
  return {kHandlers, kPassThrough};
}

}  // namespace xisa::os
