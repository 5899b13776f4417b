// Lowers one IR block to x86-64 with asmjit's Assembler. The block is a single basic block, so
// register allocation is a linear scan in program order: each SSA value gets a host register
// when defined and gives it back after its last use; under pressure the value whose last use
// is farthest is spilled to a frame slot. Constants stay immediates and fold into instructions.
// Guest register writes (SetReg) are deferred: the value stays in its host location and is
// stored to the state at the block's end, before a helper call, or before an overlapping read;
// at every faulting memory access the locations of those dirty registers go into a side table.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "backend/asmjit_common/cold_section.h"
#include "backend/asmjit_common/literal_pool.h"
#include "backend/backend.h"
#include "backend/common/block_lowering.h"
#include "backend/common/linear_scan.h"
#include "backend/common/pure_call.h"
#include "backend/x86_64/abi.h"
#include "ir/block.h"

namespace xisa::backend::x86_64 {

using common::DirtyEntry;
using common::kReservedReg;
using common::Loc;

class Emitter : private common::BlockLowering<Emitter, asmjit::Label> {
 public:
  Emitter(const ir::Block& block, const CompileConfig& config, x86::Assembler& as);

  // Why this block cannot be compiled by this backend, or "" when it can.
  std::string unsupported_reason() const;
  // Emits the block. Returns "" or why it gave up (e.g. out of spill slots).
  std::string emit();

  struct PendingChain {
    asmjit::Label site;  // the patchable jump (a label: it may be in the cold section)
    asmjit::Label stub;
    uint64_t target_pc;
    asmjit::Label guard = {};  // an inline cache's pc (ChainSite::guard_offset)
  };
  std::vector<FaultSite> fault_sites;
  std::vector<PendingChain> chains;
  bool flushes_code = false;

 private:
  // --- liveness and the register file (regalloc.cpp) ---
  void analyze();
  x86::Gp alloc_reg(ir::ValueId owner);
  void evict(uint8_t reg);
  bool spill_to_home(uint8_t reg);
  uint8_t alloc_slot();
  void release_dead(size_t i);
  // Defines value i in a register (reusing operand 0's register when it dies here and reuse is
  // safe for the lowering) and returns it sized to `bits` (32 or 64).
  x86::Gp def_reg(size_t i, bool reuse_arg0, unsigned bits);
  uint8_t coalesce_into(size_t i, unsigned depth = 0) const;
  // Defines a 128-bit value i in a vector register, spilling the one used last when none is free.
  x86::Xmm def_vec(size_t i);
  // The same, in the register of operand `first` when that value dies here and no other operand
  // is the same value: an op that reads `first` before anything else then works in place.
  x86::Xmm def_vec_over(size_t i, unsigned first);
  void evict_vec(uint8_t reg);
  // Before a host call (every xmm register is caller-saved): vector-register values to slots.
  void spill_vector_registers();

  // --- operands ---
  const ir::Inst& arg_inst(size_t i, unsigned a) const {
    return block_.insts[block_.insts[i].args[a]];
  }
  ir::ValueId arg(size_t i, unsigned a) const { return block_.insts[i].args[a]; }
  // Where v is: a folded Trunc to 32 bits is its operand's register (its users read 32 bits).
  ir::ValueId held(ir::ValueId v) const {
    while (folded_[v] && block_.insts[v].op == ir::Opcode::Trunc) v = block_.insts[v].args[0];
    return v;
  }
  const Loc& loc(ir::ValueId v) const { return loc_[held(v)]; }
  bool is_imm(ir::ValueId v) const { return loc_[held(v)].kind == Loc::Imm; }
  // The value in a register: its own, or loaded into `scratch`.
  x86::Gp in_reg(ir::ValueId v, const x86::Gp& scratch, unsigned bits);
  // Register or memory operand (for the source side of two-operand instructions); an
  // immediate is loaded into rax.
  asmjit::Operand reg_or_mem(ir::ValueId v, unsigned bits);
  // Register, memory, or an immediate that fits a sign-extended imm32 for a `bits`-wide op.
  asmjit::Operand reg_mem_or_imm(ir::ValueId v, unsigned bits, const x86::Gp& scratch);
  x86::Mem slot_mem(uint8_t slot, unsigned bytes) const;
  x86::Mem state_mem(uint64_t offset, unsigned bytes) const;
  void mov_to(const x86::Gp& dst, ir::ValueId v);  // dst (64-bit) = v
  void zero_extend(const x86::Gp& r, ir::Type t);  // clear bits above t's width
  // The same after a 32-bit operation, which already cleared bits 32..63.
  void clear_above_32bit_op(const x86::Gp& r, ir::Type t) {
    if (ir::type_bits(t) < 32) zero_extend(r, t);
  }
  // Copies a 128-bit value into x.
  void load128(ir::ValueId v, const x86::Xmm& x = x86::xmm0);
  // A 128-bit value as an SSE source operand: its register or slot, a constant in the literal
  // pool, or (zero, all ones) built in `scratch`.
  asmjit::Operand vec_operand(ir::ValueId v, const x86::Xmm& scratch);
  // A 128-bit value in a register: its own, or loaded into `scratch`.
  x86::Xmm vec_reg(ir::ValueId v, const x86::Xmm& scratch);
  // The 16 bytes of a 128-bit constant in the block's literal pool.
  x86::Mem literal(const Loc& l);

