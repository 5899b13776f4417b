// Engine selection and the interpreter engine.
#include "runtime/engine.h"

#include <fmt/format.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>

#include "accel/kvm/kvm_device.h"
#include "accel/kvm/kvm_engine.h"
#include "backend/host.h"
#include "common/error.h"
#include "common/log.h"
#include "guest/cpu_header.h"
#include "runtime/engine_code_pages.h"
#include "runtime/engine_jit.h"
#include "runtime/guest_fault.h"
#include "runtime/running_code.h"

namespace xisa::runtime {

namespace {

class InterpEngine;
thread_local InterpEngine* t_interp = nullptr;  // the interpreter engine running on this thread
FaultFixup interp_fault_fixup(void* siginfo, void* ucontext);

// Runs one IR block per call with the interpreter.
class InterpEngine final : public Engine {
 public:
  InterpEngine(BlockSource& source, Metrics& metrics, CodePageGuard* code_pages)
      : source_(source), metrics_(metrics), code_pages_(code_pages) {
    if (code_pages_) set_host_fault_fixup(interp_fault_fixup);
  }
  ~InterpEngine() override {
    if (t_interp == this) t_interp = nullptr;
  }
  const char* name() const override { return "interp"; }
  interp::BlockExit run(void* state) override {
    t_interp = this;
    auto* header = static_cast<CpuHeader*>(state);
    const uint64_t pc = header->pc;
    const ir::Block& block = source_.block_at(pc);  // its code pages are watched (x86-64)
    header->pc = pc;
    ++metrics_.blocks_executed;
    const bool flushes_code = block.flushes_code;
    t_running_code = {block.guest_pc, block.guest_end};
    const interp::BlockExit exit = interp::run_block(block, state);
    // fence.i / IC IVAU: code may have changed anywhere. `block` is not used after this.
    if (flushes_code) {
      source_.forget(0, ~uint64_t{0});
      code_fenced_ = true;
    }
    return exit;
  }
  void invalidate(uint64_t lo, uint64_t hi) override { source_.forget(lo, hi); }
  void retranslate(uint64_t lo, uint64_t hi) override { source_.forget(lo, hi); }
  // Fault handler side: a guest write hit a watched code page. Async-signal-safe.
  bool on_write_fault(uint64_t address) {
    return code_pages_ && code_pages_->on_write_fault(address);
  }

 private:
  BlockSource& source_;
  Metrics& metrics_;
  CodePageGuard* code_pages_;
};

// A write into a watched code page: the page becomes writable again and every thread drops
// the page's translations at its next block boundary; the write is retried, or, into the
// running block, its instruction runs again alone (the interpreter keeps the state at the
// instruction's start until it completes). Only protection faults on pages the engine
// protected qualify, so no other fault is taken for one.
FaultFixup interp_fault_fixup(void* siginfo, void*) {
  const auto* info = static_cast<const siginfo_t*>(siginfo);
  InterpEngine* engine = t_interp;
  const auto address = reinterpret_cast<uint64_t>(info->si_addr);
  if (!engine || info->si_signo != SIGSEGV || info->si_code != SEGV_ACCERR ||
      !engine->on_write_fault(address))
    return FaultFixup::Report;
  return t_running_code.contains(address) ? FaultFixup::RestartInstruction : FaultFixup::Retry;
}

}  // namespace

bool jit_available() {
  return backend::kHostHasJit;
}

EngineKind resolve_engine(EngineKind kind) {
  if (kind != EngineKind::Auto) return kind;
  return jit_available() ? EngineKind::Jit : EngineKind::Interp;
}

const char* engine_name(EngineKind kind) {
  switch (kind) {
    case EngineKind::Auto:
      return "auto";
    case EngineKind::Interp:
      return "interp";
    case EngineKind::Jit:
      return "jit";
    case EngineKind::Kvm:
      return "kvm";
  }
  return "?";
}

namespace {
std::atomic<bool> kvm_engine_made{false};  // some thread of this process runs one
}  // namespace

std::unique_ptr<Engine> make_engine(EngineKind kind, BlockSource& source, const Options& options,
                                    Metrics& metrics, CodePageGuard* code_pages,
                                    std::shared_ptr<SharedJitCode> jit_code,
                                    const os::LinuxProcess& process) {
  switch (resolve_engine(kind)) {
    case EngineKind::Kvm:
      try {
        auto engine = kvm::make_kvm_engine(source, options, metrics, code_pages, process);
        kvm_engine_made.store(true);
        return engine;
      } catch (const kvm::KvmUnavailable& e) {
        if (!jit_available() || !options.kvm_fallback) {
          if (!kvm_engine_made.load()) throw Error(fmt::format("kvm unavailable: {}", e.what()));
          // A later thread: no way back to the caller of xisa::run from here.
          log::error("kvm unavailable for a new thread: {}", e.what());
          std::fflush(stdout);
          std::_Exit(125);
        }
        // Once per process, not per thread.
        static std::atomic<bool> said{false};
        if (!said.exchange(true)) log::warn("kvm: {}; running in the JIT instead", e.what());
        return std::make_unique<JitEngine>(source, options, metrics, code_pages,
                                           std::move(jit_code));
      }
    case EngineKind::Interp:
      return std::make_unique<InterpEngine>(source, metrics, code_pages);
    case EngineKind::Jit:
      if (!jit_available()) throw Error("--engine jit: no JIT backend for this host yet");
      return std::make_unique<JitEngine>(source, options, metrics, code_pages, std::move(jit_code));
    default:
      break;
  }
  throw Error(
      fmt::format("--engine {} is not available yet; use --engine interp", engine_name(kind)));
}

}  // namespace xisa::runtime
