// SSE/SSE2 floating point (SDM vol. 1, 10.4.2-10.4.6, 11.4.1, 11.4.5): arithmetic, compares,
// COMIS/UCOMIS, conversions and MXCSR access. The arithmetic runs in the x86_sse helper
// (sse_fp_helpers.cpp) so MXCSR rounding and exception flags are exact.
#include "frontend/x86_64/lifter.h"
#include "frontend/x86_64/sse_fp_helpers.h"

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

// The source operand as two 64-bit halves; memory reads only the operand's own size.
void source_halves(Lifter& l, unsigned i, Value& lo, Value& hi) {
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
    imm = static_cast<unsigned>(l.op(2).imm.value.u & 0xff);
    if (imm > 7) return false;  // AVX predicates
  }
  const bool to_gpr = f->op == SseOp::CvtToInt || f->op == SseOp::CvtTToInt;
  if (to_gpr) imm = l.bits(0) == 64 ? 1 : 0;
  if (f->op == SseOp::CvtFromInt) imm = l.bits(1) == 64 ? 1 : 0;
  const unsigned dst = to_gpr ? 0 : l.xmm_index(0);
  Value lo, hi;
  source_halves(l, 1, lo, hi);
  const bool arith = f->op == SseOp::Add || f->op == SseOp::Sub || f->op == SseOp::Mul ||
                     f->op == SseOp::Div || f->op == SseOp::Sqrt;
  const Value ret = b.call(arith ? kSseArithHelper : kSseHelper,
                           {b.imm64(sse_desc(f->op, f->format, dst, imm)), lo, hi});
  if (to_gpr) l.write(0, b.trunc(l.type(0), ret));
  if (f->op == SseOp::Ucomi || f->op == SseOp::Comi) l.set_eflags(ret);
  return true;
}

// CMPSD's SSE2 form (the string form has no operands).
bool lift_cmpsd(Lifter& l) {
  if (l.in->d.operand_count_visible == 0) return lift_string(l);
  return lift_sse_fp(l);
}

bool lift_ldmxcsr(Lifter& l) {
  l.b.set_reg(XISA_X86_FIELD(mxcsr), l.b.load(Type::I32, l.address(0)));
  return true;
}

bool lift_stmxcsr(Lifter& l) {
  l.b.store(l.address(0), l.b.get_reg(Type::I32, XISA_X86_FIELD(mxcsr)));
  return true;
}

}  // namespace xisa::x86_64
