// Placing assembled code into executable memory (place.h).
#include "backend/asmjit_common/place.h"

namespace xisa::backend::asmjit_common {

const uint8_t* place(asmjit::CodeHolder& code, const CodeAllocator& alloc, std::string* why,
                     uint32_t* reserved) {
  if (code.flatten() != asmjit::kErrorOk || code.resolveUnresolvedLinks() != asmjit::kErrorOk) {
    *why = "asmjit could not lay out the code";
    return nullptr;
  }
  const size_t size = code.codeSize();
  auto [rw, rx] = alloc(size);
  if (!rw) {
    *why = "code cache full";
    return nullptr;
  }
  if (reserved) *reserved = static_cast<uint32_t>(size);
  if (code.relocateToBase(reinterpret_cast<uint64_t>(rx)) != asmjit::kErrorOk ||
      code.codeSize() > size) {
    *why = "asmjit could not relocate the code";
    return nullptr;
  }
  code.copyFlattenedData(rw, size, asmjit::CopySectionFlags::kPadSectionBuffer);
  return rx;
}

}  // namespace xisa::backend::asmjit_common
