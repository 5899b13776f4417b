// The CPUID a KVM vCPU reports: xisa's own x86-64 table (guest/x86_64/cpuid.h, what the JIT
// reports), with every feature bit the host's KVM cannot give taken out, so a guest library
// never picks code the CPU under it would fault on. Two leaves are added because KVM takes the
// guest's physical address width from them: 0x80000000 reaches 0x80000008, whose address sizes
// are the host's (the identity mapping needs every guest address to be a physical one).
#pragma once

#include <vector>

#include "accel/kvm/kvm_device.h"

namespace xisa::kvm {

std::vector<KvmCpuidEntry> guest_cpuid(const std::vector<KvmCpuidEntry>& supported);

}  // namespace xisa::kvm
