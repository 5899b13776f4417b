// Zfa (half, single and double forms) against qemu_oracle/rv64_zfa_cases.inc, which
// qemu_oracle/gen_zfa_oracle.py computes from the ratified chapter with exact rationals:
// qemu-riscv64 7.2, the oracle of the F/D cases, has no Zfa. Every FLI entry, FMINM/FMAXM and
// FLEQ/FLTQ on NaN, signed-zero and random pairs, FROUND/FROUNDNX under every static rounding
// mode, FCVTMOD.W.D in and out of the int32 range. Plus what the table cannot say: reserved
// rounding modes and FCVTMOD's fixed RTZ.
#include <gtest/gtest.h>

#include <iterator>
#include <set>

#include "fp_oracle_replay.h"

namespace xisa::riscv64::testing {
namespace {

const OracleCase kComputed[] = {
#include "qemu_oracle/rv64_zfa_cases.inc"
};

TEST(Rv64ZfaOracle, MatchesComputedCases) {
  EXPECT_EQ(replay_fp_cases(kComputed, 0), 0u) << "of " << std::size(kComputed) << " cases";
}

TEST(Rv64ZfaOracle, MatchesComputedCasesWithInexactRaised) {
  EXPECT_EQ(replay_fp_cases(kComputed, 1), 0u) << "of " << std::size(kComputed) << " cases";
}

TEST(Rv64ZfaOracle, CoversEveryInstruction) {
  std::set<uint32_t> words;
  for (const OracleCase& c : kComputed) words.insert(c.word);
  // in 3 formats: fli 32, fminm/fmaxm/fleq/fltq 4, fround/froundnx 2 * 5 rm; fcvtmod.w.d 1
  EXPECT_EQ(words.size(), 3 * (32u + 4u + 10u) + 1u);
}

bool is_illegal(uint32_t word) {
  Rv64Harness h;
  const interp::BlockExit exit = h.run({word});
  return exit.kind == interp::ExitKind::Trap && exit.trap == ir::TrapKind::IllegalInstruction &&
         exit.pc == h.code_addr();  // not the zero halfword after it
}

TEST(Rv64Zfa, ReservedEncodingsAreIllegal) {
  EXPECT_TRUE(is_illegal(0xc28005d3));   // fcvtmod.w.d a1, ft1 with rm = rne (must be rtz)
  EXPECT_TRUE(is_illegal(0xc28075d3));   // ... rm = dyn
  EXPECT_TRUE(is_illegal(0x424954d3));   // fround.d fs1, fs2 with rm 5 (reserved)
  EXPECT_FALSE(is_illegal(0xc28095d3));  // fcvtmod.w.d a1, ft1, rtz
}

TEST(Rv64Zfa, DynamicRoundingUsesFrm) {
  Rv64Harness h;
  h.state.f[18] = 0x4004000000000000;            // 2.5
  h.state.frm = 3;                               // RUP
  h.run({0x424974d3});                           // fround.d fs1, fs2, dyn
  EXPECT_EQ(h.state.f[9], 0x4008000000000000u);  // 3.0
  h.state.frm = 5;                               // reserved: the instruction is illegal
  const interp::BlockExit exit = h.run({0x424974d3});
  EXPECT_EQ(exit.kind, interp::ExitKind::Trap);
  EXPECT_EQ(exit.pc, h.code_addr());
}

}  // namespace
}  // namespace xisa::riscv64::testing
