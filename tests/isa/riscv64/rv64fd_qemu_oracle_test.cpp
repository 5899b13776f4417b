// Replays F/D cases recorded from qemu-riscv64 (an independent IEEE implementation, softfloat)
// through xisa's frontend and interpreter. qemu_oracle/gen_rv64fd_oracle.py says how a
// recording is made; qemu_oracle/rv64fd_cases.inc holds a selection of one (RMM ties, UF/OF
// cases, a few of every instruction word). rd is f10 or x10; f1, f2, f3 hold a, b, c and x11
// holds a. XISA_RV64FD_ORACLE=cases.txt replays a full recording (its text lines instead).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "rv64_harness.h"

namespace xisa::riscv64::testing {
namespace {

struct OracleCase {
  char dest;  // 'F' or 'X'
  uint32_t word;
  uint64_t a, b, c;
  uint64_t result;
  uint32_t fflags;
};

const OracleCase kRecorded[] = {
#include "qemu_oracle/rv64fd_cases.inc"
};

// The lines "F|X word a b c result fflags" (hex) that the recording program prints.
std::vector<OracleCase> read_recording(const char* path) {
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

TEST(Rv64FdQemuOracle, MatchesRecordedCases) {
  const char* path = std::getenv("XISA_RV64FD_ORACLE");
  const std::vector<OracleCase> cases =
      path ? read_recording(path)
           : std::vector<OracleCase>(std::begin(kRecorded), std::end(kRecorded));
  unsigned mismatches = 0;
  for (const OracleCase& c : cases) {
    Rv64Harness h;
    h.state.f[1] = c.a;
    h.state.f[2] = c.b;
    h.state.f[3] = c.c;
    h.state.x[11] = c.a;
    const interp::BlockExit exit = h.run({c.word});
    const uint64_t got = c.dest == 'F' ? h.state.f[10] : h.state.x[10];
    const bool ran = exit.pc == h.code_addr() + 4;
    if ((got != c.result || h.state.fflags != c.fflags || !ran) && ++mismatches <= 40) {
      ADD_FAILURE() << std::hex << "word " << c.word << " a " << c.a << " b " << c.b << " c " << c.c
                    << ": qemu " << c.result << " fflags " << c.fflags << ", xisa " << got
                    << " fflags " << h.state.fflags << (ran ? "" : " (trapped)");
    }
  }
  EXPECT_EQ(mismatches, 0u) << "of " << cases.size() << " cases";
  EXPECT_GT(cases.size(), 1000u);
}

}  // namespace
}  // namespace xisa::riscv64::testing
