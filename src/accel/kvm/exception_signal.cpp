// CPU exception -> guest signal, per Linux's x86 trap handlers.
#include "accel/kvm/exception_signal.h"

#include <signal.h>
#include <sys/mman.h>

namespace xisa::kvm {

namespace {
// SIMD floating-point exception: the first unmasked exception flag raised, in Linux's order
// (arch/x86/kernel/traps.c, fpu__exception_code).
int simd_fpe_code(uint32_t mxcsr) {
  const uint32_t raised = mxcsr & ~(mxcsr >> 7) & 0x3f;
  if (raised & 0x01) return FPE_FLTINV;  // invalid
  if (raised & 0x04) return FPE_FLTDIV;  // divide by zero
  if (raised & 0x08) return FPE_FLTOVF;  // overflow
  if (raised & 0x12) return FPE_FLTUND;  // underflow, denormal
  if (raised & 0x20) return FPE_FLTRES;  // precision
  return 0;
}
}  // namespace

ExceptionAction classify_exception(unsigned vector, uint64_t error_code, uint64_t rip,
                                   uint32_t mxcsr) {
  ExceptionAction a;
  auto trap = [&](ir::TrapKind kind) {
    a.kind = ExceptionAction::Kind::Trap;
    a.trap = kind;
    return a;
  };
  auto fault = [&](int signo, int code, uint64_t address) {
    a.kind = ExceptionAction::Kind::Fault;
    a.signo = signo;
    a.code = code;
    a.address = address;
    return a;
  };
  (void)rip;
  (void)error_code;
  switch (vector) {
    case kVectorDe:
      return trap(ir::TrapKind::DivideError);
    case kVectorBp:
      return trap(ir::TrapKind::Breakpoint);
    case kVectorUd:
      return trap(ir::TrapKind::IllegalInstruction);
    case kVectorGp:
      // A privileged instruction, a non-canonical address, INT n: SIGSEGV, SI_KERNEL, no
      // address, as for the JIT's privileged instructions (TrapKind::Halt).
      return trap(ir::TrapKind::Halt);
    case kVectorSs:
      return fault(SIGBUS, SI_KERNEL, 0);
    case kVectorPf:
      a.kind = ExceptionAction::Kind::PageFault;
      return a;
    case kVectorMf:
      return trap(ir::TrapKind::X87Error);
    case kVectorAc:
      return fault(SIGBUS, BUS_ADRALN, 0);
    case kVectorXm:
      return fault(SIGFPE, simd_fpe_code(mxcsr), rip);
    default:
      return a;  // #DB (TF single-stepping), #NM, #DF...: not for user code to see here
  }
}

int page_fault_code(bool mapped) {
  return mapped ? SEGV_ACCERR : SEGV_MAPERR;
}

bool access_allowed(int prot, uint64_t error_code) {
  if (error_code & kPfFetch) return prot & PROT_EXEC;
  if (error_code & kPfWrite) return prot & PROT_WRITE;
  // x86 pages are readable whenever they are present: any PROT_* but PROT_NONE reads.
  return prot != PROT_NONE;
}

}  // namespace xisa::kvm
