// The guest's signalfds. xisa catches every host signal and queues it for the guest (the
// guest's mask is emulated), so a host signalfd would never see one: a guest signalfd is a
// host eventfd that says "a signal in my mask was queued" (poll, epoll and select see it),
// and reading it takes the signals from the guest's pending queues.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>

namespace xisa::os {

class SignalfdTable {
 public:
  static constexpr size_t kCapacity = 64;

  // Records fd (a host eventfd) with mask; false when the table is full.
  bool add(int fd, uint64_t mask);
  // The mask of fd, or nothing when fd is not a signalfd. Lock-free.
  bool find(int fd, uint64_t* mask) const;
  bool set_mask(int fd, uint64_t mask);
  // fd was closed (or replaced by dup2): it is not a signalfd any more.
  void forget(int fd);
  void forget_range(uint64_t first, uint64_t last);  // close_range
  // Async-signal-safe: a signal was queued; the signalfds whose mask has it become readable.
  void notify(int signo) const;
  // Makes fd readable when pending (one bit per signal) has a signal of mask.
  void notify_if_pending(int fd, uint64_t mask, uint64_t pending) const;
  bool empty() const { return count_.load(std::memory_order_acquire) == 0; }

 private:
  struct Entry {
    std::atomic<int> fd{-1};
    std::atomic<uint64_t> mask{0};
  };
  std::array<Entry, kCapacity> entries_;
  std::atomic<int> count_{0};
};

}  // namespace xisa::os
