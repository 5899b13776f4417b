// IR: verifier rules, the passes, and the interpreter's op semantics on hand-built blocks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "guest/cpu_header.h"
#include "interp/interpreter.h"
#include "ir/builder.h"
#include "ir/passes/passes.h"

namespace xisa::ir {
namespace {

struct TestState {
  CpuHeader header;
  uint64_t r[4];
};
constexpr uint32_t reg(unsigned i) {
  return offsetof(TestState, r) + 8 * i;
}

TEST(IrVerifier, AcceptsWellTypedBlock) {
  Block b;
  Builder ir(b);
  Value a = ir.get_reg(Type::I64, reg(0));
  ir.set_reg(reg(1), ir.add(a, ir.imm64(1)));
  ir.jump(0x1000);
  EXPECT_EQ(verify_block(b), "");
}

TEST(IrVerifier, RejectsMixedWidths) {
  Block b;
  Builder ir(b);
  Value a = ir.get_reg(Type::I64, reg(0));
  ir.emit(Opcode::Add, Type::I64, {a, ir.imm32(1)});
  ir.jump(0);
  EXPECT_NE(verify_block(b).find("operands must match"), std::string::npos);
}

TEST(IrVerifier, RejectsMissingTerminator) {
  Block b;
  Builder ir(b);
  ir.set_reg(reg(0), ir.imm64(3));
  EXPECT_NE(verify_block(b).find("terminator"), std::string::npos);
}

TEST(IrPasses, FoldsConstantsAndDropsDeadCode) {
  Block b;
  Builder ir(b);
  Value x = ir.mul(ir.imm64(6), ir.imm64(7));
  ir.add(ir.imm64(1), ir.imm64(2));  // unused
  ir.set_reg(reg(0), x);
  ir.jump(0);
  optimize(b);
  ASSERT_EQ(verify_block(b), "");
  ASSERT_EQ(b.insts.size(), 3u);
  EXPECT_EQ(b.insts[0].op, Opcode::Const);
  EXPECT_EQ(b.insts[0].imm, 42u);
}

TEST(IrPasses, ShiftPairsBecomeRotatesOnlyWhenTheyAre) {
  Block b;
  Builder ir(b);
  const Value x = ir.get_reg(Type::I32, reg(0));
  const Value y = ir.get_reg(Type::I32, reg(1));
  const Value rot = ir.or_(ir.shl(x, ir.imm32(21)), ir.shr(x, ir.imm32(11)));     // ror 11
  const Value mixed = ir.or_(ir.shr(x, ir.imm32(11)), ir.shl(y, ir.imm32(21)));   // two sources
  const Value short_ = ir.or_(ir.shr(x, ir.imm32(11)), ir.shl(x, ir.imm32(20)));  // not 32
  ir.set_reg(reg(2), rot);
  ir.set_reg(reg(3), mixed);
  ir.set_reg(reg(1), short_);
  ir.jump(0);
  optimize(b);
  ASSERT_EQ(verify_block(b), "");
  std::vector<const Inst*> stored;
  for (const auto& inst : b.insts)
    if (inst.op == Opcode::SetReg) stored.push_back(&b.insts[inst.args[0]]);
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored[0]->op, Opcode::RotR);
  EXPECT_EQ(b.insts[stored[0]->args[1]].imm, 11u);
  EXPECT_EQ(stored[1]->op, Opcode::Or);
  EXPECT_EQ(stored[2]->op, Opcode::Or);
  // The rotate computes what the shifts did.
  TestState state{};
  state.r[0] = 0x80000001u;
  interp::run_block(b, &state);
  EXPECT_EQ(static_cast<uint32_t>(state.r[2]), (0x80000001u >> 11) | (0x80000001u << 21));
}

TEST(IrPasses, SignExtendedShiftPairsBecomeARotate) {
  // RV64 srliw/slliw/or: Or(SExt(ShrL32(x, 7)), SExt(Shl32(x, 25))).
  auto build = [](Block& b, bool share) {
    Builder ir(b);
    const Value x = ir.trunc(Type::I32, ir.get_reg(Type::I64, reg(0)));
    const Value right = ir.sext(Type::I64, ir.shr(x, ir.imm32(7)));
    const Value left = ir.sext(Type::I64, ir.shl(x, ir.imm32(25)));
    ir.set_reg(reg(1), ir.or_(right, left));
    if (share) ir.set_reg(reg(2), right);  // another reader of the shift
    ir.jump(0);
  };
  for (const bool share : {false, true}) {
    Block b;
    build(b, share);
    optimize(b);
    ASSERT_EQ(verify_block(b), "");
    // The Or narrows to 32 bits (narrow_extended_ops) and becomes a rotate either way; a
    // shift that something else reads stays for it.
    bool rotates = false, shifts = false;
    for (const auto& inst : b.insts) {
      rotates |= inst.op == Opcode::RotR;
      shifts |= inst.op == Opcode::ShrL;
    }
    EXPECT_TRUE(rotates);
    EXPECT_EQ(shifts, share);
    TestState state{};
    state.r[0] = 0xfedcba9880000001u;
    interp::run_block(b, &state);
    const uint32_t x = 0x80000001u, rot = (x >> 7) | (x << 25);
    EXPECT_EQ(state.r[1], static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(rot))));
    if (share) {
      EXPECT_EQ(state.r[2], uint64_t{x >> 7});
    }
  }
}

