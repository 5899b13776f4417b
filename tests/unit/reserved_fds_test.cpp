// xisa's reserved descriptors survive the guest's close_range over them.
#include "linux/reserved_fds.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

namespace xisa::os {
namespace {

bool is_open(int fd) {
  return fcntl(fd, F_GETFD) >= 0;
}

TEST(ReservedFds, CloseRangeSparesThemAndClosesTheRest) {
  int fds[5];
  for (int& fd : fds) fd = fcntl(0, F_DUPFD_CLOEXEC, 500);  // 500.. in order, above the rest
  ASSERT_GE(fds[0], 500);
  reserve_fd(fds[1]);
  reserve_fd(fds[3]);
  EXPECT_TRUE(is_reserved_fd(static_cast<uint64_t>(fds[1])));
  EXPECT_FALSE(is_reserved_fd(static_cast<uint64_t>(fds[2])));
  EXPECT_EQ(
      close_range_sparing_reserved(static_cast<uint64_t>(fds[0]), static_cast<uint64_t>(fds[4]), 0),
      0);
  EXPECT_FALSE(is_open(fds[0]));
  EXPECT_TRUE(is_open(fds[1]));
  EXPECT_FALSE(is_open(fds[2]));
  EXPECT_TRUE(is_open(fds[3]));
  EXPECT_FALSE(is_open(fds[4]));
  EXPECT_EQ(close_range_sparing_reserved(10, 9, 0), -EINVAL);
  release_fd(fds[1]);
  release_fd(fds[3]);
  close(fds[1]);
  close(fds[3]);
}

}  // namespace
}  // namespace xisa::os
