// RFLAGS as a whole, for whoever needs it outside translated code (signal frames, ptrace-like
// dumps): the arithmetic flags live in the lazy flag state (frontend/x86_64/flags_formulas.h), DF
// and the user-settable AC/ID bits in their own fields.
#pragma once

#include <cstdint>

#include "frontend/x86_64/flags_formulas.h"
#include "guest/x86_64/x86_64_state.h"

namespace xisa::x86_64 {

inline constexpr uint64_t kRflagsDf = uint64_t{1} << 10;
inline constexpr uint64_t kRflagsUserSettable =
    (uint64_t{1} << 18) | (uint64_t{1} << 21);                                     // AC, ID
inline constexpr uint64_t kRflagsFixed = (uint64_t{1} << 1) | (uint64_t{1} << 9);  // reserved 1, IF

inline uint64_t read_rflags(const X86_64State& s) {
  return compute_eflags(s.cc_op, s.cc_src1, s.cc_src2, s.cc_res) | (s.df ? kRflagsDf : 0) |
         (s.rflags_other & kRflagsUserSettable) | kRflagsFixed;
}

inline void write_rflags(X86_64State& s, uint64_t v) {
  s.cc_op = cc_op_code(CcKind::Eflags, 64);
  s.cc_res = v & kArithFlagsMask;
  s.df = (v & kRflagsDf) ? 1 : 0;
  s.rflags_other = v & kRflagsUserSettable;
}

}  // namespace xisa::x86_64
