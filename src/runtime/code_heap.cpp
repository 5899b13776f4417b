// Best-fit allocation with coalescing over the code cache's executable memory.
#include "runtime/code_heap.h"

#include <iterator>

namespace xisa::runtime {

CodeHeap::Span CodeHeap::allocate(size_t bytes) {
  const size_t size = rounded(bytes == 0 ? 1 : bytes);
  size_t offset;
  auto fit = free_by_size_.lower_bound(size);
  if (fit != free_by_size_.end()) {
    offset = fit->second;
    const size_t range = fit->first;
    remove_free(free_by_offset_.find(offset));
    if (range > size) add_free(offset + size, range - size);
  } else if (top_ + size <= memory_.capacity()) {
    offset = top_;
    top_ += size;
  } else {
    return {};
  }
  in_use_ += size;
  return {memory_.rw_base() + offset, memory_.rx_base() + offset};
}

void CodeHeap::release(const uint8_t* rx, size_t bytes) {
  const size_t size = rounded(bytes == 0 ? 1 : bytes);
  size_t offset = static_cast<size_t>(rx - memory_.rx_base());
  size_t end = offset + size;
  in_use_ -= size;
  // Merge with the free neighbours on both sides.
  auto next = free_by_offset_.lower_bound(offset);
  if (next != free_by_offset_.end() && next->first == end) {
    end += next->second;
    next = std::next(next);
    remove_free(std::prev(next));
  }
  if (next != free_by_offset_.begin()) {
    auto prev = std::prev(next);
    if (prev->first + prev->second == offset) {
      offset = prev->first;
      remove_free(prev);
    }
  }
  if (end == top_) {
    top_ = offset;  // the bump region grows back instead of keeping a free range at its edge
    return;
  }
  add_free(offset, end - offset);
}

void CodeHeap::add_free(size_t offset, size_t size) {
  free_by_offset_.emplace(offset, size);
  free_by_size_.emplace(size, offset);
}

void CodeHeap::remove_free(std::map<size_t, size_t>::iterator it) {
  auto [lo, hi] = free_by_size_.equal_range(it->second);
  for (auto s = lo; s != hi; ++s)
    if (s->second == it->first) {
      free_by_size_.erase(s);
      break;
    }
  free_by_offset_.erase(it);
}

}  // namespace xisa::runtime
