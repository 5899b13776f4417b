// RV64I base integer instructions (Volume I, chapters 2 and 4): upper immediates, jumps and
// branches, loads and stores, ALU operations and their *W forms, fence, ecall and ebreak.
#include <utility>

#include "frontend/common/conditional_branch.h"
#include "frontend/riscv64/translate_int_common.h"

namespace xisa::riscv64 {

using ir::Builder;
using ir::Type;
using ir::Value;

namespace {

// SLT/SLTU and their immediate forms: the i8 comparison widened to 0 or 1.
Value set_less_signed(Builder& b, Value x, Value y) {
  return b.zext(Type::I64, b.lts(x, y));
}
Value set_less_unsigned(Builder& b, Value x, Value y) {
  return b.zext(Type::I64, b.ltu(x, y));
}

// Branches: taken when cmp(first, second) holds. BGE/BGEU are LE with the operands swapped.
using Compare = Value (Builder::*)(Value, Value);
bool lift_cond_branch(Lifter& l, uint32_t insn, Compare cmp, bool swap) {
  Value a = l.x(rs1(insn));
  Value c = l.x(rs2(insn));
  if (swap) std::swap(a, c);
  const Value cond = (l.b.*cmp)(a, c);
  frontend::conditional_branch(l.b, cond, l.pc, l.pc + static_cast<uint64_t>(imm_b(insn)),
                               l.next_pc());
  return true;
}

// rs1 + offset; a zero offset (C.JR, C.LD 0(a0)...) adds nothing, so it emits nothing.
Value effective_address(Lifter& l, uint32_t insn, int64_t offset) {
  const Value base = l.x(rs1(insn));
  return offset == 0 ? base : l.b.add(base, l.b.imm64(static_cast<uint64_t>(offset)));
}

bool lift_load(Lifter& l, uint32_t insn, Type t, bool sign) {
  const Value v = l.b.load(t, effective_address(l, insn, imm_i(insn)));
  l.set_x(rd(insn), sign ? l.b.sext(Type::I64, v) : l.b.zext(Type::I64, v));
  return true;
}

bool lift_store(Lifter& l, uint32_t insn, Type t) {
  const Value addr = effective_address(l, insn, imm_s(insn));
  l.b.store(addr, l.b.trunc(t, l.x(rs2(insn))));
  return true;
}

}  // namespace

// --- upper immediates, jumps, branches ---
bool lift_lui(Lifter& l, uint32_t i) {
  l.set_x(rd(i), l.b.imm64(static_cast<uint64_t>(imm_u(i))));
  return true;
}
bool lift_auipc(Lifter& l, uint32_t i) {
  l.set_x(rd(i), l.b.imm64(l.pc + static_cast<uint64_t>(imm_u(i))));
  return true;
}
bool lift_jal(Lifter& l, uint32_t i) {
  l.set_x(rd(i), l.b.imm64(l.next_pc()));
  l.b.jump(l.pc + static_cast<uint64_t>(imm_j(i)));
  return true;
}
bool lift_jalr(Lifter& l, uint32_t i) {
  // The target is computed before rd is written: rd may be rs1.
  const Value target = l.b.and_(effective_address(l, i, imm_i(i)), l.b.imm64(~uint64_t{1}));
  l.set_x(rd(i), l.b.imm64(l.next_pc()));
  l.b.jump_indirect(target);
  return true;
}
bool lift_beq(Lifter& l, uint32_t i) {
  return lift_cond_branch(l, i, &Builder::eq, false);
}
bool lift_bne(Lifter& l, uint32_t i) {
  return lift_cond_branch(l, i, &Builder::ne, false);
}
bool lift_blt(Lifter& l, uint32_t i) {
  return lift_cond_branch(l, i, &Builder::lts, false);
}
bool lift_bge(Lifter& l, uint32_t i) {
  return lift_cond_branch(l, i, &Builder::les, true);
}
bool lift_bltu(Lifter& l, uint32_t i) {
  return lift_cond_branch(l, i, &Builder::ltu, false);
}
bool lift_bgeu(Lifter& l, uint32_t i) {
  return lift_cond_branch(l, i, &Builder::leu, true);
}

// --- loads and stores ---
bool lift_lb(Lifter& l, uint32_t i) {
  return lift_load(l, i, Type::I8, true);
}
bool lift_lh(Lifter& l, uint32_t i) {
  return lift_load(l, i, Type::I16, true);
}
bool lift_lw(Lifter& l, uint32_t i) {
  return lift_load(l, i, Type::I32, true);
}
bool lift_ld(Lifter& l, uint32_t i) {
  return lift_load(l, i, Type::I64, true);
}
bool lift_lbu(Lifter& l, uint32_t i) {
  return lift_load(l, i, Type::I8, false);
}
bool lift_lhu(Lifter& l, uint32_t i) {
  return lift_load(l, i, Type::I16, false);
}
bool lift_lwu(Lifter& l, uint32_t i) {
  return lift_load(l, i, Type::I32, false);
}
bool lift_sb(Lifter& l, uint32_t i) {
  return lift_store(l, i, Type::I8);
}
bool lift_sh(Lifter& l, uint32_t i) {
  return lift_store(l, i, Type::I16);
}
bool lift_sw(Lifter& l, uint32_t i) {
  return lift_store(l, i, Type::I32);
}
bool lift_sd(Lifter& l, uint32_t i) {
  return lift_store(l, i, Type::I64);
}

// --- register-immediate ---
bool lift_addi(Lifter& l, uint32_t i) {
  return lift_reg_imm(l, i, &Builder::add, imm_i(i));
}
bool lift_slti(Lifter& l, uint32_t i) {
  return lift_reg_imm(l, i, set_less_signed, imm_i(i));
}
bool lift_sltiu(Lifter& l, uint32_t i) {
  return lift_reg_imm(l, i, set_less_unsigned, imm_i(i));
}
bool lift_xori(Lifter& l, uint32_t i) {
  return lift_reg_imm(l, i, &Builder::xor_, imm_i(i));
}
bool lift_ori(Lifter& l, uint32_t i) {
  return lift_reg_imm(l, i, &Builder::or_, imm_i(i));
}
bool lift_andi(Lifter& l, uint32_t i) {
  return lift_reg_imm(l, i, &Builder::and_, imm_i(i));
}
bool lift_slli(Lifter& l, uint32_t i) {
  return lift_reg_imm(l, i, &Builder::shl, shamt6(i));
}
bool lift_srli(Lifter& l, uint32_t i) {
  return lift_reg_imm(l, i, &Builder::shr, shamt6(i));
}
bool lift_srai(Lifter& l, uint32_t i) {
  return lift_reg_imm(l, i, &Builder::sar, shamt6(i));
}

// --- register-register ---
bool lift_add(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, &Builder::add);
}
bool lift_sub(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, &Builder::sub);
}
bool lift_sll(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, &Builder::shl);
}
bool lift_slt(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, set_less_signed);
}
bool lift_sltu(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, set_less_unsigned);
}
bool lift_xor_(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, &Builder::xor_);
}
bool lift_srl(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, &Builder::shr);
}
bool lift_sra(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, &Builder::sar);
}
bool lift_or_(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, &Builder::or_);
}
bool lift_and_(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, &Builder::and_);
}

