// x86-64 frontend: decodes guest code with Zydis and lifts a block of it to IR.
#pragma once

#include <Zydis/Zydis.h>

#include "guest/guest_arch.h"

namespace xisa::x86_64 {

class X86_64Frontend final : public Frontend {
 public:
  X86_64Frontend();
  using Frontend::translate;
  void translate(uint64_t pc, ir::Block& block, const TranslateOptions& options) override;

 private:
  ZydisDecoder decoder_;
};

}  // namespace xisa::x86_64
