// drop_zero_upper_masks (ir/passes/passes.h): which low-half masks it drops, and that blocks of
// random 64-bit vector op chains compute the same values before and after it (the interpreter).
#include <gtest/gtest.h>

#include <random>

#include "guest/cpu_header.h"
#include "interp/interpreter.h"
#include "ir/builder.h"
#include "ir/passes/passes.h"

namespace xisa::ir {
namespace {

struct VState {
  CpuHeader header;
  uint64_t in[2][2];
  uint64_t out[4][2];
};
constexpr uint32_t kIn = offsetof(VState, in), kOut = offsetof(VState, out);

Value mask_low(Builder& ir, Value v) {
  return ir.vbinary(Opcode::VAnd, 64, v, ir.vconst(~uint64_t{0}, 0));
}

unsigned count(const Block& b, Opcode op) {
  unsigned n = 0;
  for (const Inst& inst : b.insts) n += inst.op == op;
  return n;
}

void optimize_masks(Block& b) {
  drop_zero_upper_masks(b);
  eliminate_dead_code(b);
  ASSERT_EQ(verify_block(b), "");
}

TEST(DropZeroUpperMasks, DropsTheMaskOfLaneOpsOnMaskedValues) {
  Block b;
  Builder ir(b);
  const Value x = ir.get_reg(Type::V128, kIn);
  const Value lo = mask_low(ir, ir.vunary(Opcode::VShrLImm, 32, x, 7));   // kept: x is unknown
  const Value hi = mask_low(ir, ir.vunary(Opcode::VShlImm, 32, x, 25));   // kept
  const Value rot = mask_low(ir, ir.vbinary(Opcode::VOr, 0, lo, hi));     // dropped
  const Value sum = mask_low(ir, ir.vbinary(Opcode::VAdd, 32, rot, lo));  // dropped
  ir.set_reg(kOut, sum);
  ir.jump(0);
  optimize_masks(b);
  EXPECT_EQ(count(b, Opcode::VAnd), 2u);
}

TEST(DropZeroUpperMasks, KeepsTheMaskWhereTheUpperHalfMayBeSet) {
  Block b;
  Builder ir(b);
  const Value a = mask_low(ir, ir.get_reg(Type::V128, kIn));
  const Value c = mask_low(ir, ir.get_reg(Type::V128, kIn + 16));
  ir.set_reg(kOut, mask_low(ir, ir.vbinary(Opcode::VCmpEq, 32, a, c)));  // 0 == 0: all ones
  ir.set_reg(kOut + 16, mask_low(ir, ir.vunary(Opcode::VNot, 0, a)));
  ir.set_reg(kOut + 32, mask_low(ir, ir.vunary(Opcode::VClz, 32, a)));  // clz(0) = 32
  ir.set_reg(kOut + 48, mask_low(ir, ir.vbinary(Opcode::VZipLo, 32, a, c)));
  ir.jump(0);
  const size_t before = count(b, Opcode::VAnd);
  optimize_masks(b);
  EXPECT_EQ(count(b, Opcode::VAnd), before);
}

// Random chains over ops that keep zero lanes and ops that do not, masked at random, on random
// inputs: the optimized block must compute what the original does.
TEST(DropZeroUpperMasks, RandomChainsComputeTheSameValues) {
  struct Form {
    Opcode op;
    unsigned lane;
    bool unary;
  };
  static constexpr Form kForms[] = {
      {Opcode::VAdd, 32, false},    {Opcode::VSub, 16, false},    {Opcode::VMul, 32, false},
      {Opcode::VOr, 64, false},     {Opcode::VXor, 64, false},    {Opcode::VAnd, 64, false},
      {Opcode::VAndNot, 64, false}, {Opcode::VMinU, 8, false},    {Opcode::VMaxS, 16, false},
      {Opcode::VCmpEq, 32, false},  {Opcode::VCmpGtS, 8, false},  {Opcode::VZipLo, 32, false},
      {Opcode::VShlV, 32, false},   {Opcode::VAddSatU, 8, false}, {Opcode::VShlImm, 32, true},
      {Opcode::VShrLImm, 16, true}, {Opcode::VShrAImm, 64, true}, {Opcode::VNot, 64, true},
      {Opcode::VNeg, 32, true},     {Opcode::VPopcnt, 8, true},   {Opcode::VClz, 32, true},
      {Opcode::VNarrow, 32, true},  {Opcode::VWidenLoU, 16, true}};
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    Block b;
    Builder ir(b);
    std::vector<Value> values = {ir.get_reg(Type::V128, kIn), ir.get_reg(Type::V128, kIn + 16),
                                 ir.vconst(~uint64_t{0}, 0), ir.vconst(rng(), 0)};
    values.push_back(mask_low(ir, values[0]));
    for (int k = 0; k < 12; ++k) {
      const Form& f = kForms[rng() % std::size(kForms)];
      const Value a = values[rng() % values.size()], c = values[rng() % values.size()];
      Value r =
          f.unary ? ir.vunary(f.op, f.lane, a, 1 + rng() % 9) : ir.vbinary(f.op, f.lane, a, c);
      if (rng() % 3 != 0) r = mask_low(ir, r);
      values.push_back(r);
    }
    for (unsigned o = 0; o < 4; ++o) ir.set_reg(kOut + 16 * o, values[values.size() - 1 - o]);
    ir.jump(0);
    ASSERT_EQ(verify_block(b), "");
    Block optimized = b;
    optimize_masks(optimized);
    for (int input = 0; input < 4; ++input) {
      VState s1{};
      for (auto& v : s1.in) v[0] = rng(), v[1] = rng();
      VState s2 = s1;
      interp::run_block(b, &s1);
      interp::run_block(optimized, &s2);
      for (unsigned o = 0; o < 4; ++o) {
        ASSERT_EQ(s1.out[o][0], s2.out[o][0]) << "trial " << trial << "\n" << print_block(b);
        ASSERT_EQ(s1.out[o][1], s2.out[o][1]) << "trial " << trial << "\n" << print_block(b);
      }
    }
  }
}

}  // namespace
}  // namespace xisa::ir
