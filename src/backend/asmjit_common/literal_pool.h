// 16-byte constants of one block, in a data section the CodeHolder lays out after its code
// (place.h flattens the sections): a vector op reads its constant operand from memory
// (RIP-relative on x86-64) instead of building it in registers from 64-bit immediates.
#pragma once

#include <asmjit/core.h>

#include <cstdint>
#include <vector>

namespace xisa::backend::asmjit_common {

class LiteralPool {
 public:
  explicit LiteralPool(asmjit::BaseAssembler& as) : as_(as) {}

  // The label of the 16 bytes lo, hi (little-endian), one per distinct value.
  asmjit::Label label_of(uint64_t lo, uint64_t hi) {
    for (const Entry& e : entries_)
      if (e.lo == lo && e.hi == hi) return e.label;
    entries_.push_back({lo, hi, as_.newLabel()});
    return entries_.back().label;
  }

  // A label of its own for 16 bytes the code may change later (an inline cache's pc).
  asmjit::Label unique(uint64_t lo, uint64_t hi) {
    entries_.push_back({lo, hi, as_.newLabel()});
    return entries_.back().label;
  }

  // Emits the constants, 16-byte aligned, in their own section; the assembler goes back to the
  // code section. A failure to make the section reaches the assembler's error handler.
  void emit() {
    if (entries_.empty()) return;
    asmjit::Section* data = nullptr;
    if (as_.code()->newSection(&data, ".literals", SIZE_MAX, asmjit::SectionFlags::kNone, 16) !=
        asmjit::kErrorOk) {
      as_.reportError(asmjit::kErrorInvalidSection);
      return;
    }
    as_.section(data);
    for (const Entry& e : entries_) {
      as_.bind(e.label);
      as_.embed(&e.lo, 8);
      as_.embed(&e.hi, 8);
    }
    as_.section(as_.code()->textSection());
  }

 private:
  struct Entry {
    uint64_t lo, hi;
    asmjit::Label label;
  };
  asmjit::BaseAssembler& as_;
  std::vector<Entry> entries_;
};

}  // namespace xisa::backend::asmjit_common
