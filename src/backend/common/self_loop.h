// Blocks that branch to themselves (a guest loop in one block) keep guest registers in host
// registers across iterations: they are loaded once before the loop head, the final values of
// an iteration are moved into them at the back edge, and they reach the state only on the way
// out (exits, side exits, the exit request) or, for a fault, through the side table. Without
// this every iteration stores its registers and the next one loads them again, which puts a
// store-to-load round trip on each loop-carried dependency.
// This is the analysis; the emission is common::BlockLowering's (block_lowering.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "backend/backend.h"
#include "backend/common/linear_scan.h"
#include "ir/block.h"

namespace xisa::backend::common {

// A guest register slot kept in a host register across a self-loop's iterations.
struct PromotedSlot {
  uint32_t offset;
  ir::Type type;
  uint8_t reg;
  ir::ValueId get;          // the block's one GetReg of the slot, or kNoValue
  ir::ValueId final_value;  // what the iteration leaves in it (set at the terminator)
  bool written;             // the block writes it (else the state always has its value)
  bool vector = false;      // reg is a vector register (VectorClass)
};

// One move of a parallel copy: host register dst = src.
struct RegMove {
  uint8_t dst;
  Loc src;
  bool vector = false;  // dst is a vector register
};

// A second register class a backend may offer for slots of FP bits and vectors (x86-64 hosts:
// xmm registers), so that they stay out of general registers across iterations.
struct VectorClass {
  std::span<const uint8_t> regs;
  std::span<ir::ValueId> owner;
  // Whether the slot at offset, of this type (an integer type, or V128), belongs there: every
  // access reads or writes it as FP bits or a vector. V128 slots go nowhere else.
  std::function<bool(uint64_t offset, ir::Type type)> fits;
  uint8_t scratch;  // a vector register free for the back edge's parallel copy
};

class SelfLoopPlan {
 public:
  // Plans the promotion of block's guest registers into `regs` (in that order, as many as
  // qualify) and marks the registers it takes kReservedReg in `owner`. The plan is inactive
  // when the block does not branch to itself, or fences instructions (the runtime must
  // re-translate between two runs of such a block). A block with a helper call loops without
  // promoted registers: helpers read and write the state behind the block's back.
  void plan(const ir::Block& block, const Liveness& live, std::span<const uint8_t> regs,
            std::span<ir::ValueId> owner, const VectorClass* vector = nullptr);
  bool active() const { return active_; }
  const std::vector<PromotedSlot>& slots() const { return slots_; }
  const PromotedSlot* at(uint64_t offset) const;
  // The promoted register value i is defined in directly, or 0xff (see plan_coalescing).
  uint8_t coalesce_into(size_t i) const {
    return i < coalesce_into_.size() ? coalesce_into_[i] : 0xff;
  }
  // At the terminator, a deferred write of a promoted slot becomes its final value (true)
  // instead of a store.
  bool take_final(const DirtyEntry& e);
  // Written slots whose register still holds their current value (the iteration has no
  // pending write of them in `dirty`), or all written slots.
  std::vector<const PromotedSlot*> unsaved(const std::vector<DirtyEntry>& dirty, bool all) const;
  // Where a fault finds those registers' values.
  void add_fault_entries(FaultSite& site, const std::vector<DirtyEntry>& dirty) const;
  // The back edge: each slot's final value into its register, ordered so that no move
  // overwrites another's source; a cycle parks one register's old value in `scratch` (a
  // vector register's in the VectorClass scratch).
  std::vector<RegMove> back_edge_moves(const std::vector<Loc>& loc, uint8_t scratch) const;

 private:
  void plan_coalescing(const ir::Block& block, const Liveness& live,
                       const std::vector<size_t>& accesses);

  bool active_ = false;
  uint8_t vector_scratch_ = 0xff;
  std::vector<PromotedSlot> slots_;
  std::vector<uint8_t> coalesce_into_;
};

}  // namespace xisa::backend::common
