// What the FP helper files share: rounding-mode resolution and the per-file helper lookups
// that fp_helpers.cpp assembles into the named helper tables.
#pragma once

#include <cstdint>

#include "frontend/riscv64/fp_format.h"
#include "frontend/riscv64/fp_helpers.h"
#include "guest/riscv64/riscv64_state.h"

namespace xisa::riscv64::fp {

inline Riscv64State& state_of(void* state) {
  return *static_cast<Riscv64State*>(state);
}

// The rounding mode an instruction uses: its rm field, or frm for 7. A reserved frm value
// rounds to nearest-even (see fp_helpers.h: the spec's illegal instruction needs an IR trap).
inline unsigned resolve_rm(const Riscv64State& s, uint64_t rm_field) {
  const unsigned rm = rm_field == kDyn ? (s.frm & 7u) : static_cast<unsigned>(rm_field);
  return rm <= kRmm ? rm : kRne;
}

// The function behind op for format T, or nullptr when the file does not implement op.
template <typename T>
ir::HelperFn arith_helper_fn(FpOp op);  // fp_arith_fenv.cpp
template <typename T>
ir::HelperFn convert_helper_fn(FpOp op);  // fp_convert_fenv.cpp
template <typename T>
ir::HelperFn widen_half_helper_fn(FpOp op);  // fp_half_fenv.cpp: FromHalf

}  // namespace xisa::riscv64::fp
