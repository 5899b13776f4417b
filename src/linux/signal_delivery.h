// Guest signal dispositions and delivery, shared by the three guests: which pending signal
// goes next, default actions, the alternate stack, the mask while a handler runs, and whether
// an interrupted syscall is made again. Frames are the guests' own (GuestArch).
#pragma once

#include <signal.h>

#include <optional>

#include "linux/process_state.h"

namespace xisa::os {

inline constexpr uint64_t kSaNoCldStop = 1, kSaSiginfo = 4, kSaOnStack = 0x08000000,
                          kSaRestart = 0x10000000, kSaNoDefer = 0x40000000,
                          kSaResetHand = 0x80000000, kSaRestorer = 0x04000000;
inline constexpr uint64_t kUnblockableSignals = signal_bit(SIGKILL) | signal_bit(SIGSTOP);

enum class DefaultAction : uint8_t { Terminate, Ignore, Stop, Continue };
DefaultAction default_action(int sig);

// Whether signal sig, if delivered now, runs a guest handler (not ignored, not default).
bool runs_handler(const ProcessState& p, int sig);

// The lowest pending signal the thread lets through, left queued.
std::optional<int> next_deliverable(ProcessState& p, GuestThread& t);

// Whether sp is on the thread's (enabled) alternate signal stack.
bool on_alternate_stack(const GuestThread& t, uint64_t sp);

// The thread's mask changed: signals it now lets through may be waiting.
void mask_changed(ProcessState& p, GuestThread& t);

}  // namespace xisa::os
