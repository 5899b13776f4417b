// Serves one guest syscall: table lookup by the guest ABI's number, the shared handler (or
// pass-through row, or -ENOSYS logged once), --strace output and per-name counts.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "linux/process_state.h"
#include "linux/syscalls/syscall_table.h"

namespace xisa::os {

// Calls per syscall, counted by id (a map keyed by name cost more than some syscalls do).
class SyscallCounts {
 public:
  void add(SyscallId id) { ++by_id_[static_cast<size_t>(id)]; }
  void add_unknown() { ++unknown_; }
  // {"name": calls} for every syscall made, and "unknown" for numbers the ABI does not have.
  std::map<std::string, uint64_t> by_name() const;

 private:
  std::vector<uint64_t> by_id_ = std::vector<uint64_t>(kSyscallIdCount);
  uint64_t unknown_ = 0;
};

// Runs the syscall described by args for process p; returns the raw result (value or -errno).
// When the calling thread asked to exit, the result is unused.
int64_t dispatch_syscall(ProcessState& p, const SyscallArgs& args, SyscallCounts& counts);

// True when the syscall has a handler or a pass-through row (false: it returns -ENOSYS).
bool syscall_implemented(SyscallId id);

}  // namespace xisa::os
