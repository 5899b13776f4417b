// RVA22/RVA23 scalar extensions that qemu-riscv64 7.2 cannot record (it predates them), with
// expectations taken from the ratified specifications: Zicond, Zimop and Zcmop, Zicbom and
// Zicboz (64-byte blocks, Zic64b); and the hints that must run as NOPs: PAUSE (Zihintpause),
// NTL.* (Zihintntl), PREFETCH.* (Zicbop); Zawrs's WRS.NTO and WRS.STO, which may end their
// stall at once (and here always do).
#include <gtest/gtest.h>

#include <cstring>

#include "rv64_int_cases.h"

namespace xisa::riscv64::testing {
namespace {

using namespace rvasm;

constexpr RType czero_eqz{0x07, 5, 0x33}, czero_nez{0x07, 7, 0x33};
constexpr uint32_t kSystem = 0x73, kMiscMem = 0x0f;

// mop.r.n rd, rs1: n[4] at 30, n[3:2] at 27:26, n[1:0] at 21:20.
constexpr uint32_t mop_r(unsigned n, unsigned rd, unsigned rs1) {
  return 1u << 31 | (n >> 4 & 1) << 30 | (n >> 2 & 3) << 26 | 0x7u << 22 | (n & 3) << 20 |
         rs1 << 15 | 4u << 12 | rd << 7 | kSystem;
}
// mop.rr.n rd, rs1, rs2: n[2] at 30, n[1:0] at 27:26.
constexpr uint32_t mop_rr(unsigned n, unsigned rd, unsigned rs1, unsigned rs2) {
  return 1u << 31 | (n >> 2 & 1) << 30 | (n & 3) << 26 | 1u << 25 | rs2 << 20 | rs1 << 15 |
         4u << 12 | rd << 7 | kSystem;
}
// cbo.<op> (rs1): op 0 inval, 1 clean, 2 flush, 4 zero.
constexpr uint32_t cbo(unsigned op, unsigned rs1) {
  return op << 20 | rs1 << 15 | 2u << 12 | kMiscMem;
}

TEST(Rv64Zicond, ConditionalZero) {
  check_alu_cases({
      {"czero.eqz, rs2 zero", czero_eqz(kAluRd, kAluRs1, kAluRs2), 42, 0, 0},
      {"czero.eqz, rs2 not zero", czero_eqz(kAluRd, kAluRs1, kAluRs2), 42, 1ull << 63, 42},
      {"czero.nez, rs2 zero", czero_nez(kAluRd, kAluRs1, kAluRs2), ~0ull, 0, ~0ull},
      {"czero.nez, rs2 not zero", czero_nez(kAluRd, kAluRs1, kAluRs2), ~0ull, 2, 0},
      {"czero.eqz, rs2 = x0", czero_eqz(kAluRd, kAluRs1, 0), 42, 7, 0},
      {"czero.nez, rs2 = x0", czero_nez(kAluRd, kAluRs1, 0), 42, 7, 42},
  });
}

TEST(Rv64Zimop, MayBeOperationsWriteZero) {
  for (unsigned n : {0u, 5u, 17u, 31u}) {
    SCOPED_TRACE(n);
    Rv64Harness h;
    h.state.x[5] = 123;
    h.state.x[7] = 456;
    run_ok(h, {mop_r(n, 7, 5)});
    EXPECT_EQ(h.state.x[7], 0u);
    EXPECT_EQ(h.state.x[5], 123u);
  }
  for (unsigned n = 0; n < 8; ++n) {
    Rv64Harness h;
    h.state.x[7] = 456;
    run_ok(h, {mop_rr(n, 7, 5, 6)});
    EXPECT_EQ(h.state.x[7], 0u);
  }
}

TEST(Rv64Zcmop, CompressedMayBeOperationsAreNops) {
  for (unsigned rd = 1; rd < 16; rd += 2) {
    SCOPED_TRACE(rd);
    Rv64Harness h;
    for (unsigned r = 1; r < 32; ++r) h.state.x[r] = r;
    run_ok(h, {0x6001u | rd << 7}, /*compressed=*/true);  // c.mop.<rd>
    for (unsigned r = 1; r < 32; ++r) EXPECT_EQ(h.state.x[r], r);
  }
}

TEST(Rv64Zcmop, EvenDestinationWithZeroImmediateStaysReserved) {
  Rv64Harness h;
  const interp::BlockExit exit = h.run({0x6201u}, /*compressed=*/true);  // c.lui x4, 0
  EXPECT_EQ(exit.kind, interp::ExitKind::Trap);
  EXPECT_EQ(exit.trap, ir::TrapKind::IllegalInstruction);
}

TEST(Rv64Zicbo, ZeroClearsTheWholeAlignedBlock) {
  Rv64Harness h;
  std::memset(h.data(), 0xa5, Rv64Harness::kPage);
  h.state.x[10] = h.data_addr() + 64 + 23;  // anywhere inside the block
  run_ok(h, {cbo(4, 10)});
  EXPECT_EQ(h.data()[63], 0xa5);
  for (unsigned i = 64; i < 128; ++i) EXPECT_EQ(h.data()[i], 0) << i;
  EXPECT_EQ(h.data()[128], 0xa5);
  EXPECT_EQ(h.state.x[10], h.data_addr() + 64 + 23);
}

TEST(Rv64Zicbo, ManagementOperationsLeaveMemoryAlone) {
  for (unsigned op : {0u, 1u, 2u}) {
    SCOPED_TRACE(op);
    Rv64Harness h;
    std::memset(h.data(), 0x5a, Rv64Harness::kPage);
    h.state.x[10] = h.data_addr() + 100;
    run_ok(h, {cbo(op, 10)});
    for (unsigned i = 0; i < Rv64Harness::kPage; ++i) ASSERT_EQ(h.data()[i], 0x5a) << i;
  }
}

TEST(Rv64Hints, PauseNtlAndPrefetchDoNothing) {
  Rv64Harness h;
  for (unsigned r = 1; r < 32; ++r) h.state.x[r] = r;
  h.state.x[10] = h.data_addr();
  run_ok(h, {
                0x0100000f,        // pause (fence w, 0)
                add(0, 0, 2),      // ntl.p1
                add(0, 0, 5),      // ntl.all
                ori(0, 10, 0),     // prefetch.i 0(a0)
                ori(0, 10, 1),     // prefetch.r 0(a0)
                ori(0, 10, 0x23),  // prefetch.w 32(a0)
            });
  h.state.x[10] = 10;
  for (unsigned r = 1; r < 32; ++r) EXPECT_EQ(h.state.x[r], r);
}

constexpr uint32_t kWrsNto = 0x00d00073, kWrsSto = 0x01d00073;

TEST(Rv64Zawrs, WaitsCompleteAndChangeNothing) {
  Rv64Harness h;
  for (unsigned r = 1; r < 32; ++r) h.state.x[r] = r;
  h.state.x[10] = h.data_addr();
  // Without a reservation, then with one (lr.w x0, (a0)): both return, the reservation stays.
  run_ok(h, {kWrsNto, kWrsSto, 0x1005202f, kWrsNto, kWrsSto});
  for (unsigned r = 1; r < 32; ++r) EXPECT_EQ(h.state.x[r], r == 10 ? h.data_addr() : r);
  EXPECT_EQ(h.state.reservation_addr, h.data_addr());
}

TEST(Rv64Zawrs, OtherRegisterFieldsAreIllegal) {
  for (const uint32_t word : {kWrsNto | 1u << 7, kWrsNto | 5u << 15, kWrsSto | 31u << 7,
                              kWrsSto | 1u << 15, 0x02d00073u, 0x00e00073u}) {
    SCOPED_TRACE(word);
    Rv64Harness h;
    const interp::BlockExit exit = h.run({word});
    EXPECT_EQ(exit.kind, interp::ExitKind::Trap);
    EXPECT_EQ(exit.trap, ir::TrapKind::IllegalInstruction);
  }
}

}  // namespace
}  // namespace xisa::riscv64::testing
