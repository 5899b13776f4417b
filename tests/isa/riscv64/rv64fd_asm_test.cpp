// Checks the F/D encodings of the tests' assembler (rv64fd_asm.h) against words produced by
// riscv64-linux-gnu-as -march=rv64gc (.option norvc) and objdump -d -M no-aliases.
#include "rv64fd_asm.h"

#include <gtest/gtest.h>

namespace xisa::riscv64::testing {
namespace {

using namespace rvasm;

TEST(Rv64FdAsm, MatchesGnuAssembler) {
  struct Case {
    const char* text;
    uint32_t ours, gnu;
  };
  const Case cases[] = {
      {"flw ft2,-4(t0)", flw(2, 5, -4), 0xffc2a107},
      {"fld fs1,2047(a0)", fld(9, 10, 2047), 0x7ff53487},
      {"fsw ft1,-8(t0)", fsw(1, -8, 5), 0xfe12ac27},
      {"fsd fa5,16(sp)", fsd(15, 16, 2), 0x00f13827},
      {"fmadd.s fa0,ft1,ft2,ft3,rmm", fmadd_s(10, 1, 2, 3, kRmm), 0x1820c543},
      {"fnmadd.d fa0,ft1,ft2,ft3,dyn", fnmadd_d(10, 1, 2, 3, kDyn), 0x1a20f54f},
      {"fmsub.d fa0,ft1,ft2,ft3,rtz", fmsub_d(10, 1, 2, 3, kRtz), 0x1a209547},
      {"fnmsub.s fa0,ft1,ft2,ft3,rne", fnmsub_s(10, 1, 2, 3, kRne), 0x1820854b},
      {"fadd.s fa0,ft1,ft2,rup", fadd_s(10, 1, 2, kRup), 0x0020b553},
      {"fsub.d fa0,ft1,ft2,rdn", fsub_d(10, 1, 2, kRdn), 0x0a20a553},
      {"fmul.d fa0,ft1,ft2,rne", fmul_d(10, 1, 2, kRne), 0x12208553},
      {"fdiv.s fa0,ft1,ft2,dyn", fdiv_s(10, 1, 2, kDyn), 0x1820f553},
      {"fsqrt.d fa0,ft1,rtz", fsqrt_d(10, 1, kRtz), 0x5a009553},
      {"fsgnjn.s fa0,ft1,ft2", fsgnjn_s(10, 1, 2), 0x20209553},
      {"fsgnjx.d fa0,ft1,ft2", fsgnjx_d(10, 1, 2), 0x2220a553},
      {"fmax.d fa0,ft1,ft2", fmax_d(10, 1, 2), 0x2a209553},
      {"fmin.s fa0,ft1,ft2", fmin_s(10, 1, 2), 0x28208553},
      {"flt.d a0,ft1,ft2", flt_d(10, 1, 2), 0xa2209553},
      {"feq.s a0,ft1,ft2", feq_s(10, 1, 2), 0xa020a553},
      {"fle.d a0,ft1,ft2", fle_d(10, 1, 2), 0xa2208553},
      {"fcvt.wu.s a0,ft1,rmm", fcvt_wu_s(10, 1, kRmm), 0xc010c553},
      {"fcvt.l.d a0,ft1,rtz", fcvt_l_d(10, 1, kRtz), 0xc2209553},
      {"fcvt.lu.d a0,ft1,rup", fcvt_lu_d(10, 1, kRup), 0xc230b553},
      {"fcvt.s.lu fa0,ra,rdn", fcvt_s_lu(10, 1, kRdn), 0xd030a553},
      {"fcvt.d.w fa0,ra", fcvt_d_w(10, 1, kRne), 0xd2008553},
      {"fcvt.s.d fa0,ft1,rmm", fcvt_s_d(10, 1, kRmm), 0x4010c553},
      {"fcvt.d.s fa0,ft1", fcvt_d_s(10, 1, kRne), 0x42008553},
      {"fmv.x.w a0,ft1", fmv_x_w(10, 1), 0xe0008553},
      {"fmv.w.x fa0,ra", fmv_w_x(10, 1), 0xf0008553},
      {"fmv.x.d a0,ft1", fmv_x_d(10, 1), 0xe2008553},
      {"fmv.d.x fa0,ra", fmv_d_x(10, 1), 0xf2008553},
      {"fclass.s a0,ft1", fclass_s(10, 1), 0xe0009553},
      {"fclass.d a0,ft1", fclass_d(10, 1), 0xe2009553},
  };
  for (const Case& c : cases) EXPECT_EQ(c.ours, c.gnu) << c.text;
}

}  // namespace
}  // namespace xisa::riscv64::testing
