// The guard conditions of FpFastPath (tests on the bit patterns, or the host's unordered compare
// where that raises nothing the guest would not), and the accrual of lazily kept exceptions.
#include "frontend/common/fp_fast_path.h"

#include <cassert>

#include "common/host_fp_env.h"

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

FpFastPath::FpFastPath(ir::Builder& b, Value env_ok, uint64_t pc, GuestFpRules rules,
                       const InexactFlag* inexact, bool track_inexact)
    : b_(b),
      pc_(pc),
      rules_(rules),
      lazy_(host_fp::kLazyExceptions),
      inexact_(track_inexact && !lazy_ ? inexact : nullptr) {
  fail_if(b.xor_(env_ok, b.imm8(1)));
  if (!inexact || lazy_) return;  // lazily: the host's inexact flag is accrued with the rest
  const Value flags = b_.get_reg(Type::I32, inexact->offset);
  inexact_clear_ = b_.eq(b_.and_(flags, b_.imm32(1u << inexact->bit)), b_.imm32(0));
  if (inexact_)
    b_.emit(ir::Opcode::FpFlagsClear, Type::Void, {inexact_clear_});
  else
    fail_if(inexact_clear_);
}

void FpFastPath::guard() {
  if (!inexact_) return;
  const Value raised =
      b_.zext(Type::I32, b_.emit(ir::Opcode::FpInexact, Type::I8, {inexact_clear_}));
  const Value flags = b_.get_reg(Type::I32, inexact_->offset);
  b_.set_reg(inexact_->offset, b_.or_(flags, b_.shl(raised, b_.imm32(inexact_->bit))));
}

// Tested on the bits: a host compare would raise the denormal-operand flag.
Value FpFastPath::is_nan(Value x) {
  const Format f = format_of(x.type);
  const auto unit = uint64_t{1} << (f.mantissa_bits + 1);
  return b_.ltu(b_.constant(f.int_type, f.exponent_max * unit),
                b_.shl(fp_bits(b_, x), b_.constant(f.int_type, 1)));
}

// On a result, where exceptions are lazy and the guest has no denormal-operand flag, the host's
// unordered compare: it raises invalid only for a signalling NaN, which no op returns, and DE,
// which those guests' flags do not take (GuestArch::accrue_fp_exceptions).
Value FpFastPath::is_nan_result(Value r) {
  if (lazy_ && !rules_.denormal_operand_flag) return b_.fcmp(ir::Opcode::FCmpUnordered, r, r);
  return is_nan(r);
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
  if (rules_.denormal_operand_flag) {
    check_denormal(a);
    check_denormal(b);
  }
  fail_if(b_.fcmp(ir::Opcode::FCmpUnordered, a, b));
  return b_.fcmp(op, a, b);
}

namespace {

// The layout travels as immediates (offset, then one byte per flag), not as a pointer: a
// block refers to nothing of this process but the helper's name.
uint64_t accrue_host_fp_exceptions(void* state, uint64_t offset, uint64_t masks, uint64_t kept) {
  const uint32_t csr = host_fp::read_csr();
  const int raised = static_cast<int>(csr & host_fp::kPendingBits) | host_fp::t_pending_at_fault;
  if (raised == 0) return 0;
  auto mask = [&](unsigned k) { return static_cast<uint32_t>((masks >> (8 * k)) & 0xff); };
  const uint32_t bits = accrue_fp_exceptions(
      {static_cast<uint32_t>(offset), mask(0), mask(1), mask(2), mask(3), mask(4), mask(5)}, state,
      raised);
  // The host's flags may stay set while the guest's keep what they stand for: accruing them
  // again changes nothing. Clearing them (LDMXCSR) stalls the pipeline.
  if (bits & ~static_cast<uint32_t>(kept))
    host_fp::discard_pending(csr);
  else
    host_fp::t_pending_at_fault = 0;
  return 0;
}

const ir::HelperInfo kAccrueHostFpExceptions{"accrue_host_fp_exceptions",
                                             &accrue_host_fp_exceptions, false, true};

}  // namespace

