// The dispatch loop: the IR translation cache, engine runs, syscalls and traps.
#include "runtime/dispatcher.h"

#include <signal.h>

#include <chrono>
#include <cstring>

#include "common/host_fp_env.h"
#include "common/log.h"
#include "guest/cpu_header.h"
#include "guest/slow_path_retry.h"
#include "interp/interpreter.h"
#include "ir/passes/passes.h"
#include "linux/guest_memory.h"
#include "runtime/code_change_log.h"
#include "runtime/engine_code_pages.h"
#include "runtime/guest_fault.h"
#include "runtime/running_code.h"
#include "runtime/translation_store.h"

namespace xisa::runtime {

Dispatcher::Dispatcher(os::LinuxProcess& process, const Options& options, Metrics& metrics,
                       CodeChangeLog& code_changes, CodePageGuard* code_pages,
                       const std::shared_ptr<SharedJitCode>& jit_code, TranslationStore* store)
    : process_(process),
      arch_(process.arch()),
      options_(options),
      metrics_(metrics),
      frontend_(arch_.make_frontend()),
      code_changes_(code_changes),
      code_changes_seen_(code_changes.sequence()),
      code_pages_(code_pages),
      jit_code_(jit_code),
      store_(store),
      engine_(make_engine(options.engine, *this, options, metrics, code_pages, jit_code, process)) {
}

namespace {
constexpr uint64_t kMaxInsnBytes = 15;  // x86's longest instruction
constexpr uint64_t kFetchPage = 4096;   // the finest grain of fetch permissions
// Retries at one instruction after which its blocks are lifted without the fast path: the
// guard keeps failing there (zeros, subnormals, a rounding mode or flags the guest keeps).
constexpr uint32_t kSlowPathRetriesBeforeRelift = 16;

void verify(const ir::Block& block) {
  const std::string problem = ir::verify_block(block);
  if (problem.empty()) return;
  log::error("IR verifier: block {:#x}: {}\n{}", block.guest_pc, problem, ir::print_block(block));
  std::abort();
}
}  // namespace

void Dispatcher::forget(uint64_t lo, uint64_t hi) {
  auto overlaps = [&](const auto& entry) {
    return entry.second->guest_pc < hi && lo < entry.second->guest_end;
  };
  for (const auto& entry : blocks_)
    if (overlaps(entry)) unoptimized_.erase(entry.second.get());
  std::erase_if(blocks_, overlaps);
  std::erase_if(slow_path_blocks_, overlaps);
  if (blocks_.empty() && slow_path_blocks_.empty()) code_chunks_.clear();
}

void Dispatcher::note_translated(const ir::Block& block) {
  const uint64_t last = block.guest_end > block.guest_pc ? block.guest_end - 1 : block.guest_pc;
  for (uint64_t c = block.guest_pc >> kCodeChunkBits; c <= last >> kCodeChunkBits; ++c)
    code_chunks_.insert(c);
}

bool Dispatcher::translated_code_in(uint64_t lo, uint64_t hi) const {
  if (hi <= lo) return false;
  const auto it = code_chunks_.lower_bound(lo >> kCodeChunkBits);
  return it != code_chunks_.end() && *it <= (hi - 1) >> kCodeChunkBits;
}

interp::BlockExit Dispatcher::retry_slow_path(void* state, uint64_t pc, bool counted) {
  ++metrics_.slow_path_retries;
  // The first time retries pile up at pc, an FP fast path may be failing only because the
  // guest's inexact flag is clear (its results stay exact): relift it to raise the flag itself.
  // If retries go on, the instruction takes its slow path for good.
  // SlowPathStep exits (counted = false) are expected: they never relift the pc.
  if (uint32_t& retries = slow_path_retries_[pc];
      counted && ++retries == kSlowPathRetriesBeforeRelift) {
    if (inexact_tracking_pcs_.insert(pc).second) {
      ++metrics_.inexact_tracking_pcs;
      retries = 0;
    } else {
      slow_path_pcs_.insert(pc);
      ++metrics_.slow_path_pcs;
    }
    engine_->retranslate(pc, pc + 1);
  }
  auto& block = slow_path_blocks_[pc];
  if (!block) {
    if (code_pages_) code_pages_->protect(pc, pc + kMaxInsnBytes);
    block = slow_path_block(*frontend_, pc);
    note_translated(*block);
  }
  t_running_code = kNoLaterCode;
  return interp::run_block(*block, state);
}

interp::BlockExit Dispatcher::run_instruction_alone(void* state) {
  instruction_alone_next_ = false;
  // The slow-path lifting is the exact one; the block is used once, so its page is not
  // watched for it, and a store from it into code is retried in place.
  const auto block = slow_path_block(*frontend_, static_cast<CpuHeader*>(state)->pc);
  t_running_code = kNoLaterCode;
  return interp::run_block(*block, state);
}

const ir::Block& Dispatcher::block_at(uint64_t pc) {
  bool was_cached = false;
  ir::Block& block = cached_block(pc, &was_cached);
  if (was_cached && unoptimized_.erase(&block) != 0) optimize_block(block);
  return block;
}

const ir::Block& Dispatcher::block_as_is(uint64_t pc) {
  bool was_cached = false;
  return cached_block(pc, &was_cached);
}

ir::Block& Dispatcher::cached_block(uint64_t pc, bool* was_cached) {
  auto it = blocks_.find(pc);
  if (it != blocks_.end()) {
    ++metrics_.block_cache_hits;
    *was_cached = true;
    return *it->second;
  }
  // Instruction fetch rules, as the hardware and kernel apply them: the pc's alignment, and a
  // mapping of the guest's with PROT_EXEC (checked once per translation; mprotect and munmap
  // drop translations).
  // The block is found by pc; its code may live elsewhere (a vsyscall entry's stub).
  const uint64_t code_pc = process_.code_address(pc);
  if (pc % arch_.insn_alignment() != 0) raise_guest_fault(SIGBUS, BUS_ADRALN, pc);
  if (const int code = process_.fetch_fault(code_pc)) raise_guest_fault(SIGSEGV, code, pc);
  const auto start = std::chrono::steady_clock::now();
  auto block = std::make_unique<ir::Block>();
  const bool loaded = lift_or_load(pc, *block);
  if (options_.dump_ir) {
    optimize_block(*block);  // printed as it runs
  } else {
    // A stored block was verified when this xisa build lifted it.
    if (!loaded) verify(*block);
    unoptimized_.insert(block.get());
  }
  const auto ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
          .count();
  metrics_.translation_ns.push_back(static_cast<uint64_t>(ns));
  ++metrics_.blocks_translated;
  metrics_.guest_insns_translated += block->guest_insns;
  metrics_.ir_insts += block->insts.size();
  note_translated(*block);
  return *blocks_.emplace(pc, std::move(block)).first->second;
}

bool Dispatcher::lifted_by_default(uint64_t lo, uint64_t hi) const {
  for (const auto* pcs : {&slow_path_pcs_, &inexact_tracking_pcs_})
    for (const uint64_t pc : *pcs)
      if (pc >= lo && pc < hi) return false;
  return true;
}

bool Dispatcher::lift_or_load(uint64_t pc, ir::Block& block) {
  const uint64_t code_pc = process_.code_address(pc);
  // A block from the store: its code must be readable (every page of it) and watched before
  // its bytes are compared, as before they are lifted.
  const bool storable = store_ && code_pc == pc && !process_.in_own_code_page(pc);
  const TranslationStore::Entry* stored = storable ? store_->find(pc) : nullptr;
  if (stored && lifted_by_default(pc, stored->guest_end)) {
    bool readable = true;
    for (uint64_t page = pc & ~(kFetchPage - 1); page < stored->guest_end; page += kFetchPage)
      readable = readable && process_.fetch_fault(std::max(page, pc)) == 0;
    if (readable) {
      if (code_pages_) code_pages_->protect(pc, stored->guest_end);
      if (store_->load(pc, *stored, block)) {
        ++metrics_.blocks_loaded;
        return true;
      }
      block = ir::Block();
    }
  }
  TranslateOptions translate_options;
  translate_options.slow_path_pcs = &slow_path_pcs_;
  translate_options.inexact_tracking_pcs = &inexact_tracking_pcs_;
  translate_options.entry_state = running_state_;
  // Watched code pages are armed before their bytes are read: a write after the read faults
  // and is logged, so no translation outlives the code it came from.
  if (code_pages_) code_pages_->protect(code_pc, code_pc + kMaxInsnBytes);
  frontend_->translate(code_pc, block, translate_options);
  if (code_pages_ &&
      !CodePageGuard::covers(code_pc, code_pc + kMaxInsnBytes, block.guest_pc, block.guest_end)) {
    code_pages_->protect(block.guest_pc, block.guest_end);
    block = ir::Block();
    frontend_->translate(code_pc, block, translate_options);
  }
  // An undecodable x86-64 instruction ends its block one byte in, after Zydis read more:
  // such a block depends on bytes it does not cover, so it is not kept.
  const ir::Inst& end = block.terminator();
  const bool illegal = end.op == ir::Opcode::Trap &&
                       end.aux == static_cast<uint64_t>(ir::TrapKind::IllegalInstruction);
  if (!store_) return false;
  if (storable && !illegal && lifted_by_default(block.guest_pc, block.guest_end))
    store_->add(block);
  else
    ++metrics_.blocks_not_stored;
  return false;
}

void Dispatcher::optimize_block(ir::Block& block) {
  const auto start = std::chrono::steady_clock::now();
  ir::optimize(block);
  verify(block);
  if (options_.dump_ir) fmt::print(stderr, "{}", ir::print_block(block));
  metrics_.ir_optimize_ns += static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
          .count());
  ++metrics_.blocks_optimized;
}

