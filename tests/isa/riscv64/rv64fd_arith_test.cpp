// F/D arithmetic: every rounding mode (RMM ties included), overflow and underflow edges,
// canonical NaNs, signaling vs quiet NaN flags, fused multiply-add signs, min/max, the rm
// field's reserved values and the dynamic mode. Expected words are worked by hand from the
// IEEE 754 rules and the RISC-V F/D chapters, and were replayed under qemu-riscv64 to agree.
#include <cfenv>

#include "rv64fd_fixture.h"

namespace xisa::riscv64::testing {
namespace {

using namespace rvasm;

uint32_t add_s(unsigned rm) {
  return fadd_s(kRd, kRs1, kRs2, rm);
}
uint32_t add_d(unsigned rm) {
  return fadd_d(kRd, kRs1, kRs2, rm);
}
uint32_t sub_d(unsigned rm) {
  return fsub_d(kRd, kRs1, kRs2, rm);
}
uint32_t mul_s(unsigned rm) {
  return fmul_s(kRd, kRs1, kRs2, rm);
}
uint32_t mul_d(unsigned rm) {
  return fmul_d(kRd, kRs1, kRs2, rm);
}
uint32_t div_s(unsigned rm) {
  return fdiv_s(kRd, kRs1, kRs2, rm);
}
uint32_t div_d(unsigned rm) {
  return fdiv_d(kRd, kRs1, kRs2, rm);
}
uint32_t sqrt_s(unsigned rm) {
  return fsqrt_s(kRd, kRs1, rm);
}
uint32_t sqrt_d(unsigned rm) {
  return fsqrt_d(kRd, kRs1, rm);
}
uint32_t madd_s(unsigned rm) {
  return fmadd_s(kRd, kRs1, kRs2, kRs3, rm);
}
uint32_t madd_d(unsigned rm) {
  return fmadd_d(kRd, kRs1, kRs2, kRs3, rm);
}
uint32_t nmadd_s(unsigned rm) {
  return fnmadd_s(kRd, kRs1, kRs2, kRs3, rm);
}
uint32_t msub_d(unsigned rm) {
  return fmsub_d(kRd, kRs1, kRs2, kRs3, rm);
}
uint32_t nmsub_d(unsigned rm) {
  return fnmsub_d(kRd, kRs1, kRs2, kRs3, rm);
}

TEST(Rv64FdRounding, TiesAndDirections) {
  const uint64_t one_s = sf(1), one_d = df(1);
  check_rounding({
      // 1 + 2^-24: exactly half an ulp above 1.0, whose last bit is even.
      {"fadd.s tie, even below",
       add_s,
       one_s,
       boxed(0x33800000),
       0,
       {boxed(0x3f800000), boxed(0x3f800000), boxed(0x3f800000), boxed(0x3f800001),
        boxed(0x3f800001)},
       kAllNx},
      {"fadd.s tie, odd below",
       add_s,
       boxed(0x3f800001),
       boxed(0x33800000),
       0,
       {boxed(0x3f800002), boxed(0x3f800001), boxed(0x3f800001), boxed(0x3f800002),
        boxed(0x3f800002)},
       kAllNx},
      {"fadd.s negative tie",
       add_s,
       sf(-1),
       boxed(0xb3800000),
       0,
       {boxed(0xbf800000), boxed(0xbf800000), boxed(0xbf800001), boxed(0xbf800000),
        boxed(0xbf800001)},
       kAllNx},
      {"fadd.s below half",
       add_s,
       one_s,
       boxed(0x33000000),
       0,
       {boxed(0x3f800000), boxed(0x3f800000), boxed(0x3f800000), boxed(0x3f800001),
        boxed(0x3f800000)},
       kAllNx},
      {"fadd.s above half",
       add_s,
       one_s,
       boxed(0x33800001),
       0,
       {boxed(0x3f800001), boxed(0x3f800000), boxed(0x3f800000), boxed(0x3f800001),
        boxed(0x3f800001)},
       kAllNx},
      {"fadd.s exact zero: -0 only in RDN",
       add_s,
       one_s,
       sf(-1),
       0,
       {boxed(0), boxed(0), boxed(0x80000000), boxed(0), boxed(0)},
       {0, 0, 0, 0, 0}},
      {"fadd.d tie",
       add_d,
       one_d,
       df(0x1p-53),
       0,
       {0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000001,
        0x3ff0000000000001},
       kAllNx},
      {"fsub.d negative tie",
       sub_d,
       df(-1),
       df(0x1p-53),
       0,
       {0xbff0000000000000, 0xbff0000000000000, 0xbff0000000000001, 0xbff0000000000000,
        0xbff0000000000001},
       kAllNx},
      {"fdiv.s 1/3",
       div_s,
       one_s,
       sf(3),
       0,
       {boxed(0x3eaaaaab), boxed(0x3eaaaaaa), boxed(0x3eaaaaaa), boxed(0x3eaaaaab),
        boxed(0x3eaaaaab)},
       kAllNx},
      {"fdiv.d -1/3",
       div_d,
       df(-1),
       df(3),
       0,
       {0xbfd5555555555555, 0xbfd5555555555555, 0xbfd5555555555556, 0xbfd5555555555555,
        0xbfd5555555555555},
       kAllNx},
      {"fsqrt.s 2",
       sqrt_s,
       sf(2),
       0,
       0,
       {boxed(0x3fb504f3), boxed(0x3fb504f3), boxed(0x3fb504f3), boxed(0x3fb504f4),
        boxed(0x3fb504f3)},
       kAllNx},
      {"fsqrt.d 2",
       sqrt_d,
       df(2),
       0,
       0,
       {0x3ff6a09e667f3bcd, 0x3ff6a09e667f3bcc, 0x3ff6a09e667f3bcc, 0x3ff6a09e667f3bcd,
        0x3ff6a09e667f3bcd},
       kAllNx},
  });
}

TEST(Rv64FdRounding, OverflowAndUnderflow) {
  check_rounding({
      {"fmul.s max * 2",
       mul_s,
       boxed(kMaxS),
       sf(2),
       0,
       {boxed(kInfS), boxed(kMaxS), boxed(kMaxS), boxed(kInfS), boxed(kInfS)},
       kAllOfNx},
      {"fmul.d -max * 2",
       mul_d,
       kMaxD | kSign,
       df(2),
       0,
       {kInfD | kSign, kMaxD | kSign, kInfD | kSign, kMaxD | kSign, kInfD | kSign},
       kAllOfNx},
      // max + 2^103 is half an ulp above max: RMM overflows, RTZ/RDN do not overflow at all.
      {"fadd.s max + half ulp",
       add_s,
       boxed(kMaxS),
       boxed(0x73000000),
       0,
       {boxed(kInfS), boxed(kMaxS), boxed(kMaxS), boxed(kInfS), boxed(kInfS)},
       {kOF | kNX, kNX, kNX, kOF | kNX, kOF | kNX}},
      {"fadd.s max + quarter ulp",
       add_s,
       boxed(kMaxS),
       boxed(0x72800000),
       0,
       {boxed(kMaxS), boxed(kMaxS), boxed(kMaxS), boxed(kInfS), boxed(kMaxS)},
       {kNX, kNX, kNX, kOF | kNX, kNX}},
      // 2^-150: half the smallest subnormal.
      {"fmul.s subnormal tie",
       mul_s,
       boxed(kMinSubS),
       sf(0.5),
       0,
       {boxed(0), boxed(0), boxed(0), boxed(1), boxed(1)},
       kAllUfNx},
      {"fmul.s subnormal tie, odd below",
       mul_s,
       boxed(3),
       sf(0.5),
       0,
       {boxed(2), boxed(1), boxed(1), boxed(2), boxed(2)},
       kAllUfNx},
      {"fmul.d subnormal tie", mul_d, kMinSubD, df(0.5), 0, {0, 0, 0, 1, 1}, kAllUfNx},
      // 2^-126 - 2^-151 rounds to the smallest normal with an unbounded exponent too, in
      // RNE/RUP/RMM: not tiny after rounding, so no UF (x86 and RISC-V agree; ARM would say UF).
      {"fmadd.s just below min normal",
       madd_s,
       sf(-0x1p-75),
       sf(0x1p-76),
       boxed(kMinNormS),
       {boxed(kMinNormS), boxed(0x007fffff), boxed(0x007fffff), boxed(kMinNormS), boxed(kMinNormS)},
       {kNX, kUF | kNX, kUF | kNX, kNX, kNX}},
      // 2^-126 - 2^-150 has 24 significant bits: tiny after rounding in every mode.
      {"fmadd.s tiny, rounds to min normal",
       madd_s,
       sf(-0x1p-75),
       sf(0x1p-75),
       boxed(kMinNormS),
       {boxed(kMinNormS), boxed(0x007fffff), boxed(0x007fffff), boxed(kMinNormS), boxed(kMinNormS)},
       kAllUfNx},
      {"fmadd.d just below min normal",
       madd_d,
       df(-0x1p-540),
       df(0x1p-536),
       df(0x1p-1022),
       {0x0010000000000000, 0x000fffffffffffff, 0x000fffffffffffff, 0x0010000000000000,
        0x0010000000000000},
       {kNX, kUF | kNX, kUF | kNX, kNX, kNX}},
  });
}

TEST(Rv64FdRounding, FusedMultiplyAddSigns) {
  check_rounding({
      {"fmadd.s 1 * 2^-24 + 1",
       madd_s,
       sf(1),
       sf(0x1p-24),
       sf(1),
       {boxed(0x3f800000), boxed(0x3f800000), boxed(0x3f800000), boxed(0x3f800001),
        boxed(0x3f800001)},
       kAllNx},
      {"fnmadd.s -(1 * 2^-24) - 1",
       nmadd_s,
       sf(1),
       sf(0x1p-24),
       sf(1),
       {boxed(0xbf800000), boxed(0xbf800000), boxed(0xbf800001), boxed(0xbf800000),
        boxed(0xbf800001)},
       kAllNx},
      {"fmsub.d 1 * 2^-53 - (-1)",
       msub_d,
       df(1),
       df(0x1p-53),
       df(-1),
       {0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000001,
        0x3ff0000000000001},
       kAllNx},
      {"fnmsub.d -(1 * 2^-53) + (-1)",
       nmsub_d,
       df(1),
       df(0x1p-53),
       df(-1),
       {0xbff0000000000000, 0xbff0000000000000, 0xbff0000000000001, 0xbff0000000000000,
        0xbff0000000000001},
       kAllNx},
  });
}

TEST(Rv64FdArith, NaNsInfinitiesAndFlags) {
  check_cases(
      Rd::F,
      {
          {"fadd.s qNaN with payload -> canonical", fadd_s(kRd, kRs1, kRs2, kRne),
           boxed(0xffc00123), sf(1), 0, boxed(kQNaNS), 0},
          {"fadd.s sNaN -> canonical, NV", fadd_s(kRd, kRs1, kRs2, kRne), boxed(kSNaNS), sf(1), 0,
           boxed(kQNaNS), kNV},
          {"fadd.d sNaN + qNaN", fadd_d(kRd, kRs1, kRs2, kRne), kQNaND, kSNaND, 0, kQNaND, kNV},
          {"fsub.s inf - inf", fsub_s(kRd, kRs1, kRs2, kRne), boxed(kInfS), boxed(kInfS), 0,
           boxed(kQNaNS), kNV},
          {"fmul.d 0 * inf", fmul_d(kRd, kRs1, kRs2, kRne), df(0), kInfD, 0, kQNaND, kNV},
          {"fdiv.s 1 / 0", fdiv_s(kRd, kRs1, kRs2, kRne), sf(1), sf(0), 0, boxed(kInfS), kDZ},
          {"fdiv.d -1 / 0", fdiv_d(kRd, kRs1, kRs2, kRne), df(-1), df(0), 0, kInfD | kSign, kDZ},
          {"fdiv.d 0 / 0", fdiv_d(kRd, kRs1, kRs2, kRne), df(0), df(0), 0, kQNaND, kNV},
          {"fdiv.s 1 / inf", fdiv_s(kRd, kRs1, kRs2, kRne), sf(1), boxed(kInfS), 0, boxed(0), 0},
          {"fsqrt.s -1", fsqrt_s(kRd, kRs1, kRne), sf(-1), 0, 0, boxed(kQNaNS), kNV},
          {"fsqrt.d -1", fsqrt_d(kRd, kRs1, kRne), df(-1), 0, 0, kQNaND, kNV},
          {"fsqrt.d -0", fsqrt_d(kRd, kRs1, kRne), kSign, 0, 0, kSign, 0},
          {"fsqrt.s +inf", fsqrt_s(kRd, kRs1, kRne), boxed(kInfS), 0, 0, boxed(kInfS), 0},
          {"fsqrt.d 4 exact", fsqrt_d(kRd, kRs1, kRmm), df(4), 0, 0, df(2), 0},
          {"fadd.s subnormals, exact: no UF", fadd_s(kRd, kRs1, kRs2, kRne), boxed(1), boxed(1), 0,
           boxed(2), 0},
          {"fadd.s unboxed operand -> canonical NaN, no NV", fadd_s(kRd, kRs1, kRs2, kRne),
           0x000000003f800000, sf(1), 0, boxed(kQNaNS), 0},
          {"fmadd.s inf * 0 + qNaN raises NV", fmadd_s(kRd, kRs1, kRs2, kRs3, kRne), boxed(kInfS),
           sf(0), boxed(kQNaNS), boxed(kQNaNS), kNV},
          {"fmadd.d 0 * inf + 1", fmadd_d(kRd, kRs1, kRs2, kRs3, kRne), df(0), kInfD, df(1), kQNaND,
           kNV},
          {"fmadd.s 1 * 1 + sNaN", fmadd_s(kRd, kRs1, kRs2, kRs3, kRne), sf(1), sf(1),
           boxed(kSNaNS), boxed(kQNaNS), kNV},
          {"fmadd.d qNaN * 1 + 1", fmadd_d(kRd, kRs1, kRs2, kRs3, kRne), kQNaND, df(1), df(1),
           kQNaND, 0},
          {"fmadd.s 2 * 3 + 4", fmadd_s(kRd, kRs1, kRs2, kRs3, kRne), sf(2), sf(3), sf(4), sf(10),
           0},
          {"fnmsub.s -(inf * 1) + inf", fnmsub_s(kRd, kRs1, kRs2, kRs3, kRne), boxed(kInfS), sf(1),
           boxed(kInfS), boxed(kQNaNS), kNV},
          {"fmsub.d inf * 1 - (-inf)", fmsub_d(kRd, kRs1, kRs2, kRs3, kRne), kInfD, df(1),
           kInfD | kSign, kInfD, 0},
      });
}

TEST(Rv64FdArith, MinMax) {
  const uint64_t neg0 = boxed(0x80000000), pos0 = boxed(0);
  check_cases(
      Rd::F,
      {
          {"fmin.s -0, +0", fmin_s(kRd, kRs1, kRs2), neg0, pos0, 0, neg0, 0},
          {"fmin.s +0, -0", fmin_s(kRd, kRs1, kRs2), pos0, neg0, 0, neg0, 0},
          {"fmax.s -0, +0", fmax_s(kRd, kRs1, kRs2), neg0, pos0, 0, pos0, 0},
          {"fmax.s +0, -0", fmax_s(kRd, kRs1, kRs2), pos0, neg0, 0, pos0, 0},
          {"fmin.d -0, +0", fmin_d(kRd, kRs1, kRs2), df(0), kSign, 0, kSign, 0},
          {"fmax.d -0, +0", fmax_d(kRd, kRs1, kRs2), kSign, df(0), 0, df(0), 0},
          {"fmin.s qNaN, 1", fmin_s(kRd, kRs1, kRs2), boxed(kQNaNS), sf(1), 0, sf(1), 0},
          {"fmax.s 1, qNaN", fmax_s(kRd, kRs1, kRs2), sf(1), boxed(kQNaNS), 0, sf(1), 0},
          {"fmin.s sNaN, 1: NV", fmin_s(kRd, kRs1, kRs2), boxed(kSNaNS), sf(1), 0, sf(1), kNV},
          {"fmax.d 1, sNaN: NV", fmax_d(kRd, kRs1, kRs2), df(1), kSNaND, 0, df(1), kNV},
          {"fmax.d qNaN, qNaN", fmax_d(kRd, kRs1, kRs2), kQNaND | kSign, kQNaND + 5, 0, kQNaND, 0},
          {"fmin.d sNaN, qNaN", fmin_d(kRd, kRs1, kRs2), kSNaND, kQNaND, 0, kQNaND, kNV},
          {"fmin.d -1, 2", fmin_d(kRd, kRs1, kRs2), df(-1), df(2), 0, df(-1), 0},
          {"fmax.d -1, 2", fmax_d(kRd, kRs1, kRs2), df(-1), df(2), 0, df(2), 0},
          {"fmax.s -inf, -3", fmax_s(kRd, kRs1, kRs2), boxed(kInfS | 0x80000000), sf(-3), 0, sf(-3),
           0},
          {"fmin.s unboxed, 3: the NaN loses", fmin_s(kRd, kRs1, kRs2), 0x0000000040400000, sf(3),
           0, sf(3), 0},
      });
}

TEST(Rv64FdArith, DynamicRoundingMode) {
  const uint32_t insn = fadd_s(kRd, kRs1, kRs2, kDyn);
  const uint64_t a = sf(1), b = boxed(0x33800000);  // a tie: RUP and RMM round up
  EXPECT_EQ(run_fp(insn, a, b, 0, kRup).f, boxed(0x3f800001));
  EXPECT_EQ(run_fp(insn, a, b, 0, kRmm).f, boxed(0x3f800001));
  EXPECT_EQ(run_fp(insn, a, b, 0, kRtz).f, boxed(0x3f800000));
  EXPECT_EQ(run_fp(fmadd_d(kRd, kRs1, kRs2, kRs3, kDyn), df(1), df(0x1p-53), df(1), kRup).f,
            0x3ff0000000000001u);
  EXPECT_EQ(run_fp(fcvt_w_d(kRd, kRs1, kDyn), df(2.5), 0, 0, kRmm).x, 3u);
  // A dynamic rm while frm holds a reserved value is illegal, and the instruction has no effect.
  for (unsigned frm : {5u, 6u, 7u}) {
    SCOPED_TRACE(frm);
    const FpResult r = run_fp(insn, a, b, 0, frm);
    EXPECT_TRUE(r.illegal);
    EXPECT_EQ(r.f, 0u);
    EXPECT_EQ(r.fflags, 0u);
    EXPECT_TRUE(run_fp(fmadd_d(kRd, kRs1, kRs2, kRs3, kDyn), df(1), df(1), df(1), frm).illegal);
  }
}

TEST(Rv64FdArith, ReservedRoundingModesAreIllegal) {
  for (unsigned rm : {5u, 6u}) {
    SCOPED_TRACE(rm);
    EXPECT_TRUE(run_fp(fadd_s(kRd, kRs1, kRs2, rm), sf(1), sf(1)).illegal);
    EXPECT_TRUE(run_fp(fdiv_d(kRd, kRs1, kRs2, rm), df(1), df(1)).illegal);
    EXPECT_TRUE(run_fp(fsqrt_s(kRd, kRs1, rm), sf(1)).illegal);
    EXPECT_TRUE(run_fp(fmadd_d(kRd, kRs1, kRs2, kRs3, rm), df(1), df(1), df(1)).illegal);
    EXPECT_TRUE(run_fp(fnmsub_s(kRd, kRs1, kRs2, kRs3, rm), sf(1), sf(1), sf(1)).illegal);
    EXPECT_TRUE(run_fp(fcvt_w_s(kRd, kRs1, rm), sf(1)).illegal);
    EXPECT_TRUE(run_fp(fcvt_d_w(kRd, kRs1, rm), 1).illegal);  // exact, but rm is still checked
    EXPECT_TRUE(run_fp(fcvt_s_d(kRd, kRs1, rm), df(1)).illegal);
  }
  const FpResult r = run_fp(fadd_d(kRd, kRs1, kRs2, 5), df(1), df(1));
  EXPECT_EQ(r.f, 0u);  // no effect
  EXPECT_EQ(r.fflags, 0u);
}

TEST(Rv64FdArith, FlagsAccrueAndHostModeIsRestored) {
  const FpResult r = run_fp(fdiv_s(kRd, kRs1, kRs2, kRup), sf(1), sf(0), 0, 0, kNX | kUF);
  EXPECT_EQ(r.fflags, kDZ | kNX | kUF);
  run_fp(fadd_d(kRd, kRs1, kRs2, kRmm), df(1), df(0x1p-53));
  EXPECT_EQ(std::fegetround(), FE_TONEAREST);
  run_fp(fadd_d(kRd, kRs1, kRs2, kRdn), df(1), df(0x1p-53));
  EXPECT_EQ(std::fegetround(), FE_TONEAREST);
}

}  // namespace
}  // namespace xisa::riscv64::testing