  // --- lowering by family ---
  bool lowers_natively(size_t i) const;
  bool keeps_xmm0(size_t i) const;
  void lower_state(size_t i);  // lower_state.cpp: GetReg, SetReg, write-backs
  void write_back(const DirtyEntry& e);
  // dst (64-bit) = the state's `bytes` at offset, zero-extended.
  void load_state(const x86::Gp& dst, uint64_t offset, unsigned bytes);
  void lower_binary(size_t i);  // lower_alu.cpp
  void lower_muldiv(size_t i);
  void lower_shift(size_t i);
  void lower_unary(size_t i);
  void lower_compare(size_t i);
  void lower_flags(size_t i);
  bool fuse_with_next_exit(size_t i, x86::CondCode cc);
  size_t sign_extension_of(size_t load) const;
  void lower_select(size_t i);
  void lower_convert(size_t i);
  void lower_vector(size_t i);     // lower_vector.cpp
  void lower_pure_call(size_t i);  // lower_pure_call.cpp: the interpreter's semantics, called
  void lower_float(size_t i);      // lower_float.cpp: FAdd ... FMulAdd, FAbs, FNeg
  void lower_float_compare(size_t i);
  void lower_fp_flags(size_t i);  // lower_float.cpp: FpFlagsClear, FpInexact
  void to_xmm(const x86::Xmm& x, ir::ValueId v, unsigned bits);  // low bits of x = v
  x86::Mem fp_literal(uint64_t value, unsigned bits);            // an f32/f64 constant in the pool
  // The xmm register holding FP value v: its own, or `scratch` loaded with it.
  x86::Xmm fp_reg(ir::ValueId v, const x86::Xmm& scratch, unsigned bits);
  void lower_float_in_xmm(size_t i);
  void lower_sign_op(size_t i);
  void define_from_xmm0(size_t i, bool f64);
  void lower_memory(size_t i);  // lower_memory.cpp: loads, stores, atomics, fences
  void lower_atomic(size_t i);
  // Whether a locked op comes right after (or before) the fence, with no memory access between.
  bool locked_op_next_to(size_t fence, bool after) const;
  void record_fault_site(const ir::Inst& access);
  // folded_values.cpp: the values folded into their users (folded_: addresses, bitcasts), and
  // the address operand of access i, built in `scratch` where it is not in registers.
  void find_folded_values();
  void fold_address(ir::ValueId add, const std::vector<uint32_t>& uses);
  bool stays_out_of_promoted_slots(size_t i) const;
  // The value whose location holds v's bits: v, or what a folded Bitcast reads through.
  ir::ValueId bits_of(ir::ValueId v) const {
    while (folded_[v] && block_.insts[v].op == ir::Opcode::Bitcast) v = block_.insts[v].args[0];
    return v;
  }
  x86::Mem access_address(size_t i, const x86::Gp& scratch, unsigned bytes);
  void lower_call(size_t i);  // lower_exit.cpp: helper calls and terminators
  void lower_terminator(size_t i);
  void lower_trap_if(size_t i);
  void emit_direct_exit(uint64_t target_pc, const asmjit::Label* entry = nullptr);
  void pad_for_patchable_jump();
  void emit_exit_to_dispatcher(uint64_t pc, uint32_t exit);
  void emit_stubs();
  void store_pc(uint64_t pc);
  void emit_indirect_exit(ir::ValueId target);
  // --- the walk and self-loops: common::BlockLowering over these primitives ---
  friend class common::BlockLowering<Emitter, asmjit::Label>;
  void begin_block() { analyze(); }
  size_t promotable_registers();
  size_t peak_live_values(bool in_vector_registers) const;
  void after_loop_plan();  // folded_values.cpp
  const common::Liveness& liveness() const { return live_; }
  std::span<ir::ValueId> reg_owners() { return reg_owner_; }
  void set_guest_pc(uint64_t pc) { guest_pc_ = pc; }
  void lower_at(size_t i);
  bool out_of_slots() const { return out_of_slots_; }
  asmjit::Label new_label() { return as_.newLabel(); }
  void bind(const asmjit::Label& l) { as_.bind(l); }
  void jump(const asmjit::Label& l) { as_.jmp(l); }
  void branch_if_exit_requested(const asmjit::Label& l);  // lower_loop.cpp
  void load_promoted(const common::PromotedSlot& p);
  void store_promoted(const common::PromotedSlot& p);
  void move_to_reg(uint8_t reg, const Loc& src);
  // Self-loop slots of FP bits and vectors in xmm registers (lower_loop.cpp).
  const common::VectorClass* vector_class();
  bool slot_fits_vector_register(uint64_t offset, ir::Type type) const;
  void move_to_vec(uint8_t reg, const Loc& src);
  const ir::Block& block() const { return block_; }
  std::vector<DirtyEntry>& dirty() { return dirty_; }
  std::vector<Loc>& locs() { return loc_; }
  uint8_t loop_scratch() const { return kScratch0.id(); }
  void call_host(const void* fn);
  // Calls fn(state, arg0, arg1, arg2) with instruction i's operands; its result defines i.
  void call_with_args(size_t i, const void* fn);
  // Around a host call: keep the live values of caller-saved registers.
  std::vector<uint8_t> save_live_caller_saved();
  void restore_caller_saved(const std::vector<uint8_t>& saved);

