// The KVM engine's run loop: enter the vCPU, decode the exit, resolve page faults in place,
// hand syscalls, traps and faults to the dispatcher, and the rest to the JIT.
#include "accel/kvm/kvm_engine.h"

#include "accel/kvm/kvm_device.h"

#if defined(__x86_64__)
#include <fmt/format.h>
#include <linux/kvm.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <optional>

#include "accel/kvm/exception_signal.h"
#include "accel/kvm/kvm_vcpu.h"
#include "accel/kvm/kvm_vm.h"
#include "common/host_fp_env.h"
#include "common/log.h"
#include "guest/x86_64/x86_64_state.h"
#include "linux/linux_process.h"
#include "runtime/engine_jit.h"
#include "runtime/guest_fault.h"

namespace xisa::kvm {

namespace {

using x86_64::X86_64State;

// The vsyscall page: natively the kernel emulates a call into it; here its entries run xisa's
// stubs for them (LinuxProcess::code_address), as under the other engines.
constexpr uint64_t kVsyscallPage = 0xffffffffff600000;

// Host signals that are not faults: blocked outside KVM_RUN (see KVM_SET_SIGNAL_MASK in
// kvm_vcpu.cpp), so one that arrives after the exit-request check still interrupts the entry.
uint64_t async_signal_mask() {
  uint64_t mask = ~uint64_t{0};
  for (int sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP}) mask &= ~(uint64_t{1} << (sig - 1));
  return mask;
}

class AsyncSignalsBlocked {
 public:
  AsyncSignalsBlocked() {
    const uint64_t mask = async_signal_mask();
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, &mask, &old_, sizeof mask);
  }
  ~AsyncSignalsBlocked() { restore(); }
  void restore() {
    if (restored_) return;
    restored_ = true;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &old_, nullptr, sizeof old_);
  }

 private:
  uint64_t old_ = 0;
  bool restored_ = false;
};

class KvmEngine final : public runtime::Engine {
 public:
  KvmEngine(runtime::BlockSource& source, const Options& options, runtime::Metrics& metrics,
            runtime::CodePageGuard* code_pages, const os::LinuxProcess& process)
      : source_(source),
        options_(options),
        metrics_(metrics),
        code_pages_(code_pages),
        process_(process),
        vm_(KvmVm::for_process(kvm_device_path(options.kvm_device), process)),
        vcpu_(std::make_unique<KvmVcpu>(vm_)) {}

  const char* name() const override { return "kvm"; }

  interp::BlockExit run(void* state) override {
    auto& s = *static_cast<X86_64State*>(state);
    if (!vcpu_ || jit_steps_ > 0) {
      if (jit_steps_ > 0) --jit_steps_;
      return jit().run(state);
    }
    try {
      const interp::BlockExit exit = run_vcpu(s);
      host_fp::discard_pending();  // the guest's flags are the vCPU's; these are xisa's own
      return exit;
    } catch (const KvmUnavailable& e) {
      // The VM failed (an ioctl refused, page tables full): the state was stored at the last
      // user boundary, from where the JIT goes on.
      give_up(e.what());
      return {interp::ExitKind::Jump, s.header.pc};
    }
  }

  void invalidate(uint64_t lo, uint64_t hi) override {
    if (jit_) jit_->invalidate(lo, hi);
  }
  void retranslate(uint64_t lo, uint64_t hi) override {
    if (jit_) jit_->retranslate(lo, hi);
  }

 private:
  runtime::Engine& jit() {
    if (!jit_)
      jit_ = std::make_unique<runtime::JitEngine>(source_, options_, metrics_, code_pages_);
    return *jit_;
  }

  void give_up(const std::string& why) {
    if (!options_.kvm_fallback) {
      log::error("kvm: {} (--no-kvm-fallback: no JIT to go on in)", why);
      std::fflush(stdout);
      std::_Exit(125);
    }
    log::warn("kvm: {}; the guest goes on in the JIT", why);
    vcpu_.reset();
  }

