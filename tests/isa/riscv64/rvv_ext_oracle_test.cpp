// Zvbb (with its subset Zvkb) and Zvfhmin against qemu_oracle/rvv_ext_cases.inc, which
// qemu_oracle/gen_rvv_ext_oracle.py computes from the spec text (qemu-riscv64 7.2, the oracle
// of the other V cases, has neither): every Zvbb instruction and form under random SEW, LMUL,
// vl, masks and policies, with register choices that break the group rules; vfwcvt.f.f.v and
// vfncvt.f.f.w at SEW 16 (and 32) under every frm, and the FP instructions that stay illegal at
// SEW 16 without Zvfh. Replayed on the helper path, the IR path and behind the entry guard.
#include <iterator>

#include "rvv_oracle_replay.h"

namespace xisa::riscv64::testing {
namespace {

using rvv_replay::check_cases;
using rvv_replay::ConfigBy;

const VectorCase kComputed[] = {
#include "qemu_oracle/rvv_ext_cases.inc"
};

TEST(RvvExtOracle, MatchesComputedCasesOnTheHelperPath) {
  check_cases(kComputed, ConfigBy::Register);
}

TEST(RvvExtOracle, MatchesComputedCasesOnTheIrPath) {
  check_cases(kComputed, ConfigBy::Immediate);
}

TEST(RvvExtOracle, MatchesComputedCasesBehindTheEntryGuard) {
  check_cases(kComputed, ConfigBy::EntryState);
}

TEST(RvvExtOracle, CoversEveryInstruction) {
  std::set<uint32_t> legal_words;
  unsigned illegal = 0, fp_flags = 0;
  for (const VectorCase& c : kComputed) {
    if (!c.illegal) legal_words.insert(c.word);
    illegal += static_cast<unsigned>(c.illegal);
    fp_flags += c.memory == 4 && (c.status >> 24) != 0;
  }
  // Every funct6/funct3/vs1 combination of Zvbb and the two conversions ran legally at least once.
  std::set<uint32_t> kinds;
  for (const uint32_t w : legal_words) kinds.insert(w & 0xfc0ff000u);
  EXPECT_GE(kinds.size(), 4u * 2 + 2 + 1 + 6 + 2);  // vandn/vror/vrol/vwsll .vv/.vx, vror.vi
                                                    // (both halves), vwsll.vi, 6 unary, 2 cvt
  EXPECT_GT(illegal, 800u);
  EXPECT_GT(std::size(kComputed) - illegal, 2000u);
  EXPECT_GT(fp_flags, 50u);
}

}  // namespace
}  // namespace xisa::riscv64::testing
