// Scalar IEEE arithmetic (FAdd ... FMulAdd, FAbs, FNeg) on SSE2 scalar instructions (VEX forms
// with AVX).
// A result that only FP ops, FP compares and bitcasts read stays in an xmm register of its own
// (fp_in_xmm_); others go to a general register as a bit pattern like every other value, with
// xmm0-xmm2 as scratch. The host MXCSR is xisa's own (round to nearest even, all exceptions
// masked), which is what the ops mean.
#include "backend/x86_64/emitter.h"
#include "common/host_fp_env.h"

namespace xisa::backend::x86_64 {

using ir::Opcode;
using ir::Type;

void Emitter::to_xmm(const x86::Xmm& x, ir::ValueId v, unsigned bits) {
  v = bits_of(v);  // through folded Bitcasts
  if (x.id() == 0) {
    if (xmm0_holds_ == v) return;
    xmm0_holds_ = v;
  }
  const Loc& l = loc(v);
  if (l.kind == Loc::VecReg) {
    if (l.reg != x.id()) as_.movaps(x, x86::xmm(l.reg));
  } else if (l.kind == Loc::Reg) {
    if (bits == 64)
      as_.movq(x, x86::gpq(l.reg));
    else
      as_.movd(x, x86::gpd(l.reg));
  } else if (l.kind == Loc::Slot) {
    if (bits == 64)
      as_.movq(x, slot_mem(l.slot, 8));
    else
      as_.movd(x, slot_mem(l.slot, 4));
  } else {
    as_.emit(bits == 64 ? x86::Inst::kIdMovq : x86::Inst::kIdMovd, x, fp_literal(l.imm, bits));
  }
}

x86::Mem Emitter::fp_literal(uint64_t value, unsigned bits) {
  x86::Mem m = literal(Loc{Loc::Imm, 0, 0, value, 0});
  m.setSize(bits / 8);
  return m;
}

x86::Xmm Emitter::fp_reg(ir::ValueId v, const x86::Xmm& scratch, unsigned bits) {
  if (const Loc& l = loc(bits_of(v)); l.kind == Loc::VecReg) return x86::xmm(l.reg);
  to_xmm(scratch, v, bits);
  return scratch;
}

namespace {

x86::Inst::Id scalar_op(Opcode op, bool f64, bool vex) {
  namespace I = x86::Inst;
  switch (op) {
    case Opcode::FAdd:
      return vex ? (f64 ? I::kIdVaddsd : I::kIdVaddss) : (f64 ? I::kIdAddsd : I::kIdAddss);
    case Opcode::FSub:
      return vex ? (f64 ? I::kIdVsubsd : I::kIdVsubss) : (f64 ? I::kIdSubsd : I::kIdSubss);
    case Opcode::FMul:
      return vex ? (f64 ? I::kIdVmulsd : I::kIdVmulss) : (f64 ? I::kIdMulsd : I::kIdMulss);
    case Opcode::FDiv:
      return vex ? (f64 ? I::kIdVdivsd : I::kIdVdivss) : (f64 ? I::kIdDivsd : I::kIdDivss);
    case Opcode::FSqrt:
      return vex ? (f64 ? I::kIdVsqrtsd : I::kIdVsqrtss) : (f64 ? I::kIdSqrtsd : I::kIdSqrtss);
    case Opcode::FMulAdd:  // dst = dst * b + c
      return f64 ? I::kIdVfmadd213sd : I::kIdVfmadd213ss;
    default:
      return I::kIdNone;
  }
}

}  // namespace

void Emitter::lower_float(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const bool f64 = inst.type == Type::F64;
  const unsigned bits = f64 ? 64 : 32;
  if (inst.op == Opcode::FMulAdd && !HostFeatures::get().fma) {
    lower_pure_call(i);  // the interpreter's std::fma: no FMA3 on this host
    return;
  }
  if (inst.op == Opcode::FAbs || inst.op == Opcode::FNeg) {
    lower_sign_op(i);
    return;
  }
  if (fp_in_xmm_[i]) {
    lower_float_in_xmm(i);
    return;
  }
  to_xmm(x86::xmm0, arg(i, 0), bits);
  const x86::Xmm b = inst.nargs > 1 ? fp_reg(arg(i, 1), x86::xmm1, bits) : x86::xmm0;
  const x86::Xmm c = inst.nargs > 2 ? fp_reg(arg(i, 2), x86::xmm2, bits) : x86::xmm0;
  const x86::Inst::Id id = scalar_op(inst.op, f64, false);
  if (inst.op == Opcode::FMulAdd)  // xmm0 = xmm0 * b + c
    as_.emit(id, x86::xmm0, b, c);
  else
    as_.emit(id, x86::xmm0, b);  // FSqrt: of xmm0 itself
  define_from_xmm0(i, f64);
}

// The result, computed in xmm0, as FP bits in a general register; xmm0 keeps it for the next op.
void Emitter::define_from_xmm0(size_t i, bool f64) {
  const x86::Gp dst = def_reg(i, false, 64);
  if (f64)
    as_.movq(dst, x86::xmm0);
  else
    as_.movd(dst.r32(), x86::xmm0);
  xmm0_holds_ = static_cast<ir::ValueId>(i);
}

// The result in a vector register of its own. With AVX the three-operand forms read the
// operands where they are; without it the first operand is copied to the result first.
void Emitter::lower_float_in_xmm(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const bool f64 = inst.type == Type::F64;
  const unsigned bits = f64 ? 64 : 32;
  const bool vex = HostFeatures::get().avx;
  const x86::Xmm a = fp_reg(arg(i, 0), x86::xmm0, bits);
  const x86::Xmm b = inst.nargs > 1 ? fp_reg(arg(i, 1), x86::xmm1, bits) : a;
  const x86::Xmm c = inst.nargs > 2 ? fp_reg(arg(i, 2), x86::xmm2, bits) : a;
  const x86::Xmm d = def_vec(i);
  const x86::Inst::Id id = scalar_op(inst.op, f64, vex);
  if (inst.op == Opcode::FMulAdd) {  // FMA3 implies AVX
    as_.vmovaps(d, a);
    as_.emit(id, d, b, c);
  } else if (vex) {
    as_.emit(id, d, a, b);  // FSqrt: b is a
  } else if (inst.op == Opcode::FSqrt) {
    as_.emit(id, d, a);
  } else {
    as_.movaps(d, a);
    as_.emit(id, d, b);
  }
}

// FAbs and FNeg: the sign bit cleared (ANDPD) or flipped (XORPD) with a mask from the literal
// pool. Neither raises anything.
void Emitter::lower_sign_op(size_t i) {
  const bool f64 = block_.insts[i].type == Type::F64;
  const unsigned bits = f64 ? 64 : 32;
  const bool abs = block_.insts[i].op == Opcode::FAbs;
  const uint64_t sign = uint64_t{1} << (bits - 1);
  const x86::Mem mask = literal(Loc{Loc::Imm, 0, 0, abs ? sign - 1 : sign, 0});
  if (fp_in_xmm_[i]) {
    const x86::Xmm a = fp_reg(arg(i, 0), x86::xmm0, bits);
    const x86::Xmm d = def_vec(i);
    if (HostFeatures::get().avx) {
      as_.emit(abs ? x86::Inst::kIdVandpd : x86::Inst::kIdVxorpd, d, a, mask);
      return;
    }
    if (d.id() != a.id()) as_.movaps(d, a);
    as_.emit(abs ? x86::Inst::kIdAndpd : x86::Inst::kIdXorpd, d, mask);
    return;
  }
  to_xmm(x86::xmm0, arg(i, 0), bits);
  as_.emit(abs ? x86::Inst::kIdAndpd : x86::Inst::kIdXorpd, x86::xmm0, mask);
  define_from_xmm0(i, f64);
}

// FpFlagsClear and FpInexact run only when arg0 is nonzero (the guest's inexact flag is still
// clear), so the common case costs a test. Clearing reloads MXCSR only when the flag is set:
// LDMXCSR stalls the SSE unit. STMXCSR waits for the SSE ops before it (about 15 cycles on
// this host's Zen), which is why exceptions are accrued lazily rather than read per op. The MXCSR
// goes through the call-save slot of rax, which is never saved there (rax is scratch).
void Emitter::lower_fp_flags(size_t i) {
  constexpr uint32_t kInexact = 0x20, kInexactShift = 5;
  const bool clear = block_.insts[i].op == Opcode::FpFlagsClear;
  const ir::ValueId when = arg(i, 0);
  if (is_imm(when) && loc(when).imm == 0) {
    if (!clear) {
      const x86::Gp dst = def_reg(i, false, 32);
      as_.xor_(dst, dst);
    }
    return;
  }
  as_.mov(kScratch1.r32(), in_reg(when, kScratch0, 32));  // survives dst's definition
  x86::Gp dst;
  if (!clear) {
    dst = def_reg(i, false, 32);
    as_.xor_(dst, dst);
  }
  asmjit::Label done = as_.newLabel();
  as_.test(kScratch1.r32(), kScratch1.r32());
  as_.jz(done);
  const x86::Mem csr = x86::dword_ptr(x86::rsp, kCallSaveOffset + 8 * x86::Gp::kIdAx);
  as_.stmxcsr(csr);
  if (clear) {  // inexact only: the other flags may hold exceptions not yet accrued
    as_.test(csr, kInexact);
    as_.jz(done);
    as_.and_(csr, ~kInexact);
    as_.ldmxcsr(csr);
  } else {
    as_.mov(dst, csr);
    as_.shr(dst, kInexactShift);
    as_.and_(dst, 1);
  }
  as_.bind(done);
}

}  // namespace xisa::backend::x86_64

