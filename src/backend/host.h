// The backend for the host xisa is built for: the runtime calls backend::host::..., never a
// named host backend directly.
#pragma once

#if defined(__x86_64__)
#include "backend/x86_64/x86_64_backend.h"
namespace xisa::backend {
namespace host = x86_64;
inline constexpr bool kHostHasJit = true;
}  // namespace xisa::backend
#elif defined(__aarch64__)
#include "backend/aarch64/aarch64_backend.h"
namespace xisa::backend {
namespace host = aarch64;
inline constexpr bool kHostHasJit = true;
}  // namespace xisa::backend
#elif defined(__riscv) && __riscv_xlen == 64
#include "backend/riscv64/riscv64_backend.h"
namespace xisa::backend {
namespace host = riscv64;
inline constexpr bool kHostHasJit = true;
}  // namespace xisa::backend
#else
// Other hosts run every guest in the interpreter.
#include "backend/no_jit/no_jit_backend.h"
namespace xisa::backend {
namespace host = no_jit;
inline constexpr bool kHostHasJit = false;
}  // namespace xisa::backend
#endif
