// A 16-byte compare-and-swap on the host, for guest instructions that swap two 64-bit words as
// one: x86 CMPXCHG16B, AArch64 CASP and STXP of two X registers. The IR has no 128-bit atomic,
// so their helpers call this.
#pragma once

#include <cstdint>

namespace xisa {

struct WordPair {
  uint64_t lo;  // the word at the lower address
  uint64_t hi;
};

// Compares the 16 bytes at addr (16-byte aligned) with `expected` and stores `desired` there on
// a match, atomically. Returns whether it stored; `expected` gets the bytes memory held.
inline bool host_cas128(uint64_t addr, WordPair& expected, WordPair desired) {
  bool ok;
#if defined(__x86_64__)
  asm volatile("lock cmpxchg16b %2"
               : "+a"(expected.lo), "+d"(expected.hi),
                 "+m"(*reinterpret_cast<unsigned __int128*>(addr)), "=@ccz"(ok)
               : "b"(desired.lo), "c"(desired.hi)
               : "memory");
#else
  unsigned __int128 seen = (static_cast<unsigned __int128>(expected.hi) << 64) | expected.lo;
  const unsigned __int128 want = (static_cast<unsigned __int128>(desired.hi) << 64) | desired.lo;
  ok = __atomic_compare_exchange_n(reinterpret_cast<unsigned __int128*>(addr), &seen, want, false,
                                   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  expected = {static_cast<uint64_t>(seen), static_cast<uint64_t>(seen >> 64)};
#endif
  return ok;
}

}  // namespace xisa
