// IR passes; each rewrites a block in place and keeps it verifiable.
#pragma once

#include "ir/block.h"

namespace xisa::ir {

// Replaces pure ops whose operands are all constants by a Const.
void fold_constants(Block& block);
// Forwards GetReg/SetReg of the guest state struct inside the block: a read after a write (or a
// read) of the same slot reuses the value, and a write overwritten before anything can observe
// it (no read, helper call or possible fault in between) is dropped.
void forward_registers(Block& block);
// Makes a pure op identical to an earlier one (opcode, type, operands, immediates) reuse it.
void eliminate_common_subexpressions(Block& block);
// Or(SExt(ShrL32(x, c)), SExt(Shl32(x, 32 - c))) becomes SExt(RotR32(x, c)) (RV64's srliw/slliw
// rotate) where nothing else reads the shift or its extension.
void combine_sign_extended_rotates(Block& block);
// Trunc(Ext(x)) becomes x, and And/Or/Xor of extensions the extension of the narrow op (32-bit
// results that guests keep extended in 64-bit registers).
void narrow_extended_ops(Block& block);
// And(x, low-half mask) becomes x where x's upper 64 bits are known to be zero (64-bit vector
// ops of AArch64 guests, chained).
void drop_zero_upper_masks(Block& block);
// VMul of 64-bit lanes of two sign- (zero-) widened 32-bit lanes becomes VMulWideLoS (U).
void use_widening_multiplies(Block& block);
// Drops a TrapIf/ExitIf whose condition an earlier TrapIf/ExitIf already tested.
void drop_repeated_guards(Block& block);
// Drops pure instructions whose values nothing uses, and renumbers the block.
void eliminate_dead_code(Block& block);

// The default pipeline.
inline void optimize(Block& block) {
  forward_registers(block);
  narrow_extended_ops(block);
  fold_constants(block);
  eliminate_common_subexpressions(block);
  // Again: CSE makes operands that were copies one value (a rotate's two shifts of two
  // truncations of one register, one per guest instruction).
  fold_constants(block);
  combine_sign_extended_rotates(block);
  drop_zero_upper_masks(block);
  use_widening_multiplies(block);
  drop_repeated_guards(block);
  eliminate_dead_code(block);
}

}  // namespace xisa::ir
