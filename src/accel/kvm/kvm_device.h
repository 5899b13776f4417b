// The KVM device (/dev/kvm or the path the options name): opening it, checking the API and the
// capabilities the engine relies on, and what the host's KVM offers the guest (CPUID, address
// width). Any shortfall is a KvmUnavailable with one sentence saying why, which the engine
// selection logs before it goes on in the JIT.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "guest/x86_64/cpuid.h"

namespace xisa::kvm {

class KvmUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct KvmCpuidEntry {
  uint32_t function, index, flags;
  uint32_t eax, ebx, ecx, edx;
};

class KvmDevice {
 public:
  // Throws KvmUnavailable.
  explicit KvmDevice(const std::string& path);
  ~KvmDevice();
  KvmDevice(const KvmDevice&) = delete;
  KvmDevice& operator=(const KvmDevice&) = delete;

  int fd() const { return fd_; }
  size_t vcpu_mmap_size() const { return vcpu_mmap_size_; }
  // KVM_GET_SUPPORTED_CPUID: what a vCPU may be told.
  const std::vector<KvmCpuidEntry>& supported_cpuid() const { return supported_cpuid_; }
  // Guest-physical address bits (CPUID 0x80000008 EAX[7:0] as KVM supports it).
  unsigned physical_address_bits() const { return phys_bits_; }

 private:
  int fd_ = -1;
  size_t vcpu_mmap_size_ = 0;
  std::vector<KvmCpuidEntry> supported_cpuid_;
  unsigned phys_bits_ = 36;
};

// Moves one of xisa's KVM descriptors to the top of the descriptor range, close-on-exec: guest
// fds are host fds, and a native run's numbering (open returns the lowest free fd) must not see
// xisa's. Returns the new fd (the old one is closed), or fd itself where none is free up there.
int move_fd_out_of_guest_range(int fd);
// Closes one of those (and lets the guest have its number again).
void close_kvm_fd(int fd);

// The device path: the option, else $XISA_KVM_DEVICE, else /dev/kvm.
std::string kvm_device_path(const std::string& option);

}  // namespace xisa::kvm
