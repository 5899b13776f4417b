// RV64M per-instruction tests: hand-computed products and quotients (Volume I, chapter 13),
// including the defined results of division by zero (quotient all ones, remainder = dividend)
// and of signed overflow MIN / -1 (quotient MIN, remainder 0), in 64- and 32-bit forms.
#include <gtest/gtest.h>

#include "rv64_int_cases.h"

namespace xisa::riscv64::testing {
namespace {

using namespace rvasm;

constexpr uint64_t kAll = ~uint64_t{0};
constexpr uint64_t kMin = uint64_t{1} << 63;
constexpr uint64_t kMax = kMin - 1;
constexpr uint64_t kMin32 = 0xffffffff80000000;  // INT32_MIN sign-extended

TEST(Rv64M, Multiply) {
  check_alu_cases({
      {"mul 3*-2", mul(kAluRd, kAluRs1, kAluRs2), 3, uint64_t(-2), uint64_t(-6)},
      {"mul 2^32*2^32 low half", mul(kAluRd, kAluRs1, kAluRs2), 1ull << 32, 1ull << 32, 0},
      {"mul MAX*2", mul(kAluRd, kAluRs1, kAluRs2), kMax, 2, 0xfffffffffffffffe},
      {"mulh -1*-1", mulh(kAluRd, kAluRs1, kAluRs2), kAll, kAll, 0},
      {"mulh -1*5", mulh(kAluRd, kAluRs1, kAluRs2), kAll, 5, kAll},
      {"mulh MIN*MIN", mulh(kAluRd, kAluRs1, kAluRs2), kMin, kMin, 0x4000000000000000},
      {"mulh MIN*MAX", mulh(kAluRd, kAluRs1, kAluRs2), kMin, kMax, 0xc000000000000000},
      {"mulhsu -1*(2^64-1)", mulhsu(kAluRd, kAluRs1, kAluRs2), kAll, kAll, kAll},
      {"mulhsu 2*2^63", mulhsu(kAluRd, kAluRs1, kAluRs2), 2, kMin, 1},
      {"mulhsu MAX*(2^64-1)", mulhsu(kAluRd, kAluRs1, kAluRs2), kMax, kAll, kMax - 1},
      {"mulhu (2^64-1)^2", mulhu(kAluRd, kAluRs1, kAluRs2), kAll, kAll, 0xfffffffffffffffe},
      {"mulhu 2^63*2", mulhu(kAluRd, kAluRs1, kAluRs2), kMin, 2, 1},
      {"mulw overflow", mulw(kAluRd, kAluRs1, kAluRs2), 0x7fffffff, 2, 0xfffffffffffffffe},
      {"mulw ignores upper", mulw(kAluRd, kAluRs1, kAluRs2), 0x100000003, 0x200000005, 15},
      {"mulw 2^16*2^16", mulw(kAluRd, kAluRs1, kAluRs2), 0x10000, 0x10000, 0},
  });
}

TEST(Rv64M, Divide) {
  check_alu_cases({
      {"div 7/-2 truncates", div(kAluRd, kAluRs1, kAluRs2), 7, uint64_t(-2), uint64_t(-3)},
      {"div -7/2", div(kAluRd, kAluRs1, kAluRs2), uint64_t(-7), 2, uint64_t(-3)},
      {"div by zero", div(kAluRd, kAluRs1, kAluRs2), 42, 0, kAll},
      {"div 0/0", div(kAluRd, kAluRs1, kAluRs2), 0, 0, kAll},
      {"div MIN/-1 overflows", div(kAluRd, kAluRs1, kAluRs2), kMin, kAll, kMin},
      {"divu 7/2", divu(kAluRd, kAluRs1, kAluRs2), 7, 2, 3},
      {"divu by zero", divu(kAluRd, kAluRs1, kAluRs2), 42, 0, kAll},
      {"divu (2^64-1)/2", divu(kAluRd, kAluRs1, kAluRs2), kAll, 2, kMax},
      {"rem 7%-2", rem(kAluRd, kAluRs1, kAluRs2), 7, uint64_t(-2), 1},
      {"rem -7%2", rem(kAluRd, kAluRs1, kAluRs2), uint64_t(-7), 2, kAll},
      {"rem by zero", rem(kAluRd, kAluRs1, kAluRs2), uint64_t(-42), 0, uint64_t(-42)},
      {"rem MIN%-1", rem(kAluRd, kAluRs1, kAluRs2), kMin, kAll, 0},
      {"remu 7%0", remu(kAluRd, kAluRs1, kAluRs2), 7, 0, 7},
      {"remu (2^64-1)%10", remu(kAluRd, kAluRs1, kAluRs2), kAll, 10, 5},
  });
}

TEST(Rv64M, DivideWord) {
  check_alu_cases({
      {"divw MIN/-1", divw(kAluRd, kAluRs1, kAluRs2), 0x80000000, kAll, kMin32},
      {"divw by zero", divw(kAluRd, kAluRs1, kAluRs2), 5, 0, kAll},
      {"divw by zero in the low word", divw(kAluRd, kAluRs1, kAluRs2), 5, 0x100000000, kAll},
      {"divw -7/2", divw(kAluRd, kAluRs1, kAluRs2), uint64_t(-7), 2, uint64_t(-3)},
      {"divw ignores upper", divw(kAluRd, kAluRs1, kAluRs2), 0x1234567800000007, 0xffffffff00000002,
       3},
      {"divuw by zero", divuw(kAluRd, kAluRs1, kAluRs2), 0x80000000, 0, kAll},
      {"divuw 0xffffffff/1 sign-extends", divuw(kAluRd, kAluRs1, kAluRs2), 0xffffffff, 1, kAll},
      {"divuw 0xfffffffe/2", divuw(kAluRd, kAluRs1, kAluRs2), 0xfffffffe, 2, 0x7fffffff},
      {"remw MIN%-1", remw(kAluRd, kAluRs1, kAluRs2), 0x80000000, kAll, 0},
      {"remw by zero", remw(kAluRd, kAluRs1, kAluRs2), uint64_t(-7), 0, uint64_t(-7)},
      {"remw by zero keeps the low word", remw(kAluRd, kAluRs1, kAluRs2), 0x100000005, 0, 5},
      {"remw -7%2", remw(kAluRd, kAluRs1, kAluRs2), uint64_t(-7), 2, kAll},
      {"remuw by zero sign-extends", remuw(kAluRd, kAluRs1, kAluRs2), 0x80000005, 0,
       0xffffffff80000005},
      {"remuw 10%3", remuw(kAluRd, kAluRs1, kAluRs2), 10, 3, 1},
      {"remuw 0xffffffff%16", remuw(kAluRd, kAluRs1, kAluRs2), 0xffffffff, 16, 15},
  });
}

TEST(Rv64M, DestinationEqualsSource) {
  Rv64Harness h;
  h.state.x[5] = 100;
  h.state.x[6] = 7;
  run_ok(h, {div(5, 5, 6), rem(6, 5, 6)});  // x5 = 14, then x6 = 14 % 7
  EXPECT_EQ(h.state.x[5], 14u);
  EXPECT_EQ(h.state.x[6], 0u);
}

}  // namespace
}  // namespace xisa::riscv64::testing
