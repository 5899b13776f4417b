// The walk every JIT emitter makes over one IR block, the dispatch of each instruction by op
// family, and the emission of self-loops (self_loop.h): the shape is shared here, the
// instructions are each host's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "backend/backend.h"
#include "backend/common/linear_scan.h"
#include "backend/common/op_family.h"
#include "backend/common/self_loop.h"
#include "ir/block.h"

namespace xisa::backend::common {

// Host is the emitter (CRTP, with this class as a friend). It provides:
//   lowering:  bool lowers_natively(size_t i) const;  (else the pure-call path)
//              void lower_pure_call(size_t);  and one lowering per op family (lower() below)
//   the walk:  void begin_block();  (liveness, an empty register file)
//              const Liveness& liveness() const;  std::span<ir::ValueId> reg_owners();
//              void set_guest_pc(uint64_t);  void lower_at(size_t i);  (one instruction)
//              void emit_stubs();  bool out_of_slots() const;
//   code:      Label new_label();  void bind(Label);  void jump(Label);
//              void branch_if_exit_requested(Label);
//              void emit_direct_exit(uint64_t pc);  void emit_exit_to_dispatcher(pc, exit);
//   registers: void load_promoted(const PromotedSlot&);  void store_promoted(const PromotedSlot&);
//              void move_to_reg(uint8_t reg, const Loc& src);  void write_back(const DirtyEntry&);
//              uint8_t loop_scratch() const;  (no value lives there: the back edge's cycles)
//   optional:  const VectorClass* vector_class();  void move_to_vec(uint8_t reg, const Loc&);
//              (promoted slots in vector registers: load_promoted and store_promoted see them)
//              ir::ValueId bits_of(ir::ValueId);  (where a value folded into its users is)
//   state:     const ir::Block& block() const;  std::vector<DirtyEntry>& dirty();  (the
//              deferred guest-register writes)  std::vector<Loc>& locs().
template <class Host, class Label>
class BlockLowering {
 protected:
  SelfLoopPlan loop_;

  // Lowers the whole block; returns "" or why the block cannot be compiled. `promotable`: the
  // host registers a self-loop may keep guest registers in.
  std::string emit_block(std::span<const uint8_t> promotable) {
    Host& h = host();
    const ir::Block& block = h.block();
    h.begin_block();
    if constexpr (requires { h.vector_class(); })
      loop_.plan(block, h.liveness(), promotable, h.reg_owners(), h.vector_class());
    else
      loop_.plan(block, h.liveness(), promotable, h.reg_owners());
    h.after_loop_plan();
    // A request from another thread brings this thread back to the dispatcher within one
    // block: every block checks it on entry, including blocks entered through a chained exit
    // (and a self-loop at its head).
    const Label exit_requested = h.new_label();
    h.branch_if_exit_requested(exit_requested);
    emit_loop_prologue();
    for (size_t i = 0; i < block.insts.size(); ++i) {
      if (block.insts[i].op == ir::Opcode::GuestInsn)
        h.set_guest_pc(block.insts[i].imm);
      else
        h.lower_at(i);
    }
    h.bind(exit_requested);
    h.emit_exit_to_dispatcher(block.guest_pc, pack_exit(kExitJump));
    emit_loop_exit_request();
    h.emit_stubs();
    return h.out_of_slots() ? "out of spill slots" : "";
  }

  // Lowers instruction i through the host's lowering of its op family (op_family.h); an op the
  // host has no native lowering for goes through the pure-call path.
  void lower(size_t i) {
    Host& h = host();
    const ir::Inst& inst = h.block().insts[i];
    if (!h.lowers_natively(i)) {
      h.lower_pure_call(i);
      return;
    }
    switch (op_family(inst.op)) {
      case OpFamily::Constant: {  // an immediate: folded into the instructions that use it
        const unsigned bits = ir::type_bits(inst.type);
        const uint64_t lo = bits < 64 ? inst.imm & ((uint64_t{1} << bits) - 1) : inst.imm;
        const bool wide = inst.type == ir::Type::I128 || inst.type == ir::Type::V128;
        h.locs()[i] = Loc{Loc::Imm, 0, 0, lo, wide ? inst.aux : 0};
        return;
      }
      case OpFamily::State:
        return h.lower_state(i);
      case OpFamily::Marker:
        return;
      case OpFamily::Binary:
        return h.lower_binary(i);
      case OpFamily::Shift:
        return h.lower_shift(i);
      case OpFamily::Unary:
        return h.lower_unary(i);
      case OpFamily::Compare:
        return h.lower_compare(i);
      case OpFamily::Flags:
        return h.lower_flags(i);
      case OpFamily::Select:
        return h.lower_select(i);
      case OpFamily::Convert:
        return h.lower_convert(i);
      case OpFamily::Memory:
        return h.lower_memory(i);
      case OpFamily::Atomic:
        return h.lower_atomic(i);
      case OpFamily::Call:
        return h.lower_call(i);
      case OpFamily::SideExit:
        return h.lower_trap_if(i);
      case OpFamily::FpFlags:
        return h.lower_fp_flags(i);
      case OpFamily::Float:
        return h.lower_float(i);
      case OpFamily::FloatCompare:
        return h.lower_float_compare(i);
      case OpFamily::Vector:
        return h.lower_vector(i);
      case OpFamily::Terminator:
        return h.lower_terminator(i);
    }
  }

