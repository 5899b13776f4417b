// VLEN 256 (--rvv-vlen 256): a third of the V cases of rvv_qemu_oracle_test.cpp, recorded from
// qemu-riscv64 7.2 with vlen=256 (gen_rvv_oracle.py --vlen 256), replayed with xisa's VLEN set
// to 256: VLMAX, register groups, whole-register moves and accesses, slides and gathers over
// 32-byte registers. Every instruction takes the helpers at this VLEN (the v128 IR path is
// for VLEN 128), so the vsetvli replay checks that the IR path stays out of the way.
#include <iterator>

#include "rvv_oracle_replay.h"

namespace xisa::riscv64::testing {
namespace {

using rvv_replay::check_cases;
using rvv_replay::ConfigBy;

const VectorCase kRecorded[] = {
#include "qemu_oracle/rvv_vlen256_cases.inc"
};

// VLEN is per process: 256 for one test, then back to the default.
class Vlen256 : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(set_vlen_bits(256)); }
  void TearDown() override { set_vlen_bits(128); }
};

TEST_F(Vlen256, MatchesRecordedCasesOnTheHelperPath) {
  check_cases(kRecorded, ConfigBy::Register);
}

TEST_F(Vlen256, MatchesRecordedCasesAfterAVsetvli) {
  check_cases(kRecorded, ConfigBy::Immediate);
}

TEST_F(Vlen256, MatchesRecordedCasesWithTheEntryState) {
  check_cases(kRecorded, ConfigBy::EntryState);
}

TEST_F(Vlen256, CsrVlenbAndVlmaxFollowVlen) {
  Rv64Harness h;
  // csrr x5, vlenb; vsetvli x6, x0, e8, m8 (VLMAX)
  h.run({0xc22022f3, (3u << 20) | (7 << 12) | (6 << 7) | 0x57});
  EXPECT_EQ(h.state.x[5], 32u);
  EXPECT_EQ(h.state.x[6], 256u);
}

TEST(RvvVlen, OnlyVlen128And256) {
  EXPECT_FALSE(set_vlen_bits(512));
  EXPECT_FALSE(set_vlen_bits(64));
  EXPECT_EQ(vlen_bytes(), 16u);
}

TEST(RvvVlen, CoversTheInstructionGroupsAtVlen256) {
  std::set<uint32_t> words;
  unsigned illegal = 0;
  for (const VectorCase& c : kRecorded) {
    words.insert(c.word);
    illegal += static_cast<unsigned>(c.illegal);
  }
  EXPECT_GT(words.size(), 1200u);
  EXPECT_GT(std::size(kRecorded) - illegal, 1500u);
}

}  // namespace
}  // namespace xisa::riscv64::testing
