// The RISC-V64 host's signal context: uc_mcontext.__gregs[0] is the pc, __gregs[i] is x<i>
// for i >= 1, the F/D registers are in __fpregs. The kernel reports no syndrome, so whether a
// fault was a write is read from the faulting instruction itself.
#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <cstring>

#include "backend/riscv64/abi.h"
#include "backend/riscv64/encoding.h"
#include "backend/riscv64/riscv64_backend.h"

namespace xisa::backend::riscv64 {

namespace {

const mcontext_t& mcontext_of(const void* ucontext) {
  return static_cast<const ucontext_t*>(ucontext)->uc_mcontext;
}

// Whether the page holding `address` is mapped (mincore fails with ENOMEM otherwise): the pc of
// a fault is read only then, since a jump to a wild address faults on the fetch itself.
bool mapped(uintptr_t address) {
  const auto page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  unsigned char resident;
  return mincore(reinterpret_cast<void*>(address & ~(page - 1)), page, &resident) == 0;
}

// Whether the instruction at pc writes memory: stores (STORE, STORE-FP, their compressed forms
// c.fsd, c.sw, c.sd and the sp-relative ones) and AMOs other than LR.
bool is_store(uintptr_t pc) {
  if (!mapped(pc)) return false;
  uint16_t low;
  std::memcpy(&low, reinterpret_cast<const void*>(pc), sizeof low);
  const unsigned quadrant = low & 3u, funct3 = (low >> 13) & 7u;
  if (quadrant == 0 && funct3 == 4) return ((low >> 10) & 7u) >= 2;  // Zcb: c.sb, c.sh
  if (quadrant == 0 || quadrant == 2) return funct3 >= 5;            // c.fsd/c.sw/c.sd (and ...sp)
  if (quadrant == 1) return false;
  if (!mapped(pc + 2)) return false;
  uint32_t insn;
  std::memcpy(&insn, reinterpret_cast<const void*>(pc), sizeof insn);
  const uint32_t opcode = insn & 0x7fu;
  if (opcode == enc::kStore || opcode == enc::kStoreFp) return true;
  if (opcode == enc::kAmo) return (insn >> 27) != static_cast<uint32_t>(enc::Amo::Lr);
  return false;
}

}  // namespace

HostFaultContext read_fault_context(const void* ucontext) {
  const mcontext_t& m = mcontext_of(ucontext);
  HostFaultContext c;
  c.pc = static_cast<uintptr_t>(m.__gregs[0]);
  c.state = reinterpret_cast<uint8_t*>(m.__gregs[kStateReg]);
  c.sp = reinterpret_cast<const uint8_t*>(m.__gregs[kSp]);
  c.write = is_store(c.pc);
  c.ucontext = ucontext;
  return c;
}

uint64_t host_register(const HostFaultContext& context, uint8_t id) {
  return id == 0 ? 0 : mcontext_of(context.ucontext).__gregs[id];
}

void host_vector_register(const HostFaultContext& context, uint8_t id, uint64_t out[2]) {
  out[0] = mcontext_of(context.ucontext).__fpregs.__d.__f[id & 31];
  out[1] = 0;
}

}  // namespace xisa::backend::riscv64
