// F/D conversions, comparisons and FCLASS: saturation and its flags at every range edge, W
// results sign-extended (WU too), integer sources read as 32 bits by the W forms, rounding of
// int->float and double->single in every mode, canonical NaNs, quiet vs signaling compares.
// Expected words are worked by hand from the RISC-V F/D chapters (conversion table included)
// and were replayed under qemu-riscv64 to agree.
#include "rv64fd_fixture.h"

namespace xisa::riscv64::testing {
namespace {

using namespace rvasm;

constexpr uint64_t kAllOnes = ~uint64_t{0};
constexpr uint64_t kIntMinW = 0xffffffff80000000, kIntMaxW = 0x7fffffff;
constexpr uint64_t kIntMinL = 0x8000000000000000, kIntMaxL = 0x7fffffffffffffff;

TEST(Rv64FdConvert, FloatToInt32Saturates) {
  const uint64_t neg_inf_s = boxed(0xff800000);
  check_cases(
      Rd::X,
      {
          {"w.s qNaN", fcvt_w_s(kRd, kRs1, kRne), boxed(kQNaNS), 0, 0, kIntMaxW, kNV},
          {"w.s sNaN", fcvt_w_s(kRd, kRs1, kRne), boxed(kSNaNS), 0, 0, kIntMaxW, kNV},
          {"w.s unboxed reads as NaN", fcvt_w_s(kRd, kRs1, kRne), 0x3f800000, 0, 0, kIntMaxW, kNV},
          {"w.s +inf", fcvt_w_s(kRd, kRs1, kRne), boxed(kInfS), 0, 0, kIntMaxW, kNV},
          {"w.s -inf", fcvt_w_s(kRd, kRs1, kRne), neg_inf_s, 0, 0, kIntMinW, kNV},
          {"w.s 2^31", fcvt_w_s(kRd, kRs1, kRne), sf(0x1p31), 0, 0, kIntMaxW, kNV},
          {"w.s -2^31 exact", fcvt_w_s(kRd, kRs1, kRne), sf(-0x1p31), 0, 0, kIntMinW, 0},
          {"w.d -2^31-1", fcvt_w_d(kRd, kRs1, kRtz), df(-2147483649.0), 0, 0, kIntMinW, kNV},
          {"w.d -2^31-0.5 RTZ: in range", fcvt_w_d(kRd, kRs1, kRtz), df(-2147483648.5), 0, 0,
           kIntMinW, kNX},
          {"w.d -2^31-0.5 RDN: out of range", fcvt_w_d(kRd, kRs1, kRdn), df(-2147483648.5), 0, 0,
           kIntMinW, kNV},
          {"w.d -2^31-0.5 RNE: tie to even", fcvt_w_d(kRd, kRs1, kRne), df(-2147483648.5), 0, 0,
           kIntMinW, kNX},
          {"w.d 2^31-0.5 RDN", fcvt_w_d(kRd, kRs1, kRdn), df(2147483647.5), 0, 0, kIntMaxW, kNX},
          {"w.d 2^31-0.5 RUP", fcvt_w_d(kRd, kRs1, kRup), df(2147483647.5), 0, 0, kIntMaxW, kNV},
          {"w.d NaN", fcvt_w_d(kRd, kRs1, kRne), kQNaND | kSign, 0, 0, kIntMaxW, kNV},
          {"w.d -7", fcvt_w_d(kRd, kRs1, kRne), df(-7), 0, 0, static_cast<uint64_t>(-7), 0},
          {"wu.s NaN: sign-extended 2^32-1", fcvt_wu_s(kRd, kRs1, kRne), boxed(kQNaNS), 0, 0,
           kAllOnes, kNV},
          {"wu.s -1", fcvt_wu_s(kRd, kRs1, kRne), sf(-1), 0, 0, 0, kNV},
          {"wu.s -inf", fcvt_wu_s(kRd, kRs1, kRne), neg_inf_s, 0, 0, 0, kNV},
          {"wu.s +inf", fcvt_wu_s(kRd, kRs1, kRne), boxed(kInfS), 0, 0, kAllOnes, kNV},
          {"wu.s 2^32", fcvt_wu_s(kRd, kRs1, kRne), sf(0x1p32), 0, 0, kAllOnes, kNV},
          {"wu.s 2^32-256", fcvt_wu_s(kRd, kRs1, kRne), boxed(0x4f7fffff), 0, 0, 0xffffffffffffff00,
           0},
          {"wu.s -0.5 RUP -> 0", fcvt_wu_s(kRd, kRs1, kRup), sf(-0.5), 0, 0, 0, kNX},
          {"wu.s -0.5 RDN -> -1: invalid", fcvt_wu_s(kRd, kRs1, kRdn), sf(-0.5), 0, 0, 0, kNV},
          {"wu.s -0.9 RTZ", fcvt_wu_s(kRd, kRs1, kRtz), sf(-0.9f), 0, 0, 0, kNX},
          {"wu.d 2^32-1", fcvt_wu_d(kRd, kRs1, kRne), df(4294967295.0), 0, 0, kAllOnes, 0},
          {"wu.d 2^31 sign-extends", fcvt_wu_d(kRd, kRs1, kRne), df(2147483648.0), 0, 0, kIntMinW,
           0},
          {"wu.d 2^32-0.5 RTZ", fcvt_wu_d(kRd, kRs1, kRtz), df(4294967295.5), 0, 0, kAllOnes, kNX},
          {"wu.d 2^32-0.5 RUP", fcvt_wu_d(kRd, kRs1, kRup), df(4294967295.5), 0, 0, kAllOnes, kNV},
      });
}

TEST(Rv64FdConvert, FloatToInt64Saturates) {
  check_cases(
      Rd::X,
      {
          {"l.s 2^63", fcvt_l_s(kRd, kRs1, kRne), sf(0x1p63), 0, 0, kIntMaxL, kNV},
          {"l.s -2^63 exact", fcvt_l_s(kRd, kRs1, kRne), sf(-0x1p63), 0, 0, kIntMinL, 0},
          {"l.s NaN", fcvt_l_s(kRd, kRs1, kRne), boxed(kSNaNS), 0, 0, kIntMaxL, kNV},
          {"l.d -inf", fcvt_l_d(kRd, kRs1, kRne), kInfD | kSign, 0, 0, kIntMinL, kNV},
          {"l.d 2^63", fcvt_l_d(kRd, kRs1, kRne), df(0x1p63), 0, 0, kIntMaxL, kNV},
          {"l.d largest below 2^63", fcvt_l_d(kRd, kRs1, kRne), 0x43dfffffffffffff, 0, 0,
           0x7ffffffffffffc00, 0},
          {"l.d -1.5 RMM", fcvt_l_d(kRd, kRs1, kRmm), df(-1.5), 0, 0, static_cast<uint64_t>(-2),
           kNX},
          {"l.d -2^-1074 RDN", fcvt_l_d(kRd, kRs1, kRdn), kMinSubD | kSign, 0, 0, kAllOnes, kNX},
          {"lu.d 2^64", fcvt_lu_d(kRd, kRs1, kRne), df(0x1p64), 0, 0, kAllOnes, kNV},
          {"lu.d largest below 2^64", fcvt_lu_d(kRd, kRs1, kRne), 0x43efffffffffffff, 0, 0,
           0xfffffffffffff800, 0},
          {"lu.d 1e19", fcvt_lu_d(kRd, kRs1, kRne), df(1e19), 0, 0, 10000000000000000000u, 0},
          {"lu.d NaN", fcvt_lu_d(kRd, kRs1, kRne), kQNaND, 0, 0, kAllOnes, kNV},
          {"lu.s -inf", fcvt_lu_s(kRd, kRs1, kRne), boxed(0xff800000), 0, 0, 0, kNV},
          {"lu.s -0", fcvt_lu_s(kRd, kRs1, kRne), boxed(0x80000000), 0, 0, 0, 0},
          {"lu.s -1", fcvt_lu_s(kRd, kRs1, kRtz), sf(-1), 0, 0, 0, kNV},
      });
}

TEST(Rv64FdConvert, FloatToIntRoundingModes) {
  check_rounding(
      {
          {"w.s 2.5",
           [](unsigned rm) { return fcvt_w_s(kRd, kRs1, rm); },
           sf(2.5),
           0,
           0,
           {2, 2, 2, 3, 3},
           kAllNx},
          {"w.s -2.5",
           [](unsigned rm) { return fcvt_w_s(kRd, kRs1, rm); },
           sf(-2.5),
           0,
           0,
           {kAllOnes - 1, kAllOnes - 1, kAllOnes - 2, kAllOnes - 1, kAllOnes - 2},
           kAllNx},
          {"w.s -0.5",
           [](unsigned rm) { return fcvt_w_s(kRd, kRs1, rm); },
           sf(-0.5),
           0,
           0,
           {0, 0, kAllOnes, 0, kAllOnes},
           kAllNx},
          {"l.d 1.5",
           [](unsigned rm) { return fcvt_l_d(kRd, kRs1, rm); },
           df(1.5),
           0,
           0,
           {2, 1, 1, 2, 2},
           kAllNx},
          {"lu.s 0.75",
           [](unsigned rm) { return fcvt_lu_s(kRd, kRs1, rm); },
           sf(0.75),
           0,
           0,
           {1, 0, 0, 1, 1},
           kAllNx},
          {"wu.d 0.25",
           [](unsigned rm) { return fcvt_wu_d(kRd, kRs1, rm); },
           df(0.25),
           0,
           0,
           {0, 0, 0, 1, 0},
           kAllNx},
      },
      Rd::X);
}

TEST(Rv64FdConvert, IntToFloat) {
  check_rounding({
      // 2^24 + 1: a tie between 2^24 and 2^24 + 2.
      {"s.w 2^24+1",
       [](unsigned rm) { return fcvt_s_w(kRd, kRs1, rm); },
       16777217,
       0,
       0,
       {boxed(0x4b800000), boxed(0x4b800000), boxed(0x4b800000), boxed(0x4b800001),
        boxed(0x4b800001)},
       kAllNx},
      {"s.w -(2^24+1), upper bits ignored",
       [](unsigned rm) { return fcvt_s_w(kRd, kRs1, rm); },
       0x12345678fefffffful,
       0,
       0,
       {boxed(0xcb800000), boxed(0xcb800000), boxed(0xcb800001), boxed(0xcb800000),
        boxed(0xcb800001)},
       kAllNx},
      {"s.wu 2^32-1",
       [](unsigned rm) { return fcvt_s_wu(kRd, kRs1, rm); },
       kAllOnes,
       0,
       0,
       {boxed(0x4f800000), boxed(0x4f7fffff), boxed(0x4f7fffff), boxed(0x4f800000),
        boxed(0x4f800000)},
       kAllNx},
      {"s.l 2^63-1",
       [](unsigned rm) { return fcvt_s_l(kRd, kRs1, rm); },
       kIntMaxL,
       0,
       0,
       {boxed(0x5f000000), boxed(0x5effffff), boxed(0x5effffff), boxed(0x5f000000),
        boxed(0x5f000000)},
       kAllNx},
      {"s.lu 2^64-1",
       [](unsigned rm) { return fcvt_s_lu(kRd, kRs1, rm); },
       kAllOnes,
       0,
       0,
       {boxed(0x5f800000), boxed(0x5f7fffff), boxed(0x5f7fffff), boxed(0x5f800000),
        boxed(0x5f800000)},
       kAllNx},
      {"d.l 2^53+1",
       [](unsigned rm) { return fcvt_d_l(kRd, kRs1, rm); },
       (1ull << 53) + 1,
       0,
       0,
       {0x4340000000000000, 0x4340000000000000, 0x4340000000000000, 0x4340000000000001,
        0x4340000000000001},
       kAllNx},
      {"d.l -(2^53+3)",
       [](unsigned rm) { return fcvt_d_l(kRd, kRs1, rm); },
       static_cast<uint64_t>(-((1ll << 53) + 3)),
       0,
       0,
       {0xc340000000000002, 0xc340000000000001, 0xc340000000000002, 0xc340000000000001,
        0xc340000000000002},
       kAllNx},
      {"d.lu 2^64-1",
       [](unsigned rm) { return fcvt_d_lu(kRd, kRs1, rm); },
       kAllOnes,
       0,
       0,
       {0x43f0000000000000, 0x43efffffffffffff, 0x43efffffffffffff, 0x43f0000000000000,
        0x43f0000000000000},
       kAllNx},
  });
  check_cases(
      Rd::F,
      {
          {"s.w 5, upper bits ignored", fcvt_s_w(kRd, kRs1, kRne), 0x1234567800000005, 0, 0, sf(5),
           0},
          {"s.w -2^31", fcvt_s_w(kRd, kRs1, kRne), kIntMinW, 0, 0, boxed(0xcf000000), 0},
          {"s.l 0 is +0", fcvt_s_l(kRd, kRs1, kRdn), 0, 0, 0, boxed(0), 0},
          {"s.l -1", fcvt_s_l(kRd, kRs1, kRne), kAllOnes, 0, 0, boxed(0xbf800000), 0},
          {"d.w low word -1", fcvt_d_w(kRd, kRs1, kRne), 0x00000000ffffffff, 0, 0, df(-1), 0},
          {"d.w -2^31", fcvt_d_w(kRd, kRs1, kRne), kIntMinW, 0, 0, 0xc1e0000000000000, 0},
          {"d.wu 2^32-1", fcvt_d_wu(kRd, kRs1, kRne), kAllOnes, 0, 0, 0x41efffffffe00000, 0},
          {"d.lu 2^63", fcvt_d_lu(kRd, kRs1, kRne), kIntMinL, 0, 0, df(0x1p63), 0},
      });
}

TEST(Rv64FdConvert, SingleDouble) {
  check_rounding({
      {"s.d 1 + 2^-24",
       [](unsigned rm) { return fcvt_s_d(kRd, kRs1, rm); },
       0x3ff0000010000000,
       0,
       0,
       {boxed(0x3f800000), boxed(0x3f800000), boxed(0x3f800000), boxed(0x3f800001),
        boxed(0x3f800001)},
       kAllNx},
      {"s.d 1e300",
       [](unsigned rm) { return fcvt_s_d(kRd, kRs1, rm); },
       df(1e300),
       0,
       0,
       {boxed(kInfS), boxed(kMaxS), boxed(kMaxS), boxed(kInfS), boxed(kInfS)},
       kAllOfNx},
      {"s.d -1e-50",
       [](unsigned rm) { return fcvt_s_d(kRd, kRs1, rm); },
       df(-1e-50),
       0,
       0,
       {boxed(0x80000000), boxed(0x80000000), boxed(0x80000001), boxed(0x80000000),
        boxed(0x80000000)},
       kAllUfNx},
      {"s.d 3 * 2^-150: subnormal tie",
       [](unsigned rm) { return fcvt_s_d(kRd, kRs1, rm); },
       df(0x3p-150),
       0,
       0,
       {boxed(2), boxed(1), boxed(1), boxed(2), boxed(2)},
       kAllUfNx},
  });
  check_cases(
      Rd::F, {
                 {"s.d sNaN", fcvt_s_d(kRd, kRs1, kRne), kSNaND, 0, 0, boxed(kQNaNS), kNV},
                 {"s.d qNaN with payload", fcvt_s_d(kRd, kRs1, kRne), kQNaND | kSign | 0x1234, 0, 0,
                  boxed(kQNaNS), 0},
                 {"s.d -inf", fcvt_s_d(kRd, kRs1, kRne), kInfD | kSign, 0, 0, boxed(0xff800000), 0},
                 {"s.d 1.5", fcvt_s_d(kRd, kRs1, kRne), df(1.5), 0, 0, sf(1.5), 0},
                 {"d.s sNaN", fcvt_d_s(kRd, kRs1, kRne), boxed(kSNaNS), 0, 0, kQNaND, kNV},
                 {"d.s unboxed", fcvt_d_s(kRd, kRs1, kRne), 0x3fc00000, 0, 0, kQNaND, 0},
                 {"d.s smallest subnormal", fcvt_d_s(kRd, kRs1, kRne), boxed(1), 0, 0,
                  0x36a0000000000000, 0},
                 {"d.s -1.5", fcvt_d_s(kRd, kRs1, kRne), sf(-1.5), 0, 0, df(-1.5), 0},
             });
}

TEST(Rv64FdCompare, QuietAndSignaling) {
  const uint64_t neg0_s = boxed(0x80000000);
  check_cases(
      Rd::X, {
                 {"feq.s 1,1", feq_s(kRd, kRs1, kRs2), sf(1), sf(1), 0, 1, 0},
                 {"flt.s 1,1", flt_s(kRd, kRs1, kRs2), sf(1), sf(1), 0, 0, 0},
                 {"fle.s 1,1", fle_s(kRd, kRs1, kRs2), sf(1), sf(1), 0, 1, 0},
                 {"flt.s 1,2", flt_s(kRd, kRs1, kRs2), sf(1), sf(2), 0, 1, 0},
                 {"fle.d 2,1", fle_d(kRd, kRs1, kRs2), df(2), df(1), 0, 0, 0},
                 {"flt.d -inf,inf", flt_d(kRd, kRs1, kRs2), kInfD | kSign, kInfD, 0, 1, 0},
                 {"feq.s -0,+0", feq_s(kRd, kRs1, kRs2), neg0_s, sf(0), 0, 1, 0},
                 {"flt.s -0,+0", flt_s(kRd, kRs1, kRs2), neg0_s, sf(0), 0, 0, 0},
                 {"fle.d -0,+0", fle_d(kRd, kRs1, kRs2), kSign, df(0), 0, 1, 0},
                 {"feq.s qNaN: quiet", feq_s(kRd, kRs1, kRs2), boxed(kQNaNS), sf(1), 0, 0, 0},
                 {"feq.d sNaN: NV", feq_d(kRd, kRs1, kRs2), df(1), kSNaND, 0, 0, kNV},
                 {"flt.s qNaN: NV", flt_s(kRd, kRs1, kRs2), boxed(kQNaNS), sf(1), 0, 0, kNV},
                 {"fle.d qNaN: NV", fle_d(kRd, kRs1, kRs2), df(1), kQNaND, 0, 0, kNV},
                 {"feq.s NaN, NaN", feq_s(kRd, kRs1, kRs2), boxed(kQNaNS), boxed(kQNaNS), 0, 0, 0},
                 {"feq.s unboxed reads as NaN", feq_s(kRd, kRs1, kRs2), 0x3f800000, sf(1), 0, 0, 0},
             });
  // rd = x0 drops the result but not the flag.
  const FpResult r = run_fp(flt_s(0, kRs1, kRs2), boxed(kQNaNS), sf(1));
  EXPECT_EQ(r.fflags, kNV);
}

TEST(Rv64FdClassify, EveryClass) {
  struct Class {
    uint32_t s;
    uint64_t d;
    uint64_t mask;
  };
  const Class classes[] = {
      {0xff800000, kInfD | kSign, 1 << 0},       // -inf
      {0xbf800000, df(-1), 1 << 1},              // negative normal
      {0x80000001, kSign | 1, 1 << 2},           // negative subnormal
      {0x80000000, kSign, 1 << 3},               // -0
      {0x00000000, 0, 1 << 4},                   // +0
      {0x007fffff, 0x000fffffffffffff, 1 << 5},  // positive subnormal
      {0x00800000, 0x0010000000000000, 1 << 6},  // positive normal
      {kInfS, kInfD, 1 << 7},                    // +inf
      {kSNaNS, kSNaND, 1 << 8},                  // signaling NaN
      {0xff800001, kSNaND | kSign, 1 << 8},      // negative signaling NaN
      {kQNaNS, kQNaND, 1 << 9},                  // quiet NaN
      {0xffffffff, 0xffffffffffffffff, 1 << 9},  // negative quiet NaN
  };
  for (const Class& c : classes) {
    SCOPED_TRACE(c.mask);
    const FpResult s = run_fp(fclass_s(kRd, kRs1), boxed(c.s));
    EXPECT_EQ(s.x, c.mask);
    EXPECT_EQ(s.fflags, 0u);
    const FpResult d = run_fp(fclass_d(kRd, kRs1), c.d);
    EXPECT_EQ(d.x, c.mask);
    EXPECT_EQ(d.fflags, 0u);
  }
  EXPECT_EQ(run_fp(fclass_s(kRd, kRs1), 0x000000003f800000).x, 1u << 9);  // unboxed: qNaN
}

}  // namespace
}  // namespace xisa::riscv64::testing
