// What a CPU exception taken at CPL3 in the vCPU means for the guest, as Linux decides it
// (arch/x86/kernel/traps.c, fault.c): a trap the dispatcher turns into a signal the same way as
// for the other engines, a fault with its own siginfo, a page the engine maps on demand, or an
// exception the engine does not handle (the guest then goes on in the JIT).
#pragma once

#include <cstdint>

#include "ir/types.h"

namespace xisa::kvm {

inline constexpr unsigned kVectorDe = 0, kVectorDb = 1, kVectorBp = 3, kVectorUd = 6,
                          kVectorSs = 12, kVectorGp = 13, kVectorPf = 14, kVectorMf = 16,
                          kVectorAc = 17, kVectorXm = 19;

// #PF error code bits.
inline constexpr uint64_t kPfPresent = 1, kPfWrite = 2, kPfUser = 4, kPfFetch = 16;

struct ExceptionAction {
  enum class Kind : uint8_t {
    Trap,       // the dispatcher raises GuestArch::trap_signal(trap) at pc
    Fault,      // signo/code/address at pc
    PageFault,  // the engine resolves it against the guest's mappings
    Unhandled,  // the JIT runs the instruction instead
  };
  Kind kind = Kind::Unhandled;
  ir::TrapKind trap = ir::TrapKind::IllegalInstruction;
  int signo = 0;
  int code = 0;
  uint64_t address = 0;
};

// rip: the faulting instruction (or, for #BP, the one after int3, as the CPU reports it);
// mxcsr: for #XM's si_code.
ExceptionAction classify_exception(unsigned vector, uint64_t error_code, uint64_t rip,
                                   uint32_t mxcsr);

// si_code of the SIGSEGV a page fault raises when the guest's mappings do not allow the access:
// SEGV_MAPERR where nothing is mapped, SEGV_ACCERR where the mapping forbids it.
int page_fault_code(bool mapped);

// Whether a mapping with these PROT_* bits allows the access the #PF error code describes.
bool access_allowed(int prot, uint64_t error_code);

}  // namespace xisa::kvm
