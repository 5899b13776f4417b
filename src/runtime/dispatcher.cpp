// The dispatch loop: the IR translation cache, engine runs, syscalls and traps.
#include "runtime/dispatcher.h"

#include <signal.h>

#include <chrono>
#include <cstring>

#include "common/log.h"
#include "guest/cpu_header.h"
#include "guest/slow_path_retry.h"
#include "interp/interpreter.h"
#include "ir/passes/passes.h"
#include "runtime/guest_fault.h"

namespace xisa::runtime {

Dispatcher::Dispatcher(os::LinuxProcess& process, const Options& options, Metrics& metrics)
    : process_(process),
      arch_(process.arch()),
      options_(options),
      metrics_(metrics),
      frontend_(arch_.make_frontend()),
      engine_(
          make_engine(options.engine, *this, options, metrics, arch_.isa() == GuestIsa::X86_64)) {
  // Syscalls run in the dispatcher, between blocks: a safe point to drop translations.
  process_.set_memory_change_listener(
      [this](uint64_t lo, uint64_t hi) { engine_->invalidate(lo, hi); });
}

namespace {
// Retries at one instruction after which its blocks are lifted without the fast path: the
// guard keeps failing there (zeros, subnormals, a rounding mode or flags the guest keeps).
constexpr uint32_t kSlowPathRetriesBeforeRelift = 16;
}  // namespace

void Dispatcher::forget(uint64_t lo, uint64_t hi) {
  auto overlaps = [&](const auto& entry) {
    return entry.second->guest_pc < hi && lo < entry.second->guest_end;
  };
  std::erase_if(blocks_, overlaps);
  std::erase_if(slow_path_blocks_, overlaps);
}

interp::BlockExit Dispatcher::retry_slow_path(void* state, uint64_t pc) {
  ++metrics_.slow_path_retries;
  if (++slow_path_retries_[pc] == kSlowPathRetriesBeforeRelift) {
    slow_path_pcs_.insert(pc);
    ++metrics_.slow_path_pcs;
    engine_->retranslate(pc, pc + 1);
  }
  auto& block = slow_path_blocks_[pc];
  if (!block) block = slow_path_block(*frontend_, pc);
  return interp::run_block(*block, state);
}

const ir::Block& Dispatcher::block_at(uint64_t pc) {
  auto it = blocks_.find(pc);
  if (it != blocks_.end()) {
    ++metrics_.block_cache_hits;
    return *it->second;
  }
  const auto start = std::chrono::steady_clock::now();
  auto block = std::make_unique<ir::Block>();
  TranslateOptions translate_options;
  translate_options.slow_path_pcs = &slow_path_pcs_;
  frontend_->translate(pc, *block, translate_options);
  ir::optimize(*block);
  const std::string problem = ir::verify_block(*block);
  if (!problem.empty()) {
    log::error("IR verifier: block {:#x}: {}\n{}", pc, problem, ir::print_block(*block));
    std::abort();
  }
  if (options_.dump_ir) fmt::print(stderr, "{}", ir::print_block(*block));
  const auto ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
          .count();
  metrics_.translation_ns.push_back(static_cast<uint64_t>(ns));
  ++metrics_.blocks_translated;
  metrics_.guest_insns_translated += block->guest_insns;
  metrics_.ir_insts += block->insts.size();
  return *blocks_.emplace(pc, std::move(block)).first->second;
}

RunResult Dispatcher::die_of_signal(void* state, int signo, uint64_t pc, uint64_t fault_address,
                                    const char* what) {
  if (signo == SIGSEGV || signo == SIGBUS)
    log::error("guest {} at pc {:#x}, address {:#x}: {}", sigabbrev_np(signo), pc, fault_address,
               what);
  else
    log::error("guest {} at pc {:#x}: {}", sigabbrev_np(signo), pc, what);
  log::info("guest registers:\n{}", arch_.format_registers(state));
  RunResult r;
  r.term_signal = signo;
  return r;
}

RunResult Dispatcher::run(void* state) {
  auto* header = static_cast<CpuHeader*>(state);
  install_guest_fault_handlers();
  GuestFaultScope scope;
  if (sigsetjmp(scope.jump_buffer(), 0) != 0) {
    const GuestFault& f = scope.fault();
    return die_of_signal(state, f.signo, header->pc, f.address,
                         f.signo == SIGBUS ? "bus error" : "segmentation fault");
  }
  for (;;) {
    interp::BlockExit exit = engine_->run(state);
    if (is_slow_path_retry(exit)) exit = retry_slow_path(state, exit.pc);
    header->pc = exit.pc;
    switch (exit.kind) {
      case interp::ExitKind::Jump:
        break;
      case interp::ExitKind::Syscall: {
        const os::SyscallOutcome out = process_.syscall(state);
        if (out.exit) {
          RunResult r;
          r.exit_status = out.exit_status;
          return r;
        }
        break;
      }
      case interp::ExitKind::Trap:
        switch (exit.trap) {
          case ir::TrapKind::IllegalInstruction: {
            uint8_t bytes[4];
            std::memcpy(bytes, reinterpret_cast<const void*>(exit.pc), sizeof bytes);
            return die_of_signal(
                state, SIGILL, exit.pc, 0,
                fmt::format("illegal instruction (bytes {:02x} {:02x} {:02x} {:02x})", bytes[0],
                            bytes[1], bytes[2], bytes[3])
                    .c_str());
          }
          case ir::TrapKind::Breakpoint:
            return die_of_signal(state, SIGTRAP, exit.pc, 0, "breakpoint");
          case ir::TrapKind::DivideError:
            return die_of_signal(state, SIGFPE, exit.pc, 0, "integer divide error");
          case ir::TrapKind::Halt:
            return die_of_signal(state, SIGSEGV, exit.pc, 0, "privileged instruction");
          case ir::TrapKind::SlowPathRetry:  // a slow path never leaves this way
            return die_of_signal(state, SIGILL, exit.pc, 0, "slow path asked for a retry");
        }
        break;
    }
  }
}

}  // namespace xisa::runtime
