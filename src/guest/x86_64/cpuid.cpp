// CPUID leaves for the x86-64 guest. Advertised: the x86-64 baseline without MMX (FPU, TSC,
// CX8, CMOV, FXSR, SSE, SSE2), SSE3, SSSE3 (XMM forms), SSE4.1, SSE4.2, CX16, POPCNT, LZCNT (ABM),
// LAHF in 64-bit mode. Not advertised (not implemented): MMX, AVX and later, OSXSAVE (so no
// XGETBV), BMI1/2, RDRAND, RTM, CET.
#include "guest/x86_64/cpuid.h"

#include <cstring>

namespace xisa::x86_64 {

namespace {

// CPUID.1:EDX bits.
constexpr uint32_t kFpu = 1u << 0, kTsc = 1u << 4, kCx8 = 1u << 8, kCmov = 1u << 15,
                   kFxsr = 1u << 24, kSse = 1u << 25, kSse2 = 1u << 26;
// CPUID.1:ECX bits.
constexpr uint32_t kSse3 = 1u << 0, kSsse3 = 1u << 9, kCx16 = 1u << 13, kSse41 = 1u << 19,
                   kSse42 = 1u << 20, kPopcnt = 1u << 23;
// CPUID.80000001h:ECX / EDX bits.
constexpr uint32_t kLahfLm = 1u << 0, kAbm = 1u << 5;
constexpr uint32_t kSyscall = 1u << 11, kLm = 1u << 29;

uint32_t chars(const char* s) {
  uint32_t v;
  std::memcpy(&v, s, 4);
  return v;
}

}  // namespace

uint32_t cpuid1_edx() {
  return kFpu | kTsc | kCx8 | kCmov | kFxsr | kSse | kSse2;
}

CpuidResult cpuid(uint32_t leaf, uint32_t /*subleaf*/) {
  switch (leaf) {
    case 0:  // highest basic leaf, vendor "GenuineIntel" so libraries use their Intel tables
      return {1, chars("Genu"), chars("ntel"), chars("ineI")};
    case 1:
      // Family 6 model 0x3a stepping 9; one logical processor, CLFLUSH line size 8*8 bytes.
      return {0x000306a9, 0x00010800, kSse3 | kSsse3 | kCx16 | kSse41 | kSse42 | kPopcnt,
              cpuid1_edx()};
    case 0x80000000:
      return {0x80000001, 0, 0, 0};
    case 0x80000001:
      return {0, 0, kLahfLm | kAbm, kSyscall | kLm};
    default:
      return {0, 0, 0, 0};
  }
}

}  // namespace xisa::x86_64
