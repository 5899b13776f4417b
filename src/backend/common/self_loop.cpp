// The self-loop analysis every backend shares (self_loop.h).
#include "backend/common/self_loop.h"

#include <algorithm>

namespace xisa::backend::common {

using ir::Opcode;
using ir::Type;

namespace {

bool is_scalar_int(Type t) {
  return t == Type::I8 || t == Type::I16 || t == Type::I32 || t == Type::I64;
}

bool branches_to(const ir::Inst& term, uint64_t pc) {
  return (term.op == Opcode::Jump && term.imm == pc) ||
         (term.op == Opcode::Branch && (term.imm == pc || term.aux == pc));
}

}  // namespace

// A slot qualifies when every access that overlaps it has its offset and type and its one
// GetReg, if any, comes before its writes (in the VectorClass, when it is read at all).
// Read-and-written slots (loop-carried values) go first, then read-only ones (a load saved per
// iteration), then write-only ones (a store saved).
void SelfLoopPlan::plan(const ir::Block& block, const Liveness& live, std::span<const uint8_t> regs,
                        std::span<ir::ValueId> owner, const VectorClass* vector) {
  active_ = false;
  slots_.clear();
  coalesce_into_.clear();
  if (block.insts.empty() || !branches_to(block.insts.back(), block.guest_pc)) return;
  std::vector<size_t> accesses;
  bool calls = false;
  for (size_t i = 0; i < block.insts.size(); ++i) {
    const ir::Inst& inst = block.insts[i];
    if (inst.op == Opcode::Fence &&
        static_cast<ir::FenceKind>(inst.imm) == ir::FenceKind::Instruction)
      return;
    calls |= inst.op == Opcode::CallHelper;
    if (inst.op == Opcode::GetReg || inst.op == Opcode::SetReg) accesses.push_back(i);
  }
  active_ = true;
  if (calls) return;
  struct Candidate {
    PromotedSlot slot;
    unsigned rank;  // 0 read and written, 1 read only, 2 written only
  };
  std::vector<Candidate> candidates;
  for (size_t a : accesses) {
    const ir::Inst& first = block.insts[a];
    if (!is_scalar_int(first.type) && !(vector && first.type == Type::V128)) continue;
    const unsigned bytes = ir::type_bytes(first.type);
    bool ok = true, seen_before = false, written = first.op == Opcode::SetReg;
    for (size_t b : accesses) {
      const ir::Inst& other = block.insts[b];
      if (b == a || !overlaps(first.imm, bytes, other.imm, ir::type_bytes(other.type))) continue;
      if (other.imm != first.imm || other.type != first.type || other.op == Opcode::GetReg) {
        ok = false;
        break;
      }
      seen_before |= b < a;
      written = true;
    }
    // Each slot once: from its first access (a GetReg, or the first SetReg when never read).
    if (!ok || seen_before) continue;
    const bool read = first.op == Opcode::GetReg;
    const bool in_vector = vector && vector->fits(first.imm, first.type);
    if (first.type == Type::V128 && !in_vector) continue;
    // A vector register for a slot the loop only writes would hold its value from the write to
    // the back edge, only to save one store per iteration: its value goes to the state.
    if (in_vector && !read) continue;
    candidates.push_back(
        {{static_cast<uint32_t>(first.imm), first.type, 0,
          read ? static_cast<ir::ValueId>(a) : ir::kNoValue, ir::kNoValue, written, in_vector},
         read && written ? 0u
         : read          ? 1u
                         : 2u});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& x, const Candidate& y) { return x.rank < y.rank; });
  size_t taken = 0, vector_taken = 0;
  for (const Candidate& c : candidates) {
    PromotedSlot p = c.slot;
    if (p.vector) {
      if (vector_taken == vector->regs.size()) continue;
      p.reg = vector->regs[vector_taken++];
      vector->owner[p.reg] = kReservedReg;
    } else {
      if (taken == regs.size()) continue;
      p.reg = regs[taken++];
      owner[p.reg] = kReservedReg;
    }
    slots_.push_back(p);
  }
  if (vector) vector_scratch_ = vector->scratch;
  plan_coalescing(block, live, accesses);
}

