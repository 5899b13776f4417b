// The interpreter's semantics for pure ops, called from translated code (pure_call.h).
#include "backend/common/pure_call.h"

namespace xisa::backend::common {

// op | type << 8 | arg type << 12 | nargs << 16 | imm << 32 | aux << 48
uint64_t pack_pure_op(const ir::Inst& inst, ir::Type arg_type) {
  return static_cast<uint64_t>(inst.op) | static_cast<uint64_t>(inst.type) << 8 |
         static_cast<uint64_t>(arg_type) << 12 | uint64_t{inst.nargs} << 16 | inst.imm << 32 |
         inst.aux << 48;
}

void eval_packed(uint64_t desc, const interp::Slot* a0, const interp::Slot* a1,
                 const interp::Slot* a2, interp::Slot* out) {
  ir::Inst inst{static_cast<ir::Opcode>(desc & 0xff),
                static_cast<ir::Type>((desc >> 8) & 15),
                static_cast<uint8_t>((desc >> 16) & 3),
                {0, 1, 2},
                (desc >> 32) & 0xffff,
                desc >> 48};
  const interp::Slot args[3] = {*a0, *a1, *a2};
  *out = interp::eval_pure(inst, static_cast<ir::Type>((desc >> 12) & 15), args);
}

bool pure_call_lowerable(const ir::Inst& inst) {
  using ir::Opcode;
  // FP arithmetic is pure but for the host flags it raises, which the call raises the same way.
  const bool fp_arith = (inst.op >= Opcode::FAdd && inst.op <= Opcode::FMulAdd) ||
                        (inst.op >= Opcode::VFAdd && inst.op <= Opcode::VFWidenLo);
  return (ir::has_flag(inst.op, ir::kPure) || fp_arith) && inst.op != Opcode::Const &&
         inst.imm < 0x10000 && inst.aux < 0x10000;
}

}  // namespace xisa::backend::common
