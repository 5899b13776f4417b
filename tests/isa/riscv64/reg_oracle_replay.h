// Replays recorded integer cases ({instruction word, rs1, rs2, rd}) through xisa's frontend and
// interpreter: rs1 = x11, rs2 = x12, rd = x10. Shared by the oracle tests of the bit-manipulation
// and scalar crypto extensions (qemu-recorded).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <span>

#include "rv64_harness.h"

namespace xisa::riscv64::testing {

struct RegCase {
  uint32_t word;
  uint64_t rs1, rs2, rd;
};

// The number of mismatches (the first 40 reported as failures).
inline unsigned replay_reg_cases(std::span<const RegCase> cases) {
  unsigned mismatches = 0;
  for (const RegCase& c : cases) {
    Rv64Harness h;
    h.state.x[11] = c.rs1;
    h.state.x[12] = c.rs2;
    const interp::BlockExit exit = h.run({c.word});
    const bool ran = exit.pc == h.code_addr() + 4 && h.last_ir_error.empty();
    if ((h.state.x[10] != c.rd || !ran) && ++mismatches <= 40) {
      ADD_FAILURE() << std::hex << "word " << c.word << " rs1 " << c.rs1 << " rs2 " << c.rs2
                    << ": qemu " << c.rd << ", xisa " << h.state.x[10]
                    << (ran ? "" : " (trapped or bad IR)");
    }
  }
  return mismatches;
}

inline size_t distinct_words(std::span<const RegCase> cases) {
  std::set<uint32_t> words;
  for (const RegCase& c : cases) words.insert(c.word);
  return words.size();
}

}  // namespace xisa::riscv64::testing
