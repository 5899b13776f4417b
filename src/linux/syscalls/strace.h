// --strace: one line per syscall in qemu-user's style, formatted from the table's argument
// kinds: `<tid> openat(AT_FDCWD,"/etc/passwd",O_RDONLY|O_CLOEXEC) = 3`.
#pragma once

#include <cstdint>
#include <string>

#include "linux/process_state.h"
#include "linux/syscalls/syscall_handlers.h"
#include "linux/syscalls/syscall_table.h"

namespace xisa::os {

// "name(arg,arg,...)": formatted before the call, while input strings are what the guest passed.
std::string format_call(const ProcessState& p, const SyscallDesc& desc, const Args& args);

// "3", "0x7f0000", or "-1 errno=2 (No such file or directory)".
std::string format_result(ArgKind kind, int64_t result);

// One argument, for the tests and for calls without a table row.
std::string format_arg(const ProcessState& p, ArgKind kind, uint64_t value, uint64_t next);

}  // namespace xisa::os