void accrue_pending_fp_exceptions(ir::Builder& b, const FpStatusLayout& flags,
                                  FpFlagsAccess access) {
  accrue_pending_fp_exceptions(b, flags, b.imm64(access == FpFlagsAccess::Read ? ~uint64_t{0} : 0));
}

void accrue_pending_fp_exceptions(ir::Builder& b, const FpStatusLayout& flags, Value kept) {
  if constexpr (!host_fp::kLazyExceptions) return;
  const uint32_t masks[] = {flags.invalid,   flags.divide_by_zero, flags.overflow,
                            flags.underflow, flags.inexact,        flags.denormal_operand};
  uint64_t packed = 0;
  for (unsigned k = 0; k < 6; ++k) packed |= uint64_t{masks[k] & 0xff} << (8 * k);
  b.call(kAccrueHostFpExceptions, {b.imm64(flags.offset), b.imm64(packed), kept});
}

// Where the host's flags hold the exceptions for the guest (an x86-64 host), only what the host
// does differently is tested: NaNs (each guest shapes them its own way), and
// tininess before rounding (AArch64) when the result rounded up to the smallest normal
// magnitude. Nothing may run before the op that raises what the guest would not: conditions
// on the operands and the environment leave the block first. A NaN result leaves after the op,
// having raised on the host at most what the guest's slow path raises (invalid for a signalling
// NaN operand, or for inf * 0), except where a quiet NaN addend of inf * 0 raises invalid on the
// host but not for the guest: that addend is tested before the op.
Value FpFastPath::apply(ir::Opcode op, std::initializer_list<Value> args) {
  if (!lazy_) return apply_tested(op, args);
  const Format f = format_of(args.begin()->type);
  const Value* arg = args.begin();
  if (op == ir::Opcode::FMulAdd && !rules_.fma_invalid_with_quiet_nan_addend)
    fail_if(is_nan(arg[2]));
  if (rules_.denormal_operand_flag && !host_fp::kFlagsDenormalOperand)
    for (const Value a : args) check_denormal(a);
  const Value r = b_.fp(op, args);
  // An x86-64 guest's scalar NaN is the host's: SSE quiets the first NaN operand, else makes the
  // default NaN, as the IR's ops do on this host (interp/eval_op.cpp, the JIT's SSE lowering).
  // A fused multiply-add's operand order is the guest instruction's, not the IR's: tested.
  const bool host_nans = rules_.sse_nans && host_fp::kHostIsX86_64 && op != ir::Opcode::FMulAdd;
  if (rules_.tininess_before_rounding && !host_fp::kTininessBeforeRounding &&
      (op == ir::Opcode::FMul || op == ir::Opcode::FDiv || op == ir::Opcode::FMulAdd)) {
    // A NaN, or the smallest normal magnitude: one compare of |r| that is true when unordered.
    // It raises at most DE (for a subnormal |r|), which AArch64's flags do not take.
    assert(!rules_.denormal_operand_flag);
    const Value smallest_normal =
        fp_value(b_, r.type, b_.constant(f.int_type, uint64_t{1} << f.mantissa_bits));
    fail_if(b_.fcmp(ir::Opcode::FCmpUeq, b_.fp(ir::Opcode::FAbs, {r}), smallest_normal));
  } else if (!host_nans) {
    fail_if(is_nan_result(r));
  }
  return r;
}