// Each RV64 instruction truncates its source register itself: the rotate's two shifts start
// from two Truncs of one value, which are one only after CSE.
TEST(IrPasses, ShiftsOfTwoTruncationsOfOneRegisterBecomeARotate) {
  Block b;
  Builder ir(b);
  const Value x = ir.get_reg(Type::I64, reg(0));
  const Value left = ir.shl(ir.trunc(Type::I32, x), ir.imm32(26));
  ir.set_reg(reg(1), ir.sext(Type::I64, left));
  const Value right = ir.shr(ir.trunc(Type::I32, x), ir.imm32(6));
  ir.set_reg(reg(2), ir.or_(ir.sext(Type::I64, right), ir.sext(Type::I64, left)));
  ir.jump(0);
  optimize(b);
  ASSERT_EQ(verify_block(b), "");
  unsigned rotates = 0, ors = 0;
  for (const auto& inst : b.insts) {
    rotates += inst.op == Opcode::RotR;
    ors += inst.op == Opcode::Or;
  }
  EXPECT_EQ(rotates, 1u);
  EXPECT_EQ(ors, 0u);
  TestState state{};
  state.r[0] = 0x0123456789abcdefu;
  interp::run_block(b, &state);
  const uint32_t v = 0x89abcdefu, rot = (v >> 6) | (v << 26);
  EXPECT_EQ(state.r[2], static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(rot))));
  EXPECT_EQ(state.r[1], static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(v << 26))));
}

TEST(IrPasses, ForwardsRegistersButKeepsStoresBeforeFaults) {
  Block b;
  Builder ir(b);
  ir.set_reg(reg(0), ir.imm64(5));
  Value r0 = ir.get_reg(Type::I64, reg(0));  // forwarded: the 5
  ir.set_reg(reg(1), r0);
  ir.set_reg(reg(1), ir.imm64(9));     // the first store to r1 is dead
  ir.load(Type::I64, ir.imm64(0x10));  // may fault: r0's store must stay
  ir.set_reg(reg(0), ir.imm64(6));
  ir.jump(0);
  optimize(b);
  ASSERT_EQ(verify_block(b), "");
  int getregs = 0, setregs = 0;
  for (const auto& inst : b.insts) {
    getregs += inst.op == Opcode::GetReg;
    setregs += inst.op == Opcode::SetReg;
  }
  EXPECT_EQ(getregs, 0);
  EXPECT_EQ(setregs, 3);  // r0=5 (before the load), r1=9, r0=6
}

