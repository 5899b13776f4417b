// The x86-64 kernel's rt_sigframe: pretcode, ucontext (sigcontext, uc_sigmask), siginfo, and
// the XSAVE-format fpstate above them (arch/x86/kernel/signal_64.c, fpu/signal.c).
#pragma once

#include "guest/guest_arch.h"

namespace xisa::x86_64 {

bool push_signal_frame(void* state, const SignalFrameSpec& spec, GuestMemoryWrite write);
std::optional<uint64_t> pop_signal_frame(void* state, GuestMemoryRead read);
std::span<const uint8_t> sigreturn_code();

}  // namespace xisa::x86_64
