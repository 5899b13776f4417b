// The shift pair that makes a rotate, for the passes that turn it into RotR.
#pragma once

#include <utility>

#include "ir/block.h"

namespace xisa::ir {

// Whether a and b are ShrL(x, c) and Shl(x, width - c), either way round, with constant
// 0 < c < width; then *right is the ShrL, whose operands (x, c) a RotR takes.
inline bool is_rotate_pair(const Block& block, ValueId a, ValueId b, unsigned width,
                           ValueId* right) {
  const Inst* r = &block.insts[a];
  const Inst* l = &block.insts[b];
  if (r->op == Opcode::Shl) {
    std::swap(r, l);
    std::swap(a, b);
  }
  if (r->op != Opcode::ShrL || l->op != Opcode::Shl || r->args[0] != l->args[0] ||
      type_bits(r->type) != width)
    return false;
  const Inst& count = block.insts[r->args[1]];
  const Inst& other = block.insts[l->args[1]];
  if (count.op != Opcode::Const || other.op != Opcode::Const || count.imm == 0 ||
      count.imm >= width || count.imm + other.imm != width)
    return false;
  *right = a;
  return true;
}

}  // namespace xisa::ir
