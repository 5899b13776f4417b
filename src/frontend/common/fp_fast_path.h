// Host-speed IEEE arithmetic for guest FP instructions, guarded so that the guest sees exactly
// what its exact (helper) path would give.
//
// A guest FP instruction is lifted to the IR's FAdd ... FMulAdd (round to nearest even, no flags,
// unspecified NaNs) only behind a guard that holds when
//  1. the guest's FP environment rounds to nearest even, flushes nothing, traps nothing and has
//     the inexact flag raised already (`env_ok`, which each guest computes from its own control
//     and status registers): then the only flag a normal result can raise is already set;
//  2. every result is a normal number with a biased exponent of at least 2: not NaN (so neither
//     invalid operations nor NaN propagation rules matter), not infinite (no overflow or
//     division by zero), not zero and not tiny before or after rounding (no underflow under
//     either tininess rule);
//  3. for guests with a denormal-operand flag (x86 DE), no operand is subnormal.
// When the guard fails the block leaves through TrapIf(SlowPathRetry) at the instruction, before
// the instruction has changed anything, and the dispatcher runs it again on its slow path
// (guest/slow_path_retry.h).
#pragma once

#include <cstdint>
#include <initializer_list>

#include "ir/builder.h"

namespace xisa::frontend {

class FpFastPath {
 public:
  // env_ok: i8, 1 when condition 1 holds. pc: the guest instruction being lifted.
  FpFastPath(ir::Builder& b, ir::Value env_ok, uint64_t pc, bool check_denormal_operands)
      : b_(b), bad_(b.xor_(env_ok, b.imm8(1))), pc_(pc), denormals_(check_denormal_operands) {}

  // op (FAdd, FSub, FMul, FDiv, FSqrt, FMulAdd) on f32/f64 args; the result joins the guard.
  ir::Value apply(ir::Opcode op, std::initializer_list<ir::Value> args);
  // a op b (FCmpEq, FCmpLt, FCmpLe) for a compare instruction: the guard requires ordered
  // operands (no NaN, so no invalid flag and no unordered result) and, with the denormal check,
  // no subnormal one. A compare raises nothing else, so env_ok may be just the no-flush test.
  ir::Value compare(ir::Opcode op, ir::Value a, ir::Value b);
  // Adds a guest-specific condition (i8, 1 = fine), e.g. a NaN box being valid.
  void require(ir::Value ok) { fail_if(b_.xor_(ok, b_.imm8(1))); }
  // Emits the side exit. Call it after the last apply() and before any guest state write.
  void guard() { b_.trap_if(bad_, ir::TrapKind::SlowPathRetry, pc_); }

 private:
  void fail_if(ir::Value cond) { bad_ = b_.or_(bad_, cond); }
  void check_denormal(ir::Value operand);

  ir::Builder& b_;
  ir::Value bad_;
  uint64_t pc_;
  bool denormals_;
};

// f32/f64 value <-> integer bits of the same width.
ir::Value fp_bits(ir::Builder& b, ir::Value f);
ir::Value fp_value(ir::Builder& b, ir::Type float_type, ir::Value bits);

}  // namespace xisa::frontend
