// What a syscall handler is, how each area file (sys_*.cpp) registers its handlers, and the
// helpers they share. A handler returns the raw Linux result: a value, or -errno.
#pragma once

#include <array>
#include <cerrno>
#include <cstdint>
#include <span>

#include "linux/process_state.h"
#include "linux/syscalls/syscall_table.h"

namespace xisa::os {

using Args = std::array<uint64_t, 6>;
using Handler = int64_t (*)(ProcessState& p, const Args& a);

// A handler written in xisa.
struct HandlerRow {
  SyscallId id;
  Handler handler;
};

// A syscall whose arguments mean the same to the host as to every guest (same numbers, same
// struct layouts, pointers 1:1): the host syscall is made with the guest's arguments, except
// that the arguments in path_args (bit i = argument i) go through map_guest_path.
// Bits of PassThroughRow::path_args.
constexpr uint8_t kArg0 = 1, kArg1 = 2, kArg2 = 4, kArg3 = 8;

struct PassThroughRow {
  SyscallId id;
  long host_nr;
  uint8_t path_args = 0;
};

struct HandlerSet {
  std::span<const HandlerRow> handlers;
  std::span<const PassThroughRow> pass_through;
};

// The areas, one per file.
HandlerSet process_syscalls();
HandlerSet memory_syscalls();
HandlerSet file_syscalls();
HandlerSet time_syscalls();
HandlerSet signal_syscalls();
HandlerSet net_syscalls();
HandlerSet poll_syscalls();
HandlerSet thread_syscalls();
HandlerSet fork_syscalls();
HandlerSet exec_syscalls();
HandlerSet event_syscalls();
HandlerSet sysv_ipc_syscalls();
HandlerSet signalfd_syscalls();

// A host syscall's result as Linux returns it: the value, or -errno.
int64_t host_syscall(long nr, const Args& a);
inline int64_t host_result(long r) {
  return r == -1 ? -int64_t{errno} : r;
}

// Guest errno values are the host's: all three 64-bit ABIs use the asm-generic errno numbers.

}  // namespace xisa::os
