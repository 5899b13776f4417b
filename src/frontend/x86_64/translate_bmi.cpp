// BMI1, BMI2 and ADX (SDM vol. 2, "ANDN" ... "SHRX", "ADCX", "ADOX"): VEX-encoded GPR
// instructions. All but PDEP/PEXT are a few inline IR ops; PDEP/PEXT scatter and gather bits
// in a pure helper. RDRAND/RDSEED take their values from the host's getrandom.
#include <sys/random.h>

#include <cerrno>

#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

namespace {

// Logic-style flags (SF, ZF, PF from res; OF and AF clear) with CF given, for the BMI1
// instructions that report something in CF.
void set_logic_flags(Lifter& l, Value res, Value cf) {
  l.set_eflags(l.eflags_with_cf(CcKind::Logic, res, res, res, cf));
}

// The low `n` bits of v, or all of v when n is at least the width (the shift would wrap).
Value low_bits(ir::Builder& b, Value v, Value n) {
  const Type t = v.type;
  const Value one = int_const(b, t, 1);
  const Value masked = b.and_(v, b.sub(b.shl(one, n), one));
  return b.select(b.ltu(n, int_const(b, t, ir::type_bits(t))), masked, v);
}

enum class LowestBit { Isolate, Mask, Reset };

// BLSI/BLSMSK/BLSR: dst (VEX.vvvv) from the lowest set bit of the r/m source.
bool lowest_bit(Lifter& l, LowestBit op) {
  ir::Builder& b = l.b;
  const Value src = l.read(1);
  const Value zero = int_const(b, src.type, 0);
  const Value minus1 = b.sub(src, int_const(b, src.type, 1));
  Value res, cf;
  switch (op) {
    case LowestBit::Isolate:  // CF: the source was not zero
      res = b.and_(b.neg(src), src);
      cf = b.ne(src, zero);
      break;
    case LowestBit::Mask:  // CF: the source was zero (ZF is always clear: res is never 0)
      res = b.xor_(minus1, src);
      cf = b.eq(src, zero);
      break;
    case LowestBit::Reset:
      res = b.and_(minus1, src);
      cf = b.eq(src, zero);
      break;
  }
  l.write(0, res);
  set_logic_flags(l, res, cf);
  return true;
}

using ShiftOp = Value (ir::Builder::*)(Value, Value);

// SHLX/SHRX/SARX: the IR shifts take the count modulo the width, as these do. No flags.
bool shift_no_flags(Lifter& l, ShiftOp op) {
  l.write(0, (l.b.*op)(l.read(1), l.read_as(2, l.type(0))));
  return true;
}

// PDEP: the low bits of src to the positions of mask's set bits, in order.
uint64_t helper_pdep(void*, uint64_t src, uint64_t mask, uint64_t) {
  uint64_t out = 0;
  for (uint64_t m = mask; m != 0; m &= m - 1, src >>= 1)
    if (src & 1) out |= m & (0 - m);
  return out;
}
// PEXT: the bits of src at mask's set bits, packed into the low bits.
uint64_t helper_pext(void*, uint64_t src, uint64_t mask, uint64_t) {
  uint64_t out = 0;
  unsigned k = 0;
  for (uint64_t m = mask; m != 0; m &= m - 1, ++k)
    if (src & m & (0 - m)) out |= uint64_t{1} << k;
  return out;
}
const ir::HelperInfo kPdep{"x86_pdep", helper_pdep, true};
const ir::HelperInfo kPext{"x86_pext", helper_pext, true};

// PDEP/PEXT dst, src (VEX.vvvv), mask (r/m).
bool deposit_extract(Lifter& l, const ir::HelperInfo& helper) {
  ir::Builder& b = l.b;
  const Value src = b.zext(Type::I64, l.read(1)), mask = b.zext(Type::I64, l.read(2));
  l.write(0, b.trunc(l.type(0), b.call(helper, {src, mask})));
  return true;
}

// ADCX/ADOX: dst + src + the carry flag given, which alone receives the carry out.
bool add_with_carry_flag(Lifter& l, FlagBit carry) {
  ir::Builder& b = l.b;
  const Type t = l.type(0);
  const Value dst = l.read(0), src = l.read(1);
  const Value sum = b.add(dst, src);
  const Value res = b.add(sum, b.zext(t, l.flag(carry)));
  const Value out = b.or_(b.ltu(sum, dst), b.ltu(res, sum));
  l.write(0, res);
  l.update_flags(uint64_t{1} << carry, b.shl(b.zext(Type::I64, out), b.imm64(carry)));
  return true;
}

// Random bits for RDRAND/RDSEED: never short for 8 bytes once the pool is ready.
uint64_t helper_random(void*, uint64_t, uint64_t, uint64_t) {
  uint64_t v = 0;
  while (getrandom(&v, sizeof v, 0) != static_cast<ssize_t>(sizeof v) && errno == EINTR) {
  }
  return v;
}
// Not pure: two calls with the same (no) arguments must not be merged.
const ir::HelperInfo kRandom{"x86_random", helper_random};

}  // namespace

