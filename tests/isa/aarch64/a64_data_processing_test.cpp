// A64 integer data processing, one test per encoding class. Expected values are computed by
// hand from the Arm ARM pseudocode (AddWithCarry, DecodeBitMasks, ...); encodings from GNU as.
#include <gtest/gtest.h>

#include "a64_harness.h"

namespace xisa::aarch64::testing {
namespace {

constexpr uint8_t kN = 8, kZ = 4, kC = 2, kV = 1;

TEST(A64AddSub, AddsSetsCarryAndZeroOnWrap) {
  A64Harness h;
  h.state.x[1] = ~uint64_t{0};
  h.state.x[2] = 1;
  h.run({0xab020020});  // adds x0, x1, x2
  EXPECT_EQ(h.last_ir_error, "");
  EXPECT_EQ(h.state.x[0], 0u);
  EXPECT_EQ(h.nzcv(), kZ | kC);
}

TEST(A64AddSub, AddsWordSignedOverflow) {
  A64Harness h;
  h.state.x[1] = 0xffffffff7fffffff;  // upper half ignored
  h.state.x[2] = 1;
  h.run({0x2b020020});  // adds w0, w1, w2
  EXPECT_EQ(h.state.x[0], 0x80000000u);
  EXPECT_EQ(h.nzcv(), kN | kV);
}

TEST(A64AddSub, SubsImmediateBorrow) {
  A64Harness h;
  h.state.x[4] = 0;
  h.run({0x71000483});                   // subs w3, w4, #1
  EXPECT_EQ(h.state.x[3], 0xffffffffu);  // zero-extended W result
  EXPECT_EQ(h.nzcv(), kN);               // borrow: C clear
}

TEST(A64AddSub, CmpThenBranchLessThan) {
  A64Harness h;
  h.state.x[1] = static_cast<uint64_t>(-5);
  h.state.x[2] = 3;
  // cmp x1, x2; b.lt +8; mov x0, #1; mov x1, #2
  h.run({0xeb02003f, 0x5400004b, 0xd2800020, 0xd2800041});
  EXPECT_EQ(h.state.x[0], 0u);  // skipped
  EXPECT_EQ(h.state.x[1], 2u);
  EXPECT_EQ(h.nzcv(), kN | kC);  // -5 - 3 = -8; unsigned 0xff..fb >= 3: no borrow
}

TEST(A64AddSub, AdcAndSbcsUseCarry) {
  A64Harness h;
  h.state.cf = 1;
  h.state.x[1] = 10;
  h.state.x[2] = 20;
  h.state.x[4] = 5;
  h.state.x[5] = 5;
  h.run({0x9a020020, 0x7a050083});  // adc x0, x1, x2; sbcs w3, w4, w5
  EXPECT_EQ(h.state.x[0], 31u);
  EXPECT_EQ(h.state.x[3], 0u);  // 5 + ~5 + 1 = 0 with carry out
  EXPECT_EQ(h.nzcv(), kZ | kC);
}

TEST(A64AddSub, ExtendedRegisterWithSp) {
  A64Harness h;
  h.state.x[31] = 0x1000;
  h.state.x[1] = 0xffffffff00000003;
  h.state.x[3] = 100;
  h.state.x[4] = 0x80;  // sxtb: -128
  h.state.x[5] = static_cast<uint64_t>(-2);
  h.state.x[6] = 0xfffe;  // sxth: -2
  // add x0, sp, w1, uxtw #2; sub x2, x3, w4, sxtb; cmp x5, w6, sxth
  h.run({0x8b214be0, 0xcb248062, 0xeb26a0bf});
  EXPECT_EQ(h.state.x[0], 0x100cu);
  EXPECT_EQ(h.state.x[2], 228u);
  EXPECT_EQ(h.nzcv(), kZ | kC);
}

TEST(A64AddSub, ShiftedRegister) {
  A64Harness h;
  h.state.x[1] = 1;
  h.state.x[2] = 2;
  h.state.x[4] = 0;
  h.state.x[5] = static_cast<uint64_t>(-16);
  // add x0, x1, x2, lsl #3; sub w3, w4, w5, asr #2
  h.run({0x8b020c20, 0x4b850883});
  EXPECT_EQ(h.state.x[0], 17u);
  EXPECT_EQ(h.state.x[3], 4u);
}

TEST(A64Logical, ImmediateMasks) {
  A64Harness h;
  h.state.x[1] = 0x123456789abcdef0;
  h.state.x[4] = 2;
  // and x0, x1, #0xff00ff00ff00ff00; mov w2, #0x7ffffffe; ands x3, x4, #1
  h.run({0x92089c20, 0x321f77e2, 0xf2400083});
  EXPECT_EQ(h.state.x[0], 0x120056009a00de00u);
  EXPECT_EQ(h.state.x[2], 0x7ffffffeu);
  EXPECT_EQ(h.state.x[3], 0u);
  EXPECT_EQ(h.nzcv(), kZ);
}

TEST(A64Logical, ShiftedAndInverted) {
  A64Harness h;
  h.state.x[7] = ~uint64_t{0};
  h.state.x[8] = 0xf;  // ror #4 -> 0xf000000000000000
  h.state.x[10] = 0;
  h.state.x[11] = 0xffff0000;
  h.state.x[13] = 0xff;
  h.state.x[14] = 0x0f;
  // bic x6, x7, x8, ror #4; orn w9, w10, w11; eon x12, x13, x14
  h.run({0x8ae810e6, 0x2a2b0149, 0xca2e01ac});
  EXPECT_EQ(h.state.x[6], 0x0fffffffffffffffu);
  EXPECT_EQ(h.state.x[9], 0x0000ffffu);
  EXPECT_EQ(h.state.x[12], 0xffffffffffffff0fu);
}

TEST(A64MoveWide, MovzMovkMovn) {
  A64Harness h;
  h.state.x[1] = 0x1234567812345678;
  // mov x0, #0x12340000; movk x0, #0xbeef; mov w1, #0xffffffff
  h.run({0xd2a24680, 0xf297dde0, 0x12800001});
  EXPECT_EQ(h.state.x[0], 0x1234beefu);
  EXPECT_EQ(h.state.x[1], 0xffffffffu);
}

TEST(A64Bitfield, ExtractInsertShift) {
  A64Harness h;
  h.state.x[1] = 0x123456789abcdef0;
  h.state.x[3] = 0x80;  // bits 7:4 = 1000 -> -8
  h.state.x[4] = 0xffffffffffffffff;
  h.state.x[5] = 0x12;
  h.state.x[7] = 0x8000000000000000;
  h.state.x[9] = 3;
  h.state.x[11] = 0x80000000;
  // ubfx x0, x1, #8, #16; sbfx w2, w3, #4, #4; bfi x4, x5, #8, #8; asr x6, x7, #63;
  // lsl w8, w9, #31; sxtw x10, w11
  h.run({0xd3485c20, 0x13041c62, 0xb3781ca4, 0x937ffce6, 0x53010128, 0x93407d6a});
  EXPECT_EQ(h.state.x[0], 0xbcdeu);
  EXPECT_EQ(h.state.x[2], 0xfffffff8u);
  EXPECT_EQ(h.state.x[4], 0xffffffffffff12ffu);
  EXPECT_EQ(h.state.x[6], ~uint64_t{0});
  EXPECT_EQ(h.state.x[8], 0x80000000u);
  EXPECT_EQ(h.state.x[10], 0xffffffff80000000u);
}

TEST(A64Bitfield, ExtrAndRor) {
  A64Harness h;
  h.state.x[1] = 0x1111222233334444;
  h.state.x[2] = 0x5555666677778888;
  h.state.x[4] = 0x12345678;
  // extr x0, x1, x2, #16; ror w3, w4, #8
  h.run({0x93c24020, 0x13842083});
  EXPECT_EQ(h.state.x[0], 0x4444555566667777u);
  EXPECT_EQ(h.state.x[3], 0x78123456u);
}

TEST(A64CondSelect, CsincCsnegCset) {
  A64Harness h;
  h.state.nf = 1;  // N != V: GE false, LT true; Z clear
  h.state.x[1] = 10;
  h.state.x[2] = 20;
  h.state.x[4] = 7;
  h.state.x[5] = 9;
  // csinc x0, x1, x2, ge; csneg w3, w4, w5, lt; cset x6, eq
  h.run({0x9a82a420, 0x5a85b483, 0x9a9f17e6});
  EXPECT_EQ(h.state.x[0], 21u);
  EXPECT_EQ(h.state.x[3], 7u);
  EXPECT_EQ(h.state.x[6], 0u);
}

TEST(A64CondCompare, CcmpUsesImmediateFlagsWhenFalse) {
  A64Harness h;
  h.state.zf = 1;  // NE false: flags = #4 (Z)
  h.state.x[1] = 1;
  h.state.x[2] = 2;
  h.run({0xfa421024});  // ccmp x1, x2, #4, ne
  EXPECT_EQ(h.nzcv(), kZ);
  h.state.zf = 0;  // NE true: flags of 1 - 2
  h.run({0xfa421024});
  EXPECT_EQ(h.nzcv(), kN);
}

TEST(A64Multiply, MaddMsubLongAndHigh) {
  A64Harness h;
  h.state.x[1] = 3;
  h.state.x[2] = 4;
  h.state.x[3] = 5;
  h.state.x[5] = 6;
  h.state.x[6] = 7;
  h.state.x[7] = 2;
  h.state.x[9] = 0xfffffffe;
  h.state.x[10] = 3;  // -2 * 3
  h.state.x[12] = ~uint64_t{0};
  h.state.x[13] = ~uint64_t{0};
  h.state.x[15] = static_cast<uint64_t>(-1);
  h.state.x[16] = 5;
  h.state.x[18] = 0xffffffff;
  h.state.x[19] = 2;
  h.state.x[20] = 1;
  // madd x0, x1, x2, x3; msub w4, w5, w6, w7; smull x8, w9, w10; umulh x11, x12, x13;
  // smulh x14, x15, x16; umaddl x17, w18, w19, x20
  h.run({0x9b020c20, 0x1b069ca4, 0x9b2a7d28, 0x9bcd7d8b, 0x9b507dee, 0x9bb35251});
  EXPECT_EQ(h.state.x[0], 17u);
  EXPECT_EQ(h.state.x[4], 0xffffffd8u);  // 2 - 42 = -40
  EXPECT_EQ(h.state.x[8], static_cast<uint64_t>(-6));
  EXPECT_EQ(h.state.x[11], 0xfffffffffffffffeu);
  EXPECT_EQ(h.state.x[14], ~uint64_t{0});
  EXPECT_EQ(h.state.x[17], 0x1fffffffeu + 1);
}

TEST(A64Divide, ByZeroAndShiftsByRegister) {
  A64Harness h;
  h.state.x[1] = 100;
  h.state.x[2] = 0;
  h.state.x[4] = 0x80000000;
  h.state.x[5] = 0xffffffff;  // INT_MIN / -1
  h.state.x[7] = 0x100;
  h.state.x[8] = 68;  // shift taken mod 64
  h.state.x[10] = 0x1;
  h.state.x[11] = 33;  // ror w by 1
  // udiv x0, x1, x2; sdiv w3, w4, w5; lsr x6, x7, x8; ror w9, w10, w11
  h.run({0x9ac20820, 0x1ac50c83, 0x9ac824e6, 0x1acb2d49});
  EXPECT_EQ(h.state.x[0], 0u);
  EXPECT_EQ(h.state.x[3], 0x80000000u);
  EXPECT_EQ(h.state.x[6], 0x10u);
  EXPECT_EQ(h.state.x[9], 0x80000000u);
}

TEST(A64OneSource, ClzClsRbitRev) {
  A64Harness h;
  h.state.x[1] = 0x0000100000000000;
  h.state.x[3] = 0xfff0ffff;
  h.state.x[5] = 0x1;
  h.state.x[7] = 0x0102030405060708;
  h.state.x[9] = 0x11223344;
  h.state.x[11] = 0x0102030405060708;
  h.state.x[13] = 0x3;
  // clz x0, x1; cls w2, w3; rbit x4, x5; rev x6, x7; rev16 w8, w9; rev32 x10, x11; rbit w12, w13
  h.run({0xdac01020, 0x5ac01462, 0xdac000a4, 0xdac00ce6, 0x5ac00528, 0xdac0096a, 0x5ac001ac});
  EXPECT_EQ(h.state.x[0], 19u);
  EXPECT_EQ(h.state.x[2], 11u);
  EXPECT_EQ(h.state.x[4], 0x8000000000000000u);
  EXPECT_EQ(h.state.x[6], 0x0807060504030201u);
  EXPECT_EQ(h.state.x[8], 0x22114433u);
  EXPECT_EQ(h.state.x[10], 0x0403020108070605u);
  EXPECT_EQ(h.state.x[12], 0xc0000000u);
}

}  // namespace
}  // namespace xisa::aarch64::testing