TEST(IrPasses, SixtyFourBitLaneMultipliesOfWidenedLanesBecomeWideningMultiplies) {
  // r0..r1 and r2..r3 as two vectors: the products of their widened 32-bit lanes.
  for (const bool sign : {true, false}) {
    for (const bool mixed : {false, true}) {
      Block b;
      Builder ir(b);
      const Value x = ir.get_reg(Type::V128, reg(0)), y = ir.get_reg(Type::V128, reg(2));
      const Opcode lo = sign ? Opcode::VWidenLoS : Opcode::VWidenLoU;
      const Opcode hi = mixed ? (sign ? Opcode::VWidenHiU : Opcode::VWidenHiS)
                              : (sign ? Opcode::VWidenHiS : Opcode::VWidenHiU);
      const Value p = ir.vbinary(Opcode::VMul, 64, ir.vunary(lo, 32, x), ir.vunary(hi, 32, y));
      ir.set_reg(reg(0), p);
      ir.jump(0);
      Block optimized = b;
      optimize(optimized);
      ASSERT_EQ(verify_block(optimized), "");
      const Opcode want = mixed ? Opcode::VMul : sign ? Opcode::VMulWideLoS : Opcode::VMulWideLoU;
      EXPECT_TRUE(std::any_of(optimized.insts.begin(), optimized.insts.end(),
                              [&](const Inst& i) { return i.op == want; }))
          << "sign " << sign << " mixed " << mixed;
      // Same products as the plain 64-bit lane multiply, signs and carries included.
      for (const uint64_t seed : {0x8000000012345678ull, 0xffffffff7fffffffull}) {
        TestState before{}, after{};
        before.r[0] = after.r[0] = seed;
        before.r[1] = after.r[1] = ~seed;
        before.r[2] = after.r[2] = seed * 3;
        before.r[3] = after.r[3] = seed ^ 0xf0f0f0f0f0f0f0f0ull;
        interp::run_block(b, &before);
        interp::run_block(optimized, &after);
        EXPECT_EQ(after.r[0], before.r[0]);
        EXPECT_EQ(after.r[1], before.r[1]);
      }
    }
  }
}

TEST(IrPasses, DropsGuardsOnAConditionAlreadyTested) {
  Block b;
  Builder ir(b);
  const Value r0 = ir.get_reg(Type::I64, reg(0));
  const Value bad = ir.ne(r0, ir.imm64(7));
  const Value other = ir.eq(r0, ir.imm64(9));
  ir.trap_if(bad, TrapKind::SlowPathRetry, 0x10);
  ir.set_reg(reg(1), ir.imm64(1));
  ir.trap_if(bad, TrapKind::SlowPathRetry, 0x14);  // cannot fire: dropped
  ir.exit_if(other, 0x40);                         // another condition: kept
  ir.exit_if(bad, 0x50);                           // cannot fire: dropped
  ir.jump(0x20);
  optimize(b);
  ASSERT_EQ(verify_block(b), "");
  int guards = 0;
  for (const auto& inst : b.insts) guards += inst.op == Opcode::TrapIf || inst.op == Opcode::ExitIf;
  EXPECT_EQ(guards, 2);
  // Behaviour is unchanged: r0 = 7 runs through to the jump, r0 = 9 leaves at the ExitIf.
  TestState s{};
  s.r[0] = 7;
  EXPECT_EQ(interp::run_block(b, &s).pc, 0x20u);
  s.r[0] = 9;
  EXPECT_EQ(interp::run_block(b, &s).kind, interp::ExitKind::Trap);
}

