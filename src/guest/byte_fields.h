// Fields at byte offsets of a kernel structure laid out in a byte buffer (signal frames),
// whatever the host's own layout and alignment, and the ucontext start every guest shares.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "guest/guest_arch.h"

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

// Every 64-bit ucontext (asm-generic and x86-64) starts with uc_flags, uc_link and uc_stack
// (stack_t: sp, flags, size); the frame builders fill uc_stack from the spec.
inline void put_ucontext_stack(uint8_t* uc, const SignalFrameSpec& spec) {
  constexpr size_t kUcStack = 16;
  put_field<uint64_t>(uc, kUcStack, spec.altstack_sp);
  put_field<int32_t>(uc, kUcStack + 8, spec.altstack_flags);
  put_field<uint64_t>(uc, kUcStack + 16, spec.altstack_size);
}

}  // namespace xisa
