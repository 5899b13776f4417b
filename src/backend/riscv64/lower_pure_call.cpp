// Pure ops without a native lowering here (vector ops, 128-bit integer arithmetic, bit counts
// without Zbb, rare widths) go through common/pure_call.h: a host call of the interpreter's
// eval_pure on copies of their operands in frame slots.
#include "backend/common/pure_call.h"
#include "backend/riscv64/emitter.h"

namespace xisa::backend::riscv64 {

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
    copy128_to_frame(arg(i, a), offsets[a]);
  }
  const uint8_t out = alloc_slot();
  for (unsigned a = inst.nargs; a < 3; ++a) offsets[a] = spill_offset(out);  // unread
  const std::vector<uint8_t> saved = save_live_caller_saved();
  const ir::Type arg_type = inst.nargs ? arg_inst(i, 0).type : ir::Type::Void;
  as_.li(kA0, common::pack_pure_op(inst, arg_type));
  for (unsigned a = 0; a < 3; ++a) as_.emit(enc::addi(kA1 + a, kSp, offsets[a]));
  as_.emit(enc::addi(kA4, kSp, spill_offset(out)));
  call_host(reinterpret_cast<const void*>(&common::eval_packed));
  restore_caller_saved(saved);
  for (uint8_t t : temps) slot_used_[t] = false;
  if (ir::type_bits(inst.type) == 128) {
    loc_[i] = Loc{Loc::Slot, 0, out};
    return;
  }
  // The result slot stays taken until it is read: def_reg may spill a register to a free slot.
  const Reg dst = def_reg(i, false);
  as_.emit(enc::load(enc::kLd, dst, kSp, spill_offset(out)));
  slot_used_[out] = false;
}

}  // namespace xisa::backend::riscv64