// Runs op on a and b (truncated to t); its result has type t unless `result` says otherwise.
uint64_t run_binary(Opcode op, Type t, uint64_t a, uint64_t b, Type result = Type::Void) {
  Block blk;
  Builder ir(blk);
  Value va = ir.trunc(t, ir.get_reg(Type::I64, reg(0)));
  Value vb = ir.trunc(t, ir.get_reg(Type::I64, reg(1)));
  Value r = ir.emit(op, result == Type::Void ? t : result, {va, vb});
  ir.set_reg(reg(2), ir.zext(Type::I64, r));
  ir.jump(0);
  EXPECT_EQ(verify_block(blk), "");
  TestState s{};
  s.r[0] = a;
  s.r[1] = b;
  interp::run_block(blk, &s);
  return s.r[2];
}

// NzcvAdd/NzcvSub pack N, Z, C, V as bytes 0..3 (ARM ARM AddWithCarry).
uint32_t nzcv(bool n, bool z, bool c, bool v) {
  return uint32_t{n} | uint32_t{z} << 8 | uint32_t{c} << 16 | uint32_t{v} << 24;
}

TEST(IrSemantics, AArch64FlagsOfAddAndSubtract) {
  using T = Type;
  auto flags = [](Opcode op, T t, uint64_t a, uint64_t b) {
    return static_cast<uint32_t>(run_binary(op, t, a, b, T::I32));
  };
  EXPECT_EQ(flags(Opcode::NzcvSub, T::I64, 5, 5), nzcv(false, true, true, false));
  EXPECT_EQ(flags(Opcode::NzcvSub, T::I64, 0, 1), nzcv(true, false, false, false));
  EXPECT_EQ(flags(Opcode::NzcvSub, T::I32, 0x80000000u, 1), nzcv(false, false, true, true));
  EXPECT_EQ(flags(Opcode::NzcvSub, T::I64, 1, 0x8000000000000000u), nzcv(true, false, false, true));
  EXPECT_EQ(flags(Opcode::NzcvAdd, T::I32, 0xffffffffu, 1), nzcv(false, true, true, false));
  EXPECT_EQ(flags(Opcode::NzcvAdd, T::I32, 0x7fffffffu, 1), nzcv(true, false, false, true));
  EXPECT_EQ(flags(Opcode::NzcvAdd, T::I64, 0x8000000000000000u, 0x8000000000000000u),
            nzcv(false, true, true, true));
  EXPECT_EQ(flags(Opcode::NzcvAdd, T::I64, 2, 3), nzcv(false, false, false, false));
}

TEST(IrSemantics, DivisionEdgeCases) {
  EXPECT_EQ(run_binary(Opcode::DivU, Type::I64, 7, 0), 0u);
  EXPECT_EQ(run_binary(Opcode::RemU, Type::I64, 7, 0), 7u);
  EXPECT_EQ(run_binary(Opcode::DivS, Type::I32, 0x80000000u, 0xffffffffu), 0x80000000u);
  EXPECT_EQ(run_binary(Opcode::RemS, Type::I32, 0x80000000u, 0xffffffffu), 0u);
  EXPECT_EQ(run_binary(Opcode::DivS, Type::I64, static_cast<uint64_t>(-7), 2),
            static_cast<uint64_t>(-3));
}

TEST(IrSemantics, HighMultiplies) {
  EXPECT_EQ(run_binary(Opcode::MulHiU, Type::I64, ~0ull, ~0ull), ~0ull - 1);
  EXPECT_EQ(run_binary(Opcode::MulHiS, Type::I64, ~0ull, ~0ull), 0u);  // -1 * -1 = 1
  EXPECT_EQ(run_binary(Opcode::MulHiSU, Type::I64, ~0ull, 2), ~0ull);  // -1 * 2 = -2
  EXPECT_EQ(run_binary(Opcode::MulHiS, Type::I32, 0x80000000u, 2), 0xffffffffu);
}

