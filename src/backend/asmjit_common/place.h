// What the asmjit-based backends (x86-64, AArch64) share around the Assembler: keeping its
// first error, and placing finished code into executable memory.
#pragma once

#include <asmjit/core.h>

#include <string>

#include "backend/backend.h"

namespace xisa::backend::asmjit_common {

// Keeps asmjit's first error instead of letting the Assembler go on silently.
class RecordError : public asmjit::ErrorHandler {
 public:
  void handleError(asmjit::Error err, const char* message, asmjit::BaseEmitter*) override {
    if (error == asmjit::kErrorOk) {
      error = err;
      text = message;
    }
  }
  asmjit::Error error = asmjit::kErrorOk;
  std::string text;
};

// Resolves, relocates to the final address and copies the code through its rw view. Returns
// the executable address or nullptr (and why); *reserved: the bytes allocated (relocation may
// shrink the code). The caller makes the bytes visible to instruction fetch where the host
// needs it.
const uint8_t* place(asmjit::CodeHolder& code, const CodeAllocator& alloc, std::string* why,
                     uint32_t* reserved = nullptr);

}  // namespace xisa::backend::asmjit_common
