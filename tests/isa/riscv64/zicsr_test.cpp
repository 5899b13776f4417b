// Zicsr and Zifencei tests: the FP control CSRs (fflags, frm and their union fcsr = frm << 5 |
// fflags, Volume I chapter 8.2), set/clear semantics, the "rs1 = x0 / uimm = 0 does not write"
// rule, read-only counters checked against the host clock, and the illegal cases.
#include <gtest/gtest.h>
#include <time.h>

#include <algorithm>

#include "common/host_fp_env.h"
#include "frontend/riscv64/riscv64_frontend.h"
#include "rv64_int_cases.h"
#include "rv64fd_asm.h"

namespace xisa::riscv64::testing {
namespace {

using namespace rvasm;

constexpr unsigned kFflags = 0x001, kFrm = 0x002, kFcsr = 0x003;
constexpr unsigned kCycle = 0xc00, kTime = 0xc01, kInstret = 0xc02;

struct CsrCase {
  const char* what;
  uint32_t insn;  // rd = x7, rs1 = x5
  uint32_t fflags, frm;
  uint64_t rs1;
  uint64_t expected_rd;
  uint32_t expected_fflags, expected_frm;
};

TEST(Zicsr, FpControlRegisters) {
  const CsrCase cases[] = {
      {"csrrw fcsr", csrrw(7, kFcsr, 5), 0x15, 3, 0x1ff, 0x75, 0x1f, 7},
      {"csrrw fcsr ignores bits above 7", csrrw(7, kFcsr, 5), 0, 0, 0xf00 | 0x41, 0, 0x01, 2},
      {"csrrs fflags", csrrs(7, kFflags, 5), 0x01, 4, 0x12, 0x01, 0x13, 4},
      {"csrrc fflags", csrrc(7, kFflags, 5), 0x1f, 4, 0x03, 0x1f, 0x1c, 4},
      {"csrrw fflags masks to 5 bits", csrrw(7, kFflags, 5), 0, 1, 0xff, 0, 0x1f, 1},
      {"csrrw frm masks to 3 bits", csrrw(7, kFrm, 5), 3, 2, 0xfd, 2, 3, 5},
      {"csrrwi frm", csrrwi(7, kFrm, 5), 0x1f, 0, 0, 0, 0x1f, 5},
      {"csrrsi fflags", csrrsi(7, kFflags, 4), 1, 0, 0, 1, 5, 0},
      {"csrrci fcsr", csrrci(7, kFcsr, 31), 0x1f, 2, 0, 0x5f, 0, 2},
      {"csrrs frm, x0 reads only", csrrs(7, kFrm, 0), 0, 6, 0, 6, 0, 6},
      {"csrrc fcsr, x0 reads only", csrrc(7, kFcsr, 0), 0x10, 1, 0, 0x30, 0x10, 1},
      {"csrrsi fflags, 0 reads only", csrrsi(7, kFflags, 0), 0x0a, 0, 0, 0x0a, 0x0a, 0},
      {"csrrw x0 (fsrm) writes", csrrw(0, kFrm, 5), 0, 1, 4, 0, 0, 4},
      {"csrrw rd = rs1 swaps", csrrw(5, kFflags, 5), 0x11, 0, 0x02, 0x11, 0x02, 0},
  };
  for (const CsrCase& c : cases) {
    SCOPED_TRACE(c.what);
    Rv64Harness h;
    h.state.fflags = c.fflags;
    h.state.frm = c.frm;
    h.state.x[5] = c.rs1;
    run_ok(h, {c.insn});
    const unsigned rd = (c.insn >> 7) & 31;
    if (rd != 0) {
      EXPECT_EQ(h.state.x[rd], c.expected_rd);
    }
    EXPECT_EQ(h.state.x[0], 0u);
    EXPECT_EQ(h.state.fflags, c.expected_fflags);
    EXPECT_EQ(h.state.frm, c.expected_frm);
  }
}

// GCC's quiet compares (isless, sqrt's domain test) bracket flt with frflags and fsflags. Where
// the host keeps FP exceptions lazily, the write-back of that copy does not accrue them again
// (Lifter::AccruedFpFlags): one STMXCSR less. Each sequence is one block; the flags read back
// at its end must be what the guest's own rules give, whatever was skipped.
TEST(Zicsr, FlagCopiesWrittenBackKeepWhatTheGuestSees) {
  constexpr uint32_t kNX = 0x01;
  const double one = 1, three = 3, zero = 0;
  struct Case {
    const char* what;
    std::vector<uint32_t> insns;  // f1 = 1, f2 = 3, f3 = 0; the last one reads fflags into x9
    uint32_t expected_x9;         // and the flags the guest sees after the block
    size_t accruals;              // on a host with lazily kept exceptions
  };
  const Case cases[] = {
      {"the quiet-compare idiom",
       {fdiv_d(10, 1, 2, kDyn), csrrs(7, kFflags, 0), flt_d(8, 1, 2), csrrw(0, kFflags, 7),
        csrrs(9, kFflags, 0)},
       kNX,
       1},
      {"an FP op between: its flag must go",
       {csrrs(7, kFflags, 0), fdiv_d(10, 1, 3, kDyn), csrrw(0, kFflags, 7), csrrs(9, kFflags, 0)},
       0,
       2},
      {"the copy overwritten: the flags it dropped must go",
       {fdiv_d(10, 1, 2, kDyn), csrrs(7, kFflags, 0), addi(7, 0, 0), csrrw(0, kFflags, 7),
        csrrs(9, kFflags, 0)},
       0,
       2},
      {"cleared, then the copy written back",
       {fdiv_d(10, 1, 2, kDyn), csrrs(7, kFflags, 0), csrrw(0, kFflags, 0), csrrs(8, kFflags, 0),
        csrrw(0, kFflags, 7), csrrs(9, kFflags, 0)},
       kNX,
       2},  // x7 is still a copy after x8 took one
      {"a clearing CSR op after a read still drops the flags",
       {fdiv_d(10, 1, 2, kDyn), csrrs(7, kFflags, 0), csrrc(0, kFflags, 7), csrrs(9, kFflags, 0)},
       0,
       2},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    host_fp::discard_pending();
    Rv64Harness h;
    h.state.f[1] = std::bit_cast<uint64_t>(one);
    h.state.f[2] = std::bit_cast<uint64_t>(three);
    h.state.f[3] = std::bit_cast<uint64_t>(zero);
    h.state.x[9] = 0xdead;
    h.run(c.insns);
    EXPECT_EQ(h.state.x[9], c.expected_x9);
    accrue_pending_fp_exceptions(*guest_for_elf_machine(EM_RISCV), &h.state);
    EXPECT_EQ(h.state.fflags, c.expected_x9);
    if (c.insns.size() == 6) {
      EXPECT_EQ(h.state.x[8], 0u);
    }
    if constexpr (host_fp::kLazyExceptions) {
      EXPECT_EQ(static_cast<size_t>(std::count(h.helpers_called.begin(), h.helpers_called.end(),
                                               std::string("accrue_host_fp_exceptions"))),
                c.accruals);
    }
  }
}

uint64_t host_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + static_cast<uint64_t>(ts.tv_nsec);
}

TEST(Zicsr, CountersFollowTheHostClock) {
  Rv64Harness h;
  const uint64_t before = host_ns();
  run_ok(h,
         {csrrs(7, kCycle, 0), csrrs(8, kTime, 0), csrrsi(9, kInstret, 0), csrrs(10, kCycle, 0)});
  const uint64_t after = host_ns();
  // cycle and instret count nanoseconds, time counts 10 MHz ticks (100 ns).
  EXPECT_GE(h.state.x[7], before);
  EXPECT_LE(h.state.x[7], after);
  EXPECT_GE(h.state.x[8], before / 100);
  EXPECT_LE(h.state.x[8], after / 100);
  EXPECT_GE(h.state.x[9], h.state.x[7]);
  EXPECT_GE(h.state.x[10], h.state.x[9]);
  EXPECT_LE(h.state.x[10], after);
}

TEST(Zicsr, IllegalAccessesTrapWithoutEffect) {
  struct Case {
    const char* what;
    uint32_t insn;
  };
  const Case cases[] = {
      {"csrrw cycle", csrrw(7, kCycle, 5)},
      {"csrrs time, x5", csrrs(7, kTime, 5)},
      {"csrrci instret, 1", csrrci(7, kInstret, 1)},
      {"csrrwi time, 0 (CSRRW always writes)", csrrwi(7, kTime, 0)},
      {"unknown csr mstatus", csrrs(7, 0x300, 0)},
      {"unknown csr hpmcounter3", csrrs(7, 0xc03, 0)},
      {"unknown csr cycleh (RV32 only)", csrrs(7, 0xc80, 0)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    Rv64Harness h;
    h.state.x[5] = 1;
    h.state.x[7] = 0x1234;
    const interp::BlockExit exit = h.run({c.insn});
    EXPECT_EQ(exit.kind, interp::ExitKind::Trap);
    EXPECT_EQ(exit.trap, ir::TrapKind::IllegalInstruction);
    EXPECT_EQ(exit.pc, h.code_addr());
    EXPECT_EQ(h.state.x[7], 0x1234u);
  }
}

TEST(Rv64Zifencei, FenceIEndsTheBlock) {
  alignas(64) const uint32_t words[] = {addi(7, 0, 1), kFenceI, addi(8, 0, 1), kEcall};
  ir::Block block;
  Riscv64Frontend().translate(reinterpret_cast<uint64_t>(words), block);
  EXPECT_EQ(block.guest_insns, 2u);
  bool has_instruction_fence = false;
  for (const ir::Inst& i : block.insts)
    has_instruction_fence |=
        i.op == ir::Opcode::Fence && i.imm == static_cast<uint64_t>(ir::FenceKind::Instruction);
  EXPECT_TRUE(has_instruction_fence);
  ASSERT_EQ(block.terminator().op, ir::Opcode::Jump);
  EXPECT_EQ(block.terminator().imm, reinterpret_cast<uint64_t>(words) + 8);

  Rv64Harness h;
  run_ok(h, {addi(7, 0, 1), kFenceI, addi(8, 0, 2)});
  EXPECT_EQ(h.state.x[7], 1u);
  EXPECT_EQ(h.state.x[8], 2u);
}

}  // namespace
}  // namespace xisa::riscv64::testing
