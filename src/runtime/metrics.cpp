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
}  // namespace

std::string Metrics::to_json(const std::string& engine, const std::string& guest) const {
  uint64_t total = 0;
  for (uint64_t t : translation_ns) total += t;
  std::string calls;
  for (const auto& [name, count] : syscalls)
    calls += fmt::format("{}\"{}\": {}", calls.empty() ? "" : ", ", name, count);
  return fmt::format(
      "{{\"engine\": \"{}\", \"guest\": \"{}\", \"blocks_translated\": {}, "
      "\"guest_insns_translated\": {}, \"ir_insts\": {}, \"blocks_executed\": {}, "
      "\"block_cache_hits\": {}, \"translation_ns\": {{\"total\": {}, \"p50\": {}, \"p99\": {}}}, "
      "\"syscalls\": {{{}}}}}\n",
      engine, guest, blocks_translated, guest_insns_translated, ir_insts, blocks_executed,
      block_cache_hits, total, percentile(translation_ns, 0.5), percentile(translation_ns, 0.99),
      calls);
}

}  // namespace xisa::runtime