// --- 32-bit forms ---
bool lift_addiw(Lifter& l, uint32_t i) {
  return lift_reg_imm_w(l, i, &Builder::add, imm_i(i));
}
bool lift_slliw(Lifter& l, uint32_t i) {
  return lift_reg_imm_w(l, i, &Builder::shl, shamt5(i));
}
bool lift_srliw(Lifter& l, uint32_t i) {
  return lift_reg_imm_w(l, i, &Builder::shr, shamt5(i));
}
bool lift_sraiw(Lifter& l, uint32_t i) {
  return lift_reg_imm_w(l, i, &Builder::sar, shamt5(i));
}
bool lift_addw(Lifter& l, uint32_t i) {
  return lift_reg_reg_w(l, i, &Builder::add);
}
bool lift_subw(Lifter& l, uint32_t i) {
  return lift_reg_reg_w(l, i, &Builder::sub);
}
bool lift_sllw(Lifter& l, uint32_t i) {
  return lift_reg_reg_w(l, i, &Builder::shl);
}
bool lift_srlw(Lifter& l, uint32_t i) {
  return lift_reg_reg_w(l, i, &Builder::shr);
}
bool lift_sraw(Lifter& l, uint32_t i) {
  return lift_reg_reg_w(l, i, &Builder::sar);
}

// --- ordering and environment ---
// Every FENCE variant (including FENCE.TSO and PAUSE) becomes a full fence: stronger is correct.
bool lift_fence(Lifter& l, uint32_t) {
  l.b.fence(ir::FenceKind::Full);
  return true;
}
bool lift_ecall(Lifter& l, uint32_t) {
  l.b.syscall(l.next_pc());
  return true;
}
bool lift_ebreak(Lifter& l, uint32_t) {
  l.b.trap(ir::TrapKind::Breakpoint, l.pc);
  return true;
}

}  // namespace xisa::riscv64
