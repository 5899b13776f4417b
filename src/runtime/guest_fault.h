// Turns a host SIGSEGV/SIGBUS raised by a guest memory access (in an engine or in the
// translator's fetch) into a guest fault the dispatcher can report with the guest pc.
#pragma once

#include <csetjmp>
#include <cstdint>

namespace xisa::runtime {

struct GuestFault {
  int signo = 0;
  int code = 0;
  uint64_t address = 0;
  // No signal: a store into the running translation (running_code.h); the state is at the
  // storing instruction, which must run again alone.
  bool restart_instruction = false;
};

void handle_host_fault(int signo, void* siginfo);

// An engine running host code for the guest (the JIT) writes the guest pc and the guest
// registers it holds in host registers back into the state from the host context, before the
// fault is reported (Report); or resolves the fault (a write to code it protected) and the
// faulting host instruction runs again (Retry); or, for a write into the running translation,
// brings the state to the guest instruction's start for a GuestFault with restart_instruction
// (RestartInstruction). Called in the signal handler, only while a GuestFaultScope is alive.
enum class FaultFixup { Report, Retry, RestartInstruction };
using HostFaultFixup = FaultFixup (*)(void* siginfo, void* ucontext);
void set_host_fault_fixup(HostFaultFixup fixup);

// A guest fault found by xisa itself (an instruction fetch from a page without PROT_EXEC, a
// misaligned pc): leaves for the current GuestFaultScope as a host fault would.
[[noreturn]] void raise_guest_fault(int signo, int code, uint64_t address);

// Leaves for the current GuestFaultScope with restart_instruction set (a RestartInstruction
// fix-up; the state is at the instruction).
[[noreturn]] void restart_guest_instruction();

// Installs the host handlers once per process.
void install_guest_fault_handlers();

// While a GuestFaultScope is alive on a thread, a fault on that thread jumps to its jmp_buf
// (set by the caller with sigsetjmp(scope.jump_buffer(), 0)) with the fault recorded.
class GuestFaultScope {
 public:
  GuestFaultScope();
  ~GuestFaultScope();
  GuestFaultScope(const GuestFaultScope&) = delete;
  GuestFaultScope& operator=(const GuestFaultScope&) = delete;
  sigjmp_buf& jump_buffer() { return buffer_; }
  const GuestFault& fault() const { return fault_; }

 private:
  friend void handle_host_fault(int, void*);
  friend void raise_guest_fault(int, int, uint64_t);
  friend void restart_guest_instruction();
  sigjmp_buf buffer_;
  GuestFault fault_;
  GuestFaultScope* previous_;
};

}  // namespace xisa::runtime
