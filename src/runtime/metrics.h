// Counters and latencies of one run, printed by --stats as JSON.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace xisa::runtime {

struct Metrics {
  uint64_t blocks_translated = 0;
  uint64_t guest_insns_translated = 0;
  uint64_t ir_insts = 0;
  uint64_t blocks_executed = 0;
  uint64_t block_cache_hits = 0;
  std::vector<uint64_t> translation_ns;  // one entry per block translated
  std::map<std::string, uint64_t> syscalls;

  std::string to_json(const std::string& engine, const std::string& guest) const;
};

}  // namespace xisa::runtime
