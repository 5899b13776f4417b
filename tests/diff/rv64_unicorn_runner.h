// Runs a generated RV64GC sequence in Unicorn (the independent oracle), on the same host pages
// as xisa (uc_mem_map_ptr at the same addresses), one instruction at a time so a trap names
// the exact instruction.
//
// Unicorn 2.0.1 is built on QEMU 5.0, whose RISC-V F/D predates four rules of the current
// F chapter. The runner corrects exactly these, per instruction (UnicornShim in
// rv64_fuzz_gen.h), rather than skipping the instructions involved:
//  1. Single-precision results are not NaN-boxed (fadd.s writes 0x00000000_40000000, not
//     0xffffffff_40000000): the runner sets the upper 32 bits of such results.
//  2. Single-precision inputs that are not properly NaN-boxed are used as their low 32 bits
//     instead of as the canonical NaN: the runner substitutes the canonical NaN for the
//     duration of the instruction.
//  3. fmin/fmax follow IEEE 754-2008 minNum (an sNaN input gives the canonical NaN) instead of
//     754-2019 minimumNumber (F v2.2: the other operand, with NV raised): the runner returns
//     the non-NaN operand when exactly one input is a NaN.
//  4. fmadd/fmsub/fnmsub/fnmadd of infinity times zero plus a quiet NaN do not raise NV,
//     which the F chapter requires ("even when the addend is a quiet NaN"; qemu-riscv64 7.2
//     raises it): the runner raises it.
// And one integer bug, apparently in QEMU 5.0's non-atomic TCG path for atomics (the one
// Unicorn's single-threaded mode takes), since qemu-riscv64 7.2 gets the same cases right:
//  5. amomin.w/amomax.w/amominu.w/amomaxu.w pick wrongly whenever the sign bits of the memory
//     word and of rs2's low word differ (the compare mixes a zero-extended and a sign-extended
//     operand). The runner performs these four itself, per the A chapter.
// And one crash: raising illegal instruction for an invalid rounding mode (rm 5/6, or rm 7 with
// frm 5..7) from helper_set_rounding_mode segfaults inside Unicorn's cpu_restore_state about
// once in 250,000 runs; the runner applies that rule of the F chapter itself, before Unicorn.
// Rv64UnicornShim tests in rv64_unicorn_shim_test.cpp pin each of these down.
#pragma once

#include <unicorn/unicorn.h>

#include <cstdint>
#include <vector>

#include "rv64_fuzz_gen.h"

namespace xisa::riscv64::fuzz {

struct RunOutcome {
  bool trapped = false;
  uint64_t trap_pc = 0;  // the instruction that trapped
  uc_err error = UC_ERR_OK;
  std::vector<uint64_t> executed;  // pcs of the instructions that completed, in order
};

class UnicornRunner {
 public:
  // Maps code_addr and data_addr (one page each, page aligned) onto the host memory there.
  UnicornRunner(uint64_t code_addr, uint64_t data_addr);
  ~UnicornRunner();
  UnicornRunner(const UnicornRunner&) = delete;
  UnicornRunner& operator=(const UnicornRunner&) = delete;

  // The code (already written at code_addr, code_len bytes, instructions seq[0..n)) runs from
  // state s; s receives the final registers. The data page is host memory and changes in place.
  RunOutcome run(const std::vector<GenInsn>& seq, size_t n, size_t code_len, FuzzState& s);

 private:
  void write_state(const FuzzState& s);
  void read_state(FuzzState& s);
  uint64_t reg(int id);
  void set_reg(int id, uint64_t v);
  // Executes one instruction at pc with the F/D corrections; false when it trapped.
  bool step(const GenInsn& insn, uint64_t pc, uint64_t end, uc_err* error);
  // Correction 5: one 32-bit AMO min/max, done here and not in Unicorn.
  void amo_word(const GenInsn& insn, uint64_t pc);

  uc_engine* uc_ = nullptr;
  uc_context* initial_ = nullptr;
  uint64_t code_addr_;
};

}  // namespace xisa::riscv64::fuzz
