// Guest state access: GetReg loads, and the deferred SetReg write-backs.
#include "backend/x86_64/emitter.h"

namespace xisa::backend::x86_64 {

void Emitter::lower_state(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  if (inst.op == ir::Opcode::SetReg) return;  // deferred: step_dirty_and_write_back recorded it
  if (const common::PromotedSlot* p = loop_.at(inst.imm); p && p->get == i) {
    loc_[i] = Loc{p->vector ? Loc::VecReg : Loc::Reg, p->reg};  // loaded before the loop head
    return;
  }
  const unsigned bytes = ir::type_bytes(inst.type);
  if (bytes == 16) {
    as_.movdqu(def_vec(i), state_mem(inst.imm, 16));
    return;
  }
  if (load_into_xmm_[i] && stays_out_of_promoted_slots(i)) {  // FP bits for SSE ops, or copied
    if (bytes == 8)
      as_.movq(def_vec(i), state_mem(inst.imm, 8));
    else
      as_.movd(def_vec(i), state_mem(inst.imm, 4));
    return;
  }
  load_state(def_reg(i, false, 64), inst.imm, bytes);
}

void Emitter::load_state(const x86::Gp& dst, uint64_t offset, unsigned bytes) {
  if (bytes < 4)
    as_.movzx(dst.r32(), state_mem(offset, bytes));
  else if (bytes == 4)
    as_.mov(dst.r32(), state_mem(offset, 4));
  else
    as_.mov(dst.r64(), state_mem(offset, 8));
}

// Stores a deferred write into the state. Uses only mov: a fused compare's flags may be live.
void Emitter::write_back(const DirtyEntry& e) {
  const unsigned bytes = ir::type_bytes(e.type);
  const x86::Mem dst = state_mem(e.offset, bytes);
  const Loc& l = loc_[bits_of(e.value)];
  if (bytes == 16) {
    if (l.kind == Loc::VecReg) {
      as_.movdqu(dst, x86::xmm(l.reg));
      return;
    }
    load128(e.value);
    as_.movdqu(dst, x86::xmm0);
    return;
  }
  switch (l.kind) {
    case Loc::Reg:
      as_.mov(dst, gp_of_bytes(l.reg, bytes));
      return;
    case Loc::Imm: {
      const auto s = static_cast<int64_t>(l.imm);
      if (bytes < 8 || (s >= INT32_MIN && s <= INT32_MAX)) {
        as_.mov(dst, bytes < 8 ? static_cast<int64_t>(static_cast<int32_t>(l.imm)) : s);
      } else {
        as_.mov(kScratch0, l.imm);
        as_.mov(dst, kScratch0);
      }
      return;
    }
    case Loc::Slot:
      as_.mov(gp_of_bytes(kScratch0.id(), bytes), slot_mem(l.slot, bytes));
      as_.mov(dst, gp_of_bytes(kScratch0.id(), bytes));
      return;
    case Loc::VecReg:  // the bits of an FP value or load (bits_of, load_into_xmm_)
      if (bytes == 8)
        as_.movq(dst, x86::xmm(l.reg));
      else
        as_.movd(dst, x86::xmm(l.reg));
      return;
    case Loc::None:
      return;
  }
}

}  // namespace xisa::backend::x86_64
