// The host-neutral half of a backend's register allocation over one IR block (a single basic
// block, so a linear scan in program order): where each value lives, the deferred guest
// register writes, liveness, and the choice of a register to spill. Each backend keeps the
// emission (moves, spills, reloads) and its register order.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "backend/backend.h"
#include "ir/block.h"

namespace xisa::backend::common {

// Where a value lives while it is live: a general register, a vector register (128-bit
// values, on backends that allocate them), a frame slot or an immediate.
struct Loc {
  enum Kind : uint8_t { None, Reg, VecReg, Slot, Imm };
  Kind kind = None;
  uint8_t reg = 0;
  uint8_t slot = 0;
  uint64_t imm = 0;
  uint64_t imm_hi = 0;
};

// A deferred guest register write: state bytes [offset, offset + size) hold `value`.
struct DirtyEntry {
  uint32_t offset;
  ir::Type type;
  ir::ValueId value;
};

// Register owner mark of a host register reserved for a promoted guest register.
inline constexpr ir::ValueId kReservedReg = ir::kNoValue - 1;

bool yields_value(const ir::Inst& inst);

inline bool restarts_alone_on_fault(const ir::Inst& access) {
  return (access.op == ir::Opcode::Load || access.op == ir::Opcode::Store) &&
         (access.imm & ir::kRestartAloneOnFault) != 0;
}

inline bool overlaps(uint64_t a, unsigned alen, uint64_t b, unsigned blen) {
  return a < b + blen && b < a + alen;
}

// One step of the deferred-write model, shared by the liveness pass and the emission so the two
// agree. on_remove(entry, write) is called for each entry leaving the dirty set; `write` says
// whether its value must reach the state (false when a write of the same slot replaces it).
template <typename OnRemove>
void step_dirty(const ir::Block& block, std::vector<DirtyEntry>& dirty, size_t i,
                OnRemove&& on_remove) {
  const ir::Inst& inst = block.insts[i];
  const bool all = inst.op == ir::Opcode::CallHelper || ir::has_flag(inst.op, ir::kTerminator);
  const bool get = inst.op == ir::Opcode::GetReg, set = inst.op == ir::Opcode::SetReg;
  if (!all && !get && !set) return;
  const unsigned bytes = ir::type_bytes(inst.type);
  for (auto it = dirty.begin(); it != dirty.end();) {
    const unsigned eb = ir::type_bytes(it->type);
    if (all || overlaps(it->offset, eb, inst.imm, bytes)) {
      on_remove(*it, !(set && it->offset == inst.imm && eb == bytes));
      it = dirty.erase(it);
    } else {
      ++it;
    }
  }
  if (set) dirty.push_back({static_cast<uint32_t>(inst.imm), inst.type, inst.args[0]});
}

// Each value's last use (a deferred write keeps its value alive until it reaches the state),
// and the values dying after each instruction i: dies[dies_start[i], dies_start[i + 1]).
struct Liveness {
  std::vector<uint32_t> last_use;
  // The last instruction that reads the value as an operand; last_use also counts the deferred
  // write back of a guest register that holds it.
  std::vector<uint32_t> last_operand_use;
  std::vector<uint32_t> dies_start;
  std::vector<ir::ValueId> dies;
  // folded[v]: v emits nothing and its users read its operands instead (an address computation
  // folded into the accesses that use it), so those operands live as long as v's users.
  void analyze(const ir::Block& block, std::span<const uint8_t> folded = {});
};

// The register among `order` to spill for instruction `current`: the one whose value is used
// last, never a reserved register or an operand of `current`; 0xff when there is none.
uint8_t spill_victim(std::span<const uint8_t> order, std::span<const ir::ValueId> owner,
                     const std::vector<uint32_t>& last_use, const ir::Inst& current);

// The first register among `order` that holds no value, or 0xff.
uint8_t free_register(std::span<const uint8_t> order, std::span<const ir::ValueId> owner);

// Whether instruction i may define its result in operand 0's register: operand 0 is in a
// register it still owns and dies at i.
bool arg0_register_reusable(const ir::Block& block, size_t i, const std::vector<Loc>& loc,
                            const Liveness& live, std::span<const ir::ValueId> owner);
// The same for the value whose register holds operand 0 (where operand 0 is folded into it).
bool holder_register_reusable(ir::ValueId holder, size_t i, const std::vector<Loc>& loc,
                              const Liveness& live, std::span<const ir::ValueId> owner);

// Whether instruction i may write `reg` before reading its operands: none is there, or only
// operand 0 when the lowering reads it in place (reuse_arg0) and it dies at i.
bool may_define_in(const ir::Block& block, size_t i, const std::vector<Loc>& loc,
                   const Liveness& live, uint8_t reg, bool reuse_arg0);
// The same where an operand may be read from another value's register: holder(v) is the value
// whose register holds operand v (a folded operand's).
template <class Holder>
bool may_define_in(const ir::Block& block, size_t i, const std::vector<Loc>& loc,
                   const Liveness& live, uint8_t reg, bool reuse_arg0, Holder&& holder) {
  const ir::Inst& inst = block.insts[i];
  for (unsigned a = 0; a < inst.nargs; ++a) {
    const ir::ValueId h = holder(inst.args[a]);
    if (loc[h].kind != Loc::Reg || loc[h].reg != reg) continue;
    if (a != 0 || !reuse_arg0 || live.last_use[h] != i) return false;
  }
  return true;
}

// Marks a free spill slot used and returns it; 0 and *out_of_slots when none is left (the
// emission goes on harmlessly and the block is then refused).
uint8_t alloc_slot(std::span<bool> used, bool* out_of_slots);

// Where each deferred write's value is at a fault site, for the side table; spill slot s is
// at offset s * slot_bytes from the host stack pointer.
std::vector<DirtyReg> dirty_regs_of(const std::vector<DirtyEntry>& dirty,
                                    const std::vector<Loc>& loc, int32_t slot_bytes);

// The side-table entry for a faulting access emitted at host_offset: the guest pc and where
// each deferred write's value is then (dirty_regs_of).
FaultSite fault_site_at(uint32_t host_offset, uint64_t guest_pc,
                        const std::vector<DirtyEntry>& dirty, const std::vector<Loc>& loc,
                        int32_t slot_bytes, const ir::Inst& access);

// Frees the registers and spill slots of the values that die after instruction i.
void release_dead(size_t i, const Liveness& live, std::vector<Loc>& loc,
                  std::span<ir::ValueId> owner, std::span<bool> slot_used,
                  std::span<ir::ValueId> vec_owner = {});

}  // namespace xisa::backend::common