  interp::BlockExit run_vcpu(X86_64State& s) {
    AsyncSignalsBlocked blocked;
    vcpu_->load(s);
    for (;;) {
      // A signal or code change for this thread: back to the dispatcher before entering (the
      // vCPU holds the state that s holds).
      if (s.header.exit_request) return {interp::ExitKind::Jump, s.header.pc};
      VcpuExit exit = vcpu_->run(s);
      // Interrupted inside the stub (on its way to an exit): it gets there with the host's
      // signals held off, which stay pending for the dispatcher (plain KVM_RUN would return
      // EINTR at once as long as one is pending: a livelock seen under kvm-pvm).
      while (exit.kind == VcpuExit::Kind::Interrupted && !vcpu_->at_user_boundary())
        exit = vcpu_->run_with_signals_blocked(s);
      ++metrics_.blocks_executed;
      log::trace(
          "kvm: exit {} reason {} vector {} error {:#x} cr2 {:#x} pc {:#x} vcpu rip {:#x} cs {:#x}",
          static_cast<int>(exit.kind), exit.reason, exit.vector, exit.error_code, exit.cr2,
          s.header.pc, vcpu_->run_area()->s.regs.regs.rip,
          vcpu_->run_area()->s.regs.sregs.cs.selector);
      switch (exit.kind) {
        case VcpuExit::Kind::Syscall:
          if (options_.kvm_alternate) jit_steps_ = 1;
          return {interp::ExitKind::Syscall, s.header.pc};
        case VcpuExit::Kind::Interrupted:
          vcpu_->store_user_state(s);
          return {interp::ExitKind::Jump, s.header.pc};
        case VcpuExit::Kind::Exception: {
          if (auto next = on_exception(s, exit, blocked)) return *next;
          vcpu_->load(s);  // a page mapped on demand: the instruction runs again
          continue;
        }
        case VcpuExit::Kind::Other:
          break;
      }
      if (!vcpu_->at_user_boundary()) {
        // The stub itself failed: the user state since the last entry is lost.
        log::error("kvm: the vCPU failed in the ring-0 stub ({} {}); the guest cannot go on",
                   exit.run_failed ? "KVM_RUN errno" : "exit reason", exit.reason);
        blocked.restore();
        runtime::raise_guest_fault(SIGSEGV, SI_KERNEL, 0);
      }
      vcpu_->store_user_state(s);
      if (exit.run_failed && exit.reason == EFAULT) {
        // KVM could not reach the host page behind a guest mapping (a file mapped past its
        // end, a code page the JIT write-protects): the JIT runs the access and raises or
        // resolves what the host does.
        jit_steps_ = 1;
        return {interp::ExitKind::Jump, s.header.pc};
      }
      give_up(exit.run_failed ? fmt::format("KVM_RUN failed with errno {}", exit.reason)
                              : fmt::format("unexpected vCPU exit, reason {}", exit.reason));
      return {interp::ExitKind::Jump, s.header.pc};
    }
  }

  // Returns the exit for the dispatcher, or nullopt to run the vCPU again.
  std::optional<interp::BlockExit> on_exception(X86_64State& s, const VcpuExit& exit,
                                                AsyncSignalsBlocked& blocked) {
    const ExceptionAction action =
        classify_exception(exit.vector, exit.error_code, s.header.pc, s.mxcsr);
    switch (action.kind) {
      case ExceptionAction::Kind::Trap:
        if (action.trap == ir::TrapKind::Breakpoint) {
          // The CPU reports the instruction after int3 (CC) or int 3 (CD 03); the trap
          // wants the instruction itself, and steps over it when it raises the signal.
          const auto* after = reinterpret_cast<const uint8_t*>(s.header.pc);
          s.header.pc -= after[-1] == 0xcc ? 1 : 2;
        }
        return interp::BlockExit{interp::ExitKind::Trap, s.header.pc, action.trap};
      case ExceptionAction::Kind::Fault:
        blocked.restore();
        runtime::raise_guest_fault(action.signo, action.code, action.address);
      case ExceptionAction::Kind::PageFault:
        return on_page_fault(s, exit, blocked);
      case ExceptionAction::Kind::Unhandled:
        break;
    }
    log::debug("kvm: exception vector {} at {:#x} runs in the JIT", exit.vector, s.header.pc);
    jit_steps_ = 1;
    return interp::BlockExit{interp::ExitKind::Jump, s.header.pc};
  }

  std::optional<interp::BlockExit> on_page_fault(X86_64State& s, const VcpuExit& exit,
                                                 AsyncSignalsBlocked& blocked) {
    if ((exit.error_code & kPfFetch) && (exit.cr2 & ~uint64_t{0xfff}) == kVsyscallPage &&
        s.header.pc == exit.cr2) {
      s.header.pc = process_.code_address(exit.cr2);
      if (s.header.pc != exit.cr2) return std::nullopt;
    }
    switch (vm_->resolve_page_fault(exit.cr2, exit.error_code)) {
      case KvmVm::PageFault::Resolved:
        return std::nullopt;
      case KvmVm::PageFault::NotMapped:
        blocked.restore();
        runtime::raise_guest_fault(SIGSEGV, page_fault_code(false), exit.cr2);
      case KvmVm::PageFault::NotAllowed:
        break;
    }
    blocked.restore();
    runtime::raise_guest_fault(SIGSEGV, page_fault_code(true), exit.cr2);
  }

  runtime::BlockSource& source_;
  const Options& options_;
  runtime::Metrics& metrics_;
  runtime::CodePageGuard* code_pages_;
  const os::LinuxProcess& process_;
  std::shared_ptr<KvmVm> vm_;
  std::unique_ptr<KvmVcpu> vcpu_;  // null once the engine gave up on KVM
  std::unique_ptr<runtime::Engine> jit_;
  int jit_steps_ = 0;  // dispatcher runs the JIT makes before the vCPU runs again
};

}  // namespace

std::unique_ptr<runtime::Engine> make_kvm_engine(runtime::BlockSource& source,
                                                 const Options& options, runtime::Metrics& metrics,
                                                 runtime::CodePageGuard* code_pages,
                                                 const os::LinuxProcess& process) {
  if (process.arch().isa() != GuestIsa::X86_64)
    throw KvmUnavailable(
        fmt::format("the KVM engine runs x86-64 guests, not {}", process.arch().name()));
  return std::make_unique<KvmEngine>(source, options, metrics, code_pages, process);
}

}  // namespace xisa::kvm

#else

namespace xisa::kvm {
std::unique_ptr<runtime::Engine> make_kvm_engine(runtime::BlockSource&, const Options&,
                                                 runtime::Metrics&, runtime::CodePageGuard*,
                                                 const os::LinuxProcess&) {
  throw KvmUnavailable("the KVM engine runs x86-64 guests on x86-64 hosts only");
}
}  // namespace xisa::kvm

#endif
