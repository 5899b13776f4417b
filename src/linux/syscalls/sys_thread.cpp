// Thread syscalls: clone/clone3 for threads, exit vs exit_group, set_tid_address, robust
// futex lists, futexes (guest addresses are host addresses, and every futex argument has the
// same layout on the three 64-bit ABIs, so the host's futex serves them), scheduling, prctl.
#include <linux/futex.h>
#include <linux/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "common/log.h"
#include "linux/guest_memory.h"
#include "linux/syscalls/sys_fork.h"
#include "linux/syscalls/syscall_handlers.h"

namespace xisa::os {

namespace {

constexpr uint64_t kCloneVm = 0x100, kCloneFs = 0x200, kCloneFiles = 0x400, kCloneSighand = 0x800,
                   kCloneVfork = 0x4000, kCloneThread = 0x10000, kCloneSettls = 0x80000,
                   kCloneCsignal = 0xff, kCloneIntoCgroup = 0x200000000;

int64_t start_thread_or_process(ProcessState& p, const CloneRequest& req) {
  const uint64_t f = req.flags;
  if (!(f & kCloneThread)) return fork_process(p, req);  // a new process
  if (!(f & kCloneVm)) return -EINVAL;
  // CLONE_THREAD needs CLONE_SIGHAND, which needs CLONE_VM (the kernel's rules).
  if (!(f & kCloneSighand) || (f & kCloneVfork) || (f & kCloneCsignal) || (f & kCloneIntoCgroup))
    return -EINVAL;
  if (!(f & kCloneFs) || !(f & kCloneFiles)) {
    if (p.warn_once("clone-unshared"))
      log::warn(
          "clone of a thread that does not share files or fs info (flags {:#x}): "
          "they are shared anyway",
          f);
  }
  if (!p.spawn_thread) return -ENOSYS;
  void* parent = p.guest_state();
  GuestThread* child = new_guest_thread(p);
  if (!child) return -EAGAIN;
  void* state = child->state;
  std::memcpy(state, parent, p.arch.state_size());
  auto* header = static_cast<CpuHeader*>(state);
  header->exit_request = 0;
  p.arch.set_entry(state, header->pc, req.stack ? req.stack : p.arch.stack_pointer(parent));
  p.arch.set_syscall_result(state, 0);
  child->sigmask = p.thread().sigmask.load();
  child->fs_base = p.thread().fs_base;
  child->gs_base = p.thread().gs_base;
  if (f & kCloneSettls) {
    p.arch.set_thread_pointer(state, req.tls);
    child->fs_base = req.tls;
  }
  const int64_t tid = p.spawn_thread(child, req);
  if (tid < 0) release_guest_thread(p, child);
  return tid;
}

// clone's arguments: x86-64 has (flags, stack, parent_tid, child_tid, tls); AArch64 and
// RISC-V have CLONE_BACKWARDS: (flags, stack, parent_tid, tls, child_tid).
int64_t sys_clone(ProcessState& p, const Args& a) {
  CloneRequest req;
  req.flags = a[0];
  req.stack = a[1];
  req.parent_tid = a[2];
  const bool x86 = p.arch.syscall_abi() == SyscallAbi::X86_64;
  req.child_tid = x86 ? a[3] : a[4];
  req.tls = x86 ? a[4] : a[3];
  return start_thread_or_process(p, req);
}

// struct clone_args: u64 flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size,
// tls, set_tid, set_tid_size, cgroup.
int64_t sys_clone3(ProcessState& p, const Args& a) {
  constexpr size_t kMinSize = 64, kMaxSize = 88;
  if (a[1] < kMinSize || a[1] > 4096) return -EINVAL;
  uint64_t args[11] = {};
  if (!copy_from_guest(args, a[0], std::min<size_t>(a[1], kMaxSize))) return -EFAULT;
  if (args[4] > 64 || args[8] != 0 || args[9] != 0) return -EINVAL;  // exit_signal, set_tid
  CloneRequest req;
  req.flags = args[0] | args[4];  // the exit signal where clone has it, in the low byte
  req.child_tid = args[2];
  req.parent_tid = args[3];
  if ((args[5] == 0) != (args[6] == 0)) return -EINVAL;
  req.stack = args[5] ? args[5] + args[6] : 0;
  req.tls = args[7];
  return start_thread_or_process(p, req);
}

int64_t sys_exit(ProcessState& p, const Args& a) {
  p.thread().exit_thread = true;
  p.thread().exit_status = static_cast<int>(a[0] & 0xff);
  return 0;
}

int64_t sys_exit_group(ProcessState& p, const Args& a) {
  p.thread().exit_process = true;
  p.thread().exit_status = static_cast<int>(a[0] & 0xff);
  return 0;
}

int64_t sys_set_tid_address(ProcessState& p, const Args& a) {
  p.thread().clear_child_tid = a[0];
  return p.thread().tid.load();
}

int64_t sys_set_robust_list(ProcessState& p, const Args& a) {
  if (a[1] != 24) return -EINVAL;  // sizeof(struct robust_list_head) on 64-bit
  p.thread().robust_list_head = a[0];
  p.thread().robust_list_len = a[1];
  return 0;
}

int64_t sys_get_robust_list(ProcessState& p, const Args& a) {
  GuestThread* t = nullptr;
  if (a[0] == 0) {
    t = &p.thread();
  } else {
    std::lock_guard lock(p.mutex);
    for (auto& slot : p.thread_slots) {
      GuestThread* u = slot.load();
      if (!u) break;
      if (u->tid.load() == static_cast<int>(a[0])) t = u;
    }
  }
  if (!t) return -ESRCH;
  if (!write_guest(a[1], t->robust_list_head) || !write_guest(a[2], t->robust_list_len))
    return -EFAULT;
  return 0;
}

// glibc probes rseq at every start and does without it: not implemented, and not worth a
// warning either.
int64_t sys_rseq(ProcessState&, const Args&) {
  return -ENOSYS;
}

// prctl: the options that concern a thread's name, death signal and dumpability mean the
// same to the host; anything else (seccomp, capabilities, tagged addresses...) is refused.
int64_t sys_prctl(ProcessState& p, const Args& a) {
  switch (a[0]) {
    case PR_SET_NAME:
    case PR_GET_NAME:
    case PR_SET_PDEATHSIG:
    case PR_GET_PDEATHSIG:
    case PR_GET_DUMPABLE:
    case PR_SET_DUMPABLE:
    case PR_SET_NO_NEW_PRIVS:
    case PR_GET_NO_NEW_PRIVS:
    case PR_SET_CHILD_SUBREAPER:
    case PR_GET_CHILD_SUBREAPER:
    case PR_SET_TIMERSLACK:
    case PR_GET_TIMERSLACK:
    case PR_SET_KEEPCAPS:
    case PR_GET_KEEPCAPS:
    case PR_CAPBSET_READ:
      return host_syscall(SYS_prctl, a);
    default:
      if (p.warn_once(fmt::format("prctl-{}", a[0])))
        log::warn("prctl option {} is not supported, returning -EINVAL", a[0]);
      return -EINVAL;
  }
}

constexpr HandlerRow kHandlers[] = {
    {SyscallId::clone, sys_clone},
    {SyscallId::clone3, sys_clone3},
    {SyscallId::exit, sys_exit},
    {SyscallId::exit_group, sys_exit_group},
    {SyscallId::set_tid_address, sys_set_tid_address},
    {SyscallId::set_robust_list, sys_set_robust_list},
    {SyscallId::get_robust_list, sys_get_robust_list},
    {SyscallId::rseq, sys_rseq},
    {SyscallId::prctl, sys_prctl},
};

constexpr PassThroughRow kPassThrough[] = {
    {SyscallId::futex, SYS_futex},
    {SyscallId::futex_waitv, SYS_futex_waitv},
    {SyscallId::gettid, SYS_gettid},
    {SyscallId::sched_yield, SYS_sched_yield},
    {SyscallId::sched_getaffinity, SYS_sched_getaffinity},
    {SyscallId::sched_setaffinity, SYS_sched_setaffinity},
    {SyscallId::sched_getparam, SYS_sched_getparam},
    {SyscallId::sched_setparam, SYS_sched_setparam},
    {SyscallId::sched_getscheduler, SYS_sched_getscheduler},
    {SyscallId::sched_setscheduler, SYS_sched_setscheduler},
    {SyscallId::sched_get_priority_max, SYS_sched_get_priority_max},
    {SyscallId::sched_get_priority_min, SYS_sched_get_priority_min},
    {SyscallId::sched_rr_get_interval, SYS_sched_rr_get_interval},
    {SyscallId::sched_getattr, SYS_sched_getattr},
    {SyscallId::sched_setattr, SYS_sched_setattr},
    {SyscallId::getcpu, SYS_getcpu},
    {SyscallId::membarrier, SYS_membarrier},
};

}  // namespace

HandlerSet thread_syscalls() {
  return {kHandlers, kPassThrough};
}

}  // namespace xisa::os
