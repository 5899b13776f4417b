// fork for clone/clone3 without CLONE_THREAD (sys_thread.cpp) and for fork/vfork.
#pragma once

#include "linux/process_state.h"

namespace xisa::os {

// A host fork for the calling guest thread: the child pid in the parent, 0 in the child.
int64_t fork_process(ProcessState& p, const CloneRequest& request);

}  // namespace xisa::os
