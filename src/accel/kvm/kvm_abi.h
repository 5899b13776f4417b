// KVM's variable-length structs with the kernel's (C) layout. <linux/kvm.h> declares their
// trailing arrays with __DECLARE_FLEX_ARRAY, which C++ compiles with a one-byte empty struct
// in front: kvm_cpuid2::entries lands at 12 instead of 8, kvm_msrs::entries at 16 instead of 8,
// and the ioctl numbers, which encode sizeof, change with them. The kernel would read garbage
// or refuse the call (EINVAL), so xisa declares these few itself.
#pragma once

#include <linux/kvm.h>
#include <sys/ioctl.h>

#include <cstdint>

namespace xisa::kvm::abi {

struct Cpuid2 {
  uint32_t nent;
  uint32_t padding;
  kvm_cpuid_entry2 entries[256];  // KVM_MAX_CPUID_ENTRIES
};
struct Msrs {
  uint32_t nmsrs;
  uint32_t pad;
  kvm_msr_entry entries[4];
};
struct SignalMask {
  uint32_t len;
  uint8_t sigset[8];
};
static_assert(sizeof(kvm_cpuid_entry2) == 40 && sizeof(kvm_msr_entry) == 16);

// The ioctls with the kernel's struct sizes (8-byte headers, a 4096-byte XSAVE area).
inline constexpr unsigned long kGetSupportedCpuid = _IOC(_IOC_READ | _IOC_WRITE, KVMIO, 0x05, 8);
inline constexpr unsigned long kSetCpuid2 = _IOC(_IOC_WRITE, KVMIO, 0x90, 8);
inline constexpr unsigned long kSetMsrs = _IOC(_IOC_WRITE, KVMIO, 0x89, 8);
inline constexpr unsigned long kSetSignalMask = _IOC(_IOC_WRITE, KVMIO, 0x8b, 4);
inline constexpr unsigned long kGetXsave = _IOC(_IOC_READ, KVMIO, 0xa4, 4096);
inline constexpr unsigned long kSetXsave = _IOC(_IOC_WRITE, KVMIO, 0xa5, 4096);
inline constexpr size_t kXsaveBytes = 4096;

}  // namespace xisa::kvm::abi
