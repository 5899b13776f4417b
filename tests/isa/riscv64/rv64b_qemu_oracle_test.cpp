// Replays Zba/Zbb/Zbc/Zbs cases recorded from qemu-riscv64 (see
// qemu_oracle/gen_rv64b_oracle.py) through xisa's frontend and interpreter: rs1 = x11,
// rs2 = x12, rd = x10. Every instruction word of the four extensions is in the recording, the
// immediate forms with several shift amounts. The JIT is held to the interpreter on the same
// instructions by tests/diff (guest_jit_vs_interp).
#include <gtest/gtest.h>

#include <cstdint>
#include <iterator>
#include <set>

#include "rv64_harness.h"

namespace xisa::riscv64::testing {
namespace {

struct BitmanipCase {
  uint32_t word;
  uint64_t rs1, rs2, rd;
};

const BitmanipCase kRecorded[] = {
#include "qemu_oracle/rv64b_cases.inc"
};

TEST(Rv64BitmanipQemuOracle, MatchesRecordedCases) {
  unsigned mismatches = 0;
  for (const BitmanipCase& c : kRecorded) {
    Rv64Harness h;
    h.state.x[11] = c.rs1;
    h.state.x[12] = c.rs2;
    const interp::BlockExit exit = h.run({c.word});
    const bool ran = exit.pc == h.code_addr() + 4 && h.last_ir_error.empty();
    if ((h.state.x[10] != c.rd || !ran) && ++mismatches <= 40) {
      ADD_FAILURE() << std::hex << "word " << c.word << " rs1 " << c.rs1 << " rs2 " << c.rs2
                    << ": qemu " << c.rd << ", xisa " << h.state.x[10]
                    << (ran ? "" : " (trapped or bad IR)");
    }
  }
  EXPECT_EQ(mismatches, 0u) << "of " << std::size(kRecorded) << " cases";
}

TEST(Rv64BitmanipQemuOracle, CoversEveryInstructionWord) {
  std::set<uint32_t> words;
  for (const BitmanipCase& c : kRecorded) words.insert(c.word);
  EXPECT_EQ(words.size(), 100u);  // 43 instructions; immediate forms with 10 shift amounts
}

}  // namespace
}  // namespace xisa::riscv64::testing
