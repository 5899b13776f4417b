// F16C (SDM vol. 2, VCVTPH2PS, VCVTPS2PH): four halves per 64 bits and four singles per 128,
// converted by the x86_f16c helper (f16c_helpers.cpp). Neither is a hot path, so there is no
// fast path; MXCSR takes the flags last, after any store, so a faulting store changes nothing.
#include "frontend/x86_64/f16c_helpers.h"
#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

namespace {

Value convert(Lifter& l, F16cOp op, bool flags, unsigned pair, unsigned imm, Value lo, Value hi) {
  return l.b.call(kF16cHelper, {l.b.imm64(f16c_desc(op, flags, pair, imm)), lo, hi});
}

void raise_flags(Lifter& l, Value flags) {
  ir::Builder& b = l.b;
  const uint32_t mxcsr = XISA_X86_FIELD(mxcsr);
  b.set_reg(mxcsr, b.or_(b.get_reg(Type::I32, mxcsr), b.trunc(Type::I32, flags)));
}

Value vector_of(ir::Builder& b, Value lo, Value hi) {
  return b.vinsert_lane(64, b.vinsert_lane(64, b.vconst(0, 0), lo, 0), hi, 1);
}

}  // namespace

// VCVTPH2PS xmm, xmm/m64 and ymm, xmm/m128.
bool lift_vcvtph2ps(Lifter& l) {
  ir::Builder& b = l.b;
  if (l.vector_reg(0) < 0) return false;
  const unsigned quads = l.is_256_operand(0) ? 2 : 1;  // four halves each
  Value out[2] = {b.vconst(0, 0), b.vconst(0, 0)}, flags = b.imm64(0);
  const Value src = l.is_mem(1) ? Value{} : l.ymm_half(1, 0);
  for (unsigned q = 0; q < quads; ++q) {
    const Value halves = l.is_mem(1) ? b.load(Type::I64, b.add(l.address(1), b.imm64(8 * q)))
                                     : b.vextract_lane(Type::I64, 64, src, q);
    const Value zero = b.imm64(0);
    out[q] = vector_of(b, convert(l, F16cOp::HalfToSingle, false, 0, 0, halves, zero),
                       convert(l, F16cOp::HalfToSingle, false, 1, 0, halves, zero));
    flags = b.or_(flags, convert(l, F16cOp::HalfToSingle, true, 0, 0, halves, zero));
  }
  l.set_ymm(0, out[0], out[1]);
  raise_flags(l, flags);
  return true;
}

// VCVTPS2PH xmm/m64, xmm, imm8 and xmm/m128, ymm, imm8.
bool lift_vcvtps2ph(Lifter& l) {
  ir::Builder& b = l.b;
  if (l.in->d.operand_count_visible < 3 || !l.is_imm(2) || l.vector_reg(1) < 0) return false;
  const auto imm = static_cast<unsigned>(l.op(2).imm.value.u & 0xff);
  const unsigned quads = l.is_256_operand(1) ? 2 : 1;  // four singles each
  Value halves[2] = {b.imm64(0), b.imm64(0)}, flags = b.imm64(0);
  for (unsigned q = 0; q < quads; ++q) {
    const Value src = l.ymm_half(1, q);
    const Value lo = b.vextract_lane(Type::I64, 64, src, 0);
    const Value hi = b.vextract_lane(Type::I64, 64, src, 1);
    halves[q] = convert(l, F16cOp::SingleToHalf, false, 0, imm, lo, hi);
    flags = b.or_(flags, convert(l, F16cOp::SingleToHalf, true, 0, imm, lo, hi));
  }
  const Value all = vector_of(b, halves[0], halves[1]);
  if (l.is_mem(0))
    b.store(l.address(0), quads == 2 ? all : halves[0]);
  else
    l.set_ymm(0, all, b.vconst(0, 0));
  raise_flags(l, flags);
  return true;
}

}  // namespace xisa::x86_64
