// Guest state access: GetReg loads, and the deferred SetReg write-backs.
#include "backend/riscv64/emitter.h"

namespace xisa::backend::riscv64 {

void Emitter::lower_state(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  if (inst.op == ir::Opcode::SetReg) return;  // deferred: step_dirty_and_write_back recorded it
  if (const common::PromotedSlot* p = loop_.at(inst.imm); p && p->get == i) {
    loc_[i] = Loc{Loc::Reg, p->reg};  // loaded before the loop head
    return;
  }
  const unsigned bytes = ir::type_bytes(inst.type);
  if (bytes == 16) {
    const int32_t dst = def_slot128(i);
    const auto [base, off] = mem_at(kStateReg, static_cast<int64_t>(inst.imm));
    for (int32_t half = 0; half < 16; half += 8) {
      as_.emit(enc::load(enc::kLd, kScratch0, base, off + half));
      as_.emit(enc::store(enc::kSd, kScratch0, kSp, dst + half));
    }
    return;
  }
  const Reg dst = def_reg(i, false);
  const auto [base, off] = mem_at(kStateReg, static_cast<int64_t>(inst.imm));
  load_sized(dst, base, off, bytes);
}

void Emitter::write_back(const DirtyEntry& e) {
  const unsigned bytes = ir::type_bytes(e.type);
  const Loc& l = loc_[e.value];
  if (l.kind == Loc::None) return;
  if (bytes == 16) {
    copy128_to_frame(e.value, kWideScratchOffset);
    const auto [base, off] = mem_at(kStateReg, e.offset);
    for (int32_t half = 0; half < 16; half += 8) {
      as_.emit(enc::load(enc::kLd, kScratch0, kSp, kWideScratchOffset + half));
      as_.emit(enc::store(enc::kSd, kScratch0, base, off + half));
    }
    return;
  }
  const Reg v = in_reg(e.value, kScratch0);
  const auto [base, off] = mem_at(kStateReg, e.offset);
  store_sized(v, base, off, bytes);
}

}  // namespace xisa::backend::riscv64
