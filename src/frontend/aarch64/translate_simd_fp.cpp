// Advanced SIMD floating point, Arm ARM C4.1.90: the FP opcodes of the three-same and
// two-register-misc classes (vector and scalar), scalar pairwise, across lanes and the
// fixed-point conversions, in single, double and half precision (FEAT_FP16: its own three-same
// and two-register-misc classes, and size 00 / U 0 elsewhere). Each lane calls the scalar
// helper of fp_ops_fenv.cpp, so rounding, FZ/FZ16, DN and FPSR flags match scalar FP.
#include "frontend/aarch64/fp_fast_env.h"
#include "frontend/aarch64/fp_helpers.h"
#include "frontend/aarch64/simd_common.h"

namespace xisa::aarch64 {

namespace {

Value binary_lanes(Lifter& l, fp::Binary op, unsigned esize, unsigned count, Value n, Value m) {
  const auto& h = fp::binary_helper(esize);
  return build_lanes(l, esize, count, [&](unsigned i) {
    return l.b.call(
        h, {lane(l, n, esize, i), lane(l, m, esize, i), l.b.imm64(static_cast<uint64_t>(op))});
  });
}
Value compare_lanes(Lifter& l, fp::CmpMask op, unsigned esize, unsigned count, Value n, Value m) {
  const auto& h = fp::compare_mask_helper(esize);
  return build_lanes(l, esize, count, [&](unsigned i) {
    return l.b.call(
        h, {lane(l, n, esize, i), lane(l, m, esize, i), l.b.imm64(static_cast<uint64_t>(op))});
  });
}

Value step_lanes(Lifter& l, fp::Step op, unsigned esize, unsigned count, Value n, Value m) {
  const auto& h = fp::step_helper(esize);
  return build_lanes(l, esize, count, [&](unsigned i) {
    return l.b.call(
        h, {lane(l, n, esize, i), lane(l, m, esize, i), l.b.imm64(static_cast<uint64_t>(op))});
  });
}

// The three-same FP operation of (U, a, opcode) on `count` lanes; false if not implemented.
bool fp_three_same(Lifter& l, bool u, bool a, unsigned opcode, unsigned esize, unsigned count,
                   bool q, unsigned d, Value n, Value m, Value& r) {
  using fp::Binary;
  const unsigned key = (u << 4) | (a << 3) | (opcode & 7);
  auto pair_then = [&](Binary op) {
    Value c1 = n, c2 = m;
    if (!q) c1 = c2 = join_low_halves(l, n, m);
    const Value even = l.b.vbinary(Opcode::VUnzipEven, esize, c1, c2);
    const Value odd = l.b.vbinary(Opcode::VUnzipOdd, esize, c1, c2);
    return binary_lanes(l, op, esize, count, even, odd);
  };
  switch (key) {
    case 0x00:
      r = binary_lanes(l, Binary::MaxNum, esize, count, n, m);
      return true;
    case 0x08:
      r = binary_lanes(l, Binary::MinNum, esize, count, n, m);
      return true;
    case 0x01:
    case 0x09: {  // FMLA, FMLS
      const auto& h = fp::fma_helper(a ? 1u : 0u, esize);
      const Value acc = l.v(d);
      r = build_lanes(l, esize, count, [&](unsigned i) {
        return l.b.call(h, {lane(l, n, esize, i), lane(l, m, esize, i), lane(l, acc, esize, i)});
      });
      return true;
    }
    case 0x02:
      r = binary_lanes(l, Binary::Add, esize, count, n, m);
      return true;
    case 0x0a:
      r = binary_lanes(l, Binary::Sub, esize, count, n, m);
      return true;
    case 0x04:
      r = compare_lanes(l, fp::CmpMask::Eq, esize, count, n, m);
      return true;
    case 0x06:
      r = binary_lanes(l, Binary::Max, esize, count, n, m);
      return true;
    case 0x0e:
      r = binary_lanes(l, Binary::Min, esize, count, n, m);
      return true;
    case 0x10:
      r = pair_then(Binary::MaxNum);
      return true;
    case 0x18:
      r = pair_then(Binary::MinNum);
      return true;
    case 0x12:
      r = pair_then(Binary::Add);
      return true;
    case 0x1a:
      r = binary_lanes(l, Binary::Abd, esize, count, n, m);
      return true;
    case 0x13:
      r = binary_lanes(l, Binary::Mul, esize, count, n, m);
      return true;
    case 0x14:
      r = compare_lanes(l, fp::CmpMask::Ge, esize, count, n, m);
      return true;
    case 0x1c:
      r = compare_lanes(l, fp::CmpMask::Gt, esize, count, n, m);
      return true;
    case 0x15:
      r = compare_lanes(l, fp::CmpMask::AbsGe, esize, count, n, m);
      return true;
    case 0x1d:
      r = compare_lanes(l, fp::CmpMask::AbsGt, esize, count, n, m);
      return true;
    case 0x16:
      r = pair_then(Binary::Max);
      return true;
    case 0x1e:
      r = pair_then(Binary::Min);
      return true;
    case 0x03:
      r = step_lanes(l, fp::Step::MulX, esize, count, n, m);
      return true;
    case 0x07:
      r = step_lanes(l, fp::Step::Recip, esize, count, n, m);
      return true;
    case 0x0f:
      r = step_lanes(l, fp::Step::RSqrt, esize, count, n, m);
      return true;
    case 0x17:
      r = binary_lanes(l, Binary::Div, esize, count, n, m);
      return true;
    default:
      return false;
  }
}

// Two-register-misc FP (U, a, opcode) on `count` lanes of esize.
bool fp_two_misc(Lifter& l, bool u, bool a, unsigned opcode, unsigned esize, unsigned count,
                 Value n, Value& r) {
  ir::Builder& b = l.b;
  const unsigned key = (u << 6) | (a << 5) | opcode;
  auto unary = [&](fp::Unary op) {
    return build_lanes(l, esize, count, [&](unsigned i) {
      return b.call(fp::unary_helper(esize),
                    {lane(l, n, esize, i), b.imm64(static_cast<uint64_t>(op))});
    });
  };
  const uint64_t int_kind = (u ? 0 : 1) | fp::int_width_kind(esize);
  auto to_int = [&](fp::Rounding rounding) {
    return build_lanes(l, esize, count, [&](unsigned i) {
      return b.call(
          fp::to_int_helper(esize),
          {lane(l, n, esize, i), b.imm64(static_cast<uint64_t>(rounding)), b.imm64(int_kind)});
    });
  };
  auto cmp_zero = [&](fp::CmpMask op, bool swap) {
    const Value zero = l.vzero();
    return swap ? compare_lanes(l, op, esize, count, zero, n)
                : compare_lanes(l, op, esize, count, n, zero);
  };
  const uint64_t sign = uint64_t{1} << (esize - 1);
  switch (key) {
    case 0x2f:
      r = b.vbinary(Opcode::VAndNot, 8, n,
                    b.vdup(esize, b.constant(ir::int_type_of_bits(esize), sign)));
      return true;
    case 0x6f:
      r = b.vbinary(Opcode::VXor, 8, n,
                    b.vdup(esize, b.constant(ir::int_type_of_bits(esize), sign)));
      return true;
    case 0x7f:
      r = unary(fp::Unary::Sqrt);
      return true;
    case 0x18:
      r = unary(fp::Unary::RintN);
      return true;
    case 0x19:
      r = unary(fp::Unary::RintM);
      return true;
    case 0x38:
      r = unary(fp::Unary::RintP);
      return true;
    case 0x39:
      r = unary(fp::Unary::RintZ);
      return true;
    case 0x58:
      r = unary(fp::Unary::RintA);
      return true;
    case 0x59:
      r = unary(fp::Unary::RintX);
      return true;
    case 0x79:
      r = unary(fp::Unary::RintI);
      return true;
    case 0x1e:  // FRINT32Z, FRINT64Z, FRINT32X, FRINT64X (FEAT_FRINTTS)
    case 0x1f:
    case 0x5e:
    case 0x5f:
      if (esize == 16) return false;
      r = unary(static_cast<fp::Unary>(static_cast<unsigned>(fp::Unary::Rint32Z) + (u ? 1 : 0) +
                                       (opcode & 1 ? 2 : 0)));
      return true;
    case 0x1a:
    case 0x5a:
      r = to_int(fp::Rounding::TieEven);
      return true;
    case 0x1b:
    case 0x5b:
      r = to_int(fp::Rounding::NegInf);
      return true;
    case 0x1c:
    case 0x5c:
      r = to_int(fp::Rounding::TieAway);
      return true;
    case 0x3a:
    case 0x7a:
      r = to_int(fp::Rounding::PosInf);
      return true;
    case 0x3b:
    case 0x7b:
      r = to_int(fp::Rounding::Zero);
      return true;
    case 0x1d:
    case 0x5d: {  // SCVTF, UCVTF
      r = build_lanes(l, esize, count, [&](unsigned i) {
        return b.call(fp::from_int_helper(esize), {lane(l, n, esize, i), b.imm64(int_kind)});
      });
      return true;
    }
    case 0x2c:
      r = cmp_zero(fp::CmpMask::Gt, false);
      return true;
    case 0x2d:
      r = cmp_zero(fp::CmpMask::Eq, false);
      return true;
    case 0x2e:
      r = cmp_zero(fp::CmpMask::Gt, true);
      return true;  // FCMLT: 0 > x
    case 0x6c:
      r = cmp_zero(fp::CmpMask::Ge, false);
      return true;
    case 0x6d:
      r = cmp_zero(fp::CmpMask::Ge, true);
      return true;  // FCMLE: 0 >= x
    case 0x3d:
    case 0x7d:
    case 0x3f: {  // FRECPE, FRSQRTE, FRECPX (scalar only)
      const fp::Estimate op = key == 0x3d   ? fp::Estimate::Recip
                              : key == 0x7d ? fp::Estimate::RSqrt
                                            : fp::Estimate::RecipExponent;
      r = build_lanes(l, esize, count, [&](unsigned i) {
        return b.call(fp::estimate_helper(esize),
                      {lane(l, n, esize, i), b.imm64(static_cast<uint64_t>(op))});
      });
      return true;
    }
    default:
      return false;
  }
}

// FADD, FSUB, FMUL, FMLA, FMLS on a whole 4S or 2D register: one host vector op behind the
// fast path's lane-wise guard (frontend/common/fp_fast_path.h); false for the others.
bool fast_three_same_vector(Lifter& l, uint32_t insn, unsigned esize, unsigned key) {
  if (esize == 16 || !bits(insn, 30, 1) || l.slow_path) return false;
  ir::Builder& b = l.b;
  const Value n = l.v(rn(insn)), m = l.v(rm(insn));
  Opcode op;
  switch (key) {
    case 0x02:
      op = Opcode::VFAdd;
      break;
    case 0x0a:
      op = Opcode::VFSub;
      break;
    case 0x13:
      op = Opcode::VFMul;
      break;
    case 0x01:
    case 0x09:
      op = Opcode::VFMulAdd;
      break;
    default:
      return false;
  }
  frontend::FpFastPath fast(b, fast_env(l), l.pc, frontend::kAarch64FpRules, &kFpsrInexact,
                            l.track_inexact);
  Value r;
  if (op == Opcode::VFMulAdd) {
    const uint64_t sign = esize == 64 ? uint64_t{1} << 63 : 0x8000000080000000ull;
    const Value factor = key == 0x09 ? b.vbinary(Opcode::VXor, esize, n, b.vconst(sign, sign)) : n;
    r = fast.apply_vector(op, esize, {factor, m, l.v(rd(insn))});  // FMLS: -(n * m) + d
  } else {
    r = fast.apply_vector(op, esize, {n, m});
  }
  fast.guard();
  l.set_v(rd(insn), r);
  return true;
}

// FCVTL/FCVTL2 from single: exact, so with FZ clear (subnormals convert exactly, no IDC) and no
// NaN result (IOC for a signaling one, DN) nothing is raised and the host's widening of the
// low (high for FCVTL2) two lanes is the guest's.
bool fast_widen(Lifter& l, uint32_t insn, bool high) {
  ir::Builder& b = l.b;
  frontend::FpFastPath fast(b, fast_env(l), l.pc, frontend::kAarch64FpRules);
  Value n = l.v(rn(insn));
  if (high) n = b.vbinary(Opcode::VConcatBytes, 8, n, n);
  const Value wide = fast.widen_single(n, 2);
  fast.guard();
  l.set_v(rd(insn), wide);
  return true;
}

// Three-same FP on the vector: esize from sz (or 16 for the FP16 class), the 5-bit opcode.
bool fp_three_same_vector(Lifter& l, uint32_t insn, unsigned esize, unsigned opcode) {
  const bool q = bits(insn, 30, 1), u = bits(insn, 29, 1), a = bits(insn, 23, 1);
  if (esize == 64 && !q) return false;
  if (fast_three_same_vector(l, insn, esize, (u << 4) | (a << 3) | (opcode & 7))) return true;
  const unsigned count = (q ? 128 : 64) / esize;
  Value r;
  if (!fp_three_same(l, u, a, opcode, esize, count, q, rd(insn), l.v(rn(insn)), l.v(rm(insn)), r))
    return false;
  l.set_v(rd(insn), r);
  return true;
}

bool fp_two_misc_vector(Lifter& l, uint32_t insn, unsigned esize) {
  const bool q = bits(insn, 30, 1), u = bits(insn, 29, 1), a = bits(insn, 23, 1);
  const unsigned opcode = bits(insn, 12, 5);
  if (esize == 64 && !q) return false;
  if (!u && a && opcode == 0x1f) return false;  // FRECPX has no vector form
  const unsigned count = (q ? 128 : 64) / esize;
  Value r;
  if (!fp_two_misc(l, u, a, opcode, esize, count, l.v(rn(insn)), r)) return false;
  write_vec(l, rd(insn), q, r);
  return true;
}

// The scalar forms of three-same FP: FCMEQ/FCMGE/FCMGT, FACGE/FACGT, FABD, FMULX, FRECPS and
// FRSQRTS.
bool fp_three_same_scalar(Lifter& l, uint32_t insn, unsigned esize, unsigned opcode) {
  const bool u = bits(insn, 29, 1), a = bits(insn, 23, 1);
  const bool scalar_form =
      opcode == 0x1c || (opcode == 0x1d && u) || (opcode == 0x1a && u && a) ||
      (!u && (opcode == 0x1b ? !a : opcode == 0x1f));  // FMULX, FRECPS, FRSQRTS
  if (!scalar_form) return false;
  Value r;
  if (!fp_three_same(l, u, a, opcode, esize, 1, true, rd(insn), l.v(rn(insn)), l.v(rm(insn)), r))
    return false;
  l.set_v(rd(insn), r);
  return true;
}

bool fp_two_misc_scalar(Lifter& l, uint32_t insn, unsigned esize) {
  const bool u = bits(insn, 29, 1), a = bits(insn, 23, 1);
  const unsigned opcode = bits(insn, 12, 5);
  if (opcode == 0x0f || (opcode >= 0x18 && opcode <= 0x19)) return false;  // no scalar form
  if (opcode == 0x1e || (opcode == 0x1f && (u || !a))) return false;       // FRECPX: U == 0, a == 1
  Value r;
  if (!fp_two_misc(l, u, a, opcode, esize, 1, l.v(rn(insn)), r)) return false;
  l.set_v(rd(insn), r);
  return true;
}

// Arm's Reduce() over `count` lanes (a power of two) from `first`: op of the two halves' own
// reductions, which fixes which NaN wins.
Value reduce_lanes(Lifter& l, fp::Binary op, unsigned esize, Value n, unsigned first,
                   unsigned count) {
  if (count == 1) return lane(l, n, esize, first);
  const Value lo = reduce_lanes(l, op, esize, n, first, count / 2);
  const Value hi = reduce_lanes(l, op, esize, n, first + count / 2, count / 2);
  return l.b.call(fp::binary_helper(esize), {lo, hi, l.b.imm64(static_cast<uint64_t>(op))});
}

}  // namespace

bool simd_fp_three_same(Lifter& l, uint32_t insn) {
  const bool u = bits(insn, 29, 1), dbl = bits(insn, 22, 1);
  const unsigned opcode = bits(insn, 11, 5);
  if (!dbl && opcode == (u ? 0x19u : 0x1du)) return fp_mul_add_long(l, insn, false);  // FMLAL...
  return fp_three_same_vector(l, insn, dbl ? 64 : 32, opcode);
}

// Advanced SIMD three same (FP16): the single-precision opcodes 11xxx as xxx.
bool lift_SIMD_three_same_fp16(Lifter& l, uint32_t insn) {
  return fp_three_same_vector(l, insn, 16, 0x18 | bits(insn, 11, 3));
}
bool lift_SIMD_scalar_three_fp16(Lifter& l, uint32_t insn) {
  return fp_three_same_scalar(l, insn, 16, 0x18 | bits(insn, 11, 3));
}
// Advanced SIMD two-register misc (FP16): the single-precision opcodes, half lanes.
bool lift_SIMD_two_misc_fp16(Lifter& l, uint32_t insn) {
  return fp_two_misc_vector(l, insn, 16);
}
bool lift_SIMD_scalar_two_misc_fp16(Lifter& l, uint32_t insn) {
  return fp_two_misc_scalar(l, insn, 16);
}

bool simd_fp_two_misc(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const bool q = bits(insn, 30, 1), u = bits(insn, 29, 1), a = bits(insn, 23, 1);
  const bool dbl = bits(insn, 22, 1);
  const unsigned opcode = bits(insn, 12, 5);
  if (!u && a && !dbl && opcode == 0x16) return bf16_convert_narrow(l, insn);  // BFCVTN(2)
  if (!u && !a && (opcode == 0x16 || opcode == 0x17)) {                        // FCVTN(2), FCVTL(2)
    const bool narrow = opcode == 0x16;
    if (!narrow && dbl && !l.slow_path) return fast_widen(l, insn, q);
    const unsigned from = narrow ? (dbl ? 64 : 32) : (dbl ? 32 : 16);
    const unsigned to = narrow ? from / 2 : from * 2;
    const Value n = l.v(rn(insn));
    const unsigned count = 64 / (narrow ? to : from);
    const unsigned first = narrow ? 0 : (q ? count : 0);
    const Value r = build_lanes(l, to, count, [&](unsigned i) {
      return b.call(fp::convert_helper(),
                    {lane(l, n, from, first + i), b.imm64(from), b.imm64(to)});
    });
    if (narrow)
      write_narrow(l, rd(insn), q, r);
    else
      l.set_v(rd(insn), r);
    return true;
  }
  return fp_two_misc_vector(l, insn, dbl ? 64 : 32);
}

// FADDP, FMAXP, FMINP, FMAXNMP, FMINNMP (scalar): the two lanes of Vn; U == 0 is half precision,
// size 0x or 1x (bit 22 ignored, as the Arm ARM's class table and QEMU have it).
bool simd_fp_scalar_pair(Lifter& l, uint32_t insn) {
  const bool half = !bits(insn, 29, 1);
  const bool a = bits(insn, 23, 1), dbl = bits(insn, 22, 1);
  const unsigned esize = half ? 16 : dbl ? 64 : 32;
  fp::Binary op;
  switch ((a << 5) | bits(insn, 12, 5)) {
    case 0x0d:
      op = fp::Binary::Add;
      break;
    case 0x0c:
      op = fp::Binary::MaxNum;
      break;
    case 0x2c:
      op = fp::Binary::MinNum;
      break;
    case 0x0f:
      op = fp::Binary::Max;
      break;
    case 0x2f:
      op = fp::Binary::Min;
      break;
    default:
      return false;
  }
  l.set_v_scalar(rd(insn), l.b.trunc(ir::int_type_of_bits(esize),
                                     reduce_lanes(l, op, esize, l.v(rn(insn)), 0, 2)));
  return true;
}

bool simd_fp_scalar_three(Lifter& l, uint32_t insn) {
  return fp_three_same_scalar(l, insn, bits(insn, 22, 1) ? 64 : 32, bits(insn, 11, 5));
}

bool simd_fp_scalar_two_misc(Lifter& l, uint32_t insn) {
  return fp_two_misc_scalar(l, insn, bits(insn, 22, 1) ? 64 : 32);
}

// SCVTF, UCVTF, FCVTZS, FCVTZU (vector or scalar, fixed-point): immh 001x is half precision.
bool simd_fp_fixed(Lifter& l, uint32_t insn, bool scalar) {
  ir::Builder& b = l.b;
  const bool q = scalar || bits(insn, 30, 1), u = bits(insn, 29, 1);
  const unsigned immh = bits(insn, 19, 4), immhb = bits(insn, 16, 7);
  if (immh < 2) return false;
  const unsigned esize = immh >= 8 ? 64 : immh >= 4 ? 32 : 16, fbits = 2 * esize - immhb;
  if (esize == 64 && !q) return false;
  const unsigned count = scalar ? 1 : (q ? 128 : 64) / esize;
  const uint64_t kind = (u ? 0 : 1) | fp::int_width_kind(esize) | (uint64_t{fbits} << 8);
  const Value n = l.v(rn(insn));
  const bool to_float = bits(insn, 11, 5) == 0x1c;
  const Value r = build_lanes(l, esize, count, [&](unsigned i) {
    if (to_float) return b.call(fp::from_int_helper(esize), {lane(l, n, esize, i), b.imm64(kind)});
    return b.call(
        fp::to_int_helper(esize),
        {lane(l, n, esize, i), b.imm64(static_cast<uint64_t>(fp::Rounding::Zero)), b.imm64(kind)});
  });
  l.set_v(rd(insn), r);
  return true;
}

// FMAXNMV, FMAXV, FMINNMV, FMINV: 4S (U == 1, sz == 0), or 4H and 8H (U == 0, FEAT_FP16, size
// 0x or 1x as in scalar pairwise).
bool simd_fp_across(Lifter& l, uint32_t insn) {
  const bool q = bits(insn, 30, 1), half = !bits(insn, 29, 1);
  if (!half && (bits(insn, 22, 1) || !q)) return false;
  const unsigned esize = half ? 16 : 32, count = (q ? 128 : 64) / esize;
  const bool min = bits(insn, 23, 1), num = bits(insn, 12, 5) == 0x0c;
  const fp::Binary op = num ? (min ? fp::Binary::MinNum : fp::Binary::MaxNum)
                            : (min ? fp::Binary::Min : fp::Binary::Max);
  const Value r = reduce_lanes(l, op, esize, l.v(rn(insn)), 0, count);
  l.set_v_scalar(rd(insn), l.b.trunc(ir::int_type_of_bits(esize), r));
  return true;
}

}  // namespace xisa::aarch64