TEST(IrSemantics, ShiftsAndRotatesMaskTheCount) {
  EXPECT_EQ(run_binary(Opcode::Shl, Type::I32, 1, 33), 2u);
  EXPECT_EQ(run_binary(Opcode::ShrA, Type::I8, 0x80, 7), 0xffu);
  EXPECT_EQ(run_binary(Opcode::RotL, Type::I16, 0x8001, 1), 0x0003u);
  EXPECT_EQ(run_binary(Opcode::RotR, Type::I64, 1, 1), 0x8000000000000000ull);
}

// i128 = op(zext a, zext b); returns {low half, high half}.
std::pair<uint64_t, uint64_t> run_binary128(Opcode op, uint64_t a, uint64_t b) {
  Block blk;
  Builder ir(blk);
  Value va = ir.zext(Type::I128, ir.get_reg(Type::I64, reg(0)));
  Value vb = ir.zext(Type::I128, ir.get_reg(Type::I64, reg(1)));
  Value r = ir.emit(op, Type::I128, {va, vb});
  ir.set_reg(reg(2), ir.trunc(Type::I64, r));
  ir.set_reg(reg(3), ir.trunc(Type::I64,
                              ir.emit(Opcode::ShrL, Type::I128, {r, ir.constant(Type::I128, 64)})));
  ir.jump(0);
  EXPECT_EQ(verify_block(blk), "");
  TestState s{};
  s.r[0] = a;
  s.r[1] = b;
  interp::run_block(blk, &s);
  return {s.r[2], s.r[3]};
}

// The full 128 bits: carries and shifts reach the high half (2^64-1 squared is
// 2^128 - 2^65 + 1).
TEST(IrSemantics, Int128KeepsTheHighHalf) {
  using P = std::pair<uint64_t, uint64_t>;
  EXPECT_EQ(run_binary128(Opcode::Add, ~0ull, 1), P(0, 1));
  EXPECT_EQ(run_binary128(Opcode::Sub, 0, 1), P(~0ull, ~0ull));
  EXPECT_EQ(run_binary128(Opcode::Mul, ~0ull, ~0ull), P(1, ~0ull - 1));
  EXPECT_EQ(run_binary128(Opcode::Shl, 3, 127), P(0, 0x8000000000000000ull));
  EXPECT_EQ(run_binary128(Opcode::RotL, 3, 127), P(1, 0x8000000000000000ull));
  EXPECT_EQ(run_binary128(Opcode::DivS, 7, 0), P(0, 0));
}

}  // namespace
}  // namespace xisa::ir

namespace xisa::ir {
namespace {

TEST(IrPasses, ForwardsIdentityOperands) {
  Block b;
  Builder ir(b);
  Value x = ir.get_reg(Type::I64, reg(0));
  Value y = ir.or_(ir.add(ir.imm64(0), x), ir.imm64(0));  // c.mv lifts to x + 0
  Value z = ir.select(ir.imm8(1), y, ir.imm64(7));
  ir.set_reg(reg(1), ir.mul(z, ir.imm64(1)));
  ir.jump(0);
  optimize(b);
  ASSERT_EQ(verify_block(b), "");
  ASSERT_EQ(b.insts.size(), 3u);  // GetReg, SetReg, Jump
  EXPECT_EQ(b.insts[1].op, Opcode::SetReg);
  EXPECT_EQ(b.insts[1].args[0], 0u);
}

// Each guest FP instruction tests the same control register with constants of its own: after
// optimization the test exists once, shared by both.
TEST(IrPasses, MergesCommonSubexpressionsBuiltFromSeparateConstants) {
  Block b;
  Builder ir(b);
  auto test = [&] {
    return ir.eq(ir.and_(ir.get_reg(Type::I32, reg(0)), ir.imm32(0xffe0)), ir.imm32(0x1fa0));
  };
  const Value first = test(), second = test();
  ir.set_reg(reg(1), ir.zext(Type::I64, ir.and_(first, second)));
  ir.jump(0);
  optimize(b);
  ASSERT_EQ(verify_block(b), "");
  unsigned compares = 0;
  for (const Inst& inst : b.insts) compares += inst.op == Opcode::CmpEq;
  EXPECT_EQ(compares, 1u);
}

}  // namespace
}  // namespace xisa::ir

