// RV64M multiply and divide (Volume I, chapter 13). The IR's division gives x/0 = 0; RISC-V
// wants all ones for a division by zero, so DIV* select it. REM* and the MIN/-1 overflow
// already match the IR (remainder = dividend, quotient = MIN, remainder 0).
#include "frontend/riscv64/translate_int_common.h"

namespace xisa::riscv64 {

using ir::Builder;
using ir::Value;

namespace {

using DivOp = Value (Builder::*)(Value, Value);

template <DivOp Div>
Value divide(Builder& b, Value dividend, Value divisor) {
  const Value zero = b.constant(divisor.type, 0);
  const Value all_ones = b.constant(divisor.type, ~uint64_t{0});
  return b.select(b.eq(divisor, zero), all_ones, (b.*Div)(dividend, divisor));
}

}  // namespace

bool lift_mul(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, &Builder::mul);
}
bool lift_mulh(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, &Builder::mulhs);
}
bool lift_mulhsu(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, &Builder::mulhsu);
}
bool lift_mulhu(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, &Builder::mulhu);
}
bool lift_div(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, divide<&Builder::divs>);
}
bool lift_divu(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, divide<&Builder::divu>);
}
bool lift_rem(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, &Builder::rems);
}
bool lift_remu(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, &Builder::remu);
}
bool lift_mulw(Lifter& l, uint32_t i) {
  return lift_reg_reg_w(l, i, &Builder::mul);
}
bool lift_divw(Lifter& l, uint32_t i) {
  return lift_reg_reg_w(l, i, divide<&Builder::divs>);
}
bool lift_divuw(Lifter& l, uint32_t i) {
  return lift_reg_reg_w(l, i, divide<&Builder::divu>);
}
bool lift_remw(Lifter& l, uint32_t i) {
  return lift_reg_reg_w(l, i, &Builder::rems);
}
bool lift_remuw(Lifter& l, uint32_t i) {
  return lift_reg_reg_w(l, i, &Builder::remu);
}

}  // namespace xisa::riscv64
