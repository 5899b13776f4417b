// The RISC-V64 side of self-loops (backend/common/self_loop.h): the loads, stores and moves the
// shared emission asks for.
#include "backend/riscv64/emitter.h"
#include "guest/cpu_header.h"

namespace xisa::backend::riscv64 {

void Emitter::branch_if_exit_requested(Label l) {
  as_.emit(enc::load(enc::kLwu, kScratch0, kStateReg, offsetof(CpuHeader, exit_request)));
  as_.bnez(kScratch0, l);
}

void Emitter::load_promoted(const common::PromotedSlot& p) {
  const auto [base, off] = mem_at(kStateReg, p.offset);
  load_sized(p.reg, base, off, ir::type_bytes(p.type));
}

void Emitter::store_promoted(const common::PromotedSlot& p) {
  const auto [base, off] = mem_at(kStateReg, p.offset);
  store_sized(p.reg, base, off, ir::type_bytes(p.type));
}

void Emitter::move_to_reg(Reg reg, const Loc& src) {
  switch (src.kind) {
    case Loc::Reg:
      as_.mv(reg, src.reg);
      return;
    case Loc::Slot:
      as_.emit(enc::load(enc::kLd, reg, kSp, spill_offset(src.slot)));
      return;
    default:
      as_.li(reg, src.imm);
      return;
  }
}

}  // namespace xisa::backend::riscv64
