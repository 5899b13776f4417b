// The JIT engine's run loop step, translation, invalidation, safepoints and fault fix-up.
#include "runtime/engine_jit.h"

#include <fmt/format.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <optional>

#include "common/error.h"
#include "common/log.h"
#include "guest/cpu_header.h"
#include "runtime/guest_fault.h"
#include "runtime/running_code.h"

namespace xisa::runtime {

namespace {

thread_local JitEngine* t_engine = nullptr;  // the engine running on this thread

template <typename F>
uint64_t nanoseconds_of(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
          .count());
}

bool has_code_fence(const ir::Block& block) {
  for (const ir::Inst& inst : block.insts)
    if (inst.op == ir::Opcode::Fence &&
        static_cast<ir::FenceKind>(inst.imm) == ir::FenceKind::Instruction)
      return true;
  return false;
}

}  // namespace

// A host fault in translated code: write the guest registers the block held in host
// registers or frame slots back into the state, and set the exact guest pc. A write into a
// watched code page is retried, unless it hits the running block: then the state goes back to
// the storing instruction, which runs again alone (running_code.h).
FaultFixup jit_fault_fixup(void* siginfo, void* ucontext) {
  JitEngine* engine = t_engine;
  if (!engine) return FaultFixup::Report;
  const backend::HostFaultContext host = backend::host::read_fault_context(ucontext);
  const auto* info = static_cast<const siginfo_t*>(siginfo);
  const bool write = host.write;
  const uintptr_t rip = host.pc;
  const CachedBlock* block = engine->cache_.block_at_host(rip);
  FaultFixup fixed = FaultFixup::Report;
  const auto address = reinterpret_cast<uint64_t>(info->si_addr);
  if (engine->code_pages_ && info->si_signo == SIGSEGV && info->si_code == SEGV_ACCERR && write &&
      engine->code_pages_->on_write_fault(address)) {
    // Outside block code (a helper, an interpreted block) the state is already exact.
    const CodeRange running = block ? CodeRange{block->guest_pc, block->guest_end} : t_running_code;
    if (!running.contains(address)) return FaultFixup::Retry;
    fixed = FaultFixup::RestartInstruction;
  }
  if (!block) return fixed;  // in a helper or the runtime: the pc was stored before the call
  const backend::FaultSite* site = CodeCache::fault_site(*block, rip);
  if (!site) return fixed == FaultFixup::RestartInstruction ? FaultFixup::Retry : fixed;
  uint8_t* state = host.state;
  const uint8_t* sp = host.sp;
  for (const backend::DirtyReg& d : site->dirty) {
    uint64_t v[2] = {d.imm_lo, d.imm_hi};
    if (d.kind == backend::DirtyReg::HostReg)
      v[0] = backend::host::host_register(host, d.host_reg);
    else if (d.kind == backend::DirtyReg::HostVectorReg)
      backend::host::host_vector_register(host, d.host_reg, v);
    else if (d.kind == backend::DirtyReg::StackSlot)
      std::memcpy(v, sp + d.stack_off, sizeof v);
    std::memcpy(state + d.state_offset, v, d.bytes);
  }
  reinterpret_cast<CpuHeader*>(state)->pc = site->guest_pc;
  // A widened access (ir::kRestartAloneOnFault): its instruction runs again alone, exactly.
  return site->restart_alone ? FaultFixup::RestartInstruction : fixed;
}

JitEngine::JitEngine(BlockSource& source, const Options& options, Metrics& metrics,
                     CodePageGuard* code_pages, std::shared_ptr<SharedJitCode> shared)
    : source_(source),
      metrics_(metrics),
      shared_(shared ? std::move(shared)
                     : std::make_shared<SharedJitCode>(options, nullptr, nullptr)),
      cache_(shared_->cache()),
      thread_data_(std::make_unique<backend::ThreadCodeData>()),
      compile_after_(std::max(options.jit_compile_after, 1u)),
      code_pages_(code_pages) {
  cache_.epochs().add(&epoch_reader_);
  drop_thread_references();
  t_engine = this;
  set_host_fault_fixup(jit_fault_fixup);
}

