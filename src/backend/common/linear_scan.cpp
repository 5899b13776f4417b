// Liveness and spill choice shared by the JIT backends (linear_scan.h).
#include "backend/common/linear_scan.h"

#include <algorithm>

namespace xisa::backend::common {

using ir::Opcode;
using ir::ValueId;

bool yields_value(const ir::Inst& inst) {
  if (inst.type == ir::Type::Void) return false;
  return inst.op != Opcode::SetReg && inst.op != Opcode::Store &&
         !ir::has_flag(inst.op, ir::kTerminator);
}

void Liveness::analyze(const ir::Block& block) {
  const size_t n = block.insts.size();
  last_use.resize(n);
  for (size_t i = 0; i < n; ++i) {
    last_use[i] = static_cast<uint32_t>(i);
    const ir::Inst& inst = block.insts[i];
    for (unsigned a = 0; a < inst.nargs; ++a) last_use[inst.args[a]] = static_cast<uint32_t>(i);
  }
  std::vector<DirtyEntry> dirty;
  for (size_t i = 0; i < n; ++i)
    step_dirty(block, dirty, i, [&](const DirtyEntry& e, bool) {
      last_use[e.value] = std::max(last_use[e.value], static_cast<uint32_t>(i));
    });
  // Values by the instruction after which they die, as one flat array (counting sort).
  dies_start.assign(n + 1, 0);
  for (size_t i = 0; i < n; ++i)
    if (yields_value(block.insts[i])) ++dies_start[last_use[i] + 1];
  for (size_t i = 0; i < n; ++i) dies_start[i + 1] += dies_start[i];
  dies.resize(dies_start[n]);
  std::vector<uint32_t> fill(dies_start.begin(), dies_start.end() - 1);
  for (size_t i = 0; i < n; ++i)
    if (yields_value(block.insts[i])) dies[fill[last_use[i]]++] = static_cast<ValueId>(i);
}

uint8_t spill_victim(std::span<const uint8_t> order, std::span<const ValueId> owner,
                     const std::vector<uint32_t>& last_use, const ir::Inst& current) {
  uint8_t victim = 0xff;
  uint32_t farthest = 0;
  for (uint8_t r : order) {
    const ValueId v = owner[r];
    if (v == kReservedReg || v == ir::kNoValue) continue;
    if (std::find(current.args, current.args + current.nargs, v) != current.args + current.nargs)
      continue;
    if (victim == 0xff || last_use[v] > farthest) {
      victim = r;
      farthest = last_use[v];
    }
  }
  return victim;
}

void release_dead(size_t i, const Liveness& live, std::vector<Loc>& loc, std::span<ValueId> owner,
                  std::span<bool> slot_used) {
  for (uint32_t k = live.dies_start[i]; k < live.dies_start[i + 1]; ++k) {
    const ValueId v = live.dies[k];
    Loc& l = loc[v];
    if (l.kind == Loc::Reg && owner[l.reg] == v) owner[l.reg] = ir::kNoValue;
    if (l.kind == Loc::Slot) slot_used[l.slot] = false;
    l.kind = Loc::None;
  }
}

}  // namespace xisa::backend::common
