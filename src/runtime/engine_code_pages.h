// Self-modifying code detection by write protection, for guests whose ISA needs no flush
// after a code write (x86-64): pages that translated code came from lose write permission;
// a guest store to one faults, the fault handler gives the permission back, notes the page
// and asks the thread to return to the dispatcher, which drops the page's translations.
#pragma once

#include <cstdint>
#include <iterator>
#include <unordered_map>
#include <unordered_set>

namespace xisa::runtime {

class CodePageGuard {
 public:
  static constexpr uint64_t kPage = 4096;

  // Write-protects the writable pages of guest [lo, hi) not yet protected.
  void protect(uint64_t lo, uint64_t hi);
  // Fault handler side: a write to a protected page? Then make it writable again, note it and
  // return true (the write can be retried). Async-signal-safe.
  bool on_write_fault(uint64_t address);
  // Dispatcher side: calls f(page) for every page written since the last call; when more
  // pages were written than could be noted, f(0) with all = true.
  template <typename F>
  void drain(F&& f) {
    for (unsigned n = 0; n < written_count_; ++n) {
      protected_.erase(written_[n]);
      f(written_[n], false);
    }
    written_count_ = 0;
    if (overflow_) {
      unprotect_all();  // which pages went writable is unknown: start over
      overflow_ = false;
      f(0, true);
    }
  }
  bool pending() const { return written_count_ != 0 || overflow_; }
  void unprotect_all();
  // The guest changed the protection or mapping of [lo, hi) itself: forget those pages.
  void forget(uint64_t lo, uint64_t hi);

 private:
  std::unordered_map<uint64_t, int> protected_;  // page -> its protection before
  std::unordered_set<uint64_t> read_only_;       // code pages nothing can write: not watched
  uint64_t written_[64] = {};
  volatile unsigned written_count_ = 0;
  volatile bool overflow_ = false;
};

}  // namespace xisa::runtime
