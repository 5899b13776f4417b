// A blocking host syscall made for the guest that a guest signal cannot slip past: if a
// signal was queued for the thread before the syscall instruction (its exit-request bit is
// set), the call returns -EINTR without blocking, and a signal that arrives between that
// check and the instruction moves the thread to the same -EINTR (the host signal handler
// calls safe_syscall_fixup). Without it a signal arriving just before, say, a read on a pipe
// would wait for the read to end. qemu-user's safe_syscall does the same. On x86-64, AArch64
// and RISC-V64 hosts; elsewhere it is a plain syscall.
#pragma once

#include <cstdint>

namespace xisa::os {

// The raw kernel result: a value or -errno.
long safe_syscall(const volatile uint32_t* exit_request, long nr, long a0, long a1, long a2,
                  long a3, long a4, long a5);

// In a host signal handler: if the interrupted thread was between the check and the syscall
// instruction, make it return -EINTR instead. ucontext is the handler's third argument.
void safe_syscall_fixup(void* ucontext);

}  // namespace xisa::os
