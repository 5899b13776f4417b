// x87 FPU instructions (SDM vol. 1, chapter 8; 5.2): each is one call of the x86_x87 helper
// (x87_helpers.cpp) with its operation, operand form, stack indices and pops.
#include "frontend/common/fp_fast_path.h"
#include "frontend/x86_64/lifter.h"
#include "frontend/x86_64/x87_helpers.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

namespace {

struct X87Entry {
  ZydisMnemonic mnemonic;
  X87Op op;
  uint8_t pops;
  bool reverse;
  bool integer;  // FI* forms: the memory operand is an integer
  uint8_t constant;
};

constexpr X87Entry kEntries[] = {
    {ZYDIS_MNEMONIC_FLD, X87Op::Load, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FILD, X87Op::Load, 0, false, true, 0},
    {ZYDIS_MNEMONIC_FLD1, X87Op::LoadConst, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FLDL2T, X87Op::LoadConst, 0, false, false, 1},
    {ZYDIS_MNEMONIC_FLDL2E, X87Op::LoadConst, 0, false, false, 2},
    {ZYDIS_MNEMONIC_FLDPI, X87Op::LoadConst, 0, false, false, 3},
    {ZYDIS_MNEMONIC_FLDLG2, X87Op::LoadConst, 0, false, false, 4},
    {ZYDIS_MNEMONIC_FLDLN2, X87Op::LoadConst, 0, false, false, 5},
    {ZYDIS_MNEMONIC_FLDZ, X87Op::LoadConst, 0, false, false, 6},
    {ZYDIS_MNEMONIC_FST, X87Op::Store, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FSTP, X87Op::Store, 1, false, false, 0},
    {ZYDIS_MNEMONIC_FIST, X87Op::StoreInt, 0, false, true, 0},
    {ZYDIS_MNEMONIC_FISTP, X87Op::StoreInt, 1, false, true, 0},
    {ZYDIS_MNEMONIC_FISTTP, X87Op::StoreIntTrunc, 1, false, true, 0},
    {ZYDIS_MNEMONIC_FADD, X87Op::Add, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FADDP, X87Op::Add, 1, false, false, 0},
    {ZYDIS_MNEMONIC_FIADD, X87Op::Add, 0, false, true, 0},
    {ZYDIS_MNEMONIC_FSUB, X87Op::Sub, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FSUBP, X87Op::Sub, 1, false, false, 0},
    {ZYDIS_MNEMONIC_FISUB, X87Op::Sub, 0, false, true, 0},
    {ZYDIS_MNEMONIC_FSUBR, X87Op::Sub, 0, true, false, 0},
    {ZYDIS_MNEMONIC_FSUBRP, X87Op::Sub, 1, true, false, 0},
    {ZYDIS_MNEMONIC_FISUBR, X87Op::Sub, 0, true, true, 0},
    {ZYDIS_MNEMONIC_FMUL, X87Op::Mul, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FMULP, X87Op::Mul, 1, false, false, 0},
    {ZYDIS_MNEMONIC_FIMUL, X87Op::Mul, 0, false, true, 0},
    {ZYDIS_MNEMONIC_FDIV, X87Op::Div, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FDIVP, X87Op::Div, 1, false, false, 0},
    {ZYDIS_MNEMONIC_FIDIV, X87Op::Div, 0, false, true, 0},
    {ZYDIS_MNEMONIC_FDIVR, X87Op::Div, 0, true, false, 0},
    {ZYDIS_MNEMONIC_FDIVRP, X87Op::Div, 1, true, false, 0},
    {ZYDIS_MNEMONIC_FIDIVR, X87Op::Div, 0, true, true, 0},
    {ZYDIS_MNEMONIC_FCOM, X87Op::Compare, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FCOMP, X87Op::Compare, 1, false, false, 0},
    {ZYDIS_MNEMONIC_FCOMPP, X87Op::Compare, 2, false, false, 0},
    {ZYDIS_MNEMONIC_FICOM, X87Op::Compare, 0, false, true, 0},
    {ZYDIS_MNEMONIC_FICOMP, X87Op::Compare, 1, false, true, 0},
    {ZYDIS_MNEMONIC_FUCOM, X87Op::CompareUnordered, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FUCOMP, X87Op::CompareUnordered, 1, false, false, 0},
    {ZYDIS_MNEMONIC_FUCOMPP, X87Op::CompareUnordered, 2, false, false, 0},
    {ZYDIS_MNEMONIC_FCOMI, X87Op::CompareFlags, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FCOMIP, X87Op::CompareFlags, 1, false, false, 0},
    {ZYDIS_MNEMONIC_FUCOMI, X87Op::CompareFlagsUnordered, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FUCOMIP, X87Op::CompareFlagsUnordered, 1, false, false, 0},
    {ZYDIS_MNEMONIC_FTST, X87Op::Test, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FXAM, X87Op::Examine, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FCHS, X87Op::Chs, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FABS, X87Op::Abs, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FSQRT, X87Op::Sqrt, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FRNDINT, X87Op::RoundInt, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FSCALE, X87Op::Scale, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FPREM, X87Op::Prem, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FPREM1, X87Op::Prem1, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FXTRACT, X87Op::Extract, 0, false, false, 0},
    {ZYDIS_MNEMONIC_F2XM1, X87Op::F2xm1, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FYL2X, X87Op::Yl2x, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FYL2XP1, X87Op::Yl2xp1, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FPTAN, X87Op::Ptan, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FPATAN, X87Op::Patan, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FSIN, X87Op::Sin, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FCOS, X87Op::Cos, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FSINCOS, X87Op::SinCos, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FXCH, X87Op::Exchange, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FFREE, X87Op::Free, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FFREEP, X87Op::Free, 1, false, false, 0},
    {ZYDIS_MNEMONIC_FBLD, X87Op::LoadBcd, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FBSTP, X87Op::StoreBcd, 1, false, false, 0},
    {ZYDIS_MNEMONIC_FINCSTP, X87Op::IncStp, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FDECSTP, X87Op::DecStp, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FNSTSW, X87Op::StoreStatus, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FNSTCW, X87Op::StoreControl, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FLDCW, X87Op::LoadControl, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FNINIT, X87Op::Init, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FNCLEX, X87Op::ClearExceptions, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FNSTENV, X87Op::StoreEnv, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FLDENV, X87Op::LoadEnv, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FNSAVE, X87Op::Save, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FRSTOR, X87Op::Restore, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FXSAVE, X87Op::FxSave, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FXSAVE64, X87Op::FxSave, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FXRSTOR, X87Op::FxRestore, 0, false, false, 0},
    {ZYDIS_MNEMONIC_FXRSTOR64, X87Op::FxRestore, 0, false, false, 0},
};

const X87Entry* find_entry(ZydisMnemonic m) {
  for (const X87Entry& e : kEntries)
    if (e.mnemonic == m) return &e;
  return nullptr;
}

unsigned st_index(ZydisRegister r) {
  return static_cast<unsigned>(r - ZYDIS_REGISTER_ST0);
}
bool is_st(const ZydisDecodedOperand& o) {
  return o.type == ZYDIS_OPERAND_TYPE_REGISTER && o.reg.value >= ZYDIS_REGISTER_ST0 &&
         o.reg.value <= ZYDIS_REGISTER_ST7;
}

X87Form memory_form(unsigned bits, bool integer) {
  if (integer) return bits == 16 ? X87Form::I16 : bits == 32 ? X87Form::I32 : X87Form::I64;
  return bits == 32 ? X87Form::F32 : bits == 64 ? X87Form::F64 : X87Form::F80;
}

// The environment and save-area instructions: their layout follows the operand size.
bool is_image(X87Op op) {
  return op == X87Op::StoreEnv || op == X87Op::LoadEnv || op == X87Op::Save || op == X87Op::Restore;
}

// Whether the instruction first checks for a pending unmasked exception (#MF): all but the
// FN* forms and FXSAVE/FXRSTOR. FLDCW, FLDENV and FRSTOR wait too, as the host shows.
bool waits(X87Op op) {
  switch (op) {
    case X87Op::Init:
    case X87Op::ClearExceptions:
    case X87Op::StoreStatus:
    case X87Op::StoreControl:
    case X87Op::StoreEnv:
    case X87Op::Save:
    case X87Op::FxSave:
    case X87Op::FxRestore:
      return false;
    default:
      return true;
  }
}

// FCMOVcc: the RFLAGS condition of each mnemonic.
bool fcmov_cond(ZydisMnemonic m, Cond& c) {
  switch (m) {
    case ZYDIS_MNEMONIC_FCMOVB:
      c = Cond::B;
      return true;
    case ZYDIS_MNEMONIC_FCMOVNB:
      c = Cond::AE;
      return true;
    case ZYDIS_MNEMONIC_FCMOVE:
      c = Cond::E;
      return true;
    case ZYDIS_MNEMONIC_FCMOVNE:
      c = Cond::NE;
      return true;
    case ZYDIS_MNEMONIC_FCMOVBE:
      c = Cond::BE;
      return true;
    case ZYDIS_MNEMONIC_FCMOVNBE:
      c = Cond::A;
      return true;
    case ZYDIS_MNEMONIC_FCMOVU:
      c = Cond::P;
      return true;
    case ZYDIS_MNEMONIC_FCMOVNU:
      c = Cond::NP;
      return true;
    default:
      return false;
  }
}

}  // namespace

