// Pure ops without a native lowering here (rarer v128 ops such as reductions and per-lane
// variable shifts, 128-bit integer arithmetic) go through common/pure_call.h: a host call of
// the interpreter's eval_pure on copies of their operands in frame slots.
#include "backend/common/pure_call.h"
#include "backend/x86_64/emitter.h"

namespace xisa::backend::x86_64 {

void Emitter::lower_pure_call(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  // Every operand as a 16-byte interp::Slot in the frame: 128-bit values already are one.
  int32_t offsets[3];
  std::vector<uint8_t> temps;
  for (unsigned a = 0; a < inst.nargs; ++a) {
    const Loc& l = loc(arg(i, a));
    if (l.kind == Loc::Slot && ir::type_bits(arg_inst(i, a).type) == 128) {
      offsets[a] = spill_offset(l.slot);
      continue;
    }
    const uint8_t t = alloc_slot();
    temps.push_back(t);
    offsets[a] = spill_offset(t);
    if (l.kind == Loc::VecReg) {
      as_.movdqu(slot_mem(t, 16), x86::xmm(l.reg));
      continue;
    }
    const x86::Mem lo = slot_mem(t, 8);
    x86::Mem hi = lo;
    hi.addOffset(8);
    if (l.kind == Loc::Imm) {
      as_.mov(kScratch0, l.imm);
      as_.mov(lo, kScratch0);
      as_.mov(kScratch0, l.imm_hi);
      as_.mov(hi, kScratch0);
    } else {
      mov_to(kScratch0, arg(i, a));
      as_.mov(lo, kScratch0);
      as_.mov(hi, 0);
    }
  }
  const uint8_t out = alloc_slot();
  for (unsigned a = inst.nargs; a < 3; ++a) offsets[a] = spill_offset(out);  // unread
  const std::vector<uint8_t> saved = save_live_caller_saved();
  const ir::Type arg_type = inst.nargs ? arg_inst(i, 0).type : ir::Type::Void;
  as_.mov(x86::rdi, common::pack_pure_op(inst, arg_type));
  as_.lea(x86::rsi, x86::ptr(x86::rsp, offsets[0]));
  as_.lea(x86::rdx, x86::ptr(x86::rsp, offsets[1]));
  as_.lea(x86::rcx, x86::ptr(x86::rsp, offsets[2]));
  as_.lea(x86::r8, x86::ptr(x86::rsp, spill_offset(out)));
  as_.mov(kScratch0, reinterpret_cast<uint64_t>(&common::eval_packed));
  as_.call(kScratch0);
  restore_caller_saved(saved);
  for (uint8_t t : temps) slot_used_[t] = false;
  if (ir::type_bits(inst.type) == 128) {
    loc_[i] = Loc{Loc::Slot, 0, out};
    return;
  }
  // The result slot stays taken until it is read: def_reg may spill a register to a free slot.
  const x86::Gp dst = def_reg(i, false, 64);
  as_.mov(dst, slot_mem(out, 8));
  slot_used_[out] = false;
}

}  // namespace xisa::backend::x86_64
