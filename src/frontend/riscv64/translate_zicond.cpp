// Zicond integer conditional operations (Volume I, chapter 12): rd = rs1, or zero depending
// on whether rs2 is zero. Compilers emit them for branch-free selects.
#include "frontend/riscv64/translate_int_common.h"

namespace xisa::riscv64 {

using ir::Builder;
using ir::Value;

namespace {

using Compare = Value (Builder::*)(Value, Value);

// rd = cond(rs2, 0) ? 0 : rs1
template <Compare ZeroWhen>
Value conditional_zero(Builder& b, Value value, Value condition) {
  const Value zero = b.imm64(0);
  return b.select((b.*ZeroWhen)(condition, zero), zero, value);
}

}  // namespace

bool lift_czero_eqz(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, conditional_zero<&Builder::eq>);
}
bool lift_czero_nez(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, conditional_zero<&Builder::ne>);
}

}  // namespace xisa::riscv64
