// Replays Zba/Zbb/Zbc/Zbs cases recorded from qemu-riscv64 (see
// qemu_oracle/gen_rv64b_oracle.py) through xisa's frontend and interpreter: rs1 = x11,
// rs2 = x12, rd = x10. Every instruction word of the four extensions is in the recording, the
// immediate forms with several shift amounts. The JIT is held to the interpreter on the same
// instructions by tests/diff (guest_jit_vs_interp).
#include <gtest/gtest.h>

#include <iterator>

#include "reg_oracle_replay.h"

namespace xisa::riscv64::testing {
namespace {

const RegCase kRecorded[] = {
#include "qemu_oracle/rv64b_cases.inc"
};

TEST(Rv64BitmanipQemuOracle, MatchesRecordedCases) {
  EXPECT_EQ(replay_reg_cases(kRecorded), 0u) << "of " << std::size(kRecorded) << " cases";
}

TEST(Rv64BitmanipQemuOracle, CoversEveryInstructionWord) {
  EXPECT_EQ(distinct_words(kRecorded), 100u);  // 43 instructions; immediate forms with 10 shifts
}

}  // namespace
}  // namespace xisa::riscv64::testing
