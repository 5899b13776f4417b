// CPUID leaves for the x86-64 guest. Advertised: the x86-64 baseline (FPU, TSC, CX8, CMOV, MMX,
// FXSR, SSE, SSE2), SSE3, SSSE3 (XMM and MMX forms), SSE4.1, SSE4.2, CX16, POPCNT, LZCNT (ABM),
// LAHF in 64-bit mode, MOVBE, BMI1, BMI2, ADX, RDRAND, RDSEED, AES-NI, PCLMULQDQ, SHA-NI,
// CLFLUSH/CLFLUSHOPT/CLWB, PREFETCHW (3dnowprefetch), RDTSCP, RDPID, XSAVE (x87, SSE and AVX
// components; OSXSAVE, XSAVEOPT, XSAVEC, XGETBV with ECX=1), AVX, AVX2, FMA, F16C. Not advertised
// (not implemented): AVX-512, XSAVES, RTM, CET. kFeatures is the one list:
// CPUID, AT_HWCAP and /proc/cpuinfo's flags all come from it.
#include "guest/x86_64/cpuid.h"

#include <fmt/format.h>

#include <cstring>

#include "guest/x86_64/xsave_area.h"

namespace xisa::x86_64 {

namespace {

enum class Reg { Eax, Ebx, Ecx, Edx };

// Leaf 7's features are those of subleaf 0, leaf 0xD's those of subleaf 1.
struct Feature {
  uint32_t leaf;
  Reg reg;
  uint8_t bit;
  const char* linux_name;  // as /proc/cpuinfo's flags name it; empty: Linux does not show it
};

// In the order Linux prints them (arch/x86/include/asm/cpufeatures.h word order).
constexpr Feature kFeatures[] = {
    {1, Reg::Edx, 0, "fpu"},
    {1, Reg::Edx, 4, "tsc"},
    {1, Reg::Edx, 8, "cx8"},
    {1, Reg::Edx, 15, "cmov"},
    {1, Reg::Edx, 19, "clflush"},
    {1, Reg::Edx, 23, "mmx"},
    {1, Reg::Edx, 24, "fxsr"},
    {1, Reg::Edx, 25, "sse"},
    {1, Reg::Edx, 26, "sse2"},
    {0x80000001, Reg::Edx, 11, "syscall"},
    {0x80000001, Reg::Edx, 27, "rdtscp"},
    {0x80000001, Reg::Edx, 29, "lm"},
    {1, Reg::Ecx, 0, "pni"},
    {1, Reg::Ecx, 1, "pclmulqdq"},
    {1, Reg::Ecx, 9, "ssse3"},
    {1, Reg::Ecx, 12, "fma"},
    {1, Reg::Ecx, 13, "cx16"},
    {1, Reg::Ecx, 19, "sse4_1"},
    {1, Reg::Ecx, 20, "sse4_2"},
    {1, Reg::Ecx, 22, "movbe"},
    {1, Reg::Ecx, 23, "popcnt"},
    {1, Reg::Ecx, 25, "aes"},
    {1, Reg::Ecx, 26, "xsave"},
    {1, Reg::Ecx, 27, ""},  // OSXSAVE
    {1, Reg::Ecx, 28, "avx"},
    {1, Reg::Ecx, 29, "f16c"},
    {1, Reg::Ecx, 30, "rdrand"},
    {0x80000001, Reg::Ecx, 0, "lahf_lm"},
    {0x80000001, Reg::Ecx, 5, "abm"},
    {0x80000001, Reg::Ecx, 8, "3dnowprefetch"},
    {7, Reg::Ebx, 3, "bmi1"},
    {7, Reg::Ebx, 5, "avx2"},
    {7, Reg::Ebx, 8, "bmi2"},
    {7, Reg::Ebx, 18, "rdseed"},
    {7, Reg::Ebx, 19, "adx"},
    {7, Reg::Ebx, 23, "clflushopt"},
    {7, Reg::Ebx, 24, "clwb"},
    {7, Reg::Ebx, 29, "sha_ni"},
    {0xd, Reg::Eax, 0, "xsaveopt"},
    {0xd, Reg::Eax, 1, "xsavec"},
    {0xd, Reg::Eax, 2, "xgetbv1"},
    {7, Reg::Ecx, 22, "rdpid"},
};

uint32_t feature_bits(uint32_t leaf, Reg reg) {
  uint32_t bits = 0;
  for (const Feature& f : kFeatures)
    if (f.leaf == leaf && f.reg == reg) bits |= 1u << f.bit;
  return bits;
}

uint32_t chars(const char* s) {
  uint32_t v;
  std::memcpy(&v, s, 4);
  return v;
}

// Family 6 model 0x3a stepping 9.
constexpr uint32_t kSignature = 0x000306a9;

}  // namespace

uint32_t cpuid1_edx() {
  return feature_bits(1, Reg::Edx);
}

CpuidResult cpuid(uint32_t leaf, uint32_t subleaf) {
  switch (leaf) {
    case 0:  // highest basic leaf, vendor "GenuineIntel" so libraries use their Intel tables
      return {0xd, chars("Genu"), chars("ntel"), chars("ineI")};
    case 1:
      // One logical processor, CLFLUSH line size 8*8 bytes.
      return {kSignature, 0x00010800, feature_bits(1, Reg::Ecx), cpuid1_edx()};
    case 7:  // structured extended features: subleaf 0 only
      if (subleaf != 0) return {0, 0, 0, 0};
      return {0, feature_bits(7, Reg::Ebx), feature_bits(7, Reg::Ecx), feature_bits(7, Reg::Edx)};
    case 0xd:  // XSAVE: the components of XCR0 and their layout (guest/x86_64/xsave_area.h)
      switch (subleaf) {
        case 0:
          return {static_cast<uint32_t>(kXcr0), kXsaveSize, kXsaveSize, 0};
        case 1:
          return {feature_bits(0xd, Reg::Eax), kXsaveSize, 0, 0};
        case 2:  // AVX: YMM_Hi128
          return {16 * kXmmRegs, kXsaveAvxOffset, 0, 0};
        default:
          return {0, 0, 0, 0};
      }
    case 0x80000000:
      return {0x80000001, 0, 0, 0};
    case 0x80000001:
      return {0, 0, feature_bits(0x80000001, Reg::Ecx), feature_bits(0x80000001, Reg::Edx)};
    default:
      return {0, 0, 0, 0};
  }
}

std::string cpuinfo(unsigned cpus) {
  std::string flags;
  for (const Feature& f : kFeatures) {
    if (*f.linux_name == '\0') continue;
    if (!flags.empty()) flags += ' ';
    flags += f.linux_name;
  }
  std::string out;
  for (unsigned i = 0; i < cpus; ++i) {
    out += fmt::format(
        "processor\t: {}\nvendor_id\t: GenuineIntel\ncpu family\t: {}\nmodel\t\t: {}\n"
        "model name\t: xisa x86-64 guest CPU\nstepping\t: {}\ncpu MHz\t\t: 1000.000\n"
        "physical id\t: 0\nsiblings\t: {}\ncore id\t\t: {}\ncpu cores\t: {}\napicid\t\t: {}\n"
        "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: 13\nwp\t\t: yes\nflags\t\t: {}\n"
        "bogomips\t: 2000.00\nclflush size\t: 64\ncache_alignment\t: 64\n"
        "address sizes\t: 48 bits physical, 48 bits virtual\npower management:\n\n",
        i, (kSignature >> 8) & 0xf, ((kSignature >> 12) & 0xf0) | ((kSignature >> 4) & 0xf),
        kSignature & 0xf, cpus, i, cpus, i, flags);
  }
  return out;
}

}  // namespace xisa::x86_64
