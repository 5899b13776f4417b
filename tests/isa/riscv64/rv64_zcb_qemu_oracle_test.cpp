// Replays Zcb cases through xisa's RVC expander, frontend and interpreter. qemu-riscv64 7.2
// lacks Zcb, so qemu_oracle/gen_zcb_oracle.py encodes every Zcb form and its 32-bit equivalent
// from the Zc chapter (its encoders checked against LLVM's MC tests) and records what qemu makes
// of the equivalent: the halfword's meaning comes from the chapter, its results from qemu.
// rd'/rs1' = x10, rs2' = x11, the load/store base x9 points at a doubleword. The JIT is held to
// the interpreter on the same instructions by tests/diff (guest_jit_vs_interp).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <iterator>
#include <set>

#include "rv64_harness.h"

namespace xisa::riscv64::testing {
namespace {

struct ZcbCase {
  uint16_t half;
  uint64_t x10, x11, mem, x10_after, mem_after;
};

const ZcbCase kRecorded[] = {
#include "qemu_oracle/rv64_zcb_cases.inc"
};

TEST(Rv64ZcbQemuOracle, MatchesRecordedCases) {
  unsigned mismatches = 0;
  for (const ZcbCase& c : kRecorded) {
    Rv64Harness h;
    h.state.x[9] = h.data_addr();
    h.state.x[10] = c.x10;
    h.state.x[11] = c.x11;
    std::memcpy(h.data(), &c.mem, 8);
    const interp::BlockExit exit = h.run({c.half}, true);
    uint64_t mem;
    std::memcpy(&mem, h.data(), 8);
    const bool ran = exit.pc == h.code_addr() + 2 && h.last_ir_error.empty();
    const bool ok = ran && h.state.x[10] == c.x10_after && mem == c.mem_after &&
                    h.state.x[11] == c.x11 && h.state.x[9] == h.data_addr();
    if (!ok && ++mismatches <= 40) {
      ADD_FAILURE() << std::hex << "halfword " << c.half << " x10 " << c.x10 << " x11 " << c.x11
                    << " mem " << c.mem << ": qemu x10 " << c.x10_after << " mem " << c.mem_after
                    << ", xisa x10 " << h.state.x[10] << " mem " << mem
                    << (ran ? "" : " (trapped or bad IR)");
    }
  }
  EXPECT_EQ(mismatches, 0u) << "of " << std::size(kRecorded) << " cases";
}

TEST(Rv64ZcbQemuOracle, CoversEveryForm) {
  std::set<uint16_t> halves;
  for (const ZcbCase& c : kRecorded) halves.insert(c.half);
  // c.lbu and c.sb at 4 offsets, c.lhu, c.lh and c.sh at 2, 7 register forms
  EXPECT_EQ(halves.size(), 21u);
}

// The Zcb forms with other registers than the recording's: x8 and x15 at both ends of rd'.
TEST(Rv64Zcb, OtherRegisters) {
  Rv64Harness h;
  h.state.x[8] = 0x1234;
  h.state.x[15] = 0xffff'ffff'0000'0003;
  h.run({0x9ff1 /* c.zext.w a5 */, 0x9c75 /* c.not s0 */}, true);
  EXPECT_EQ(h.state.x[15], 3u);
  EXPECT_EQ(h.state.x[8], ~uint64_t{0x1234});
}

}  // namespace
}  // namespace xisa::riscv64::testing