namespace xisa::aarch64::testing {
namespace {

// SBFM/UBFM against the Arm ARM pseudocode (DecodeBitMasks with immediate = FALSE, then
// ROR, wmask, tmask and the replicated sign bit), over every immr/imms of both sizes.
uint64_t bitfield_reference(bool sbfm, bool is64, unsigned immr, unsigned imms, uint64_t src) {
  const unsigned size = is64 ? 64 : 32;
  const uint64_t all = is64 ? ~uint64_t{0} : 0xffffffffu;
  auto ones = [&](unsigned n) { return n >= 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1; };
  auto ror = [&](uint64_t v, unsigned r) {
    v &= all;
    return r == 0 ? v : ((v >> r) | (v << (size - r))) & all;
  };
  const unsigned d = (imms - immr) & (size - 1);
  const uint64_t wmask = ror(ones(imms + 1), immr), tmask = ones(d + 1);
  const uint64_t bot = ror(src, immr) & wmask;
  const uint64_t top = sbfm && ((src >> imms) & 1) ? all : 0;
  return ((top & ~tmask) | (bot & tmask)) & all;
}

TEST(A64Bitfield, SbfmAndUbfmMatchThePseudocodeForEveryField) {
  uint64_t seed = 0x9e3779b97f4a7c15;
  for (unsigned is64 = 0; is64 < 2; ++is64) {
    const unsigned size = is64 ? 64 : 32;
    for (unsigned sbfm = 0; sbfm < 2; ++sbfm) {
      for (unsigned immr = 0; immr < size; ++immr) {
        for (unsigned imms = 0; imms < size; ++imms) {
          seed = seed * 6364136223846793005u + 1442695040888963407u;
          const uint64_t src = (immr + imms) % 3 == 0 ? seed | (uint64_t{1} << imms) : seed;
          // SBFM/UBFM Xd/Wd = x0, Xn/Wn = x1.
          const uint32_t insn = (is64 << 31) | ((sbfm ? 0u : 2u) << 29) | (0x26u << 23) |
                                (is64 << 22) | (immr << 16) | (imms << 10) | (1u << 5);
          A64Harness h;
          h.state.x[1] = src;
          h.run({insn});
          ASSERT_EQ(h.state.x[0], bitfield_reference(sbfm, is64, immr, imms, src))
              << std::hex << "insn " << insn << " src " << src;
        }
      }
    }
  }
}

}  // namespace
}  // namespace xisa::aarch64::testing