JitEngine::~JitEngine() {
  publish_counters();
  if (shared_->made_in_this_process()) {
    cache_.epochs().remove(&epoch_reader_);
    collect_garbage();  // what only this thread still held back
  }
  if (t_engine == this) t_engine = nullptr;
}

void JitEngine::drop_thread_references() {
  for (auto& e : thread_data_->jump_cache) e = {backend::kJumpCacheEmpty, nullptr};
  jump_blocks_.fill(nullptr);
  pending_from_ = nullptr;
}

void JitEngine::pass_safepoint() {
  bool moved = false;
  epoch_reader_.at_safepoint(cache_.epochs(), [&] {
    drop_thread_references();
    moved = true;
  });
  if (moved && cache_.has_retired()) collect_garbage();
}

void JitEngine::collect_garbage() {
  CodeCache::Freed freed;
  const uint64_t ns = nanoseconds_of([&] { freed = cache_.collect(); });
  if (freed.blocks == 0) return;
  metrics_.gc_freed_blocks += freed.blocks;
  metrics_.gc_reclaimed_code_bytes += freed.bytes;
  metrics_.gc_pause_ns.push_back(ns);
}

void JitEngine::flush_everything() {
  metrics_.jit_blocks_invalidated += cache_.retire_all();
  source_.forget(0, ~uint64_t{0});
  interpreted_.clear();
  ++metrics_.jit_code_flushes;
  pass_safepoint();
}

bool JitEngine::make_room() {
  const size_t before = cache_.bytes_in_use();
  if (cache_.block_count() > 0)
    flush_everything();
  else
    pass_safepoint();  // emptied before: maybe this thread was the last to hold it back
  if (cache_.bytes_in_use() < before) return true;
  // The other threads drop their references at their next safepoint; the last one frees.
  shared_->request_safepoints();
  return false;
}

void JitEngine::invalidate(uint64_t lo, uint64_t hi) {
  retranslate(lo, hi);
}

void JitEngine::retranslate(uint64_t lo, uint64_t hi) {
  metrics_.jit_blocks_invalidated += cache_.invalidate(lo, hi);
  source_.forget(lo, hi);
  std::erase_if(interpreted_, [&](uint64_t pc) { return pc >= lo && pc < hi; });
  std::erase_if(runs_before_compile_, [&](const auto& e) { return e.first >= lo && e.first < hi; });
  pass_safepoint();  // we are in the dispatcher
}

JitEngine::Translation JitEngine::translate(uint64_t pc) {
  std::string why;
  std::optional<backend::CompiledBlock> compiled;
  uint64_t guest_end = 0;
  uint64_t ir_as_of = 0;
  bool made_room = false;
  for (;;) {
    const ir::Block& block = source_.block_at(pc);
    guest_end = block.guest_end;
    ir_as_of = source_.changes_seen();
    const uint64_t ns = nanoseconds_of([&] {
      compiled = backend::host::compile(block, shared_->config(), cache_.allocator(), &why);
    });
    if (compiled) {
      metrics_.jit_compile_ns += ns;
      break;
    }
    // Full: empty the cache. Until the other threads let its memory go, the block runs in
    // the interpreter (without being marked as one the backend cannot compile).
    if (why == "code cache full" && !made_room) {
      made_room = true;
      if (make_room()) continue;
    }
    if (why == "code cache full") return {};
    log::debug("jit: block {:#x} runs in the interpreter: {}", pc, why);
    ++metrics_.jit_fallback_blocks;
    interpreted_.insert(pc);
    return {};
  }
  const backend::CompiledBlock& code = *compiled;
  const uint8_t* entry = code.code;
  const uint32_t size = code.size;
  CachedBlock* b = cache_.insert(pc, guest_end, std::move(*compiled), ir_as_of);
  if (!b) return {nullptr, true};
  if (b->code.code != entry) return {b, false};  // another thread's translation won
  ++metrics_.jit_blocks_compiled;
  metrics_.jit_code_bytes += size;
  if (auto* perf = shared_->perf_dump()) perf->add(entry, size, pc);
  if (shared_->dump_host())
    fmt::print(stderr, "host code of block {:#x} ({} bytes):\n{}", pc, size,
               backend::host::disassemble(entry, size));
  return {b, false};
}

