// The guard conditions of FpFastPath as integer tests on the bit patterns.
#include "frontend/common/fp_fast_path.h"

namespace xisa::frontend {

using ir::Type;
using ir::Value;

namespace {

struct Format {
  Type int_type;
  unsigned mantissa_bits;
  uint64_t exponent_max;  // all ones: infinity and NaN
};

Format format_of(Type t) {
  return t == Type::F64 ? Format{Type::I64, 52, 0x7ff} : Format{Type::I32, 23, 0xff};
}

}  // namespace

Value fp_bits(ir::Builder& b, Value f) {
  return b.bitcast(f.type == Type::F64 ? Type::I64 : Type::I32, f);
}

Value fp_value(ir::Builder& b, Type float_type, Value bits) {
  return b.bitcast(float_type, bits);
}

// Shifting the sign out puts the biased exponent at the top: x << 1 counts in units of 2^(m+1).
void FpFastPath::check_denormal(Value x) {
  const Format f = format_of(x.type);
  const auto unit = uint64_t{1} << (f.mantissa_bits + 1);
  auto c = [&](uint64_t v) { return b_.constant(f.int_type, v); };
  // Subnormal: exponent 0 and mantissa nonzero, i.e. 1 <= (x << 1) < unit.
  const Value twice = b_.shl(fp_bits(b_, x), c(1));
  fail_if(b_.ltu(b_.sub(twice, c(1)), c(unit - 1)));
}

Value FpFastPath::compare(ir::Opcode op, Value a, Value b) {
  if (denormals_) {
    check_denormal(a);
    check_denormal(b);
  }
  fail_if(b_.fcmp(ir::Opcode::FCmpUnordered, a, b));
  return b_.fcmp(op, a, b);
}

Value FpFastPath::apply(ir::Opcode op, std::initializer_list<Value> args) {
  const Format f = format_of(args.begin()->type);
  const auto unit = uint64_t{1} << (f.mantissa_bits + 1);
  auto c = [&](uint64_t v) { return b_.constant(f.int_type, v); };
  if (denormals_)
    for (const Value a : args) check_denormal(a);
  const Value r = b_.fp(op, args);
  // Biased exponent in [2, max - 1]: (r << 1) - 2 * unit < (max - 2) * unit, unsigned.
  const Value twice = b_.shl(fp_bits(b_, r), c(1));
  fail_if(b_.leu(c((f.exponent_max - 2) * unit), b_.sub(twice, c(2 * unit))));
  return r;
}

}  // namespace xisa::frontend
