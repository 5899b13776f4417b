// Lifting pieces the SSE and AVX floating-point translators share.
#include "frontend/x86_64/sse_fp_lift.h"

#include "frontend/common/fp_fast_path.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

void fp_source_halves(Lifter& l, unsigned i, Value& lo, Value& hi) {
  ir::Builder& b = l.b;
  if (l.is_xmm(i)) {
    const Value v = l.xmm(i);
    lo = b.vextract_lane(Type::I64, 64, v, 0);
    hi = b.vextract_lane(Type::I64, 64, v, 1);
  } else if (l.bits(i) == 128) {
    const Value v = b.load(Type::V128, l.address(i));
    lo = b.vextract_lane(Type::I64, 64, v, 0);
    hi = b.vextract_lane(Type::I64, 64, v, 1);
  } else {
    lo = b.zext(Type::I64, l.read(i));
    hi = b.imm64(0);
  }
}

const frontend::InexactFlag kMxcsrInexact{XISA_X86_FIELD(mxcsr), 5};

Value mxcsr_allows_fast_path(Lifter& l) {
  constexpr uint32_t kMxcsrFastMask = 0xffc0, kMxcsrFast = 0x1f80;
  ir::Builder& b = l.b;
  const Value mxcsr = b.get_reg(Type::I32, XISA_X86_FIELD(mxcsr));
  return b.eq(b.and_(mxcsr, b.imm32(kMxcsrFastMask)), b.imm32(kMxcsrFast));
}

Value fp_lane_bits(Lifter& l, unsigned i, unsigned k, unsigned lane_bytes) {
  ir::Builder& b = l.b;
  const Type it = ir::int_type_of_bits(lane_bytes * 8);
  if (l.is_mem(i)) return b.load(it, b.add(l.address(i), b.imm64(k * lane_bytes)));
  return b.get_reg(it, xmm_offset(l.xmm_index(i)) + k * lane_bytes);
}

void set_fp_lanes(Lifter& l, const Value* values, unsigned lanes, unsigned lane_bytes) {
  ir::Builder& b = l.b;
  const uint32_t dst = xmm_offset(l.xmm_index(0));
  for (unsigned k = 0; k < lanes; ++k)
    b.set_reg(dst + k * lane_bytes, frontend::fp_bits(b, values[k]));
}

}  // namespace xisa::x86_64
