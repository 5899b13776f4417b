// The optional RISC-V extensions this backend uses when the host has them (Zba, Zbb), detected
// once at start: the riscv_hwprobe system call (Linux 6.4), else the "isa" line of
// /proc/cpuinfo. Without them every op has a base RV64GC lowering.
#pragma once

namespace xisa::backend::riscv64 {

struct HostFeatures {
  bool zba = false;
  bool zbb = false;
};

const HostFeatures& host_features();
// For tests: compile with these features from now on (both paths of every op get tested).
void set_host_features(const HostFeatures& f);

}  // namespace xisa::backend::riscv64
