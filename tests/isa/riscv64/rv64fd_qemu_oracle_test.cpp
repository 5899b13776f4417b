// Replays F/D cases recorded from qemu-riscv64 (an independent IEEE implementation, softfloat)
// through xisa's frontend and interpreter. qemu_oracle/gen_rv64fd_oracle.py says how a
// recording is made; qemu_oracle/rv64fd_cases.inc holds a selection of one (RMM ties, UF/OF
// cases, a few of every instruction word). rd is f10 or x10; f1, f2, f3 hold a, b, c and x11
// holds a. XISA_RV64FD_ORACLE=cases.txt replays a full recording (its text lines instead).
#include <gtest/gtest.h>

#include <vector>

#include "fp_oracle_replay.h"

namespace xisa::riscv64::testing {
namespace {

const OracleCase kRecorded[] = {
#include "qemu_oracle/rv64fd_cases.inc"
};

// preset_fflags: fflags before each case; qemu's recording started from 0, and with NX preset
// the expected flags are the recorded ones plus NX. With NX preset, RNE cases take the guarded
// fast path (frontend/common/fp_fast_path.h) wherever its guard holds, and the exact path
// everywhere else: the results must not differ.
void check_recorded_cases(uint32_t preset_fflags) {
  const std::vector<OracleCase> cases = recorded_or_from_env(kRecorded, "XISA_RV64FD_ORACLE");
  const unsigned mismatches = replay_fp_cases(cases, preset_fflags);
  EXPECT_EQ(mismatches, 0u) << "of " << cases.size() << " cases";
  EXPECT_GT(cases.size(), 1000u);
}

TEST(Rv64FdQemuOracle, MatchesRecordedCases) {
  check_recorded_cases(0);
}

TEST(Rv64FdQemuOracle, MatchesRecordedCasesWithInexactRaised) {
  check_recorded_cases(1);  // NX
}

}  // namespace
}  // namespace xisa::riscv64::testing