Value FpFastPath::apply_tested(ir::Opcode op, std::initializer_list<Value> args) {
  const Format f = format_of(args.begin()->type);
  const auto unit = uint64_t{1} << (f.mantissa_bits + 1);
  auto c = [&](uint64_t v) { return b_.constant(f.int_type, v); };
  if (rules_.denormal_operand_flag)
    for (const Value a : args) check_denormal(a);
  const Value r = b_.fp(op, args);
  const Value twice = b_.shl(fp_bits(b_, r), c(1));
  // Not NaN or infinite: (r << 1) < max * unit.
  fail_if(b_.leu(c(f.exponent_max * unit), twice));
  if (op == ir::Opcode::FAdd || op == ir::Opcode::FSub || op == ir::Opcode::FSqrt) return r;
  // A product, quotient or fused result may be tiny: biased exponent below 2, so tiny before
  // rounding too (r << 1 < 2 * unit). It is exact, and raises nothing, when it is a zero made
  // by a zero factor or dividend (0 * x, 0 / x, 0 * x + c with c = 0), or a fused zero where
  // a * b cancels an addend c of biased exponent at least 2m + 4: the exact a * b + c is then a
  // multiple of 2^(e_c - 2m - 2), so a nonzero one could not round to zero. A sum or difference
  // is never inexact when tiny (both operands are multiples of the smallest subnormal) and a
  // square root is never tiny, so they need no such check.
  Value tiny = b_.ltu(twice, c(2 * unit));
  const auto twice_of = [&](Value x) { return b_.shl(fp_bits(b_, x), c(1)); };
  const Value* arg = args.begin();
  tiny = b_.and_(tiny, b_.ne(twice_of(arg[0]), c(0)));
  if (op != ir::Opcode::FDiv) tiny = b_.and_(tiny, b_.ne(twice_of(arg[1]), c(0)));
  if (op == ir::Opcode::FMulAdd) {
    const Value big_addend = b_.leu(c((2 * f.mantissa_bits + 4) * unit), twice_of(arg[2]));
    tiny = b_.and_(tiny, b_.xor_(b_.and_(b_.eq(twice, c(0)), big_addend), b_.imm8(1)));
  }
  fail_if(tiny);
  return r;
}

// The conditions of apply() on each lane, as v128 integer compares of the magnitudes (the sign
// cleared, so signed compares order them), folded into one any-lane test.
Value FpFastPath::apply_vector(ir::Opcode op, unsigned lane, std::initializer_list<Value> args) {
  using ir::Opcode;
  const Format f = format_of(lane == 64 ? Type::F64 : Type::F32);
  auto splat = [&](uint64_t v) {
    const uint64_t half = lane == 64 ? v : v | v << 32;
    return b_.vconst(half, half);
  };
  const Value magnitude_mask = splat((uint64_t{1} << (lane - 1)) - 1);
  auto magnitude = [&](Value x) { return b_.vbinary(Opcode::VAnd, lane, x, magnitude_mask); };
  const Value* arg = args.begin();
  auto any_lane = [&](Value mask) {
    return b_.ne(b_.vreduce(Opcode::VMoveMask, Type::I32, 8, mask), b_.imm32(0));
  };
  // NaN: the magnitude is above infinity's.
  const Value infinity = splat(f.exponent_max << f.mantissa_bits);
  auto nan_lanes = [&](Value x) {
    return b_.vbinary(Opcode::VCmpGtS, lane, magnitude(x), infinity);
  };
  const bool host_denormal_flag = lazy_ && host_fp::kFlagsDenormalOperand;
  if (lazy_ && args.size() == 3 && !rules_.fma_invalid_with_quiet_nan_addend)  // as apply()
    fail_if(any_lane(nan_lanes(arg[2])));
  if (rules_.denormal_operand_flag && !host_denormal_flag) {
    // a subnormal operand: nonzero magnitude below the smallest normal
    const Value zero = splat(0), min_normal = splat(uint64_t{1} << f.mantissa_bits);
    for (const Value a : args) {
      const Value m = magnitude(a);
      fail_if(b_.ne(b_.vreduce(Opcode::VMoveMask, Type::I32, 8,
                               b_.vbinary(Opcode::VAndNot, lane,
                                          b_.vbinary(Opcode::VCmpGtS, lane, min_normal, m),
                                          b_.vbinary(Opcode::VCmpEq, lane, m, zero))),
                    b_.imm32(0)));
    }
  }
  const Value r = args.size() == 3
                      ? b_.emit(Opcode::VFMulAdd, Type::V128, {arg[0], arg[1], arg[2]}, lane)
                      : b_.vbinary(op, lane, arg[0], arg[1]);
  const Value r_mag = magnitude(r);
  if (lazy_) {  // as apply(): NaN lanes, and AArch64's tininess where the host's differs
    Value lazy_bad = nan_lanes(r);
    if (rules_.tininess_before_rounding && !host_fp::kTininessBeforeRounding &&
        op != Opcode::VFAdd && op != Opcode::VFSub)
      lazy_bad = b_.vbinary(
          Opcode::VOr, lane, lazy_bad,
          b_.vbinary(Opcode::VCmpEq, lane, r_mag, splat(uint64_t{1} << f.mantissa_bits)));
    fail_if(any_lane(lazy_bad));
    return r;
  }
  // NaN or infinite: the magnitude is above the largest finite one.
  const uint64_t max_finite = (f.exponent_max << f.mantissa_bits) - 1;
  Value bad = b_.vbinary(Opcode::VCmpGtS, lane, r_mag, splat(max_finite));
  if (op != Opcode::VFAdd && op != Opcode::VFSub) {
    // Tiny (biased exponent below 2) and not the exact zero of a zero factor, nor a fused zero
    // cancelling an addend of biased exponent at least 2m + 4 (see apply()).
    const Value zero = splat(0);
    Value tiny = b_.vbinary(Opcode::VCmpGtS, lane, splat(uint64_t{2} << f.mantissa_bits), r_mag);
    for (unsigned a = 0; a < 2; ++a)
      tiny = b_.vbinary(Opcode::VAndNot, lane, tiny,
                        b_.vbinary(Opcode::VCmpEq, lane, magnitude(arg[a]), zero));
    if (op == Opcode::VFMulAdd) {
      const uint64_t big = uint64_t{2 * f.mantissa_bits + 4} << f.mantissa_bits;
      const Value big_addend = b_.vbinary(Opcode::VCmpGtS, lane, magnitude(arg[2]), splat(big - 1));
      const Value zero_result = b_.vbinary(Opcode::VCmpEq, lane, r_mag, zero);
      tiny = b_.vbinary(Opcode::VAndNot, lane, tiny,
                        b_.vbinary(Opcode::VAnd, lane, zero_result, big_addend));
    }
    bad = b_.vbinary(Opcode::VOr, lane, bad, tiny);
  }
  fail_if(b_.ne(b_.vreduce(Opcode::VMoveMask, Type::I32, 8, bad), b_.imm32(0)));
  return r;
}

