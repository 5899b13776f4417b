// RV64C tests: expand_rvc against riscv64-linux-gnu-as (each pair below is one compressed
// instruction assembled with .option rvc and its 32-bit form with .option norvc, read back
// with objdump), the reserved encodings that must expand to 0, and compressed code run through
// the frontend (2-byte lengths for links and fallthrough).
#include <gtest/gtest.h>

#include <cstring>

#include "frontend/riscv64/lifter.h"
#include "rv64_int_cases.h"

namespace xisa::riscv64::testing {
namespace {

using namespace rvasm;

TEST(Rvc, ExpandsLikeTheGnuAssembler) {
  struct Case {
    uint16_t compressed;
    uint32_t expanded;
    const char* text;
  };
  const Case cases[] = {
      {0x1fe0, 0x3fc10413, "c.addi4spn x8, x2, 1020"},
      {0x005c, 0x00410793, "c.addi4spn x15, x2, 4"},
      {0x3fe0, 0x0f87b407, "c.fld f8, 248(x15)"},
      {0x5d64, 0x07c52483, "c.lw x9, 124(x10)"},
      {0x4144, 0x00452483, "c.lw x9, 4(x10)"},
      {0x7d64, 0x0f853483, "c.ld x9, 248(x10)"},
      {0xa404, 0x00943427, "c.fsd f9, 8(x8)"},
      {0xc03c, 0x04f42023, "c.sw x15, 64(x8)"},
      {0xe05c, 0x08f43023, "c.sd x15, 128(x8)"},
      {0x0001, 0x00000013, "c.nop"},
      {0x1281, 0xfe028293, "c.addi x5, -32"},
      {0x0ffd, 0x01ff8f93, "c.addi x31, 31"},
      {0x22fd, 0x01f2829b, "c.addiw x5, 31"},
      {0x337d, 0xfff3031b, "c.addiw x6, -1"},
      {0x557d, 0xfff00513, "c.li x10, -1"},
      {0x7101, 0xe0010113, "c.addi16sp x2, -512"},
      {0x617d, 0x1f010113, "c.addi16sp x2, 496"},
      {0x7281, 0xfffe02b7, "c.lui x5, 0xfffe0"},
      {0x62fd, 0x0001f2b7, "c.lui x5, 0x1f"},
      {0x907d, 0x03f45413, "c.srli x8, 63"},
      {0x8485, 0x4014d493, "c.srai x9, 1"},
      {0x9901, 0xfe057513, "c.andi x10, -32"},
      {0x8c05, 0x40940433, "c.sub x8, x9"},
      {0x8c3d, 0x00f44433, "c.xor x8, x15"},
      {0x8fc1, 0x0087e7b3, "c.or x15, x8"},
      {0x8ce9, 0x00a4f4b3, "c.and x9, x10"},
      {0x9c05, 0x4094043b, "c.subw x8, x9"},
      {0x9f3d, 0x00f7073b, "c.addw x14, x15"},
      {0xb001, 0x801ff06f, "c.j .-2048"},
      {0xaffd, 0x7fe0006f, "c.j .+2046"},
      {0xd001, 0xf00400e3, "c.beqz x8, .-256"},
      {0xeffd, 0x0e079f63, "c.bnez x15, .+254"},
      {0x1ffe, 0x03ff9f93, "c.slli x31, 63"},
      {0x3ffe, 0x1f813f87, "c.fldsp f31, 504(x2)"},
      {0x50fe, 0x0fc12083, "c.lwsp x1, 252(x2)"},
      {0x70fe, 0x1f813083, "c.ldsp x1, 504(x2)"},
      {0x8082, 0x00008067, "c.jr x1"},
      {0x82fe, 0x01f002b3, "c.mv x5, x31"},
      {0x9002, 0x00100073, "c.ebreak"},
      {0x9282, 0x000280e7, "c.jalr x5"},
      {0x92fe, 0x01f282b3, "c.add x5, x31"},
      {0xbffe, 0x1ff13c27, "c.fsdsp f31, 504(x2)"},
      {0xdffe, 0x0ff12e23, "c.swsp x31, 252(x2)"},
      {0xfffe, 0x1ff13c23, "c.sdsp x31, 504(x2)"},
  };
  for (const Case& c : cases)
    EXPECT_EQ(expand_rvc(c.compressed), c.expanded) << c.text << std::hex << " 0x" << c.compressed;
}

TEST(Rvc, ReservedEncodingsExpandToZero) {
  struct Case {
    uint16_t compressed;
    const char* why;
  };
  const Case cases[] = {
      {0x0000, "all-zero halfword (C.ADDI4SPN, nzuimm 0)"},
      {0x0004, "C.ADDI4SPN x9 with nzuimm 0"},
      {0x6301, "C.LUI x6 with nzimm 0 (odd rd below x16 is Zcmop's C.MOP)"},
      {0x6881, "C.LUI x17 with nzimm 0"},
      {0x6101, "C.ADDI16SP with nzimm 0"},
      {0x2005, "C.ADDIW with rd = x0"},
      {0x4002, "C.LWSP with rd = x0"},
      {0x6002, "C.LDSP with rd = x0"},
      {0x8002, "C.JR with rs1 = x0"},
      {0x9000, "quadrant 0, funct3 100, funct6 100100 (reserved)"},
      {0x9c00, "quadrant 0, funct3 100, funct6 100111 (reserved)"},
      {0x8c40, "Zcb C.SH with bit 6 set (reserved)"},
      {0x9c79, "Zcb one-register form 110 after C.NOT (reserved)"},
      {0x9c7d, "Zcb one-register form 111 after C.NOT (reserved)"},
  };
  for (const Case& c : cases) EXPECT_EQ(expand_rvc(c.compressed), 0u) << c.why;
}

TEST(Rvc, HintsAreLegal) {
  // Hints execute as no-ops but are not illegal (Volume I, table 16.3).
  EXPECT_EQ(expand_rvc(0x0005), 0x00100013u);  // c.nop 1 -> addi x0, x0, 1
  EXPECT_EQ(expand_rvc(0x4001), 0x00000013u);  // c.li x0, 0 -> addi x0, x0, 0
  EXPECT_EQ(expand_rvc(0x8016), 0x00500033u);  // c.mv x0, x5 -> add x0, x0, x5
}

// Compressed code through the frontend and the interpreter.
TEST(Rvc, ArithmeticRunsWithTwoByteLength) {
  Rv64Harness h;
  // c.li a0,5; c.addi a0,-1; c.slli a0,3; c.mv a1,a0; c.add a1,a0; c.addiw a1,-1;
  // c.lui a2,0xfffe0; c.srai a1,1 (a1 = 63 >> 1 = 31)
  run_ok(h, {0x4515, 0x157d, 0x050e, 0x85aa, 0x95aa, 0x35fd, 0x7601, 0x8585}, true);
  EXPECT_EQ(h.state.x[10], 32u);
  EXPECT_EQ(h.state.x[11], 31u);
  EXPECT_EQ(h.state.x[12], 0xfffffffffffe0000);
}

TEST(Rvc, StackLoadsAndStores) {
  Rv64Harness h;
  h.state.x[2] = h.data_addr();
  h.state.x[10] = 0x1122334455667788;
  // c.sdsp a0,8(sp); c.ldsp a1,8(sp); c.lwsp a2,8(sp) (sign-extends 0x55667788: positive);
  // c.addi4spn s0,sp,8; c.lw s1,4(s0) -> 0x11223344
  run_ok(h, {0xe42a, 0x65a2, 0x4622, 0x0020, 0x4044}, true);
  uint64_t mem;
  std::memcpy(&mem, h.data() + 8, 8);
  EXPECT_EQ(mem, 0x1122334455667788u);
  EXPECT_EQ(h.state.x[11], 0x1122334455667788u);
  EXPECT_EQ(h.state.x[12], 0x55667788u);
  EXPECT_EQ(h.state.x[8], h.data_addr() + 8);
  EXPECT_EQ(h.state.x[9], 0x11223344u);
}

TEST(Rvc, JalrLinksToTheNextHalfword) {
  Rv64Harness h;
  h.state.x[5] = h.code_addr() + 6;
  // 0: c.jalr t0 -> 6; 2: c.li a0,1 (skipped); 4: c.li a0,2 (skipped); 6: c.li a1,3
  run_ok(h, {0x9282, 0x4505, 0x4509, 0x458d}, true);
  EXPECT_EQ(h.state.x[1], h.code_addr() + 2);
  EXPECT_EQ(h.state.x[10], 0u);
  EXPECT_EQ(h.state.x[11], 3u);
}

TEST(Rvc, BranchesAndJump) {
  for (const uint64_t s0 : {uint64_t{0}, uint64_t{5}}) {
    SCOPED_TRACE(s0);
    Rv64Harness h;
    h.state.x[8] = s0;
    // 0: c.beqz s0,+6 -> 6; 2: c.li a0,1; 4: c.j +4 -> 8; 6: c.li a0,2; 8: c.li a1,3
    run_ok(h, {0xc019, 0x4505, 0xa011, 0x4509, 0x458d}, true);
    EXPECT_EQ(h.state.x[10], s0 == 0 ? 2u : 1u);
    EXPECT_EQ(h.state.x[11], 3u);
  }
}

TEST(Rvc, EbreakTrapsAtItsPcAndMixesWithWideInstructions) {
  Rv64Harness h;
  // c.li a0,1; addi a1,x0,7 (as two halfwords); c.ebreak
  const uint32_t wide = addi(11, 0, 7);
  const interp::BlockExit exit = h.run({0x4505, wide & 0xffff, wide >> 16, 0x9002}, true);
  EXPECT_EQ(exit.kind, interp::ExitKind::Trap);
  EXPECT_EQ(exit.trap, ir::TrapKind::Breakpoint);
  EXPECT_EQ(exit.pc, h.code_addr() + 6);
  EXPECT_EQ(h.state.x[10], 1u);
  EXPECT_EQ(h.state.x[11], 7u);
}

TEST(Rvc, ReservedHalfwordIsIllegal) {
  Rv64Harness h;
  const interp::BlockExit exit = h.run({0x4505, 0x6301}, true);  // c.li a0,1; c.lui t1,0
  EXPECT_EQ(exit.kind, interp::ExitKind::Trap);
  EXPECT_EQ(exit.trap, ir::TrapKind::IllegalInstruction);
  EXPECT_EQ(exit.pc, h.code_addr() + 2);
  EXPECT_EQ(h.state.x[10], 1u);
}

}  // namespace
}  // namespace xisa::riscv64::testing
