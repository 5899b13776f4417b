// The x86-64 host's signal context: general registers in uc_mcontext.gregs, the page-fault
// error code in REG_ERR.
#include <signal.h>
#include <ucontext.h>

#include <cstring>

#include "backend/x86_64/x86_64_backend.h"

namespace xisa::backend::x86_64 {

namespace {

// asmjit register ids to ucontext's gregs.
constexpr int kGregOfId[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP,
                               REG_RSI, REG_RDI, REG_R8,  REG_R9,  REG_R10, REG_R11,
                               REG_R12, REG_R13, REG_R14, REG_R15};

const greg_t* gregs_of(const void* ucontext) {
  return static_cast<const ucontext_t*>(ucontext)->uc_mcontext.gregs;
}

}  // namespace

HostFaultContext read_fault_context(const void* ucontext) {
  const greg_t* gregs = gregs_of(ucontext);
  HostFaultContext c;
  c.pc = static_cast<uintptr_t>(gregs[REG_RIP]);
  c.state = reinterpret_cast<uint8_t*>(gregs[REG_R15]);  // abi.h: kStateReg
  c.sp = reinterpret_cast<const uint8_t*>(gregs[REG_RSP]);
  c.write = (gregs[REG_ERR] & 2) != 0;  // the page-fault error code's W bit
  c.ucontext = ucontext;
  return c;
}

uint64_t host_register(const HostFaultContext& context, uint8_t id) {
  return static_cast<uint64_t>(gregs_of(context.ucontext)[kGregOfId[id]]);
}

void host_vector_register(const HostFaultContext& context, uint8_t id, uint64_t out[2]) {
  const auto* uc = static_cast<const ucontext_t*>(context.ucontext);
  std::memcpy(out, uc->uc_mcontext.fpregs->_xmm[id].element, 16);
}

}  // namespace xisa::backend::x86_64
