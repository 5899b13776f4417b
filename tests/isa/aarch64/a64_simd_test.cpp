// A64 Advanced SIMD, hand-computed: the idioms glibc's string functions and gcc's vectorised
// loops are built from (compare to zero, SHRN nibble masks, pairwise max, DUP+CMEQ, TBL,
// reductions, immediates, lane moves). The Unicorn differential test covers the rest.
#include <gtest/gtest.h>

#include "a64_harness.h"

namespace xisa::aarch64::testing {
namespace {

constexpr VReg kBytes{0x0706050403020100, 0x0f0e0d0c0b0a0908};  // byte i = i
constexpr VReg kHigh{0xf7f6f5f4f3f2f1f0, 0xfffefdfcfbfaf9f8};   // byte i = 0xf0 + i

TEST(A64Simd, StrlenNibbleMask) {
  A64Harness h;
  h.state.v[1] = {0x6766650063626261, 0x706f6e6d6c6b6a69};  // "abbc\0efg" "ijklmnop"
  // cmeq v0.16b, v1.16b, #0; shrn v0.8b, v0.8h, #4; fmov x0, d0
  h.run({0x4e209820, 0x0f0c8400, 0x9e660000});
  EXPECT_EQ(h.last_ir_error, "");
  // Byte 4 is the NUL: halfword lane 2 becomes 0x00ff, >> 4 = 0x0f, narrowed into byte 2: one
  // nibble per input byte, so ctz(x0) / 4 = 4.
  EXPECT_EQ(h.state.x[0], 0x00000000000f0000u);
  EXPECT_EQ(h.state.v[0].hi, 0u);
}

TEST(A64Simd, PairwiseMaxAndDupCompare) {
  A64Harness h;
  h.state.v[1] = kBytes;
  h.state.x[1] = 0x102;  // DUP takes the low byte: 0x02
  // dup v2.16b, w1; cmeq v3.16b, v1.16b, v2.16b; umaxp v4.16b, v1.16b, v1.16b; fmov x1, d4
  h.run({0x4e010c22, 0x6e228c23, 0x6e21a424, 0x9e660081});
  EXPECT_EQ(h.state.v[2].lo, 0x0202020202020202u);
  EXPECT_EQ(h.state.v[3].lo, 0x0000000000ff0000u);
  EXPECT_EQ(h.state.v[3].hi, 0u);
  EXPECT_EQ(h.state.x[1], 0x0f0d0b0907050301u);  // max of each pair (2i, 2i+1)
}

TEST(A64Simd, TableLookupAndReductions) {
  A64Harness h;
  h.state.v[1] = kHigh;
  h.state.v[2] = {0x08090a0b0c0d0e0f, 0x0001020304050607};  // indices 15..0
  h.run({0x4e020020});                                      // tbl v0.16b, {v1.16b}, v2.16b
  EXPECT_EQ(h.state.v[0].lo, 0xf8f9fafbfcfdfeffu);
  EXPECT_EQ(h.state.v[0].hi, 0xf0f1f2f3f4f5f6f7u);
  h.state.v[1] = {0x0000000200000001, 0x0000000400000003};
  h.run({0x4eb1b824});  // addv s4, v1.4s
  EXPECT_EQ(h.state.v[4].lo, 10u);
  h.state.v[1] = kHigh;
  h.run({0x6e303820});  // uaddlv h0, v1.16b: 16 * 0xf0 + (0 + ... + 15) = 3960
  EXPECT_EQ(h.state.v[0].lo, 3960u);
  EXPECT_EQ(h.state.v[0].hi, 0u);
}

TEST(A64Simd, ImmediatesAndLaneMoves) {
  A64Harness h;
  h.state.v[2] = kHigh;
  // movi v0.16b, #0x41; smov x6, v2.b[3]; umov w7, v2.h[2]; mov x5, v2.d[1];
  // mvni v2.4s, #0x12, lsl #8
  h.run({0x4f02e420, 0x4e072c46, 0x0e0a3c47, 0x4e183c45, 0x6f002642});
  EXPECT_EQ(h.state.v[0].lo, 0x4141414141414141u);
  EXPECT_EQ(h.state.v[0].hi, 0x4141414141414141u);
  EXPECT_EQ(h.state.x[6], 0xfffffffffffffff3u);  // smov x6, v2.b[3]
  EXPECT_EQ(h.state.x[7], 0xf5f4u);              // umov w7, v2.h[2]
  EXPECT_EQ(h.state.x[5], 0xfffefdfcfbfaf9f8u);  // mov x5, v2.d[1]
  EXPECT_EQ(h.state.v[2].lo, 0xffffedffffffedffu);
}

}  // namespace
}  // namespace xisa::aarch64::testing
