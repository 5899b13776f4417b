// The state one RV64 instruction is lifted with, and the lift_<mnemonic> handlers of
// rv64_table.inc and rv64_ext_table.inc. Handlers return false for a reserved encoding (the guest
// gets SIGILL).
#pragma once

#include <cstdint>
#include <optional>

#include "guest/riscv64/riscv64_state.h"
#include "ir/builder.h"

namespace xisa::riscv64 {

struct Lifter {
  ir::Builder& b;
  uint64_t pc = 0;             // address of the instruction being lifted
  unsigned length = 4;         // 2 for a compressed instruction
  bool slow_path = false;      // FP on the exact (helper) path only: no guarded fast path
  bool track_inexact = false;  // FP fast paths run with the inexact flag clear (FpFastPath)
  // V: the vtype a vsetvli/vsetivli earlier in this block set, its vl as a value, and that
  // vstart is 0 since (vector/vector_ir.h); invalid where none did or something changed them.
  struct KnownVectorConfig {
    bool valid = false;
    uint64_t vtype = 0;
    ir::Value vl;
    bool vl_known = false;  // vl is a constant (vsetivli, or AVL = VLMAX): vl_value
    uint64_t vl_value = 0;
  } vector;
  // The vtype when the block was translated, if legal: the IR path may assume it behind a
  // guard at the block's first vector instruction (vector/vector_ir.h). Cleared once used or
  // once an instruction may have changed it.
  std::optional<uint64_t> vtype_hint;
  // Lazily kept FP exceptions (FpFastPath): valid once an fflags or fcsr access in this block
  // accrued the host's pending flags into the state, until an instruction that may raise host
  // flags. While valid, an access that keeps every flag set does not accrue again: a read, a
  // set, or a write of one of copy_regs (a mask of x registers), which hold flags read since.
  struct AccruedFpFlags {
    bool valid = false;
    uint32_t copy_regs = 0;
  } accrued_fp_flags;

  uint64_t next_pc() const { return pc + length; }

  ir::Value x(unsigned r) { return r == 0 ? b.imm64(0) : b.get_reg(ir::Type::I64, x_offset(r)); }
  void set_x(unsigned r, ir::Value v) {
    if (r != 0) b.set_reg(x_offset(r), v);
  }
  // Raw 64-bit FP register contents (NaN-boxing is the FP handlers' business).
  ir::Value f(unsigned r) { return b.get_reg(ir::Type::I64, f_offset(r)); }
  void set_f(unsigned r, ir::Value v) { b.set_reg(f_offset(r), v); }
};

using LiftFn = bool (*)(Lifter&, uint32_t insn);

// Before lifting insn: forgets l.accrued_fp_flags unless insn raises no host FP flags, and the
// copy in the register insn may write. CSR instructions update it themselves.
void track_accrued_fp_flags(Lifter& l, uint32_t insn);

#define INST(name, pattern) bool lift_##name(Lifter& l, uint32_t insn);
#include "frontend/riscv64/rv64_ext_table.inc"
#include "frontend/riscv64/rv64_table.inc"
#undef INST

// The handler for a 32-bit instruction word, or nullptr when it is not one xisa implements; name
// set too.
LiftFn decode_rv64(uint32_t insn, const char** name = nullptr);
// Expands a 16-bit RVC instruction to its 32-bit equivalent; 0 when it is reserved or illegal.
uint32_t expand_rvc(uint16_t insn);

}  // namespace xisa::riscv64
