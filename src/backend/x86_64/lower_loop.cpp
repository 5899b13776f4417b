// The x86-64 side of self-loops (backend/common/self_loop.h): the loads, stores and moves the
// shared emission asks for.
#include "backend/x86_64/emitter.h"
#include "guest/cpu_header.h"

namespace xisa::backend::x86_64 {

void Emitter::branch_if_exit_requested(const asmjit::Label& l) {
  as_.cmp(x86::dword_ptr(kStateReg, offsetof(CpuHeader, exit_request)), 0);
  as_.jne(l);
}

void Emitter::load_promoted(const common::PromotedSlot& p) {
  load_state(x86::gpq(p.reg), p.offset, ir::type_bytes(p.type));
}

void Emitter::store_promoted(const common::PromotedSlot& p) {
  const unsigned bytes = ir::type_bytes(p.type);
  as_.mov(state_mem(p.offset, bytes), gp_of_bytes(p.reg, bytes));
}

void Emitter::move_to_reg(uint8_t reg, const Loc& src) {
  const x86::Gp dst = x86::gpq(reg);
  switch (src.kind) {
    case Loc::Reg:
      as_.mov(dst, x86::gpq(src.reg));
      return;
    case Loc::Slot:
      as_.mov(dst, slot_mem(src.slot, 8));
      return;
    default:
      as_.mov(dst, src.imm);
      return;
  }
}

}  // namespace xisa::backend::x86_64
