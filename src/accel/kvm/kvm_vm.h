// The KVM virtual machine of one guest process: guest-physical memory is xisa's own address
// space (gpa == host address; memory slots of 1 GiB are added where the vCPU needs memory, and
// within a slot KVM follows every host mmap and munmap by itself), one set of identity page
// tables that mirror the guest's mappings and protections page by page, the ring-0 stub, and
// the CPUID every vCPU reports. Slots cover only what is used because KVM keeps metadata per
// slot page: slots over the whole 128 TiB user range would cost gigabytes of host memory.
// vCPUs (one per guest thread) are made by KvmVcpu.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "accel/kvm/guest_page_tables.h"
#include "accel/kvm/kvm_device.h"
#include "accel/kvm/ring0_stub.h"

namespace xisa::os {
class LinuxProcess;
}

namespace xisa::kvm {

class KvmVm {
 public:
  // The process's VM, made on first use, and again in a fork's child (a VM belongs to the
  // address space that made it). Throws KvmUnavailable.
  static std::shared_ptr<KvmVm> for_process(const std::string& device_path,
                                            const os::LinuxProcess& process);
  ~KvmVm();
  KvmVm(const KvmVm&) = delete;
  KvmVm& operator=(const KvmVm&) = delete;

  int fd() const { return fd_; }
  const KvmDevice& device() const { return device_; }
  GuestPageTables& tables() { return tables_; }
  const RingZeroStub& stub() const { return stub_; }
  const std::vector<KvmCpuidEntry>& cpuid() const { return cpuid_; }
  int next_vcpu_id() { return next_vcpu_id_.fetch_add(1); }
  // Makes [lo, hi) guest-physical memory (the slots that cover it). Throws KvmUnavailable.
  void ensure_memory(uint64_t lo, uint64_t hi);

  enum class PageFault { Resolved, NotMapped, NotAllowed };
  // A page fault taken at CPL3: maps the page when the guest's mapping allows the access, and
  // the unmapped pages of the same protection in its aligned 256 KiB cluster.
  PageFault resolve_page_fault(uint64_t address, uint64_t error_code);
  // Bumped by every unmap: a vCPU that entered with an older one flushes its TLB first.
  uint64_t tlb_generation() const { return tables_.unmap_count(); }

 private:
  KvmVm(const std::string& device_path, const os::LinuxProcess& process);
  static void on_memory_change(void* self, uint64_t lo, uint64_t hi);
  void map_neighbours(uint64_t address, int prot, uint64_t unmaps);

  KvmDevice device_;
  const os::LinuxProcess& process_;
  int fd_ = -1;
  GuestPageTables tables_;
  RingZeroStub stub_;
  std::vector<KvmCpuidEntry> cpuid_;
  std::atomic<int> next_vcpu_id_{0};
  std::mutex slots_mutex_;
  std::set<uint64_t> slots_;  // slot base >> kSlotBits
};

}  // namespace xisa::kvm
