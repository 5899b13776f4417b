// Two guest threads' JIT engines over one shared code cache: a block compiled by one runs in
// the other, invalidation by one reaches the other, and freed code is reclaimed only once both
// have passed a safepoint, then reused.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "backend_test_support.h"
#include "ir/builder.h"
#include "runtime/shared_jit_code.h"

namespace xisa::backend_test {
namespace {

using ir::Type;

// One engine per "thread" (run alternately on the test's thread), each with its own IR source
// as each dispatcher has, over one SharedJitCode.
struct TwoThreads {
  explicit TwoThreads(size_t capacity = runtime::SharedJitCode::kDefaultCapacity) {
    options.stats = true;
    shared = std::make_shared<runtime::SharedJitCode>(
        options, nullptr, [this] { ++requests; }, capacity);
    for (int t = 0; t < 2; ++t)
      engine[t] =
          std::make_unique<runtime::JitEngine>(source[t], options, metrics[t], nullptr, shared);
  }
  // Both threads' IR for a block that sets r1 to `value` and makes a syscall.
  void add_block(uint64_t pc, uint64_t value) {
    for (auto& s : source) {
      ir::Builder b(s.add(pc));
      b.set_reg(reg(1), b.imm64(value));
      b.syscall(pc + 4);
    }
  }
  uint64_t run(int t, uint64_t pc) {
    FakeState s{};
    s.header.pc = pc;
    const interp::BlockExit e = engine[t]->run(&s);
    EXPECT_EQ(e.kind, interp::ExitKind::Syscall);
    return s.r[1];
  }
  Options options = compile_on_first_run();
  int requests = 0;
  std::shared_ptr<runtime::SharedJitCode> shared;
  MapSource source[2];
  runtime::Metrics metrics[2];
  std::unique_ptr<runtime::JitEngine> engine[2];
};

TEST(SharedCode, ABlockCompiledByOneThreadRunsInTheOther) {
  TwoThreads t;
  t.add_block(0x1000, 7);
  EXPECT_EQ(t.run(0, 0x1000), 7u);
  EXPECT_EQ(t.run(1, 0x1000), 7u);
  EXPECT_EQ(t.metrics[0].jit_blocks_compiled, 1u);
  EXPECT_EQ(t.metrics[1].jit_blocks_compiled, 0u);
  EXPECT_EQ(t.shared->cache().block_count(), 1u);
}

TEST(SharedCode, InvalidatedCodeIsFreedOnceEveryThreadPassedASafepointThenReused) {
  TwoThreads t;
  t.add_block(0x1000, 7);
  t.add_block(0x2000, 8);
  EXPECT_EQ(t.run(0, 0x1000), 7u);
  EXPECT_EQ(t.run(0, 0x2000), 8u);
  EXPECT_EQ(t.run(1, 0x1000), 7u);  // thread 1's jump cache holds the block now
  const runtime::CachedBlock* old = t.shared->cache().find(0x1000);
  ASSERT_NE(old, nullptr);
  const uint8_t* old_code = old->code.code;

  t.add_block(0x1000, 9);  // the guest code changed
  t.engine[0]->invalidate(0x1000, 0x1004);
  EXPECT_EQ(t.metrics[0].jit_blocks_invalidated, 1u);
  EXPECT_EQ(t.metrics[0].gc_freed_blocks, 0u);  // thread 1 may still enter it
  EXPECT_TRUE(t.shared->cache().has_retired());

  // Thread 1 passes a safepoint (its next run): it drops its jump cache, frees the old block,
  // and finds the new code.
  EXPECT_EQ(t.run(1, 0x2000), 8u);
  EXPECT_EQ(t.metrics[1].gc_freed_blocks, 1u);
  EXPECT_EQ(t.metrics[1].gc_pause_ns.size(), 1u);
  EXPECT_FALSE(t.shared->cache().has_retired());
  EXPECT_EQ(t.run(1, 0x1000), 9u);
  EXPECT_EQ(t.run(0, 0x1000), 9u);
  // The new translation is the same size: it took the freed bytes back.
  EXPECT_EQ(t.shared->cache().find(0x1000)->code.code, old_code);
}

TEST(SharedCode, AThreadInASyscallDoesNotHoldBackReclamation) {
  TwoThreads t;
  t.add_block(0x1000, 7);
  EXPECT_EQ(t.run(1, 0x1000), 7u);
  t.engine[1]->before_syscall();
  t.engine[0]->invalidate(0x1000, 0x1004);
  EXPECT_EQ(t.metrics[0].gc_freed_blocks, 1u);
  t.add_block(0x1000, 5);
  EXPECT_EQ(t.run(1, 0x1000), 5u);  // back from the syscall: no stale jump-cache entry
}

TEST(SharedCode, AFullCacheIsEmptiedAndItsBlocksRunInTheInterpreterUntilReclaimed) {
  TwoThreads t(16 << 10);  // room for a handful of blocks
  // Every block the same size (a 64-bit immediate), so that none fits where another did not.
  constexpr uint64_t kBig = uint64_t{1} << 40;
  uint64_t pc = 0x10000;
  // Thread 1 holds a reference to the first block: its memory stays until thread 1 moves.
  t.add_block(pc, 1);
  EXPECT_EQ(t.run(1, pc), 1u);
  while (t.metrics[0].jit_code_flushes == 0) {
    pc += 0x10;
    ASSERT_LT(pc, 0x10000u + 0x10 * 10000) << "the cache never filled";
    t.add_block(pc, kBig + pc);
    EXPECT_EQ(t.run(0, pc), kBig + pc);  // right even when the cache is full
  }
  EXPECT_EQ(t.requests, 1);  // the other threads were asked to pass a safepoint
  EXPECT_EQ(t.shared->cache().block_count(), 0u);
  const uint64_t compiled = t.metrics[0].jit_blocks_compiled;
  pc += 0x10;
  t.add_block(pc, kBig + 3);
  EXPECT_EQ(t.run(0, pc), kBig + 3);  // thread 1 still holds the memory: interpreted
  EXPECT_EQ(t.metrics[0].jit_blocks_compiled, compiled);
  EXPECT_EQ(t.metrics[0].jit_fallback_blocks, 0u);  // not marked as uncompilable
  EXPECT_EQ(t.run(1, 0x10000), 1u);                 // thread 1's safepoint frees everything
  EXPECT_GT(t.metrics[1].gc_freed_blocks, 0u);
  EXPECT_EQ(t.run(0, pc), kBig + 3);
  EXPECT_EQ(t.metrics[0].jit_blocks_compiled, compiled + 1);
}

// Real threads: each runs a chained two-block loop from the shared cache while one of them
// keeps invalidating those blocks. Every run must count exactly, translations race on misses,
// and (under ASan) no thread may run freed code.
TEST(SharedCode, ThreadsRunChainedCodeWhileAnotherKeepsInvalidatingIt) {
  constexpr int kThreads = 4;
  constexpr uint64_t kTrips = 200;
  Options options;
  options.stats = true;
  auto shared = std::make_shared<runtime::SharedJitCode>(options, nullptr, nullptr);
  std::atomic<bool> failed{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      MapSource source;
      {
        ir::Builder a(source.add(0x1000));
        a.set_reg(reg(0), a.add(a.get_reg(Type::I64, reg(0)), a.imm64(1)));
        a.jump(0x2000);
        ir::Builder b(source.add(0x2000));
        b.branch(b.ltu(b.get_reg(Type::I64, reg(0)), b.imm64(kTrips)), 0x1000, 0x3000);
        ir::Builder(source.add(0x3000)).syscall(0x3004);
      }
      runtime::Metrics metrics;
      runtime::JitEngine engine(source, options, metrics, nullptr, shared);
      for (int round = 0; round < 300; ++round) {
        FakeState s{};
        s.header.pc = 0x1000;
        for (;;) {
          const interp::BlockExit e = engine.run(&s);
          s.header.pc = e.pc;
          if (e.kind != interp::ExitKind::Jump) break;
        }
        if (s.r[0] != kTrips) failed = true;
        if (t == 0) engine.invalidate(round % 2 ? 0x1000 : 0x2000, round % 2 ? 0x1004 : 0x2004);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_FALSE(failed);
  EXPECT_FALSE(shared->cache().has_retired());  // the last engine to go freed the rest
}

}  // namespace
}  // namespace xisa::backend_test
