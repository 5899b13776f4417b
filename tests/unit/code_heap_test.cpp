// The code cache's allocator and its epoch-based reclamation, without translated code.
#include "runtime/code_heap.h"

#include <gtest/gtest.h>

#include "runtime/code_epochs.h"

namespace xisa::runtime {
namespace {

TEST(CodeHeap, AllocationsAreGranuleAlignedAndDisjoint) {
  CodeHeap heap(1 << 16);
  const CodeHeap::Span a = heap.allocate(1);
  const CodeHeap::Span b = heap.allocate(33);
  const CodeHeap::Span c = heap.allocate(64);
  ASSERT_TRUE(a.rx && b.rx && c.rx);
  for (const auto* p : {a.rx, b.rx, c.rx})
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % CodeHeap::kGranule, 0u);
  EXPECT_EQ(b.rx - a.rx, 32);
  EXPECT_EQ(c.rx - b.rx, 64);
  EXPECT_EQ(heap.to_rw(b.rx), b.rw);
  EXPECT_EQ(heap.bytes_in_use(), 32u + 64u + 64u);
}

TEST(CodeHeap, ReleasedBytesAreReusedAndNeighboursCoalesce) {
  CodeHeap heap(1 << 16);
  const CodeHeap::Span a = heap.allocate(100);  // 128 bytes
  const CodeHeap::Span b = heap.allocate(100);
  const CodeHeap::Span c = heap.allocate(100);
  heap.allocate(100);  // keeps a, b and c below the bump top
  heap.release(b.rx, 100);
  EXPECT_EQ(heap.free_ranges(), 1u);
  EXPECT_EQ(heap.allocate(60).rx, b.rx);  // best fit: the hole, not the top
  heap.release(b.rx, 60);
  heap.release(a.rx, 100);
  heap.release(c.rx, 100);
  EXPECT_EQ(heap.free_ranges(), 1u);  // a, b and c are one range again
  EXPECT_EQ(heap.allocate(384).rx, a.rx);
}

TEST(CodeHeap, FullHeapSaysSoAndReleasingTheTopGivesRoomBack) {
  CodeHeap heap(4096);
  const CodeHeap::Span a = heap.allocate(4000);
  ASSERT_TRUE(a.rx);
  EXPECT_FALSE(heap.allocate(200).rx);
  heap.release(a.rx, 4000);
  EXPECT_EQ(heap.free_ranges(), 0u);  // back into the bump region
  EXPECT_EQ(heap.bytes_in_use(), 0u);
  EXPECT_EQ(heap.allocate(4096).rx, a.rx);
}

TEST(CodeEpochs, AThreadThatHasNotPassedASafepointHoldsBackReclamation) {
  CodeEpochs epochs;
  CodeEpochs::Reader a, b;
  epochs.add(&a);
  epochs.add(&b);
  const uint64_t retired_in = epochs.advance();  // a block unlinked in this epoch
  EXPECT_LE(epochs.oldest_seen(), retired_in);
  int drops = 0;
  a.at_safepoint(epochs, [&] { ++drops; });
  EXPECT_EQ(drops, 1);
  EXPECT_LE(epochs.oldest_seen(), retired_in);  // b may still run the block
  b.at_safepoint(epochs, [&] { ++drops; });
  EXPECT_GT(epochs.oldest_seen(), retired_in);
  a.at_safepoint(epochs, [&] { ++drops; });  // nothing moved: nothing to drop
  EXPECT_EQ(drops, 2);
  epochs.remove(&a);
  epochs.remove(&b);
}

TEST(CodeEpochs, AThreadInASyscallHoldsNothingBackAndCatchesUpAfter) {
  CodeEpochs epochs;
  CodeEpochs::Reader a;
  epochs.add(&a);
  a.go_offline();
  const uint64_t retired_in = epochs.advance();
  EXPECT_GT(epochs.oldest_seen(), retired_in);
  bool dropped = false;
  a.at_safepoint(epochs, [&] { dropped = true; });
  EXPECT_TRUE(dropped);  // its references from before the syscall are gone before it runs
  EXPECT_EQ(epochs.oldest_seen(), epochs.current());
  epochs.remove(&a);
}

}  // namespace
}  // namespace xisa::runtime
