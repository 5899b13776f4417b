// Host-speed IEEE arithmetic for guest FP instructions, guarded so that the guest sees exactly
// what its exact (helper) path would give.
//
// A guest FP instruction is lifted to the IR's FAdd ... FMulAdd (round to nearest even, unspecified
// NaNs) only behind a guard that holds when
//  1. the guest's FP environment rounds to nearest even, flushes nothing and traps nothing
//     (`env_ok`, which each guest computes from its own control register);
//  2. no result is NaN (so neither invalid operations nor NaN propagation rules matter) or
//     infinite (no overflow or division by zero), and none underflows under either tininess
//     rule: a product, quotient or fused result has a biased exponent of at least 2 unless it
//     is the exact zero of a zero factor or dividend; sums, differences and square roots are
//     exact whenever they are tiny or zero, so only their NaN/infinity test remains;
//  3. for guests with a denormal-operand flag (x86 DE), no operand is subnormal.
// Where the host's IEEE ops raise what the guest's would (host_fp::kLazyExceptions: x86-64
// hosts), apply() and apply_vector() test only what they do differently (see apply()) and
// leave every flag, inexact included, in the host's sticky flags, from where they are accrued
// into the guest's flags later (common/host_fp_env.h, ADR 0012): 2 and 3 become NaN tests, and
// the guest's inexact flag plays no part.
// Elsewhere the only flag the instruction raises itself is inexact. The guard also requires the
// guest's sticky inexact flag to be raised already, so nothing is left to raise. Code whose
// results all stay exact would then leave for the slow path forever: at instructions the
// dispatcher marks for it (`track_inexact`), the path instead clears the host's flags
// (FpFlagsClear) before the ops and after the guard ORs the host's inexact (FpInexact), which the
// host raises exactly when the guest would, into the guest's flag. Both are skipped at run time
// once the guest's flag is set.
// When the guard fails the block leaves through TrapIf(SlowPathRetry) at the instruction, before
// the instruction has changed anything, and the dispatcher runs it again on its slow path
// (guest/slow_path_retry.h).
#pragma once

#include <cstdint>
#include <initializer_list>

#include "guest/fp_status_layout.h"
#include "ir/builder.h"

namespace xisa::frontend {

// What a guest's FP rules add to IEEE 754's defaults, for the guard.
struct GuestFpRules {
  bool denormal_operand_flag;     // x86's DE
  bool tininess_before_rounding;  // AArch64 (x86 and RISC-V detect it after rounding)
  bool sse_nans;                  // NaN results as SSE makes them (x86's default NaN, propagation)
  // inf * 0 + qNaN raises invalid (AArch64, RISC-V; not x86's FMA3), as a host without FMA3
  // (whose fused multiply-add is software) may do
  bool fma_invalid_with_quiet_nan_addend;
};
inline constexpr GuestFpRules kX86FpRules{true, false, true, false};
inline constexpr GuestFpRules kAarch64FpRules{false, true, false, true};
inline constexpr GuestFpRules kRiscv64FpRules{false, false, false, true};

// Where a guest keeps its sticky inexact flag: bit `bit` of the i32 at `offset` in its state.
struct InexactFlag {
  uint32_t offset;
  unsigned bit;
};

class FpFastPath {
 public:
  // env_ok: i8, 1 when condition 1 holds. pc: the guest instruction being lifted. inexact: the
  // guest's flag, for paths that apply() arithmetic (compare-only paths raise nothing and pass
  // none); track_inexact: raise it from the host's rather than require it.
  FpFastPath(ir::Builder& b, ir::Value env_ok, uint64_t pc, GuestFpRules rules,
             const InexactFlag* inexact = nullptr, bool track_inexact = false);

  // op (FAdd, FSub, FMul, FDiv, FSqrt, FMulAdd) on f32/f64 args; the result joins the guard.
  ir::Value apply(ir::Opcode op, std::initializer_list<ir::Value> args);
  // The same lane-wise on v128 values (VFAdd, VFSub, VFMul, VFMulAdd; lane 32 or 64), every
  // lane under the guard: the caller keeps lanes it must not check (a tail) out of the args.
  ir::Value apply_vector(ir::Opcode op, unsigned lane, std::initializer_list<ir::Value> args);
  // VFWidenLo (the two low f32 lanes of v as f64: exact) under the guard: no NaN lane (invalid
  // for a signalling one; each guest shapes NaNs its own way) and, with the denormal check, none
  // from a subnormal single. Only the first `lanes` (1 or 2) result lanes are checked.
  ir::Value widen_single(ir::Value v, unsigned lanes);
  // a op b (FCmpEq, FCmpLt, FCmpLe) for a compare instruction: the guard requires ordered
  // operands (no NaN, so no invalid flag and no unordered result) and, with the denormal check,
  // no subnormal one. A compare raises nothing else, so env_ok may be just the no-flush test.
  ir::Value compare(ir::Opcode op, ir::Value a, ir::Value b);
  // Adds a guest-specific condition (i8, 1 = fine), e.g. a NaN box being valid.
  void require(ir::Value ok) { fail_if(b_.xor_(ok, b_.imm8(1))); }
  // Raises the guest's inexact flag from the host's where it is tracked. Call it after the last
  // apply() and before any other guest state write.
  void guard();

 private:
  // Each condition leaves at once, through its own side exit: no host op runs after a failed
  // one, and a backend fuses the compare with the branch right after it (an OR of them all
  // would be materialised first).
  void fail_if(ir::Value cond) { b_.trap_if(cond, ir::TrapKind::SlowPathRetry, pc_); }
  void check_denormal(ir::Value operand);
  ir::Value apply_tested(ir::Opcode op, std::initializer_list<ir::Value> args);
  ir::Value is_nan(ir::Value x);         // i8
  ir::Value is_nan_result(ir::Value r);  // i8, for an op's result (never a signalling NaN)

  ir::Builder& b_;
  uint64_t pc_;
  GuestFpRules rules_;
  bool lazy_;                   // exceptions left in the host's flags (host_fp::kLazyExceptions)
  const InexactFlag* inexact_;  // set when tracking the guest's inexact flag
  ir::Value inexact_clear_{};   // i8: the guest's flag was clear before the instruction
};

// For an instruction that reads or writes the guest's FP exception flags (`flags`): first
// accrues those the host holds for the guest into them (common/host_fp_env.h), with a helper
// call. Emits nothing where exceptions are not accrued lazily. The host's flags stay set when
// the guest's flags keep all they stand for after the instruction: accruing them again then
// changes nothing. Else they are cleared (LDMXCSR, which stalls). `kept` (i64): the guest's
// flag bits that stay set if set before; a read keeps all, a write of unknown value none.
enum class FpFlagsAccess { Read, Write };
void accrue_pending_fp_exceptions(ir::Builder& b, const FpStatusLayout& flags,
                                  FpFlagsAccess access = FpFlagsAccess::Write);
void accrue_pending_fp_exceptions(ir::Builder& b, const FpStatusLayout& flags, ir::Value kept);

// f32/f64 value <-> integer bits of the same width.
ir::Value fp_bits(ir::Builder& b, ir::Value f);
ir::Value fp_value(ir::Builder& b, ir::Type float_type, ir::Value bits);

}  // namespace xisa::frontend
