// The JIT runtime on the host backend (x86-64 or AArch64) with hand-built blocks: chaining, the
// jump cache, the exit request, host faults turned into exact guest faults with the dirty guest
// registers written back, W^X, invalidation, and the interpreter fallback.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/mman.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>

#include "backend_test_support.h"
#include "interp/interpreter.h"
#include "ir/builder.h"
#include "runtime/guest_fault.h"

// Translated code runs only on a host with a backend (x86-64, AArch64, RISC-V64).
#if defined(__x86_64__) || defined(__aarch64__) || defined(__riscv)

namespace xisa::backend_test {
namespace {

using ir::Type;
using ir::Value;

// Runs from pc until a syscall or trap; returns the number of dispatcher round trips.
unsigned run_to_syscall(JitFixture& jit, FakeState& s, uint64_t pc) {
  s.header.pc = pc;
  for (unsigned trips = 1; trips < 1000; ++trips) {
    const interp::BlockExit e = jit.engine->run(&s);
    s.header.pc = e.pc;
    if (e.kind != interp::ExitKind::Jump) return trips;
  }
  ADD_FAILURE() << "no syscall after 1000 dispatcher round trips";
  return 1000;
}

TEST(JitRuntime, ChainedDirectExitsLoopInsideTranslatedCode) {
  JitFixture jit;
  {  // a loop over two blocks, so its back edge is a chained exit (not a self-loop)
    ir::Builder b(jit.source.add(0x1000));
    b.set_reg(reg(0), b.add(b.get_reg(Type::I64, reg(0)), b.imm64(1)));
    b.jump(0x1800);
  }
  {
    ir::Builder b(jit.source.add(0x1800));
    b.branch(b.ltu(b.get_reg(Type::I64, reg(0)), b.imm64(100)), 0x1000, 0x2000);
  }
  ir::Builder(jit.source.add(0x2000)).syscall(0x2004);
  FakeState s{};
  const unsigned trips = run_to_syscall(jit, s, 0x1000);
  EXPECT_EQ(s.r[0], 100u);
  EXPECT_EQ(s.header.pc, 0x2004u);
  // The first passes exit unchained; once both exits are linked, the rest runs in the code.
  EXPECT_LE(trips, 4u);
  EXPECT_GE(jit.metrics.jit_chained_links, 2u);
  EXPECT_GE(jit.metrics.jit_direct_exits, 190u);
}

// A conditional side exit inside a block (ExitIf) is a chainable direct exit: a loop whose
// back edge leaves through one runs inside translated code once linked, and the writes made
// before the exit reach the state on the exit path only.
TEST(JitRuntime, ExitIfIsAChainedSideExit) {
  JitFixture jit;
  {
    ir::Builder b(jit.source.add(0x1000));
    const Value r0 = b.add(b.get_reg(Type::I64, reg(0)), b.imm64(1));
    b.set_reg(reg(0), r0);
    b.exit_if(b.ltu(r0, b.imm64(50)), 0x1800);
    b.set_reg(reg(1), r0);  // only on the fall-through
    b.syscall(0x1004);
  }
  {
    ir::Builder b(jit.source.add(0x1800));
    b.set_reg(reg(2), b.add(b.get_reg(Type::I64, reg(2)), b.imm64(1)));
    b.jump(0x1000);
  }
  FakeState s{};
  const unsigned trips = run_to_syscall(jit, s, 0x1000);
  EXPECT_EQ(s.r[0], 50u);
  EXPECT_EQ(s.r[1], 50u);
  EXPECT_EQ(s.r[2], 49u);
  EXPECT_EQ(s.header.pc, 0x1004u);
  EXPECT_LE(trips, 4u);
  EXPECT_GE(jit.metrics.jit_chained_links, 2u);
}

// A block that branches to itself runs its iterations without leaving its code.
TEST(JitRuntime, SelfLoopRunsInsideItsBlock) {
  JitFixture jit;
  {
    ir::Builder b(jit.source.add(0x1000));
    Value r0 = b.add(b.get_reg(Type::I64, reg(0)), b.imm64(1));
    b.set_reg(reg(0), r0);
    b.set_reg(reg(1), b.add(b.get_reg(Type::I64, reg(1)), r0));
    b.branch(b.ltu(r0, b.imm64(100)), 0x1000, 0x2000);
  }
  ir::Builder(jit.source.add(0x2000)).syscall(0x2004);
  FakeState s{};
  const unsigned trips = run_to_syscall(jit, s, 0x1000);
  EXPECT_EQ(s.r[0], 100u);
  EXPECT_EQ(s.r[1], 5050u);
  EXPECT_EQ(s.header.pc, 0x2004u);
  EXPECT_EQ(trips, 2u);  // the loop, then the syscall block
}

TEST(JitRuntime, BlocksRunInTheInterpreterUntilTheirNthRun) {
  JitFixture jit(false, 3);
  {
    ir::Builder b(jit.source.add(0x1000));
    b.set_reg(reg(0), b.add(b.get_reg(Type::I64, reg(0)), b.imm64(1)));
    b.syscall(0x1004);
  }
  FakeState s{};
  for (uint64_t run = 1; run <= 4; ++run) {
    s.header.pc = 0x1000;
    EXPECT_EQ(jit.engine->run(&s).kind, interp::ExitKind::Syscall);
    EXPECT_EQ(s.r[0], run);
    EXPECT_EQ(jit.metrics.jit_blocks_compiled, run >= 3 ? 1u : 0u) << "run " << run;
    EXPECT_EQ(jit.metrics.jit_entries, run >= 3 ? run - 2 : 0u) << "run " << run;
  }
  EXPECT_EQ(jit.metrics.jit_fallback_blocks, 0u);  // interpreted first, not refused
}

// Divides r0 by the divisor in place; returns 1 (and changes nothing) when it is zero, like
// the x86 frontend's DIV helper.
uint64_t divide_in_place(void* state, uint64_t divisor, uint64_t, uint64_t) {
  auto* s = static_cast<FakeState*>(state);
  if (divisor == 0) return 1;
  s->r[0] /= divisor;
  return 0;
}
const ir::HelperInfo kDivideInPlace{"test_divide", divide_in_place};

// The shape of an x86 DIV: a deferred write, a helper that writes the state, a TrapIf guard
// on its result, then more work in the same block. Taken, the exit must carry the deferred
// write and the helper's (absent) effects and nothing after the guard; not taken, the block
// goes on with the helper's result. The interpreter is the reference for both.
TEST(JitRuntime, TrapIfAfterAStateWritingHelperMatchesTheInterpreter) {
  for (const uint64_t divisor : {uint64_t{0}, uint64_t{7}}) {
    JitFixture jit;
    {
      ir::Builder b(jit.source.add(0x1000));
      b.guest_insn(0x1000);
      b.set_reg(reg(2), b.add(b.get_reg(Type::I64, reg(2)), b.imm64(5)));
      b.guest_insn(0x1004);
      const Value fault = b.call(kDivideInPlace, {b.get_reg(Type::I64, reg(1))});
      b.trap_if(b.ne(fault, b.imm64(0)), ir::TrapKind::DivideError, 0x1004);
      b.guest_insn(0x1008);
      b.set_reg(reg(3), b.add(b.get_reg(Type::I64, reg(0)), b.imm64(1)));
      b.jump(0x2000);
    }
    auto start = [&](FakeState& s) {
      s = FakeState{};
      s.header.pc = 0x1000;
      s.r[0] = 100;
      s.r[1] = divisor;
      s.r[2] = 10;
    };
    FakeState want, got;
    start(want);
    const interp::BlockExit we = interp::run_block(*jit.source.blocks.at(0x1000), &want);
    start(got);
    const interp::BlockExit ge = jit.engine->run(&got);
    ASSERT_EQ(static_cast<int>(ge.kind), static_cast<int>(we.kind)) << divisor;
    EXPECT_EQ(ge.pc, we.pc);
    EXPECT_EQ(got.header.pc, we.pc);
    if (divisor == 0) {
      ASSERT_EQ(we.kind, interp::ExitKind::Trap);
      EXPECT_EQ(ge.trap, ir::TrapKind::DivideError);
      EXPECT_EQ(ge.pc, 0x1004u);
    }
    for (unsigned r = 0; r < 4; ++r) EXPECT_EQ(got.r[r], want.r[r]) << "r" << r << " / " << divisor;
    // Hand-computed: the write before the guard always lands; the one after only without #DE.
    EXPECT_EQ(got.r[2], 15u);
    EXPECT_EQ(got.r[3], divisor ? 100 / divisor + 1 : 0u);
  }
}

// An indirect jump with one target chains to it through its inline cache (x86-64 hosts): it
// stays in translated code without a jump-cache lookup.
TEST(JitRuntime, IndirectJumpsChainThroughTheirInlineCache) {
#if !defined(__x86_64__)
  GTEST_SKIP() << "inline caches on indirect exits: x86-64 hosts only";
#endif
  JitFixture jit;
  {
    ir::Builder b(jit.source.add(0x1000));
    Value r1 = b.sub(b.get_reg(Type::I64, reg(1)), b.imm64(1));
    b.set_reg(reg(1), r1);
    b.jump_indirect(b.select(b.ne(r1, b.imm64(0)), b.imm64(0x3000), b.imm64(0x2000)));
  }
  ir::Builder(jit.source.add(0x3000)).jump(0x1000);
  ir::Builder(jit.source.add(0x2000)).syscall(0x2004);
  FakeState s{};
  s.r[1] = 50;
  const unsigned trips = run_to_syscall(jit, s, 0x1000);
  EXPECT_EQ(s.r[1], 0u);
  EXPECT_LE(trips, 6u);
  EXPECT_EQ(jit.metrics.jit_jump_cache_hits, 0u);
  EXPECT_GE(jit.metrics.jit_chained_links, 2u);
}

// Targets other than the inline cache's take the jump cache, still in translated code; the
// cache keeps the first target it was linked for.
TEST(JitRuntime, IndirectJumpsHitTheJumpCache) {
  JitFixture jit;
  {
    ir::Builder b(jit.source.add(0x1000));
    Value r1 = b.sub(b.get_reg(Type::I64, reg(1)), b.imm64(1));
    b.set_reg(reg(1), r1);
    const Value odd = b.ne(b.and_(r1, b.imm64(1)), b.imm64(0));
    const Value next = b.select(odd, b.imm64(0x3000), b.imm64(0x3100));
    b.jump_indirect(b.select(b.ne(r1, b.imm64(0)), next, b.imm64(0x2000)));
  }
  ir::Builder(jit.source.add(0x3000)).jump(0x1000);
  ir::Builder b3100(jit.source.add(0x3100));
  b3100.set_reg(reg(2), b3100.add(b3100.get_reg(Type::I64, reg(2)), b3100.imm64(1)));
  b3100.jump(0x1000);
  ir::Builder(jit.source.add(0x2000)).syscall(0x2004);
  FakeState s{};
  s.r[1] = 100;
  const unsigned trips = run_to_syscall(jit, s, 0x1000);
  EXPECT_EQ(s.r[1], 0u);
  EXPECT_EQ(s.r[2], 49u);  // the even counts but 0 went through 0x3100
  EXPECT_LE(trips, 8u);
  EXPECT_GE(jit.metrics.jit_jump_cache_hits, 40u);
}

TEST(JitRuntime, ExitRequestReturnsBeforeTheBlockRuns) {
  JitFixture jit;
  {
    ir::Builder b(jit.source.add(0x1000));
    b.set_reg(reg(0), b.imm64(42));
    b.jump(0x1000);
  }
  FakeState s{};
  s.header.pc = 0x1000;
  s.header.exit_request = 1;
  const interp::BlockExit e = jit.engine->run(&s);
  EXPECT_EQ(e.kind, interp::ExitKind::Jump);
  EXPECT_EQ(e.pc, 0x1000u);
  EXPECT_EQ(s.r[0], 0u);
}

// Another thread's request brings a thread spinning in a chained loop back to the dispatcher.
TEST(JitRuntime, ExitRequestStopsAChainedLoop) {
  JitFixture jit;
  {  // two blocks jumping to each other: the loop runs through chained exits
    ir::Builder b(jit.source.add(0x1000));
    b.set_reg(reg(0), b.add(b.get_reg(Type::I64, reg(0)), b.imm64(1)));
    b.jump(0x2000);
  }
  ir::Builder(jit.source.add(0x2000)).jump(0x1000);
  FakeState s{};
  s.header.pc = 0x1000;
  jit.engine->run(&s);  // each first exit goes back unchained; the next runs link the loop
  jit.engine->run(&s);
  std::thread requester([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    s.header.exit_request = 1;
  });
  const interp::BlockExit e = jit.engine->run(&s);
  requester.join();
  EXPECT_EQ(e.kind, interp::ExitKind::Jump);
  EXPECT_TRUE(e.pc == 0x1000u || e.pc == 0x2000u);
  EXPECT_GT(s.r[0], 1000u);  // it did loop inside translated code meanwhile
  EXPECT_EQ(jit.metrics.jit_entries, 3u);
}

// A block that jumps to itself loops inside its own code, with the guest register it carries
// in a host register; the exit request still stops it within one iteration, and the register
// reaches the state.
TEST(JitRuntime, ExitRequestStopsASelfLoop) {
  JitFixture jit;
  {
    ir::Builder b(jit.source.add(0x1000));
    b.set_reg(reg(0), b.add(b.get_reg(Type::I64, reg(0)), b.imm64(1)));
    b.jump(0x1000);
  }
  FakeState s{};
  s.header.pc = 0x1000;
  // Compiled first (a request already raised returns before the block runs), so that the
  // request below cannot land before the loop starts, however slow compilation is (ASan).
  s.header.exit_request = 1;
  jit.engine->run(&s);
  ASSERT_EQ(s.r[0], 0u);
  s.header.exit_request = 0;
  std::thread requester([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    s.header.exit_request = 1;
  });
  const interp::BlockExit e = jit.engine->run(&s);
  requester.join();
  EXPECT_EQ(e.kind, interp::ExitKind::Jump);
  EXPECT_EQ(e.pc, 0x1000u);
  EXPECT_GT(s.r[0], 1000u);
  EXPECT_EQ(jit.metrics.jit_entries, 2u);
  EXPECT_EQ(jit.metrics.jit_blocks_compiled, 1u);
}

// Runs translated code from s's pc until a guest fault; returns it (none: a test failure).
runtime::GuestFault run_to_fault(JitFixture& jit, FakeState& s) {
  runtime::install_guest_fault_handlers();
  runtime::GuestFaultScope scope;
  if (sigsetjmp(scope.jump_buffer(), 0) == 0) {
    jit.engine->run(&s);
    ADD_FAILURE() << "no guest fault";
    return {};
  }
  return scope.fault();
}

// A guest fault inside translated code: the guest pc is the faulting instruction's, and every
// guest register written before it (held in host registers, frame slots or as constants) is
// in the state, though the block had not stored them yet. With few live values they sit in
// host registers; with more than the host has, in frame slots.
void fault_with_live_values(unsigned live) {
  JitFixture jit;
  const unsigned dirty = live < 14 ? live : 14;
  {
    ir::Builder b(jit.source.add(0x1000));
    b.guest_insn(0x1000);
    std::vector<Value> values;
    for (unsigned k = 0; k < live; ++k)
      values.push_back(b.mul(b.get_reg(Type::I64, reg(k % 16)), b.imm64(k + 3)));
    for (unsigned k = 0; k < dirty; ++k) b.set_reg(reg(k), values[k]);
    b.set_reg(reg(14), b.imm64(0x123456789abcdefull));
    b.guest_insn(0x1008);
    Value sum = b.load(Type::I64, b.get_reg(Type::I64, reg(15)));  // r15 = 8: unmapped
    for (const Value& v : values) sum = b.add(sum, v);
    b.set_reg(reg(15), sum);
    b.jump(0x2000);
  }
  FakeState s{};
  for (unsigned k = 0; k < 16; ++k) s.r[k] = 1000 + k;
  s.r[15] = 8;
  s.header.pc = 0x1000;
  const runtime::GuestFault fault = run_to_fault(jit, s);
  EXPECT_EQ(fault.signo, SIGSEGV);
  EXPECT_EQ(fault.address, 8u);
  EXPECT_EQ(s.header.pc, 0x1008u);
  for (unsigned k = 0; k < dirty; ++k) EXPECT_EQ(s.r[k], (1000 + k) * (k + 3)) << "r" << k;
  for (unsigned k = dirty; k < 14; ++k) EXPECT_EQ(s.r[k], 1000 + k) << "r" << k;
  EXPECT_EQ(s.r[14], 0x123456789abcdefull);
  EXPECT_EQ(s.r[15], 8u);
}

// The address a loop reads: `base`, or when `fault`, 8 (unmapped) from iteration `from` on
// (the loop counter i counts from 0).
Value faulting_from(ir::Builder& b, bool fault, Value i, Value base, uint64_t from) {
  return fault ? b.select(b.ltu(i, b.imm64(from)), base, b.imm64(8)) : base;
}

// A fault in a later iteration of a self-loop: the guest registers the loop carries in host
// registers reach the state with the faulting iteration's values (from the side table).
TEST(JitRuntime, FaultInASelfLoopReportsCarriedRegisters) {
  JitFixture jit;
  {
    ir::Builder b(jit.source.add(0x1000));
    b.guest_insn(0x1000);
    const Value i = b.get_reg(Type::I64, reg(0));
    const Value sum = b.get_reg(Type::I64, reg(1));
    // Reads data[i]; from the fourth iteration on, address 8 (unmapped).
    const Value base = b.select(b.ltu(i, b.imm64(3)), b.get_reg(Type::I64, reg(2)), b.imm64(8));
    b.guest_insn(0x1004);
    const Value x = b.load(Type::I64, base);
    b.set_reg(reg(1), b.add(sum, x));
    b.set_reg(reg(0), b.add(i, b.imm64(1)));
    b.branch(b.ltu(i, b.imm64(1000)), 0x1000, 0x2000);
  }
  const uint64_t data = 5;
  FakeState s{};
  s.r[2] = reinterpret_cast<uint64_t>(&data);
  s.header.pc = 0x1000;
  const runtime::GuestFault fault = run_to_fault(jit, s);
  EXPECT_EQ(fault.address, 8u);
  EXPECT_EQ(s.header.pc, 0x1004u);
  EXPECT_EQ(s.r[0], 3u);   // three iterations done, the fourth faulted before its writes
  EXPECT_EQ(s.r[1], 15u);  // 3 x data
}

// A self-loop with few values of its own carries more guest registers in host registers (on
// x86-64 hosts nine, three of them callee-saved): they all reach the state, at the loop's
// exit and, from the side table, at a fault in a later iteration.
void self_loop_carrying_nine_registers(bool fault) {
  JitFixture jit;
  {
    ir::Builder b(jit.source.add(0x1000));
    b.guest_insn(0x1000);
    const Value i = b.get_reg(Type::I64, reg(0));
    const Value base = faulting_from(b, fault, i, b.get_reg(Type::I64, reg(9)), 3);
    b.guest_insn(0x1004);
    const Value x = b.load(Type::I64, base);
    for (unsigned k = 1; k < 9; ++k)
      b.set_reg(reg(k), b.add(b.get_reg(Type::I64, reg(k)), b.add(x, b.imm64(k))));
    b.set_reg(reg(0), b.add(i, b.imm64(1)));
    b.branch(b.ltu(i, b.imm64(99)), 0x1000, 0x2000);
  }
  ir::Builder(jit.source.add(0x2000)).syscall(0x2004);
  const uint64_t data = 5;
  FakeState s{};
  for (unsigned k = 1; k < 9; ++k) s.r[k] = 1000 * k;
  s.r[9] = reinterpret_cast<uint64_t>(&data);
  s.header.pc = 0x1000;
  uint64_t iterations = 100;
  if (fault) {
    const runtime::GuestFault f = run_to_fault(jit, s);
    EXPECT_EQ(f.address, 8u);
    EXPECT_EQ(s.header.pc, 0x1004u);
    iterations = 3;  // the fourth faulted before its writes
  } else {
    run_to_syscall(jit, s, 0x1000);
    EXPECT_EQ(s.header.pc, 0x2004u);
  }
  EXPECT_EQ(s.r[0], iterations);
  for (unsigned k = 1; k < 9; ++k) EXPECT_EQ(s.r[k], 1000 * k + iterations * (5 + k)) << "r" << k;
}

TEST(JitRuntime, SelfLoopCarriesNineRegisters) {
  self_loop_carrying_nine_registers(false);
}
TEST(JitRuntime, FaultInASelfLoopCarryingNineRegisters) {
  self_loop_carrying_nine_registers(true);
}

// Runs the blocks from s's pc: when `fault`, to a fault at address 8 that leaves the pc at
// `fault_pc`, else to the syscall after the loop.
void run_to_fault_at_8_or_exit(JitFixture& jit, FakeState& s, bool fault, uint64_t fault_pc) {
  if (!fault) {
    run_to_syscall(jit, s, 0x1000);
    return;
  }
  const runtime::GuestFault f = run_to_fault(jit, s);
  EXPECT_EQ(f.address, 8u);
  EXPECT_EQ(s.header.pc, fault_pc);
}

// A guest register written twice in a block: the first write's value is only needed where
// the state may be seen before the second (Liveness). A fault there must still find it,
// though its last operand use came earlier and fourteen values were made in between.
TEST(JitRuntime, AFaultBetweenTwoWritesOfARegisterFindsTheFirst) {
  for (const bool fault : {false, true}) {
    SCOPED_TRACE(fault ? "faulting" : "running through");
    JitFixture jit;
    {
      ir::Builder b(jit.source.add(0x1000));
      b.guest_insn(0x1000);
      const Value a = b.get_reg(Type::I64, reg(0));
      const Value first = b.mul(a, b.imm64(3));
      b.set_reg(reg(1), first);
      const Value t = b.add(first, b.imm64(1));  // first's last operand use
      std::vector<Value> live;
      for (unsigned k = 0; k < 14; ++k) live.push_back(b.add(a, b.imm64(k)));
      b.guest_insn(0x1004);
      const Value x = b.load(Type::I64, b.get_reg(Type::I64, reg(15)));
      b.set_reg(reg(1), b.add(t, x));
      Value sum = x;
      for (const Value v : live) sum = b.add(sum, v);
      b.set_reg(reg(2), sum);
      b.jump(0x2000);
    }
    ir::Builder(jit.source.add(0x2000)).syscall(0x2004);
    const uint64_t data = 100;
    FakeState s{};
    s.r[0] = 7;
    s.r[15] = fault ? 8 : reinterpret_cast<uint64_t>(&data);
    s.header.pc = 0x1000;
    run_to_fault_at_8_or_exit(jit, s, fault, 0x1004);
    if (fault) {
      EXPECT_EQ(s.r[1], 21u);
      EXPECT_EQ(s.r[2], 0u);
    } else {
      EXPECT_EQ(s.r[1], 21u + 1 + 100);
      EXPECT_EQ(s.r[2], 100u + 14 * 7 + 91);  // 0 + 1 + ... + 13 = 91
    }
  }
}

// RISC-V's W ops on loop-carried registers (addw a0, a0, a4; subw a3, a4, a3) and a lw whose
// value both feeds them and is written to a register: the 32-bit ops work in the promoted
// register their extension goes to when the old value is their first operand, and not when
// it is the second; the lw sign-extends into its promoted register and the W ops read its low
// half there. Sums wrap at 32 bits. A fault in the fourth iteration finds three iterations'.
TEST(JitRuntime, ASelfLoopOfWordOpsOnPromotedRegisters) {
  for (const bool fault : {false, true}) {
    SCOPED_TRACE(fault ? "faulting" : "running through");
    JitFixture jit;
    {
      ir::Builder b(jit.source.add(0x1000));
      b.guest_insn(0x1000);
      const Value i = b.get_reg(Type::I64, reg(0));
      const Value p = faulting_from(b, fault, i, b.get_reg(Type::I64, reg(4)), 3);
      const Value word = b.load(Type::I32, p);
      b.set_reg(reg(1), b.sext(Type::I64, word));
      b.guest_insn(0x1004);
      const Value sum = b.add(b.trunc(Type::I32, b.get_reg(Type::I64, reg(2))), word);
      b.set_reg(reg(2), b.sext(Type::I64, sum));
      b.guest_insn(0x1008);
      const Value diff = b.sub(word, b.trunc(Type::I32, b.get_reg(Type::I64, reg(3))));
      b.set_reg(reg(3), b.sext(Type::I64, diff));
      b.set_reg(reg(4), b.add(b.get_reg(Type::I64, reg(4)), b.imm64(4)));
      b.set_reg(reg(0), b.add(i, b.imm64(1)));
      b.branch(b.ltu(i, b.imm64(5)), 0x1000, 0x2000);
    }
    ir::Builder(jit.source.add(0x2000)).syscall(0x2004);
    const int32_t words[] = {INT32_MAX, 7, -5, INT32_MIN, 1000000000, -3};
    FakeState s{};
    s.r[2] = 0xffffffff00000010;  // a register's upper half is not the W op's business
    s.r[3] = 2;
    s.r[4] = reinterpret_cast<uint64_t>(words);
    s.header.pc = 0x1000;
    const unsigned iterations = fault ? 3 : 6;
    run_to_fault_at_8_or_exit(jit, s, fault, 0x1000);
    uint32_t want_sum = 0x10, want_diff = 2;
    for (unsigned k = 0; k < iterations; ++k) {
      want_sum += static_cast<uint32_t>(words[k]);
      want_diff = static_cast<uint32_t>(words[k]) - want_diff;
    }
    auto sext = [](uint32_t v) { return static_cast<uint64_t>(int64_t{static_cast<int32_t>(v)}); };
    EXPECT_EQ(s.r[0], iterations);
    EXPECT_EQ(s.r[1], sext(static_cast<uint32_t>(words[iterations - 1])));
    EXPECT_EQ(s.r[2], sext(want_sum));
    EXPECT_EQ(s.r[3], sext(want_diff));
  }
}

// RISC-V's table-driven CRC-32 loop (lbu, srlw, xor, zext.b, slli, add, lw, xor, sext.w):
// the byte mask is a MOVZX, the table address an add chain computed in its promoted register,
// the table load goes straight into the CRC's register, and the xor with the loaded byte
// works in that byte's register. The CRC matches one computed here; a fault on a byte in the
// fifth iteration finds four iterations' registers.
TEST(JitRuntime, ASelfLoopComputingACrcTable) {
  uint32_t table[256];
  for (uint32_t n = 0; n < 256; ++n) {
    uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  const uint8_t bytes[] = {0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39};
  for (const bool fault : {false, true}) {
    SCOPED_TRACE(fault ? "faulting" : "running through");
    JitFixture jit;
    {
      ir::Builder b(jit.source.add(0x1000));
      b.guest_insn(0x1000);
      const Value p = b.get_reg(Type::I64, reg(4));
      const Value i = b.get_reg(Type::I64, reg(0));
      const Value at = faulting_from(b, fault, i, p, 4);
      const Value byte = b.zext(Type::I64, b.load(Type::I8, at));
      b.set_reg(reg(5), byte);
      b.guest_insn(0x1004);
      const Value crc = b.get_reg(Type::I64, reg(1));
      const Value shifted = b.shr(b.trunc(Type::I32, crc), b.imm32(8));
      b.set_reg(reg(3), b.sext(Type::I64, shifted));
      b.set_reg(reg(4), b.add(p, b.imm64(1)));
      b.guest_insn(0x1008);
      const Value mixed = b.xor_(crc, byte);
      b.set_reg(reg(1), mixed);
      b.guest_insn(0x100c);
      const Value index = b.and_(mixed, b.imm64(0xff));
      b.guest_insn(0x1010);
      const Value scaled = b.shl(index, b.imm64(2));
      b.guest_insn(0x1014);
      const Value entry = b.add(scaled, b.get_reg(Type::I64, reg(6)));
      b.set_reg(reg(5), entry);
      b.guest_insn(0x1018);
      const Value word = b.load(Type::I32, entry);
      b.guest_insn(0x101c);
      b.set_reg(reg(1), b.sext(Type::I64, b.xor_(word, shifted)));
      b.set_reg(reg(0), b.add(i, b.imm64(1)));
      b.branch(b.ltu(i, b.imm64(8)), 0x1000, 0x2000);
    }
    ir::Builder(jit.source.add(0x2000)).syscall(0x2004);
    FakeState s{};
    s.r[1] = 0xffffffffffffffff;  // ~0, sign-extended as RV64 keeps it
    s.r[4] = reinterpret_cast<uint64_t>(bytes);
    s.r[6] = reinterpret_cast<uint64_t>(table);
    s.header.pc = 0x1000;
    const unsigned iterations = fault ? 4 : 9;
    run_to_fault_at_8_or_exit(jit, s, fault, 0x1000);
    uint32_t want = 0xffffffffu, last_index = 0;
    for (unsigned k = 0; k < iterations; ++k) {
      last_index = (want ^ bytes[k]) & 0xff;
      want = table[last_index] ^ (want >> 8);
    }
    EXPECT_EQ(s.r[0], iterations);
    EXPECT_EQ(s.r[1], static_cast<uint64_t>(int64_t{static_cast<int32_t>(want)}));
    EXPECT_EQ(s.r[4], reinterpret_cast<uint64_t>(bytes) + iterations);
    EXPECT_EQ(s.r[5], reinterpret_cast<uint64_t>(&table[last_index]));
    if (!fault) {
      EXPECT_EQ(~want, 0xcbf43926u);  // CRC-32 of "123456789"
    }
  }
}

// A load whose value goes, through a W op, to a promoted register that op also reads as its
// second operand (lw t0; xor a0, t0, a0; sext.w): the load must not go into that register, or
// it would overwrite the old value before the xor reads it.
TEST(JitRuntime, ASelfLoopChainStopsWhereTheOldValueIsStillRead) {
  JitFixture jit;
  {
    ir::Builder b(jit.source.add(0x1000));
    b.guest_insn(0x1000);
    const Value i = b.get_reg(Type::I64, reg(0));
    const Value p = b.get_reg(Type::I64, reg(4));
    const Value old = b.trunc(Type::I32, b.get_reg(Type::I64, reg(1)));
    const Value word = b.load(Type::I32, p);
    b.guest_insn(0x1004);
    b.set_reg(reg(1), b.sext(Type::I64, b.xor_(word, old)));
    b.set_reg(reg(4), b.add(p, b.imm64(4)));
    b.set_reg(reg(0), b.add(i, b.imm64(1)));
    b.branch(b.ltu(i, b.imm64(3)), 0x1000, 0x2000);
  }
  ir::Builder(jit.source.add(0x2000)).syscall(0x2004);
  const uint32_t words[] = {0x80000001, 0x00ff00ff, 0x12345678, 0xfedcba98};
  FakeState s{};
  s.r[1] = 0x0f0f0f0f;
  s.r[4] = reinterpret_cast<uint64_t>(words);
  s.header.pc = 0x1000;
  run_to_syscall(jit, s, 0x1000);
  const uint32_t want = 0x0f0f0f0fu ^ words[0] ^ words[1] ^ words[2] ^ words[3];
  EXPECT_EQ(s.r[0], 4u);
  EXPECT_EQ(s.r[1], static_cast<uint64_t>(int64_t{static_cast<int32_t>(want)}));
}

// A self-loop whose own values fill the host's registers (a SHA-256 round's shape: fourteen
// values live at once, eight loop-carried guest registers): it keeps fewer guest registers
// in host registers and spills the rest of its values. Run through, and faulting in the
// fourth iteration, every register is the model's.
TEST(JitRuntime, ASelfLoopUnderRegisterPressure) {
  constexpr unsigned kCarried = 8, kLive = 14;
  auto model = [](uint64_t r[16], unsigned iterations) {
    for (unsigned it = 0; it < iterations; ++it) {
      uint64_t v[kLive], sum = 0;
      for (unsigned k = 0; k < kLive; ++k) v[k] = r[1 + k % kCarried] * (k + 3) ^ r[9];
      for (unsigned k = 0; k < kLive; ++k) sum += v[k] << (k % 5);
      for (unsigned k = kCarried; k > 1; --k) r[k] = r[k - 1];
      r[1] = sum + r[9];
      r[0] += 1;
    }
  };
  for (const bool fault : {false, true}) {
    SCOPED_TRACE(fault ? "faulting" : "running through");
    JitFixture jit;
    {
      ir::Builder b(jit.source.add(0x1000));
      b.guest_insn(0x1000);
      const Value i = b.get_reg(Type::I64, reg(0));
      std::vector<Value> carried;
      for (unsigned k = 1; k <= kCarried; ++k) carried.push_back(b.get_reg(Type::I64, reg(k)));
      const Value p = faulting_from(b, fault, i, b.get_reg(Type::I64, reg(10)), 3);
      std::vector<Value> live;
      for (unsigned k = 0; k < kLive; ++k)
        live.push_back(
            b.xor_(b.mul(carried[k % kCarried], b.imm64(k + 3)), b.get_reg(Type::I64, reg(9))));
      b.guest_insn(0x1004);
      const Value loaded = b.load(Type::I64, p);  // faults with all fourteen live
      Value sum = b.imm64(0);
      for (unsigned k = 0; k < kLive; ++k) sum = b.add(sum, b.shl(live[k], b.imm64(k % 5)));
      for (unsigned k = kCarried; k > 1; --k) b.set_reg(reg(k), carried[k - 2]);
      b.set_reg(reg(1), b.add(sum, loaded));
      b.set_reg(reg(0), b.add(i, b.imm64(1)));
      b.branch(b.ltu(i, b.imm64(9)), 0x1000, 0x2000);
    }
    ir::Builder(jit.source.add(0x2000)).syscall(0x2004);
    FakeState s{};
    for (unsigned k = 1; k <= kCarried; ++k) s.r[k] = 0x1000 + 17 * k;
    s.r[9] = 0x5a5a5a5a;
    const uint64_t data = s.r[9];  // the load reads r9's value: the model adds r9
    s.r[10] = reinterpret_cast<uint64_t>(&data);
    s.header.pc = 0x1000;
    uint64_t want[16];
    std::memcpy(want, s.r, sizeof want);
    want[10] = s.r[10];
    run_to_fault_at_8_or_exit(jit, s, fault, 0x1004);
    model(want, fault ? 3 : 10);
    for (unsigned k = 0; k <= 10; ++k) EXPECT_EQ(s.r[k], want[k]) << "r" << k;
  }
}

// A self-loop whose guest register is written twice per iteration (RISC-V's lh then mulw,
// into the same register): its final value is computed straight into the promoted register,
// the sign-extending load of the first write too when that is all it holds. A fault between
// the two writes, in a later iteration, finds the first write's value.
TEST(JitRuntime, ASelfLoopRegisterWrittenTwicePerIteration) {
  for (const bool fault : {false, true}) {
    SCOPED_TRACE(fault ? "faulting" : "running through");
    JitFixture jit;
    {
      ir::Builder b(jit.source.add(0x1000));
      b.guest_insn(0x1000);
      const Value i = b.get_reg(Type::I64, reg(0));
      const Value p = b.get_reg(Type::I64, reg(3));
      const Value first = b.sext(Type::I64, b.load(Type::I32, p));
      b.set_reg(reg(1), first);
      b.guest_insn(0x1004);
      // Faulting: from the fourth iteration on, address 8 (unmapped).
      const Value q = faulting_from(b, fault, i, b.get_reg(Type::I64, reg(4)), 3);
      const Value y = b.sext(Type::I64, b.load(Type::I32, q));
      b.set_reg(reg(5), y);
      const Value product =
          b.sext(Type::I64, b.mul(b.trunc(Type::I32, first), b.trunc(Type::I32, y)));
      b.set_reg(reg(1), product);
      b.set_reg(reg(2), b.add(b.get_reg(Type::I64, reg(2)), product));
      b.set_reg(reg(3), b.add(p, b.imm64(4)));
      b.set_reg(reg(0), b.add(i, b.imm64(1)));
      b.branch(b.ltu(i, b.imm64(5)), 0x1000, 0x2000);
    }
    ir::Builder(jit.source.add(0x2000)).syscall(0x2004);
    const int32_t xs[] = {-3, 5, -7, 11, 13, 17, 19};
    const int32_t factor = -2;
    FakeState s{};
    s.r[3] = reinterpret_cast<uint64_t>(xs);
    s.r[4] = reinterpret_cast<uint64_t>(&factor);
    s.header.pc = 0x1000;
    run_to_fault_at_8_or_exit(jit, s, fault, 0x1004);
    if (fault) {
      EXPECT_EQ(s.r[0], 3u);
      EXPECT_EQ(s.r[1], static_cast<uint64_t>(int64_t{11}));  // the fourth iteration's lw
      EXPECT_EQ(s.r[2], static_cast<uint64_t>(int64_t{(-3 + 5 - 7) * -2}));
      EXPECT_EQ(s.r[3], reinterpret_cast<uint64_t>(&xs[3]));
    } else {
      EXPECT_EQ(s.r[0], 6u);
      EXPECT_EQ(s.r[1], static_cast<uint64_t>(int64_t{17 * -2}));
      EXPECT_EQ(s.r[2], static_cast<uint64_t>(int64_t{(-3 + 5 - 7 + 11 + 13 + 17) * -2}));
      EXPECT_EQ(s.r[5], static_cast<uint64_t>(int64_t{-2}));
    }
  }
}

// A self-loop whose FP accumulator (FP bits in a 64-bit slot) and vector accumulator (a v128
// slot) stay in vector registers across iterations (on x86-64 hosts): both reach the state at
// the loop's exit and, from the side table, at a fault in a later iteration.
void self_loop_with_fp_and_vector_accumulators(bool fault) {
  JitFixture jit;
  {
    ir::Builder b(jit.source.add(0x1000));
    b.guest_insn(0x1000);
    const Value i = b.get_reg(Type::I64, reg(0));
    const Value base = faulting_from(b, fault, i, b.get_reg(Type::I64, reg(2)), 3);
    b.guest_insn(0x1004);
    const Value x = b.emit(ir::Opcode::Bitcast, Type::F64, {b.load(Type::I64, base)});
    const Value acc = b.emit(ir::Opcode::Bitcast, Type::F64, {b.get_reg(Type::I64, reg(1))});
    const Value sum = b.emit(ir::Opcode::FAdd, Type::F64, {acc, x});
    b.set_reg(reg(1), b.emit(ir::Opcode::Bitcast, Type::I64, {sum}));
    b.set_reg(vreg(0), b.vbinary(ir::Opcode::VAdd, 32, b.get_reg(Type::V128, vreg(0)),
                                 b.get_reg(Type::V128, vreg(1))));
    b.set_reg(reg(0), b.add(i, b.imm64(1)));
    b.branch(b.ltu(i, b.imm64(99)), 0x1000, 0x2000);
  }
  ir::Builder(jit.source.add(0x2000)).syscall(0x2004);
  const double data = 2.5, start = 1.0;
  FakeState s{};
  std::memcpy(&s.r[1], &start, 8);
  s.r[2] = reinterpret_cast<uint64_t>(&data);
  s.v[0] = 0x0000000100000002ull;
  s.v[1] = 0x0000000300000004ull;
  s.v[2] = 0x0000000100000001ull;  // vreg(1): adds 1 to each lane
  s.v[3] = 0x0000000100000001ull;
  s.header.pc = 0x1000;
  uint64_t iterations = 100;
  if (fault) {
    const runtime::GuestFault f = run_to_fault(jit, s);
    EXPECT_EQ(f.address, 8u);
    EXPECT_EQ(s.header.pc, 0x1004u);
    iterations = 3;  // the fourth faulted before its writes
  } else {
    run_to_syscall(jit, s, 0x1000);
  }
  double acc;
  std::memcpy(&acc, &s.r[1], 8);
  EXPECT_EQ(s.r[0], iterations);
  EXPECT_EQ(acc, start + static_cast<double>(iterations) * data);
  EXPECT_EQ(s.v[0], 0x0000000100000002ull + iterations * 0x0000000100000001ull);
  EXPECT_EQ(s.v[1], 0x0000000300000004ull + iterations * 0x0000000100000001ull);
}

TEST(JitRuntime, SelfLoopKeepsFpAndVectorAccumulators) {
  self_loop_with_fp_and_vector_accumulators(false);
}
TEST(JitRuntime, FaultInASelfLoopReportsFpAndVectorAccumulators) {
  self_loop_with_fp_and_vector_accumulators(true);
}

TEST(JitRuntime, FaultWritesBackDirtyRegistersHeldInHostRegisters) {
  fault_with_live_values(6);
}
TEST(JitRuntime, FaultWritesBackDirtyRegistersHeldInFrameSlots) {
  fault_with_live_values(24);
}

// FP results whose bits are written to guest registers stay in host vector registers (or
// frame slots, or the state itself when registers run out) until the block's end: at a fault
// the side table must find each of them.
void fault_with_live_fp_bits(unsigned live) {
  JitFixture jit;
  const unsigned dirty = live < 14 ? live : 14;
  {
    ir::Builder b(jit.source.add(0x1000));
    b.guest_insn(0x1000);
    std::vector<Value> values;
    for (unsigned k = 0; k < live; ++k) {
      const Value x = b.bitcast(Type::F64, b.get_reg(Type::I64, reg(k % 14)));
      values.push_back(
          b.fp(ir::Opcode::FMul, {x, b.bitcast(Type::F64, b.imm64(0x4004000000000000))}));
    }
    for (unsigned k = 0; k < dirty; ++k) b.set_reg(reg(k), b.bitcast(Type::I64, values[k]));
    b.guest_insn(0x1008);
    Value sum = b.bitcast(Type::F64, b.load(Type::I64, b.get_reg(Type::I64, reg(15))));
    for (const Value& v : values) sum = b.fp(ir::Opcode::FAdd, {sum, v});  // all stay live
    b.set_reg(reg(14), b.bitcast(Type::I64, sum));
    b.jump(0x2000);
  }
  FakeState s{};
  for (unsigned k = 0; k < 14; ++k) {
    const double d = 1000.0 + k;
    std::memcpy(&s.r[k], &d, 8);
  }
  s.r[15] = 8;  // unmapped
  s.header.pc = 0x1000;
  const FakeState before = s;
  const runtime::GuestFault fault = run_to_fault(jit, s);
  EXPECT_EQ(fault.address, 8u);
  EXPECT_EQ(s.header.pc, 0x1008u);
  for (unsigned k = 0; k < dirty; ++k) {
    double want;
    std::memcpy(&want, &before.r[k], 8);
    want *= 2.5;
    EXPECT_EQ(std::memcmp(&s.r[k], &want, 8), 0) << "r" << k;
  }
  for (unsigned k = dirty; k < 16; ++k) EXPECT_EQ(s.r[k], before.r[k]) << "r" << k;
}

TEST(JitRuntime, FaultWritesBackFpBitsHeldInVectorRegisters) {
  fault_with_live_fp_bits(5);
}
TEST(JitRuntime, FaultWritesBackFpBitsOfManyLiveResults) {
  fault_with_live_fp_bits(20);
}

// The same with 128-bit values: dirty vector guest registers at a fault reach the state from
// host vector registers (few live values) or from frame slots (more than the host gives them).
void fault_with_live_vectors(unsigned live) {
  JitFixture jit;
  {
    ir::Builder b(jit.source.add(0x1000));
    b.guest_insn(0x1000);
    std::vector<Value> values;
    for (unsigned k = 0; k < live; ++k)
      values.push_back(b.vbinary(ir::Opcode::VAdd, 32, b.get_reg(Type::V128, vreg(k % 4)),
                                 b.vdup(32, b.imm64(k + 1))));
    for (unsigned k = 0; k < 4; ++k) b.set_reg(vreg(k), values[k]);
    b.guest_insn(0x1008);
    Value sum = b.load(Type::V128, b.get_reg(Type::I64, reg(15)));  // r15 = 8: unmapped
    for (const Value& v : values) sum = b.vbinary(ir::Opcode::VAdd, 32, sum, v);
    b.set_reg(vreg(0), sum);
    b.jump(0x2000);
  }
  FakeState s{};
  for (unsigned k = 0; k < 8; ++k) s.v[k] = 0x0000100000002000ull * (k + 1);
  s.r[15] = 8;
  s.header.pc = 0x1000;
  const runtime::GuestFault fault = run_to_fault(jit, s);
  EXPECT_EQ(fault.address, 8u);
  EXPECT_EQ(s.header.pc, 0x1008u);
  for (unsigned k = 0; k < 8; ++k) {
    const uint64_t lanes = (k / 2 + 1) * 0x0000000100000001ull;  // + k + 1 in both 32-bit lanes
    EXPECT_EQ(s.v[k], 0x0000100000002000ull * (k + 1) + lanes) << "v word " << k;
  }
}

TEST(JitRuntime, FaultWritesBackDirtyVectorsHeldInVectorRegisters) {
  fault_with_live_vectors(6);
}
TEST(JitRuntime, FaultWritesBackDirtyVectorsHeldInFrameSlots) {
  fault_with_live_vectors(20);
}

// An access marked kRestartAloneOnFault (a fast path's widened access) does not raise the
// fault: its instruction starts again alone, from the state before it, in both engines.
void restart_alone_on_fault(bool compiled) {
  JitFixture jit;
  {
    ir::Builder b(jit.source.add(0x1000));
    b.guest_insn(0x1000);
    b.set_reg(reg(0), b.imm64(7));
    b.guest_insn(0x1004);
    const Value x =
        b.load(Type::I64, b.get_reg(Type::I64, reg(15)), ir::kRestartAloneOnFault);  // r15 = 8
    b.set_reg(reg(1), x);
    b.jump(0x2000);
  }
  FakeState s{};
  s.r[15] = 8;
  s.header.pc = 0x1000;
  runtime::install_guest_fault_handlers();
  runtime::GuestFaultScope scope;
  if (sigsetjmp(scope.jump_buffer(), 0) == 0) {
    if (compiled)
      jit.engine->run(&s);
    else
      interp::run_block(jit.source.block_at(0x1000), &s);
    FAIL() << "the load of address 8 did not fault";
  }
  EXPECT_TRUE(scope.fault().restart_instruction);
  EXPECT_EQ(scope.fault().signo, 0);
  EXPECT_EQ(s.header.pc, 0x1004u);
  EXPECT_EQ(s.r[0], 7u);
  EXPECT_EQ(s.r[1], 0u);
}

TEST(JitRuntime, RestartAloneAccessRestartsItsInstructionOnAFault) {
  restart_alone_on_fault(true);
}
TEST(JitRuntime, RestartAloneAccessRestartsItsInstructionInTheInterpreter) {
  restart_alone_on_fault(false);
}

TEST(JitRuntime, NoPageIsWritableAndExecutable) {
  JitFixture jit;
  ir::Builder(jit.source.add(0x1000)).syscall(0x1004);
  FakeState s{};
  run_to_syscall(jit, s, 0x1000);
  std::ifstream maps("/proc/self/maps");
  std::string line;
  unsigned executable = 0;
  while (std::getline(maps, line)) {
    const std::string perms = line.substr(line.find(' ') + 1, 4);
    EXPECT_FALSE(perms[1] == 'w' && perms[2] == 'x') << line;
    executable += perms[2] == 'x';
  }
  EXPECT_GT(executable, 0u);
}

TEST(JitRuntime, InstructionFenceFlushesTranslations) {
  JitFixture jit;
  {
    ir::Builder b(jit.source.add(0x1000));
    b.fence(ir::FenceKind::Instruction);
    b.syscall(0x1004);
  }
  FakeState s{};
  run_to_syscall(jit, s, 0x1000);
  EXPECT_EQ(jit.metrics.jit_code_flushes, 1u);
  // The flush is a reclamation at a safepoint: one pause, every block freed, code bytes back.
  EXPECT_EQ(jit.metrics.gc_pause_ns.size(), 1u);
  EXPECT_EQ(jit.metrics.gc_freed_blocks, 1u);
  EXPECT_GT(jit.metrics.gc_reclaimed_code_bytes, 0u);
  ASSERT_FALSE(jit.source.forgotten.empty());  // the IR is translated again too
  run_to_syscall(jit, s, 0x1000);
  EXPECT_EQ(jit.metrics.jit_blocks_compiled, 2u);
}

// Invalidating a block that others chain into sends them back through the dispatcher.
TEST(JitRuntime, InvalidationUnlinksChainedBlocks) {
  JitFixture jit;
  auto make_b = [&](uint64_t r1) {
    ir::Builder b(jit.source.add(0x2000));
    b.set_reg(reg(1), b.imm64(r1));
    b.branch(b.ltu(b.get_reg(Type::I64, reg(0)), b.imm64(5)), 0x1000, 0x3000);
  };
  {
    ir::Builder b(jit.source.add(0x1000));
    b.set_reg(reg(0), b.add(b.get_reg(Type::I64, reg(0)), b.imm64(1)));
    b.jump(0x2000);
  }
  make_b(7);
  ir::Builder(jit.source.add(0x3000)).syscall(0x3004);
  FakeState s{};
  run_to_syscall(jit, s, 0x1000);
  EXPECT_EQ(s.r[1], 7u);
  EXPECT_GE(jit.metrics.jit_chained_links, 2u);

  make_b(9);
  jit.engine->invalidate(0x2000, 0x2004);
  EXPECT_EQ(jit.metrics.jit_blocks_invalidated, 1u);
  EXPECT_EQ(jit.metrics.gc_freed_blocks, 1u);  // freed at once: the engine is at a safepoint
  EXPECT_EQ(jit.metrics.gc_pause_ns.size(), 1u);
  s.r[0] = 0;
  run_to_syscall(jit, s, 0x1000);
  EXPECT_EQ(s.r[0], 5u);
  EXPECT_EQ(s.r[1], 9u);
}

// x86-64 guests modify code without a flush: a store into a page that translated code came
// from is caught (the page is write-protected), lands, is logged for every thread, and the
// dispatcher's reading of the log drops the page's translations.
TEST(JitRuntime, StoresIntoTranslatedCodeInvalidateIt) {
  auto* page = static_cast<uint8_t*>(
      mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  ASSERT_NE(page, MAP_FAILED);
  const auto pc = reinterpret_cast<uint64_t>(page);  // the block "comes from" this page
  {
    JitFixture jit(/*watch_code_writes=*/true);
    {
      ir::Builder b(jit.source.add(pc));
      Value r0 = b.add(b.get_reg(Type::I64, reg(0)), b.imm64(1));
      b.set_reg(reg(0), r0);
      b.store(b.imm64(pc + 64), b.trunc(Type::I32, r0));
      b.syscall(0x5000);
    }
    FakeState s{};
    jit.watched = &s.header;
    runtime::install_guest_fault_handlers();
    runtime::GuestFaultScope scope;
    if (sigsetjmp(scope.jump_buffer(), 0) != 0) FAIL() << "the store was not resolved";
    run_to_syscall(jit, s, pc);
    EXPECT_EQ(*reinterpret_cast<uint32_t*>(page + 64), 1u);
    EXPECT_EQ(s.header.exit_request, kExitRequestCodeChange);
    EXPECT_EQ(jit.changes.sequence(), 1u);
    jit.drop_changed_code();
    EXPECT_EQ(jit.metrics.jit_blocks_invalidated, 1u);
    ASSERT_FALSE(jit.source.forgotten.empty());
    EXPECT_EQ(jit.source.forgotten.back().first, pc);
    // Translated again (and protected again) on the next run; the second store lands too.
    clear_exit_request(s.header, kExitRequestCodeChange);
    run_to_syscall(jit, s, pc);
    EXPECT_EQ(*reinterpret_cast<uint32_t*>(page + 64), 2u);
    EXPECT_EQ(jit.metrics.jit_blocks_compiled, 2u);
    jit.drop_changed_code();
    EXPECT_EQ(jit.metrics.jit_blocks_invalidated, 2u);
  }
  page[0] = 1;  // the guard gave the write permission back when it went away
  munmap(page, 4096);
}

// Another party's exit request (a bit the code-page guard does not own) survives next to the
// guard's code-change request.
uint64_t raise_foreign_request(void* state, uint64_t, uint64_t, uint64_t) {
  raise_exit_request(*static_cast<CpuHeader*>(state), 0x100);
  return 0;
}
const ir::HelperInfo kRaiseForeign{"test.raise_foreign_request", raise_foreign_request};

TEST(JitRuntime, CodeWriteKeepsOtherExitRequests) {
  auto* page = static_cast<uint8_t*>(
      mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  ASSERT_NE(page, MAP_FAILED);
  const auto pc = reinterpret_cast<uint64_t>(page);
  {
    JitFixture jit(/*watch_code_writes=*/true);
    {
      ir::Builder b(jit.source.add(pc));
      b.call(kRaiseForeign, {});
      b.store(b.imm64(pc + 64), b.imm32(7));
      b.syscall(0x5000);
    }
    FakeState s{};
    jit.watched = &s.header;
    runtime::install_guest_fault_handlers();
    runtime::GuestFaultScope scope;
    if (sigsetjmp(scope.jump_buffer(), 0) != 0) FAIL() << "the store was not resolved";
    run_to_syscall(jit, s, pc);
    EXPECT_EQ(*reinterpret_cast<uint32_t*>(page + 64), 7u);
    jit.drop_changed_code();
    EXPECT_EQ(jit.metrics.jit_blocks_invalidated, 1u);
    EXPECT_EQ(s.header.exit_request, 0x100u | kExitRequestCodeChange);
  }
  munmap(page, 4096);
}

// TrapIf is a side exit: on the taken path the guest writes before it reach the state and the
// ones after it do not; on the other path the block runs on. The interpreter is the oracle.
TEST(JitRuntime, TrapIfSideExitMatchesTheInterpreter) {
  for (uint64_t cond : {0u, 1u}) {
    SCOPED_TRACE(cond);
    JitFixture jit;
    ir::Block& block = jit.source.add(0x1000);
    {
      ir::Builder b(block);
      Value r0 = b.add(b.get_reg(Type::I64, reg(0)), b.imm64(5));
      b.set_reg(reg(0), r0);
      b.trap_if(b.ne(b.get_reg(Type::I64, reg(1)), b.imm64(0)), ir::TrapKind::IllegalInstruction,
                0x1008);
      b.set_reg(reg(2), b.mul(r0, r0));
      b.syscall(0x1010);
    }
    FakeState want{}, got{};
    want.r[0] = got.r[0] = 2;
    want.r[1] = got.r[1] = cond;
    const interp::BlockExit expected = interp::run_block(block, &want);
    got.header.pc = 0x1000;
    const interp::BlockExit actual = jit.engine->run(&got);
    EXPECT_EQ(jit.metrics.jit_fallback_blocks, 0u);
    EXPECT_EQ(actual.kind, expected.kind);
    EXPECT_EQ(actual.pc, expected.pc);
    EXPECT_EQ(got.r[0], 7u);
    EXPECT_EQ(got.r[2], want.r[2]);
    EXPECT_EQ(got.r[2], cond ? 0u : 49u);
    EXPECT_EQ(expected.kind, cond ? interp::ExitKind::Trap : interp::ExitKind::Syscall);
  }
}

// An op without a native lowering (128-bit integer addition) is evaluated by the interpreter's
// semantics through a call; the block stays compiled.
TEST(JitRuntime, OpsWithoutNativeLoweringStayCompiled) {
  JitFixture jit;
  ir::Block& block = jit.source.add(0x1000);
  {
    ir::Builder b(block);
    Value wide = b.zext(Type::I128, b.get_reg(Type::I64, reg(0)));
    Value sum = b.emit(ir::Opcode::Add, Type::I128, {wide, wide});
    b.set_reg(vreg(0), b.bitcast(Type::V128, sum));
    b.set_reg(reg(1),
              b.vreduce(ir::Opcode::VReduceAdd, Type::I64, 16, b.get_reg(Type::V128, vreg(1))));
    b.syscall(0x1004);
  }
  FakeState want{}, got{};
  want.r[0] = got.r[0] = 0x4000000000000001ull;
  want.v[2] = got.v[2] = 0x0004000300020001ull;
  want.v[3] = got.v[3] = 0xffff000000000010ull;
  interp::run_block(block, &want);
  run_to_syscall(jit, got, 0x1000);
  EXPECT_EQ(jit.metrics.jit_fallback_blocks, 0u);
  EXPECT_EQ(got.v[0], want.v[0]);
  EXPECT_EQ(got.v[1], want.v[1]);
  EXPECT_EQ(got.v[0], 0x8000000000000002ull);
  EXPECT_EQ(got.r[1], want.r[1]);
  EXPECT_EQ(got.r[1], 25u);  // 1+2+3+4+0x10+0+0+0xffff, wrapped at 16 bits
}

}  // namespace
}  // namespace xisa::backend_test

#endif  // defined(__x86_64__) || defined(__aarch64__) || defined(__riscv)
