// The syscall dispatch: one handler slot per SyscallId, filled from the area files' rows.
#include "linux/syscalls/syscall_dispatch.h"

#include <fmt/format.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <cstdio>

#include "common/log.h"
#include "linux/guest_paths.h"
#include "linux/safe_syscall.h"
#include "linux/syscalls/guest_buffer_check.h"
#include "linux/syscalls/strace.h"
#include "linux/syscalls/syscall_handlers.h"
#include "linux/syscalls/syscall_table.h"

namespace xisa::os {

namespace {

struct Slot {
  Handler handler = nullptr;
  const PassThroughRow* pass_through = nullptr;
};

using SlotTable = std::array<Slot, kSyscallIdCount>;

SlotTable build_slots() {
  SlotTable slots{};
  const HandlerSet areas[] = {process_syscalls(), memory_syscalls(), file_syscalls(),
                              time_syscalls(),    signal_syscalls(), net_syscalls(),
                              poll_syscalls(),    thread_syscalls(), fork_syscalls(),
                              exec_syscalls(),    event_syscalls(),  sysv_ipc_syscalls(),
                              signalfd_syscalls()};
  for (const HandlerSet& area : areas) {
    for (const HandlerRow& row : area.handlers)
      slots[static_cast<size_t>(row.id)].handler = row.handler;
    for (const PassThroughRow& row : area.pass_through)
      slots[static_cast<size_t>(row.id)].pass_through = &row;
  }
  return slots;
}

const SlotTable& slots() {
  static const SlotTable table = build_slots();
  return table;
}

int64_t pass_through(ProcessState& p, const PassThroughRow& row, const Args& a) {
  Args host = a;
  HostPath paths[6];
  for (size_t i = 0; i < host.size(); ++i) {
    if (row.path_args & (1u << i)) {
      paths[i] = map_guest_path(p, a[i]);
      host[i] = paths[i].ptr();
    }
  }
  return host_syscall(row.host_nr, host);
}

void print_strace(const std::string& line) {
  // One write per line so that lines stay whole next to the guest's own stderr output.
  const std::string out = fmt::format("{} {}\n", gettid(), line);
  std::fwrite(out.data(), 1, out.size(), stderr);
}

}  // namespace

bool syscall_implemented(SyscallId id) {
  const Slot& slot = slots()[static_cast<size_t>(id)];
  return slot.handler || slot.pass_through;
}

namespace {

// Host syscalls that can block until a signal comes: they go through safe_syscall, as
// qemu-user's safe_* calls do. Others complete whatever is pending, as in Linux.
bool may_block(long nr) {
  switch (nr) {
    case SYS_read:
    case SYS_write:
    case SYS_readv:
    case SYS_writev:
    case SYS_pread64:
    case SYS_pwrite64:
    case SYS_preadv:
    case SYS_pwritev:
    case SYS_preadv2:
    case SYS_pwritev2:
    case SYS_openat:
    case SYS_recvfrom:
    case SYS_recvmsg:
    case SYS_recvmmsg:
    case SYS_sendto:
    case SYS_sendmsg:
    case SYS_sendmmsg:
    case SYS_accept:
    case SYS_accept4:
    case SYS_connect:
    case SYS_wait4:
    case SYS_waitid:
    case SYS_futex:
    case SYS_futex_waitv:
    case SYS_nanosleep:
    case SYS_clock_nanosleep:
    case SYS_ppoll:
    case SYS_pselect6:
    case SYS_epoll_pwait:
    case SYS_epoll_pwait2:
    case SYS_flock:
    case SYS_fcntl:
    case SYS_msgrcv:
    case SYS_msgsnd:
    case SYS_semtimedop:
    case SYS_io_getevents:
    case SYS_splice:
    case SYS_sendfile:
      return true;
    default:
      return false;
  }
}

}  // namespace

// A guest signal queued before a call that may block interrupts it (safe_syscall).
int64_t host_syscall(long nr, const Args& a) {
  const GuestThread* t = current_thread();
  const volatile uint32_t* flag =
      t && t->state && may_block(nr) ? &t->header()->exit_request : nullptr;
  auto arg = [&](int i) { return static_cast<long>(a[i]); };
  return safe_syscall(flag, nr, arg(0), arg(1), arg(2), arg(3), arg(4), arg(5));
}

std::map<std::string, uint64_t> SyscallCounts::by_name() const {
  std::map<std::string, uint64_t> out;
  for (size_t id = 0; id < by_id_.size(); ++id)
    if (by_id_[id]) out[std::string(syscall_name(static_cast<SyscallId>(id)))] = by_id_[id];
  if (unknown_) out["unknown"] = unknown_;
  return out;
}

int64_t dispatch_syscall(ProcessState& p, const SyscallArgs& args, SyscallCounts& counts) {
  const SyscallDesc* desc = find_syscall(p.arch.syscall_abi(), args.nr);
  if (!desc) {
    counts.add_unknown();
    if (p.warn_once(fmt::format("nr-{}", args.nr)))
      log::warn("unknown syscall {} for {}, returning -ENOSYS", args.nr, p.arch.name());
    if (p.config.strace)
      print_strace(
          fmt::format("syscall_{}(...) = {}", args.nr, format_result(ArgKind::Int, -ENOSYS)));
    return -ENOSYS;
  }
  counts.add(desc->id);
  const std::string call = p.config.strace ? format_call(p, *desc, args.args) : std::string{};
  const Slot& slot = slots()[static_cast<size_t>(desc->id)];
  int64_t result;
  GuestBufferCheck buffers;  // holds the cut iovec arrays until the call is made
  Args checked = args.args;
  if (!slot.handler && !slot.pass_through) {
    if (p.warn_once(std::string(desc->name)))
      log::warn("syscall {} ({}) not implemented, returning -ENOSYS", desc->name, desc->nr);
    result = -ENOSYS;
  } else if ((slot.pass_through && !pointer_args_in_guest_memory(*desc, checked)) ||
             !buffers.apply(desc->id, checked)) {
    result = -EFAULT;
  } else if (slot.handler) {
    result = slot.handler(p, checked);
  } else {
    result = pass_through(p, *slot.pass_through, checked);
  }
  if (p.config.strace) {
    if (p.thread().exit_thread || p.thread().exit_process)
      print_strace(call);
    else
      print_strace(fmt::format("{} = {}", call, format_result(desc->result, result)));
  }
  return result;
}

}  // namespace xisa::os
