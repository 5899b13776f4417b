// The AArch64 kernel's rt_sigframe: siginfo, ucontext (sigcontext with fpsimd_context and, for
// faults, esr_context records), and the frame record above it (arch/arm64/kernel/signal.c).
#pragma once

#include "guest/guest_arch.h"

namespace xisa::aarch64 {

bool push_signal_frame(void* state, const SignalFrameSpec& spec, GuestMemoryWrite write);
std::optional<uint64_t> pop_signal_frame(void* state, GuestMemoryRead read);
std::span<const uint8_t> sigreturn_code();

}  // namespace xisa::aarch64
