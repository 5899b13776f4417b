// /proc files whose host content describes xisa rather than the guest: the guest opening one
// gets its own view (its mappings, command line, environment, auxiliary vector), as qemu-user
// gives it. The process's name (comm, status, stat) is the guest program's: xisa names its
// thread so at load.
#pragma once

#include <optional>
#include <string>

#include "linux/process_state.h"

namespace xisa::os {

// The content the guest reads for an absolute path, or nullopt when the host file serves.
std::optional<std::string> emulated_proc_file(const ProcessState& p, const std::string& path);

}  // namespace xisa::os
