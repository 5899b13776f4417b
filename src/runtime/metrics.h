// Counters and latencies of one run, printed by --stats as JSON.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace xisa::runtime {

struct Metrics {
  uint64_t blocks_translated = 0;
  uint64_t blocks_loaded = 0;  // of those, taken from the translation store (not lifted)
  // Lifted but not stored: a slow-path relift, an undecodable instruction, xisa's own stubs.
  uint64_t blocks_not_stored = 0;
  uint64_t guest_insns_translated = 0;
  uint64_t ir_insts = 0;
  uint64_t blocks_executed = 0;
  uint64_t block_cache_hits = 0;
  std::vector<uint64_t> translation_ns;  // one entry per block translated (lifted)
  uint64_t blocks_optimized = 0;         // optimised when run a second time
  uint64_t ir_optimize_ns = 0;
  std::map<std::string, uint64_t> syscalls;
  uint64_t slow_path_retries =
      0;                       // a guarded fast path failed: instruction re-run on its slow path
  uint64_t slow_path_pcs = 0;  // instructions lifted without the fast path after retries
  uint64_t inexact_tracking_pcs = 0;  // FP fast paths relifted to raise inexact themselves
  // JIT engine (printed when it ran)
  uint64_t jit_blocks_compiled = 0;
  uint64_t jit_fallback_blocks = 0;  // blocks the backend could not compile: interpreted
  uint64_t jit_code_bytes = 0;
  uint64_t jit_compile_ns = 0;
  uint64_t jit_entries = 0;                     // dispatcher -> translated code
  uint64_t jit_direct_exits = 0;                // direct exits taken (counted in the code)
  uint64_t jit_direct_exits_to_dispatcher = 0;  // ... of which not chained (yet)
  uint64_t jit_chained_links = 0;
  uint64_t jit_inline_cache_links = 0;  // ... of which indirect exits' inline caches
  uint64_t jit_jump_cache_hits = 0;
  uint64_t jit_jump_cache_misses = 0;
  uint64_t jit_blocks_invalidated = 0;
  uint64_t jit_code_flushes = 0;
  // Code-cache reclamation at safepoints: flushes and frees of invalidated blocks.
  std::vector<uint64_t> gc_pause_ns;
  uint64_t gc_reclaimed_code_bytes = 0;
  uint64_t gc_freed_blocks = 0;

  uint64_t threads = 1;  // guest threads that ran
  // Adds another thread's counters to these.
  void merge(const Metrics& other);
  std::string to_json(const std::string& engine, const std::string& guest) const;
  std::string jit_json() const;  // the "jit" member of to_json
};

}  // namespace xisa::runtime
