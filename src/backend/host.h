// The backend for the host xisa is built for: the runtime calls backend::host::..., never a
// named host backend directly.
#pragma once

#if defined(__x86_64__)
#include "backend/x86_64/x86_64_backend.h"
namespace xisa::backend {
namespace host = x86_64;
inline constexpr bool kHostHasJit = true;
}  // namespace xisa::backend
#else
// No backend for this host yet: the x86-64 one still builds (asmjit assembles for any host) so
// the runtime compiles, but jit_available() is false and it is never run.
#include "backend/x86_64/x86_64_backend.h"
namespace xisa::backend {
namespace host = x86_64;
inline constexpr bool kHostHasJit = false;
}  // namespace xisa::backend
#endif
