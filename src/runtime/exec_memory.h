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

  uint8_t* rw_base() const { return rw_; }
  uint8_t* rx_base() const { return rx_; }
  uint8_t* to_rw(const void* rx) const { return rw_ + (static_cast<const uint8_t*>(rx) - rx_); }
  size_t capacity() const { return capacity_; }

 private:
  uint8_t* rw_ = nullptr;
  uint8_t* rx_ = nullptr;
  size_t capacity_ = 0;
};

}  // namespace xisa::runtime
