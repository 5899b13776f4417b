// The per-process KVM VM: memory slots, page tables on demand, the memory-change hook.
#include "accel/kvm/kvm_vm.h"

#if defined(__x86_64__)
#include <fmt/format.h>
#include <linux/kvm.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include "accel/kvm/exception_signal.h"
#include "accel/kvm/kvm_cpuid.h"
#include "linux/linux_process.h"
#include "runtime/memory_change_hooks.h"

namespace xisa::kvm {

namespace {
constexpr uint64_t kUserTop = 0x7ffffffff000;  // Linux's TASK_SIZE on x86-64 (4-level paging)
constexpr unsigned kSlotBits = 30;
constexpr unsigned kUserAddressBits = 47;
// A fault maps the pages around it too (those of the same protection in its aligned cluster):
// each fault is an exit to xisa, which costs tens of microseconds under a paravirtual KVM, and
// a guest that touches one page of a mapping mostly touches its neighbours next.
constexpr uint64_t kClusterBytes = uint64_t{64} << 12;
}  // namespace

std::shared_ptr<KvmVm> KvmVm::for_process(const std::string& device_path,
                                          const os::LinuxProcess& process) {
  static std::mutex mutex;
  static std::weak_ptr<KvmVm> current;
  static pid_t owner = 0;
  std::lock_guard lock(mutex);
  if (owner == getpid())
    if (auto vm = current.lock()) return vm;
  // Not ours (none yet, or the parent's before a fork): a new VM for this address space.
  std::shared_ptr<KvmVm> vm(new KvmVm(device_path, process));
  current = vm;
  owner = getpid();
  return vm;
}

KvmVm::KvmVm(const std::string& device_path, const os::LinuxProcess& process)
    : device_(device_path), process_(process) {
  if (device_.physical_address_bits() < kUserAddressBits)
    throw KvmUnavailable(fmt::format(
        "the vCPU's physical address width ({} bits, CPUID 0x80000008) cannot cover the "
        "{}-bit user address space it must map one to one",
        device_.physical_address_bits(), kUserAddressBits));
  fd_ = ioctl(device_.fd(), KVM_CREATE_VM, 0);
  if (fd_ < 0) throw KvmUnavailable(fmt::format("KVM_CREATE_VM: {}", std::strerror(errno)));
  fd_ = move_fd_out_of_guest_range(fd_);
  cpuid_ = guest_cpuid(device_.supported_cpuid());
  try {
    ensure_memory(tables_.pool_start(), tables_.pool_end());
  } catch (...) {
    close_kvm_fd(fd_);
    throw;
  }
  runtime::add_memory_change_hook(this, on_memory_change);
}

KvmVm::~KvmVm() {
  runtime::remove_memory_change_hook(this);
  if (fd_ >= 0) close_kvm_fd(fd_);
}

void KvmVm::ensure_memory(uint64_t lo, uint64_t hi) {
  std::lock_guard lock(slots_mutex_);
  for (uint64_t chunk = lo >> kSlotBits; chunk <= (hi - 1) >> kSlotBits; ++chunk) {
    if (slots_.count(chunk)) continue;
    kvm_userspace_memory_region region{};
    region.slot = static_cast<uint32_t>(slots_.size());
    region.guest_phys_addr = region.userspace_addr = chunk << kSlotBits;
    region.memory_size = std::min(uint64_t{1} << kSlotBits, kUserTop - (chunk << kSlotBits));
    if (ioctl(fd_, KVM_SET_USER_MEMORY_REGION, &region) < 0)
      throw KvmUnavailable(
          fmt::format("KVM_SET_USER_MEMORY_REGION [{:#x}, {:#x}): {}", region.guest_phys_addr,
                      region.guest_phys_addr + region.memory_size, std::strerror(errno)));
    slots_.insert(chunk);
  }
}

void KvmVm::on_memory_change(void* self, uint64_t lo, uint64_t hi) {
  // What the page tables granted there may be gone or different: the next access faults
  // and maps the page again from the guest's mapping, if it still has one.
  static_cast<KvmVm*>(self)->tables_.unmap(lo, hi);
}

KvmVm::PageFault KvmVm::resolve_page_fault(uint64_t address, uint64_t error_code) {
  for (;;) {
    const uint64_t unmaps = tables_.unmap_count();
    const int prot = process_.protection_at(address);
    if (prot < 0) return PageFault::NotMapped;
    if (!access_allowed(prot, error_code)) return PageFault::NotAllowed;
    if (address >= kUserTop) return PageFault::NotMapped;
    ensure_memory(address, address + 1);
    if (tables_.map_page(address, prot, true, unmaps)) {
      map_neighbours(address, prot, unmaps);
      return PageFault::Resolved;
    }
    if (tables_.unmap_count() == unmaps)
      throw KvmUnavailable("the guest page tables' reservation is used up");
    // The guest's memory map changed meanwhile: look again.
  }
}

void KvmVm::map_neighbours(uint64_t address, int prot, uint64_t unmaps) {
  const uint64_t lo = address & ~(kClusterBytes - 1);
  const uint64_t hi = std::min(lo + kClusterBytes, kUserTop);
  ensure_memory(lo, hi);
  for (uint64_t page = lo; page < hi; page += 4096) {
    if (tables_.leaf_entry(page) != 0 || process_.protection_at(page) != prot) continue;
    if (!tables_.map_page(page, prot, true, unmaps)) return;  // the map changed: stop here
  }
}

}  // namespace xisa::kvm

#else

namespace xisa::kvm {
std::shared_ptr<KvmVm> KvmVm::for_process(const std::string&, const os::LinuxProcess&) {
  throw KvmUnavailable("the KVM engine runs x86-64 guests on x86-64 hosts only");
}
}  // namespace xisa::kvm

#endif
