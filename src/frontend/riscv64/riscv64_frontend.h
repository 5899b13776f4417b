// RV64GC frontend: decodes and lifts a block of guest code.
#pragma once

#include "guest/guest_arch.h"

namespace xisa::riscv64 {

class Riscv64Frontend final : public Frontend {
 public:
  using Frontend::translate;
  void translate(uint64_t pc, ir::Block& block, const TranslateOptions& options) override;
};

}  // namespace xisa::riscv64
