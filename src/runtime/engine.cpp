// Engine selection and the interpreter engine.
#include "runtime/engine.h"

#include <fmt/format.h>

#include "backend/host.h"
#include "common/error.h"
#include "guest/cpu_header.h"
#include "runtime/engine_jit.h"

namespace xisa::runtime {

namespace {

// Runs one IR block per call with the interpreter.
class InterpEngine final : public Engine {
 public:
  InterpEngine(BlockSource& source, Metrics& metrics) : source_(source), metrics_(metrics) {}
  const char* name() const override { return "interp"; }
  interp::BlockExit run(void* state) override {
    auto* header = static_cast<CpuHeader*>(state);
    const uint64_t pc = header->pc;
    const ir::Block& block = source_.block_at(pc);
    header->pc = pc;
    ++metrics_.blocks_executed;
    const bool flushes_code = block.flushes_code;
    const interp::BlockExit exit = interp::run_block(block, state);
    // fence.i / IC IVAU: code may have changed anywhere. `block` is not used after this.
    if (flushes_code) source_.forget(0, ~uint64_t{0});
    return exit;
  }
  void invalidate(uint64_t lo, uint64_t hi) override { source_.forget(lo, hi); }

 private:
  BlockSource& source_;
  Metrics& metrics_;
};

}  // namespace

bool jit_available() {
  return backend::kHostHasJit;
}

EngineKind resolve_engine(EngineKind kind) {
  if (kind != EngineKind::Auto) return kind;
  return jit_available() ? EngineKind::Jit : EngineKind::Interp;
}

const char* engine_name(EngineKind kind) {
  switch (kind) {
    case EngineKind::Auto:
      return "auto";
    case EngineKind::Interp:
      return "interp";
    case EngineKind::Jit:
      return "jit";
    case EngineKind::Kvm:
      return "kvm";
  }
  return "?";
}

std::unique_ptr<Engine> make_engine(EngineKind kind, BlockSource& source, const Options& options,
                                    Metrics& metrics, bool watch_code_writes) {
  switch (resolve_engine(kind)) {
    case EngineKind::Interp:
      return std::make_unique<InterpEngine>(source, metrics);
    case EngineKind::Jit:
      if (!jit_available()) throw Error("--engine jit: no JIT backend for this host yet");
      return std::make_unique<JitEngine>(source, options, metrics, watch_code_writes);
    default:
      break;
  }
  throw Error(
      fmt::format("--engine {} is not available yet; use --engine interp", engine_name(kind)));
}

}  // namespace xisa::runtime
