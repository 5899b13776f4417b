// Table-driven checks for the RV64 integer tests: a case runs one instruction with rd = x7,
// rs1 = x5 and rs2 = x6 through Rv64Harness and compares x7 with a hand-computed value.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>

#include "rv64_asm.h"
#include "rv64_harness.h"

namespace xisa::riscv64::testing {

inline constexpr unsigned kAluRd = 7, kAluRs1 = 5, kAluRs2 = 6;

struct AluCase {
  const char* what;  // the instruction in assembly, for failure messages
  uint32_t insn;
  uint64_t rs1, rs2, expected;
};

// Runs insns and checks the IR was well formed and control left at the end of the sequence
// (by a jump there, or by the block running on into the zeroed rest of the page and trapping).
inline void run_ok(Rv64Harness& h, const std::vector<uint32_t>& insns, bool compressed = false) {
  const interp::BlockExit exit = h.run(insns, compressed);
  EXPECT_EQ(h.last_ir_error, "");
  EXPECT_EQ(exit.pc, h.code_addr() + insns.size() * (compressed ? 2 : 4));
}

inline void check_alu_cases(std::initializer_list<AluCase> cases) {
  for (const AluCase& c : cases) {
    SCOPED_TRACE(c.what);
    Rv64Harness h;
    h.state.x[kAluRs1] = c.rs1;
    h.state.x[kAluRs2] = c.rs2;
    run_ok(h, {c.insn});
    EXPECT_EQ(h.state.x[kAluRd], c.expected) << std::hex << "rs1=0x" << c.rs1 << " rs2=0x" << c.rs2;
  }
}

}  // namespace xisa::riscv64::testing
