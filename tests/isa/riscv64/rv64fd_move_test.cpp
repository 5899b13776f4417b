// F/D bit moves: loads and stores (FLW NaN-boxes, FSW stores the low word unchecked), sign
// injection (no canonicalisation, but operands are unboxed), FMV between x and f registers.
// None of them raises a flag.
#include <cstring>

#include "rv64fd_fixture.h"

namespace xisa::riscv64::testing {
namespace {

using namespace rvasm;

TEST(Rv64FdMove, LoadsBoxSinglesAndStoresAreUnchecked) {
  Rv64Harness h;
  const uint32_t word = 0x3fc00000;           // 1.5f
  const uint64_t dword = 0x400921fb54442d18;  // pi
  std::memcpy(h.data() + 8, &word, 4);
  std::memcpy(h.data() + 16, &dword, 8);
  h.state.x[5] = h.data_addr() + 12;
  h.state.f[6] = 0x123456789abcdef0;  // not a boxed single: FSW stores its low word anyway
  h.state.f[7] = 0xfff0000000000001;  // a signaling NaN: FSD stores it as it is
  h.run({flw(10, 5, -4), fld(11, 5, 4), fsw(6, 20, 5), fsd(7, 28, 5)});
  EXPECT_EQ(h.last_ir_error, "");
  EXPECT_EQ(h.state.f[10], boxed(word));
  EXPECT_EQ(h.state.f[11], dword);
  uint32_t stored_word;
  uint64_t stored_dword;
  std::memcpy(&stored_word, h.data() + 32, 4);
  std::memcpy(&stored_dword, h.data() + 40, 8);
  EXPECT_EQ(stored_word, 0x9abcdef0u);
  EXPECT_EQ(stored_dword, 0xfff0000000000001u);
  EXPECT_EQ(h.state.fflags, 0u);
}

TEST(Rv64FdMove, SignInjection) {
  check_cases(Rd::F,
              {
                  {"fsgnj.s 1, -2", fsgnj_s(kRd, kRs1, kRs2), sf(1), sf(-2), 0, sf(-1), 0},
                  {"fsgnjn.s 1, -2", fsgnjn_s(kRd, kRs1, kRs2), sf(1), sf(-2), 0, sf(1), 0},
                  {"fsgnjx.s -1, -2", fsgnjx_s(kRd, kRs1, kRs2), sf(-1), sf(-2), 0, sf(1), 0},
                  {"fsgnjx.s -1, 2", fsgnjx_s(kRd, kRs1, kRs2), sf(-1), sf(2), 0, sf(-1), 0},
                  {"fneg.s = fsgnjn.s x, x", fsgnjn_s(kRd, kRs1, kRs1), sf(3), 0, 0, sf(-3), 0},
                  {"fabs.s = fsgnjx.s x, x", fsgnjx_s(kRd, kRs1, kRs1), sf(-3), 0, 0, sf(3), 0},
                  {"fsgnj.s keeps a signaling NaN", fsgnj_s(kRd, kRs1, kRs2), boxed(kSNaNS), sf(-1),
                   0, boxed(0xff800001), 0},
                  {"fsgnj.s unboxed rs1 reads as canonical NaN", fsgnj_s(kRd, kRs1, kRs2),
                   0x000000003f800000, sf(-1), 0, boxed(0xffc00000), 0},
                  {"fsgnj.s unboxed rs2 gives the canonical NaN's sign", fsgnj_s(kRd, kRs1, kRs2),
                   sf(-1), 0x00000000bf800000, 0, sf(1), 0},
                  {"fsgnj.d 1, -0", fsgnj_d(kRd, kRs1, kRs2), df(1), kSign, 0, df(-1), 0},
                  {"fsgnjn.d 1, 1", fsgnjn_d(kRd, kRs1, kRs2), df(1), df(1), 0, df(-1), 0},
                  {"fsgnjx.d -2, -3", fsgnjx_d(kRd, kRs1, kRs2), df(-2), df(-3), 0, df(2), 0},
                  {"fsgnjn.d keeps a NaN payload", fsgnjn_d(kRd, kRs1, kRs2), kSNaND, kSNaND, 0,
                   kSNaND | kSign, 0},
              });
}

TEST(Rv64FdMove, MovesBetweenRegisterFiles) {
  // FMV.X.W copies the low word, sign-extended, without checking the NaN box.
  EXPECT_EQ(run_fp(fmv_x_w(kRd, kRs1), 0x1234567887654321).x, 0xffffffff87654321u);
  EXPECT_EQ(run_fp(fmv_x_w(kRd, kRs1), boxed(0x7fffffff)).x, 0x7fffffffu);
  EXPECT_EQ(run_fp(fmv_x_w(kRd, kRs1), boxed(kSNaNS)).x, uint64_t{kSNaNS});
  // FMV.W.X NaN-boxes the low word of x[rs1].
  EXPECT_EQ(run_fp(fmv_w_x(kRd, kRs1), 0x1234567887654321).f, 0xffffffff87654321u);
  EXPECT_EQ(run_fp(fmv_w_x(kRd, kRs1), 0x7f800001).f, boxed(0x7f800001));
  EXPECT_EQ(run_fp(fmv_x_d(kRd, kRs1), kSNaND).x, kSNaND);
  EXPECT_EQ(run_fp(fmv_d_x(kRd, kRs1), 0xfff0000000000001).f, 0xfff0000000000001u);
  const FpResult r = run_fp(fmv_x_w(0, kRs1), sf(1));  // to x0: no effect
  EXPECT_EQ(r.x, 0u);
  EXPECT_EQ(r.fflags, 0u);
}

}  // namespace
}  // namespace xisa::riscv64::testing
