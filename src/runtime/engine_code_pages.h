// Self-modifying code detection by write protection, for guests whose ISA needs no flush
// after a code write (x86-64): pages that translated code came from lose write permission;
// a guest store to one faults, the fault handler gives the permission back, logs the page in
// the CodeChangeLog and asks every guest thread to come back to its dispatcher, which drops
// the page's translations. One guard per process, shared by every thread's engine.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "runtime/code_change_log.h"

namespace xisa::runtime {

class CodePageGuard {
 public:
  static constexpr uint64_t kPage = 4096;
  // notify(ctx) asks every guest thread to read the log; async-signal-safe. guest_protection
  // is the guest's PROT_* at an address, or -1 outside its mappings (LinuxProcess::
  // protection_at): a page the guest cannot write needs no watching, and no look at the host's
  // mappings (reading /proc/self/maps costs about 100 us; a static hello has 40 code pages).
  CodePageGuard(CodeChangeLog& log, void (*notify)(void*), void* ctx,
                std::function<int(uint64_t)> guest_protection = {})
      : log_(log), notify_(notify), ctx_(ctx), guest_protection_(std::move(guest_protection)) {}
  ~CodePageGuard() { unprotect_all(); }
  CodePageGuard(const CodePageGuard&) = delete;
  CodePageGuard& operator=(const CodePageGuard&) = delete;

  // Write-protects the writable pages of guest [lo, hi) not yet protected.
  void protect(uint64_t lo, uint64_t hi);
  // Whether protecting [armed_lo, armed_hi) covered every page of [lo, hi).
  static bool covers(uint64_t armed_lo, uint64_t armed_hi, uint64_t lo, uint64_t hi) {
    return (armed_lo & ~(kPage - 1)) <= lo &&
           ((hi - 1) & ~(kPage - 1)) <= ((armed_hi - 1) & ~(kPage - 1));
  }
  // Fault handler side: a write to a page this guard protected? Then make it writable again,
  // log it and return true (the write can be retried). Async-signal-safe for guest code.
  bool on_write_fault(uint64_t address);
  void unprotect_all();
  // The guest changed the protection or mapping of [lo, hi) itself: forget those pages.
  void forget(uint64_t lo, uint64_t hi);

 private:
  struct Page {
    int prot;    // the page's protection before the guard took write away
    bool armed;  // write-protected now
  };
  void lock() {
    while (lock_.test_and_set(std::memory_order_acquire)) {
    }
  }
  void unlock() { lock_.clear(std::memory_order_release); }

  CodeChangeLog& log_;
  void (*notify_)(void*);
  void* ctx_;
  std::function<int(uint64_t)> guest_protection_;
  std::atomic_flag lock_ = ATOMIC_FLAG_INIT;
  std::unordered_map<uint64_t, Page> protected_;
  std::unordered_set<uint64_t> read_only_;  // code pages nothing can write: not watched
};

}  // namespace xisa::runtime
