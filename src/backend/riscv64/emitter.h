// Lowers one IR block to RISC-V64 with this backend's own Assembler. The allocation model is
// the other backends' (backend/common/linear_scan.h): a linear scan in program order, spills of
// the value used last to 16-byte frame slots, constants kept as immediates, guest register
// writes (SetReg) deferred to the block's end, a helper call or an overlapping read, with the
// dirty registers' locations recorded at every faulting access. Integer values of i8..i32 live
// zero-extended in 64-bit registers; f32/f64 as their bit patterns; 128-bit values in frame
// slots. Ops without a native lowering here go through the pure-call path (eval_pure).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "backend/backend.h"
#include "backend/common/block_exits.h"
#include "backend/common/block_lowering.h"
#include "backend/common/linear_scan.h"
#include "backend/riscv64/abi.h"
#include "backend/riscv64/assembler.h"
#include "backend/riscv64/host_features.h"
#include "ir/block.h"

namespace xisa::backend::riscv64 {

using common::DirtyEntry;
using common::Loc;

class Emitter : private common::BlockLowering<Emitter, Label>,
                private common::BlockExitLowering<Emitter> {
 public:
  Emitter(const ir::Block& block, const CompileConfig& config, Assembler& as);

  // Why this block cannot be compiled by this backend, or "" when it can.
  std::string unsupported_reason() const;
  // Emits the block. Returns "" or why it gave up (e.g. out of spill slots).
  std::string emit();

  struct PendingChain {
    uint32_t jump_offset;  // the patchable jal (patch_jump)
    Label stub;
    uint64_t target_pc;
  };
  std::vector<FaultSite> fault_sites;
  std::vector<PendingChain> chains;
  bool flushes_code = false;

 private:
  using Reg = uint8_t;

  // --- the register file (regalloc.cpp) ---
  Reg alloc_reg(ir::ValueId owner);
  void evict(Reg reg);
  uint8_t alloc_slot();
  // Defines value i in a register (operand 0's when it dies here and reuse_arg0).
  Reg def_reg(size_t i, bool reuse_arg0);
  // Defines a 128-bit value i in a fresh spill slot; returns the slot's offset from sp.
  int32_t def_slot128(size_t i);

  // --- operands ---
  const ir::Inst& arg_inst(size_t i, unsigned a) const {
    return block_.insts[block_.insts[i].args[a]];
  }
  ir::ValueId arg(size_t i, unsigned a) const { return block_.insts[i].args[a]; }
  const Loc& loc(ir::ValueId v) const { return loc_[v]; }
  bool is_imm(ir::ValueId v) const { return loc_[v].kind == Loc::Imm; }
  // The value in a register: its own, x0 for the constant 0, or loaded into `scratch`.
  Reg in_reg(ir::ValueId v, Reg scratch);
  void mov_to(Reg dst, ir::ValueId v);  // dst = v
  // dst = src with the bits above t's width cleared (dst and src may be one register).
  void zero_extend(Reg dst, Reg src, ir::Type t);
  // dst = src sign-extended from t's width to 64 bits.
  void sign_extend(Reg dst, Reg src, ir::Type t);
  // The base register and 12-bit offset for [base + offset] (through kAddrScratch when the
  // offset does not fit).
  std::pair<Reg, int32_t> mem_at(Reg base, int64_t offset);
  void load_sized(Reg dst, Reg base, int32_t off, unsigned bytes);  // zero-extending
  void store_sized(Reg src, Reg base, int32_t off, unsigned bytes);
  // The two 64-bit halves of a 128-bit value to [sp + dst_off].
  void copy128_to_frame(ir::ValueId v, int32_t dst_off);

  // --- lowering by family ---
  bool lowers_natively(size_t i) const;
  void lower_state(size_t i);  // lower_state.cpp: GetReg, deferred SetReg write-backs
  void write_back(const DirtyEntry& e);
  void lower_binary(size_t i);  // lower_alu.cpp
  void lower_divide(size_t i, Reg dst, Reg a, Reg b);
  void lower_shift(size_t i);
  void lower_unary(size_t i);
  void lower_compare(size_t i);  // lower_compare.cpp
  void lower_flags(size_t i);    // lower_compare.cpp
  void lower_select(size_t i);
  void lower_convert(size_t i);
  void lower_float(size_t i);  // lower_float.cpp: FAdd ... FMulAdd, compares, host FP flags
  void lower_float_compare(size_t i);
  void lower_fp_flags(size_t i);
  void lower_vector(size_t i);  // lower_vector.cpp: the v128 ops vector_lowered names
  void load_half(Reg dst, ir::ValueId v, int half);  // 64-bit half of a 128-bit value
  void zero_bytes_mask(Reg dst, Reg x);
  void lower_memory(size_t i);  // lower_memory.cpp: loads, stores, fences
  void lower_atomic(size_t i);  // lower_atomic.cpp
  void lower_narrow_atomic(size_t i);
  void call_atomic(size_t i);  // the interpreter's atomic for instruction i, into kScratch1
  void record_fault_site(const ir::Inst& access);
  void lower_pure_call(size_t i);  // lower_pure_call.cpp
  void lower_call(size_t i);       // lower_exit.cpp: helper calls and terminators
  // The walk, self-loops, side exits and terminators: common::BlockLowering and
  // common::BlockExitLowering over these primitives.
  friend class common::BlockLowering<Emitter, Label>;
  friend class common::BlockExitLowering<Emitter>;
  void begin_block();
  void after_loop_plan() {}
  const common::Liveness& liveness() const { return live_; }
  std::span<ir::ValueId> reg_owners() { return reg_owner_; }
  void set_guest_pc(uint64_t pc) { guest_pc_ = pc; }
  void lower_at(size_t i);
  bool out_of_slots() const { return out_of_slots_; }
  Label new_label() { return as_.new_label(); }
  void bind(Label l) { as_.bind(l); }
  void jump(Label l) { as_.j(l); }
  void branch_if(ir::ValueId cond, bool nonzero, Label target);
  void branch_if_exit_requested(Label l);  // lower_loop.cpp
  void load_promoted(const common::PromotedSlot& p);
  void store_promoted(const common::PromotedSlot& p);
  void move_to_reg(Reg reg, const Loc& src);
  Reg loop_scratch() const { return kScratch0; }
  void write_back_dirty();
  const ir::Block& block() const { return block_; }
  std::vector<DirtyEntry>& dirty() { return dirty_; }
  std::vector<Loc>& locs() { return loc_; }
  void emit_direct_exit(uint64_t target_pc);
  void emit_exit_to_dispatcher(uint64_t pc, uint32_t exit);
  void emit_stubs();
  void store_pc(uint64_t pc);
  void emit_indirect_exit(ir::ValueId target);
  void count(int32_t counter_offset);  // ++ a JitCounters field when counting
  void call_host(const void* fn);      // fn(a0, a1, a2, a3): the caller loaded a0..a3
  // Calls fn(a0, arg0, arg1, arg2) with instruction i's operands, a0 the state or `first`; the
  // result lands in kScratch1.
  void call_for(size_t i, const void* fn, bool first_is_state, uint64_t first);
  // The same, defining value i as the result.
  void call_with_args(size_t i, const void* fn, bool first_is_state, uint64_t first);
  // Around a host call: keep the live values of caller-saved registers.
  std::vector<uint8_t> save_live_caller_saved();
  void restore_caller_saved(const std::vector<uint8_t>& saved);

  const ir::Block& block_;
  const CompileConfig& config_;
  Assembler& as_;
  HostFeatures features_;
  std::vector<Loc> loc_;
  common::Liveness live_;
  std::array<ir::ValueId, 32> reg_owner_;
  std::array<bool, kSpillSlots> slot_used_{};
  std::vector<DirtyEntry> dirty_;
  uint64_t guest_pc_ = 0;  // guest pc of the instruction being lowered
  size_t pos_ = 0;
  bool out_of_slots_ = false;
  // Direct exits: a patchable jal at `site` to an out-of-line stub that returns to the
  // dispatcher with the target pc.
  struct Stub {
    Label stub, site;
    uint64_t target;
  };
  std::vector<Stub> stubs_;
};

// Whether lower_vector handles this v128 op (op, lane width); the others take the pure-call path.
bool vector_lowered(const ir::Inst& inst);

}  // namespace xisa::backend::riscv64
