// Conditional branches inside blocks, the same for every guest. A forward branch becomes a side
// exit (ExitIf) and the block goes on at the fall-through: the usual path stays one block, with
// flags and registers forwarded and state writes deferred past the exit (stored on the exit path
// only). A backward branch (a loop's back edge) ends the block, so a loop stays a block that
// branches to itself, which the JIT runs with registers kept in host registers.
#pragma once

#include <algorithm>
#include <cstdint>

#include "ir/builder.h"

namespace xisa::frontend {

inline constexpr unsigned kMaxSideExits = 8;

inline void conditional_branch(ir::Builder& b, ir::Value cond, uint64_t pc, uint64_t target,
                               uint64_t next) {
  const auto& insts = b.block().insts;
  const auto exits = std::count_if(insts.begin(), insts.end(), [](const ir::Inst& i) {
    return i.op == ir::Opcode::ExitIf;
  });
  if (target > pc && exits < static_cast<long>(kMaxSideExits)) {
    b.exit_if(cond, target);
    return;
  }
  b.branch(cond, target, next);
}

}  // namespace xisa::frontend
