// Reading and writing fields at byte offsets of a kernel structure laid out in a byte buffer
// (signal frames), whatever the host's own layout and alignment.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace xisa {

template <typename T>
void put_field(uint8_t* bytes, size_t offset, T value) {
  std::memcpy(bytes + offset, &value, sizeof value);
}

template <typename T>
T get_field(const uint8_t* bytes, size_t offset) {
  T value;
  std::memcpy(&value, bytes + offset, sizeof value);
  return value;
}

}  // namespace xisa
