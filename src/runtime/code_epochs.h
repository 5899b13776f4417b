// Epoch-based reclamation of translated code shared by the threads of a process.
// A block unlinked from the shared code cache may still run on a thread that reached it before
// (through its jump cache, a chained jump out of another unlinked block, or because it is
// running in it). Blocks are therefore retired with the epoch current when they were unlinked,
// and the epoch moves on. At a safepoint (in the dispatcher, between two runs of translated
// code) each thread drops its own references to blocks if the epoch moved since it last did,
// then publishes the epoch it has seen. A block retired in epoch e is freed once every thread
// has seen a later epoch, or is offline: in a syscall, where it runs no translated code and
// passes a safepoint before it does again.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <vector>

namespace xisa::runtime {

class CodeEpochs {
 public:
  // One per thread that runs shared translated code.
  class Reader {
   public:
    // At a safepoint: makes the current epoch this thread's. drop_references() runs first when
    // the epoch moved since the last call. Cheap when nothing moved: one load.
    template <typename F>
    void at_safepoint(const CodeEpochs& epochs, F&& drop_references);
    // Before a syscall (which may block for long): this thread holds back no reclamation.
    void go_offline() { seen_.store(kOffline, std::memory_order_release); }

   private:
    friend class CodeEpochs;
    static constexpr uint64_t kOffline = ~uint64_t{0};
    std::atomic<uint64_t> seen_{kOffline};
    uint64_t dropped_ = 0;  // the epoch as of which this thread holds no older references
  };

  void add(Reader* r);
  void remove(Reader* r);
  uint64_t current() const { return epoch_.load(std::memory_order_seq_cst); }
  // Starts a new epoch; returns the one blocks retired just before belong to.
  uint64_t advance() { return epoch_.fetch_add(1, std::memory_order_seq_cst); }
  // Blocks retired in an epoch before this one are unreachable by every thread.
  uint64_t oldest_seen() const;

 private:
  std::atomic<uint64_t> epoch_{1};
  mutable std::mutex mutex_;
  std::vector<Reader*> readers_;
};

template <typename F>
void CodeEpochs::Reader::at_safepoint(const CodeEpochs& epochs, F&& drop_references) {
  uint64_t e = epochs.current();
  if (e == dropped_ && seen_.load(std::memory_order_relaxed) == e) return;
  // Publish, then look again: a thread coming back online must not miss an epoch that a
  // reclaimer advanced while it still looked offline (both sides are seq_cst: a reclaimer
  // that read the old value here has advanced the epoch before this load).
  for (;;) {
    if (e != dropped_) {
      drop_references();
      dropped_ = e;
    }
    seen_.store(e, std::memory_order_seq_cst);
    const uint64_t again = epochs.current();
    if (again == e) return;
    e = again;
  }
}

}  // namespace xisa::runtime
