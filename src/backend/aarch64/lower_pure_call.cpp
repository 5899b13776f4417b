// Pure ops without a native lowering here (vector and FP ops, 128-bit integer arithmetic, rare
// widths) go through common/pure_call.h: a host call of the interpreter's eval_pure on copies
// of their operands in frame slots.
#include "backend/aarch64/emitter.h"
#include "backend/common/pure_call.h"

namespace xisa::backend::aarch64 {

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
    if (l.kind == Loc::Imm) {
      mov_imm(kScratch0, l.imm);
      mov_imm(kScratch1, l.imm_hi);
    } else {
      mov_to(kScratch0, arg(i, a));
      as_.mov(kScratch1, a64::xzr);
    }
    as_.str(kScratch0, a64::ptr(a64::sp, offsets[a]));
    as_.str(kScratch1, a64::ptr(a64::sp, offsets[a] + 8));
  }
  const uint8_t out = alloc_slot();
  for (unsigned a = inst.nargs; a < 3; ++a) offsets[a] = spill_offset(out);  // unread
  const std::vector<uint8_t> saved = save_live_caller_saved();
  const ir::Type arg_type = inst.nargs ? arg_inst(i, 0).type : ir::Type::Void;
  mov_imm(a64::x0, common::pack_pure_op(inst, arg_type));
  for (unsigned a = 0; a < 3; ++a) as_.add(a64::x(a + 1), a64::sp, offsets[a]);
  as_.add(a64::x4, a64::sp, spill_offset(out));
  mov_imm(kScratch0, reinterpret_cast<uint64_t>(&common::eval_packed));
  as_.blr(kScratch0);
  restore_caller_saved(saved);
  for (uint8_t t : temps) slot_used_[t] = false;
  if (ir::type_bits(inst.type) == 128) {
    loc_[i] = Loc{Loc::Slot, 0, out};
    return;
  }
  // The result slot stays taken until it is read: def_reg may spill a register to a free slot.
  const a64::GpX dst = def_reg(i, false);
  as_.ldr(dst, slot_mem(out));
  slot_used_[out] = false;
}

}  // namespace xisa::backend::aarch64
