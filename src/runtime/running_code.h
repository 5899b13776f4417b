// The guest code the current thread runs a translation of, for the write-fault handler of
// self-modifying code (engine_code_pages.h): a guest store into the block that is running may
// rewrite an instruction after it, which that translation already holds. Such a store is not
// retried in place: the instruction runs again alone and the block ends after it, so the rest
// is translated from the new bytes. Engines set the range before running code.
#pragma once

#include <cstdint>

namespace xisa::runtime {

struct CodeRange {
  uint64_t lo = 0, hi = 0;  // [lo, hi)
  bool contains(uint64_t address) const { return address >= lo && address < hi; }
};
// Any code may be running (JIT code chains blocks without the engine seeing them).
inline constexpr CodeRange kAnyCode{0, ~uint64_t{0}};
// One instruction alone: nothing after it in the same translation.
inline constexpr CodeRange kNoLaterCode{0, 0};

inline thread_local CodeRange t_running_code = kAnyCode;

}  // namespace xisa::runtime
