// AArch64 (A64) frontend: decodes and lifts a block of guest code.
#pragma once

#include "guest/guest_arch.h"

namespace xisa::aarch64 {

class Aarch64Frontend final : public Frontend {
 public:
  using Frontend::translate;
  void translate(uint64_t pc, ir::Block& block, const TranslateOptions& options) override;
};

}  // namespace xisa::aarch64
