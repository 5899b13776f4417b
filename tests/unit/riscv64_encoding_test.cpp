// The RISC-V64 backend's instruction encoders against GNU as: each expected word below is what
// `riscv64-linux-gnu-as -march=rv64gc_zba_zbb` (binutils 2.40, .option norvc) assembled from
// the instruction in the comment. Header-only, so it runs on every host.
#include <gtest/gtest.h>

#include "backend/riscv64/encoding.h"

namespace xisa::backend::riscv64 {
namespace {

using namespace enc;  // NOLINT: the table reads like assembly

struct Case {
  uint32_t got, want;
  const char* text;
};

TEST(RiscvEncoding, MatchesGnuAs) {
  const Case cases[] = {
      {lui(5, 0x12345), 0x123452b7, "lui x5, 0x12345"},
      {auipc(6, -1), 0xfffff317, "auipc x6, 0xfffff"},
      {jalr(0, 20, 0), 0x000a0067, "jalr x0, 0(x20)"},
      {jal(1, -4), 0xffdff0ef, "jal x1, .-4"},
      {branch(Cond::Eq, 5, 6, -8), 0xfe628ce3, "beq x5, x6, .-8"},
      {branch(Cond::Geu, 10, 11, 2044), 0x7eb57e63, "bgeu x10, x11, .+2044"},
      {load(kLbu, 9, 18, -1), 0xfff94483, "lbu x9, -1(x18)"},
      {load(kLd, 31, 2, 2047), 0x7ff13f83, "ld x31, 2047(x2)"},
      {load(kLwu, 10, 11, 4), 0x0045e503, "lwu x10, 4(x11)"},
      {store(kSb, 5, 6, -2048), 0x80530023, "sb x5, -2048(x6)"},
      {store(kSd, 21, 2, 1288), 0x51513423, "sd x21, 1288(x2)"},
      {addi(5, 6, -1), 0xfff30293, "addi x5, x6, -1"},
      {sltiu(5, 5, 1), 0x0012b293, "sltiu x5, x5, 1"},
      {xori(7, 8, -1), 0xfff44393, "xori x7, x8, -1"},
      {andi(9, 9, 255), 0x0ff4f493, "andi x9, x9, 255"},
      {slli(10, 11, 63), 0x03f59513, "slli x10, x11, 63"},
      {srli(12, 13, 1), 0x0016d613, "srli x12, x13, 1"},
      {srai(14, 15, 56), 0x4387d713, "srai x14, x15, 56"},
      {addiw(16, 17, -2048), 0x8008881b, "addiw x16, x17, -2048"},
      {slliw(5, 6, 31), 0x01f3129b, "slliw x5, x6, 31"},
      {sraiw(5, 6, 3), 0x4033529b, "sraiw x5, x6, 3"},
      {op(kAdd, 1, 2, 3), 0x003100b3, "add x1, x2, x3"},
      {op(kSub, 4, 5, 6), 0x40628233, "sub x4, x5, x6"},
      {op(kSll, 7, 8, 9), 0x009413b3, "sll x7, x8, x9"},
      {op(kSltu, 10, 0, 11), 0x00b03533, "sltu x10, x0, x11"},
      {op(kSra, 12, 13, 14), 0x40e6d633, "sra x12, x13, x14"},
      {op32(kSub, 15, 16, 17), 0x411807bb, "subw x15, x16, x17"},
      {op32(kSrl, 18, 19, 20), 0x0149d93b, "srlw x18, x19, x20"},
      {op(kMulhu, 21, 22, 23), 0x037b3ab3, "mulhu x21, x22, x23"},
      {op(kMulhsu, 24, 25, 26), 0x03acac33, "mulhsu x24, x25, x26"},
      {op(kDivu, 27, 28, 29), 0x03de5db3, "divu x27, x28, x29"},
      {op32(kRem, 30, 31, 5), 0x025fef3b, "remw x30, x31, x5"},
      {op(kAndn, 5, 6, 7), 0x407372b3, "andn x5, x6, x7"},
      {op(kMax, 8, 9, 10), 0x0aa4e433, "max x8, x9, x10"},
      {op(kRol, 11, 12, 13), 0x60d615b3, "rol x11, x12, x13"},
      {op(kRor, 14, 15, 16), 0x6107d733, "ror x14, x15, x16"},
      {op(kSh3add, 17, 18, 19), 0x213968b3, "sh3add x17, x18, x19"},
      {clz(5, 6), 0x60031293, "clz x5, x6"},
      {ctzw(7, 8), 0x6014139b, "ctzw x7, x8"},
      {cpop(9, 10), 0x60251493, "cpop x9, x10"},
      {sext_b(11, 12), 0x60461593, "sext.b x11, x12"},
      {sext_h(13, 14), 0x60571693, "sext.h x13, x14"},
      {rev8(15, 16), 0x6b885793, "rev8 x15, x16"},
      {rori(17, 18, 13), 0x60d95893, "rori x17, x18, 13"},
      {zext_h(19, 20), 0x080a49bb, "zext.h x19, x20"},
      {zext_w(21, 22), 0x080b0abb, "zext.w x21, x22"},
      {amo(Amo::Add, 8, 5, 7, 6), 0x0663b2af, "amoadd.d.aqrl x5, x6, (x7)"},
      {amo(Amo::Maxu, 4, 8, 10, 9), 0xe695242f, "amomaxu.w.aqrl x8, x9, (x10)"},
      {amo(Amo::Lr, 4, 11, 12, 0), 0x160625af, "lr.w.aqrl x11, (x12)"},
      {amo(Amo::Sc, 8, 28, 14, 13), 0x1ed73e2f, "sc.d.aqrl x28, x13, (x14)"},
      {fence(kRW, kRW), 0x0330000f, "fence rw, rw"},
      {fence(kR, kRW), 0x0230000f, "fence r, rw"},
      {fence(kRW, kW), 0x0310000f, "fence rw, w"},
      {csrrs(5, kFflags, 0), 0x001022f3, "csrr x5, fflags"},
      {csrrw(0, kFflags, 0), 0x00101073, "csrw fflags, x0"},
      {fadd(1, 0, 0, 1), 0x02100053, "fadd.d f0, f0, f1, rne"},
      {fsub(0, 0, 0, 1), 0x08100053, "fsub.s f0, f0, f1, rne"},
      {fmul(1, 0, 0, 1), 0x12100053, "fmul.d f0, f0, f1, rne"},
      {fdiv(0, 0, 0, 1), 0x18100053, "fdiv.s f0, f0, f1, rne"},
      {fsqrt(1, 0, 0), 0x5a000053, "fsqrt.d f0, f0, rne"},
      {fmadd(0, 0, 0, 1, 2), 0x10100043, "fmadd.s f0, f0, f1, f2, rne"},
      {fneg(1, 0, 0), 0x22001053, "fsgnjn.d f0, f0, f0"},
      {fabs(1, 0, 0), 0x22002053, "fsgnjx.d f0, f0, f0"},
      {fneg(0, 3, 5), 0x205291d3, "fsgnjn.s f3, f5, f5"},
      {fabs(0, 3, 5), 0x2052a1d3, "fsgnjx.s f3, f5, f5"},
      {feq(1, 5, 0, 1), 0xa21022d3, "feq.d x5, f0, f1"},
      {flt(0, 6, 0, 1), 0xa0101353, "flt.s x6, f0, f1"},
      {fle(1, 7, 0, 1), 0xa21003d3, "fle.d x7, f0, f1"},
      {fmv_x(0, 8, 0), 0xe0000453, "fmv.x.w x8, f0"},
      {fmv_x(1, 9, 0), 0xe20004d3, "fmv.x.d x9, f0"},
      {fmv_f(0, 1, 10), 0xf00500d3, "fmv.w.x f1, x10"},
      {fmv_f(1, 2, 11), 0xf2058153, "fmv.d.x f2, x11"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.got, c.want) << c.text;
}

// patch_jump and the assembler's fix-ups read offsets back from what they wrote.
TEST(RiscvEncoding, JumpAndBranchOffsetsRoundTrip) {
  for (int32_t off : {-(1 << 20), -4096, -4, 0, 2, 2044, 4094, (1 << 20) - 2}) {
    EXPECT_EQ(j_offset(jal(0, off)), off);
    EXPECT_TRUE(is_jal(jal(1, off)));
    if (off >= -4096 && off < 4096) {
      EXPECT_EQ(b_offset(branch(Cond::Ne, 1, 2, off)), off);
    }
  }
}

}  // namespace
}  // namespace xisa::backend::riscv64