namespace xisa::backend::x86_64 {

// UCOMISS/UCOMISD set ZF, PF, CF as (unordered: 111, less: 001, equal: 100, greater: 000).
// a < b and a <= b are tested as b > a and b >= a, which are false when unordered.
void Emitter::lower_float_compare(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const unsigned bits = arg_inst(i, 0).type == Type::F64 ? 64 : 32;
  const bool swap = inst.op == Opcode::FCmpLt || inst.op == Opcode::FCmpLe;
  const x86::Xmm first = fp_reg(arg(i, swap ? 1 : 0), x86::xmm0, bits);
  const bool self = arg(i, 0) == arg(i, 1);  // x unordered with itself: a NaN test
  const ir::ValueId second = arg(i, swap ? 0 : 1);
  const Loc& c = loc(bits_of(second));
  const asmjit::Operand other = self                 ? asmjit::Operand(first)
                                : c.kind == Loc::Imm ? asmjit::Operand(fp_literal(c.imm, bits))
                                                     : fp_reg(second, x86::xmm1, bits);
  as_.emit(bits == 64 ? x86::Inst::kIdUcomisd : x86::Inst::kIdUcomiss, first, other);
  if (inst.op != Opcode::FCmpEq) {  // one flag: a branch can test it
    const x86::CondCode cc = inst.op == Opcode::FCmpLt    ? x86::CondCode::kA
                             : inst.op == Opcode::FCmpLe  ? x86::CondCode::kAE
                             : inst.op == Opcode::FCmpUeq ? x86::CondCode::kE  // ZF: = or NaN
                                                          : x86::CondCode::kPE;
    if (fuse_with_next_exit(i, cc)) return;
  }
  const x86::Gp dst = def_reg(i, false, 32);
  switch (inst.op) {
    case Opcode::FCmpEq:  // ZF and not PF
      as_.setnp(kScratch1.r8());
      as_.sete(dst.r8());
      as_.and_(dst.r8(), kScratch1.r8());
      break;
    case Opcode::FCmpLt:
      as_.seta(dst.r8());
      break;
    case Opcode::FCmpLe:
      as_.setae(dst.r8());
      break;
    case Opcode::FCmpUeq:
      as_.sete(dst.r8());
      break;
    default:
      as_.setp(dst.r8());
      break;
  }
  as_.movzx(dst, dst.r8());
}

}  // namespace xisa::backend::x86_64
