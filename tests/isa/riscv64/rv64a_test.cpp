// RV64A per-instruction tests (Volume I, chapter 14): every AMO's result in memory and in rd
// (rd gets the old value, sign-extended for .W; neighbouring memory is untouched), and LR/SC
// success, failure without a reservation, on another address, after another hart's store,
// and after a previous SC consumed the reservation.
#include <gtest/gtest.h>

#include <cstring>

#include "rv64_int_cases.h"

namespace xisa::riscv64::testing {
namespace {

using namespace rvasm;

constexpr uint64_t kAll = ~uint64_t{0};
constexpr uint64_t kMin = uint64_t{1} << 63;
constexpr uint64_t kMax = kMin - 1;
constexpr uint32_t kGuard = 0xdeadbeef;  // the word after a .W target must survive

template <typename T>
T read_mem(Rv64Harness& h, size_t offset) {
  T v;
  std::memcpy(&v, h.data() + offset, sizeof v);
  return v;
}
template <typename T>
void write_mem(Rv64Harness& h, size_t offset, T v) {
  std::memcpy(h.data() + offset, &v, sizeof v);
}

struct AmoCase {
  const char* what;
  uint32_t insn;  // amo x7, x6, (x5) with x5 = data
  uint64_t memory, operand, expected_memory, expected_rd;
};

void check_amo_cases(std::initializer_list<AmoCase> cases, bool word) {
  for (const AmoCase& c : cases) {
    SCOPED_TRACE(c.what);
    Rv64Harness h;
    if (word) {
      write_mem<uint32_t>(h, 0, static_cast<uint32_t>(c.memory));
      write_mem<uint32_t>(h, 4, kGuard);
    } else {
      write_mem<uint64_t>(h, 0, c.memory);
    }
    h.state.x[5] = h.data_addr();
    h.state.x[6] = c.operand;
    run_ok(h, {c.insn});
    EXPECT_EQ(h.state.x[7], c.expected_rd);
    if (word) {
      EXPECT_EQ(read_mem<uint32_t>(h, 0), c.expected_memory);
      EXPECT_EQ(read_mem<uint32_t>(h, 4), kGuard);
    } else {
      EXPECT_EQ(read_mem<uint64_t>(h, 0), c.expected_memory);
    }
  }
}

TEST(Rv64A, AmoWord) {
  check_amo_cases(
      {
          {"amoswap.w", amoswap_w(7, 6, 5), 0x80000000, 0xaaaaaaaa12345678, 0x12345678,
           0xffffffff80000000},
          {"amoadd.w overflow", amoadd_w(7, 6, 5), 0x7fffffff, 1, 0x80000000, 0x7fffffff},
          {"amoxor.w", amoxor_w(7, 6, 5), 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0, 0xffffffffff00ff00},
          {"amoand.w", amoand_w(7, 6, 5), 0xf0f0f0f0, 0xff00ff00, 0xf000f000, 0xfffffffff0f0f0f0},
          {"amoor.w", amoor_w(7, 6, 5), 0x0f, 0xf0, 0xff, 0x0f},
          {"amomin.w keeps -1", amomin_w(7, 6, 5), 0xffffffff, 1, 0xffffffff, kAll},
          {"amomin.w takes INT32_MIN", amomin_w(7, 6, 5), 5, 0x80000000, 0x80000000, 5},
          {"amomax.w", amomax_w(7, 6, 5), 0xffffffff, 1, 1, kAll},
          {"amominu.w", amominu_w(7, 6, 5), 0xffffffff, 1, 1, kAll},
          {"amomaxu.w", amomaxu_w(7, 6, 5), 1, 0xffffffff, 0xffffffff, 1},
          {"amomaxu.w compares 32 bits", amomaxu_w(7, 6, 5), 2, 0x100000001, 2, 2},
      },
      true);
}

TEST(Rv64A, AmoDouble) {
  check_amo_cases(
      {
          {"amoswap.d", amoswap_d(7, 6, 5), kMin, 1, 1, kMin},
          {"amoadd.d wraps", amoadd_d(7, 6, 5), kAll, 2, 1, kAll},
          {"amoxor.d", amoxor_d(7, 6, 5), 0xff00, 0x0ff0, 0xf0f0, 0xff00},
          {"amoand.d", amoand_d(7, 6, 5), kAll, 0x1234, 0x1234, kAll},
          {"amoor.d", amoor_d(7, 6, 5), kMin, 1, kMin | 1, kMin},
          {"amomin.d", amomin_d(7, 6, 5), kAll, kMax, kAll, kAll},
          {"amomax.d", amomax_d(7, 6, 5), kAll, kMax, kMax, kAll},
          {"amominu.d", amominu_d(7, 6, 5), kAll, kMax, kMax, kAll},
          {"amomaxu.d", amomaxu_d(7, 6, 5), kMax, kAll, kAll, kMax},
          {"amomin.d aq rl", amomin_d(7, 6, 5, true, true), 3, kMin, kMin, 3},
      },
      false);
}

TEST(Rv64A, AmoToZeroRegisterStillUpdatesMemory) {
  Rv64Harness h;
  write_mem<uint32_t>(h, 0, 40);
  h.state.x[5] = h.data_addr();
  h.state.x[6] = 2;
  run_ok(h, {amoadd_w(0, 6, 5)});
  EXPECT_EQ(read_mem<uint32_t>(h, 0), 42u);
  EXPECT_EQ(h.state.x[0], 0u);
}

TEST(Rv64A, AmoSwapWithRdEqualRs2) {
  Rv64Harness h;
  write_mem<uint64_t>(h, 0, 111);
  h.state.x[5] = h.data_addr();
  h.state.x[6] = 222;
  run_ok(h, {amoswap_d(6, 6, 5)});
  EXPECT_EQ(read_mem<uint64_t>(h, 0), 222u);
  EXPECT_EQ(h.state.x[6], 111u);
}

TEST(Rv64A, LrScSucceeds) {
  Rv64Harness h;
  write_mem<uint64_t>(h, 0, 42);
  h.state.x[5] = h.data_addr();
  run_ok(h, {lr_d(7, 0, 5), addi(8, 7, 1), sc_d(9, 8, 5)});
  EXPECT_EQ(h.state.x[7], 42u);
  EXPECT_EQ(h.state.x[9], 0u);  // success
  EXPECT_EQ(read_mem<uint64_t>(h, 0), 43u);
  EXPECT_EQ(h.state.reservation_addr, kNoReservation);
}

TEST(Rv64A, LrRecordsReservation) {
  Rv64Harness h;
  write_mem<uint32_t>(h, 8, 0x80000000);
  h.state.x[5] = h.data_addr() + 8;
  run_ok(h, {lr_w(7, 0, 5)});
  EXPECT_EQ(h.state.x[7], 0xffffffff80000000);  // sign-extended
  EXPECT_EQ(h.state.reservation_addr, h.data_addr() + 8);
  EXPECT_EQ(static_cast<uint32_t>(h.state.reservation_value), 0x80000000u);
}

TEST(Rv64A, ScWordStoresLowHalfOnly) {
  Rv64Harness h;
  write_mem<uint32_t>(h, 0, 7);
  write_mem<uint32_t>(h, 4, kGuard);
  h.state.x[5] = h.data_addr();
  h.state.x[6] = 0x100000005;
  run_ok(h, {lr_w(7, 0, 5), sc_w(9, 6, 5)});
  EXPECT_EQ(h.state.x[9], 0u);
  EXPECT_EQ(read_mem<uint32_t>(h, 0), 5u);
  EXPECT_EQ(read_mem<uint32_t>(h, 4), kGuard);
}

TEST(Rv64A, ScFailsWithoutReservation) {
  Rv64Harness h;
  write_mem<uint64_t>(h, 0, 42);
  h.state.x[5] = h.data_addr();
  h.state.x[6] = 99;
  run_ok(h, {sc_d(9, 6, 5)});
  EXPECT_EQ(h.state.x[9], 1u);
  EXPECT_EQ(read_mem<uint64_t>(h, 0), 42u);
}

TEST(Rv64A, ScFailsOnAnotherAddress) {
  Rv64Harness h;
  write_mem<uint64_t>(h, 0, 42);
  write_mem<uint64_t>(h, 8, 42);  // same value: only the address differs
  h.state.x[5] = h.data_addr();
  h.state.x[10] = h.data_addr() + 8;
  h.state.x[6] = 99;
  run_ok(h, {lr_d(7, 0, 5), sc_d(9, 6, 10)});
  EXPECT_EQ(h.state.x[9], 1u);
  EXPECT_EQ(read_mem<uint64_t>(h, 8), 42u);
  EXPECT_EQ(h.state.reservation_addr, kNoReservation);
}

TEST(Rv64A, ScFailsAfterAnotherHartsStore) {
  Rv64Harness h;
  write_mem<uint64_t>(h, 0, 42);
  h.state.x[5] = h.data_addr();
  h.state.x[6] = 99;
  run_ok(h, {lr_d(7, 0, 5)});
  write_mem<uint64_t>(h, 0, 1000);  // another hart writes between LR and SC
  run_ok(h, {sc_d(9, 6, 5)});
  EXPECT_EQ(h.state.x[9], 1u);
  EXPECT_EQ(read_mem<uint64_t>(h, 0), 1000u);
}

TEST(Rv64A, SecondScFails) {
  Rv64Harness h;
  write_mem<uint64_t>(h, 0, 42);
  h.state.x[5] = h.data_addr();
  h.state.x[6] = 42;  // store the same value so only the cleared reservation can fail it
  h.state.x[8] = 7;
  run_ok(h, {lr_d(7, 0, 5), sc_d(9, 6, 5), sc_d(10, 8, 5)});
  EXPECT_EQ(h.state.x[9], 0u);
  EXPECT_EQ(h.state.x[10], 1u);
  EXPECT_EQ(read_mem<uint64_t>(h, 0), 42u);
}

}  // namespace
}  // namespace xisa::riscv64::testing
