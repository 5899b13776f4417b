// Pure ops a backend does not lower natively (rare v128 ops, 128-bit integer arithmetic...)
// are evaluated by the interpreter's own eval_pure through a host call, on copies of their
// operands as interp::Slot values in the frame: the result cannot differ from the interpreter's.
// This is the host-neutral half: which ops qualify and the function translated code calls.
#pragma once

#include <cstdint>

#include "interp/eval_op.h"
#include "ir/block.h"

namespace xisa::backend::common {

// Whether the op can be evaluated this way (pure or FP arithmetic, immediates that fit the
// descriptor).
bool pure_call_lowerable(const ir::Inst& inst);

// The op's descriptor, the first argument of eval_packed.
uint64_t pack_pure_op(const ir::Inst& inst, ir::Type arg_type);

// What translated code calls: *out = the op of `desc` on *a0, *a1, *a2 (unused ones unread).
void eval_packed(uint64_t desc, const interp::Slot* a0, const interp::Slot* a1,
                 const interp::Slot* a2, interp::Slot* out);

}  // namespace xisa::backend::common
