// Scalar floating point, Arm ARM C4.1.90: conversions to and from integers, FMOV (register,
// general, immediate), 1-, 2- and 3-source arithmetic, FCMP/FCCMP, FCSEL, in single, double
// and half precision (FEAT_FP16). FADD, FSUB, FMUL, FNMUL, FDIV, FSQRT, the fused multiply-adds
// and FCMP/FCMPE on single and double take the guarded fast path (frontend/common/fp_fast_path.h);
// the rest, those when the guard fails and every half-precision operation (the host has no half
// arithmetic) go through the helpers of fp_ops_fenv.cpp; moves, FABS and FNEG are plain bit
// operations.
#include "frontend/aarch64/fp_fast_env.h"
#include "frontend/aarch64/fp_helpers.h"
#include "frontend/aarch64/lifter.h"
#include "frontend/common/fp_fast_path.h"

namespace xisa::aarch64 {

namespace {

// ftype 00 = single, 01 = double, 11 = half; 10 is unallocated.
bool fp_bits(uint32_t insn, unsigned& out) {
  switch (bits(insn, 22, 2)) {
    case 0:
      out = 32;
      return true;
    case 1:
      out = 64;
      return true;
    case 3:
      out = 16;
      return true;
    default:
      return false;
  }
}

// Operand as an i64 carrying the bit pattern (what the helpers take).
Value fp_arg(Lifter& l, unsigned r, unsigned bits_) {
  return l.b.zext(Type::I64, l.v_scalar(r, bits_));
}
void set_fp_result(Lifter& l, unsigned r, unsigned bits_, Value v64) {
  l.set_v_scalar(r, l.b.trunc(ir::int_type_of_bits(bits_), v64));
}
void set_flags_from_nzcv(Lifter& l, Value nzcv) {
  ir::Builder& b = l.b;
  auto flag = [&](unsigned bit) {
    return b.trunc(Type::I8, b.and_(b.shr(nzcv, b.imm64(bit)), b.imm64(1)));
  };
  l.set_nzcv(flag(3), flag(2), flag(1), flag(0));
}

// FPCR without flush-to-zero (bit 24): subnormal operands are themselves.
Value no_flush(Lifter& l) {
  ir::Builder& b = l.b;
  return b.eq(b.and_(b.get_reg(Type::I32, kOffFpcr), b.imm32(1u << 24)), b.imm32(0));
}

Value fp_operand(Lifter& l, unsigned r, unsigned fbits) {
  return frontend::fp_value(l.b, fbits == 64 ? Type::F64 : Type::F32, l.v_scalar(r, fbits));
}

// One guarded fast op whose result goes to Vd; `negate` flips the result's sign (FNMUL).
void fast_result(Lifter& l, uint32_t insn, ir::Opcode op, std::initializer_list<Value> args,
                 bool negate = false) {
  ir::Builder& b = l.b;
  frontend::FpFastPath fast(b, fast_env(l), l.pc, frontend::kAarch64FpRules, &kFpsrInexact,
                            l.track_inexact);
  Value r = fast.apply(op, args);
  fast.guard();
  if (negate) r = b.fp(ir::Opcode::FNeg, {r});
  l.set_v_scalar(rd(insn), frontend::fp_bits(b, r));
}

}  // namespace

// FCVT[NPMZA][SU], SCVTF, UCVTF, FMOV (general), FJCVTZS.
bool lift_FP_int_conv(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const bool is64 = sf(insn);
  const unsigned rmode = bits(insn, 19, 2), opcode = bits(insn, 16, 3), type = bits(insn, 22, 2);
  unsigned fbits;
  if (opcode == 6 && rmode == 3 && type == 1 && !is64) {  // FJCVTZS (FEAT_JSCVT)
    const Value r = b.call(fp::js_convert_helper(), {l.v_scalar(rn(insn), 64)});
    l.set_x(rd(insn), b.trunc(Type::I32, r));
    const Value zero = b.imm8(0);
    l.set_nzcv(zero, b.trunc(Type::I8, b.shr(r, b.imm64(32))), zero, zero);
    return true;
  }
  if (opcode >= 6) {   // FMOV between general and FP registers
    if (rmode == 1) {  // FMOV Xd, Vn.D[1] / FMOV Vd.D[1], Xn
      if (!is64 || type != 2) return false;
      if (opcode == 6)
        l.set_x(rd(insn), b.vextract_lane(Type::I64, 64, l.v(rn(insn)), 1));
      else
        l.set_v(rd(insn), b.vinsert_lane(64, l.v(rd(insn)), l.x(rn(insn)), 1));
      return true;
    }
    if (rmode != 0 || !fp_bits(insn, fbits)) return false;
    if (fbits != 16 && fbits != (is64 ? 64u : 32u)) return false;
    const Type ft = ir::int_type_of_bits(fbits);
    if (opcode == 6)
      l.set_x(rd(insn), b.zext(Lifter::int_type(is64), l.v_scalar(rn(insn), fbits)));
    else
      l.set_v_scalar(rd(insn), b.trunc(ft, l.x(rn(insn))));
    return true;
  }
  if (!fp_bits(insn, fbits)) return false;
  const uint64_t kind = (opcode & 1 ? 0 : 1) | (is64 ? 2 : 0);  // bit0 signed, bit1 64-bit
  if (opcode == 2 || opcode == 3) {                             // SCVTF, UCVTF
    if (rmode != 0) return false;
    const Value r = b.call(fp::from_int_helper(fbits), {l.x(rn(insn)), b.imm64(kind)});
    set_fp_result(l, rd(insn), fbits, r);
    return true;
  }
  fp::Rounding rounding;
  if (opcode < 2)
    rounding = static_cast<fp::Rounding>(rmode);  // N, P, M, Z
  else if (opcode >= 4 && rmode == 0)
    rounding = fp::Rounding::TieAway;  // FCVTAS, FCVTAU
  else
    return false;
  const Value r =
      b.call(fp::to_int_helper(fbits),
             {fp_arg(l, rn(insn), fbits), b.imm64(static_cast<uint64_t>(rounding)), b.imm64(kind)});
  l.set_x(rd(insn), is64 ? r : b.trunc(Type::I32, r));
  return true;
}

// SCVTF, UCVTF, FCVTZS, FCVTZU (scalar, fixed-point) with 64 - scale fraction bits.
bool lift_FP_fixed_conv(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const bool is64 = sf(insn);
  const unsigned rmode = bits(insn, 19, 2), opcode = bits(insn, 16, 3), scale = bits(insn, 10, 6);
  unsigned fbits;
  if (!fp_bits(insn, fbits) || (!is64 && scale < 32)) return false;
  const uint64_t kind = (opcode & 1 ? 0 : 1) | (is64 ? 2 : 0) | (uint64_t{64 - scale} << 8);
  if (rmode == 0 && (opcode == 2 || opcode == 3)) {
    set_fp_result(l, rd(insn), fbits,
                  b.call(fp::from_int_helper(fbits), {l.x(rn(insn)), b.imm64(kind)}));
    return true;
  }
  if (rmode != 3 || opcode > 1) return false;
  const Value r = b.call(fp::to_int_helper(fbits),
                         {fp_arg(l, rn(insn), fbits),
                          b.imm64(static_cast<uint64_t>(fp::Rounding::Zero)), b.imm64(kind)});
  l.set_x(rd(insn), is64 ? r : b.trunc(Type::I32, r));
  return true;
}

// FMOV, FABS, FNEG, FSQRT, FCVT, FRINT* (FRINT32/64 of FEAT_FRINTTS too).
bool lift_FP_dp1(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const unsigned opcode = bits(insn, 15, 6);
  unsigned fbits;
  if (!fp_bits(insn, fbits)) return false;
  const Type t = ir::int_type_of_bits(fbits);
  const uint64_t sign = uint64_t{1} << (fbits - 1);
  if (opcode <= 2) {  // FMOV, FABS, FNEG: bit operations, no exceptions
    Value v = l.v_scalar(rn(insn), fbits);
    if (opcode != 0 && fbits != 16) {  // on the host's FP registers
      v = frontend::fp_bits(b,
                            b.fp(opcode == 1 ? ir::Opcode::FAbs : ir::Opcode::FNeg,
                                 {frontend::fp_value(b, fbits == 64 ? Type::F64 : Type::F32, v)}));
    } else if (opcode == 1) {
      v = b.and_(v, b.constant(t, sign - 1));
    } else if (opcode == 2) {
      v = b.xor_(v, b.constant(t, sign));
    }
    l.set_v_scalar(rd(insn), v);
    return true;
  }
  if (opcode == 6 && bits(insn, 22, 2) == 1) {  // BFCVT (FEAT_BF16): single to BFloat16
    const Value r = b.call(fp::bf16_convert_helper(), {fp_arg(l, rn(insn), 32)});
    l.set_v_scalar(rd(insn), b.trunc(Type::I16, r));
    return true;
  }
  if (opcode >= 4 && opcode <= 7) {  // FCVT to single (4), double (5), half (7)
    static constexpr unsigned kTo[4] = {32, 64, 0, 16};
    const unsigned to = kTo[opcode - 4];
    if (to == 0 || to == fbits) return false;
    if (fbits == 32 && to == 64 && !l.slow_path) {
      // Single to double is exact: with FZ clear (subnormals convert exactly, no IDC) and no
      // NaN result (IOC for a signaling one, DN), nothing is raised and the host's conversion
      // is the guest's.
      frontend::FpFastPath fast(b, fast_env(l), l.pc, frontend::kAarch64FpRules);
      const Value wide = fast.widen_single(
          b.vfrom_halves(b.zext(Type::I64, l.v_scalar(rn(insn), 32)), b.imm64(0)), 1);
      const Value d = b.vextract_lane(Type::I64, 64, wide, 0);
      fast.guard();
      l.set_v_scalar(rd(insn), d);
      return true;
    }
    const Value r =
        b.call(fp::convert_helper(), {fp_arg(l, rn(insn), fbits), b.imm64(fbits), b.imm64(to)});
    set_fp_result(l, rd(insn), to, r);
    return true;
  }
  if (opcode >= 16 && fbits == 16) return false;  // FRINT32/64 have no half-precision form
  if (opcode == 3 && !l.slow_path && fbits != 16) {
    fast_result(l, insn, ir::Opcode::FSqrt, {fp_operand(l, rn(insn), fbits)});
    return true;
  }
  fp::Unary op;
  switch (opcode) {
    case 3:
      op = fp::Unary::Sqrt;
      break;
    case 8:
      op = fp::Unary::RintN;
      break;
    case 9:
      op = fp::Unary::RintP;
      break;
    case 10:
      op = fp::Unary::RintM;
      break;
    case 11:
      op = fp::Unary::RintZ;
      break;
    case 12:
      op = fp::Unary::RintA;
      break;
    case 14:
      op = fp::Unary::RintX;
      break;
    case 15:
      op = fp::Unary::RintI;
      break;
    case 16:
    case 17:
    case 18:
    case 19:  // FRINT32Z, FRINT32X, FRINT64Z, FRINT64X (FEAT_FRINTTS)
      op = static_cast<fp::Unary>(static_cast<unsigned>(fp::Unary::Rint32Z) + opcode - 16);
      break;
    default:
      return false;
  }
  const Value r = b.call(fp::unary_helper(fbits),
                         {fp_arg(l, rn(insn), fbits), b.imm64(static_cast<uint64_t>(op))});
  set_fp_result(l, rd(insn), fbits, r);
  return true;
}

// FCMP, FCMPE, against a register or zero.
bool lift_FP_cmp(Lifter& l, uint32_t insn) {
  unsigned fbits;
  const unsigned opc = bits(insn, 0, 5);
  if (!fp_bits(insn, fbits) || (opc & 7) != 0 || bits(insn, 14, 2) != 0) return false;
  if (!l.slow_path && fbits != 16) {
    // Ordered operands raise nothing: less 1000, equal 0110, greater 0010.
    ir::Builder& b = l.b;
    const Type ft = fbits == 64 ? Type::F64 : Type::F32;
    const Value a = fp_operand(l, rn(insn), fbits);
    const Value m = (opc & 8)
                        ? frontend::fp_value(b, ft, b.constant(ir::int_type_of_bits(fbits), 0))
                        : fp_operand(l, rm(insn), fbits);
    frontend::FpFastPath fast(b, no_flush(l), l.pc, frontend::kAarch64FpRules);
    const Value lt = fast.compare(ir::Opcode::FCmpLt, a, m);
    const Value eq = fast.compare(ir::Opcode::FCmpEq, a, m);
    fast.guard();
    l.set_nzcv(lt, eq, b.xor_(lt, b.imm8(1)), b.imm8(0));
    return true;
  }
  const Value a = fp_arg(l, rn(insn), fbits);
  const Value m = (opc & 8) ? l.b.imm64(0) : fp_arg(l, rm(insn), fbits);
  set_flags_from_nzcv(l, l.b.call(fp::compare_helper(fbits), {a, m, l.b.imm64(opc >> 4)}));
  return true;
}

// FMOV (scalar, immediate).
bool lift_FP_imm(Lifter& l, uint32_t insn) {
  unsigned fbits;
  if (!fp_bits(insn, fbits) || bits(insn, 5, 5) != 0) return false;
  const uint64_t v = expand_fp_imm(fbits, static_cast<uint8_t>(bits(insn, 13, 8)));
  l.set_v_scalar(rd(insn), l.b.constant(ir::int_type_of_bits(fbits), v));
  return true;
}

// FCCMP, FCCMPE: the compare's flags if cond holds, else #nzcv.
bool lift_FP_ccmp(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  unsigned fbits;
  if (!fp_bits(insn, fbits)) return false;
  const Value holds = l.condition(cond_field(insn, 12));
  // The compare runs (and may raise flags) only when cond holds: pick its operands so that a
  // false condition compares zeros, which raises nothing.
  const Value zero = b.imm64(0);
  const Value a = b.select(holds, fp_arg(l, rn(insn), fbits), zero);
  const Value m = b.select(holds, fp_arg(l, rm(insn), fbits), zero);
  const Value cmp = b.call(fp::compare_helper(fbits), {a, m, b.imm64(bits(insn, 4, 1))});
  set_flags_from_nzcv(l, b.select(holds, cmp, b.imm64(bits(insn, 0, 4))));
  return true;
}

// FMUL, FDIV, FADD, FSUB, FMAX, FMIN, FMAXNM, FMINNM, FNMUL.
bool lift_FP_dp2(Lifter& l, uint32_t insn) {
  static constexpr fp::Binary kOps[9] = {fp::Binary::Mul,    fp::Binary::Div,    fp::Binary::Add,
                                         fp::Binary::Sub,    fp::Binary::Max,    fp::Binary::Min,
                                         fp::Binary::MaxNum, fp::Binary::MinNum, fp::Binary::NMul};
  unsigned fbits;
  const unsigned opcode = bits(insn, 12, 4);
  if (!fp_bits(insn, fbits) || opcode > 8) return false;
  static constexpr ir::Opcode kFast[4] = {ir::Opcode::FMul, ir::Opcode::FDiv, ir::Opcode::FAdd,
                                          ir::Opcode::FSub};
  if ((opcode < 4 || opcode == 8) && !l.slow_path && fbits != 16) {
    fast_result(l, insn, opcode == 8 ? ir::Opcode::FMul : kFast[opcode],
                {fp_operand(l, rn(insn), fbits), fp_operand(l, rm(insn), fbits)}, opcode == 8);
    return true;
  }
  const Value r =
      l.b.call(fp::binary_helper(fbits), {fp_arg(l, rn(insn), fbits), fp_arg(l, rm(insn), fbits),
                                          l.b.imm64(static_cast<uint64_t>(kOps[opcode]))});
  set_fp_result(l, rd(insn), fbits, r);
  return true;
}

bool lift_FP_csel(Lifter& l, uint32_t insn) {
  unsigned fbits;
  if (!fp_bits(insn, fbits)) return false;
  const Value holds = l.condition(cond_field(insn, 12));
  l.set_v_scalar(rd(insn),
                 l.b.select(holds, l.v_scalar(rn(insn), fbits), l.v_scalar(rm(insn), fbits)));
  return true;
}

// FMADD, FMSUB, FNMADD, FNMSUB.
bool lift_FP_dp3(Lifter& l, uint32_t insn) {
  unsigned fbits;
  if (!fp_bits(insn, fbits)) return false;
  const unsigned kind = (bits(insn, 21, 1) << 1) | bits(insn, 15, 1);
  if (!l.slow_path && fbits != 16) {
    // FMADD n*m+a, FMSUB -n*m+a, FNMADD -n*m-a, FNMSUB n*m-a: sign flips are exact.
    ir::Builder& b = l.b;
    Value n = fp_operand(l, rn(insn), fbits), a = fp_operand(l, ra(insn), fbits);
    if (kind == 1 || kind == 2) n = b.fp(ir::Opcode::FNeg, {n});
    if (kind >= 2) a = b.fp(ir::Opcode::FNeg, {a});
    fast_result(l, insn, ir::Opcode::FMulAdd, {n, fp_operand(l, rm(insn), fbits), a});
    return true;
  }
  const Value r = l.b.call(
      fp::fma_helper(kind, fbits),
      {fp_arg(l, rn(insn), fbits), fp_arg(l, rm(insn), fbits), fp_arg(l, ra(insn), fbits)});
  set_fp_result(l, rd(insn), fbits, r);
  return true;
}

Value fast_env(Lifter& l) {
  ir::Builder& b = l.b;
  return b.eq(b.and_(b.get_reg(Type::I32, kOffFpcr), b.imm32(0x01c00000)), b.imm32(0));
}
const frontend::InexactFlag kFpsrInexact{kOffFpsr, 4};  // FPSR.IXC

}  // namespace xisa::aarch64
