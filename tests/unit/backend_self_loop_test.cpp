// Self-loops (backend/common/self_loop.h): which guest registers a block that branches to itself
// keeps in host registers, the back edge's parallel move, and, on this host's backend, that the
// promotion happens (the fault side table then names host registers for slots the iteration
// has not written yet; with the state as their home it would name none).
#include <gtest/gtest.h>
#include <sys/mman.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "backend/common/self_loop.h"
#include "backend/host.h"
#include "backend_test_support.h"
#include "ir/builder.h"
#include "ir/helpers.h"

namespace xisa::backend_test {
namespace {

using backend::common::kReservedReg;
using backend::common::Loc;
using backend::common::SelfLoopPlan;
using ir::Type;
using ir::Value;

constexpr uint64_t kPc = 0x1000;
constexpr std::array<uint8_t, 3> kRegs = {20, 21, 22};

// r0 += 1 and r1 += r0 (read and written), r2 read only, r3 written only; loops while r0 < r2.
void counting_loop(ir::Block& block, bool with_helper_call, bool with_code_fence) {
  block.guest_pc = kPc;
  block.guest_end = kPc + 4;
  ir::Builder b(block);
  const Value r0 = b.add(b.get_reg(Type::I64, reg(0)), b.imm64(1));
  b.set_reg(reg(0), r0);
  b.set_reg(reg(1), b.add(b.get_reg(Type::I64, reg(1)), r0));
  const Value limit = b.get_reg(Type::I64, reg(2));
  b.set_reg(reg(3), r0);
  if (with_code_fence) b.fence(ir::FenceKind::Instruction);
  if (with_helper_call) {
    static const ir::HelperInfo helper{
        "nothing", [](void*, uint64_t, uint64_t, uint64_t) { return uint64_t{0}; }};
    b.call(helper, {});
  }
  b.branch(b.ltu(r0, limit), kPc, kPc + 0x100);
}

struct Planned {
  SelfLoopPlan plan;
  std::array<ir::ValueId, 32> owner;
};

Planned plan_for(const ir::Block& block, std::span<const uint8_t> regs) {
  Planned p;
  p.owner.fill(ir::kNoValue);
  backend::common::Liveness live;
  live.analyze(block);
  p.plan.plan(block, live, regs, p.owner);
  return p;
}

TEST(SelfLoopPlan, LoopCarriedSlotsFirstThenReadOnlyThenWriteOnly) {
  ir::Block block;
  counting_loop(block, false, false);
  const Planned p = plan_for(block, kRegs);
  ASSERT_TRUE(p.plan.active());
  const auto& slots = p.plan.slots();
  ASSERT_EQ(slots.size(), 3u);  // three registers for four candidates
  EXPECT_EQ(slots[0].offset, reg(0));
  EXPECT_EQ(slots[1].offset, reg(1));
  EXPECT_EQ(slots[2].offset, reg(2));
  EXPECT_TRUE(slots[0].written);
  EXPECT_FALSE(slots[2].written);
  EXPECT_EQ(p.plan.at(reg(3)), nullptr);
  for (unsigned k = 0; k < 3; ++k) {
    EXPECT_EQ(slots[k].reg, kRegs[k]);
    EXPECT_EQ(p.owner[kRegs[k]], kReservedReg);
  }
}

TEST(SelfLoopPlan, AHelperCallLoopsWithoutPromotedRegisters) {
  ir::Block block;
  counting_loop(block, true, false);
  const Planned p = plan_for(block, kRegs);
  EXPECT_TRUE(p.plan.active());
  EXPECT_TRUE(p.plan.slots().empty());
  EXPECT_EQ(p.owner[kRegs[0]], ir::kNoValue);
}

TEST(SelfLoopPlan, AnInstructionFenceOrAnotherTargetIsNoSelfLoop) {
  ir::Block fenced;
  counting_loop(fenced, false, true);
  EXPECT_FALSE(plan_for(fenced, kRegs).plan.active());
  ir::Block elsewhere;
  elsewhere.guest_pc = kPc;
  ir::Builder b(elsewhere);
  b.set_reg(reg(0), b.add(b.get_reg(Type::I64, reg(0)), b.imm64(1)));
  b.jump(kPc + 4);
  EXPECT_FALSE(plan_for(elsewhere, kRegs).plan.active());
}

TEST(SelfLoopPlan, ASlotReadAtAnotherWidthStaysInTheState) {
  ir::Block block;
  block.guest_pc = kPc;
  ir::Builder b(block);
  const Value x = b.add(b.get_reg(Type::I64, reg(0)), b.imm64(1));
  const Value low = b.get_reg(Type::I32, reg(0));  // overlaps r0 with another type
  b.set_reg(reg(0), x);
  b.set_reg(reg(1), b.emit(ir::Opcode::ZExt, Type::I64, {low}));
  b.branch(b.ltu(x, b.imm64(10)), kPc, kPc + 4);
  const Planned p = plan_for(block, kRegs);
  ASSERT_TRUE(p.plan.active());
  EXPECT_EQ(p.plan.at(reg(0)), nullptr);
  EXPECT_NE(p.plan.at(reg(1)), nullptr);
}

// r0, r1, r2 rotate (r0 = old r1, r1 = old r2, r2 = old r0): a cycle of three registers. The
// moves, run in order on a register file, must give each its final value.
TEST(SelfLoopPlan, BackEdgeMovesRotateThroughTheScratch) {
  ir::Block block;
  block.guest_pc = kPc;
  ir::Builder b(block);
  const Value a = b.get_reg(Type::I64, reg(0));
  const Value c = b.get_reg(Type::I64, reg(1));
  const Value d = b.get_reg(Type::I64, reg(2));
  b.set_reg(reg(0), c);
  b.set_reg(reg(1), d);
  b.set_reg(reg(2), a);
  b.branch(b.ltu(a, b.imm64(10)), kPc, kPc + 4);
  Planned p = plan_for(block, kRegs);
  ASSERT_EQ(p.plan.slots().size(), 3u);
  std::vector<Loc> loc(block.insts.size());
  for (const backend::common::PromotedSlot& s : p.plan.slots()) loc[s.get] = Loc{Loc::Reg, s.reg};
  std::vector<backend::common::DirtyEntry> dirty;
  for (size_t i = 0; i < block.insts.size(); ++i)
    backend::common::step_dirty(block, dirty, i, [&](const backend::common::DirtyEntry& e, bool) {
      EXPECT_TRUE(p.plan.take_final(e));
    });
  constexpr uint8_t kScratch = 9;
  std::array<uint64_t, 32> file{};
  file[kRegs[0]] = 100;
  file[kRegs[1]] = 101;
  file[kRegs[2]] = 102;
  const auto moves = p.plan.back_edge_moves(loc, kScratch);
  EXPECT_EQ(moves.size(), 4u);  // three moves and one parked value
  for (const backend::common::RegMove& m : moves) {
    ASSERT_EQ(m.src.kind, Loc::Reg);
    file[m.dst] = file[m.src.reg];
  }
  EXPECT_EQ(file[kRegs[0]], 101u);
  EXPECT_EQ(file[kRegs[1]], 102u);
  EXPECT_EQ(file[kRegs[2]], 100u);
}

// On this host's backend: a fault before any write of the iteration finds r0 and r1 (written
// by the loop) in host registers, and not r2 (read only: the state always has it).
TEST(HostBackendSelfLoop, KeepsLoopCarriedRegistersInHostRegisters) {
  if (!backend::kHostHasJit) GTEST_SKIP() << "no JIT backend for this host";
  ir::Block block;
  block.guest_pc = kPc;
  block.guest_end = kPc + 8;
  {
    ir::Builder b(block);
    b.guest_insn(kPc);
    const Value i = b.get_reg(Type::I64, reg(0));
    const Value sum = b.get_reg(Type::I64, reg(1));
    const Value x = b.load(Type::I64, b.get_reg(Type::I64, reg(2)));
    b.guest_insn(kPc + 4);
    b.set_reg(reg(1), b.add(sum, x));
    const Value next = b.add(i, b.imm64(1));
    b.set_reg(reg(0), next);
    b.branch(b.ltu(next, b.imm64(1000)), kPc, kPc + 8);
  }
  // Pages of its own: where the host's instruction fetch misses writes (qemu-user), placing
  // code re-protects its pages read-and-execute.
  constexpr size_t kBytes = 1 << 16;
  void* pages = mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(pages, MAP_FAILED);
  auto* memory = static_cast<uint8_t*>(pages);
  size_t used = 0;
  const backend::CodeAllocator alloc = [&](size_t size) {
    uint8_t* at = memory + used;
    used += size;
    return std::pair{at, at};
  };
  backend::CompileConfig config;
  config.epilogue = memory;
  std::string why;
  const auto compiled = backend::host::compile(block, config, alloc, &why);
  munmap(pages, kBytes);
  ASSERT_TRUE(compiled) << why;
  ASSERT_EQ(compiled->fault_sites.size(), 1u);
  const auto& dirty = compiled->fault_sites[0].dirty;
  ASSERT_EQ(dirty.size(), 2u);
  EXPECT_EQ(dirty[0].state_offset, reg(0));
  EXPECT_EQ(dirty[1].state_offset, reg(1));
  for (const backend::DirtyReg& d : dirty) {
    EXPECT_EQ(d.kind, backend::DirtyReg::HostReg);
    EXPECT_EQ(d.bytes, 8u);
  }
  EXPECT_NE(dirty[0].host_reg, dirty[1].host_reg);
}

}  // namespace
}  // namespace xisa::backend_test