namespace xisa::ir {
namespace {

uint64_t read_r0(void* state, uint64_t, uint64_t, uint64_t) {
  return static_cast<TestState*>(state)->r[0];
}
const HelperInfo kPureRead{"test.read_r0", read_r0, true};
const HelperInfo kImpureRead{"test.read_r0_impure", read_r0};

TEST(IrPasses, DropsUnusedPureHelperCallsOnly) {
  for (const HelperInfo* h : {&kPureRead, &kImpureRead}) {
    Block b;
    Builder ir(b);
    ir.set_reg(reg(0), ir.imm64(5));
    Value v = ir.call(*h, {});
    ir.set_reg(reg(1), v);
    ir.set_reg(reg(1), ir.imm64(9));  // the call's value is dead now
    ir.jump(0);
    optimize(b);
    ASSERT_EQ(verify_block(b), "");
    int calls = 0, r0_stores = 0;
    for (const auto& inst : b.insts) {
      calls += inst.op == Opcode::CallHelper;
      r0_stores += inst.op == Opcode::SetReg && inst.imm == reg(0);
    }
    EXPECT_EQ(calls, h->pure ? 0 : 1) << h->name;
    EXPECT_EQ(r0_stores, 1) << h->name;  // the helper may read r0: its store stays
  }
}

TEST(IrPasses, PureHelperSeesTheStoreBeforeIt) {
  Block b;
  Builder ir(b);
  ir.set_reg(reg(0), ir.imm64(5));
  ir.set_reg(reg(1), ir.call(kPureRead, {}));
  ir.set_reg(reg(0), ir.imm64(6));
  ir.jump(0);
  optimize(b);
  TestState s{};
  interp::run_block(b, &s);
  EXPECT_EQ(s.r[1], 5u);
  EXPECT_EQ(s.r[0], 6u);
}

// A vector register written as two 64-bit halves, then read whole (x86 register moves and
// scalar writes go by halves): the halves' values are forwarded, the same as running the
// block unoptimised, and every other register still reads what the state holds.
struct WideState {
  CpuHeader header;
  uint64_t r[16];
};
constexpr uint32_t wide(unsigned i) {
  return offsetof(WideState, r) + 8 * i;
}

void build_halves_block(Block& b) {
  Builder ir(b);
  Value lo = ir.add(ir.get_reg(Type::I64, wide(0)), ir.imm64(1));
  ir.set_reg(wide(2), lo);
  ir.set_reg(wide(3), ir.imm64(7));
  Value whole = ir.get_reg(Type::V128, wide(2));  // both halves known
  ir.set_reg(wide(4), ir.emit(Opcode::VAdd, Type::V128, {whole, whole}, 32));
  for (unsigned i = 0; i < 16; ++i)  // no other register takes the vector's value
    if (i < 2 || i > 5) ir.set_reg(wide(i), ir.add(ir.get_reg(Type::I64, wide(i)), ir.imm64(i)));
  ir.set_reg(wide(2), whole);  // overwrites both half stores
  ir.jump(0);
}

// AArch64's NzcvSub writes the four flag bytes as one i32; a later flag reader in the block
// reads one byte of it (ADDS then B.CS or CSEL): forwarding must give that byte.
TEST(IrPasses, ANarrowReadOfAWiderWriteSeesItsByte) {
  Block b;
  Builder ir(b);
  const Value a = ir.trunc(Type::I32, ir.get_reg(Type::I64, reg(0)));
  const Value m = ir.trunc(Type::I32, ir.get_reg(Type::I64, reg(1)));
  ir.set_reg(reg(2), ir.emit(Opcode::NzcvSub, Type::I32, {a, m}));
  for (unsigned byte = 0; byte < 4; ++byte)
    ir.set_reg(reg(3) + 2 * byte, ir.zext(Type::I16, ir.get_reg(Type::I8, reg(2) + byte)));
  ir.jump(0);
  Block optimized = b;
  optimize(optimized);
  ASSERT_EQ(verify_block(optimized), "");
  for (const auto& [x, y] : {std::pair<uint64_t, uint64_t>{5, 5}, {0, 1}, {0x80000000u, 1}}) {
    TestState before{}, after{};
    before.r[0] = after.r[0] = x;
    before.r[1] = after.r[1] = y;
    interp::run_block(b, &before);
    interp::run_block(optimized, &after);
    EXPECT_EQ(after.r[3], before.r[3]) << x << " - " << y;
    EXPECT_EQ(after.r[2], before.r[2]);
    if (x == 5) {
      EXPECT_EQ(after.r[3], 0x0000000100010000u);  // N 0, Z 1, C 1, V 0
    }
  }
}

TEST(IrPasses, ForwardsAVectorRegisterWrittenByHalves) {
  Block plain, optimized;
  build_halves_block(plain);
  build_halves_block(optimized);
  optimize(optimized);
  ASSERT_EQ(verify_block(optimized), "");
  int vector_reads = 0, half_stores = 0;
  for (const auto& inst : optimized.insts) {
    vector_reads += inst.op == Opcode::GetReg && inst.type == Type::V128;
    half_stores += inst.op == Opcode::SetReg && inst.type == Type::I64 &&
                   (inst.imm == wide(2) || inst.imm == wide(3));
  }
  EXPECT_EQ(vector_reads, 0);
  EXPECT_EQ(half_stores, 0);
  WideState expected{}, got{};
  for (unsigned i = 0; i < 16; ++i) expected.r[i] = got.r[i] = 0x1111111111111111ull * (i + 1);
  interp::run_block(plain, &expected);
  interp::run_block(optimized, &got);
  for (unsigned i = 0; i < 16; ++i) EXPECT_EQ(got.r[i], expected.r[i]) << "r" << i;
}

// RV64-style 32-bit logic on sign-extended values, then a W op on the result: the logic narrows
// to 32 bits and the extensions in between go. Mixed extensions and a constant the extension
// cannot give back stay wide. Results are those of the block run unoptimised.
void build_extended_logic_block(Block& b) {
  Builder ir(b);
  const Value x = ir.trunc(Type::I32, ir.get_reg(Type::I64, wide(0)));
  const Value y = ir.trunc(Type::I32, ir.get_reg(Type::I64, wide(1)));
  const Value sx = ir.sext(Type::I64, ir.shl(x, ir.imm32(3)));
  const Value sy = ir.sext(Type::I64, ir.shr(y, ir.imm32(5)));
  const Value logic = ir.xor_(ir.and_(sx, sy), ir.imm64(~uint64_t{0x7f}));  // sext of 0xffffff80
  ir.set_reg(wide(2), ir.sext(Type::I64, ir.add(ir.trunc(Type::I32, logic), y)));
  ir.set_reg(wide(3), ir.or_(sx, ir.zext(Type::I64, y)));   // mixed: stays wide
  ir.set_reg(wide(4), ir.xor_(sy, ir.imm64(0x80000000u)));  // not a sign extension
  ir.set_reg(wide(5), logic);
  ir.jump(0);
}

TEST(IrPasses, NarrowsLogicOnExtendedValues) {
  Block plain, optimized;
  build_extended_logic_block(plain);
  build_extended_logic_block(optimized);
  optimize(optimized);
  ASSERT_EQ(verify_block(optimized), "");
  int wide_logic = 0, truncs = 0;
  for (const auto& inst : optimized.insts) {
    wide_logic += (inst.op == Opcode::And || inst.op == Opcode::Or || inst.op == Opcode::Xor) &&
                  inst.type == Type::I64;
    truncs += inst.op == Opcode::Trunc;
  }
  EXPECT_EQ(wide_logic, 2);  // the mixed Or and the Xor with 0x80000000
  EXPECT_EQ(truncs, 2);      // x and y from their registers only
  for (const uint64_t seed :
       {0x0123456789abcdefull, 0xfedcba9876543210ull, 0x8000000080000000ull}) {
    WideState expected{}, got{};
    for (unsigned i = 0; i < 16; ++i) expected.r[i] = got.r[i] = seed * (i + 3) ^ (seed >> i);
    interp::run_block(plain, &expected);
    interp::run_block(optimized, &got);
    for (unsigned i = 0; i < 16; ++i) EXPECT_EQ(got.r[i], expected.r[i]) << "r" << i;
  }
}

// RISC-V's NaN-boxed single: ZExt(x) | 0xffffffff00000000, then the test of its upper half and
// the unboxing of a single-precision op. Both fold when the constant has no bits where x is;
// not when it has, nor for a sign extension's upper half, nor a shift short of x's width.
void build_boxed_single_block(Block& b) {
  Builder ir(b);
  const Value x = ir.trunc(Type::I32, ir.get_reg(Type::I64, wide(0)));
  const Value boxed = ir.or_(ir.zext(Type::I64, x), ir.imm64(0xffffffff00000000));
  ir.set_reg(wide(1), boxed);
  ir.set_reg(wide(2), ir.zext(Type::I64, ir.eq(ir.shr(boxed, ir.imm64(32)),
                                               ir.imm64(0xffffffff))));  // folds to 1
  ir.set_reg(wide(3), ir.zext(Type::I64, ir.add(ir.trunc(Type::I32, boxed), ir.imm32(1))));
  ir.set_reg(wide(4), ir.shr(boxed, ir.imm64(40)));  // folds to 0xffffff
  const Value low_bit = ir.or_(ir.zext(Type::I64, x), ir.imm64(0xffffffff00000001));
  ir.set_reg(wide(5), ir.zext(Type::I64, ir.trunc(Type::I32, low_bit)));  // stays
  const Value signed_box = ir.or_(ir.sext(Type::I64, x), ir.imm64(0x0f00000000000000));
  ir.set_reg(wide(6), ir.shr(signed_box, ir.imm64(32)));                     // stays
  ir.set_reg(wide(7), ir.zext(Type::I64, ir.trunc(Type::I32, signed_box)));  // x
  ir.set_reg(wide(8), ir.shr(boxed, ir.imm64(16)));                          // stays
  ir.jump(0);
}

TEST(IrPasses, SeesThroughANaNBoxedSingle) {
  Block plain, optimized;
  build_boxed_single_block(plain);
  build_boxed_single_block(optimized);
  optimize(optimized);
  ASSERT_EQ(verify_block(optimized), "");
  int shifts = 0, truncs = 0;
  for (const auto& inst : optimized.insts) {
    shifts += inst.op == Opcode::ShrL;
    truncs += inst.op == Opcode::Trunc;
  }
  EXPECT_EQ(shifts, 2);  // of the sign-extended box and by 16
  EXPECT_EQ(truncs, 2);  // x from its register, and the box with its low bit set
  for (const uint64_t seed : {0x0123456789abcdefull, 0xfedcba98f6543210ull, 0x7fc00000ull}) {
    WideState expected{}, got{};
    for (unsigned i = 0; i < 16; ++i) expected.r[i] = got.r[i] = seed * (i + 3) ^ (seed >> i);
    interp::run_block(plain, &expected);
    interp::run_block(optimized, &got);
    for (unsigned i = 0; i < 16; ++i) EXPECT_EQ(got.r[i], expected.r[i]) << "r" << i;
    EXPECT_EQ(got.r[2], 1u);
    EXPECT_EQ(got.r[4], 0xffffffu);
  }
}

}  // namespace
}  // namespace xisa::ir
