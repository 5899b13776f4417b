// Replays Zfh/Zfhmin cases recorded from qemu-riscv64 7.2 (-cpu rv64,Zfh=true,Zfhmin=true;
// softfloat's binary16) through xisa's frontend and interpreter, fflags included:
// qemu_oracle/gen_rv64fd_oracle.py zfh says how; rv64zfh_cases.inc holds a selection (RMM ties,
// UF/OF cases, a few of every instruction word under every rounding mode). Halves are NaN-boxed
// (upper 48 bits ones); the recording includes badly boxed operands. XISA_RV64ZFH_ORACLE=cases.txt
// replays a full recording instead.
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "fp_oracle_replay.h"

namespace xisa::riscv64::testing {
namespace {

const OracleCase kRecorded[] = {
#include "qemu_oracle/rv64zfh_cases.inc"
};

void check_recorded_cases(uint32_t preset_fflags) {
  const std::vector<OracleCase> cases = recorded_or_from_env(kRecorded, "XISA_RV64ZFH_ORACLE");
  EXPECT_EQ(replay_fp_cases(cases, preset_fflags), 0u) << "of " << cases.size() << " cases";
  EXPECT_GT(cases.size(), 1000u);
}

TEST(Rv64ZfhQemuOracle, MatchesRecordedCases) {
  check_recorded_cases(0);
}

TEST(Rv64ZfhQemuOracle, MatchesRecordedCasesWithInexactRaised) {
  check_recorded_cases(1);  // NX
}

TEST(Rv64ZfhQemuOracle, CoversEveryInstructionWord) {
  std::set<uint32_t> words;
  for (const OracleCase& c : kRecorded) words.insert(c.word);
  // 21 instructions with an rm field under its 5 static modes, 11 without one
  EXPECT_EQ(words.size(), 21u * 5 + 11);
}

// Loads and stores move 16 bits: FLH NaN-boxes, FSH stores the low half as it is.
TEST(Rv64Zfh, LoadBoxesStoreTruncates) {
  Rv64Harness h;
  h.state.x[8] = h.data_addr();
  h.data()[0] = 0x00;
  h.data()[1] = 0x3c;                 // 1.0
  h.state.f[2] = 0x1234567800004000;  // not boxed: stored as it is
  // flh f1, 0(s0); fsh f2, 2(s0)
  h.run({0x00041087, 0x00241127});
  EXPECT_EQ(h.state.f[1], 0xffffffffffff3c00u);
  EXPECT_EQ(h.data()[2], 0x00);
  EXPECT_EQ(h.data()[3], 0x40);
}

}  // namespace
}  // namespace xisa::riscv64::testing
