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

__attribute__((no_sanitize("null", "nonnull-attribute"))) inline void guest_read(void* dst,
                                                                                 uint64_t guest_src,
                                                                                 size_t n) {
  std::memcpy(dst, reinterpret_cast<const void*>(guest_src), n);
}

__attribute__((no_sanitize("null", "nonnull-attribute"))) inline void guest_write(
    uint64_t guest_dst, const void* src, size_t n) {
  std::memcpy(reinterpret_cast<void*>(guest_dst), src, n);
}

}  // namespace xisa
