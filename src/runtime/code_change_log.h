// Guest code ranges that changed (munmap, mprotect, a store into a watched code page...),
// for every guest thread's translations. Each thread's dispatcher keeps how far it has read and
// drops what it translated from the newer ranges at its next block boundary. A writer may be
// a host fault handler, so adding takes only a spin lock and never allocates.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <utility>

namespace xisa::runtime {

class CodeChangeLog {
 public:
  static constexpr uint64_t kEverything = ~uint64_t{0};
  // Async-signal-safe (host signals must not interrupt a reader on the same thread: readers
  // run in the dispatcher, writers in syscalls or the fault handler of guest code).
  void add(uint64_t lo, uint64_t hi) {
    lock();
    const uint64_t seq = seq_.load(std::memory_order_relaxed);
    ring_[seq % kCapacity] = {lo, hi};
    seq_.store(seq + 1, std::memory_order_release);
    unlock();
  }
  uint64_t sequence() const { return seq_.load(std::memory_order_acquire); }
  // Calls f(lo, hi) for each range added since *seen, then moves *seen on; a reader that fell
  // more than the ring behind gets one (0, kEverything).
  template <typename F>
  void read_since(uint64_t* seen, F&& f) {
    lock();
    const uint64_t seq = seq_.load(std::memory_order_relaxed);
    if (seq - *seen > kCapacity) {
      *seen = seq;
      unlock();
      f(0, kEverything);
      return;
    }
    std::pair<uint64_t, uint64_t> copy[kCapacity];
    unsigned n = 0;
    for (uint64_t i = *seen; i < seq; ++i) copy[n++] = ring_[i % kCapacity];
    *seen = seq;
    unlock();
    for (unsigned i = 0; i < n; ++i) f(copy[i].first, copy[i].second);
  }
  // Whether a range added at or after sequence `seq` overlaps [lo, hi) (true when the ring no
  // longer holds them all).
  bool changed_since(uint64_t seq, uint64_t lo, uint64_t hi) {
    lock();
    const uint64_t end = seq_.load(std::memory_order_relaxed);
    bool changed = end - seq > kCapacity;
    for (uint64_t i = seq; !changed && i < end; ++i) {
      const auto& [clo, chi] = ring_[i % kCapacity];
      changed = clo < hi && lo < chi;
    }
    unlock();
    return changed;
  }

 private:
  static constexpr uint64_t kCapacity = 256;
  void lock() {
    while (lock_.test_and_set(std::memory_order_acquire)) {
    }
  }
  void unlock() { lock_.clear(std::memory_order_release); }

  std::atomic_flag lock_ = ATOMIC_FLAG_INIT;
  std::atomic<uint64_t> seq_{0};
  std::array<std::pair<uint64_t, uint64_t>, kCapacity> ring_{};
};

}  // namespace xisa::runtime
