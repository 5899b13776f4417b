// Integer arithmetic, shifts, bit counts, compares, selects and conversions. Every value of
// 8 to 64 bits sits zero-extended in a 64-bit host register, as in the interpreter's slots, so
// narrow ops compute at 32 bits and clear the bits above their width where they can be set.
#include "backend/x86_64/emitter.h"

namespace xisa::backend::x86_64 {

using ir::Opcode;
using ir::Type;
using InstId = x86::Inst::Id;

namespace {

unsigned op_width(Type t) {
  return ir::type_bits(t) == 64 ? 64 : 32;
}

x86::Gp low_part(const x86::Gp& r, unsigned bits) {
  switch (bits) {
    case 8:
      return r.r8();
    case 16:
      return r.r16();
    case 32:
      return r.r32();
    default:
      return r.r64();
  }
}

// Sign-extends the low `bits` of r in place to `to` (32 or 64) bits.
void sign_extend(x86::Assembler& as, const x86::Gp& r, unsigned bits, unsigned to) {
  if (bits >= to) return;
  const x86::Gp d = to == 64 ? x86::Gp(r.r64()) : x86::Gp(r.r32());
  if (bits == 32)
    as.movsxd(d, r.r32());
  else
    as.movsx(d, low_part(r, bits));
}

}  // namespace

void Emitter::lower_binary(size_t i) {
  if (folded_[i]) return;  // its users do its work (folded_values.cpp)
  const ir::Inst& inst = block_.insts[i];
  switch (inst.op) {  // rax and rdx bound: lowered apart
    case Opcode::Mul:
    case Opcode::MulHiU:
    case Opcode::MulHiS:
    case Opcode::MulHiSU:
    case Opcode::DivU:
    case Opcode::DivS:
    case Opcode::RemU:
    case Opcode::RemS:
      lower_muldiv(i);
      return;
    default:
      break;
  }
  const unsigned w = op_width(inst.type);
  InstId id = x86::Inst::kIdAdd;
  switch (inst.op) {
    case Opcode::Add:
      id = x86::Inst::kIdAdd;
      break;
    case Opcode::Sub:
      id = x86::Inst::kIdSub;
      break;
    case Opcode::And:
      id = x86::Inst::kIdAnd;
      break;
    case Opcode::Or:
      id = x86::Inst::kIdOr;
      break;
    default:
      id = x86::Inst::kIdXor;
      break;
  }
  // A commutative op whose operand 1 dies here in a register, and operand 0 does not: it works
  // in operand 1's register, with operand 0 as the source.
  const bool commutative = inst.op != Opcode::Sub;
  const ir::ValueId a0 = held(arg(i, 0)), a1 = held(arg(i, 1));
  if (commutative && coalesce_into(i) == 0xff && a0 != a1 &&
      !common::holder_register_reusable(a0, i, loc_, live_, reg_owner_) &&
      common::holder_register_reusable(a1, i, loc_, live_, reg_owner_)) {
    const asmjit::Operand source = reg_mem_or_imm(arg(i, 0), w, kScratch1);
    const uint8_t reg = loc_[a1].reg;
    reg_owner_[reg] = static_cast<ir::ValueId>(i);
    loc_[i] = Loc{Loc::Reg, reg};
    const x86::Gp dst = gp_of(reg, w);
    as_.emit(id, dst, source);
    if (inst.op == Opcode::Add) clear_above_32bit_op(dst, inst.type);
    return;
  }
  const asmjit::Operand b = reg_mem_or_imm(arg(i, 1), w, kScratch1);
  const x86::Gp dst = def_reg(i, true, w);
  // Operand 0 in another register: one LEA for an add, one MOVZX for a mask of the low 8 or
  // 16 bits, rather than a copy and the op (no flags are read after an op of the IR).
  const Loc& a = loc(arg(i, 0));
  if (a.kind == Loc::Reg && a.reg != dst.id()) {
    const x86::Gp src = x86::gpq(a.reg);
    if (inst.op == Opcode::Add && b.isReg()) {
      as_.lea(dst, x86::ptr(src, b.as<x86::Gp>().r64()));
      clear_above_32bit_op(dst, inst.type);
      return;
    }
    if (inst.op == Opcode::Add && b.isImm()) {
      as_.lea(dst, x86::ptr(src, static_cast<int32_t>(b.as<asmjit::Imm>().value())));
      clear_above_32bit_op(dst, inst.type);
      return;
    }
    const uint64_t mask = is_imm(arg(i, 1)) ? loc(arg(i, 1)).imm : 0;
    if (inst.op == Opcode::And && (mask == 0xff || mask == 0xffff)) {
      as_.movzx(dst.r32(), low_part(src, mask == 0xff ? 8 : 16));
      return;
    }
  }
  mov_to(dst, arg(i, 0));
  as_.emit(id, dst, b);
  if (inst.op == Opcode::Add || inst.op == Opcode::Sub) clear_above_32bit_op(dst, inst.type);
}

void Emitter::lower_muldiv(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const unsigned bits = ir::type_bits(inst.type), w = op_width(inst.type);
  const x86::Gp rax = kScratch0, rcx = kScratch1, rdx = kScratch2;
  if (inst.op == Opcode::Mul) {
    const asmjit::Operand b = reg_or_mem(arg(i, 1), w);  // an immediate lands in rax
    const x86::Gp dst = def_reg(i, true, w);
    mov_to(dst, arg(i, 0));
    as_.emit(x86::Inst::kIdImul, dst, b);
    clear_above_32bit_op(dst, inst.type);
    return;
  }
  if (inst.op == Opcode::MulHiU || inst.op == Opcode::MulHiS || inst.op == Opcode::MulHiSU) {
    const bool a_signed = inst.op != Opcode::MulHiU, b_signed = inst.op == Opcode::MulHiS;
    mov_to(rcx, arg(i, 1));
    mov_to(rax, arg(i, 0));
    if (bits == 64) {
      if (b_signed)
        as_.imul(rcx);
      else
        as_.mul(rcx);
      if (a_signed && !b_signed) {  // signed x unsigned: the unsigned high half minus b if a < 0
        mov_to(rax, arg(i, 0));
        as_.sar(rax, 63);
        as_.and_(rax, rcx);
        as_.sub(rdx, rax);
      }
      const x86::Gp dst = def_reg(i, false, 64);
      as_.mov(dst, rdx);
      return;
    }
    // Narrow: the full product fits in 64 bits.
    if (a_signed) sign_extend(as_, rax, bits, 64);
    if (b_signed) sign_extend(as_, rcx, bits, 64);
    as_.imul(rax, rcx);
    as_.shr(rax, bits);
    const x86::Gp dst = def_reg(i, false, 64);
    as_.mov(dst, rax);
    zero_extend(dst, inst.type);
    return;
  }
  // Division: x/0 = 0, x%0 = x, MIN/-1 = MIN, MIN%-1 = 0 (ops.def).
  const bool is_signed = inst.op == Opcode::DivS || inst.op == Opcode::RemS;
  const bool is_rem = inst.op == Opcode::RemS || inst.op == Opcode::RemU;
  const x86::Gp a = gp_of(rax, w), b = gp_of(rcx, w);
  mov_to(rcx, arg(i, 1));
  mov_to(rax, arg(i, 0));
  if (is_signed) {
    sign_extend(as_, rax, bits, w);
    sign_extend(as_, rcx, bits, w);
  }
  asmjit::Label by_zero = as_.newLabel(), by_minus1 = as_.newLabel(), done = as_.newLabel();
  as_.test(b, b);
  as_.jz(by_zero);
  if (is_signed) {
    as_.cmp(b, -1);
    as_.je(by_minus1);
    if (w == 64)
      as_.cqo();
    else
      as_.cdq();
    as_.idiv(b);
  } else {
    as_.xor_(rdx.r32(), rdx.r32());
    as_.div(b);
  }
  if (is_rem) as_.mov(rax, rdx);
  as_.jmp(done);
  as_.bind(by_zero);
  if (!is_rem) as_.xor_(rax.r32(), rax.r32());  // the remainder is the dividend, already in rax
  if (is_signed) {
    as_.jmp(done);
    as_.bind(by_minus1);
    if (is_rem)
      as_.xor_(rax.r32(), rax.r32());
    else
      as_.neg(a);
  }
  as_.bind(done);
  const x86::Gp dst = def_reg(i, false, 64);
  as_.mov(dst, rax);
  clear_above_32bit_op(dst, inst.type);
}

void Emitter::lower_shift(size_t i) {
  if (folded_[i]) return;  // a scaled index in its users' addresses
  const ir::Inst& inst = block_.insts[i];
  const unsigned bits = ir::type_bits(inst.type), w = op_width(inst.type);
  InstId id = x86::Inst::kIdShl;
  switch (inst.op) {
    case Opcode::Shl:
      id = x86::Inst::kIdShl;
      break;
    case Opcode::ShrL:
      id = x86::Inst::kIdShr;
      break;
    case Opcode::ShrA:
      id = x86::Inst::kIdSar;
      break;
    case Opcode::RotL:
      id = x86::Inst::kIdRol;
      break;
    default:
      id = x86::Inst::kIdRor;
      break;
  }
  const bool rotate = inst.op == Opcode::RotL || inst.op == Opcode::RotR;
  const bool count_imm = is_imm(arg(i, 1));
  const unsigned count = static_cast<unsigned>(loc(arg(i, 1)).imm & (bits - 1));
  if (!count_imm) {
    mov_to(kScratch1, arg(i, 1));
    // x86 takes counts modulo 32 or 64; narrow shifts need modulo their width. Rotates of 8 and
    // 16-bit registers are already periodic in the width.
    if (bits < 32 && !rotate) as_.and_(kScratch1.r32(), bits - 1);
  }
  const x86::Gp dst = def_reg(i, true, w);
  const Loc& a = loc(arg(i, 0));
  if (inst.op == Opcode::Shl && count_imm && count == 1 && bits >= 32 && a.kind == Loc::Reg &&
      a.reg != dst.id()) {  // a copy doubled: one LEA, the operand stays
    as_.lea(dst, x86::ptr(x86::gpq(a.reg), x86::gpq(a.reg)));
    return;
  }
  mov_to(dst, arg(i, 0));
  if (count_imm && count == 0) return;
  if (inst.op == Opcode::ShrA) sign_extend(as_, dst, bits, w);
  const x86::Gp target = rotate ? low_part(dst, bits) : dst;
  if (count_imm)
    as_.emit(id, target, asmjit::Imm(count));
  else
    as_.emit(id, target, x86::cl);
  if (inst.op != Opcode::ShrL) clear_above_32bit_op(dst, inst.type);
}

void Emitter::lower_unary(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const unsigned bits = ir::type_bits(inst.type), w = op_width(inst.type);
  switch (inst.op) {
    case Opcode::Not:
    case Opcode::Neg: {
      const x86::Gp dst = def_reg(i, true, w);
      mov_to(dst, arg(i, 0));
      if (inst.op == Opcode::Not)
        as_.not_(dst);
      else
        as_.neg(dst);
      clear_above_32bit_op(dst, inst.type);
      return;
    }
    case Opcode::Clz: {
      const asmjit::Operand a = reg_or_mem(arg(i, 0), w);
      const x86::Gp dst = def_reg(i, true, w);
      as_.emit(x86::Inst::kIdLzcnt, dst, a);
      if (bits < 32) as_.sub(dst, 32 - bits);
      return;
    }
    case Opcode::Ctz: {
      if (bits < 32) {  // a stop bit just above the width makes ctz(0) = width
        mov_to(kScratch0, arg(i, 0));
        as_.or_(kScratch0.r32(), 1u << bits);
        const x86::Gp dst = def_reg(i, true, 32);
        as_.tzcnt(dst, kScratch0.r32());
        return;
      }
      const asmjit::Operand a = reg_or_mem(arg(i, 0), w);
      const x86::Gp dst = def_reg(i, true, w);
      as_.emit(x86::Inst::kIdTzcnt, dst, a);
      return;
    }
    case Opcode::Popcnt: {
      const asmjit::Operand a = reg_or_mem(arg(i, 0), w);
      const x86::Gp dst = def_reg(i, true, w);
      as_.emit(x86::Inst::kIdPopcnt, dst, a);
      return;
    }
    default: {  // Bswap
      const x86::Gp dst = def_reg(i, true, w);
      mov_to(dst, arg(i, 0));
      if (bits == 16)
        as_.rol(dst.r16(), 8);
      else if (bits >= 32)
        as_.bswap(dst);
      return;
    }
  }
}

namespace {
x86::CondCode compare_cc(Opcode op) {
  switch (op) {
    case Opcode::CmpEq:
      return x86::CondCode::kE;
    case Opcode::CmpNe:
      return x86::CondCode::kNE;
    case Opcode::CmpLtS:
      return x86::CondCode::kL;
    case Opcode::CmpLtU:
      return x86::CondCode::kB;
    case Opcode::CmpLeS:
      return x86::CondCode::kLE;
    default:
      return x86::CondCode::kBE;
  }
}
}  // namespace

void Emitter::lower_compare(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const Type t = arg_inst(i, 0).type;
  const unsigned bits = ir::type_bits(t), w = op_width(t);
  const bool is_signed = inst.op == Opcode::CmpLtS || inst.op == Opcode::CmpLeS;
  if (is_signed && bits < 32) {
    mov_to(kScratch0, arg(i, 0));
    mov_to(kScratch1, arg(i, 1));
    sign_extend(as_, kScratch0, bits, 32);
    sign_extend(as_, kScratch1, bits, 32);
    as_.cmp(kScratch0.r32(), kScratch1.r32());
  } else if (folded_[arg(i, 0)] && arg_inst(i, 0).op == Opcode::And) {  // TEST x, m
    const ir::Inst& mask = arg_inst(i, 0);
    const x86::Gp x = in_reg(mask.args[0], kScratch0, w);
    const asmjit::Operand m = reg_mem_or_imm(mask.args[1], w, kScratch1);
    if (m.isMem())
      as_.test(in_reg(mask.args[1], kScratch1, w), x);
    else
      as_.emit(x86::Inst::kIdTest, x, m);
  } else {
    const x86::Gp a = in_reg(arg(i, 0), kScratch0, w);
    as_.emit(x86::Inst::kIdCmp, a, reg_mem_or_imm(arg(i, 1), w, kScratch1));
  }
  const x86::CondCode cc = compare_cc(inst.op);
  if (fuse_with_next_exit(i, cc)) return;
  as_.emit(x86::Inst::setccFromCond(cc), kScratch0.r8());
  const x86::Gp dst = def_reg(i, true, 32);
  as_.movzx(dst, kScratch0.r8());
}

// NzcvAdd/NzcvSub: one ADD or CMP sets SF, ZF, CF and OF; four SETcc put them in the bytes
// AL, AH, CL, CH (no REX prefix: the legacy high-byte registers), then they are joined.
void Emitter::lower_flags(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const unsigned w = op_width(arg_inst(i, 0).type);
  const asmjit::Operand b = reg_mem_or_imm(arg(i, 1), w, kScratch1);
  const bool sub = inst.op == Opcode::NzcvSub;
  if (sub) {
    as_.emit(x86::Inst::kIdCmp, in_reg(arg(i, 0), kScratch2, w), b);
  } else {
    mov_to(kScratch2, arg(i, 0));
    as_.emit(x86::Inst::kIdAdd, w == 64 ? kScratch2 : kScratch2.r32(), b);
  }
  as_.sets(x86::al);
  as_.setz(x86::ah);
  if (sub)
    as_.setae(x86::cl);  // AArch64's C after a subtraction: no borrow
  else
    as_.setc(x86::cl);
  as_.seto(x86::ch);
  as_.shl(x86::ecx, 16);      // C, V to bytes 2, 3; the rest of rcx cleared
  as_.mov(x86::cx, x86::ax);  // N, Z to bytes 0, 1
  as_.mov(def_reg(i, false, 32), x86::ecx);
}

// Fuses compare i with a branch, side exit or trap that is its only use and comes next: the
// flags carry it (nothing in between writes them: write-backs use only mov).
bool Emitter::fuse_with_next_exit(size_t i, x86::CondCode cc) {
  size_t next = i + 1;
  while (next < block_.insts.size() && block_.insts[next].op == Opcode::GuestInsn) ++next;
  const Opcode user = next < block_.insts.size() ? block_.insts[next].op : Opcode::GuestInsn;
  if ((user == Opcode::Branch || user == Opcode::ExitIf || user == Opcode::TrapIf) &&
      block_.insts[next].args[0] == i && live_.last_use[i] == next) {
    fused_compare_ = true;
    fused_cc_ = cc;
    return true;
  }
  return false;
}

void Emitter::lower_select(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const ir::ValueId c = arg(i, 0), t = arg(i, 1), f = arg(i, 2);
  if (ir::type_bytes(inst.type) == 16) {
    asmjit::Label on_false = as_.newLabel(), done = as_.newLabel();
    const x86::Gp cr = in_reg(c, kScratch0, 32);
    as_.test(cr, cr);
    as_.jz(on_false);
    load128(t);
    as_.jmp(done);
    as_.bind(on_false);
    load128(f);
    as_.bind(done);
    as_.movdqa(def_vec(i), x86::xmm0);
    return;
  }
  const unsigned w = op_width(inst.type);
  if (is_imm(c)) {
    const x86::Gp dst = def_reg(i, false, w);
    mov_to(dst, loc(c).imm ? t : f);
    return;
  }
  const x86::Gp cr = in_reg(c, kScratch0, 32);
  const asmjit::Operand tv =
      is_imm(t) ? asmjit::Operand(in_reg(t, kScratch1, w)) : reg_or_mem(t, w);
  const x86::Gp dst = def_reg(i, false, w);
  mov_to(dst, f);
  as_.test(cr, cr);
  as_.emit(x86::Inst::cmovccFromCond(x86::CondCode::kNE), dst, tv);
}

void Emitter::lower_convert(size_t i) {
  if (folded_[i]) return;  // a Bitcast its FP users read through
  const ir::Inst& inst = block_.insts[i];
  const Type from = arg_inst(i, 0).type;
  const unsigned from_bits = ir::type_bits(from), to_bits = ir::type_bits(inst.type);
  const ir::ValueId a = arg(i, 0);
  if (to_bits == 128) {
    if (from_bits == 128) {  // bitcast between i128 and v128
      load128(a);
    } else {
      mov_to(kScratch0, a);
      if (inst.op == Opcode::SExt) sign_extend(as_, kScratch0, from_bits, 64);
      as_.movq(x86::xmm0, kScratch0);  // clears the high half
      if (inst.op == Opcode::SExt) {
        as_.sar(kScratch0, 63);
        as_.movq(x86::xmm7, kScratch0);
        as_.punpcklqdq(x86::xmm0, x86::xmm7);
      }
    }
    as_.movdqa(def_vec(i), x86::xmm0);
    return;
  }
  if (fp_in_xmm_[a]) {  // a Bitcast of an FP result in a vector register (or its spill slot)
    const x86::Gp dst = def_reg(i, false, 64);
    if (loc(a).kind == Loc::VecReg) {
      if (from_bits == 64)
        as_.movq(dst, x86::xmm(loc(a).reg));
      else
        as_.movd(dst.r32(), x86::xmm(loc(a).reg));
    } else {
      as_.mov(gp_of(dst.id(), from_bits), slot_mem(loc(a).slot, from_bits / 8));
    }
    return;
  }
  if (inst.op == Opcode::SExt && a == sign_extended_load_ && loc(a).kind == Loc::Reg &&
      loc(a).reg == loop_.coalesce_into(i)) {
    loc_[i] = loc(a);  // the load sign-extended into the promoted register it is written to
    return;
  }
  const x86::Gp dst = def_reg(i, from_bits < 128, 64);
  if (inst.op == Opcode::SExt && a == sign_extended_load_) {  // the load did it (MOVSX)
    mov_to(dst, a);
    return;
  }
  if (inst.op == Opcode::Trunc && to_bits == 32 && from_bits == 64 && !is_imm(a)) {
    as_.emit(x86::Inst::kIdMov, dst.r32(), reg_or_mem(a, 32));  // one move, upper half cleared
    return;
  }
  if (inst.op == Opcode::SExt && from_bits <= 32 && !is_imm(a)) {  // one MOVSX(D) from the source
    const x86::Gp d = to_bits == 64 ? dst : dst.r32();
    const Loc& l = loc(a);
    const unsigned bytes = from_bits / 8;
    const asmjit::Operand src = l.kind == Loc::Reg ? asmjit::Operand(gp_of_bytes(l.reg, bytes))
                                : l.kind == Loc::Slot
                                    ? asmjit::Operand(slot_mem(l.slot, bytes))
                                    : asmjit::Operand(gp_of_bytes(in_reg(a, kScratch0, 64), bytes));
    as_.emit(from_bits == 32 ? x86::Inst::kIdMovsxd : x86::Inst::kIdMovsx, d, src);
    if (to_bits < 32) zero_extend(dst, inst.type);
    return;
  }
  if (from_bits == 128) {
    const Loc& l = loc(a);
    if (l.kind == Loc::Imm)
      as_.mov(dst, l.imm);
    else if (l.kind == Loc::VecReg)
      as_.movq(dst, x86::xmm(l.reg));
    else
      as_.mov(dst, slot_mem(l.slot, 8));
  } else {
    mov_to(dst, a);
  }
  if (inst.op == Opcode::SExt) {
    sign_extend(as_, dst, from_bits, to_bits == 64 ? 64 : 32);
    if (to_bits < 32) zero_extend(dst, inst.type);
  } else if (inst.op == Opcode::Trunc) {
    zero_extend(dst, inst.type);
  }
}

}  // namespace xisa::backend::x86_64
