// SSE/SSE2 floating point (SDM vol. 1, 10.4.2-10.4.6, 11.4.1, 11.4.5): arithmetic, compares,
// COMIS/UCOMIS, conversions and MXCSR access. ADD/SUB/MUL/DIV/SQRT take the guarded fast path
// (frontend/common/fp_fast_path.h) in the default MXCSR; everything else, and those when the
// guard fails, runs in the x86_sse helpers (sse_fp_helpers.cpp), exact in rounding and flags.
#include "frontend/common/fp_fast_path.h"
#include "frontend/x86_64/lifter.h"
#include "frontend/x86_64/sse_fp_helpers.h"
#include "frontend/x86_64/sse_fp_lift.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

namespace {

struct FpForm {
  ZydisMnemonic mnemonic;
  SseOp op;
  SseFormat format;
};

#define XISA_FP_FORMS(NAME, OP)                                \
  {ZYDIS_MNEMONIC_##NAME##SS, SseOp::OP, SseFormat::Ss},       \
      {ZYDIS_MNEMONIC_##NAME##SD, SseOp::OP, SseFormat::Sd},   \
      {ZYDIS_MNEMONIC_##NAME##PS, SseOp::OP, SseFormat::Ps}, { \
    ZYDIS_MNEMONIC_##NAME##PD, SseOp::OP, SseFormat::Pd        \
  }

constexpr FpForm kForms[] = {
    XISA_FP_FORMS(ADD, Add),
    XISA_FP_FORMS(SUB, Sub),
    XISA_FP_FORMS(MUL, Mul),
    XISA_FP_FORMS(DIV, Div),
    XISA_FP_FORMS(MIN, Min),
    XISA_FP_FORMS(MAX, Max),
    XISA_FP_FORMS(SQRT, Sqrt),
    XISA_FP_FORMS(CMP, Cmp),
    {ZYDIS_MNEMONIC_UCOMISS, SseOp::Ucomi, SseFormat::Ss},
    {ZYDIS_MNEMONIC_UCOMISD, SseOp::Ucomi, SseFormat::Sd},
    {ZYDIS_MNEMONIC_COMISS, SseOp::Comi, SseFormat::Ss},
    {ZYDIS_MNEMONIC_COMISD, SseOp::Comi, SseFormat::Sd},
    {ZYDIS_MNEMONIC_CVTSS2SD, SseOp::CvtScalar, SseFormat::Sd},
    {ZYDIS_MNEMONIC_CVTSD2SS, SseOp::CvtScalar, SseFormat::Ss},
    {ZYDIS_MNEMONIC_CVTPS2PD, SseOp::CvtPs2Pd, SseFormat::Pd},
    {ZYDIS_MNEMONIC_CVTPD2PS, SseOp::CvtPd2Ps, SseFormat::Ps},
    {ZYDIS_MNEMONIC_CVTDQ2PS, SseOp::CvtDq2Ps, SseFormat::Ps},
    {ZYDIS_MNEMONIC_CVTDQ2PD, SseOp::CvtDq2Pd, SseFormat::Pd},
    {ZYDIS_MNEMONIC_CVTPS2DQ, SseOp::CvtPs2Dq, SseFormat::Ps},
    {ZYDIS_MNEMONIC_CVTTPS2DQ, SseOp::CvtTPs2Dq, SseFormat::Ps},
    {ZYDIS_MNEMONIC_CVTPD2DQ, SseOp::CvtPd2Dq, SseFormat::Pd},
    {ZYDIS_MNEMONIC_CVTTPD2DQ, SseOp::CvtTPd2Dq, SseFormat::Pd},
    {ZYDIS_MNEMONIC_CVTPI2PS, SseOp::CvtPi2Ps, SseFormat::Ps},
    {ZYDIS_MNEMONIC_CVTPI2PD, SseOp::CvtDq2Pd, SseFormat::Pd},
    {ZYDIS_MNEMONIC_CVTPS2PI, SseOp::CvtToPi, SseFormat::Ps},
    {ZYDIS_MNEMONIC_CVTTPS2PI, SseOp::CvtTToPi, SseFormat::Ps},
    {ZYDIS_MNEMONIC_CVTPD2PI, SseOp::CvtToPi, SseFormat::Pd},
    {ZYDIS_MNEMONIC_CVTTPD2PI, SseOp::CvtTToPi, SseFormat::Pd},
    {ZYDIS_MNEMONIC_CVTSI2SS, SseOp::CvtFromInt, SseFormat::Ss},
    {ZYDIS_MNEMONIC_CVTSI2SD, SseOp::CvtFromInt, SseFormat::Sd},
    {ZYDIS_MNEMONIC_CVTSS2SI, SseOp::CvtToInt, SseFormat::Ss},
    {ZYDIS_MNEMONIC_CVTSD2SI, SseOp::CvtToInt, SseFormat::Sd},
    {ZYDIS_MNEMONIC_CVTTSS2SI, SseOp::CvtTToInt, SseFormat::Ss},
    {ZYDIS_MNEMONIC_CVTTSD2SI, SseOp::CvtTToInt, SseFormat::Sd},
    {ZYDIS_MNEMONIC_ADDSUBPS, SseOp::AddSub, SseFormat::Ps},
    {ZYDIS_MNEMONIC_ADDSUBPD, SseOp::AddSub, SseFormat::Pd},
    {ZYDIS_MNEMONIC_HADDPS, SseOp::HAdd, SseFormat::Ps},
    {ZYDIS_MNEMONIC_HADDPD, SseOp::HAdd, SseFormat::Pd},
    {ZYDIS_MNEMONIC_HSUBPS, SseOp::HSub, SseFormat::Ps},
    {ZYDIS_MNEMONIC_HSUBPD, SseOp::HSub, SseFormat::Pd},
    {ZYDIS_MNEMONIC_ROUNDSS, SseOp::Round, SseFormat::Ss},
    {ZYDIS_MNEMONIC_ROUNDSD, SseOp::Round, SseFormat::Sd},
    {ZYDIS_MNEMONIC_ROUNDPS, SseOp::Round, SseFormat::Ps},
    {ZYDIS_MNEMONIC_ROUNDPD, SseOp::Round, SseFormat::Pd},
    {ZYDIS_MNEMONIC_DPPS, SseOp::Dot, SseFormat::Ps},
    {ZYDIS_MNEMONIC_DPPD, SseOp::Dot, SseFormat::Pd},
};
#undef XISA_FP_FORMS

const FpForm* find_form(ZydisMnemonic m) {
  for (const FpForm& f : kForms)
    if (f.mnemonic == m) return &f;
  return nullptr;
}

bool is_fast_arith(SseOp op) {
  return op == SseOp::Add || op == SseOp::Sub || op == SseOp::Mul || op == SseOp::Div ||
         op == SseOp::Sqrt;
}

// ADDSS ... SQRTPD lane by lane on f32/f64 views of the XMM registers; x86 has a
// denormal-operand flag (DE), so subnormal operands fail the guard too.
void lift_fast_arith(Lifter& l, const FpForm& f) {
  ir::Builder& b = l.b;
  const bool dbl = is_double_format(f.format);
  const unsigned lanes = lane_count(f.format);
  const Type ft = dbl ? Type::F64 : Type::F32;
  const unsigned lane_bytes = dbl ? 8 : 4;
  static constexpr ir::Opcode kOps[] = {ir::Opcode::FAdd, ir::Opcode::FSub, ir::Opcode::FMul,
                                        ir::Opcode::FDiv};
  frontend::FpFastPath fast(b, mxcsr_allows_fast_path(l), l.in->pc, frontend::kX86FpRules,
                            &kMxcsrInexact, l.track_inexact);
  auto lane = [&](unsigned i, unsigned k) {
    return frontend::fp_value(b, ft, fp_lane_bits(l, i, k, lane_bytes));
  };
  Value out[4];
  // Packed ADD/SUB/MUL on whole registers (legacy encodings): one host vector op under the
  // lane-wise guard.
  const bool packed = f.format == SseFormat::Ps || f.format == SseFormat::Pd;
  if (packed && f.op != SseOp::Div && f.op != SseOp::Sqrt &&
      l.in->d.encoding == ZYDIS_INSTRUCTION_ENCODING_LEGACY) {
    static constexpr ir::Opcode kVectorOps[] = {ir::Opcode::VFAdd, ir::Opcode::VFSub,
                                                ir::Opcode::VFMul};
    const Value a = l.xmm(0);
    const Value m = l.is_mem(1) ? b.load(Type::V128, l.address(1)) : l.xmm(1);
    const Value r = fast.apply_vector(
        kVectorOps[static_cast<unsigned>(f.op) - static_cast<unsigned>(SseOp::Add)], lane_bytes * 8,
        {a, m});
    fast.guard();
    b.set_reg(xmm_offset(l.xmm_index(0)), r);
    return;
  }
  for (unsigned k = 0; k < lanes; ++k) {
    out[k] = f.op == SseOp::Sqrt
                 ? fast.apply(ir::Opcode::FSqrt, {lane(1, k)})
                 : fast.apply(kOps[static_cast<unsigned>(f.op) - static_cast<unsigned>(SseOp::Add)],
                              {lane(0, k), lane(1, k)});
  }
  fast.guard();
  set_fp_lanes(l, out, lanes, lane_bytes);
}

// UCOMISS/UCOMISD/COMISS/COMISD with ordered, non-subnormal operands raise nothing and set
// ZF (equal) or CF (less); PF, OF, SF and AF clear. DAZ would change subnormal operands, which
// the guard excludes, so MXCSR does not matter.
void lift_fast_compare(Lifter& l, const FpForm& f) {
  ir::Builder& b = l.b;
  const bool dbl = f.format == SseFormat::Sd;
  const Type ft = dbl ? Type::F64 : Type::F32, it = dbl ? Type::I64 : Type::I32;
  const Value a = frontend::fp_value(b, ft, b.get_reg(it, xmm_offset(l.xmm_index(0))));
  const Value m = l.is_mem(1)
                      ? b.load(ft, l.address(1))
                      : frontend::fp_value(b, ft, b.get_reg(it, xmm_offset(l.xmm_index(1))));
  frontend::FpFastPath fast(b, b.imm8(1), l.in->pc, frontend::kX86FpRules);
  const Value eq = fast.compare(ir::Opcode::FCmpEq, a, m);
  const Value lt = fast.compare(ir::Opcode::FCmpLt, a, m);
  fast.guard();
  l.set_eflags(b.or_(b.shl(b.zext(Type::I64, eq), b.imm64(6)), b.zext(Type::I64, lt)));
}

// CVTSS2SD and CVTPS2PD (legacy encodings): widening is exact, so with no NaN operand (IE for a
// signaling one) and no subnormal one (DE) the instruction raises nothing and the host's
// conversion is the guest's (FpFastPath::widen_single).
bool lift_fast_widen(Lifter& l, const FpForm& f) {
  if (l.in->d.encoding != ZYDIS_INSTRUCTION_ENCODING_LEGACY) return false;
  ir::Builder& b = l.b;
  const unsigned lanes = f.op == SseOp::CvtPs2Pd ? 2 : 1;
  frontend::FpFastPath fast(b, mxcsr_allows_fast_path(l), l.in->pc, frontend::kX86FpRules);
  // The source's two low f32 lanes: an XMM register as it is (VFWidenLo reads no more), or
  // the m64 / m32 in lane 0.
  const Value src = l.is_xmm(1) ? l.xmm(1)
                    : l.bits(1) == 128
                        ? b.load(Type::V128, l.address(1))
                        : b.vinsert_lane(64, b.vconst(0, 0), b.zext(Type::I64, l.read(1)), 0);
  const Value wide = fast.widen_single(src, lanes);
  fast.guard();
  if (lanes == 2) {  // CVTPS2PD writes the whole register
    b.set_reg(xmm_offset(l.xmm_index(0)), wide);
    return true;
  }
  Value out[2];
  for (unsigned k = 0; k < lanes; ++k)
    out[k] = frontend::fp_value(b, Type::F64, b.vextract_lane(Type::I64, 64, wide, k));
  set_fp_lanes(l, out, lanes, 8);
  return true;
}

}  // namespace

bool lift_sse_fp(Lifter& l) {
  const FpForm* f = find_form(l.in->d.mnemonic);
  if (!f) return false;
  ir::Builder& b = l.b;
  const unsigned nvis = l.in->d.operand_count_visible;
  unsigned imm = 0;
  if (f->op == SseOp::Round || f->op == SseOp::Dot) {
    if (nvis < 3 || !l.is_imm(2)) return false;
    imm = static_cast<unsigned>(l.op(2).imm.value.u & 0xff);
  }
  if (f->op == SseOp::Cmp) {
    if (nvis < 3 || !l.is_imm(2)) return false;
    // VEX encodes 32 predicates in imm8[4:0]; the legacy encoding's hardware reads imm8[2:0].
    const bool vex = l.in->d.encoding == ZYDIS_INSTRUCTION_ENCODING_VEX;
    imm = static_cast<unsigned>(l.op(2).imm.value.u & (vex ? 31 : 7));
  }
  if (is_fast_arith(f->op) && !l.slow_path) {
    lift_fast_arith(l, *f);
    return true;
  }
  if ((f->op == SseOp::Ucomi || f->op == SseOp::Comi) && !l.slow_path) {
    lift_fast_compare(l, *f);
    return true;
  }
  const bool widen =
      f->op == SseOp::CvtPs2Pd || (f->op == SseOp::CvtScalar && f->format == SseFormat::Sd);
  if (widen && !l.slow_path && lift_fast_widen(l, *f)) return true;
  const bool to_gpr = f->op == SseOp::CvtToInt || f->op == SseOp::CvtTToInt;
  const bool to_mmx = f->op == SseOp::CvtToPi || f->op == SseOp::CvtTToPi;
  if (to_gpr) imm = l.bits(0) == 64 ? 1 : 0;
  if (f->op == SseOp::CvtFromInt) imm = l.bits(1) == 64 ? 1 : 0;
  const unsigned dst = to_gpr || to_mmx ? 0 : l.xmm_index(0);
  Value lo, hi;
  fp_source_halves(l, 1, lo, hi);
  const Value ret = b.call(is_fast_arith(f->op) ? kSseArithHelper : kSseHelper,
                           {b.imm64(sse_desc(f->op, f->format, dst, imm)), lo, hi});
  if (to_gpr) l.write(0, b.trunc(l.type(0), ret));
  if (to_mmx) l.set_mmx(0, ret);
  if (f->op == SseOp::Ucomi || f->op == SseOp::Comi) l.set_eflags(ret);
  return true;
}

// CMPSD's SSE2 form (the string form has no operands).
bool lift_cmpsd(Lifter& l) {
  if (l.in->d.operand_count_visible == 0) return lift_string(l);
  return lift_sse_fp(l);
}

bool lift_ldmxcsr(Lifter& l) {
  frontend::accrue_pending_fp_exceptions(l.b, kFpStatus);  // into the flags this replaces
  l.b.set_reg(XISA_X86_FIELD(mxcsr), l.b.load(Type::I32, l.address(0)));
  return true;
}

bool lift_stmxcsr(Lifter& l) {
  frontend::accrue_pending_fp_exceptions(l.b, kFpStatus, frontend::FpFlagsAccess::Read);
  l.b.store(l.address(0), l.b.get_reg(Type::I32, XISA_X86_FIELD(mxcsr)));
  return true;
}

}  // namespace xisa::x86_64