  // Updates the deferred writes for instruction i (common::step_dirty), writing back those it
  // forces out. At the terminator a self-loop's promoted slots keep theirs as final values:
  // they leave at the loop's exits, not before the branch.
  void step_dirty_and_write_back(size_t i) {
    Host& h = host();
    const bool terminator = ir::has_flag(h.block().insts[i].op, ir::kTerminator);
    step_dirty(h.block(), h.dirty(), i, [&](const DirtyEntry& e, bool write) {
      if (terminator) {
        DirtyEntry final_value = e;  // the value whose location holds the bits
        if constexpr (requires { h.bits_of(e.value); }) final_value.value = h.bits_of(e.value);
        if (loop_.take_final(final_value)) return;
      }
      if (write) h.write_back(e);
    });
  }

  // A direct exit of the terminator: in a self-loop, back to the head, or out with the final
  // values of the promoted registers in the state.
  void emit_block_exit(uint64_t target) {
    Host& h = host();
    if (!loop_.active()) {
      h.emit_direct_exit(target);
      return;
    }
    if (target == h.block().guest_pc) {
      emit_back_edge_moves();
      h.jump(loop_head_);
      return;
    }
    for (const PromotedSlot& p : loop_.slots()) {
      if (p.final_value != ir::kNoValue)
        h.write_back(DirtyEntry{p.offset, p.type, p.final_value});
      else if (p.written)  // not written in this iteration: its register has the value
        h.store_promoted(p);
    }
    h.emit_direct_exit(target);
  }

  // A self-loop's conditional back edge where the host's branch on a condition it has already
  // computed survives the moves (x86-64: flags, which MOV leaves alone): the moves, the branch
  // to the head (`branch_to(label)`), then the way out, with every promoted register holding
  // its final value. One taken branch per iteration, not a branch out and a jump back.
  template <class BranchTo>
  void emit_conditional_back_edge(uint64_t leave_target, BranchTo&& branch_to) {
    Host& h = host();
    emit_back_edge_moves();
    branch_to(loop_head_);
    for (const PromotedSlot& p : loop_.slots())
      if (p.written) h.store_promoted(p);
    h.emit_direct_exit(leave_target);
  }

  // A side exit's path: the promoted registers the iteration has not overwritten yet (the
  // deferred writes of the others go to the state on that path too).
  void store_promoted_registers() {
    for (const PromotedSlot* p : loop_.unsaved(host().dirty(), false)) host().store_promoted(*p);
  }

 private:
  Host& host() { return static_cast<Host&>(*this); }

  // After the block's exit-request check: the promoted registers' first values, then the head,
  // which checks for an exit request in every iteration.
  void emit_loop_prologue() {
    if (!loop_.active()) return;
    Host& h = host();
    for (const PromotedSlot& p : loop_.slots()) h.load_promoted(p);
    loop_head_ = h.new_label();
    loop_exit_requested_ = h.new_label();
    h.bind(loop_head_);
    h.branch_if_exit_requested(loop_exit_requested_);
  }

  // Each slot's final value into its promoted register.
  void emit_back_edge_moves() {
    Host& h = host();
    for (const RegMove& m : loop_.back_edge_moves(h.locs(), h.loop_scratch())) {
      if constexpr (requires { h.move_to_vec(m.dst, m.src); }) {
        if (m.vector) {
          h.move_to_vec(m.dst, m.src);
          continue;
        }
      }
      h.move_to_reg(m.dst, m.src);
    }
  }

  // Where the head's exit request leaves: the promoted registers hold the iteration's first
  // values; everything else was written before the back edge.
  void emit_loop_exit_request() {
    if (!loop_.active()) return;
    Host& h = host();
    h.bind(loop_exit_requested_);
    for (const PromotedSlot* p : loop_.unsaved(h.dirty(), true)) h.store_promoted(*p);
    h.emit_exit_to_dispatcher(h.block().guest_pc, pack_exit(kExitJump));
  }

  Label loop_head_, loop_exit_requested_;
};

}  // namespace xisa::backend::common
