#include "linux/signalfd_table.h"

#include <unistd.h>

namespace xisa::os {

bool SignalfdTable::add(int fd, uint64_t mask) {
  for (Entry& e : entries_) {
    int expected = -1;
    if (e.fd.load() == -1) {
      e.mask.store(mask);
      if (e.fd.compare_exchange_strong(expected, fd)) {
        count_.fetch_add(1);
        return true;
      }
    }
  }
  return false;
}

bool SignalfdTable::find(int fd, uint64_t* mask) const {
  if (fd < 0 || empty()) return false;
  for (const Entry& e : entries_) {
    if (e.fd.load(std::memory_order_acquire) == fd) {
      if (mask) *mask = e.mask.load();
      return true;
    }
  }
  return false;
}

bool SignalfdTable::set_mask(int fd, uint64_t mask) {
  for (Entry& e : entries_) {
    if (e.fd.load() == fd) {
      e.mask.store(mask);
      return true;
    }
  }
  return false;
}

void SignalfdTable::forget(int fd) {
  if (fd < 0 || empty()) return;
  for (Entry& e : entries_) {
    int expected = fd;
    if (e.fd.compare_exchange_strong(expected, -1)) count_.fetch_sub(1);
  }
}

void SignalfdTable::forget_range(uint64_t first, uint64_t last) {
  for (Entry& e : entries_) {
    const int fd = e.fd.load();
    if (fd >= 0 && static_cast<uint64_t>(fd) >= first && static_cast<uint64_t>(fd) <= last)
      forget(fd);
  }
}

void SignalfdTable::notify(int signo) const {
  if (empty()) return;
  const uint64_t bit = uint64_t{1} << (signo - 1);
  for (const Entry& e : entries_) {
    const int fd = e.fd.load(std::memory_order_acquire);
    if (fd < 0 || !(e.mask.load() & bit)) continue;
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = write(fd, &one, sizeof one);  // an eventfd: never short
  }
}

void SignalfdTable::notify_if_pending(int fd, uint64_t mask, uint64_t pending) const {
  if (!(mask & pending)) return;
  const uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = write(fd, &one, sizeof one);
}

}  // namespace xisa::os
