// Zba/Zbb detection on a RISC-V64 Linux host.
#include "backend/riscv64/host_features.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <string>

namespace xisa::backend::riscv64 {

namespace {

// From the kernel's asm/hwprobe.h (not in bookworm's headers).
constexpr long kHwprobeSyscall = 258;
constexpr int64_t kKeyImaExt0 = 4;
constexpr uint64_t kExtZba = 1u << 3, kExtZbb = 1u << 4;
struct HwprobePair {
  int64_t key;
  uint64_t value;
};

bool from_hwprobe(HostFeatures* f) {
  HwprobePair pair{kKeyImaExt0, 0};
  if (syscall(kHwprobeSyscall, &pair, 1, 0, nullptr, 0) != 0 || pair.key != kKeyImaExt0)
    return false;
  f->zba = (pair.value & kExtZba) != 0;
  f->zbb = (pair.value & kExtZbb) != 0;
  return true;
}

// "isa : rv64imafdc_zba_zbb_..." (multi-letter extensions after underscores).
void from_cpuinfo(HostFeatures* f) {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("isa", 0) != 0) continue;
    f->zba = line.find("_zba") != std::string::npos;
    f->zbb = line.find("_zbb") != std::string::npos;
    return;
  }
}

HostFeatures detect() {
  HostFeatures f;
#if defined(__riscv)
  if (!from_hwprobe(&f)) from_cpuinfo(&f);
#endif
  return f;
}

HostFeatures& features() {
  static HostFeatures f = detect();
  return f;
}

}  // namespace

const HostFeatures& host_features() {
  return features();
}

void set_host_features(const HostFeatures& f) {
  features() = f;
}

}  // namespace xisa::backend::riscv64