interp::BlockExit JitEngine::run_interpreted(const ir::Block& block, void* state) {
  ++metrics_.blocks_executed;
  t_running_code = {block.guest_pc, block.guest_end};
  const interp::BlockExit exit = interp::run_block(block, state);
  if (has_code_fence(block)) {
    flush_everything();
    code_fenced_ = true;
  }
  return exit;
}

interp::BlockExit JitEngine::run(void* state) {
  auto* header = static_cast<CpuHeader*>(state);
  t_engine = this;
  // A safepoint: code other threads changed is dropped from the shared cache before this
  // thread looks anything up.
  cache_.catch_up();
  pass_safepoint();
  const uint64_t pc = header->pc;
  const unsigned slot = backend::jump_cache_index(pc);
  CachedBlock* block = thread_data_->jump_cache[slot].guest_pc == pc ? jump_blocks_[slot] : nullptr;
  if (!block) block = cache_.find(pc);
  if (!block && !interpreted_.count(pc) && compile_after_ > 1) {
    // Not compiled yet anywhere: its first runs go through the interpreter.
    unsigned& runs = runs_before_compile_[pc];
    if (++runs < compile_after_) {
      pending_from_ = nullptr;
      return run_interpreted(source_.block_as_is(pc), state);
    }
    runs_before_compile_.erase(pc);
  }
  if (!block && !interpreted_.count(pc)) {
    const Translation t = translate(pc);
    if (t.stale) {
      // The code changed since this thread's IR was made: let the dispatcher drop it first.
      raise_exit_request(*header, kExitRequestCodeChange);
      pending_from_ = nullptr;
      interp::BlockExit exit;
      exit.kind = interp::ExitKind::Jump;
      exit.pc = pc;
      return exit;
    }
    block = t.block;
  }
  if (!block) {
    pending_from_ = nullptr;
    return run_interpreted(source_.block_at(pc), state);
  }
  if (pending_from_) {
    const uint64_t target = pending_from_->code.chain_sites[pending_site_].target_pc;
    if ((target == pc || target == backend::kInlineCacheTarget) &&
        !pending_from_->code.flushes_code && cache_.link(pending_from_, pending_site_, block)) {
      ++metrics_.jit_chained_links;
      if (target == backend::kInlineCacheTarget) ++metrics_.jit_inline_cache_links;
    }
    pending_from_ = nullptr;
  }
  thread_data_->jump_cache[slot] = {pc, block->code.code};
  jump_blocks_[slot] = block;
  ++metrics_.jit_entries;
  t_running_code = kAnyCode;
  const backend::ExitRecord r =
      shared_->trampoline().enter(state, block->code.code, thread_data_->jump_cache);
  publish_counters();
  if (take_instruction_fence()) {
    flush_everything();
    code_fenced_ = true;
  } else if (r.patch_site) {
    ++metrics_.jit_direct_exits_to_dispatcher;
    std::tie(pending_from_, pending_site_) = cache_.chain_site_at(r.patch_site);
  }
  if (r.exit & backend::kExitIndirectMiss) ++metrics_.jit_jump_cache_misses;
  interp::BlockExit exit;
  exit.kind = static_cast<interp::ExitKind>(r.exit & 0xff);
  exit.trap = static_cast<ir::TrapKind>((r.exit >> 8) & 0xff);
  exit.pc = header->pc;
  return exit;
}

void JitEngine::publish_counters() {
  metrics_.jit_direct_exits = thread_data_->counters.direct_exits;
  metrics_.jit_jump_cache_hits = thread_data_->counters.jump_cache_hits;
}

}  // namespace xisa::runtime
