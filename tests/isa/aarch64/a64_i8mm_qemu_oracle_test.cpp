// Replays FEAT_I8MM cases recorded from qemu-aarch64 7.2 -cpu max
// (qemu_oracle/gen_a64_i8mm_oracle.py) through xisa's frontend and interpreter: SMMLA, UMMLA,
// USMMLA, USDOT and SUDOT, which Unicorn 2.0.1 does not implement. Vd = v0, Vn = v1, Vm = v2.
// The JIT is held to the interpreter on the same instructions by tests/diff
// (guest_jit_vs_interp, aarch64_qemu_oracle_cases.inc).
#include <gtest/gtest.h>

#include <cstdint>
#include <iterator>
#include <set>

#include "a64_harness.h"

namespace xisa::aarch64::testing {
namespace {

struct I8mmCase {
  uint32_t word;
  uint64_t d_lo, d_hi, n_lo, n_hi, m_lo, m_hi, r_lo, r_hi;
};

const I8mmCase kRecorded[] = {
#include "qemu_oracle/a64_i8mm_cases.inc"
};

TEST(A64I8mmQemuOracle, MatchesRecordedCases) {
  unsigned mismatches = 0;
  A64Harness h;
  for (const I8mmCase& c : kRecorded) {
    h.state = Aarch64State{};
    h.state.v[0] = {c.d_lo, c.d_hi};
    h.state.v[1] = {c.n_lo, c.n_hi};
    h.state.v[2] = {c.m_lo, c.m_hi};
    const interp::BlockExit exit = h.run({c.word});
    const bool ran = exit.pc == h.code_addr() + 4 && h.last_ir_error.empty();
    if ((h.state.v[0].lo != c.r_lo || h.state.v[0].hi != c.r_hi || !ran) && ++mismatches <= 20)
      ADD_FAILURE() << std::hex << "word " << c.word << " d " << c.d_hi << ":" << c.d_lo << " n "
                    << c.n_hi << ":" << c.n_lo << " m " << c.m_hi << ":" << c.m_lo << ": qemu "
                    << c.r_hi << ":" << c.r_lo << ", xisa " << h.state.v[0].hi << ":"
                    << h.state.v[0].lo << (ran ? "" : " (trapped or bad IR)");
  }
  EXPECT_EQ(mismatches, 0u) << "of " << std::size(kRecorded) << " cases";
}

TEST(A64I8mmQemuOracle, CoversEveryInstructionWord) {
  std::set<uint32_t> words;
  for (const I8mmCase& c : kRecorded) words.insert(c.word);
  EXPECT_EQ(words.size(), 11u);
}

}  // namespace
}  // namespace xisa::aarch64::testing
