// Lifting pieces the SSE and AVX floating-point translators share: helper operands, the MXCSR
// test of the guarded fast path (frontend/common/fp_fast_path.h) and lane access.
#pragma once

#include "frontend/common/fp_fast_path.h"
#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

// Operand i as two 64-bit halves for an FP helper (an MMX register fills the low one); memory
// reads only the operand's own size.
void fp_source_halves(Lifter& l, unsigned i, ir::Value& lo, ir::Value& hi);

// i8 1 when MXCSR lets the fast path run: every exception masked, round to nearest, no DAZ/FTZ.
// The flag bits do not matter.
ir::Value mxcsr_allows_fast_path(Lifter& l);
// MXCSR.PE, the inexact flag FpFastPath raises.
extern const frontend::InexactFlag kMxcsrInexact;

// Lane k (lane_bytes wide) of XMM register or memory operand i, as integer bits: what the moves
// use, so values forward.
ir::Value fp_lane_bits(Lifter& l, unsigned i, unsigned k, unsigned lane_bytes);

// Writes the first `lanes` lanes (lane_bytes wide) of XMM operand 0 from f32/f64 values, lane by
// lane as integers: the JIT keeps those in general registers (a v128 lives in a frame slot).
void set_fp_lanes(Lifter& l, const ir::Value* values, unsigned lanes, unsigned lane_bytes);

}  // namespace xisa::x86_64
