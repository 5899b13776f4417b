// 64-bit vector ops (AArch64's D-register forms, 2S/4H/8B) are lifted as the 128-bit op and an
// And with (lo = all ones, hi = 0), which zeroes the upper half as the guest does. In a chain of
// such ops most masks are no-ops: lane-wise ops of values whose upper halves are zero have a zero
// upper half themselves (for lanes of at most 64 bits, an op that maps zero lanes to zero). This
// pass tracks which v128 values are known to have a zero upper half and makes a mask of one of
// them use the value itself; dead code elimination then drops the mask.
#include <vector>

#include "ir/passes/passes.h"

namespace xisa::ir {

namespace {

bool is_low_half_mask(const Inst& c) {
  return c.op == Opcode::Const && c.type == Type::V128 && c.imm == ~uint64_t{0} && c.aux == 0;
}

// Lane-wise ops with f(0, 0) = 0 (f(0) = 0 for one operand) whose lanes (imm bits) never cross
// the middle: the upper half is zero when the operands' are.
bool keeps_zero_lanes(const Inst& inst) {
  switch (inst.op) {
    case Opcode::VAdd:
    case Opcode::VSub:
    case Opcode::VMinU:
    case Opcode::VMaxU:
    case Opcode::VMinS:
    case Opcode::VMaxS:
    case Opcode::VAddSatS:
    case Opcode::VAddSatU:
    case Opcode::VSubSatS:
    case Opcode::VSubSatU:
    case Opcode::VShlImm:
    case Opcode::VShrLImm:
    case Opcode::VShrAImm:
    case Opcode::VNeg:
    case Opcode::VAbs:
    case Opcode::VPopcnt:
    case Opcode::VRbit:
    case Opcode::VAvgRoundU:
    case Opcode::VSadU:  // bytes of each 64-bit half into that half
      return inst.imm >= 8 && inst.imm <= 64;
    case Opcode::VMulAddPairsS:  // each pair of lanes in one lane twice as wide
      return inst.imm >= 8 && inst.imm <= 32;
    default:
      return false;
  }
}

}  // namespace

void drop_zero_upper_masks(Block& block) {
  auto& insts = block.insts;
  std::vector<bool> zero_upper(insts.size(), false);
  std::vector<ValueId> remap(insts.size());
  for (size_t i = 0; i < insts.size(); ++i) {
    Inst& inst = insts[i];
    remap[i] = static_cast<ValueId>(i);
    for (unsigned a = 0; a < inst.nargs; ++a) inst.args[a] = remap[inst.args[a]];
    if (inst.type != Type::V128) continue;
    auto zero = [&](unsigned a) { return static_cast<bool>(zero_upper[inst.args[a]]); };
    switch (inst.op) {
      case Opcode::Const:
        zero_upper[i] = inst.aux == 0;
        break;
      case Opcode::VAnd:  // 0 & x = 0: either operand will do
        for (unsigned a = 0; a < 2; ++a)
          if (is_low_half_mask(insts[inst.args[a]]) && zero(1 - a)) remap[i] = inst.args[1 - a];
        zero_upper[i] = zero(0) || zero(1);
        break;
      case Opcode::VOr:
      case Opcode::VXor:
        zero_upper[i] = zero(0) && zero(1);
        break;
      case Opcode::VAndNot:  // a & ~b
        zero_upper[i] = zero(0);
        break;
      case Opcode::VMul:  // 0 * x = 0
      case Opcode::VMulHiS:
      case Opcode::VMulHiU:
      case Opcode::VMulWideLoS:
      case Opcode::VMulWideLoU:
        zero_upper[i] = (zero(0) || zero(1)) && inst.imm >= 8 && inst.imm <= 64;
        break;
      case Opcode::VShlV:
      case Opcode::VShrLV:
      case Opcode::VShrAV:  // zero lanes of a stay zero, whatever the counts
      case Opcode::VShlS:
      case Opcode::VShrLS:
      case Opcode::VShrAS:
        zero_upper[i] = zero(0) && inst.imm >= 8 && inst.imm <= 64;
        break;
      case Opcode::VNarrow:  // the upper half is always zero
        zero_upper[i] = true;
        break;
      case Opcode::VBitSelect:  // bits from arg1 or arg2
        zero_upper[i] = zero(1) && zero(2);
        break;
      case Opcode::VInsertLane: {
        // A lane of the low half into a zero-upper vector, or a zero into the upper 64 bits.
        const uint64_t lane = inst.imm, index = inst.aux;
        const Inst& scalar = insts[inst.args[1]];
        const bool zero_scalar = scalar.op == Opcode::Const && scalar.imm == 0;
        zero_upper[i] =
            ((index + 1) * lane <= 64 && zero(0)) || (lane == 64 && index == 1 && zero_scalar);
        break;
      }
      default:
        if (keeps_zero_lanes(inst)) zero_upper[i] = zero(0) && (inst.nargs < 2 || zero(1));
        break;
    }
    if (remap[i] != i) zero_upper[i] = true;
  }
}

}  // namespace xisa::ir
