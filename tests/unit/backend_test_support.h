// Shared pieces of the JIT backend tests: a fake guest state, a block source that serves
// hand-built or generated IR blocks by pc, and a JIT engine over them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>

#include "guest/cpu_header.h"
#include "ir/block.h"
#include "runtime/code_change_log.h"
#include "runtime/engine.h"
#include "runtime/engine_code_pages.h"
#include "runtime/engine_jit.h"

namespace xisa::backend_test {

// Options for tests of compiled code: every block is compiled on its first run.
inline Options compile_on_first_run() {
  Options options;
  options.jit_compile_after = 1;
  return options;
}

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
  // As the dispatcher does: a block's code pages are watched once it is handed out.
  const ir::Block& block_at(uint64_t pc) override {
    const ir::Block& b = *blocks.at(pc);
    if (code_pages) code_pages->protect(b.guest_pc, b.guest_end);
    return b;
  }
  runtime::CodePageGuard* code_pages = nullptr;
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

// watch_code_writes: a code-page guard as the process runtime has for x86-64 guests; its
// notifications raise the code-change request on `watched` (the state the test runs).
// compile_after: Options::jit_compile_after.
struct JitFixture {
  explicit JitFixture(bool watch_code_writes = false, unsigned compile_after = 1) {
    options.stats = true;
    options.jit_compile_after = compile_after;
    if (watch_code_writes)
      code_pages = std::make_unique<runtime::CodePageGuard>(changes, notify, this);
    source.code_pages = code_pages.get();
    engine = std::make_unique<runtime::JitEngine>(source, options, metrics, code_pages.get());
  }
  // From here on, compile as for an x86-64 guest on a weakly ordered host (CompileConfig::tso).
  void keep_tso() {
    auto shared = std::make_shared<runtime::SharedJitCode>(options, nullptr, nullptr);
    shared->set_tso(true);
    engine = std::make_unique<runtime::JitEngine>(source, options, metrics, code_pages.get(),
                                                  std::move(shared));
  }
  // What the dispatcher does at a block boundary with a code-change request.
  void drop_changed_code() {
    changes.read_since(&changes_seen,
                       [&](uint64_t lo, uint64_t hi) { engine->invalidate(lo, hi); });
  }
  static void notify(void* self) {
    auto* f = static_cast<JitFixture*>(self);
    if (f->watched) raise_exit_request(*f->watched, kExitRequestCodeChange);
  }
  MapSource source;
  Options options;
  runtime::Metrics metrics;
  runtime::CodeChangeLog changes;
  uint64_t changes_seen = 0;
  CpuHeader* watched = nullptr;
  std::unique_ptr<runtime::CodePageGuard> code_pages;
  std::unique_ptr<runtime::JitEngine> engine;
};

}  // namespace xisa::backend_test
