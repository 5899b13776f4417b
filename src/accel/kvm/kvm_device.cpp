// Opens and checks the KVM device.
#include "accel/kvm/kvm_device.h"

#if defined(__x86_64__)
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "accel/kvm/kvm_abi.h"
#include "linux/reserved_fds.h"

namespace xisa::kvm {

namespace {
// Capabilities the engine cannot work without: memory slots over user memory, a kick that
// cannot be lost (immediate_exit), the register state in kvm_run, and XSAVE/XCR access.
struct RequiredCap {
  int cap;
  const char* name;
};
constexpr RequiredCap kRequiredCaps[] = {
    {KVM_CAP_USER_MEMORY, "KVM_CAP_USER_MEMORY"},
    {KVM_CAP_IMMEDIATE_EXIT, "KVM_CAP_IMMEDIATE_EXIT"},
    {KVM_CAP_EXT_CPUID, "KVM_CAP_EXT_CPUID"},
    {KVM_CAP_XSAVE, "KVM_CAP_XSAVE"},
    {KVM_CAP_XCRS, "KVM_CAP_XCRS"},
    {KVM_CAP_SYNC_REGS, "KVM_CAP_SYNC_REGS"},
};
constexpr uint32_t kMaxCpuidEntries = sizeof(abi::Cpuid2::entries) / sizeof(kvm_cpuid_entry2);
}  // namespace

int move_fd_out_of_guest_range(int fd) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur < 64) {
    os::reserve_fd(fd);
    return fd;
  }
  // Below the soft limit, which a guest may read and expect to be able to reach.
  const int high = fcntl(fd, F_DUPFD_CLOEXEC, static_cast<int>(limit.rlim_cur) - 32);
  if (high < 0) {
    os::reserve_fd(fd);
    return fd;
  }
  close(fd);
  os::reserve_fd(high);
  return high;
}

void close_kvm_fd(int fd) {
  os::release_fd(fd);
  close(fd);
}

std::string kvm_device_path(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* env = std::getenv("XISA_KVM_DEVICE"); env && *env) return env;
  return "/dev/kvm";
}

KvmDevice::KvmDevice(const std::string& path) {
  fd_ = open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd_ < 0) throw KvmUnavailable(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  fd_ = move_fd_out_of_guest_range(fd_);
  const int version = ioctl(fd_, KVM_GET_API_VERSION, 0);
  if (version != KVM_API_VERSION) {
    close_kvm_fd(fd_);
    throw KvmUnavailable(
        fmt::format("{}: KVM API version {}, not {}", path, version, KVM_API_VERSION));
  }
  for (const RequiredCap& c : kRequiredCaps) {
    if (ioctl(fd_, KVM_CHECK_EXTENSION, c.cap) <= 0) {
      close_kvm_fd(fd_);
      throw KvmUnavailable(fmt::format("{}: the host's KVM lacks {}", path, c.name));
    }
  }
  const int size = ioctl(fd_, KVM_GET_VCPU_MMAP_SIZE, 0);
  if (size <= 0) {
    close_kvm_fd(fd_);
    throw KvmUnavailable(fmt::format("{}: KVM_GET_VCPU_MMAP_SIZE failed", path));
  }
  vcpu_mmap_size_ = static_cast<size_t>(size);

  auto cpuid = std::make_unique<abi::Cpuid2>();
  cpuid->nent = kMaxCpuidEntries;
  if (ioctl(fd_, abi::kGetSupportedCpuid, cpuid.get()) < 0) {
    close_kvm_fd(fd_);
    throw KvmUnavailable(
        fmt::format("{}: KVM_GET_SUPPORTED_CPUID: {}", path, std::strerror(errno)));
  }
  for (uint32_t i = 0; i < cpuid->nent; ++i) {
    const kvm_cpuid_entry2& e = cpuid->entries[i];
    supported_cpuid_.push_back({e.function, e.index, e.flags, e.eax, e.ebx, e.ecx, e.edx});
    if (e.function == 0x80000008) phys_bits_ = e.eax & 0xff;
  }
}

KvmDevice::~KvmDevice() {
  if (fd_ >= 0) close_kvm_fd(fd_);
}

}  // namespace xisa::kvm

#else  // not an x86-64 host

namespace xisa::kvm {
std::string kvm_device_path(const std::string& option) {
  return option.empty() ? "/dev/kvm" : option;
}
KvmDevice::KvmDevice(const std::string&) {
  throw KvmUnavailable("the KVM engine runs x86-64 guests on x86-64 hosts only");
}
KvmDevice::~KvmDevice() = default;
}  // namespace xisa::kvm

#endif
