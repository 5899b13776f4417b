// Constant folding, evaluated by the interpreter's own op semantics, algebraic identities
// (x+0, x|0, x*1, x&~0, shifts by 0, select on a constant) that forward an operand instead,
// negated compares turned into the inverse compare, and shift pairs that make a rotate.
#include <utility>
#include <vector>

#include "interp/eval_op.h"
#include "ir/passes/passes.h"
#include "ir/passes/rotate_pair.h"

namespace xisa::ir {

namespace {

bool is_const(const Block& block, ValueId id, uint64_t value) {
  const Inst& def = block.insts[id];
  return def.op == Opcode::Const && def.imm == interp::mask_to(def.type, value) && def.aux == 0;
}

// The operand an op reduces to when an identity applies, or kNoValue.
ValueId identity_operand(const Block& block, const Inst& inst) {
  switch (inst.op) {
    case Opcode::Add:
    case Opcode::Or:
    case Opcode::Xor:
      if (is_const(block, inst.args[0], 0)) return inst.args[1];
      [[fallthrough]];
    case Opcode::Sub:
    case Opcode::Shl:
    case Opcode::ShrL:
    case Opcode::ShrA:
    case Opcode::RotL:
    case Opcode::RotR:
      return is_const(block, inst.args[1], 0) ? inst.args[0] : kNoValue;
    case Opcode::Mul:
      if (is_const(block, inst.args[0], 1)) return inst.args[1];
      return is_const(block, inst.args[1], 1) ? inst.args[0] : kNoValue;
    case Opcode::And:
      if (is_const(block, inst.args[0], ~uint64_t{0})) return inst.args[1];
      return is_const(block, inst.args[1], ~uint64_t{0}) ? inst.args[0] : kNoValue;
    case Opcode::Select: {
      const Inst& cond = block.insts[inst.args[0]];
      if (cond.op != Opcode::Const) return kNoValue;
      return cond.imm ? inst.args[1] : inst.args[2];
    }
    case Opcode::Bitcast: {  // there and back (an FP result's bits read again as FP)
      const Inst& from = block.insts[inst.args[0]];
      return from.op == Opcode::Bitcast ? from.args[0] : kNoValue;
    }
    default:
      return kNoValue;
  }
}

// Xor(compare, 1) becomes the inverse compare (operands swapped for the ordered ones), so a
// negated condition still fuses into a host compare-and-branch.
bool invert_compare(const Block& block, Inst& inst) {
  if (inst.op != Opcode::Xor || inst.type != Type::I8 || !is_const(block, inst.args[1], 1))
    return false;
  const Inst& cmp = block.insts[inst.args[0]];
  const ValueId a = cmp.args[0], b = cmp.args[1];
  Opcode op;
  bool swap = true;
  switch (cmp.op) {
    case Opcode::CmpEq:
      op = Opcode::CmpNe, swap = false;
      break;
    case Opcode::CmpNe:
      op = Opcode::CmpEq, swap = false;
      break;
    case Opcode::CmpLtS:
      op = Opcode::CmpLeS;
      break;
    case Opcode::CmpLeS:
      op = Opcode::CmpLtS;
      break;
    case Opcode::CmpLtU:
      op = Opcode::CmpLeU;
      break;
    case Opcode::CmpLeU:
      op = Opcode::CmpLtU;
      break;
    default:
      return false;
  }
  inst.op = op;
  inst.args[0] = swap ? b : a;
  inst.args[1] = swap ? a : b;
  return true;
}

// Or(ShrL(x, c), Shl(x, width - c)), either way round, becomes RotR(x, c): what a guest without
// a rotate instruction (RV64 without Zbb) or with it as an alias (A64 ROR is EXTR) computes,
// and one host instruction.
bool combine_rotate(const Block& block, Inst& inst) {
  ValueId right;
  if (inst.op != Opcode::Or ||
      !is_rotate_pair(block, inst.args[0], inst.args[1], type_bits(inst.type), &right))
    return false;
  const Inst& shift = block.insts[right];
  inst.op = Opcode::RotR;
  inst.args[0] = shift.args[0];
  inst.args[1] = shift.args[1];
  return true;
}

}  // namespace

void fold_constants(Block& block) {
  // alias[i] is the value that replaces instruction i's result (itself unless simplified).
  std::vector<ValueId> alias(block.insts.size());
  for (size_t i = 0; i < block.insts.size(); ++i) {
    alias[i] = static_cast<ValueId>(i);
    Inst& inst = block.insts[i];
    for (unsigned a = 0; a < inst.nargs; ++a) inst.args[a] = alias[inst.args[a]];
    if (!has_flag(inst.op, kPure) || inst.op == Opcode::Const || inst.nargs == 0) continue;
    if (inst.type == Type::I128 || inst.type == Type::V128) continue;
    interp::Slot args[3];
    bool all_const = true;
    for (unsigned a = 0; a < inst.nargs && all_const; ++a) {
      const Inst& def = block.insts[inst.args[a]];
      if (def.op != Opcode::Const)
        all_const = false;
      else
        args[a] = {def.imm, def.aux};
    }
    if (all_const) {
      const interp::Slot r = interp::eval_pure(inst, block.insts[inst.args[0]].type, args);
      inst = Inst{Opcode::Const, inst.type, 0, {kNoValue, kNoValue, kNoValue}, r.lo, r.hi};
      continue;
    }
    if (invert_compare(block, inst) || combine_rotate(block, inst)) continue;
    const ValueId same = identity_operand(block, inst);
    if (same != kNoValue && block.insts[same].type == inst.type) alias[i] = same;
  }
}

}  // namespace xisa::ir
