// Semantics of the pure IR ops, once: the interpreter executes them and constant folding
// evaluates them, so the two can never disagree.
#pragma once

#include <cstdint>

#include "ir/block.h"

namespace xisa::interp {

struct Slot {
  uint64_t lo = 0;
  uint64_t hi = 0;
};

// Evaluates a pure (kPure) op, or an FP arithmetic op (pure but for the host flags it raises).
// arg_type is the type of operand 0.
Slot eval_pure(const ir::Inst& inst, ir::Type arg_type, const Slot* args);

// Evaluates a v128 op (interp/eval_vector.cpp); called by eval_pure.
Slot eval_vector(const ir::Inst& inst, const Slot* args);

// FAdd ... FMulAdd on the f32/f64 bit patterns in args[0..nargs).lo: the result's bits.
uint64_t fp_op(ir::Opcode op, ir::Type t, const Slot* args, unsigned nargs);

// Masks v to the width of t (integers); float and vector types pass through.
uint64_t mask_to(ir::Type t, uint64_t v);

}  // namespace xisa::interp
