// Maps ELF e_machine to the guest that runs it.
#include <elf.h>
#include <signal.h>

#include <cfenv>

#include "common/host_fp_env.h"
#include "guest/cpu_header.h"
#include "guest/guest_arch.h"

namespace xisa {

namespace riscv64 {
const GuestArch& riscv64_guest();
}
namespace aarch64 {
const GuestArch& aarch64_guest();
}
namespace x86_64 {
const GuestArch& x86_64_guest();
}

const GuestArch* guest_for_elf_machine(uint16_t machine) {
  switch (machine) {
    case EM_RISCV:
      return &riscv64::riscv64_guest();
    case EM_AARCH64:
      return &aarch64::aarch64_guest();
    case EM_X86_64:
      return &x86_64::x86_64_guest();
    default:
      return nullptr;
  }
}

}  // namespace xisa

namespace xisa {

void GuestArch::accrue_fp_exceptions(void* state, int raised) const {
  xisa::accrue_fp_exceptions(fp_status(), state, raised);
}

void accrue_pending_fp_exceptions(const GuestArch& arch, void* state) {
  if constexpr (host_fp::kLazyExceptions) {
    host_fp::accrue_and_discard_pending(
        [&](int raised) { arch.accrue_fp_exceptions(state, raised); });
  }
}

TrapSignal GuestArch::trap_signal(void* state, ir::TrapKind kind) const {
  const uint64_t pc = static_cast<const CpuHeader*>(state)->pc;
  constexpr int kIllIllopc = 1, kTrapBrkpt = 1, kFpeIntdiv = 1, kBusAdraln = 1, kSiKernel = 0x80;
  switch (kind) {
    case ir::TrapKind::IllegalInstruction:
      return {SIGILL, kIllIllopc, pc};
    case ir::TrapKind::Breakpoint:
      return {SIGTRAP, kTrapBrkpt, pc};
    case ir::TrapKind::DivideError:
      return {SIGFPE, kFpeIntdiv, pc};
    case ir::TrapKind::MisalignedAtomic:
      return {SIGBUS, kBusAdraln, atomic_address(state)};
    case ir::TrapKind::Halt:
    case ir::TrapKind::SlowPathRetry:
    case ir::TrapKind::SlowPathStep:
    case ir::TrapKind::X87Error:  // x86-64 only: its guest reports it (x86_64_guest.cpp)
      break;
  }
  return {SIGSEGV, kSiKernel, 0};
}

}  // namespace xisa