RunResult Dispatcher::die_of_signal(void* state, int signo, uint64_t fault_address,
                                    bool synchronous) {
  const uint64_t pc = static_cast<CpuHeader*>(state)->pc;
  if (!synchronous) {
    log::info("guest killed by {} at pc {:#x}", sigabbrev_np(signo), pc);
  } else if (signo == SIGSEGV || signo == SIGBUS) {
    log::error("guest {} at pc {:#x}, address {:#x}: {}", sigabbrev_np(signo), pc, fault_address,
               signo == SIGBUS ? "bus error" : "segmentation fault");
  } else if (signo == SIGILL) {
    uint8_t bytes[4] = {};
    os::copy_from_guest(bytes, pc, sizeof bytes);
    log::error("guest SIGILL at pc {:#x}: illegal instruction (bytes {:02x} {:02x} {:02x} {:02x})",
               pc, bytes[0], bytes[1], bytes[2], bytes[3]);
  } else {
    log::error("guest {} at pc {:#x}: {}", sigabbrev_np(signo), pc, sigdescr_np(signo));
  }
  log::info("guest registers:\n{}", arch_.format_registers(state));
  RunResult r;
  r.term_signal = signo;
  return r;
}

int Dispatcher::serve_exit_requests(void* state) {
  auto* header = static_cast<CpuHeader*>(state);
  if (header->exit_request & kExitRequestCodeChange) {
    clear_exit_request(*header, kExitRequestCodeChange);
    // Most changes (a munmap of data, an mprotect of the heap) touch no translated code:
    // they cost a set lookup, not a walk over every block and a cleared jump cache.
    code_changes_.read_since(&code_changes_seen_, [&](uint64_t lo, uint64_t hi) {
      if (translated_code_in(lo, hi)) engine_->invalidate(lo, hi);
    });
  }
  if (header->exit_request & kExitRequestSignal) return process_.deliver_pending_signal(state);
  return 0;
}

