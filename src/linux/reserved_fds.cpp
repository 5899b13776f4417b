// The set of reserved descriptors.
#include "linux/reserved_fds.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <mutex>
#include <set>

namespace xisa::os {

namespace {
std::mutex g_mutex;
std::set<uint64_t>& reserved() {
  static std::set<uint64_t> fds;
  return fds;
}
}  // namespace

void reserve_fd(int fd) {
  std::lock_guard lock(g_mutex);
  reserved().insert(static_cast<uint64_t>(fd));
}

void release_fd(int fd) {
  std::lock_guard lock(g_mutex);
  reserved().erase(static_cast<uint64_t>(fd));
}

bool is_reserved_fd(uint64_t fd) {
  std::lock_guard lock(g_mutex);
  return reserved().count(fd) != 0;
}

int64_t close_range_sparing_reserved(uint64_t lo, uint64_t hi, uint64_t flags) {
  std::lock_guard lock(g_mutex);
  if (lo > hi) return -EINVAL;
  uint64_t from = lo;
  for (auto it = reserved().lower_bound(lo); it != reserved().end() && *it <= hi; ++it) {
    if (*it > from && syscall(SYS_close_range, from, *it - 1, flags) != 0) return -errno;
    from = *it + 1;
  }
  if (from <= hi && syscall(SYS_close_range, from, hi, flags) != 0) return -errno;
  return 0;
}

}  // namespace xisa::os
