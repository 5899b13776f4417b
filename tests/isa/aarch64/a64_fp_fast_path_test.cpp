// The guarded FP fast path (frontend/common/fp_fast_path.h) on the A64 scalar instructions: what
// it keeps (zeros of a zero factor, fused cancellation; with inexact tracking, exact results with
// IXC still clear and inexact ones raising IXC) and what it must hand to the slow path (a tiny
// product, an exact result with IXC clear when not tracking). Values
// and flags are worked out from IEEE 754 by hand; slow_path_retries says which path ran.
#include <gtest/gtest.h>

#include "a64_harness.h"
#include "common/host_fp_env.h"

namespace xisa::aarch64::testing {
namespace {

constexpr uint32_t kUfc = 8, kIxc = 16;
constexpr uint32_t kFmul = 0x1e620820;   // fmul d0, d1, d2
constexpr uint32_t kFadd = 0x1e622820;   // fadd d0, d1, d2
constexpr uint32_t kFsub = 0x1e613820;   // fsub d0, d1, d1
constexpr uint32_t kFdiv = 0x1e621820;   // fdiv d0, d1, d2
constexpr uint32_t kFmadd = 0x1f420c20;  // fmadd d0, d1, d2, d3
constexpr uint64_t kOne = 0x3ff0000000000000, kThree = 0x4008000000000000;
constexpr uint64_t kOnePointFive = 0x3ff8000000000000, kTwo = 0x4000000000000000;
constexpr uint64_t kNegThree = 0xc008000000000000, kNegZero = 0x8000000000000000;

struct Outcome {
  uint64_t d0;
  uint32_t fpsr;
  unsigned retries;
};

// Runs one instruction; `track` marks it as the dispatcher does after retries pile up there
// (TranslateOptions::inexact_tracking_pcs).
Outcome run1(uint32_t word, uint64_t d1, uint64_t d2, uint64_t d3 = 0, uint32_t fpsr = 0,
             bool track = false) {
  A64Harness h;
  h.state.v[1].lo = d1;
  h.state.v[2].lo = d2;
  h.state.v[3].lo = d3;
  h.state.fpsr = fpsr;
  if (track) h.inexact_tracking_pcs.insert(h.code_addr());
  h.run({word});
  EXPECT_EQ(h.last_ir_error, "");
  return {h.state.v[0].lo, h.state.fpsr, h.slow_path_retries};
}

// Where the host keeps FP exceptions for the guest (ADR 0012), IXC is accrued from the host's
// inexact flag like the others: the fast path does not depend on it.
TEST(A64FpFastPath, WithIxcClearExactResultsTakeTheSlowPathUnlessTrackedOrLazy) {
  const Outcome plain = run1(kFmul, kOnePointFive, kTwo);
  EXPECT_EQ(plain.d0, kThree);
  EXPECT_EQ(plain.fpsr, 0u);
  EXPECT_EQ(plain.retries, host_fp::kLazyExceptions ? 0u : 1u);
  const Outcome inexact = run1(kFdiv, kOne, kThree);
  EXPECT_EQ(inexact.d0, 0x3fd5555555555555u);
  EXPECT_EQ(inexact.fpsr, kIxc);
  EXPECT_EQ(inexact.retries, host_fp::kLazyExceptions ? 0u : 1u);
  const Outcome mul = run1(kFmul, kOnePointFive, kTwo, 0, 0, true);
  EXPECT_EQ(mul.d0, kThree);
  EXPECT_EQ(mul.fpsr, 0u);
  EXPECT_EQ(mul.retries, 0u);
  const Outcome add = run1(kFadd, kOne, kTwo, 0, 0, true);
  EXPECT_EQ(add.d0, kThree);
  EXPECT_EQ(add.fpsr, 0u);
  EXPECT_EQ(add.retries, 0u);
}

TEST(A64FpFastPath, TrackedInexactResultRaisesIxcOnTheFastPath) {
  const Outcome third = run1(kFdiv, kOne, kThree, 0, 0, true);
  EXPECT_EQ(third.d0, 0x3fd5555555555555u);  // 1/3 rounded to nearest
  EXPECT_EQ(third.fpsr, kIxc);
  EXPECT_EQ(third.retries, 0u);
  // Other flags already raised stay; IXC joins them.
  EXPECT_EQ(run1(kFdiv, kOne, kThree, 0, kUfc, true).fpsr, kUfc | kIxc);
  // Once IXC is raised an untracked instruction runs fast and leaves FPSR as it is.
  const Outcome untracked = run1(kFdiv, kOne, kThree, 0, kIxc);
  EXPECT_EQ(untracked.d0, 0x3fd5555555555555u);
  EXPECT_EQ(untracked.fpsr, kIxc);
  EXPECT_EQ(untracked.retries, 0u);
}

TEST(A64FpFastPath, ZerosOfAZeroFactorOrOfCancellationAreExact) {
  for (const bool track : {false, true}) {
    const uint32_t fpsr = track ? 0 : kIxc;
    const Outcome zero_factor = run1(kFmul, kNegZero, kThree, 0, fpsr, track);
    EXPECT_EQ(zero_factor.d0, kNegZero);  // -0 * 3 = -0
    EXPECT_EQ(zero_factor.fpsr, fpsr);
    EXPECT_EQ(zero_factor.retries, 0u);
    const Outcome difference = run1(kFsub, kThree, 0, 0, fpsr, track);
    EXPECT_EQ(difference.d0, 0u);  // x - x = +0 when rounding to nearest
    EXPECT_EQ(difference.fpsr, fpsr);
    EXPECT_EQ(difference.retries, 0u);
    const Outcome fused = run1(kFmadd, kOnePointFive, kTwo, kNegThree, fpsr, track);
    EXPECT_EQ(fused.d0, 0u);  // 1.5 * 2 + -3 = +0
    EXPECT_EQ(fused.fpsr, fpsr);
    EXPECT_EQ(fused.retries, 0u);
  }
}

// A tiny product raises UFC. Where the host keeps FP exceptions for the guest
// (host_fp::kLazyExceptions) the fast path leaves it in the host's flags and it is accrued after
// the block; elsewhere the guard sends the instruction to the slow path.
TEST(A64FpFastPath, TinyProductRaisesUnderflow) {
  constexpr uint64_t kTwoToMinus600 = uint64_t{1023 - 600} << 52;
  const unsigned retries = host_fp::kLazyExceptions ? 0 : 1;
  const Outcome tiny = run1(kFmul, kTwoToMinus600, kTwoToMinus600, 0, 0, true);
  EXPECT_EQ(tiny.d0, 0u);  // 2^-1200 underflows to +0
  EXPECT_EQ(tiny.fpsr, kUfc | kIxc);
  EXPECT_EQ(tiny.retries, retries);
  // A tiny fused result is not a cancellation: 2^-600 * 2^-600 + 0 underflows too.
  const Outcome fused = run1(kFmadd, kTwoToMinus600, kTwoToMinus600, 0, 0, true);
  EXPECT_EQ(fused.d0, 0u);
  EXPECT_EQ(fused.fpsr, kUfc | kIxc);
  EXPECT_EQ(fused.retries, retries);
}

// (1 + 2^-52) 2^-511 * (1 - 2^-52) 2^-511 = (1 - 2^-104) 2^-1022 rounds up to the smallest
// normal: tiny before rounding, as AArch64 detects it (UFC), but not after, as x86-64 and
// RISC-V hosts do. So every host sends it to the slow path.
TEST(A64FpFastPath, ProductRoundedUpToTheSmallestNormalIsTinyBeforeRounding) {
  for (const bool track : {false, true}) {
    const uint32_t fpsr = track ? 0 : kIxc;
    const Outcome r = run1(kFmul, 0x2000000000000001, 0x1ffffffffffffffe, 0, fpsr, track);
    EXPECT_EQ(r.d0, 0x0010000000000000u);
    EXPECT_EQ(r.fpsr, kUfc | kIxc);
    EXPECT_EQ(r.retries, 1u);
  }
}

// A NaN addend makes a NaN result, which leaves for the slow path after the host's op: A64's
// NaN rules and flags then come from there (inf * 0 + qNaN is the default NaN and IOC, which
// x86's FMA3 does not raise), and the host's op raised nothing the guest would not.
TEST(A64FpFastPath, NanAddendsTakeTheSlowPathWithA64Flags) {
  constexpr uint32_t kIoc = 1;
  constexpr uint64_t kInfinity = 0x7ff0000000000000, kDefaultNan = 0x7ff8000000000000;
  const Outcome inf_times_zero = run1(kFmadd, kInfinity, 0, 0x7ff8000000000005);
  EXPECT_EQ(inf_times_zero.d0, kDefaultNan);
  EXPECT_EQ(inf_times_zero.fpsr, kIoc);
  EXPECT_EQ(inf_times_zero.retries, 1u);
  const Outcome quiet = run1(kFmadd, kOne, kTwo, 0xfff8000000000005);
  EXPECT_EQ(quiet.d0, 0xfff8000000000005u);
  EXPECT_EQ(quiet.fpsr, 0u);
  EXPECT_EQ(quiet.retries, 1u);
  const Outcome signalling = run1(kFmadd, kOne, kTwo, 0x7ff0000000000005);
  EXPECT_EQ(signalling.d0, 0x7ff8000000000005u);
  EXPECT_EQ(signalling.fpsr, kIoc);
  EXPECT_EQ(signalling.retries, 1u);
}

// Widening single to double is exact: the fast path (VFWidenLo) keeps normal and subnormal
// lanes without a flag; a NaN lane must go to the slow path, which raises IOC for a signalling
// NaN and gives FPCR.DN's default NaN.
struct Widened {
  uint64_t lo, hi;
  uint32_t fpsr;
  unsigned retries;
};
Widened widen(uint32_t word, uint64_t v1_lo, uint64_t v1_hi, uint32_t fpcr = 0) {
  A64Harness h;
  h.state.v[1] = {v1_lo, v1_hi};
  h.state.fpcr = fpcr;
  h.run({word});
  EXPECT_EQ(h.last_ir_error, "");
  return {h.state.v[0].lo, h.state.v[0].hi, h.state.fpsr, h.slow_path_retries};
}

TEST(A64FpFastPath, WideningKeepsNormalAndSubnormalLanesAndLeavesForNaNs) {
  constexpr uint32_t kFcvtl = 0x0e617820, kFcvtl2 = 0x4e617820;  // fcvtl(2) v0.2d, v1.(2|4)s
  constexpr uint32_t kFcvtScalar = 0x1e22c020;                   // fcvt d0, s1
  // 1.5f and the smallest subnormal single (2^-149) in the low lanes, -2.0f and 0 above.
  const Widened low = widen(kFcvtl, 0x000000013fc00000, 0x00000000c0000000);
  EXPECT_EQ(low.lo, kOnePointFive);
  EXPECT_EQ(low.hi, 0x36a0000000000000u);  // 2^-149
  EXPECT_EQ(low.fpsr, 0u);
  EXPECT_EQ(low.retries, 0u);
  const Widened high = widen(kFcvtl2, 0x000000013fc00000, 0x00000000c0000000);
  EXPECT_EQ(high.lo, 0xc000000000000000u);
  EXPECT_EQ(high.hi, 0u);
  EXPECT_EQ(high.retries, 0u);
  const Widened scalar = widen(kFcvtScalar, 0x3fc00000, 0);
  EXPECT_EQ(scalar.lo, kOnePointFive);
  EXPECT_EQ(scalar.retries, 0u);
  // A signalling NaN (payload 1): quieted with its payload, IOC; under DN the default NaN.
  const Widened snan = widen(kFcvtl, 0x7f80000100000000, 0);
  EXPECT_EQ(snan.hi, 0x7ff8000020000000u);
  EXPECT_EQ(snan.fpsr, 1u);  // IOC
  EXPECT_EQ(snan.retries, 1u);
  const Widened dn = widen(kFcvtl, 0x7fc0123400000000, 0, 1u << 25);
  EXPECT_EQ(dn.hi, 0x7ff8000000000000u);
  EXPECT_EQ(dn.fpsr, 0u);
  EXPECT_EQ(dn.retries, 1u);
  const Widened scalar_snan = widen(kFcvtScalar, 0x7f800001, 0);
  EXPECT_EQ(scalar_snan.lo, 0x7ff8000020000000u);
  EXPECT_EQ(scalar_snan.fpsr, 1u);
  EXPECT_EQ(scalar_snan.retries, 1u);
}

}  // namespace
}  // namespace xisa::aarch64::testing
