// V floating point on the IR path (VFAdd ... VFMulAdd, VFWidenLo behind FpFastPath's guard)
// against the whole-instruction helpers that the qemu recordings check (rvv_qemu_oracle_test):
// random normal operands, where the guard holds and the fast path must give the same registers
// and flags, and operands that must send the instruction back to the helpers (NaN, infinity,
// a tiny product, an unboxed single, frm not RNE, NX clear).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "common/host_fp_env.h"
#include "rv64_harness.h"

namespace xisa::riscv64::testing {
namespace {

constexpr uint32_t kVsetvlX5X13X14 =
    (0x40u << 25) | (14 << 20) | (13 << 15) | (7 << 12) | (5 << 7) | 0x57;

uint32_t vsetvli_x5_x0(uint64_t vtype) {  // vl = VLMAX, known when translated
  return static_cast<uint32_t>(vtype << 20) | (7 << 12) | (5 << 7) | 0x57;
}
// OPFVV (funct3 1) or OPFVF (funct3 5), unmasked: vd = v8, vs2 = v16, vs1 = v24 or f11.
uint32_t opf(unsigned funct6, bool scalar, unsigned vs1 = 24) {
  return funct6 << 26 | 1u << 25 | 16u << 20 | (scalar ? 11u : vs1) << 15 |
         (scalar ? 5u : 1u) << 12 | 8u << 7 | 0x57;
}

struct Input {
  double scale = 1;      // operand magnitudes: 2^[-scale*8, scale*8]
  uint64_t special = 0;  // when nonzero, lane 1 of v16 holds this bit pattern
  bool nx = true;        // fflags.NX preset
  unsigned frm = 0;
  bool boxed = true;  // f11 NaN-boxed (singles)
};

void fill(Riscv64State& s, unsigned sew, const Input& in, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> mag(-8 * in.scale, 8 * in.scale);
  auto value = [&]() {
    const double v = std::exp2(mag(rng)) * ((rng() & 1) ? -1 : 1);
    if (sew == 64) return std::bit_cast<uint64_t>(v);
    return uint64_t{std::bit_cast<uint32_t>(static_cast<float>(v))};
  };
  auto* lanes = reinterpret_cast<uint8_t*>(s.v);
  for (unsigned i = 0; i < sizeof s.v / (sew / 8); ++i) {
    const uint64_t v = value();
    std::memcpy(lanes + i * (sew / 8), &v, sew / 8);
  }
  if (in.special) std::memcpy(lanes + 16 * 16 + sew / 8, &in.special, sew / 8);
  const uint64_t f = value();
  s.f[11] = sew == 64 ? f : (in.boxed ? 0xffffffff00000000ull : 0) | f;
  s.fflags = in.nx ? 1 : 0;
  s.frm = in.frm;
}

struct Outcome {
  std::vector<uint8_t> v;
  uint32_t fflags;
};

// Runs word under vtype on the IR path (vl = VLMAX from vsetvli x5, x0) or on the helpers
// (vsetvl from registers leaves the IR path no vtype).
Outcome run(uint32_t word, uint64_t vtype, unsigned sew, const Input& in, uint64_t seed,
            bool ir_path, bool* fast, bool* retried) {
  Rv64Harness h;
  std::mt19937_64 rng(seed);
  fill(h.state, sew, in, rng);
  h.state.x[13] = ~uint64_t{0};
  h.state.x[14] = vtype;
  h.run({ir_path ? vsetvli_x5_x0(vtype) : kVsetvlX5X13X14, word});
  if (fast) {
    *fast = h.ops_seen.count(ir::Opcode::VFAdd) + h.ops_seen.count(ir::Opcode::VFSub) +
                h.ops_seen.count(ir::Opcode::VFMul) + h.ops_seen.count(ir::Opcode::VFMulAdd) +
                h.ops_seen.count(ir::Opcode::VFWidenLo) !=
            0;
    *retried = h.slow_path_retries != 0;
  }
  const auto* bytes = reinterpret_cast<const uint8_t*>(h.state.v);
  return {std::vector<uint8_t>(bytes, bytes + sizeof h.state.v), h.state.fflags};
}

struct Word {
  const char* name;
  uint32_t word;
};

std::vector<Word> arithmetic_words() {
  std::vector<Word> w = {{"vfadd.vv", opf(000, false)}, {"vfadd.vf", opf(000, true)},
                         {"vfsub.vv", opf(002, false)}, {"vfsub.vf", opf(002, true)},
                         {"vfrsub.vf", opf(047, true)}, {"vfmul.vv", opf(044, false)},
                         {"vfmul.vf", opf(044, true)}};
  static const char* const kFused[] = {"vfmadd", "vfnmadd", "vfmsub", "vfnmsub",
                                       "vfmacc", "vfnmacc", "vfmsac", "vfnmsac"};
  for (unsigned k = 0; k < 8; ++k) {
    w.push_back({kFused[k], opf(050 + k, false)});
    w.push_back({kFused[k], opf(050 + k, true)});
  }
  return w;
}

// vtype: SEW 32 or 64, LMUL 1 or 2, ta ma.
uint64_t vtype_of(unsigned sew, unsigned lmul_log2) {
  return 0xc0 | (sew == 64 ? 3u : 2u) << 3 | lmul_log2;
}

void expect_same(uint32_t word, uint64_t vtype, unsigned sew, const Input& in, bool want_fast,
                 const char* name) {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    bool fast = false, retried = false;
    const Outcome ir = run(word, vtype, sew, in, seed, true, &fast, &retried);
    const Outcome helper = run(word, vtype, sew, in, seed, false, nullptr, nullptr);
    ASSERT_EQ(ir.v, helper.v) << name << " vtype 0x" << std::hex << vtype << " seed " << seed;
    ASSERT_EQ(ir.fflags, helper.fflags) << name << " vtype 0x" << std::hex << vtype;
    ASSERT_TRUE(fast) << name << ": not lifted to vector FP IR";
    // Normal operands stay on the fast path; the others must have gone back to the helpers.
    if (want_fast)
      ASSERT_FALSE(retried) << name << " seed " << seed << ": left the fast path";
    else
      ASSERT_TRUE(retried) << name << " seed " << seed << ": stayed on the fast path";
  }
}

TEST(RvvFpFastPath, NormalOperandsMatchTheHelpersWithoutLeaving) {
  for (const unsigned sew : {32u, 64u})
    for (const unsigned lmul : {0u, 1u})
      for (const Word& w : arithmetic_words())
        expect_same(w.word, vtype_of(sew, lmul), sew, Input{}, true, w.name);
}

constexpr bool kLazy = host_fp::kLazyExceptions;

TEST(RvvFpFastPath, EdgeOperandsGoBackToTheHelpers) {
  const uint64_t nan32 = 0x7fc00001, inf32 = 0x7f800000, nan64 = 0x7ff8000000000001ull,
                 inf64 = 0x7ff0000000000000ull;
  for (const unsigned sew : {32u, 64u}) {
    const uint64_t vtype = vtype_of(sew, 0);
    for (const Word& w : arithmetic_words()) {
      expect_same(w.word, vtype, sew, Input{1, sew == 64 ? nan64 : nan32}, false, w.name);
      // An infinite operand raises nothing: where the host keeps FP exceptions for the guest
      // (ADR 0012) only a NaN result leaves the fast path.
      expect_same(w.word, vtype, sew, Input{1, sew == 64 ? inf64 : inf32}, kLazy, w.name);
      // NX clear: the host's inexact flag is accrued like the others where it keeps them.
      expect_same(w.word, vtype, sew, Input{1, 0, false}, kLazy, w.name);
      expect_same(w.word, vtype, sew, Input{1, 0, true, 1}, false, w.name);  // RTZ
    }
  }
  // A product with the smallest subnormal is tiny (a fused result near the addend is not): UF,
  // raised by the host where it keeps FP exceptions for the guest, else by the helper.
  for (const unsigned sew : {32u, 64u})
    for (const Word& w : arithmetic_words())
      if (std::string(w.name).find("vfmul") == 0)
        expect_same(w.word, vtype_of(sew, 0), sew, Input{1, 1}, kLazy, w.name);
  // An unboxed f11 reads as the canonical NaN.
  expect_same(opf(000, true), vtype_of(32, 0), 32, Input{1, 0, true, 0, false}, false, "vfadd.vf");
}

TEST(RvvFpFastPath, WideningConversionMatchesTheHelpers) {
  const uint32_t vfwcvt =
      022u << 26 | 1u << 25 | 16u << 20 | 014u << 15 | 1u << 12 | 8u << 7 | 0x57;
  for (const uint64_t vtype : {0xc0 | 2u << 3 | 7u, 0xc0 | 2u << 3, 0xc0 | 2u << 3 | 1u})
    expect_same(vfwcvt, vtype, 32, Input{}, true, "vfwcvt.f.f.v");
  expect_same(vfwcvt, 0xc0 | 2u << 3, 32, Input{1, 0x7f800001}, false, "vfwcvt.f.f.v sNaN");
}

}  // namespace
}  // namespace xisa::riscv64::testing
