// A check of the IR one guest instruction's lifting appended to a block, run by a frontend
// before it keeps the lifting: every operand names a value defined earlier in the block, and
// every GetReg/SetReg lies inside the guest state struct. A frontend drops a lifting that fails
// and raises SIGILL instead, so a lifter defect (an operand kind a handler did not expect) can
// neither reach memory outside the guest state nor feed an undefined value to the passes.
#pragma once

#include <cstddef>
#include <string>

#include "ir/block.h"

namespace xisa::frontend {

// Empty when insts[first..] are sound for a guest state of state_size bytes, else what is not.
std::string lifted_ir_problem(const ir::Block& block, size_t first, size_t state_size);

}  // namespace xisa::frontend
