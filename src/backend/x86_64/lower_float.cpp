// Scalar IEEE arithmetic (FAdd ... FMulAdd) on SSE2 scalar instructions. FP values live in
// general registers as bit patterns like every other value; xmm0-xmm2 are scratch here. The host
// MXCSR is xisa's own (round to nearest even, all exceptions masked), which is what the ops mean.
#include "backend/x86_64/emitter.h"
#include "common/host_fp_env.h"

namespace xisa::backend::x86_64 {

using ir::Opcode;
using ir::Type;

void Emitter::to_xmm(const x86::Xmm& x, ir::ValueId v, unsigned bits) {
  if (folded_[v]) v = arg(v, 0);  // a Bitcast: its operand's bits
  if (x.id() == 0) {
    if (xmm0_holds_ == v) return;
    xmm0_holds_ = v;
  }
  const Loc& l = loc(v);
  if (l.kind == Loc::Reg) {
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
    as_.mov(kScratch0, l.imm);
    as_.movq(x, kScratch0);
  }
}

void Emitter::lower_float(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const bool f64 = inst.type == Type::F64;
  const unsigned bits = f64 ? 64 : 32;
  if (inst.op == Opcode::FMulAdd && !HostFeatures::get().fma) {
    lower_pure_call(i);  // the interpreter's std::fma: no FMA3 on this host
    return;
  }
  to_xmm(x86::xmm0, arg(i, 0), bits);
  if (inst.nargs > 1) to_xmm(x86::xmm1, arg(i, 1), bits);
  if (inst.nargs > 2) to_xmm(x86::xmm2, arg(i, 2), bits);
  using Id = x86::Inst::Id;
  Id id = x86::Inst::kIdNone;
  switch (inst.op) {
    case Opcode::FAdd:
      id = f64 ? x86::Inst::kIdAddsd : x86::Inst::kIdAddss;
      break;
    case Opcode::FSub:
      id = f64 ? x86::Inst::kIdSubsd : x86::Inst::kIdSubss;
      break;
    case Opcode::FMul:
      id = f64 ? x86::Inst::kIdMulsd : x86::Inst::kIdMulss;
      break;
    case Opcode::FDiv:
      id = f64 ? x86::Inst::kIdDivsd : x86::Inst::kIdDivss;
      break;
    case Opcode::FSqrt:
      id = f64 ? x86::Inst::kIdSqrtsd : x86::Inst::kIdSqrtss;
      break;
    case Opcode::FMulAdd:  // xmm0 = xmm0 * xmm1 + xmm2
      id = f64 ? x86::Inst::kIdVfmadd213sd : x86::Inst::kIdVfmadd213ss;
      as_.emit(id, x86::xmm0, x86::xmm1, x86::xmm2);
      id = x86::Inst::kIdNone;
      break;
    default:
      break;
  }
  if (id == x86::Inst::kIdSqrtsd || id == x86::Inst::kIdSqrtss)
    as_.emit(id, x86::xmm0, x86::xmm0);
  else if (id != x86::Inst::kIdNone)
    as_.emit(id, x86::xmm0, x86::xmm1);
  const x86::Gp dst = def_reg(i, false, 64);
  if (f64)
    as_.movq(dst, x86::xmm0);
  else
    as_.movd(dst.r32(), x86::xmm0);
  xmm0_holds_ = static_cast<ir::ValueId>(i);
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
  to_xmm(x86::xmm0, arg(i, swap ? 1 : 0), bits);
  const bool self = arg(i, 0) == arg(i, 1);  // x unordered with itself: a NaN test
  if (!self) to_xmm(x86::xmm1, arg(i, swap ? 0 : 1), bits);
  const x86::Xmm other = self ? x86::xmm0 : x86::xmm1;
  if (bits == 64)
    as_.ucomisd(x86::xmm0, other);
  else
    as_.ucomiss(x86::xmm0, other);
  if (inst.op != Opcode::FCmpEq) {  // one flag: a branch can test it
    const x86::CondCode cc = inst.op == Opcode::FCmpLt   ? x86::CondCode::kA
                             : inst.op == Opcode::FCmpLe ? x86::CondCode::kAE
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
    default:
      as_.setp(dst.r8());
      break;
  }
  as_.movzx(dst, dst.r8());
}

}  // namespace xisa::backend::x86_64