// FWAIT, and FNOP (a waiting no-op): only the #MF check.
bool lift_fwait(Lifter& l) {
  l.raise_pending_x87_exception();
  return true;
}

bool lift_x87(Lifter& l) {
  ir::Builder& b = l.b;
  const ZydisMnemonic m = l.in->d.mnemonic;
  Cond cond{};
  const bool is_fcmov = fcmov_cond(m, cond);
  const X87Entry* e = find_entry(m);
  if (!e && !is_fcmov) return false;
  X87Desc d{is_fcmov ? X87Op::CondMove : e->op, X87Form::None, 0, 0, 0, false, 0};
  if (e) {
    d.pops = e->pops;
    d.reverse = e->reverse;
    d.constant = e->constant;
  }
  Value addr = b.imm64(0);
  // Zydis lists ST operands in Intel order, hidden ones included: "fadd st2, st0",
  // "fld st3 / st0(h)", "fcomp st3 / st0(h)", "fucompp st0(h) st1(h)".
  uint8_t st[ZYDIS_MAX_OPERAND_COUNT];
  unsigned nst = 0;
  for (unsigned i = 0; i < l.in->d.operand_count; ++i) {
    const ZydisDecodedOperand& o = l.op(i);
    if (o.type == ZYDIS_OPERAND_TYPE_MEMORY) {
      addr = l.address(i);
      d.form = memory_form(o.size, e && e->integer);
      if (is_image(d.op) && l.in->d.operand_width == 16) d.form = X87Form::Image16;
    } else if (is_st(o)) {
      st[nst++] = static_cast<uint8_t>(st_index(o.reg.value));
    }
  }
  if (d.form == X87Form::None && nst > 0) {
    d.form = X87Form::Sti;
    const bool arith =
        d.op == X87Op::Add || d.op == X87Op::Sub || d.op == X87Op::Mul || d.op == X87Op::Div;
    if (arith && nst >= 2) {
      d.dst = st[0];
      d.src = st[1];
    } else if (d.op == X87Op::Store) {
      d.dst = st[0];
    } else {
      d.src = st[0] == 0 && nst > 1 ? st[1] : st[0];
    }
  }
  if (d.op == X87Op::FxSave || d.op == X87Op::FxRestore)  // MXCSR is saved or replaced
    frontend::accrue_pending_fp_exceptions(b, kFpStatus);
  if (waits(d.op)) l.raise_pending_x87_exception();
  const Value arg = is_fcmov ? b.zext(Type::I64, l.cond(cond)) : b.imm64(0);
  const Value ret = b.call(kX87Helper, {b.imm64(d.pack()), addr, arg});
  if (d.op == X87Op::CompareFlags || d.op == X87Op::CompareFlagsUnordered) l.set_eflags(ret);
  if (d.op == X87Op::StoreStatus && l.is_reg(0))
    l.write_reg(ZYDIS_REGISTER_AX, b.trunc(Type::I16, ret));
  return true;
}

}  // namespace xisa::x86_64
