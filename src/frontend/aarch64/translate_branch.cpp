// Branches and exception generation, Arm ARM C4.1.87: B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ,
// BR/BLR/RET, SVC, BRK, HLT.
#include "frontend/aarch64/lifter.h"
#include "frontend/common/conditional_branch.h"

namespace xisa::aarch64 {

bool lift_B_uncond(Lifter& l, uint32_t insn) {
  const uint64_t target = l.pc + sign_extend(uint64_t{bits(insn, 0, 26)} << 2, 28);
  if (bits(insn, 31, 1)) l.set_x(30, l.b.imm64(l.next_pc()));  // BL
  l.b.jump(target);
  return true;
}

bool lift_B_cond(Lifter& l, uint32_t insn) {
  if (bits(insn, 4, 1)) return false;  // BC.cond (FEAT_HBC) is not ARMv8.0
  const uint64_t target = l.pc + sign_extend(uint64_t{bits(insn, 5, 19)} << 2, 21);
  const unsigned cond = cond_field(insn, 0);
  if (cond >= 14)
    l.b.jump(target);
  else
    frontend::conditional_branch(l.b, l.condition(cond), l.pc, target, l.next_pc());
  return true;
}

bool lift_CBZ(Lifter& l, uint32_t insn) {
  const bool is64 = sf(insn), nonzero = bits(insn, 24, 1);
  const uint64_t target = l.pc + sign_extend(uint64_t{bits(insn, 5, 19)} << 2, 21);
  const Value v = l.reg(is64, rt(insn)), zero = l.imm(is64, 0);
  frontend::conditional_branch(l.b, nonzero ? l.b.ne(v, zero) : l.b.eq(v, zero), l.pc, target,
                               l.next_pc());
  return true;
}

bool lift_TBZ(Lifter& l, uint32_t insn) {
  const unsigned bit = (bits(insn, 31, 1) << 5) | bits(insn, 19, 5);
  const bool nonzero = bits(insn, 24, 1);
  const uint64_t target = l.pc + sign_extend(uint64_t{bits(insn, 5, 14)} << 2, 16);
  const Value set = l.b.and_(l.x(rt(insn)), l.b.imm64(uint64_t{1} << bit));
  const Value zero = l.b.imm64(0);
  frontend::conditional_branch(l.b, nonzero ? l.b.ne(set, zero) : l.b.eq(set, zero), l.pc, target,
                               l.next_pc());
  return true;
}

bool lift_BR_BLR_RET(Lifter& l, uint32_t insn) {
  const unsigned op = bits(insn, 21, 2);
  if (op == 3) return false;
  const Value target = l.x(rn(insn));  // read before BLR x30 overwrites it
  if (op == 1) l.set_x(30, l.b.imm64(l.next_pc()));
  l.b.jump_indirect(target);
  return true;
}

// The kernel's exception return clears the exclusive monitor: LDXR; SVC; STXR fails.
bool lift_SVC(Lifter& l, uint32_t) {
  l.b.set_reg(kOffExclAddr, l.b.imm64(kNoExclusive));
  l.b.syscall(l.next_pc());
  return true;
}

bool lift_BRK(Lifter& l, uint32_t) {
  l.b.trap(ir::TrapKind::Breakpoint, l.pc);
  return true;
}

// HLT is undefined at EL0 without an external debugger: Linux delivers SIGILL.
bool lift_HLT(Lifter&, uint32_t) {
  return false;
}

}  // namespace xisa::aarch64
