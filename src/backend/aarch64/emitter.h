// Lowers one IR block to AArch64 with asmjit's a64 Assembler. The allocation model is the
// x86-64 backend's (backend/common/linear_scan.h): a linear scan in program order, spills of
// the value used last to 16-byte frame slots, constants kept as immediates, guest register
// writes (SetReg) deferred to the block's end, a helper call or an overlapping read, with the
// dirty registers' locations recorded at every faulting access. Integer values of i8..i32
// live zero-extended in 64-bit registers; f32/f64 as their bit patterns; 128-bit values in
// frame slots.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "backend/aarch64/abi.h"
#include "backend/asmjit_common/cold_section.h"
#include "backend/backend.h"
#include "backend/common/block_exits.h"
#include "backend/common/block_lowering.h"
#include "backend/common/linear_scan.h"
#include "ir/block.h"

namespace xisa::backend::aarch64 {

using common::DirtyEntry;
using common::Loc;

class Emitter : private common::BlockLowering<Emitter, asmjit::Label>,
                private common::BlockExitLowering<Emitter> {
 public:
  Emitter(const ir::Block& block, const CompileConfig& config, a64::Assembler& as);

  // Why this block cannot be compiled by this backend, or "" when it can.
  std::string unsupported_reason() const;
  // Emits the block. Returns "" or why it gave up (e.g. out of spill slots).
  std::string emit();

  struct PendingChain {
    asmjit::Label site;  // the patchable jump (a label: it may be in the cold section)
    asmjit::Label stub;
    uint64_t target_pc;
  };
  std::vector<FaultSite> fault_sites;
  std::vector<PendingChain> chains;
  bool flushes_code = false;

 private:
  // --- the register file (regalloc.cpp) ---
  a64::GpX alloc_reg(ir::ValueId owner);
  void evict(uint8_t reg);
  uint8_t alloc_slot();
  // Defines value i in a register (operand 0's when it dies here and reuse_arg0) as 64 bits.
  a64::GpX def_reg(size_t i, bool reuse_arg0);
  // Defines a 128-bit value i in a fresh spill slot; returns the slot's offset from sp.
  int32_t def_slot128(size_t i);

  // --- operands ---
  const ir::Inst& arg_inst(size_t i, unsigned a) const {
    return block_.insts[block_.insts[i].args[a]];
  }
  ir::ValueId arg(size_t i, unsigned a) const { return block_.insts[i].args[a]; }
  const Loc& loc(ir::ValueId v) const { return loc_[v]; }
  bool is_imm(ir::ValueId v) const { return loc_[v].kind == Loc::Imm; }
  // The value in a 64-bit register: its own, or loaded into `scratch`.
  a64::GpX in_reg(ir::ValueId v, const a64::GpX& scratch);
  void mov_to(const a64::GpX& dst, ir::ValueId v);  // dst = v
  void mov_imm(const a64::GpX& dst, uint64_t imm);
  // dst = src with the bits above t's width cleared (dst and src may be one register).
  void zero_extend(const a64::GpX& dst, const a64::GpX& src, ir::Type t);
  // dst = src sign-extended from t's width to 64 bits.
  void sign_extend(const a64::GpX& dst, const a64::GpX& src, ir::Type t);
  // [base + offset] for an access of `bytes`, through kAddrScratch when the offset does not
  // fit the instruction.
  a64::Mem mem_at(const a64::GpX& base, int64_t offset, unsigned bytes);
  a64::Mem slot_mem(uint8_t slot) const { return a64::ptr(a64::sp, spill_offset(slot)); }
  void load_sized(const a64::GpX& dst, const a64::Mem& m, unsigned bytes);  // zero-extending
  void store_sized(const a64::GpX& src, const a64::Mem& m, unsigned bytes);
  // Copies a 128-bit value into q<vec>.
  void load128(ir::ValueId v, uint32_t vec = 0);

  // --- lowering by family ---
  bool lowers_natively(size_t i) const;
  void lower_state(size_t i);  // lower_state.cpp: GetReg, deferred SetReg write-backs
  void write_back(const DirtyEntry& e);
  void lower_binary(size_t i);  // lower_alu.cpp
  void lower_shift(size_t i);
  void lower_unary(size_t i);
  void lower_compare(size_t i);
  void lower_flags(size_t i);
  void lower_select(size_t i);
  void lower_convert(size_t i);
  void lower_vector(size_t i);  // lower_vector.cpp
  void lower_float(size_t i);   // lower_float.cpp: FAdd ... FMulAdd
  void lower_float_compare(size_t i);
  void lower_fp_flags(size_t i);                      // lower_float.cpp: FpFlagsClear, FpInexact
  void to_fp(uint32_t vec, ir::ValueId v, bool f64);  // s<vec> or d<vec> = v
  void lower_memory(size_t i);  // lower_memory.cpp: loads, stores, atomics, fences
  void lower_atomic(size_t i);
  void lower_lse_atomic(size_t i, const a64::GpX& dst, const a64::Mem& mem);
  void call_atomic(size_t i);  // the interpreter's atomic for instruction i, into kScratch1
  void record_fault_site(const ir::Inst& access);
  void lower_pure_call(size_t i);  // lower_pure_call.cpp
  void lower_call(size_t i);       // lower_exit.cpp: helper calls and terminators
  // The walk, self-loops, side exits and terminators: common::BlockLowering and
  // common::BlockExitLowering over these primitives.
  friend class common::BlockLowering<Emitter, asmjit::Label>;
  friend class common::BlockExitLowering<Emitter>;
  void begin_block();
  void after_loop_plan() {}
  const common::Liveness& liveness() const { return live_; }
  std::span<ir::ValueId> reg_owners() { return reg_owner_; }
  void set_guest_pc(uint64_t pc) { guest_pc_ = pc; }
  void lower_at(size_t i);
  bool out_of_slots() const { return out_of_slots_; }
  asmjit::Label new_label() { return as_.newLabel(); }
  void bind(const asmjit::Label& l) { as_.bind(l); }
  void jump(const asmjit::Label& l) { as_.b(l); }
  template <typename Body>
  void emit_cold(const asmjit::Label& l, Body&& body) {
    cold_.emit(l, body);
  }
  void branch_if(ir::ValueId cond, bool nonzero, const asmjit::Label& target);
  void branch_if_exit_requested(const asmjit::Label& l);  // lower_loop.cpp
  void load_promoted(const common::PromotedSlot& p);
  void store_promoted(const common::PromotedSlot& p);
  void move_to_reg(uint8_t reg, const Loc& src);
  uint8_t loop_scratch() const { return kScratch0.id(); }
  void write_back_dirty();
  const ir::Block& block() const { return block_; }
  std::vector<DirtyEntry>& dirty() { return dirty_; }
  std::vector<Loc>& locs() { return loc_; }
  void emit_direct_exit(uint64_t target_pc);
  void emit_exit_to_dispatcher(uint64_t pc, uint32_t exit);
  void emit_stubs();
  void store_pc(uint64_t pc);
  void emit_indirect_exit(ir::ValueId target);
  void count(int32_t counter_offset);  // ++ a JitCounters field when counting (uses x15, x17)
  void call_host(const void* fn);      // fn(state, x1, x2, x3): the caller loaded x1..x3
  // Calls fn(x0, arg0, arg1, arg2) with instruction i's operands, x0 the state or `first`; the
  // result lands in kScratch1.
  void call_for(size_t i, const void* fn, bool first_is_state, uint64_t first);
  // The same with the state first, defining value i as the result.
  void call_with_args(size_t i, const void* fn);
  // Around a host call: keep the live values of caller-saved registers.
  std::vector<uint8_t> save_live_caller_saved();
  void restore_caller_saved(const std::vector<uint8_t>& saved);

  const ir::Block& block_;
  const CompileConfig& config_;
  a64::Assembler& as_;
  asmjit_common::ColdSection cold_{as_};  // side exits' paths
  std::vector<Loc> loc_;
  common::Liveness live_;
  std::array<ir::ValueId, 32> reg_owner_;
  std::array<bool, kSpillSlots> slot_used_{};
  std::vector<DirtyEntry> dirty_;
  uint64_t guest_pc_ = 0;  // guest pc of the instruction being lowered
  size_t pos_ = 0;
  bool out_of_slots_ = false;
  // Direct exits: a patchable B at `site` to an out-of-line stub that returns to the
  // dispatcher with the target pc.
  struct Stub {
    asmjit::Label stub, site;
    uint64_t target;
  };
  std::vector<Stub> stubs_;
};

// Whether lower_vector handles this v128 op (op, lane width) natively.
bool vector_lowered(const ir::Inst& inst);

}  // namespace xisa::backend::aarch64
