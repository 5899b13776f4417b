// Replays recorded FP cases ({rd file, instruction word, a, b, c, result, fflags}) through
// xisa's frontend and interpreter: f1, f2, f3 hold a, b, c and x11 holds a; rd is f10 or x10.
// Shared by the oracle tests of F/D (qemu-recorded), Zfh (qemu-recorded) and Zfa (reference).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "rv64_harness.h"

namespace xisa::riscv64::testing {

struct OracleCase {
  char dest;  // 'F' or 'X'
  uint32_t word;
  uint64_t a, b, c;
  uint64_t result;
  uint32_t fflags;
};

// The lines "F|X word a b c result fflags" (hex) that a recording program prints.
inline std::vector<OracleCase> read_recording(const char* path) {
  std::vector<OracleCase> cases;
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    OracleCase c{};
    fields >> c.dest >> std::hex >> c.word >> c.a >> c.b >> c.c >> c.result >> c.fflags;
    if (fields) cases.push_back(c);
  }
  return cases;
}

// The stored selection, or the whole recording the environment variable names.
inline std::vector<OracleCase> recorded_or_from_env(std::span<const OracleCase> stored,
                                                    const char* env_var) {
  const char* path = std::getenv(env_var);
  return path ? read_recording(path) : std::vector<OracleCase>(stored.begin(), stored.end());
}

// preset_fflags: fflags before each case; the recordings start from 0, so with NX preset the
// expected flags are the recorded ones plus NX. Returns the number of mismatches (the first 40
// are reported as failures).
inline unsigned replay_fp_cases(std::span<const OracleCase> cases, uint32_t preset_fflags) {
  unsigned mismatches = 0;
  for (const OracleCase& c : cases) {
    Rv64Harness h;
    h.state.f[1] = c.a;
    h.state.f[2] = c.b;
    h.state.f[3] = c.c;
    h.state.x[11] = c.a;
    h.state.fflags = preset_fflags;
    const interp::BlockExit exit = h.run({c.word});
    const uint64_t got = c.dest == 'F' ? h.state.f[10] : h.state.x[10];
    const bool ran = exit.pc == h.code_addr() + 4;
    const uint32_t want_fflags = c.fflags | preset_fflags;
    if ((got != c.result || h.state.fflags != want_fflags || !ran) && ++mismatches <= 40) {
      ADD_FAILURE() << std::hex << "word " << c.word << " a " << c.a << " b " << c.b << " c " << c.c
                    << ": expected " << c.result << " fflags " << want_fflags << ", xisa " << got
                    << " fflags " << h.state.fflags << (ran ? "" : " (trapped)");
    }
  }
  return mismatches;
}

}  // namespace xisa::riscv64::testing
