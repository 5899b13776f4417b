// Replays V 1.0 cases recorded from qemu-riscv64 7.2 (-cpu rv64,v=true,vlen=128,elen=64,
// vext_spec=v1.0) through xisa's frontend and interpreter; qemu_oracle/gen_rvv_oracle.py says
// how they were recorded and rvv_oracle_replay.h how they are replayed.
#include <iterator>

#include "rvv_oracle_replay.h"

namespace xisa::riscv64::testing {
namespace {

using rvv_replay::check_cases;
using rvv_replay::ConfigBy;

const VectorCase kRecorded[] = {
#include "qemu_oracle/rvv_cases.inc"
};

TEST(RvvQemuOracle, MatchesRecordedCasesOnTheHelperPath) {
  check_cases(kRecorded, ConfigBy::Register);
}

TEST(RvvQemuOracle, MatchesRecordedCasesOnTheIrPath) {
  check_cases(kRecorded, ConfigBy::Immediate);
}

TEST(RvvQemuOracle, MatchesRecordedCasesWithVlmaxKnown) {
  EXPECT_GT(check_cases(kRecorded, ConfigBy::VlmaxKnown), 1000u);
}

TEST(RvvQemuOracle, MatchesRecordedCasesBehindTheEntryGuard) {
  check_cases(kRecorded, ConfigBy::EntryState);
}

TEST(RvvQemuOracle, CoversEveryInstructionGroup) {
  std::set<uint32_t> words;
  unsigned illegal = 0;
  for (const VectorCase& c : kRecorded) {
    words.insert(c.word);
    illegal += static_cast<unsigned>(c.illegal);
  }
  EXPECT_GT(words.size(), 1200u);
  EXPECT_GT(illegal, 1000u);  // reserved encodings, vill, misaligned groups, reserved frm
  EXPECT_GT(std::size(kRecorded) - illegal, 5000u);
}

}  // namespace
}  // namespace xisa::riscv64::testing
