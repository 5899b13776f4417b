// Serves one guest syscall: table lookup by the guest ABI's number, the shared handler (or
// pass-through row, or -ENOSYS logged once), --strace output and per-name counts.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "linux/process_state.h"
#include "linux/syscalls/syscall_table.h"

namespace xisa::os {

// Runs the syscall described by args for process p; returns the raw result (value or -errno).
// When p.exit_requested is set afterwards, the process ends and the result is unused.
int64_t dispatch_syscall(ProcessState& p, const SyscallArgs& args,
                         std::map<std::string, uint64_t>& counts);

// True when the syscall has a handler or a pass-through row (false: it returns -ENOSYS).
bool syscall_implemented(SyscallId id);

}  // namespace xisa::os
