// Guest buffers that a syscall hands to the host kernel. Guest addresses are host addresses,
// so a guest pointer into xisa's own memory (its heap, code cache, stacks) would let the
// kernel read or overwrite xisa for the guest. Natively that memory is not mapped at all: the
// kernel stops at the first unmapped byte or fails with EFAULT. These checks give the guest
// exactly that view, using the guest mapping set.
#pragma once

#include <sys/uio.h>

#include <vector>

#include "linux/syscalls/syscall_handlers.h"
#include "linux/syscalls/syscall_table.h"

namespace xisa::os {

class GuestBufferCheck {
 public:
  // Checks (and where Linux would stop early, cuts) the buffers of the call in args. False:
  // the call must fail with EFAULT. May point an argument at an iovec copy held by this object.
  bool apply(SyscallId id, Args& args);

 private:
  bool cut_iovecs(uint64_t& array, uint64_t& count, int prot);
  std::vector<struct iovec> iov_;
};

// Every pointer argument of a pass-through call (kind Ptr, Str or InBuf, not NULL) must start
// in guest memory; false when one does not.
bool pointer_args_in_guest_memory(const SyscallDesc& desc, const Args& args);

}  // namespace xisa::os
