// Replays LSE atomics recorded from qemu-aarch64 7.2 -cpu max (qemu_oracle/gen_a64_lse_oracle.py)
// through xisa's frontend and interpreter: LD<op>, SWP and CAS on B, H, W and X with register
// values whose upper bits lie outside the access, which the Unicorn diff cannot check (Unicorn
// 2.0.1 gets the narrow LD[SU]MAX/MIN wrong). Xs = x2, Xt = x3, Xn = x1. The JIT is held to the
// interpreter on the same instructions by tests/diff (guest_jit_vs_interp).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <iterator>
#include <set>

#include "a64_harness.h"

namespace xisa::aarch64::testing {
namespace {

struct LseCase {
  uint32_t word;
  uint64_t memory, xs, xt, xs_after, xt_after, memory_after;
};

const LseCase kRecorded[] = {
#include "qemu_oracle/a64_lse_cases.inc"
};

TEST(A64LseQemuOracle, MatchesRecordedCases) {
  unsigned mismatches = 0;
  A64Harness h;
  for (const LseCase& c : kRecorded) {
    h.state = Aarch64State{};
    h.state.excl_addr = kNoExclusive;
    h.state.x[1] = h.data_addr() + 16;
    h.state.x[2] = c.xs;
    h.state.x[3] = c.xt;
    std::memcpy(h.data() + 16, &c.memory, 8);
    const interp::BlockExit exit = h.run({c.word});
    uint64_t memory;
    std::memcpy(&memory, h.data() + 16, 8);
    const bool ran = exit.pc == h.code_addr() + 4 && h.last_ir_error.empty();
    if ((h.state.x[2] != c.xs_after || h.state.x[3] != c.xt_after || memory != c.memory_after ||
         !ran) &&
        ++mismatches <= 40) {
      ADD_FAILURE() << std::hex << "word " << c.word << " memory " << c.memory << " xs " << c.xs
                    << " xt " << c.xt << ": qemu xs " << c.xs_after << " xt " << c.xt_after
                    << " memory " << c.memory_after << "; xisa xs " << h.state.x[2] << " xt "
                    << h.state.x[3] << " memory " << memory << (ran ? "" : " (trapped or bad IR)");
    }
  }
  EXPECT_EQ(mismatches, 0u) << "of " << std::size(kRecorded) << " cases";
}

TEST(A64LseQemuOracle, CoversEveryOperationAndSize) {
  std::set<uint32_t> words;
  for (const LseCase& c : kRecorded) words.insert(c.word);
  EXPECT_EQ(words.size(), 40u);  // (8 LD<op> + SWP + CAS) x 4 sizes
}

}  // namespace
}  // namespace xisa::aarch64::testing
