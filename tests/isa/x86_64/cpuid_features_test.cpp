// The extended features the native-diff tests prove (bmi_native_diff_test.cpp,
// crypto_native_diff_test.cpp, fma_f16c_native_diff_test.cpp) as the guest sees them: the CPUID
// instruction under each engine sets their bits, and /proc/cpuinfo names them.
#if defined(__x86_64__)
#include <gtest/gtest.h>

#include "guest/x86_64/cpuid.h"
#include "x86_harness.h"

namespace xisa::x86_64::testing {
namespace {

// ecx of leaf 1 in r8, then leaf 7 subleaf 0 (ebx in rbx).
X86_SNIPPET(cpuid_1_7,
            "mov $1, %eax\n cpuid\n mov %ecx, %r8d\n mov $7, %eax\n xor %ecx, %ecx\n cpuid")

struct Feature {
  const char* linux_name;
  bool leaf7;  // CPUID.7.0:EBX, else CPUID.1:ECX
  unsigned bit;
};

constexpr Feature kTested[] = {
    {"pclmulqdq", false, 1}, {"movbe", false, 22}, {"aes", false, 25},   {"rdrand", false, 30},
    {"bmi1", true, 3},       {"bmi2", true, 8},    {"rdseed", true, 18}, {"adx", true, 19},
    {"sha_ni", true, 29},    {"fma", false, 12},   {"f16c", false, 29},
};

TEST(X86CpuidFeatures, AdvertisesTheTestedExtensions) {
  X86Harness h;
  const std::string cpuinfo = x86_64::cpuinfo(1);
  for (const auto engine : {X86Harness::Engine::Interp, X86Harness::Engine::Jit}) {
    ASSERT_EQ(h.emulate(cpuid_1_7_start, cpuid_1_7_end, Regs{}, engine).kind,
              interp::ExitKind::Jump);
    const uint64_t leaf1_ecx = h.state.gpr[8], leaf7_ebx = h.state.gpr[kRbx];
    for (const Feature& f : kTested) {
      EXPECT_TRUE(((f.leaf7 ? leaf7_ebx : leaf1_ecx) >> f.bit) & 1) << f.linux_name;
      EXPECT_NE(cpuinfo.find(std::string(" ") + f.linux_name), std::string::npos) << f.linux_name;
    }
  }
}

}  // namespace
}  // namespace xisa::x86_64::testing

#endif  // defined(__x86_64__)
