// The JIT engine's run loop step, translation, invalidation and fault fix-up.
#include "runtime/engine_jit.h"

#include <fmt/format.h>
#include <signal.h>

#include <chrono>
#include <cstring>

#include "common/error.h"
#include "common/log.h"
#include "guest/cpu_header.h"
#include "runtime/guest_fault.h"
#include "runtime/running_code.h"

namespace xisa::runtime {

namespace {

constexpr size_t kCodeCacheBytes = 64u << 20;  // rel32 jumps reach everywhere inside it

thread_local JitEngine* t_engine = nullptr;        // the engine running on this thread
thread_local bool t_code_flush_requested = false;  // a Fence(Instruction) ran

void on_instruction_fence(void*) {
  t_code_flush_requested = true;
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
    else if (d.kind == backend::DirtyReg::StackSlot)
      std::memcpy(v, sp + d.stack_off, sizeof v);
    std::memcpy(state + d.state_offset, v, d.bytes);
  }
  reinterpret_cast<CpuHeader*>(state)->pc = site->guest_pc;
  return fixed;
}

JitEngine::JitEngine(BlockSource& source, const Options& options, Metrics& metrics,
                     CodePageGuard* code_pages)
    : source_(source), metrics_(metrics), cache_(kCodeCacheBytes), code_pages_(code_pages) {
  auto t = backend::host::emit_trampoline(cache_.allocator());
  if (!t) throw Error("cannot place the JIT trampoline");
  trampoline_ = *t;
  cache_.set_permanent();
  config_.epilogue = trampoline_.epilogue;
  config_.counters = options.stats ? &counters_ : nullptr;
  config_.instruction_fence = on_instruction_fence;
  dump_host_ = options.dump_host;
  if (options.perf) perf_dump_ = std::make_unique<PerfJitDump>();
  clear_jump_cache();
  t_engine = this;
  set_host_fault_fixup(jit_fault_fixup);
}

JitEngine::~JitEngine() {
  publish_counters();
  if (t_engine == this) t_engine = nullptr;
}

void JitEngine::clear_jump_cache() {
  for (auto& e : jump_cache_) e = {backend::kJumpCacheEmpty, nullptr};
}

void JitEngine::flush_everything() {
  const auto start = std::chrono::steady_clock::now();
  const size_t used = cache_.memory().used();
  metrics_.gc_freed_blocks += cache_.block_count();
  cache_.flush_all();
  metrics_.gc_reclaimed_code_bytes += used - cache_.memory().used();
  metrics_.gc_pause_ns.push_back(static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
          .count()));
  source_.forget(0, ~uint64_t{0});
  interpreted_.clear();
  clear_jump_cache();
  pending_from_ = nullptr;
  ++metrics_.jit_code_flushes;
}

void JitEngine::invalidate(uint64_t lo, uint64_t hi) {
  retranslate(lo, hi);
}

void JitEngine::retranslate(uint64_t lo, uint64_t hi) {
  metrics_.jit_blocks_invalidated += cache_.invalidate(lo, hi);
  source_.forget(lo, hi);
  std::erase_if(interpreted_, [&](uint64_t pc) { return pc >= lo && pc < hi; });
  clear_jump_cache();
  pending_from_ = nullptr;
  collect_garbage();
}

void JitEngine::collect_garbage() {
  const auto start = std::chrono::steady_clock::now();
  const size_t freed = cache_.collect();  // we are in the dispatcher: nothing runs that code
  if (freed == 0) return;
  metrics_.gc_freed_blocks += freed;
  metrics_.gc_pause_ns.push_back(static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
          .count()));
}

CachedBlock* JitEngine::translate(uint64_t pc) {
  const ir::Block& block = source_.block_at(pc);
  const auto start = std::chrono::steady_clock::now();
  std::string why;
  auto compiled = backend::host::compile(block, config_, cache_.allocator(), &why);
  if (!compiled && why == "code cache full" && cache_.has_reclaimable_memory()) {
    flush_everything();
    return translate(pc);  // the IR is translated again; the cache is empty now
  }
  if (!compiled) {
    log::debug("jit: block {:#x} runs in the interpreter: {}", pc, why);
    ++metrics_.jit_fallback_blocks;
    interpreted_.insert(pc);
    return nullptr;
  }
  metrics_.jit_compile_ns += static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
          .count());
  ++metrics_.jit_blocks_compiled;
  metrics_.jit_code_bytes += compiled->size;
  if (perf_dump_) perf_dump_->add(compiled->code, compiled->size, pc);
  if (dump_host_)
    fmt::print(stderr, "host code of block {:#x} ({} bytes):\n{}", pc, compiled->size,
               backend::host::disassemble(compiled->code, compiled->size));
  return cache_.insert(pc, block.guest_end, std::move(*compiled));
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
  const uint64_t pc = header->pc;
  CachedBlock* block = cache_.find(pc);
  if (!block) {
    if (!interpreted_.count(pc)) block = translate(pc);
    if (!block) {
      pending_from_ = nullptr;
      return run_interpreted(source_.block_at(pc), state);
    }
  }
  if (pending_from_) {
    if (pending_from_->code.chain_sites[pending_site_].target_pc == pc &&
        !pending_from_->code.flushes_code)
      cache_.link(pending_from_, pending_site_, block);
    pending_from_ = nullptr;
  }
  jump_cache_[backend::jump_cache_index(pc)] = {pc, block->code.code};
  ++metrics_.jit_entries;
  t_running_code = kAnyCode;
  const backend::ExitRecord r = trampoline_.enter(state, block->code.code, jump_cache_.data());
  publish_counters();
  if (t_code_flush_requested) {
    t_code_flush_requested = false;
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
  metrics_.jit_direct_exits = counters_.direct_exits;
  metrics_.jit_jump_cache_hits = counters_.jump_cache_hits;
  metrics_.jit_chained_links = cache_.chained_links();
}

}  // namespace xisa::runtime
