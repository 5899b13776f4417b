// Shared pieces of the JIT backend tests: a fake guest state, a block source that serves
// hand-built or generated IR blocks by pc, and a JIT engine over them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>

#include "guest/cpu_header.h"
#include "ir/block.h"
#include "runtime/engine.h"
#include "runtime/engine_jit.h"

namespace xisa::backend_test {

// Not any guest's: sixteen 64-bit registers and four 128-bit ones, as the backend sees state.
struct FakeState {
  CpuHeader header;
  uint64_t r[16];
  alignas(16) uint64_t v[8];  // four 128-bit registers
  uint64_t trips;             // a loop counter random code never touches
};
constexpr uint32_t reg(unsigned i) {
  return static_cast<uint32_t>(offsetof(FakeState, r) + 8 * i);
}
constexpr uint32_t vreg(unsigned i) {
  return static_cast<uint32_t>(offsetof(FakeState, v) + 16 * i);
}
constexpr uint32_t kTrips = static_cast<uint32_t>(offsetof(FakeState, trips));

class MapSource final : public runtime::BlockSource {
 public:
  const ir::Block& block_at(uint64_t pc) override { return *blocks.at(pc); }
  void forget(uint64_t lo, uint64_t hi) override { forgotten.emplace_back(lo, hi); }
  ir::Block& add(uint64_t pc) {
    auto& b = blocks[pc];
    b = std::make_unique<ir::Block>();
    b->guest_pc = pc;
    b->guest_end = pc + 4;
    return *b;
  }
  std::map<uint64_t, std::unique_ptr<ir::Block>> blocks;
  std::vector<std::pair<uint64_t, uint64_t>> forgotten;
};

struct JitFixture {
  explicit JitFixture(bool watch_code_writes = false) {
    options.stats = true;
    engine = std::make_unique<runtime::JitEngine>(source, options, metrics, watch_code_writes);
  }
  MapSource source;
  Options options;
  runtime::Metrics metrics;
  std::unique_ptr<runtime::JitEngine> engine;
};

}  // namespace xisa::backend_test
