// The guest's signalfds, for the file calls that must treat them apart (read, close, dup).
#pragma once

#include <cstdint>

#include "linux/process_state.h"

namespace xisa::os {

bool is_signalfd(const ProcessState& p, int fd);
// read(2) on a signalfd: struct signalfd_siginfo records, or -EAGAIN/-EINTR/-EINVAL.
int64_t read_signalfd(ProcessState& p, int fd, uint64_t buf, uint64_t count);

}  // namespace xisa::os
