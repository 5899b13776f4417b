// Executable memory for translated code, W^X by dual mapping: one memfd is mapped twice, once
// read+write (where the JIT writes and patches) and once read+execute (where code runs), so no
// page is ever writable and executable through the same address.
#pragma once

#include <cstddef>
#include <cstdint>

namespace xisa::runtime {

class ExecMemory {
 public:
  // Reserves `capacity` bytes (rounded up to pages). Throws xisa::Error when the host refuses.
  explicit ExecMemory(size_t capacity);
  ~ExecMemory();
  ExecMemory(const ExecMemory&) = delete;
  ExecMemory& operator=(const ExecMemory&) = delete;

  struct Span {
    uint8_t* rw = nullptr;  // where to write the bytes
    uint8_t* rx = nullptr;  // where they execute
  };
  // Bump allocation; returns an empty span when the arena is full.
  Span allocate(size_t bytes, size_t align = 16);
  // Forgets every allocation made after the first `keep` bytes (only at a safepoint, when no
  // thread runs translated code there).
  void reset(size_t keep) { used_ = keep < used_ ? keep : used_; }

  uint8_t* to_rw(const void* rx) const { return rw_ + (static_cast<const uint8_t*>(rx) - rx_); }
  bool contains_rx(uintptr_t pc) const {
    return pc >= reinterpret_cast<uintptr_t>(rx_) && pc < reinterpret_cast<uintptr_t>(rx_) + used_;
  }
  size_t used() const { return used_; }
  size_t capacity() const { return capacity_; }

 private:
  uint8_t* rw_ = nullptr;
  uint8_t* rx_ = nullptr;
  size_t capacity_ = 0;
  size_t used_ = 0;
};

}  // namespace xisa::runtime
