// Tininess after rounding, as RISC-V defines UF, re-derived by fp_env.h for hosts that detect it
// before rounding (AArch64). x86 hosts already report it after rounding, so the end-to-end tests
// never drop a UF here; this checks the decision itself on values on both sides of each boundary.
// (The operations read their operands through volatile copies, so no compiler flag is needed.)
#include <gtest/gtest.h>

#include "frontend/riscv64/fp_env.h"

namespace xisa::riscv64::fp {
namespace {

// x = c - a * b, evaluated exactly: values just under 2^emin that T cannot hold.
template <typename T>
bool tiny(unsigned rm, T c, T a, T b) {
  return tiny_after_rounding<T>(rm, c < 0, [c, a, b](auto wide) {
    using W = decltype(wide);
    return W(opaque(W(c)) - opaque(W(a)) * opaque(W(b)));
  });
}

TEST(Rv64FdTininess, AfterRoundingBoundaries) {
  const float min_s = 0x1p-126f, e75 = 0x1p-75f;
  // To nearest: 2^-126 - 2^-151 is the midpoint that rounds (to even) up to 2^-126: not tiny.
  EXPECT_FALSE(tiny<float>(kRne, min_s, e75, 0x1p-76f));
  EXPECT_TRUE(tiny<float>(kRne, min_s, e75, 0x1.8p-76f));
  EXPECT_TRUE(tiny<float>(kRne, min_s, e75, 0x1p-75f));
  // Away from zero: tiny only at or below 2^-126 - 2^-150, the largest 24-bit value under it.
  EXPECT_FALSE(tiny<float>(kRup, min_s, e75, 0x1p-76f));
  EXPECT_FALSE(tiny<float>(kRup, min_s, e75, 0x1.fffffep-76f));
  EXPECT_TRUE(tiny<float>(kRup, min_s, e75, 0x1p-75f));
  EXPECT_FALSE(tiny<float>(kRdn, -min_s, -e75, 0x1p-76f));
  EXPECT_TRUE(tiny<float>(kRdn, -min_s, -e75, 0x1p-75f));
  const double min_d = 0x1p-1022, e538 = 0x1p-538;
  EXPECT_FALSE(tiny<double>(kRne, min_d, e538, 0x1p-538));
  EXPECT_TRUE(tiny<double>(kRne, min_d, e538, 0x1p-537));
  EXPECT_FALSE(tiny<double>(kRup, min_d, e538, 0x1p-538));
  EXPECT_TRUE(tiny<double>(kRup, min_d, e538, 0x1p-537));
  // Just above the largest 53-bit value under 2^-1022, by 2^-1128: an 80-bit Wide truncates it
  // onto that value, so only the Wide operation's inexact flag tells them apart.
  EXPECT_FALSE(tiny<double>(kRup, min_d, e538, 0x1.fffffffffffffp-538));
}

}  // namespace
}  // namespace xisa::riscv64::fp
