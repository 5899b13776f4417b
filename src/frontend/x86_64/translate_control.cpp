// Control transfer (SDM vol. 1, 7.3.8): JMP, Jcc, JrCXZ, LOOPcc, CALL, RET, and their far forms.
// Each ends the block.
#include "frontend/common/conditional_branch.h"
#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

namespace {

// The absolute target of a relative branch operand.
uint64_t relative_target(const Lifter& l) {
  return l.in->next_pc() + static_cast<uint64_t>(l.op(0).imm.value.s);
}

// 64-bit Linux user code runs with CS = 0x33. A far transfer to that selector is a near one
// (with CS pushed or popped); any other selector, the 32-bit code segment 0x23 included (xisa
// runs 64-bit code only), faults with #GP, which Linux delivers as SIGSEGV with si_code
// SI_KERNEL and no address: TrapKind::Halt's signal, as a native run gets.
constexpr uint64_t kUserCs = 0x33;

bool is_far(const Lifter& l) {
  return l.in->d.meta.branch_type == ZYDIS_BRANCH_TYPE_FAR;
}

// The offset of a far pointer (offset, then a 16-bit selector) at addr, zero-extended, after
// checking its selector.
Value far_target(Lifter& l, Value addr, Type offset_type) {
  ir::Builder& b = l.b;
  const Value selector = b.load(Type::I16, b.add(addr, b.imm64(ir::type_bytes(offset_type))));
  b.trap_if(b.ne(selector, b.constant(Type::I16, kUserCs)), ir::TrapKind::Halt, l.in->pc);
  return b.zext(Type::I64, b.load(offset_type, addr));
}

// JMP/CALL m16:16/32/64 (FF /5, FF /3): the pointer's size is the operand's.
Value far_pointer_target(Lifter& l) {
  return far_target(l, l.address(0), ir::int_type_of_bits(l.bits(0) - 16));
}

}  // namespace

bool lift_jmp(Lifter& l) {
  if (is_far(l)) {
    if (!l.is_mem(0)) return false;
    l.b.jump_indirect(far_pointer_target(l));
  } else if (l.is_imm(0)) {
    l.b.jump(relative_target(l));
  } else if (l.is_reg(0) || l.is_mem(0)) {
    l.b.jump_indirect(l.read_as(0, Type::I64));
  } else {
    return false;
  }
  return true;
}

bool lift_jcc(Lifter& l) {
  frontend::conditional_branch(l.b, l.cond(l.in->cond()), l.in->pc, relative_target(l),
                               l.in->next_pc());
  return true;
}

bool lift_jrcxz(Lifter& l) {
  const Type t = l.in->d.address_width == 32 ? Type::I32 : Type::I64;
  const Value rcx = l.gpr(kRcx, t);
  frontend::conditional_branch(l.b, l.b.eq(rcx, int_const(l.b, t, 0)), l.in->pc, relative_target(l),
                               l.in->next_pc());
  return true;
}

bool lift_loop(Lifter& l) {
  ir::Builder& b = l.b;
  const Type t = l.in->d.address_width == 32 ? Type::I32 : Type::I64;
  const Value rcx = b.sub(l.gpr(kRcx, t), int_const(b, t, 1));
  l.set_gpr(kRcx, rcx);
  Value taken = b.ne(rcx, int_const(b, t, 0));
  if (l.in->d.mnemonic == ZYDIS_MNEMONIC_LOOPE) taken = b.and_(taken, l.cond(Cond::E));
  if (l.in->d.mnemonic == ZYDIS_MNEMONIC_LOOPNE) taken = b.and_(taken, l.cond(Cond::NE));
  frontend::conditional_branch(b, taken, l.in->pc, relative_target(l), l.in->next_pc());
  return true;
}

// Far CALL pushes CS, then the return offset, each at the operand size.
bool lift_far_call(Lifter& l) {
  ir::Builder& b = l.b;
  if (!l.is_mem(0)) return false;
  const Value target = far_pointer_target(l);
  const Type t = ir::int_type_of_bits(l.in->d.operand_width);
  const uint64_t width = ir::type_bytes(t);
  const Value sp = l.gpr(kRsp);
  b.store(b.sub(sp, b.imm64(width)), int_const(b, t, kUserCs));
  b.store(b.sub(sp, b.imm64(2 * width)), int_const(b, t, l.in->next_pc()));
  l.set_gpr(kRsp, b.sub(sp, b.imm64(2 * width)));
  b.jump_indirect(target);
  return true;
}

bool lift_call(Lifter& l) {
  if (is_far(l)) return lift_far_call(l);
  Value target;
  if (!l.is_imm(0)) {
    if (!l.is_reg(0) && !l.is_mem(0)) return false;
    target = l.read_as(0, Type::I64);  // read before the push: call [rsp] uses the old rsp
  }
  l.push(l.b.imm64(l.in->next_pc()));
  if (target.valid())
    l.b.jump_indirect(target);
  else
    l.b.jump(relative_target(l));
  return true;
}

// RET and far RET (offset, then CS, at the operand size), with RET imm16's extra release.
bool lift_ret(Lifter& l) {
  ir::Builder& b = l.b;
  const Value sp = l.gpr(kRsp);
  Value target;
  uint64_t popped = 8;
  if (is_far(l)) {
    const Type t = ir::int_type_of_bits(l.in->d.operand_width);
    target = far_target(l, sp, t);
    popped = 2 * ir::type_bytes(t);
  } else {
    target = b.load(Type::I64, sp);
  }
  if (l.in->d.operand_count_visible > 0 && l.is_imm(0)) popped += l.op(0).imm.value.u & 0xffff;
  l.set_gpr(kRsp, b.add(sp, b.imm64(popped)));
  b.jump_indirect(target);
  return true;
}

}  // namespace xisa::x86_64