std::optional<ThreadEnd> Dispatcher::raise_signal(void* state, const siginfo_t& info) {
  const int die = process_.raise_synchronous_signal(state, info);
  if (!die) return std::nullopt;
  return ThreadEnd{die_of_signal(state, die, reinterpret_cast<uint64_t>(info.si_addr), true), true};
}

ThreadEnd Dispatcher::run_blocks(void* state) {
  auto* header = static_cast<CpuHeader*>(state);
  for (;;) {
    if (header->exit_request) {
      if (const int die = serve_exit_requests(state))
        return {die_of_signal(state, die, 0, false), true};
    }
    // Exceptions raised by xisa's own code since the last accrual are not the guest's.
    host_fp::discard_pending();
    interp::BlockExit exit = accrue_after_run(
        arch_, instruction_alone_next_ ? run_instruction_alone(state) : engine_->run(state), state);
    if (engine_->take_code_fence() && process_.thread_count() > 1) {
      // IC IVAU is broadcast on AArch64; a RISC-V fence.i is local, but a guest's other
      // harts may rely on it too (qemu-user flushes everything as well): every thread drops
      // its translations.
      code_changes_.add(0, CodeChangeLog::kEverything);
      process_.raise_exit_request_all(kExitRequestCodeChange);
    }
    if (is_slow_path_retry(exit))
      exit = retry_slow_path(state, exit.pc, exit.trap == ir::TrapKind::SlowPathRetry);
    header->pc = exit.pc;
    switch (exit.kind) {
      case interp::ExitKind::Jump:
        break;
      case interp::ExitKind::Syscall: {
        engine_->before_syscall();
        const os::SyscallOutcome out = process_.syscall(state);
        // A fork's child shares the parent's JIT code memory (a shared memfd mapping): it
        // gets an engine and translated code of its own before it runs any more guest code.
        if (out.forked_child)
          engine_ = make_engine(options_.engine, *this, options_, metrics_, code_pages_, jit_code_,
                                process_);
        if (out.kind != os::SyscallOutcome::Kind::Continue) {
          ThreadEnd end;
          end.result.exit_status = out.exit_status;
          end.process_ends = out.kind == os::SyscallOutcome::Kind::ProcessExit;
          return end;
        }
        break;
      }
      case interp::ExitKind::Trap: {
        if (is_slow_path_retry(exit)) {  // a slow path never leaves this way
          log::error("slow path at pc {:#x} asked for a retry", exit.pc);
          return {die_of_signal(state, SIGILL, 0, true), true};
        }
        const TrapSignal trap = arch_.trap_signal(state, exit.trap);
        siginfo_t info{};
        info.si_signo = trap.signo;
        info.si_code = trap.code;
        info.si_addr = reinterpret_cast<void*>(trap.address);
        if (auto end = raise_signal(state, info)) return *end;
        break;
      }
    }
  }
}

ThreadEnd Dispatcher::run(void* state) {
  running_state_ = state;
  install_guest_fault_handlers();
  for (;;) {
    GuestFaultScope scope;
    if (sigsetjmp(scope.jump_buffer(), 0) != 0) {
      // A guest access faulted; the state holds the faulting instruction's pc and registers.
      accrue_pending_fp_exceptions(arch_, state);
      const GuestFault& f = scope.fault();
      if (f.restart_instruction) {
        instruction_alone_next_ = true;
        continue;
      }
      siginfo_t info{};
      info.si_signo = f.signo;
      info.si_code = f.code;
      info.si_addr = reinterpret_cast<void*>(f.address);
      if (auto end = raise_signal(state, info)) return *end;
      continue;
    }
    return run_blocks(state);
  }
}

}  // namespace xisa::runtime
