// Pure ops without a native lowering here (vector ops, 128-bit integer arithmetic, bit counts
// without Zbb, rare widths) go through common/pure_call.h: a host call of the interpreter's
// eval_pure on copies of their operands in frame slots.
#include "backend/common/pure_call.h"
#include "backend/riscv64/emitter.h"

namespace xisa::backend::riscv64 {

void Emitter::lower_pure_call(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const common::PureCallSlots slots = common::pure_call_slots(
      block_, inst, loc_, [&] { return alloc_slot(); },
      [&](ir::ValueId v, uint8_t slot) { copy128_to_frame(v, spill_offset(slot)); });
  const std::vector<uint8_t> saved = save_live_caller_saved();
  const ir::Type arg_type = inst.nargs ? arg_inst(i, 0).type : ir::Type::Void;
  as_.li(kA0, common::pack_pure_op(inst, arg_type));
  for (unsigned a = 0; a < 3; ++a) as_.emit(enc::addi(kA1 + a, kSp, spill_offset(slots.args[a])));
  as_.emit(enc::addi(kA4, kSp, spill_offset(slots.out)));
  call_host(reinterpret_cast<const void*>(&common::eval_packed));
  restore_caller_saved(saved);
  for (uint8_t t : slots.temps) slot_used_[t] = false;
  if (ir::type_bits(inst.type) == 128) {
    loc_[i] = Loc{Loc::Slot, 0, slots.out};
    return;
  }
  // The result slot stays taken until it is read: def_reg may spill a register to a free slot.
  const Reg dst = def_reg(i, false);
  as_.emit(enc::load(enc::kLd, dst, kSp, spill_offset(slots.out)));
  slot_used_[slots.out] = false;
}

}  // namespace xisa::backend::riscv64
