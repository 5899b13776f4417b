// The optional AArch64 features this backend uses when the host has them, detected once at start
// from AT_HWCAP: LSE atomics (ARMv8.1). Without them every atomic is an LDAXR/STLXR loop.
#pragma once

namespace xisa::backend::aarch64 {

struct HostFeatures {
  bool lse = false;
};

const HostFeatures& host_features();
// For tests: compile with these features from now on (both paths of every op get tested).
void set_host_features(const HostFeatures& f);

}  // namespace xisa::backend::aarch64
