// Runs one F or D instruction on chosen register images through the frontend and the
// interpreter, for the rv64fd_*_test.cpp tables. Operands: rs1 = 1, rs2 = 2, rs3 = 3 (x1 also
// holds the first operand, for the integer-to-float conversions); rd = 10 (f10 or x10).
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <bit>
#include <cstdint>

#include "rv64_harness.h"
#include "rv64fd_asm.h"

namespace xisa::riscv64::testing {

inline constexpr unsigned kRs1 = 1, kRs2 = 2, kRs3 = 3, kRd = 10;

// fflags bits (Volume I, "Floating-Point Control and Status Register").
inline constexpr uint32_t kNV = 0x10, kDZ = 0x08, kOF = 0x04, kUF = 0x02, kNX = 0x01;

// Register images: a single lives NaN-boxed in the low half of a 64-bit f register.
inline uint64_t boxed(uint32_t bits) {
  return 0xffffffff00000000ull | bits;
}
inline uint64_t sf(float v) {
  return boxed(std::bit_cast<uint32_t>(v));
}
inline uint64_t df(double v) {
  return std::bit_cast<uint64_t>(v);
}

inline constexpr uint32_t kQNaNS = 0x7fc00000, kSNaNS = 0x7f800001, kInfS = 0x7f800000,
                          kMaxS = 0x7f7fffff, kMinSubS = 0x00000001, kMinNormS = 0x00800000;
inline constexpr uint64_t kQNaND = 0x7ff8000000000000, kSNaND = 0x7ff0000000000001,
                          kInfD = 0x7ff0000000000000, kMaxD = 0x7fefffffffffffff,
                          kMinSubD = 0x0000000000000001, kSign = 0x8000000000000000;

struct FpResult {
  uint64_t f;  // f10
  uint64_t x;  // x10
  uint32_t fflags;
  bool illegal;
};

inline FpResult run_fp(uint32_t insn, uint64_t a, uint64_t b = 0, uint64_t c = 0, uint32_t frm = 0,
                       uint32_t fflags = 0) {
  Rv64Harness h;
  h.state.f[kRs1] = a;
  h.state.f[kRs2] = b;
  h.state.f[kRs3] = c;
  h.state.x[kRs1] = a;
  h.state.frm = frm;
  h.state.fflags = fflags;
  const interp::BlockExit exit = h.run({insn});
  EXPECT_EQ(h.last_ir_error, "");
  // Either the instruction traps, or control reaches the end of it (the block then runs into
  // the zeroed rest of the page, which traps there).
  const bool illegal = exit.kind == interp::ExitKind::Trap && exit.pc == h.code_addr() &&
                       exit.trap == ir::TrapKind::IllegalInstruction;
  if (!illegal) {
    EXPECT_EQ(exit.pc, h.code_addr() + 4);
  }
  return {h.state.f[kRd], h.state.x[kRd], h.state.fflags, illegal};
}

// One row of a table: an instruction, its operands, the expected rd image and fflags.
struct FpCase {
  const char* what;
  uint32_t insn;
  uint64_t a, b, c;
  uint64_t expected;
  uint32_t expected_fflags;
};

enum class Rd { F, X };

inline void check_cases(Rd rd, std::initializer_list<FpCase> cases, uint32_t frm = 0) {
  for (const FpCase& c : cases) {
    SCOPED_TRACE(c.what);
    const FpResult r = run_fp(c.insn, c.a, c.b, c.c, frm);
    ASSERT_FALSE(r.illegal);
    EXPECT_EQ(rd == Rd::F ? r.f : r.x, c.expected) << std::hex << (rd == Rd::F ? r.f : r.x);
    EXPECT_EQ(r.fflags, c.expected_fflags);
  }
}

// One operation under RNE, RTZ, RDN, RUP and RMM, in that order.
struct RoundingCase {
  const char* what;
  uint32_t (*insn)(unsigned rm);
  uint64_t a, b, c;
  std::array<uint64_t, 5> expected;
  std::array<uint32_t, 5> expected_fflags;
};

inline void check_rounding(std::initializer_list<RoundingCase> cases, Rd rd = Rd::F) {
  for (const RoundingCase& c : cases) {
    for (unsigned rm = rvasm::kRne; rm <= rvasm::kRmm; ++rm) {
      SCOPED_TRACE(::testing::Message() << c.what << ", rm " << rm);
      const FpResult r = run_fp(c.insn(rm), c.a, c.b, c.c);
      ASSERT_FALSE(r.illegal);
      const uint64_t value = rd == Rd::F ? r.f : r.x;
      EXPECT_EQ(value, c.expected[rm]) << std::hex << value;
      EXPECT_EQ(r.fflags, c.expected_fflags[rm]);
    }
  }
}

inline constexpr std::array<uint32_t, 5> kAllNx = {kNX, kNX, kNX, kNX, kNX};
inline constexpr std::array<uint32_t, 5> kAllUfNx = {kUF | kNX, kUF | kNX, kUF | kNX, kUF | kNX,
                                                     kUF | kNX};
inline constexpr std::array<uint32_t, 5> kAllOfNx = {kOF | kNX, kOF | kNX, kOF | kNX, kOF | kNX,
                                                     kOF | kNX};

}  // namespace xisa::riscv64::testing
