// JSON rendering of the run metrics.
#include "runtime/metrics.h"

#include <fmt/format.h>

#include <algorithm>

namespace xisa::runtime {

namespace {
uint64_t percentile(std::vector<uint64_t> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto idx = static_cast<size_t>(p * static_cast<double>(v.size() - 1));
  return v[idx];
}

uint64_t sum(const std::vector<uint64_t>& v) {
  uint64_t total = 0;
  for (uint64_t x : v) total += x;
  return total;
}

double rate(uint64_t hits, uint64_t total) {
  return total == 0 ? 0.0 : static_cast<double>(hits) / static_cast<double>(total);
}
}  // namespace

void Metrics::merge(const Metrics& o) {
  for (uint64_t Metrics::*field : {&Metrics::blocks_translated,
                                   &Metrics::blocks_loaded,
                                   &Metrics::guest_insns_translated,
                                   &Metrics::ir_insts,
                                   &Metrics::blocks_optimized,
                                   &Metrics::ir_optimize_ns,
                                   &Metrics::blocks_executed,
                                   &Metrics::block_cache_hits,
                                   &Metrics::slow_path_retries,
                                   &Metrics::slow_path_pcs,
                                   &Metrics::inexact_tracking_pcs,
                                   &Metrics::jit_blocks_compiled,
                                   &Metrics::jit_fallback_blocks,
                                   &Metrics::jit_code_bytes,
                                   &Metrics::jit_compile_ns,
                                   &Metrics::jit_entries,
                                   &Metrics::jit_direct_exits,
                                   &Metrics::jit_direct_exits_to_dispatcher,
                                   &Metrics::jit_chained_links,
                                   &Metrics::jit_inline_cache_links,
                                   &Metrics::jit_jump_cache_hits,
                                   &Metrics::jit_jump_cache_misses,
                                   &Metrics::jit_blocks_invalidated,
                                   &Metrics::jit_code_flushes,
                                   &Metrics::gc_reclaimed_code_bytes,
                                   &Metrics::gc_freed_blocks,
                                   &Metrics::threads})
    this->*field += o.*field;
  translation_ns.insert(translation_ns.end(), o.translation_ns.begin(), o.translation_ns.end());
  gc_pause_ns.insert(gc_pause_ns.end(), o.gc_pause_ns.begin(), o.gc_pause_ns.end());
}

std::string Metrics::jit_json() const {
  const uint64_t chained = jit_direct_exits > jit_direct_exits_to_dispatcher
                               ? jit_direct_exits - jit_direct_exits_to_dispatcher
                               : 0;
  return fmt::format(
      ", \"jit\": {{\"blocks_compiled\": {}, \"fallback_blocks\": {}, \"code_bytes\": {}, "
      "\"compile_ns\": {}, \"entries\": {}, \"direct_exits\": {}, \"chained_links\": {}, "
      "\"inline_cache_links\": {}, "
      "\"chain_hit_rate\": {:.4f}, \"jump_cache_hits\": {}, \"jump_cache_misses\": {}, "
      "\"jump_cache_hit_rate\": {:.4f}, \"blocks_invalidated\": {}, \"code_flushes\": {}, "
      "\"gc\": {{\"pauses\": {}, \"pause_ns\": {{\"total\": {}, \"p50\": {}, \"p99\": {}, "
      "\"max\": {}}}, \"freed_blocks\": {}, \"reclaimed_code_bytes\": {}}}}}",
      jit_blocks_compiled, jit_fallback_blocks, jit_code_bytes, jit_compile_ns, jit_entries,
      jit_direct_exits, jit_chained_links, jit_inline_cache_links, rate(chained, jit_direct_exits),
      jit_jump_cache_hits, jit_jump_cache_misses,
      rate(jit_jump_cache_hits, jit_jump_cache_hits + jit_jump_cache_misses),
      jit_blocks_invalidated, jit_code_flushes, gc_pause_ns.size(), sum(gc_pause_ns),
      percentile(gc_pause_ns, 0.5), percentile(gc_pause_ns, 0.99), percentile(gc_pause_ns, 1.0),
      gc_freed_blocks, gc_reclaimed_code_bytes);
}

std::string Metrics::to_json(const std::string& engine, const std::string& guest) const {
  const uint64_t total = sum(translation_ns);
  std::string calls;
  for (const auto& [name, count] : syscalls)
    calls += fmt::format("{}\"{}\": {}", calls.empty() ? "" : ", ", name, count);
  return fmt::format(
      "{{\"engine\": \"{}\", \"guest\": \"{}\", \"blocks_translated\": {}, \"blocks_loaded\": {}, "
      "\"blocks_not_stored\": {}, "
      "\"guest_insns_translated\": {}, \"ir_insts\": {}, \"blocks_executed\": {}, "
      "\"block_cache_hits\": {}, \"slow_path_retries\": {}, \"slow_path_pcs\": {}, "
      "\"inexact_tracking_pcs\": {}, \"threads\": {}, "
      "\"translation_ns\": {{\"total\": {}, \"p50\": {}, \"p99\": {}}}, "
      "\"blocks_optimized\": {}, \"ir_optimize_ns\": {}, "
      "\"syscalls\": {{{}}}{}}}\n",
      engine, guest, blocks_translated, blocks_loaded, blocks_not_stored, guest_insns_translated,
      ir_insts, blocks_executed, block_cache_hits, slow_path_retries, slow_path_pcs,
      inexact_tracking_pcs, threads, total, percentile(translation_ns, 0.5),
      percentile(translation_ns, 0.99), blocks_optimized, ir_optimize_ns, calls,
      engine == "jit" ? jit_json() : std::string());
}

}  // namespace xisa::runtime
