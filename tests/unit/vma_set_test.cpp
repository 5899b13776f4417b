// The guest mapping set: splitting, merging over, gaps and coverage, checked by hand.
#include "linux/vma_set.h"

#include <gtest/gtest.h>
#include <sys/mman.h>

namespace xisa::os {
namespace {

using Ranges = std::vector<std::pair<uint64_t, uint64_t>>;

TEST(VmaSet, AddSplitRemove) {
  VmaSet s;
  s.add(0x1000, 0x5000, 3, "a");
  s.add(0x2000, 0x3000, 1, "b");  // replaces the middle
  ASSERT_EQ(s.map().size(), 3u);
  EXPECT_EQ(s.find(0x1fff)->name, "a");
  EXPECT_EQ(s.find(0x2000)->name, "b");
  EXPECT_EQ(s.find(0x2000)->prot, 1);
  EXPECT_EQ(s.find(0x3000)->name, "a");
  EXPECT_EQ(s.find(0x5000), nullptr);
  EXPECT_EQ(s.find(0xfff), nullptr);
  s.remove(0x2800, 0x4000);
  EXPECT_EQ(s.gaps(0x1000, 0x5000), (Ranges{{0x2800, 0x4000}}));
  EXPECT_FALSE(s.covers(0x1000, 0x5000));
  EXPECT_TRUE(s.covers(0x1000, 0x2800));
  EXPECT_TRUE(s.covers(0x4000, 0x5000));
}

TEST(VmaSet, GapsAndIntersects) {
  VmaSet s;
  s.add(0x2000, 0x3000, 0);
  s.add(0x5000, 0x6000, 0);
  EXPECT_EQ(s.gaps(0x1000, 0x7000), (Ranges{{0x1000, 0x2000}, {0x3000, 0x5000}, {0x6000, 0x7000}}));
  EXPECT_EQ(s.gaps(0x2000, 0x3000), Ranges{});
  EXPECT_TRUE(s.intersects(0x2fff, 0x4000));
  EXPECT_FALSE(s.intersects(0x3000, 0x5000));
  EXPECT_FALSE(s.intersects(0x3000, 0x3000));
}

TEST(VmaSet, HighestGapIsTopDown) {
  VmaSet v;
  v.add(0x9000, 0xa000, PROT_READ);  // at the top
  v.add(0x6000, 0x8000, PROT_READ);
  v.add(0x2000, 0x3000, PROT_READ);
  EXPECT_EQ(v.highest_gap(0x1000, 0xa000, 0x1000), 0x8000u);  // between 0x8000 and 0x9000
  EXPECT_EQ(v.highest_gap(0x1000, 0xa000, 0x2000), 0x4000u);  // the 0x3000-0x6000 gap
  EXPECT_EQ(v.highest_gap(0x1000, 0xa000, 0x3000), 0x3000u);
  EXPECT_EQ(v.highest_gap(0x1000, 0xa000, 0x4000), 0u);       // nothing that large above the floor
  EXPECT_EQ(v.highest_gap(0x1000, 0x7000, 0x1000), 0x5000u);  // top inside a mapping
  EXPECT_EQ(v.highest_gap(0x1000, 0x3000, 0x1000), 0x1000u);  // down to the floor
  EXPECT_EQ(v.highest_gap(0x1000, 0xc000, 0x2000), 0xa000u);  // above every mapping
  EXPECT_EQ(VmaSet().highest_gap(0x1000, 0x5000, 0x4000), 0x1000u);
}

TEST(VmaSet, ProtectSplitsAtEdges) {
  VmaSet s;
  s.add(0x1000, 0x4000, 3);
  s.protect(0x2000, 0x3000, 1);
  EXPECT_EQ(s.find(0x1000)->prot, 3);
  EXPECT_EQ(s.find(0x2000)->prot, 1);
  EXPECT_EQ(s.find(0x2fff)->prot, 1);
  EXPECT_EQ(s.find(0x3000)->prot, 3);
  EXPECT_EQ(s.find(0x2000)->end, 0x3000u);
}

}  // namespace
}  // namespace xisa::os
