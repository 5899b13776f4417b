// The AArch64 side of self-loops (backend/common/self_loop.h): the loads, stores and moves the
// shared emission asks for.
#include "backend/aarch64/emitter.h"
#include "guest/cpu_header.h"

namespace xisa::backend::aarch64 {

void Emitter::branch_if_exit_requested(const asmjit::Label& l) {
  as_.ldr(kScratch0.w(), a64::ptr(kStateReg, offsetof(CpuHeader, exit_request)));
  as_.cbnz(kScratch0.w(), l);
}

void Emitter::load_promoted(const common::PromotedSlot& p) {
  const unsigned bytes = ir::type_bytes(p.type);
  load_sized(a64::x(p.reg), mem_at(kStateReg, p.offset, bytes), bytes);
}

void Emitter::store_promoted(const common::PromotedSlot& p) {
  const unsigned bytes = ir::type_bytes(p.type);
  store_sized(a64::x(p.reg), mem_at(kStateReg, p.offset, bytes), bytes);
}

void Emitter::move_to_reg(uint8_t reg, const Loc& src) {
  const a64::GpX dst = a64::x(reg);
  switch (src.kind) {
    case Loc::Reg:
      as_.mov(dst, a64::x(src.reg));
      return;
    case Loc::Slot:
      as_.ldr(dst, slot_mem(src.slot));
      return;
    default:
      mov_imm(dst, src.imm);
      return;
  }
}

}  // namespace xisa::backend::aarch64
