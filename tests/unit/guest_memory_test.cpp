// Guest copies once the host fault handlers are in place: plain copies that a fault ends with
// false (-EFAULT for the syscall) instead of a crash of xisa.
#include "linux/guest_memory.h"

#include <gtest/gtest.h>
#include <sys/mman.h>

#include <cstdint>
#include <cstring>

#include "runtime/guest_fault.h"

namespace xisa::os {
namespace {

class RecoverableGuestCopy : public ::testing::Test {
 protected:
  void SetUp() override {
    runtime::install_guest_fault_handlers();
    // Two pages: the first readable and writable, the second as each test sets it.
    void* p = mmap(nullptr, 2 * kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ASSERT_NE(p, MAP_FAILED);
    pages_ = static_cast<uint8_t*>(p);
  }
  void TearDown() override { munmap(pages_, 2 * kPage); }
  uint64_t at(size_t offset) const { return reinterpret_cast<uint64_t>(pages_ + offset); }

  static constexpr size_t kPage = 4096;
  uint8_t* pages_ = nullptr;
};

TEST_F(RecoverableGuestCopy, CopiesBothWaysWithinMappedMemory) {
  const uint64_t value = 0x0123456789abcdefULL;
  ASSERT_TRUE(write_guest(at(kPage - 4), value));  // across the two pages
  uint64_t back = 0;
  ASSERT_TRUE(read_guest(at(kPage - 4), back));
  EXPECT_EQ(back, value);
}

TEST_F(RecoverableGuestCopy, WriteIntoAReadOnlyPageFailsAndLeavesItAlone) {
  ASSERT_EQ(mprotect(pages_ + kPage, kPage, PROT_READ), 0);
  const uint64_t value = ~uint64_t{0};
  EXPECT_FALSE(write_guest(at(kPage), value));
  EXPECT_EQ(pages_[kPage], 0);
  // A copy that starts in the writable page stops at the read-only one.
  EXPECT_FALSE(write_guest(at(kPage - 4), value));
  EXPECT_EQ(pages_[kPage], 0);
}

TEST_F(RecoverableGuestCopy, ReadFromAnInaccessiblePageFails) {
  ASSERT_EQ(mprotect(pages_ + kPage, kPage, PROT_NONE), 0);
  uint64_t out = 0;
  EXPECT_FALSE(read_guest(at(kPage), out));
  EXPECT_FALSE(read_guest(at(kPage - 4), out));
  EXPECT_FALSE(read_guest(8, out));
  // The way back is dropped after each copy: a good copy still works, repeatedly.
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(read_guest(at(0), out));
}

}  // namespace
}  // namespace xisa::os
