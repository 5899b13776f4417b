// A64 system instructions at EL0 and exception generation: MRS/MSR of the registers Linux
// exposes (values as documented in translate_system.cpp), DC ZVA, SVC/BRK/HLT/UDF exits.
#include <gtest/gtest.h>

#include "a64_harness.h"

namespace xisa::aarch64::testing {
namespace {

TEST(A64System, SystemRegisters) {
  A64Harness h;
  std::memset(h.data(), 0xaa, 256);
  h.state.tpidr_el0 = 0x1234;
  h.state.x[1] = 0x5678;
  h.state.x[4] = 0xa0000000;           // N and C
  h.state.x[6] = 0x03c00000 | 0xffff;  // RMode, FZ, DN and bits that do not exist
  h.state.x[8] = h.data_addr() + 70;   // DC ZVA zeroes the aligned 64 bytes around it
  // mrs x0, tpidr_el0; msr tpidr_el0, x1; mrs x2, dczid_el0; mrs x3, ctr_el0; msr nzcv, x4;
  // mrs x5, nzcv; msr fpcr, x6; mrs x7, fpcr; dc zva, x8; mrs x9, midr_el1;
  // mrs x10, id_aa64pfr0_el1; mrs x11, cntfrq_el0
  h.run({0xd53bd040, 0xd51bd041, 0xd53b00e2, 0xd53b0023, 0xd51b4204, 0xd53b4205, 0xd51b4406,
         0xd53b4407, 0xd50b7428, 0xd5380009, 0xd538040a, 0xd53be00b});
  EXPECT_EQ(h.last_ir_error, "");
  EXPECT_EQ(h.state.x[0], 0x1234u);
  EXPECT_EQ(h.state.tpidr_el0, 0x5678u);
  EXPECT_EQ(h.state.x[2], 4u);  // 64-byte DC ZVA blocks
  EXPECT_EQ(h.state.x[3], 0x8444c004u);
  EXPECT_EQ(h.state.x[5], 0xa0000000u);
  EXPECT_EQ(h.state.x[7], 0x03c00000u);
  EXPECT_EQ(h.data()[63], 0xaa);
  for (int i = 64; i < 128; ++i) ASSERT_EQ(h.data()[i], 0) << i;
  EXPECT_EQ(h.data()[128], 0xaa);
  EXPECT_EQ(h.state.x[9], 0u);
  EXPECT_EQ(h.state.x[10], 0x110011u);  // EL0, EL1: AArch64; FP, AdvSIMD: with half precision
  EXPECT_EQ(h.state.x[11], 1000000000u);
}

TEST(A64System, CounterAdvances) {
  A64Harness h;
  h.run({0xd53be040, 0xd53be041});  // mrs x0, cntvct_el0; mrs x1, cntvct_el0
  EXPECT_GT(h.state.x[0], 0u);
  EXPECT_GE(h.state.x[1], h.state.x[0]);
}

TEST(A64Exceptions, SvcEndsTheBlockWithTheNextPc) {
  A64Harness h;
  const auto exit = h.run({0xd2800ba8, 0xd4000001});  // mov x8, #93; svc #0
  EXPECT_EQ(exit.kind, interp::ExitKind::Syscall);
  EXPECT_EQ(exit.pc, h.code_addr() + 8);
  EXPECT_EQ(h.state.x[8], 93u);
}

TEST(A64Exceptions, SvcClearsTheExclusiveMonitor) {
  A64Harness h;
  uint64_t word = 7;
  h.state.x[1] = reinterpret_cast<uint64_t>(&word);
  h.run({0xc85f7c20, 0xd4000001});  // ldxr x0, [x1]; svc #0
  h.run({0xc8027c20});              // stxr w2, x0, [x1]
  EXPECT_EQ(h.state.x[2], 1u);
}

// RNDR, RNDRRS (FEAT_RNG): 64 random bits and NZCV = 0000. Random values have no oracle; two
// reads that agree would be a 2^-64 event.
TEST(A64System, RandomNumbers) {
  A64Harness h;
  h.state.nf = h.state.zf = h.state.cf = h.state.vf = 1;
  h.run({0xd53b2400, 0xd53b2421});  // mrs x0, rndr; mrs x1, rndrrs
  EXPECT_EQ(h.last_ir_error, "");
  EXPECT_NE(h.state.x[0], h.state.x[1]);
  EXPECT_EQ(h.nzcv(), 0);
}

TEST(A64Exceptions, BrkTrapsHltAndUdfAreIllegal) {
  A64Harness h;
  auto exit = h.run({0xd503201f, 0xd4200020});  // nop; brk #1
  EXPECT_EQ(exit.kind, interp::ExitKind::Trap);
  EXPECT_EQ(exit.trap, ir::TrapKind::Breakpoint);
  EXPECT_EQ(exit.pc, h.code_addr() + 4);
  exit = h.run({0xd4400000});  // hlt #0
  EXPECT_EQ(exit.trap, ir::TrapKind::IllegalInstruction);
  exit = h.run({0x00000000});  // udf #0
  EXPECT_EQ(exit.trap, ir::TrapKind::IllegalInstruction);
  exit = h.run({0xdac10020});  // pacia x0, x1: FEAT_PAuth is not implemented
  EXPECT_EQ(exit.trap, ir::TrapKind::IllegalInstruction);
}

TEST(A64Branches, LinkAndReturn) {
  A64Harness h;
  // bl +12; mov x1, #1; b +12; mov x2, #2; ret
  const auto exit = h.run({0x94000003, 0xd2800021, 0x14000003, 0xd2800042, 0xd65f03c0});
  EXPECT_EQ(exit.kind, interp::ExitKind::Jump);
  EXPECT_EQ(h.state.x[30], h.code_addr() + 4);
  EXPECT_EQ(h.state.x[1], 1u);
  EXPECT_EQ(h.state.x[2], 2u);
  EXPECT_EQ(h.state.header.pc, h.code_addr() + 20);  // b +12 from offset 8 leaves the code
}

TEST(A64Branches, CompareAndTestBranches) {
  A64Harness h;
  h.state.x[0] = 0;
  h.state.x[1] = 1ull << 40;
  // cbz x0, +8; mov x5, #5; tbnz x1, #40, +8; mov x6, #6; cbnz w1, +8; mov x7, #7
  h.run({0xb4000040, 0xd28000a5, 0xb7400041, 0xd28000c6, 0x35000041, 0xd28000e7});
  EXPECT_EQ(h.state.x[5], 0u);
  EXPECT_EQ(h.state.x[6], 0u);
  EXPECT_EQ(h.state.x[7], 7u);  // w1 is zero
}

}  // namespace
}  // namespace xisa::aarch64::testing
