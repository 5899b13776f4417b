// The reader registry of CodeEpochs.
#include "runtime/code_epochs.h"

#include <algorithm>

namespace xisa::runtime {

void CodeEpochs::add(Reader* r) {
  std::lock_guard lock(mutex_);
  r->dropped_ = current();  // a new thread holds no references yet
  r->seen_.store(r->dropped_, std::memory_order_seq_cst);
  readers_.push_back(r);
}

void CodeEpochs::remove(Reader* r) {
  std::lock_guard lock(mutex_);
  readers_.erase(std::remove(readers_.begin(), readers_.end(), r), readers_.end());
}

uint64_t CodeEpochs::oldest_seen() const {
  uint64_t oldest = current();
  std::lock_guard lock(mutex_);
  for (const Reader* r : readers_)
    oldest = std::min(oldest, r->seen_.load(std::memory_order_seq_cst));
  return oldest;
}

}  // namespace xisa::runtime
