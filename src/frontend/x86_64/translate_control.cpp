// Control transfer (SDM vol. 1, 7.3.8): JMP, Jcc, JrCXZ, LOOPcc, CALL, RET. Each ends the block.
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

}  // namespace

bool lift_jmp(Lifter& l) {
  if (l.is_imm(0))
    l.b.jump(relative_target(l));
  else if (l.is_reg(0) || l.is_mem(0))
    l.b.jump_indirect(l.read_as(0, Type::I64));
  else
    return false;  // far jumps
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

bool lift_call(Lifter& l) {
  Value target;
  if (!l.is_imm(0)) {
    if (!l.is_reg(0) && !l.is_mem(0)) return false;  // far calls
    target = l.read_as(0, Type::I64);  // read before the push: call [rsp] uses the old rsp
  }
  l.push(l.b.imm64(l.in->next_pc()));
  if (target.valid())
    l.b.jump_indirect(target);
  else
    l.b.jump(relative_target(l));
  return true;
}

bool lift_ret(Lifter& l) {
  if (l.in->d.meta.branch_type == ZYDIS_BRANCH_TYPE_FAR) return false;
  const Value target = l.pop(Type::I64);
  if (l.in->d.operand_count_visible > 0 && l.is_imm(0))
    l.set_gpr(kRsp, l.b.add(l.gpr(kRsp), l.b.imm64(l.op(0).imm.value.u & 0xffff)));
  l.b.jump_indirect(target);
  return true;
}

}  // namespace xisa::x86_64
