// Raw guest memory copies for engines and instruction helpers. Guest addresses are host
// addresses (1:1), and a bad one must fault in hardware so that the SIGSEGV handler turns it
// into the guest's signal. Guest address 0 is such an address, not a C++ null pointer: the
// compiler's null checks (UBSan's null and nonnull-attribute, which flag memcpy from 0) do not
// apply to these copies. AddressSanitizer still checks them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace xisa {

// Accesses of 1, 2, 4 and 8 bytes are one host access each, as the guest's own are: a copy of
// a size known only at run time is libc's memcpy, which writes 4 bytes as two overlapping
// 4-byte stores. Another thread's atomic between them was undone by the second (a guest's
// SWP lock, released by a plain store, let two threads in under the interpreter).
template <size_t N>
__attribute__((no_sanitize("null", "nonnull-attribute"))) inline void copy_of_size(
    void* dst, const void* src) {
  std::memcpy(dst, src, N);  // a constant size: one load and one store
}

// One copy between guest and host memory, either way.
__attribute__((no_sanitize("null", "nonnull-attribute"))) inline void guest_copy(void* dst,
                                                                                 const void* src,
                                                                                 size_t n) {
  switch (n) {
    case 1:
      return copy_of_size<1>(dst, src);
    case 2:
      return copy_of_size<2>(dst, src);
    case 4:
      return copy_of_size<4>(dst, src);
    case 8:
      return copy_of_size<8>(dst, src);
    default:
      std::memcpy(dst, src, n);
  }
}

inline void guest_read(void* dst, uint64_t guest_src, size_t n) {
  guest_copy(dst, reinterpret_cast<const void*>(guest_src), n);
}

inline void guest_write(uint64_t guest_dst, const void* src, size_t n) {
  guest_copy(reinterpret_cast<void*>(guest_dst), src, n);
}

}  // namespace xisa
