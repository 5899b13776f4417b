// The side exits (ExitIf, TrapIf) and terminators that the AArch64 and RISC-V64 emitters lower
// alike: the shape is shared here, the branch on a condition and the exits themselves are each
// host's. (The x86-64 emitter's differ: it fuses compares into them.)
#pragma once

#include <cstddef>
#include <cstdint>

#include "backend/backend.h"
#include "ir/block.h"

namespace xisa::backend::common {

// Host is the emitter (CRTP). It provides, with this class as a friend:
//   Label new_label();  void bind(Label);  void branch_if(ir::ValueId cond, bool nonzero, Label);
//   void write_back_dirty();  void emit_direct_exit(uint64_t pc);
//   void emit_block_exit(uint64_t pc);  (a terminator's direct exit: BlockLowering's)
//   void emit_exit_to_dispatcher(uint64_t pc, uint32_t exit);  void emit_indirect_exit(ValueId);
//   const ir::Block& block() const;  bool is_imm(ValueId) const;  const Loc& loc(ValueId) const;
template <class Host>
class BlockExitLowering {
 protected:
  // A side exit: when the condition holds, the deferred guest writes so far (and a self-loop's
  // promoted registers) go to the state on the exit path only (the fall-through keeps them
  // deferred) and the block leaves with a trap (TrapIf) or through a chainable direct exit
  // (ExitIf). A host with cold code (emit_cold(Label, body): body at Label, off the hot path)
  // puts the exit path there, so a check that passes falls through.
  void lower_trap_if(size_t i) {
    Host& h = host();
    const ir::Inst& inst = h.block().insts[i];
    const ir::ValueId cond = inst.args[0];
    const bool constant = h.is_imm(cond);
    if (constant && h.loc(cond).imm == 0) return;
    auto leave = [&] {
      h.write_back_dirty();
      if (inst.op == ir::Opcode::ExitIf)
        h.emit_direct_exit(inst.imm);
      else
        h.emit_exit_to_dispatcher(inst.imm, pack_exit(kExitTrap, static_cast<uint8_t>(inst.aux)));
    };
    if (constant) {
      leave();
      return;
    }
    using Label = decltype(h.new_label());
    if constexpr (has_cold_code()) {
      const Label exit = h.new_label();
      h.branch_if(cond, true, exit);
      h.emit_cold(exit, leave);
    } else {
      const Label stay = h.new_label();
      h.branch_if(cond, false, stay);
      leave();
      h.bind(stay);
    }
  }

  void lower_terminator(size_t i) {
    Host& h = host();
    const ir::Inst& inst = h.block().insts[i];
    switch (inst.op) {
      case ir::Opcode::Jump:
        h.emit_block_exit(inst.imm);
        return;
      case ir::Opcode::Branch: {
        const ir::ValueId cond = inst.args[0];
        if (h.is_imm(cond)) {
          h.emit_block_exit(h.loc(cond).imm ? inst.imm : inst.aux);
          return;
        }
        const uint64_t self = h.block().guest_pc;
        if constexpr (has_cold_code()) {
          if (inst.imm == self || inst.aux == self) {  // the back edge falls through
            const bool back_if_taken = inst.imm == self;
            const auto leave = h.new_label();
            h.branch_if(cond, !back_if_taken, leave);
            h.emit_block_exit(back_if_taken ? inst.imm : inst.aux);
            h.emit_cold(leave, [&] { h.emit_block_exit(back_if_taken ? inst.aux : inst.imm); });
            return;
          }
        }
        const auto taken = h.new_label();
        h.branch_if(cond, true, taken);
        h.emit_block_exit(inst.aux);
        h.bind(taken);
        h.emit_block_exit(inst.imm);
        return;
      }
      case ir::Opcode::JumpIndirect:
        h.emit_indirect_exit(inst.args[0]);
        return;
      case ir::Opcode::Syscall:
        h.emit_exit_to_dispatcher(inst.imm, pack_exit(kExitSyscall));
        return;
      default:  // Trap
        h.emit_exit_to_dispatcher(inst.imm, pack_exit(kExitTrap, static_cast<uint8_t>(inst.aux)));
        return;
    }
  }

 private:
  Host& host() { return static_cast<Host&>(*this); }
  static constexpr bool has_cold_code() {
    return requires(Host & h) {
      h.emit_cold(h.new_label(), [] {});
    };
  }
};

}  // namespace xisa::backend::common
