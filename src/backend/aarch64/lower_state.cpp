// Guest state access: GetReg loads, and the deferred SetReg write-backs.
#include "backend/aarch64/emitter.h"

namespace xisa::backend::aarch64 {

void Emitter::lower_state(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  if (inst.op == ir::Opcode::SetReg) return;  // deferred: step_dirty_and_write_back recorded it
  if (const common::PromotedSlot* p = loop_.at(inst.imm); p && p->get == i) {
    loc_[i] = Loc{Loc::Reg, p->reg};  // loaded before the loop head
    return;
  }
  const unsigned bytes = ir::type_bytes(inst.type);
  if (bytes == 16) {
    as_.ldr(a64::v(0), mem_at(kStateReg, static_cast<int64_t>(inst.imm), 16));
    as_.str(a64::v(0), a64::ptr(a64::sp, def_slot128(i)));
    return;
  }
  const a64::GpX dst = def_reg(i, false);
  load_sized(dst, mem_at(kStateReg, static_cast<int64_t>(inst.imm), bytes), bytes);
}

void Emitter::write_back(const DirtyEntry& e) {
  const unsigned bytes = ir::type_bytes(e.type);
  const Loc& l = loc_[e.value];
  if (bytes == 16) {
    load128(e.value);
    as_.str(a64::v(0), mem_at(kStateReg, e.offset, 16));
    return;
  }
  if (l.kind == Loc::None) return;
  const a64::GpX v = l.kind == Loc::Imm && l.imm == 0 ? a64::xzr : in_reg(e.value, kScratch0);
  store_sized(v, mem_at(kStateReg, e.offset, bytes), bytes);
}

}  // namespace xisa::backend::aarch64
