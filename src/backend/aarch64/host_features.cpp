// AArch64 host features from the kernel's AT_HWCAP (host_features.h).
#include "backend/aarch64/host_features.h"

#include <sys/auxv.h>

namespace xisa::backend::aarch64 {

namespace {

constexpr unsigned long kHwcapAtomics = 1ul << 8;  // arch/arm64/include/uapi/asm/hwcap.h

HostFeatures& features() {
  static HostFeatures f{(getauxval(AT_HWCAP) & kHwcapAtomics) != 0};
  return f;
}

}  // namespace

const HostFeatures& host_features() {
  return features();
}

void set_host_features(const HostFeatures& f) {
  features() = f;
}

}  // namespace xisa::backend::aarch64
