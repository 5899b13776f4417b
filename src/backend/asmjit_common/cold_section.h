// Code off a block's hot path (the paths of side exits): a second section, which the
// CodeHolder lays out after the block's main code (place.h flattens the two). A check then
// falls through when it passes, so the hot path takes no branch around its exit code and stays
// dense in the instruction cache.
#pragma once

#include <asmjit/core.h>

#include <cstdint>

namespace xisa::backend::asmjit_common {

class ColdSection {
 public:
  // A failure to make the section reaches the assembler's error handler: the block is refused.
  explicit ColdSection(asmjit::BaseAssembler& as) : as_(as) {
    if (as.code()->newSection(&cold_, ".cold", SIZE_MAX, asmjit::SectionFlags::kExecutable,
                              kAlignment) != asmjit::kErrorOk)
      as.reportError(asmjit::kErrorInvalidSection);
  }

  // Emits body() at `entry` in the cold section, then goes back to the main code. The body
  // must end in a jump: nothing falls out of it. Offsets taken inside (BaseAssembler::offset)
  // are relative to the cold section: record labels there instead.
  template <typename Body>
  void emit(const asmjit::Label& entry, Body&& body) {
    if (!cold_) return;
    as_.section(cold_);
    as_.bind(entry);
    body();
    as_.section(as_.code()->textSection());
  }

 private:
  static constexpr uint32_t kAlignment = 16;  // keeps 4-byte alignments inside it (patch sites)
  asmjit::BaseAssembler& as_;
  asmjit::Section* cold_ = nullptr;
};

}  // namespace xisa::backend::asmjit_common