bool lift_andn(Lifter& l) {
  ir::Builder& b = l.b;
  const Value res = b.and_(b.not_(l.read(1)), l.read(2));
  l.write(0, res);
  l.set_cc(CcKind::Logic, res, res, res);
  return true;
}

// BEXTR dst, src, control: control[7:0] is the start bit, control[15:8] the length.
bool lift_bextr(Lifter& l) {
  ir::Builder& b = l.b;
  const Type t = l.type(0);
  const Value src = l.read(1), control = l.read(2);
  const Value byte = int_const(b, t, 0xff);
  const Value start = b.and_(control, byte);
  const Value len = b.and_(b.shr(control, int_const(b, t, 8)), byte);
  const Value width = int_const(b, t, l.bits(0));
  const Value shifted = b.select(b.ltu(start, width), b.shr(src, start), int_const(b, t, 0));
  const Value res = low_bits(b, shifted, len);
  l.write(0, res);
  l.set_cc(CcKind::Logic, res, res, res);  // ZF from res; CF, OF clear
  return true;
}

bool lift_blsi(Lifter& l) {
  return lowest_bit(l, LowestBit::Isolate);
}
bool lift_blsmsk(Lifter& l) {
  return lowest_bit(l, LowestBit::Mask);
}
bool lift_blsr(Lifter& l) {
  return lowest_bit(l, LowestBit::Reset);
}

// BZHI dst, src, index: src with the bits from index[7:0] up cleared; CF: index past the top.
bool lift_bzhi(Lifter& l) {
  ir::Builder& b = l.b;
  const Type t = l.type(0);
  const Value n = b.and_(l.read(2), int_const(b, t, 0xff));
  const Value res = low_bits(b, l.read(1), n);
  l.write(0, res);
  set_logic_flags(l, res, b.ltu(int_const(b, t, l.bits(0) - 1), n));
  return true;
}

// MULX hi, lo, src: rDX * src unsigned, no flags. With hi and lo the same register, the high
// half wins, so it is written last.
bool lift_mulx(Lifter& l) {
  ir::Builder& b = l.b;
  const Value a = l.gpr(kRdx, l.type(0)), src = l.read(2);
  const Value hi = b.mulhu(a, src), lo = b.mul(a, src);
  l.write(1, lo);
  l.write(0, hi);
  return true;
}

bool lift_pdep(Lifter& l) {
  return deposit_extract(l, kPdep);
}
bool lift_pext(Lifter& l) {
  return deposit_extract(l, kPext);
}

bool lift_rorx(Lifter& l) {
  const uint64_t count = l.op(2).imm.value.u & (l.bits(0) - 1);
  l.write(0, l.b.rotr(l.read(1), int_const(l.b, l.type(0), count)));
  return true;
}

bool lift_shlx(Lifter& l) {
  return shift_no_flags(l, &ir::Builder::shl);
}
bool lift_shrx(Lifter& l) {
  return shift_no_flags(l, &ir::Builder::shr);
}
bool lift_sarx(Lifter& l) {
  return shift_no_flags(l, &ir::Builder::sar);
}

bool lift_adcx(Lifter& l) {
  return add_with_carry_flag(l, kCF);
}
bool lift_adox(Lifter& l) {
  return add_with_carry_flag(l, kOF);
}

// RDRAND/RDSEED: a random value, and CF = 1 (valid) with the other flags clear.
bool lift_rdrand(Lifter& l) {
  ir::Builder& b = l.b;
  l.write(0, b.trunc(l.type(0), b.call(kRandom, {})));
  l.set_eflags(b.imm64(uint64_t{1} << kCF));
  return true;
}

}  // namespace xisa::x86_64