Value FpFastPath::widen_single(Value v, unsigned lanes) {
  using ir::Opcode;
  // The host widens both low lanes: one the guest does not convert must raise nothing.
  if (lazy_ && lanes == 1) v = b_.vbinary(Opcode::VAnd, 64, v, b_.vconst(0xffffffff, 0));
  const Value wide = b_.vunary(Opcode::VFWidenLo, 32, v);
  if (lanes == 1) {  // the same tests on lane 0 alone, cheaper in general registers
    const Value magnitude =
        b_.and_(b_.vextract_lane(Type::I64, 64, wide, 0), b_.imm64(~uint64_t{0} >> 1));
    fail_if(b_.ltu(b_.imm64(0x7ff0000000000000), magnitude));
    if (rules_.denormal_operand_flag)
      fail_if(b_.ltu(b_.sub(magnitude, b_.imm64(1)), b_.imm64(0x3810000000000000 - 1)));
    return wide;
  }
  auto splat = [&](uint64_t x) { return b_.vconst(x, x); };
  const Value magnitude = b_.vbinary(Opcode::VAnd, 64, wide, splat(~uint64_t{0} >> 1));
  Value bad = b_.vbinary(Opcode::VCmpGtS, 64, magnitude, splat(0x7ff0000000000000));
  if (rules_.denormal_operand_flag) {  // a nonzero magnitude below 2^-126
    const Value small = b_.vbinary(Opcode::VCmpGtS, 64, splat(0x3810000000000000), magnitude);
    bad = b_.vbinary(Opcode::VOr, 64, bad,
                     b_.vbinary(Opcode::VAndNot, 64, small,
                                b_.vbinary(Opcode::VCmpEq, 64, magnitude, b_.vconst(0, 0))));
  }
  fail_if(b_.ne(b_.vreduce(Opcode::VMoveMask, Type::I32, 8, bad), b_.imm32(0)));
  return wide;
}

}  // namespace xisa::frontend
