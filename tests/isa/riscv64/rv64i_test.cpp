// RV64I per-instruction tests: expected values computed by hand from the ISA manual
// (Volume I, chapters 2 and 4), with the edge cases that bite: overflow, sign extension of
// immediates and of 32-bit results, shift counts taken modulo the width, x0 as destination.
#include <gtest/gtest.h>

#include <cstring>

#include "frontend/riscv64/riscv64_frontend.h"
#include "rv64_int_cases.h"

namespace xisa::riscv64::testing {
namespace {

using namespace rvasm;

constexpr uint64_t kAll = ~uint64_t{0};
constexpr uint64_t kMin = uint64_t{1} << 63;
constexpr uint64_t kMax = kMin - 1;

TEST(Rv64I, RegisterRegister) {
  check_alu_cases({
      {"add 1+2", add(kAluRd, kAluRs1, kAluRs2), 1, 2, 3},
      {"add overflow wraps", add(kAluRd, kAluRs1, kAluRs2), kMax, 1, kMin},
      {"add -1+1", add(kAluRd, kAluRs1, kAluRs2), kAll, 1, 0},
      {"sub 0-1", sub(kAluRd, kAluRs1, kAluRs2), 0, 1, kAll},
      {"sub MIN-1", sub(kAluRd, kAluRs1, kAluRs2), kMin, 1, kMax},
      {"sll by 63", sll(kAluRd, kAluRs1, kAluRs2), 1, 63, kMin},
      {"sll by 64 is by 0", sll(kAluRd, kAluRs1, kAluRs2), 1, 64, 1},
      {"sll by 0x41 is by 1", sll(kAluRd, kAluRs1, kAluRs2), 1, 0x41, 2},
      {"slt -1<1", slt(kAluRd, kAluRs1, kAluRs2), kAll, 1, 1},
      {"slt 1<-1", slt(kAluRd, kAluRs1, kAluRs2), 1, kAll, 0},
      {"slt equal", slt(kAluRd, kAluRs1, kAluRs2), 3, 3, 0},
      {"sltu -1<1", sltu(kAluRd, kAluRs1, kAluRs2), kAll, 1, 0},
      {"sltu 1<-1", sltu(kAluRd, kAluRs1, kAluRs2), 1, kAll, 1},
      {"xor", xor_(kAluRd, kAluRs1, kAluRs2), 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0,
       0xf0f0f0f0f0f0f0f0},
      {"srl MIN by 63", srl(kAluRd, kAluRs1, kAluRs2), kMin, 63, 1},
      {"srl -1 by 4", srl(kAluRd, kAluRs1, kAluRs2), kAll, 4, 0x0fffffffffffffff},
      {"sra MIN by 63", sra(kAluRd, kAluRs1, kAluRs2), kMin, 63, kAll},
      {"sra MIN by 0x44 is by 4", sra(kAluRd, kAluRs1, kAluRs2), kMin, 0x44, 0xf800000000000000},
      {"sra positive", sra(kAluRd, kAluRs1, kAluRs2), 0x4000000000000000, 62, 1},
      {"or", or_(kAluRd, kAluRs1, kAluRs2), 0xf0, 0x0f, 0xff},
      {"and", and_(kAluRd, kAluRs1, kAluRs2), 0xff00, 0x0ff0, 0x0f00},
  });
}

TEST(Rv64I, RegisterImmediate) {
  check_alu_cases({
      {"addi 5+-6", addi(kAluRd, kAluRs1, -6), 5, 0, kAll},
      {"addi 2047", addi(kAluRd, kAluRs1, 2047), 0, 0, 2047},
      {"addi -2048 sign-extends", addi(kAluRd, kAluRs1, -2048), 0, 0, 0xfffffffffffff800},
      {"addi overflow", addi(kAluRd, kAluRs1, 1), kMax, 0, kMin},
      {"slti -1<0", slti(kAluRd, kAluRs1, 0), kAll, 0, 1},
      {"slti 0<-1", slti(kAluRd, kAluRs1, -1), 0, 0, 0},
      {"sltiu 5<u-1", sltiu(kAluRd, kAluRs1, -1), 5, 0, 1},
      {"sltiu -1<u-1", sltiu(kAluRd, kAluRs1, -1), kAll, 0, 0},
      {"seqz 0", sltiu(kAluRd, kAluRs1, 1), 0, 0, 1},
      {"seqz 1", sltiu(kAluRd, kAluRs1, 1), 1, 0, 0},
      {"xori -1 is not", xori(kAluRd, kAluRs1, -1), 0x1234, 0, 0xffffffffffffedcb},
      {"ori -2048", ori(kAluRd, kAluRs1, -2048), 0x100, 0, 0xfffffffffffff900},
      {"andi 0x7ff", andi(kAluRd, kAluRs1, 0x7ff), kAll, 0, 0x7ff},
      {"andi -16", andi(kAluRd, kAluRs1, -16), 0x123456789, 0, 0x123456780},
      {"slli 63", slli(kAluRd, kAluRs1, 63), 1, 0, kMin},
      {"slli 62", slli(kAluRd, kAluRs1, 62), 3, 0, 0xc000000000000000},
      {"srli 63", srli(kAluRd, kAluRs1, 63), kMin, 0, 1},
      {"srli 0", srli(kAluRd, kAluRs1, 0), kMin, 0, kMin},
      {"srai 63", srai(kAluRd, kAluRs1, 63), kMin, 0, kAll},
      {"srai 62 positive", srai(kAluRd, kAluRs1, 62), 0x4000000000000000, 0, 1},
  });
}

TEST(Rv64I, WordForms) {
  check_alu_cases({
      {"addiw overflow sign-extends", addiw(kAluRd, kAluRs1, 1), 0x7fffffff, 0, 0xffffffff80000000},
      {"addiw ignores upper bits", addiw(kAluRd, kAluRs1, -1), 0xffffffff00000001, 0, 0},
      {"sext.w", addiw(kAluRd, kAluRs1, 0), 0x00000000ffffffff, 0, kAll},
      {"slliw 31", slliw(kAluRd, kAluRs1, 31), 1, 0, 0xffffffff80000000},
      {"slliw drops bit 32", slliw(kAluRd, kAluRs1, 1), 0x100000001, 0, 2},
      {"srliw 31", srliw(kAluRd, kAluRs1, 31), 0xffffffff80000000, 0, 1},
      {"srliw 0 sign-extends", srliw(kAluRd, kAluRs1, 0), 0x80000000, 0, 0xffffffff80000000},
      {"srliw 1 zero-fills bit 31", srliw(kAluRd, kAluRs1, 1), 0xffffffff80000000, 0, 0x40000000},
      {"sraiw 31", sraiw(kAluRd, kAluRs1, 31), 0x80000000, 0, kAll},
      {"sraiw 30 positive", sraiw(kAluRd, kAluRs1, 30), 0x7fffffff, 0, 1},
      {"addw overflow", addw(kAluRd, kAluRs1, kAluRs2), 0x7fffffff, 1, 0xffffffff80000000},
      {"addw ignores upper", addw(kAluRd, kAluRs1, kAluRs2), 0xaaaaaaaa00000005, 0x5555555500000003,
       8},
      {"subw MIN-1", subw(kAluRd, kAluRs1, kAluRs2), 0x80000000, 1, 0x7fffffff},
      {"subw 0-1", subw(kAluRd, kAluRs1, kAluRs2), 0, 1, kAll},
      {"sllw 31", sllw(kAluRd, kAluRs1, kAluRs2), 1, 31, 0xffffffff80000000},
      {"sllw by 32 is by 0", sllw(kAluRd, kAluRs1, kAluRs2), 1, 32, 1},
      {"sllw by 33 is by 1", sllw(kAluRd, kAluRs1, kAluRs2), 1, 33, 2},
      {"srlw 31", srlw(kAluRd, kAluRs1, kAluRs2), 0x80000000, 31, 1},
      {"srlw by 32 is by 0", srlw(kAluRd, kAluRs1, kAluRs2), 0x80000000, 32, 0xffffffff80000000},
      {"sraw 31", sraw(kAluRd, kAluRs1, kAluRs2), 0x80000000, 31, kAll},
      {"sraw by 63 is by 31", sraw(kAluRd, kAluRs1, kAluRs2), 0x80000000, 63, kAll},
      {"sraw ignores upper", sraw(kAluRd, kAluRs1, kAluRs2), 0xffffffff40000000, 30, 1},
  });
}

TEST(Rv64I, ZeroRegister) {
  Rv64Harness h;
  h.state.x[5] = 10;
  h.state.x[6] = 20;
  // A write to x0 is dropped; x0 then still reads 0 as a source.
  run_ok(h, {add(0, 5, 6), add(7, 0, 6), addi(8, 0, 0)});
  EXPECT_EQ(h.state.x[0], 0u);
  EXPECT_EQ(h.state.x[7], 20u);
  EXPECT_EQ(h.state.x[8], 0u);
}

TEST(Rv64I, UpperImmediates) {
  Rv64Harness h;
  run_ok(h, {lui(5, 0xfffff), lui(6, 0x80000), lui(7, 0x7ffff), auipc(8, 0), auipc(9, 0xfffff),
             auipc(10, 1)});
  const uint64_t base = h.code_addr();
  EXPECT_EQ(h.state.x[5], 0xfffffffffffff000);
  EXPECT_EQ(h.state.x[6], 0xffffffff80000000);
  EXPECT_EQ(h.state.x[7], 0x7ffff000u);
  EXPECT_EQ(h.state.x[8], base + 12);
  EXPECT_EQ(h.state.x[9], base + 16 - 0x1000);
  EXPECT_EQ(h.state.x[10], base + 20 + 0x1000);
}

TEST(Rv64I, JalForwardAndBackward) {
  Rv64Harness h;
  // 0: jal x0,+12 -> 12: jal ra,-8 -> 4: addi x8 -> 8: jal x0,+12 -> 20 (end)
  run_ok(h, {jal(0, 12), addi(8, 0, 7), jal(0, 12), jal(1, -8), addi(9, 0, 1)});
  EXPECT_EQ(h.state.x[8], 7u);
  EXPECT_EQ(h.state.x[9], 0u);
  EXPECT_EQ(h.state.x[1], h.code_addr() + 16);
}

TEST(Rv64I, JalrClearsBitZeroAndLinks) {
  Rv64Harness h;
  h.state.x[5] = h.code_addr() + 11;  // +2 -> 13, bit 0 cleared -> 12
  run_ok(h, {jalr(1, 5, 2), addi(7, 0, 1), addi(7, 0, 2), addi(8, 0, 3)});
  EXPECT_EQ(h.state.x[7], 0u);
  EXPECT_EQ(h.state.x[8], 3u);
  EXPECT_EQ(h.state.x[1], h.code_addr() + 4);
}

TEST(Rv64I, JalrWithRdEqualRs1UsesOldValue) {
  Rv64Harness h;
  h.state.x[1] = h.code_addr() + 8;
  run_ok(h, {jalr(1, 1, 0), addi(7, 0, 1), addi(8, 0, 3)});
  EXPECT_EQ(h.state.x[7], 0u);
  EXPECT_EQ(h.state.x[8], 3u);
  EXPECT_EQ(h.state.x[1], h.code_addr() + 4);
}

TEST(Rv64I, ConditionalBranches) {
  struct Case {
    const char* what;
    uint32_t insn;  // branch x5, x6, +8 (skips the next instruction when taken)
    uint64_t a, b;
    bool taken;
  };
  const Case cases[] = {
      {"beq equal", beq(5, 6, 8), 5, 5, true},        {"beq differ", beq(5, 6, 8), 5, 6, false},
      {"bne equal", bne(5, 6, 8), 5, 5, false},       {"bne differ", bne(5, 6, 8), 5, 6, true},
      {"blt -1<1", blt(5, 6, 8), kAll, 1, true},      {"blt 1<-1", blt(5, 6, 8), 1, kAll, false},
      {"blt equal", blt(5, 6, 8), 3, 3, false},       {"bge 1>=-1", bge(5, 6, 8), 1, kAll, true},
      {"bge equal", bge(5, 6, 8), 3, 3, true},        {"bge -1>=1", bge(5, 6, 8), kAll, 1, false},
      {"bltu 1<u-1", bltu(5, 6, 8), 1, kAll, true},   {"bltu -1<u1", bltu(5, 6, 8), kAll, 1, false},
      {"bgeu -1>=u1", bgeu(5, 6, 8), kAll, 1, true},  {"bgeu equal", bgeu(5, 6, 8), 3, 3, true},
      {"bgeu 1>=u-1", bgeu(5, 6, 8), 1, kAll, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    Rv64Harness h;
    h.state.x[5] = c.a;
    h.state.x[6] = c.b;
    run_ok(h, {c.insn, addi(7, 0, 1), addi(8, 0, 1)});
    EXPECT_EQ(h.state.x[7], c.taken ? 0u : 1u);
    EXPECT_EQ(h.state.x[8], 1u);
  }
}

TEST(Rv64I, BackwardBranch) {
  Rv64Harness h;
  // 0: jal +12 -> 12: addi x8 -> 16: beq x0,x0,-12 -> 4: addi x7 -> 8: jal +12 -> 20 (end)
  run_ok(h, {jal(0, 12), addi(7, 0, 5), jal(0, 12), addi(8, 0, 1), beq(0, 0, -12)});
  EXPECT_EQ(h.state.x[7], 5u);
  EXPECT_EQ(h.state.x[8], 1u);
}

TEST(Rv64I, LoadsExtend) {
  struct Case {
    const char* what;
    uint32_t insn;        // loads x7 from x5 + offset
    uint64_t base_delta;  // x5 = data + base_delta
    uint64_t expected;
  };
  // data+8: 80 81 82 83 84 85 86 87; data+16: 01 7f ff 7f 00 00 00 00
  const Case cases[] = {
      {"lb negative", lb(7, 5, -8), 16, 0xffffffffffffff80},
      {"lbu", lbu(7, 5, -8), 16, 0x80},
      {"lh negative", lh(7, 5, -8), 16, 0xffffffffffff8180},
      {"lhu", lhu(7, 5, -8), 16, 0x8180},
      {"lw negative", lw(7, 5, -8), 16, 0xffffffff83828180},
      {"lwu", lwu(7, 5, -8), 16, 0x83828180},
      {"ld", ld(7, 5, -8), 16, 0x8786858483828180},
      {"lb positive, offset 2047", lb(7, 5, 2047), uint64_t{16} - 2047, 0x01},
      {"lh positive", lh(7, 5, 0), 16, 0x7f01},
      {"lw positive, offset -2048", lw(7, 5, -2048), 16 + 2048, 0x7fff7f01},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    Rv64Harness h;
    const uint8_t bytes[16] = {0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
                               0x01, 0x7f, 0xff, 0x7f, 0,    0,    0,    0};
    std::memcpy(h.data() + 8, bytes, sizeof bytes);
    h.state.x[5] = h.data_addr() + c.base_delta;
    run_ok(h, {c.insn});
    EXPECT_EQ(h.state.x[7], c.expected);
  }
}

TEST(Rv64I, LoadIntoBaseRegister) {
  Rv64Harness h;
  const uint64_t v = 0x0123456789abcdef;
  std::memcpy(h.data(), &v, 8);
  h.state.x[5] = h.data_addr();
  run_ok(h, {ld(5, 5, 0)});
  EXPECT_EQ(h.state.x[5], v);
}

TEST(Rv64I, StoresWriteOnlyTheirWidth) {
  struct Case {
    const char* what;
    uint32_t insn;  // stores x6 at x5 - 8 = data
    uint8_t expected[9];
  };
  const Case cases[] = {
      {"sb", sb(6, -8, 5), {0x88, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee}},
      {"sh", sh(6, -8, 5), {0x88, 0x77, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee}},
      {"sw", sw(6, -8, 5), {0x88, 0x77, 0x66, 0x55, 0xee, 0xee, 0xee, 0xee, 0xee}},
      {"sd", sd(6, -8, 5), {0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0xee}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    Rv64Harness h;
    std::memset(h.data(), 0xee, 16);
    h.state.x[5] = h.data_addr() + 8;
    h.state.x[6] = 0x1122334455667788;
    run_ok(h, {c.insn});
    EXPECT_EQ(std::memcmp(h.data(), c.expected, 9), 0);
  }
}

TEST(Rv64I, StoreWithPositiveOffset) {
  Rv64Harness h;
  h.state.x[5] = h.data_addr();
  h.state.x[6] = 0xabcd;
  run_ok(h, {sh(6, 2046, 5)});
  uint16_t v;
  std::memcpy(&v, h.data() + 2046, 2);
  EXPECT_EQ(v, 0xabcd);
}

// Lifts one block from `words` directly, to look at the IR the frontend produced.
ir::Block lift_block(const uint32_t* words) {
  ir::Block block;
  Riscv64Frontend().translate(reinterpret_cast<uint64_t>(words), block);
  return block;
}

bool has_fence(const ir::Block& block, ir::FenceKind kind) {
  for (const ir::Inst& i : block.insts)
    if (i.op == ir::Opcode::Fence && i.imm == static_cast<uint64_t>(kind)) return true;
  return false;
}

TEST(Rv64I, FenceIsAFullBarrier) {
  alignas(64) const uint32_t words[] = {kFence, addi(7, 0, 1), kEcall};
  const ir::Block block = lift_block(words);
  EXPECT_TRUE(has_fence(block, ir::FenceKind::Full));
  EXPECT_EQ(block.guest_insns, 3u);
  Rv64Harness h;
  run_ok(h, {kFence, addi(7, 0, 1)});
  EXPECT_EQ(h.state.x[7], 1u);
}

TEST(Rv64I, EcallExitsToTheSyscallLayer) {
  Rv64Harness h;
  const interp::BlockExit exit = h.run({addi(17, 0, 93), kEcall, addi(7, 0, 1)});
  EXPECT_EQ(exit.kind, interp::ExitKind::Syscall);
  EXPECT_EQ(exit.pc, h.code_addr() + 8);
  EXPECT_EQ(h.state.x[17], 93u);
  EXPECT_EQ(h.state.x[7], 0u);
}

TEST(Rv64I, EbreakTrapsAtItsOwnPc) {
  Rv64Harness h;
  const interp::BlockExit exit = h.run({addi(7, 0, 1), kEbreak, addi(8, 0, 1)});
  EXPECT_EQ(exit.kind, interp::ExitKind::Trap);
  EXPECT_EQ(exit.trap, ir::TrapKind::Breakpoint);
  EXPECT_EQ(exit.pc, h.code_addr() + 4);
  EXPECT_EQ(h.state.x[7], 1u);
  EXPECT_EQ(h.state.x[8], 0u);
}

TEST(Rv64I, UndefinedWordIsIllegal) {
  Rv64Harness h;
  // 0xffffffff: no RV64GC encoding; the instruction before it still takes effect.
  const interp::BlockExit exit = h.run({addi(7, 0, 1), 0xffffffffu});
  EXPECT_EQ(exit.kind, interp::ExitKind::Trap);
  EXPECT_EQ(exit.trap, ir::TrapKind::IllegalInstruction);
  EXPECT_EQ(exit.pc, h.code_addr() + 4);
  EXPECT_EQ(h.state.x[7], 1u);
}

}  // namespace
}  // namespace xisa::riscv64::testing
