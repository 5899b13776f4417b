// The CPUID xisa's x86-64 guest reports: exactly the features the lifter implements, so guest
// libraries (glibc's ifunc selection, for one) never pick code paths xisa cannot run.
#pragma once

#include <cstdint>
#include <string>

namespace xisa::x86_64 {

struct CpuidResult {
  uint32_t eax, ebx, ecx, edx;
};

CpuidResult cpuid(uint32_t leaf, uint32_t subleaf);

// CPUID.1:EDX, which Linux also passes as AT_HWCAP.
uint32_t cpuid1_edx();

// /proc/cpuinfo for cpus processors of this CPU, flags from the same feature list.
std::string cpuinfo(unsigned cpus);

}  // namespace xisa::x86_64
