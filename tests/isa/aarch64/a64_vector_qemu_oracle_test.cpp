// Replays vector instructions recorded from qemu-aarch64 7.2 -cpu max
// (qemu_oracle/gen_a64_vector_oracle.py) through xisa's frontend and interpreter, for the
// extensions Unicorn 2.0.1 does not implement: FEAT_I8MM (SMMLA, UMMLA, USMMLA, USDOT, SUDOT) and
// FEAT_BF16 (BFCVT, BFCVTN, BFDOT, BFMMLA, BFMLALB/T), and FEAT_FP16 words where it is wrong
// (FCMLA by element) or as a cross-check of the Unicorn diff, under random FPCR (FZ16 too),
// FPSR flags compared.
// Vd = v0, Vn = v1, Vm = v2. The JIT is held to the interpreter on the same instructions by
// tests/diff (guest_jit_vs_interp, aarch64_qemu_oracle_cases.inc).
#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <span>

#include "a64_harness.h"

namespace xisa::aarch64::testing {
namespace {

struct VectorCase {
  uint32_t word;
  uint64_t fpcr, d_lo, d_hi, n_lo, n_hi, m_lo, m_hi, r_lo, r_hi, fpsr;
};

const VectorCase kI8mm[] = {
#include "qemu_oracle/a64_i8mm_cases.inc"
};
const VectorCase kBf16[] = {
#include "qemu_oracle/a64_bf16_cases.inc"
};
const VectorCase kFp16[] = {
#include "qemu_oracle/a64_fp16_cases.inc"
};

// Replays the cases; returns how many instruction words they cover.
size_t replay(std::span<const VectorCase> cases) {
  unsigned mismatches = 0;
  std::set<uint32_t> words;
  A64Harness h;
  for (const VectorCase& c : cases) {
    words.insert(c.word);
    h.state = Aarch64State{};
    h.state.fpcr = static_cast<uint32_t>(c.fpcr);
    h.state.v[0] = {c.d_lo, c.d_hi};
    h.state.v[1] = {c.n_lo, c.n_hi};
    h.state.v[2] = {c.m_lo, c.m_hi};
    const interp::BlockExit exit = h.run({c.word});
    const bool ran = exit.pc == h.code_addr() + 4 && h.last_ir_error.empty();
    if ((h.state.v[0].lo != c.r_lo || h.state.v[0].hi != c.r_hi || h.state.fpsr != c.fpsr ||
         !ran) &&
        ++mismatches <= 20)
      ADD_FAILURE() << std::hex << "word " << c.word << " fpcr " << c.fpcr << " d " << c.d_hi << ":"
                    << c.d_lo << " n " << c.n_hi << ":" << c.n_lo << " m " << c.m_hi << ":"
                    << c.m_lo << ": qemu " << c.r_hi << ":" << c.r_lo << " fpsr " << c.fpsr
                    << ", xisa " << h.state.v[0].hi << ":" << h.state.v[0].lo << " fpsr "
                    << h.state.fpsr << (ran ? "" : " (trapped or bad IR)");
  }
  EXPECT_EQ(mismatches, 0u) << "of " << cases.size() << " cases";
  return words.size();
}

TEST(A64VectorQemuOracle, I8mmMatchesRecordedCases) {
  EXPECT_EQ(replay(kI8mm), 11u);
}

TEST(A64VectorQemuOracle, Bf16MatchesRecordedCases) {
  EXPECT_EQ(replay(kBf16), 12u);
}

TEST(A64VectorQemuOracle, Fp16MatchesRecordedCases) {
  EXPECT_EQ(replay(kFp16), 12u);
}

}  // namespace
}  // namespace xisa::aarch64::testing