// A promoted slot can get its final value of an iteration (its last SetReg's) computed straight
// into its register, rather than into another one moved there at the back edge: when the old
// value is read for the last time no later than that (as the defining instruction's first
// operand at most), and nothing between the definition and the SetReg can fault or leave (a
// fault or an exit there must still find the old value in the register, or an earlier write's
// value, which is elsewhere).
void SelfLoopPlan::plan_coalescing(const ir::Block& block, const Liveness& live,
                                   const std::vector<size_t>& accesses) {
  coalesce_into_.assign(block.insts.size(), 0xff);
  for (const PromotedSlot& p : slots_) {
    if (p.vector) continue;  // values are defined in general registers only
    size_t set = 0;
    for (size_t a : accesses)
      if (block.insts[a].op == Opcode::SetReg && block.insts[a].imm == p.offset) set = a;
    if (set == 0) continue;
    const ir::ValueId value = block.insts[set].args[0];
    const ir::Inst& def = block.insts[value];
    if (def.op == Opcode::GetReg || def.op == Opcode::Const || def.type != p.type) continue;
    bool quiet = true;
    for (size_t k = value + 1; k < set && quiet; ++k) {
      const Opcode op = block.insts[k].op;
      quiet = ir::has_flag(op, ir::kPure) || op == Opcode::GetReg || op == Opcode::SetReg ||
              op == Opcode::GuestInsn;  // a marker: the SetReg may be the next instruction's
    }
    if (!quiet) continue;
    if (p.get != ir::kNoValue) {
      const uint32_t last = live.last_use[p.get];
      if (last > value) continue;
      if (last == value &&
          !(def.args[0] == p.get && std::count(def.args, def.args + def.nargs, p.get) == 1))
        continue;
    }
    coalesce_into_[value] = p.reg;
  }
}

const PromotedSlot* SelfLoopPlan::at(uint64_t offset) const {
  for (const PromotedSlot& p : slots_)
    if (p.offset == offset) return &p;
  return nullptr;
}

bool SelfLoopPlan::take_final(const DirtyEntry& e) {
  for (PromotedSlot& p : slots_)
    if (p.offset == e.offset) {
      p.final_value = e.value;
      return true;
    }
  return false;
}

std::vector<const PromotedSlot*> SelfLoopPlan::unsaved(const std::vector<DirtyEntry>& dirty,
                                                       bool all) const {
  std::vector<const PromotedSlot*> out;
  for (const PromotedSlot& p : slots_) {
    const bool pending = std::any_of(dirty.begin(), dirty.end(),
                                     [&](const DirtyEntry& e) { return e.offset == p.offset; });
    if (p.written && (all || !pending)) out.push_back(&p);
  }
  return out;
}

void SelfLoopPlan::add_fault_entries(FaultSite& site, const std::vector<DirtyEntry>& dirty) const {
  for (const PromotedSlot* p : unsaved(dirty, false))
    site.dirty.push_back(DirtyReg{p->offset, static_cast<uint8_t>(ir::type_bytes(p->type)),
                                  p->vector ? DirtyReg::HostVectorReg : DirtyReg::HostReg, p->reg,
                                  0, 0, 0});
}

std::vector<RegMove> SelfLoopPlan::back_edge_moves(const std::vector<Loc>& loc,
                                                   uint8_t scratch) const {
  std::vector<RegMove> pending, out;
  auto kind_of = [](bool vector) { return vector ? Loc::VecReg : Loc::Reg; };
  for (const PromotedSlot& p : slots_) {
    if (p.final_value == ir::kNoValue) continue;  // unwritten: the register already holds it
    const Loc& src = loc[p.final_value];
    if (src.kind == kind_of(p.vector) && src.reg == p.reg) continue;
    pending.push_back({p.reg, src, p.vector});
  }
  while (!pending.empty()) {
    auto blocked = [&](const RegMove& m) {
      return std::any_of(pending.begin(), pending.end(), [&](const RegMove& o) {
        return &o != &m && o.src.kind == kind_of(m.vector) && o.src.reg == m.dst;
      });
    };
    auto it =
        std::find_if(pending.begin(), pending.end(), [&](const RegMove& m) { return !blocked(m); });
    if (it == pending.end()) {  // a cycle: park one destination's old value in the scratch
      const RegMove& first = pending.front();
      const uint8_t parked = first.dst, park = first.vector ? vector_scratch_ : scratch;
      const Loc::Kind kind = kind_of(first.vector);
      out.push_back({park, Loc{kind, parked}, first.vector});
      for (RegMove& m : pending)
        if (m.src.kind == kind && m.src.reg == parked) m.src.reg = park;
      continue;
    }
    out.push_back(*it);
    pending.erase(it);
  }
  return out;
}

}  // namespace xisa::backend::common
