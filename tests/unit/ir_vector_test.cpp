// The v128 IR ops (ops.def "vectors"): each op's lane semantics on hand-picked inputs, run
// through the interpreter, plus the verifier's lane-width and operand rules.
#include <gtest/gtest.h>

#include "guest/cpu_header.h"
#include "interp/interpreter.h"
#include "ir/builder.h"

namespace xisa::ir {
namespace {

struct VState {
  CpuHeader header;
  uint64_t out[2];
  uint64_t scalar;
};
constexpr uint32_t kOut = offsetof(VState, out), kScalar = offsetof(VState, scalar);

struct V {
  uint64_t lo, hi;
};

// Builds a block computing one vector value from constants and returns it.
template <typename Fn>
V eval(Fn&& fn) {
  Block b;
  Builder ir(b);
  Value r = fn(ir);
  if (r.type == Type::V128)
    ir.set_reg(kOut, r);
  else
    ir.set_reg(kScalar, ir.zext(Type::I64, r));
  ir.jump(0);
  EXPECT_EQ(verify_block(b), "");
  VState st{};
  interp::run_block(b, &st);
  return r.type == Type::V128 ? V{st.out[0], st.out[1]} : V{st.scalar, 0};
}

constexpr V kBytes{0x0706050403020100, 0x0f0e0d0c0b0a0908};  // byte i = i
constexpr V kHigh{0xf7f6f5f4f3f2f1f0, 0xfffefdfcfbfaf9f8};   // byte i = 0xf0 + i

Value c(Builder& ir, V v) {
  return ir.vconst(v.lo, v.hi);
}

TEST(IrVector, LaneArithmeticWraps) {
  const V r =
      eval([](Builder& ir) { return ir.vbinary(Opcode::VAdd, 8, c(ir, kBytes), c(ir, kHigh)); });
  EXPECT_EQ(r.lo, 0xfefcfaf8f6f4f2f0u);
  EXPECT_EQ(r.hi, 0x0e0c0a0806040200u);  // 0xf8 + 8 wraps to 0
}

TEST(IrVector, AddAndSubtractByLane) {
  V r = eval([](Builder& ir) {
    return ir.vbinary(Opcode::VAdd, 16, c(ir, {0xffff000100020003, 0}),
                      c(ir, {0x0001ffff00010001, 0}));
  });
  EXPECT_EQ(r.lo, 0x0000000000030004u);
  r = eval([](Builder& ir) { return ir.vbinary(Opcode::VSub, 64, c(ir, {0, 5}), c(ir, {1, 2})); });
  EXPECT_EQ(r.lo, ~uint64_t{0});
  EXPECT_EQ(r.hi, 3u);
}

TEST(IrVector, SaturatingAndMinMax) {
  V r = eval([](Builder& ir) {
    return ir.vbinary(Opcode::VAddSatU, 8, c(ir, {0x00000000000080f0, 0}),
                      c(ir, {0x0000000000008020, 0}));
  });
  EXPECT_EQ(r.lo, 0xffffu);
  r = eval([](Builder& ir) {
    return ir.vbinary(Opcode::VAddSatS, 8, c(ir, {0x000000000000807f, 0}),
                      c(ir, {0x000000000000ff01, 0}));
  });
  EXPECT_EQ(r.lo, 0x807fu);  // -128 + -1 saturates at -128, 127 + 1 at 127
  r = eval([](Builder& ir) {
    return ir.vbinary(Opcode::VSubSatU, 16, c(ir, {0x0000000000050001, 0}),
                      c(ir, {0x0000000000030002, 0}));
  });
  EXPECT_EQ(r.lo, 0x00020000u);
  r = eval([](Builder& ir) {
    return ir.vbinary(Opcode::VMinS, 32, c(ir, {0x00000001ffffffff, 0}),
                      c(ir, {0x0000000200000000, 0}));
  });
  EXPECT_EQ(r.lo, 0x00000001ffffffffu);
  r = eval([](Builder& ir) {
    return ir.vbinary(Opcode::VMaxU, 32, c(ir, {0x00000001ffffffff, 0}),
                      c(ir, {0x0000000200000000, 0}));
  });
  EXPECT_EQ(r.lo, 0x00000002ffffffffu);
}

TEST(IrVector, MultiplyHighAndWideningLowHalves) {
  // 16-bit lanes: -2 * 3 = -6 (high word 0xffff signed, 2 unsigned: 0xfffe * 3 = 0x2fffa);
  // 0x4000 * 0x4000 = 0x1000'0000 (high word 0x1000 either way).
  const V a{0x000000004000fffe, 0}, b{0x0000000040000003, 0};
  V r = eval([&](Builder& ir) { return ir.vbinary(Opcode::VMulHiS, 16, c(ir, a), c(ir, b)); });
  EXPECT_EQ(r.lo, 0x000000001000ffffu);
  r = eval([&](Builder& ir) { return ir.vbinary(Opcode::VMulHiU, 16, c(ir, a), c(ir, b)); });
  EXPECT_EQ(r.lo, 0x0000000010000002u);
  // 64-bit lanes take the product of their low dwords; the high dwords are ignored.
  const V x{0x12345678ffffffff, 0x0000000100000002}, y{0x9abcdef0ffffffff, 0xffffffff80000000};
  r = eval([&](Builder& ir) { return ir.vbinary(Opcode::VMulWideLoU, 64, c(ir, x), c(ir, y)); });
  EXPECT_EQ(r.lo, 0xfffffffe00000001u);  // 0xffffffff squared
  EXPECT_EQ(r.hi, 0x0000000100000000u);  // 2 * 0x80000000
  r = eval([&](Builder& ir) { return ir.vbinary(Opcode::VMulWideLoS, 64, c(ir, x), c(ir, y)); });
  EXPECT_EQ(r.lo, 1u);                   // -1 * -1
  EXPECT_EQ(r.hi, 0xffffffff00000000u);  // 2 * -0x80000000
}

TEST(IrVector, PairwiseMultiplyAddAverageAndSaturatingPacks) {
  // 16-bit lanes a = (1, 2, -3, 4, 0x7fff, 0x7fff, -0x8000, -0x8000),
  //              b = (5, 6, 7, -8, 0x7fff, 0x7fff, -0x8000, -0x8000):
  // pair sums 1*5 + 2*6 = 17, -21 - 32 = -53, 2 * 0x3fff0001 = 0x7ffe0002, 2 * 0x40000000 wraps.
  const V a{0x0004fffd00020001, 0x800080007fff7fff}, b{0xfff8000700060005, 0x800080007fff7fff};
  V r =
      eval([&](Builder& ir) { return ir.vbinary(Opcode::VMulAddPairsS, 16, c(ir, a), c(ir, b)); });
  EXPECT_EQ(r.lo, 0xffffffcb00000011u);
  EXPECT_EQ(r.hi, 0x800000007ffe0002u);
  // Rounding average of unsigned bytes: (0xff + 0xff + 1) >> 1 = 0xff, (1 + 2 + 1) >> 1 = 2.
  r = eval([&](Builder& ir) {
    return ir.vbinary(Opcode::VAvgRoundU, 8, c(ir, {0x00000000000001ff, 0}),
                      c(ir, {0x00000000000002ff, 0}));
  });
  EXPECT_EQ(r.lo, 0x02ffu);
  // 32-bit lanes to 16: a's lanes then b's; signed saturation, then to unsigned.
  const V wide_a{0xffff800000012345, 0x000000007fffffff}, wide_b{0xfffffffe00008000, 0};
  r = eval(
      [&](Builder& ir) { return ir.vbinary(Opcode::VPackSatS, 32, c(ir, wide_a), c(ir, wide_b)); });
  EXPECT_EQ(r.lo, 0x00007fff80007fffu);  // 0x12345 -> 0x7fff, -0x8000, 0x7fffffff -> 0x7fff, 0
  EXPECT_EQ(r.hi, 0x00000000fffe7fffu);  // 0x8000 -> 0x7fff, -2 stays
  r = eval([&](Builder& ir) {
    return ir.vbinary(Opcode::VPackSatSU, 32, c(ir, wide_a), c(ir, wide_b));
  });
  EXPECT_EQ(r.lo, 0x0000ffff0000ffffu);  // 0x12345 -> 0xffff, negative -> 0, 0x7fffffff -> 0xffff
  EXPECT_EQ(r.hi, 0x0000000000008000u);  // 0x8000 stays, -2 -> 0
}

TEST(IrVector, ShiftsByOneCountAndSumsOfAbsoluteDifferences) {
  const V a{0x80000001ffff0010, 0x0000000000000000};
  // Every 16-bit lane by the low 64 bits of b (4); a count of 16 or more clears (or signs) it.
  V r = eval([&](Builder& ir) {
    return ir.vbinary(Opcode::VShlS, 16, c(ir, a), c(ir, {4, ~0ull}));
  });
  EXPECT_EQ(r.lo, 0x00000010fff00100u);
  r = eval([&](Builder& ir) { return ir.vbinary(Opcode::VShrAS, 16, c(ir, a), c(ir, {4, 0})); });
  EXPECT_EQ(r.lo, 0xf8000000ffff0001u);
  r = eval([&](Builder& ir) {
    return ir.vbinary(Opcode::VShrAS, 16, c(ir, a), c(ir, {1u << 16, 0}));
  });
  EXPECT_EQ(r.lo, 0xffff0000ffff0000u);
  r = eval([&](Builder& ir) { return ir.vbinary(Opcode::VShrLS, 32, c(ir, a), c(ir, {32, 0})); });
  EXPECT_EQ(r.lo, 0u);
  // |a - b| summed over each half's bytes: 0xff + 1 + 2 + 3 = 0x105 and 8 * 0x10.
  r = eval([&](Builder& ir) {
    return ir.vbinary(Opcode::VSadU, 8, c(ir, {0x00000000030201ff, 0x1010101010101010}),
                      c(ir, {0, 0x2020202020202020}));
  });
  EXPECT_EQ(r.lo, 0x105u);
  EXPECT_EQ(r.hi, 0x80u);
}

TEST(IrVector, CompareYieldsLaneMasks) {
  V r = eval([](Builder& ir) {
    return ir.vbinary(Opcode::VCmpEq, 8, c(ir, kBytes), c(ir, {0x0706000003020000, 0}));
  });
  EXPECT_EQ(r.lo, 0xffff0000ffff00ffu);
  EXPECT_EQ(r.hi, 0u);
  r = eval([](Builder& ir) {
    return ir.vbinary(Opcode::VCmpGtS, 16, c(ir, {0x8000000100000000, 0}),
                      c(ir, {0x0000000000000000, 0}));
  });
  EXPECT_EQ(r.lo, 0x0000ffff00000000u);
  r = eval([](Builder& ir) {
    return ir.vbinary(Opcode::VCmpGeU, 16, c(ir, {0x8000000100000000, 0}),
                      c(ir, {0x0000000000000000, 0}));
  });
  EXPECT_EQ(r.lo, ~uint64_t{0});
  r = eval([](Builder& ir) {
    return ir.vbinary(Opcode::VCmpTest, 32, c(ir, {0x0000000100000002, 0}),
                      c(ir, {0x0000000300000001, 0}));
  });
  EXPECT_EQ(r.lo, 0xffffffff00000000u);
}

TEST(IrVector, Permutes) {
  V r =
      eval([](Builder& ir) { return ir.vbinary(Opcode::VZipLo, 8, c(ir, kBytes), c(ir, kHigh)); });
  EXPECT_EQ(r.lo, 0xf303f202f101f000u);
  r = eval([](Builder& ir) { return ir.vbinary(Opcode::VZipHi, 32, c(ir, kBytes), c(ir, kHigh)); });
  EXPECT_EQ(r.lo, 0xfbfaf9f80b0a0908u);
  r = eval(
      [](Builder& ir) { return ir.vbinary(Opcode::VUnzipEven, 16, c(ir, kBytes), c(ir, kHigh)); });
  EXPECT_EQ(r.lo, 0x0d0c090805040100u);
  EXPECT_EQ(r.hi, 0xfdfcf9f8f5f4f1f0u);
  r = eval(
      [](Builder& ir) { return ir.vbinary(Opcode::VUnzipOdd, 64, c(ir, kBytes), c(ir, kHigh)); });
  EXPECT_EQ(r.lo, kBytes.hi);
  EXPECT_EQ(r.hi, kHigh.hi);
  r = eval([](Builder& ir) { return ir.vbinary(Opcode::VTrnOdd, 8, c(ir, kBytes), c(ir, kHigh)); });
  EXPECT_EQ(r.lo, 0xf707f505f303f101u);
  r = eval(
      [](Builder& ir) { return ir.vbinary(Opcode::VConcatBytes, 3, c(ir, kBytes), c(ir, kHigh)); });
  EXPECT_EQ(r.lo, 0x0a09080706050403u);
  EXPECT_EQ(r.hi, 0xf2f1f00f0e0d0c0bu);
}

TEST(IrVector, ShiftsByImmediateAndByLane) {
  V r = eval([](Builder& ir) {
    return ir.vunary(Opcode::VShrAImm, 16, c(ir, {0x80000100, 0}), 4);
  });
  EXPECT_EQ(r.lo, 0xf8000010u);
  r = eval([](Builder& ir) { return ir.vunary(Opcode::VShlImm, 8, c(ir, {0x0181, 0}), 8); });
  EXPECT_EQ(r.lo, 0u);  // a count of the lane width clears
  r = eval([](Builder& ir) {
    return ir.vbinary(Opcode::VShrLV, 32, c(ir, {0x8000000080000000, 0}),
                      c(ir, {0x0000002000000004, 0}));
  });
  EXPECT_EQ(r.lo, 0x0000000008000000u);
  r = eval([](Builder& ir) {
    return ir.vbinary(Opcode::VShrAV, 32, c(ir, {0x8000000080000000, 0}),
                      c(ir, {0x0000002000000004, 0}));
  });
  EXPECT_EQ(r.lo, 0xfffffffff8000000u);
}

TEST(IrVector, UnaryOps) {
  V r = eval([](Builder& ir) { return ir.vunary(Opcode::VPopcnt, 8, c(ir, {0xff0f0301, 0})); });
  EXPECT_EQ(r.lo, 0x08040201u);
  r = eval([](Builder& ir) { return ir.vunary(Opcode::VClz, 16, c(ir, {0x0000000100ff8000, 0})); });
  EXPECT_EQ(r.lo, 0x0010000f00080000u);
  r = eval([](Builder& ir) { return ir.vunary(Opcode::VCls, 8, c(ir, {0x00ff7f80, 0})); });
  EXPECT_EQ(r.lo, 0x0707070707070000u);  // 0x80 and 0x7f: 0; 0xff and 0x00: 7
  EXPECT_EQ(r.hi, 0x0707070707070707u);
  r = eval([](Builder& ir) { return ir.vunary(Opcode::VAbs, 32, c(ir, {0x80000000fffffffe, 0})); });
  EXPECT_EQ(r.lo, 0x8000000000000002u);
  r = eval([](Builder& ir) { return ir.vunary(Opcode::VRbit, 8, c(ir, {0x0301, 0})); });
  EXPECT_EQ(r.lo, 0xc080u);
  r = eval([](Builder& ir) { return ir.vunary(Opcode::VReverse, 16, c(ir, kBytes), 64); });
  EXPECT_EQ(r.lo, 0x0100030205040706u);
}

TEST(IrVector, WidenNarrow) {
  V r = eval([](Builder& ir) {
    return ir.vunary(Opcode::VWidenLoS, 8, c(ir, {0x000000000000807f, 0}));
  });
  EXPECT_EQ(r.lo, 0xff80007fu);
  r = eval([](Builder& ir) { return ir.vunary(Opcode::VWidenHiU, 32, c(ir, kHigh)); });
  EXPECT_EQ(r.lo, 0xfbfaf9f8u);
  EXPECT_EQ(r.hi, 0xfffefdfcu);
  r = eval([](Builder& ir) { return ir.vunary(Opcode::VNarrow, 16, c(ir, kBytes)); });
  EXPECT_EQ(r.lo, 0x0e0c0a0806040200u);
  EXPECT_EQ(r.hi, 0u);
}

TEST(IrVector, LanesDupTableAndSelect) {
  V r = eval([](Builder& ir) { return ir.vdup(16, ir.imm32(0x12345678)); });
  EXPECT_EQ(r.lo, 0x5678567856785678u);
  EXPECT_EQ(r.hi, 0x5678567856785678u);
  r = eval([](Builder& ir) { return ir.vextract_lane(Type::I32, 32, c(ir, kBytes), 3); });
  EXPECT_EQ(r.lo, 0x0f0e0d0cu);
  r = eval([](Builder& ir) { return ir.vinsert_lane(8, c(ir, kBytes), ir.imm8(0xaa), 9); });
  EXPECT_EQ(r.hi, 0x0f0e0d0c0b0aaa08u);
  r = eval([](Builder& ir) {
    return ir.vternary(Opcode::VTableLookup, c(ir, kHigh), c(ir, {0x00000000001000ff, 0x0f}),
                       c(ir, kBytes));
  });
  EXPECT_EQ(r.lo, 0xf0f0f0f0f002f000u);  // 0xff and 0x10 fall back to bytes 0 and 2
  EXPECT_EQ(r.hi, 0xf0f0f0f0f0f0f0ffu);
  r = eval([](Builder& ir) {
    return ir.vternary(Opcode::VBitSelect, c(ir, {0xff00, 0}), c(ir, {0x1234, 0}),
                       c(ir, {0xabcd, 0}));
  });
  EXPECT_EQ(r.lo, 0x12cdu);
}

TEST(IrVector, Reductions) {
  V r = eval([](Builder& ir) { return ir.vreduce(Opcode::VReduceAdd, Type::I8, 8, c(ir, kHigh)); });
  EXPECT_EQ(r.lo, (16 * 0xf0 + 120) & 0xffu);
  r = eval(
      [](Builder& ir) { return ir.vreduce(Opcode::VReduceMaxS, Type::I16, 16, c(ir, kHigh)); });
  EXPECT_EQ(r.lo, 0xfffeu);
  r = eval(
      [](Builder& ir) { return ir.vreduce(Opcode::VReduceMinU, Type::I32, 32, c(ir, kHigh)); });
  EXPECT_EQ(r.lo, 0xf3f2f1f0u);
}

TEST(IrVector, VerifierRejectsBadLaneWidthAndTypes) {
  Block b;
  Builder ir(b);
  ir.emit(Opcode::VAdd, Type::V128, {ir.vconst(0, 0), ir.vconst(0, 0)}, 12);
  ir.jump(0);
  EXPECT_NE(verify_block(b).find("lane width"), std::string::npos);
  Block b2;
  Builder ir2(b2);
  ir2.emit(Opcode::VAdd, Type::V128, {ir2.vconst(0, 0), ir2.imm64(0)}, 8);
  ir2.jump(0);
  EXPECT_NE(verify_block(b2).find("v128"), std::string::npos);
}

}  // namespace
}  // namespace xisa::ir
