// Shared lifting shapes of the RV64 integer translators (I and M): register-register and
// register-immediate operations at 64 bits, and their *W forms that compute in 32 bits and
// sign-extend the result. The operation is any callable f(Builder&, Value, Value), so a
// Builder member (&ir::Builder::add) and a composed lambda (division) share one path.
#pragma once

#include <functional>

#include "frontend/riscv64/fields.h"
#include "frontend/riscv64/lifter.h"

namespace xisa::riscv64 {

// rd = op(rs1, rs2)
template <typename Op>
bool lift_reg_reg(Lifter& l, uint32_t insn, Op op) {
  l.set_x(rd(insn), std::invoke(op, l.b, l.x(rs1(insn)), l.x(rs2(insn))));
  return true;
}

// rd = op(rs1, imm): imm is the sign-extended I-type immediate or a shift amount.
template <typename Op>
bool lift_reg_imm(Lifter& l, uint32_t insn, Op op, int64_t imm) {
  l.set_x(rd(insn), std::invoke(op, l.b, l.x(rs1(insn)), l.b.imm64(static_cast<uint64_t>(imm))));
  return true;
}

// The *W forms: both operands truncated to 32 bits, the 32-bit result sign-extended.
inline ir::Value low32(Lifter& l, ir::Value v) {
  return l.b.trunc(ir::Type::I32, v);
}

template <typename Op>
bool lift_reg_reg_w(Lifter& l, uint32_t insn, Op op) {
  const ir::Value r = std::invoke(op, l.b, low32(l, l.x(rs1(insn))), low32(l, l.x(rs2(insn))));
  l.set_x(rd(insn), l.b.sext(ir::Type::I64, r));
  return true;
}

template <typename Op>
bool lift_reg_imm_w(Lifter& l, uint32_t insn, Op op, int64_t imm) {
  const ir::Value r =
      std::invoke(op, l.b, low32(l, l.x(rs1(insn))), l.b.imm32(static_cast<uint32_t>(imm)));
  l.set_x(rd(insn), l.b.sext(ir::Type::I64, r));
  return true;
}

}  // namespace xisa::riscv64
