// AArch64 (A64) frontend: decodes and lifts a block of guest code.
#pragma once

#include "guest/guest_arch.h"

namespace xisa::aarch64 {

class Aarch64Frontend final : public Frontend {
 public:
  void translate(uint64_t pc, ir::Block& block) override;
};

}  // namespace xisa::aarch64
