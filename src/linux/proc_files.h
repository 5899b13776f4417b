// /proc files whose host content describes xisa rather than the guest: the guest opening one
// gets its own view (its mappings, its command line), as qemu-user gives it.
#pragma once

#include <optional>
#include <string>

#include "linux/process_state.h"

namespace xisa::os {

// The content the guest reads for an absolute path, or nullopt when the host file serves.
std::optional<std::string> emulated_proc_file(const ProcessState& p, const std::string& path);

}  // namespace xisa::os