namespace xisa::aarch64::testing {
namespace {

// CMP then CSET for every condition: the lifter turns conditions after a CMP in the same block
// into compares of its operands; they must agree with ConditionHolds over AddWithCarry's NZCV.
bool condition_holds(unsigned cond, bool n, bool z, bool c, bool v) {
  bool r = false;
  switch (cond >> 1) {
    case 0:
      r = z;
      break;
    case 1:
      r = c;
      break;
    case 2:
      r = n;
      break;
    case 3:
      r = v;
      break;
    case 4:
      r = c && !z;
      break;
    case 5:
      r = n == v;
      break;
    case 6:
      r = n == v && !z;
      break;
    default:
      return true;
  }
  return (cond & 1) ? !r : r;
}

TEST(A64Conditions, EveryConditionAfterCmpMatchesTheFlags) {
  const uint64_t edges[] = {0,
                            1,
                            2,
                            0x7fffffff,
                            0x80000000,
                            0xffffffff,
                            0x7fffffffffffffff,
                            0x8000000000000000,
                            0xffffffffffffffff,
                            0x123456789abcdef0};
  for (unsigned is64 = 0; is64 < 2; ++is64) {
    const unsigned size = is64 ? 64 : 32;
    const uint64_t mask = is64 ? ~uint64_t{0} : 0xffffffffu;
    for (uint64_t a : edges) {
      for (uint64_t m : edges) {
        const uint64_t x = a & mask, y = m & mask;
        const uint64_t res = (x - y) & mask;
        const bool n = (res >> (size - 1)) & 1, z = res == 0, c = x >= y;
        const bool v = (((x ^ y) & (x ^ res)) >> (size - 1)) & 1;
        for (unsigned cond = 0; cond < 14; ++cond) {
          // CMP Xn/Wn (x1), Xm/Wm (x2); CSET x0, cond (CSINC x0, xzr, xzr, invert(cond)).
          const uint32_t cmp = (is64 << 31) | 0x6b000000u | (2u << 16) | (1u << 5) | 31u;
          const uint32_t cset = 0x9a9f07e0u | ((cond ^ 1u) << 12);
          A64Harness h;
          h.state.x[1] = a;
          h.state.x[2] = m;
          h.run({cmp, cset});
          ASSERT_EQ(h.state.x[0], condition_holds(cond, n, z, c, v) ? 1u : 0u)
              << std::hex << "size " << size << " a " << a << " m " << m << " cond " << cond;
          ASSERT_EQ(h.state.nf, n);
          ASSERT_EQ(h.state.cf, c);
          ASSERT_EQ(h.state.vf, v);
        }
      }
    }
  }
}

}  // namespace
}  // namespace xisa::aarch64::testing