  const ir::Block& block_;
  const CompileConfig& config_;
  x86::Assembler& as_;
  asmjit_common::ColdSection cold_{as_};      // side exits' paths
  asmjit_common::LiteralPool literals_{as_};  // 128-bit constants
  std::vector<Loc> loc_;
  std::vector<uint8_t> folded_;     // per value: emitted as part of its users (folded_values.cpp)
  std::vector<uint8_t> fp_in_xmm_;  // per FP result: kept in a vector register
  std::vector<uint8_t> load_into_xmm_;  // per Load or GetReg: its bits go to a vector register
  common::Liveness live_;
  std::array<ir::ValueId, 16> reg_owner_;
  std::array<ir::ValueId, 16> vec_owner_;
  common::VectorClass vector_class_;
  std::array<bool, kSpillSlots> slot_used_{};
  std::vector<DirtyEntry> dirty_;
  uint64_t guest_pc_ = 0;  // guest pc of the instruction being lowered
  size_t pos_ = 0;
  bool out_of_slots_ = false;
  // Direct exits: a patchable jump at `site` to an out-of-line stub that returns to the
  // dispatcher with the target pc.
  struct Stub {
    asmjit::Label stub, site;
    uint64_t target;
  };
  std::vector<Stub> stubs_;
  // The value whose bits xmm0 holds (an FP result, an FP operand just loaded), or kNoValue:
  // the next FP op or compare on it need not move it there again.
  ir::ValueId xmm0_holds_ = ir::kNoValue;
  // A narrow load whose SExt to 64 bits, right after it, it did itself (MOVSX): the SExt is
  // then a move at most, none when a self-loop's promoted register took both.
  ir::ValueId sign_extended_load_ = ir::kNoValue;
  // Values of 32 bits whose every use reads only the low half of a register (reads_low_half).
  std::vector<uint8_t> low_half_only_;
  // A compare whose only use is the terminator right after it leaves its result in the flags.
  bool fused_compare_ = false;
  x86::CondCode fused_cc_ = x86::CondCode::kNE;
  // A full fence left to the locked op after it (locked_op_orders): the side exits before that
  // op emit it on their paths.
  bool fence_on_side_exits_ = false;
};

// Host features the lowering may use.
struct HostFeatures {
  bool lzcnt = false, bmi1 = false, popcnt = false, ssse3 = false, sse41 = false, sse42 = false,
       fma = false, avx = false;
  static const HostFeatures& get();
};

// Whether lower_vector handles this v128 op (op, lane width) on this host.
bool vector_lowered(const ir::Inst& inst);
using common::pure_call_lowerable;

}  // namespace xisa::backend::x86_64
