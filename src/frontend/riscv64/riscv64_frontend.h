// RV64 frontend: decodes and lifts a block of guest code.
#pragma once

#include "guest/guest_arch.h"

namespace xisa::riscv64 {

// Parameters of the emulated hart that the guest's kernel interfaces report (riscv_hwprobe).
inline constexpr uint64_t kCacheBlockBytes = 64;          // Zicbom/Zicboz blocks (Zic64b)
inline constexpr uint64_t kTimeFrequencyHz = 10'000'000;  // rdtime's tick rate

class Riscv64Frontend final : public Frontend {
 public:
  using Frontend::translate;
  void translate(uint64_t pc, ir::Block& block, const TranslateOptions& options) override;
};

}  // namespace xisa::riscv64
