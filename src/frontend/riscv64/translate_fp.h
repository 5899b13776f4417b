// Lifting patterns the F and D translators share; templates over float and double so each
// instruction's handler names its format and operation and nothing else.
#pragma once

#include "frontend/riscv64/fields.h"
#include "frontend/riscv64/fp_format.h"
#include "frontend/riscv64/fp_helpers.h"
#include "frontend/riscv64/lifter.h"

namespace xisa::riscv64::fp {

// How an instruction feeds its helper: the source registers (as 64-bit images), where rd
// lives, and whether funct3 is a rounding mode. A reserved rm (5, 6) makes it illegal.
enum class Src : uint8_t { F1, F1F2, X1 };  // f[rs1]; f[rs1], f[rs2]; x[rs1]
enum class Dest : uint8_t { F, X };
struct HelperCall {
  Src src;
  Dest dest;
  bool has_rm;
};

// Checks an instruction's rm field: false (illegal) for the reserved 5 and 6. A dynamic rm (7)
// is illegal too when frm holds a reserved value at run time: that becomes a guarded trap.
inline bool check_rounding_mode(Lifter& l, unsigned rm) {
  if (!is_valid_rm_field(rm)) return false;
  if (rm == kDyn) {
    ir::Builder& b = l.b;
    const ir::Value frm = b.get_reg(ir::Type::I32, offsetof(Riscv64State, frm));
    b.trap_if(b.ltu(b.imm32(kRmm), frm), ir::TrapKind::IllegalInstruction, l.pc);
  }
  return true;
}

// Every F/D instruction but the bit moves and the fused multiply-adds.
template <typename T>
bool lift_helper_call(Lifter& l, uint32_t insn, FpOp op, HelperCall call) {
  const unsigned rm = funct3(insn);
  if (call.has_rm && !check_rounding_mode(l, rm)) return false;
  ir::Builder& b = l.b;
  ir::Value args[3];
  unsigned n = 0;
  args[n++] = call.src == Src::X1 ? l.x(rs1(insn)) : l.f(rs1(insn));
  if (call.src == Src::F1F2) args[n++] = l.f(rs2(insn));
  if (call.has_rm) args[n++] = b.imm64(rm);
  ir::Value result;
  switch (n) {
    case 1:
      result = b.call(helper<T>(op), {args[0]});
      break;
    case 2:
      result = b.call(helper<T>(op), {args[0], args[1]});
      break;
    default:
      result = b.call(helper<T>(op), {args[0], args[1], args[2]});
      break;
  }
  if (call.dest == Dest::F)
    l.set_f(rd(insn), result);
  else
    l.set_x(rd(insn), result);  // the call stays even for x0: it raises flags
  return true;
}

}  // namespace xisa::riscv64::fp
