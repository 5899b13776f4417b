// Checks the tests' own RV64 assembler (rv64_asm.h) against riscv64-linux-gnu-as: each word
// below was produced by `as -march=rv64gc` (with .option norvc) and `objdump -d -M no-aliases`.
// (kFence, kEcall... in rv64_asm.h were copied from the same output.)
#include "rv64_asm.h"

#include <gtest/gtest.h>

namespace xisa::riscv64::testing {
namespace {

using namespace rvasm;

TEST(Rv64Asm, MatchesGnuAssembler) {
  struct Case {
    const char* text;
    uint32_t ours, gnu;
  };
  const Case cases[] = {
      {"add t2,t0,t1", add(7, 5, 6), 0x006283b3},
      {"sub t2,t0,t1", sub(7, 5, 6), 0x406283b3},
      {"sraw t6,ra,sp", sraw(31, 1, 2), 0x4020dfbb},
      {"addi t2,t0,-2048", addi(7, 5, -2048), 0x80028393},
      {"srai t2,t0,63", srai(7, 5, 63), 0x43f2d393},
      {"sraiw t2,t0,31", sraiw(7, 5, 31), 0x41f2d39b},
      {"slli t2,t0,63", slli(7, 5, 63), 0x03f29393},
      {"lw t2,-4(t0)", lw(7, 5, -4), 0xffc2a383},
      {"lbu t2,2047(t0)", lbu(7, 5, 2047), 0x7ff2c383},
      {"sd t1,-8(t0)", sd(6, -8, 5), 0xfe62bc23},
      {"sb t1,2047(t0)", sb(6, 2047, 5), 0x7e628fa3},
      {"beq t0,t1,.+2048", beq(5, 6, 2048), 0x006280e3},
      {"bgeu t0,t1,.-4096", bgeu(5, 6, -4096), 0x8062f063},
      {"blt t0,t1,.+8", blt(5, 6, 8), 0x0062c463},
      {"jal ra,.+1048574", jal(1, 1048574), 0x7ffff0ef},
      {"jal zero,.-1048576", jal(0, -1048576), 0x8000006f},
      {"jalr ra,-1(t0)", jalr(1, 5, -1), 0xfff280e7},
      {"lui t2,0xfffff", lui(7, 0xfffff), 0xfffff3b7},
      {"auipc t2,0x80000", auipc(7, 0x80000), 0x80000397},
      {"mul t2,t0,t1", mul(7, 5, 6), 0x026283b3},
      {"divuw t2,t0,t1", divuw(7, 5, 6), 0x0262d3bb},
      {"remu t2,t0,t1", remu(7, 5, 6), 0x0262f3b3},
      {"lr.w t2,(t0)", lr_w(7, 0, 5), 0x1002a3af},
      {"lr.d.aqrl t2,(t0)", lr_d(7, 0, 5, true, true), 0x1602b3af},
      {"sc.d t2,t1,(t0)", sc_d(7, 6, 5), 0x1862b3af},
      {"amoadd.w t2,t1,(t0)", amoadd_w(7, 6, 5), 0x0062a3af},
      {"amomaxu.d.aq t2,t1,(t0)", amomaxu_d(7, 6, 5, true), 0xe462b3af},
      {"amoswap.w.rl t2,t1,(t0)", amoswap_w(7, 6, 5, false, true), 0x0a62a3af},
      {"csrrw t2,fcsr,t0", csrrw(7, 0x003, 5), 0x003293f3},
      {"csrrs t2,cycle,zero", csrrs(7, 0xc00, 0), 0xc00023f3},
      {"csrrci t2,fflags,31", csrrci(7, 0x001, 31), 0x001ff3f3},
      {"csrrwi t2,frm,5", csrrwi(7, 0x002, 5), 0x0022d3f3},
  };
  for (const Case& c : cases) EXPECT_EQ(c.ours, c.gnu) << c.text;
}

}  // namespace
}  // namespace xisa::riscv64::testing
