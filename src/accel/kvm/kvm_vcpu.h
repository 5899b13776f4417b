// One guest thread's vCPU: made in its process's KvmVm, set up for 64-bit mode at CPL3 under
// the ring-0 stub (control registers, EFER, the syscall MSRs, XCR0, CPUID), and the transfer of
// the guest's x86-64 state (X86_64State, which every engine shares) into it and out of it.
#pragma once

#include <cstdint>
#include <memory>

#include "accel/kvm/kvm_vm.h"
#include "accel/kvm/ring0_stub.h"
#include "guest/x86_64/x86_64_state.h"

struct kvm_run;

namespace xisa::kvm {

// Why KVM_RUN came back, decoded.
struct VcpuExit {
  enum class Kind : uint8_t {
    Syscall,      // the guest executed `syscall`
    Exception,    // a CPU exception at CPL3 (vector, error_code, cr2)
    Interrupted,  // a host signal (EINTR) or immediate_exit: the guest is between instructions
    Other,        // anything else: reason says what
  };
  Kind kind = Kind::Other;
  unsigned vector = 0;
  uint64_t error_code = 0, cr2 = 0;
  uint32_t reason = 0;  // KVM_EXIT_*, or for a failed KVM_RUN the errno
  bool run_failed = false;
};

class KvmVcpu {
 public:
  explicit KvmVcpu(std::shared_ptr<KvmVm> vm);  // throws KvmUnavailable
  ~KvmVcpu();
  KvmVcpu(const KvmVcpu&) = delete;
  KvmVcpu& operator=(const KvmVcpu&) = delete;

  // Gives the vCPU the guest's state; it resumes at s.header.pc at CPL3.
  void load(const x86_64::X86_64State& s);
  // Runs until an exit; returns it with the guest's state stored into s where the exit left
  // the vCPU at a guest instruction boundary (all but Other in the stub).
  VcpuExit run(x86_64::X86_64State& s);
  // The same with every host signal blocked inside KVM_RUN too: for a vCPU interrupted in the
  // stub, which must reach its exit while a signal is pending (run() would return EINTR at
  // once, again and again).
  VcpuExit run_with_signals_blocked(x86_64::X86_64State& s);
  // Whether the vCPU stands at a user instruction (CPL3, or at the IRETQ about to go there).
  bool at_user_boundary() const;
  // The guest's state from the vCPU at a user boundary (after an Other exit).
  void store_user_state(x86_64::X86_64State& s);
  kvm_run* run_area() const { return run_; }

 private:
  void setup_registers();
  void require_confined_xcr0();
  bool in_stub() const;
  void load_xstate(const x86_64::X86_64State& s);
  void store_xstate(x86_64::X86_64State& s);

  std::shared_ptr<KvmVm> vm_;
  VcpuTables tables_;
  int fd_ = -1;
  kvm_run* run_ = nullptr;
  size_t run_size_ = 0;
  uint64_t tlb_generation_ = 0;
  uint64_t fs_base_ = 0, gs_base_ = 0;
  // The vector/x87 part of the state as the vCPU has it: KVM_SET_XSAVE only when it differs.
  std::unique_ptr<uint8_t[]> xsave_;
  x86_64::X86_64State xstate_seen_{};
};

}  // namespace xisa::kvm
