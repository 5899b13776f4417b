// Replays Zkne/Zknd/Zknh and Zbkb/Zbkx cases (RV64 forms) recorded from qemu-riscv64 7.2 (-cpu
// rv64,zkne=true,zknd=true,zknh=true,zbkb=true,zbkx=true; see qemu_oracle/gen_rv64b_oracle.py zk)
// through xisa's frontend and interpreter: rs1 = x11, rs2 = x12, rd = x10. Every instruction is
// recorded, aes64ks1i with every legal rnum (0..10); the reserved rnums must be illegal. The JIT is
// held to the interpreter by tests/diff (guest_jit_vs_interp).
#include <gtest/gtest.h>

#include <iterator>

#include "reg_oracle_replay.h"

namespace xisa::riscv64::testing {
namespace {

const RegCase kRecorded[] = {
#include "qemu_oracle/rv64zk_cases.inc"
};

TEST(Rv64ScalarCryptoQemuOracle, MatchesRecordedCases) {
  EXPECT_EQ(replay_reg_cases(kRecorded), 0u) << "of " << std::size(kRecorded) << " cases";
}

TEST(Rv64ScalarCryptoQemuOracle, CoversEveryInstructionWord) {
  // 6 AES + aes64ks1i with 11 rnums + 8 SHA + pack, packh, packw, brev8, xperm8, xperm4
  EXPECT_EQ(distinct_words(kRecorded), 6u + 11u + 8u + 6u);
}

TEST(Rv64ScalarCrypto, ReservedRoundNumbersAreIllegal) {
  for (uint32_t rnum = 11; rnum < 16; ++rnum) {
    Rv64Harness h;
    const uint32_t word = 0x31001513u | (11u << 15) | (rnum << 20);  // aes64ks1i a0, a1, rnum
    const interp::BlockExit exit = h.run({word});
    EXPECT_EQ(exit.kind, interp::ExitKind::Trap) << rnum;
    EXPECT_EQ(exit.pc, h.code_addr()) << rnum;
  }
}

}  // namespace
}  // namespace xisa::riscv64::testing
