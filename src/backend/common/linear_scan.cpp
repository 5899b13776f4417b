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

void Liveness::analyze(const ir::Block& block, std::span<const uint8_t> folded) {
  const size_t n = block.insts.size();
  last_use.resize(n);
  for (size_t i = 0; i < n; ++i) {
    last_use[i] = static_cast<uint32_t>(i);
    const ir::Inst& inst = block.insts[i];
    for (unsigned a = 0; a < inst.nargs; ++a) last_use[inst.args[a]] = static_cast<uint32_t>(i);
  }
  // Latest first: a folded value's own life is final before it extends its operands'.
  auto extend_folded = [&] {
    for (size_t i = folded.size(); i-- > 0;) {
      if (!folded[i]) continue;
      const ir::Inst& inst = block.insts[i];
      for (unsigned a = 0; a < inst.nargs; ++a)
        last_use[inst.args[a]] = std::max(last_use[inst.args[a]], last_use[i]);
    }
  };
  extend_folded();
  last_operand_use = last_use;
  // A deferred write that another write of the same register replaces is read only where the
  // state may be seen before that: at a fault, a side exit or a call (a terminator writes
  // everything back). Its value need not outlive the last of those.
  std::vector<DirtyEntry> dirty;
  uint32_t last_observer = 0;
  for (size_t i = 0; i < n; ++i) {
    step_dirty(block, dirty, i, [&](const DirtyEntry& e, bool written) {
      const uint32_t until = written ? static_cast<uint32_t>(i) : last_observer;
      last_use[e.value] = std::max(last_use[e.value], until);
    });
    const ir::Opcode op = block.insts[i].op;
    if (ir::has_flag(op, ir::kMayFault) || ir::has_flag(op, ir::kTerminator))
      last_observer = static_cast<uint32_t>(i);
  }
  extend_folded();  // a folded value's deferred writes are its operand's
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

uint8_t free_register(std::span<const uint8_t> order, std::span<const ValueId> owner) {
  for (uint8_t r : order)
    if (owner[r] == ir::kNoValue) return r;
  return 0xff;
}

bool arg0_register_reusable(const ir::Block& block, size_t i, const std::vector<Loc>& loc,
                            const Liveness& live, std::span<const ValueId> owner) {
  const ir::Inst& inst = block.insts[i];
  return inst.nargs != 0 && holder_register_reusable(inst.args[0], i, loc, live, owner);
}

bool holder_register_reusable(ValueId holder, size_t i, const std::vector<Loc>& loc,
                              const Liveness& live, std::span<const ValueId> owner) {
  return loc[holder].kind == Loc::Reg && live.last_use[holder] == i &&
         owner[loc[holder].reg] == holder;
}

bool may_define_in(const ir::Block& block, size_t i, const std::vector<Loc>& loc,
                   const Liveness& live, uint8_t reg, bool reuse_arg0) {
  return may_define_in(block, i, loc, live, reg, reuse_arg0, [](ValueId v) { return v; });
}

uint8_t alloc_slot(std::span<bool> used, bool* out_of_slots) {
  for (size_t s = 0; s < used.size(); ++s)
    if (!used[s]) {
      used[s] = true;
      return static_cast<uint8_t>(s);
    }
  *out_of_slots = true;
  return 0;
}

std::vector<DirtyReg> dirty_regs_of(const std::vector<DirtyEntry>& dirty,
                                    const std::vector<Loc>& loc, int32_t slot_bytes) {
  std::vector<DirtyReg> out;
  for (const DirtyEntry& e : dirty) {
    const Loc& l = loc[e.value];
    DirtyReg d{
        e.offset, static_cast<uint8_t>(ir::type_bytes(e.type)), DirtyReg::Immediate, 0, 0, l.imm,
        l.imm_hi};
    if (l.kind == Loc::Reg || l.kind == Loc::VecReg) {
      d.kind = l.kind == Loc::Reg ? DirtyReg::HostReg : DirtyReg::HostVectorReg;
      d.host_reg = l.reg;
    } else if (l.kind == Loc::Slot) {
      d.kind = DirtyReg::StackSlot;
      d.stack_off = static_cast<int32_t>(l.slot) * slot_bytes;
    }
    out.push_back(d);
  }
  return out;
}

FaultSite fault_site_at(uint32_t host_offset, uint64_t guest_pc,
                        const std::vector<DirtyEntry>& dirty, const std::vector<Loc>& loc,
                        int32_t slot_bytes, const ir::Inst& access) {
  return FaultSite{host_offset, guest_pc, dirty_regs_of(dirty, loc, slot_bytes),
                   restarts_alone_on_fault(access)};
}

void release_dead(size_t i, const Liveness& live, std::vector<Loc>& loc, std::span<ValueId> owner,
                  std::span<bool> slot_used, std::span<ValueId> vec_owner) {
  for (uint32_t k = live.dies_start[i]; k < live.dies_start[i + 1]; ++k) {
    const ValueId v = live.dies[k];
    Loc& l = loc[v];
    if (l.kind == Loc::Reg && owner[l.reg] == v) owner[l.reg] = ir::kNoValue;
    if (l.kind == Loc::VecReg && vec_owner[l.reg] == v) vec_owner[l.reg] = ir::kNoValue;
    if (l.kind == Loc::Slot) slot_used[l.slot] = false;
    l.kind = Loc::None;
  }
}

}  // namespace xisa::backend::common
