// Execution engines behind the dispatcher: the IR interpreter and the JIT run guest blocks
// through one interface, so the dispatch loop, syscalls and traps do not depend on the engine.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>

#include "interp/interpreter.h"
#include "ir/block.h"
#include "runtime/metrics.h"
#include "xisa/xisa.h"

namespace xisa::os {
class LinuxProcess;
}

namespace xisa::runtime {

// Where engines get the IR of a guest block: the dispatcher's translation cache.
class BlockSource {
 public:
  virtual ~BlockSource() = default;
  // The block at pc, optimised once it is asked for again (it is running more than once).
  virtual const ir::Block& block_at(uint64_t pc) = 0;
  // The block at pc as it is, lifted or already optimised: for the JIT's interpreted runs
  // before it compiles the block, where optimising would cost more than it saves.
  virtual const ir::Block& block_as_is(uint64_t pc) { return block_at(pc); }
  // The sequence of the process's code-change log up to which the blocks handed out reflect
  // every change (CodeChangeLog::sequence()); 0 where no log is kept.
  virtual uint64_t changes_seen() const { return 0; }
  // Guest code in [lo, hi) changed or went away: translate it again when next needed.
  virtual void forget(uint64_t lo, uint64_t hi) = 0;
};

class Engine {
 public:
  virtual ~Engine() = default;
  virtual const char* name() const = 0;
  // Runs guest code from CpuHeader::pc until it leaves for the dispatcher (a block exit the
  // engine does not follow itself, a syscall or a trap); CpuHeader::pc is then the exit's pc.
  virtual interp::BlockExit run(void* state) = 0;
  // Guest code in [lo, hi) changed (munmap, mprotect, a store into it): drop translations.
  // Called at a safepoint (in the dispatcher). The code-page guard is the process's, and the
  // memory-change listener updates it, not each engine.
  virtual void invalidate(uint64_t lo, uint64_t hi) = 0;
  // The code in [lo, hi) is unchanged but must be lifted again (the frontend's options for it
  // changed): drop its translations only. Called at a safepoint.
  virtual void retranslate(uint64_t lo, uint64_t hi) = 0;
  // The thread is about to make a syscall, which may block for long: it runs no translated
  // code until its next run().
  virtual void before_syscall() {}
  // Whether the last run executed an instruction fence (fence.i, IC IVAU) and dropped this
  // thread's translations; the dispatcher tells the other threads.
  bool take_code_fence() { return std::exchange(code_fenced_, false); }

 protected:
  bool code_fenced_ = false;
};

// Whether a JIT backend exists for this host.
bool jit_available();
// The engine that `kind` means on this host (Auto resolved).
EngineKind resolve_engine(EngineKind kind);
const char* engine_name(EngineKind kind);
class CodePageGuard;
class SharedJitCode;
// Makes the engine for `kind`; throws xisa::Error for one this host cannot run.
// code_pages: the process's guard when the guest ISA runs modified code without a flush
// instruction (x86-64), so stores into translated code must be caught; else nullptr.
// jit_code: the process's translated code, which every thread's JIT engine shares.
// process: the guest process (the KVM engine maps its pages on demand from its mappings).
// --engine kvm where KVM cannot run: one log line that says why, and the JIT.
std::unique_ptr<Engine> make_engine(EngineKind kind, BlockSource& source, const Options& options,
                                    Metrics& metrics, CodePageGuard* code_pages,
                                    std::shared_ptr<SharedJitCode> jit_code,
                                    const os::LinuxProcess& process);

}  // namespace xisa::runtime
