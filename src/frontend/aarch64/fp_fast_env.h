// The A64 FP fast path's environment (frontend/common/fp_fast_path.h), for the scalar and the
// Advanced SIMD translators.
#pragma once

#include "frontend/aarch64/lifter.h"
#include "frontend/common/fp_fast_path.h"

namespace xisa::aarch64 {

// FPCR rounds to nearest (RMode 22-23 = 0) without flushing (FZ, 24); trap enables read as
// zero. The fast path raises FPSR.IXC (kFpsrInexact).
ir::Value fast_env(Lifter& l);
extern const frontend::InexactFlag kFpsrInexact;

}  // namespace xisa::aarch64
