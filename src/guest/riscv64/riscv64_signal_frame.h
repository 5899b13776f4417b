// The RISC-V kernel's rt_sigframe: siginfo and ucontext, whose sigcontext holds the integer
// registers (pc first) and the F/D state (arch/riscv/kernel/signal.c).
#pragma once

#include "guest/guest_arch.h"

namespace xisa::riscv64 {

bool push_signal_frame(void* state, const SignalFrameSpec& spec, GuestMemoryWrite write);
std::optional<uint64_t> pop_signal_frame(void* state, GuestMemoryRead read);
std::span<const uint8_t> sigreturn_code();

}  // namespace xisa::riscv64
