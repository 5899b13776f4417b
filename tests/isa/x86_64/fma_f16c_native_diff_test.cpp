// FMA3, F16C and the AVX compare predicates against the host CPU, under the interpreter and the
// JIT, in the AVX snippet frame (avx_snippet.h): all sixteen YMM registers and MXCSR loaded
// from a random image, the body run, every YMM register and MXCSR compared bit for bit. The
// inputs stress the exact paths: quiet and signalling NaNs, infinities, zeros, subnormals,
// products that overflow or underflow, and MXCSR in every rounding mode with and without DAZ
// and FTZ; trials with PE already raised in the default mode exercise the guarded fast path.
// The native oracle needs an x86-64 host with FMA and F16C; elsewhere these tests skip or are
// not built.
#if defined(__x86_64__)
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "avx_snippet.h"
#include "fp_special_values.h"

namespace xisa::x86_64::testing {
namespace {

#define FMA_CASE(name, body) X86_SNIPPET(fma_##name, AVX_LOAD body AVX_STORE)

// --- FMA3: every mnemonic, 128- and 256-bit, register and memory sources ---
FMA_CASE(packed_single,
         "vfmadd132ps %ymm1, %ymm2, %ymm3\n vfmadd213ps 576(%rdi), %ymm4, %ymm5\n"
         " vfmadd231ps %xmm6, %xmm7, %xmm8\n vfmsub132ps 608(%rdi), %xmm9, %xmm10\n"
         " vfmsub213ps %ymm11, %ymm12, %ymm13\n vfmsub231ps 640(%rdi), %ymm14, %ymm15\n"
         " vfnmadd132ps %ymm0, %ymm1, %ymm2\n vfnmadd213ps %xmm3, %xmm4, %xmm5\n"
         " vfnmadd231ps 672(%rdi), %ymm6, %ymm7\n vfnmsub132ps %ymm8, %ymm9, %ymm10\n"
         " vfnmsub213ps 704(%rdi), %xmm11, %xmm12\n vfnmsub231ps %ymm13, %ymm14, %ymm15")
FMA_CASE(packed_double,
         "vfmadd132pd %ymm1, %ymm2, %ymm3\n vfmadd213pd 576(%rdi), %ymm4, %ymm5\n"
         " vfmadd231pd %xmm6, %xmm7, %xmm8\n vfmsub132pd 608(%rdi), %xmm9, %xmm10\n"
         " vfmsub213pd %ymm11, %ymm12, %ymm13\n vfmsub231pd 640(%rdi), %ymm14, %ymm15\n"
         " vfnmadd132pd %ymm0, %ymm1, %ymm2\n vfnmadd213pd %xmm3, %xmm4, %xmm5\n"
         " vfnmadd231pd 672(%rdi), %ymm6, %ymm7\n vfnmsub132pd %ymm8, %ymm9, %ymm10\n"
         " vfnmsub213pd 704(%rdi), %xmm11, %xmm12\n vfnmsub231pd %ymm13, %ymm14, %ymm15")
FMA_CASE(scalar_single,
         "vfmadd132ss %xmm1, %xmm2, %xmm3\n vfmadd213ss 576(%rdi), %xmm4, %xmm5\n"
         " vfmadd231ss %xmm6, %xmm7, %xmm8\n vfmsub132ss 588(%rdi), %xmm9, %xmm10\n"
         " vfmsub213ss %xmm11, %xmm12, %xmm13\n vfmsub231ss 600(%rdi), %xmm14, %xmm15\n"
         " vfnmadd132ss %xmm0, %xmm1, %xmm2\n vfnmadd213ss %xmm3, %xmm4, %xmm5\n"
         " vfnmadd231ss 612(%rdi), %xmm6, %xmm7\n vfnmsub132ss %xmm8, %xmm9, %xmm10\n"
         " vfnmsub213ss 624(%rdi), %xmm11, %xmm12\n vfnmsub231ss %xmm13, %xmm14, %xmm15")
FMA_CASE(scalar_double,
         "vfmadd132sd %xmm1, %xmm2, %xmm3\n vfmadd213sd 576(%rdi), %xmm4, %xmm5\n"
         " vfmadd231sd %xmm6, %xmm7, %xmm8\n vfmsub132sd 592(%rdi), %xmm9, %xmm10\n"
         " vfmsub213sd %xmm11, %xmm12, %xmm13\n vfmsub231sd 608(%rdi), %xmm14, %xmm15\n"
         " vfnmadd132sd %xmm0, %xmm1, %xmm2\n vfnmadd213sd %xmm3, %xmm4, %xmm5\n"
         " vfnmadd231sd 624(%rdi), %xmm6, %xmm7\n vfnmsub132sd %xmm8, %xmm9, %xmm10\n"
         " vfnmsub213sd 640(%rdi), %xmm11, %xmm12\n vfnmsub231sd %xmm13, %xmm14, %xmm15")
FMA_CASE(alternating,
         "vfmaddsub132ps %ymm1, %ymm2, %ymm3\n vfmaddsub213ps 576(%rdi), %xmm4, %xmm5\n"
         " vfmaddsub231ps %ymm6, %ymm7, %ymm8\n vfmsubadd132ps 608(%rdi), %ymm9, %ymm10\n"
         " vfmsubadd213ps %xmm11, %xmm12, %xmm13\n vfmsubadd231ps %ymm14, %ymm15, %ymm0\n"
         " vfmaddsub132pd %ymm1, %ymm2, %ymm4\n vfmaddsub213pd %xmm6, %xmm7, %xmm9\n"
         " vfmaddsub231pd 640(%rdi), %ymm11, %ymm12\n vfmsubadd132pd %ymm14, %ymm15, %ymm1\n"
         " vfmsubadd213pd 672(%rdi), %ymm2, %ymm3\n vfmsubadd231pd %xmm5, %xmm6, %xmm7")
// The destination as a source too, and a dependent chain as in a dot product.
FMA_CASE(aliasing_and_chains,
         "vfmadd231ps %ymm1, %ymm1, %ymm1\n vfmadd132pd %ymm2, %ymm3, %ymm2\n"
         " vfnmsub213ss %xmm4, %xmm4, %xmm4\n vfmsub231sd %xmm5, %xmm6, %xmm5\n"
         " vfmadd231ps %ymm7, %ymm8, %ymm9\n vfmadd231ps %ymm10, %ymm11, %ymm9\n"
         " vfmadd231ps 576(%rdi), %ymm12, %ymm9\n vfmadd231pd %ymm13, %ymm14, %ymm15\n"
         " vfmadd231pd %ymm15, %ymm14, %ymm15\n vfmaddsub231pd %ymm15, %ymm15, %ymm15")

// --- VCMPPS/VCMPPD/VCMPSS/VCMPSD, predicates 0-31; legacy CMPPS reads only imm8[2:0] ---
FMA_CASE(compare_ps,
         "vcmpps $0, %ymm1, %ymm2, %ymm0\n vcmpps $8, %ymm1, %ymm2, %ymm3\n"
         " vcmpps $9, %ymm4, %ymm5, %ymm6\n vcmpps $10, 576(%rdi), %ymm7, %ymm8\n"
         " vcmpps $11, %xmm9, %xmm10, %xmm11\n vcmpps $12, %ymm12, %ymm13, %ymm14\n"
         " vcmpps $13, %ymm15, %ymm1, %ymm2\n vcmpps $14, %xmm4, %xmm5, %xmm15\n"
         " vcmpps $15, %ymm7, %ymm9, %ymm10\n vcmpps $16, %ymm12, %ymm13, %ymm1\n"
         " vcmpps $17, 608(%rdi), %ymm5, %ymm4\n vcmpps $18, %ymm7, %ymm9, %ymm12\n"
         " vcmpps $19, %ymm13, %ymm5, %ymm7\n vcmpps $20, %ymm9, %ymm13, %ymm11\n"
         " vcmpps $21, %xmm5, %xmm13, %xmm9\n vcmpps $22, %ymm13, %ymm5, %ymm3\n"
         " vcmpps $23, %ymm5, %ymm13, %ymm6\n vcmpps $0xf8, %ymm13, %ymm5, %ymm8")
FMA_CASE(compare_pd,
         "vcmppd $24, %ymm1, %ymm2, %ymm0\n vcmppd $25, %ymm1, %ymm2, %ymm3\n"
         " vcmppd $26, %ymm4, %ymm5, %ymm6\n vcmppd $27, 576(%rdi), %ymm7, %ymm8\n"
         " vcmppd $28, %xmm9, %xmm10, %xmm11\n vcmppd $29, %ymm12, %ymm13, %ymm14\n"
         " vcmppd $30, %ymm15, %ymm1, %ymm2\n vcmppd $31, %xmm4, %xmm5, %xmm15\n"
         " vcmppd $1, %ymm7, %ymm9, %ymm10\n vcmppd $5, %ymm12, %ymm13, %ymm1\n"
         " vcmppd $8, 608(%rdi), %ymm5, %ymm4\n vcmppd $9, %ymm7, %ymm9, %ymm12\n"
         " vcmppd $12, %ymm13, %ymm5, %ymm7\n vcmppd $13, %ymm9, %ymm13, %ymm11\n"
         " vcmppd $16, %xmm5, %xmm13, %xmm9\n vcmppd $20, %ymm13, %ymm5, %ymm3\n"
         " vcmppd $21, %ymm5, %ymm13, %ymm6\n vcmppd $0xe7, %ymm13, %ymm5, %ymm8")
FMA_CASE(compare_scalar_and_legacy,
         "vcmpss $8, %xmm1, %xmm2, %xmm3\n vcmpss $13, 576(%rdi), %xmm4, %xmm5\n"
         " vcmpss $19, %xmm6, %xmm7, %xmm8\n vcmpss $30, %xmm9, %xmm10, %xmm11\n"
         " vcmpsd $10, %xmm12, %xmm13, %xmm14\n vcmpsd $17, 584(%rdi), %xmm15, %xmm0\n"
         " vcmpsd $24, %xmm1, %xmm6, %xmm2\n vcmpsd $31, %xmm9, %xmm12, %xmm4\n"
         " cmpps $8, %xmm1, %xmm7\n cmppd $13, %xmm15, %xmm10\n cmpss $0xf9, %xmm13, %xmm12\n"
         " cmpsd $0x1e, 592(%rdi), %xmm6")

// --- F16C: every rounding immediate (imm8[2] takes MXCSR.RC; imm8[7:3] ignored) ---
FMA_CASE(f16c,
         "vcvtph2ps %xmm1, %xmm2\n vcvtph2ps 576(%rdi), %ymm3\n vcvtph2ps %xmm4, %ymm5\n"
         " vcvtph2ps 592(%rdi), %xmm6\n vcvtps2ph $0, %ymm7, %xmm8\n vcvtps2ph $1, %xmm9, %xmm10\n"
         " vcvtps2ph $2, %ymm11, 1600(%rdi)\n vcvtps2ph $3, %xmm12, 1632(%rdi)\n"
         " vcvtps2ph $4, %ymm13, %xmm14\n vcvtps2ph $0xf9, %xmm15, %xmm0\n"
         " vcvtps2ph $0xfe, %ymm1, 1648(%rdi)\n vcvtph2ps %xmm8, %ymm4\n vcvtph2ps %xmm1, %ymm1")

const SnippetCase kCases[] = {X86_SNIPPET_CASE(fma_packed_single),
                              X86_SNIPPET_CASE(fma_packed_double),
                              X86_SNIPPET_CASE(fma_scalar_single),
                              X86_SNIPPET_CASE(fma_scalar_double),
                              X86_SNIPPET_CASE(fma_alternating),
                              X86_SNIPPET_CASE(fma_aliasing_and_chains),
                              X86_SNIPPET_CASE(fma_compare_ps),
                              X86_SNIPPET_CASE(fma_compare_pd),
                              X86_SNIPPET_CASE(fma_compare_scalar_and_legacy),
                              X86_SNIPPET_CASE(fma_f16c)};

// A float's or a double's bits: a special value, or a random significand with the exponent
// within 30 of 1.0's (halves overflow and underflow) or within half the range and more
// (products overflow and underflow).
template <typename Bits>
Bits fp_pattern(std::mt19937_64& rng) {
  constexpr bool kDouble = sizeof(Bits) == 8;
  constexpr unsigned kMantissaBits = kDouble ? 52 : 23, kBias = kDouble ? 1023 : 127;
  if (rng() % 3 == 0) {
    if constexpr (kDouble)
      return special_double(rng);
    else
      return special_float(rng);
  }
  const unsigned spread = rng() % 2 ? 30 : kBias / 2 + 50;
  const Bits sign = static_cast<Bits>(rng() & 1) << (sizeof(Bits) * 8 - 1);
  const auto exponent = static_cast<Bits>(kBias - spread + rng() % (2 * spread + 1));
  const Bits mantissa = static_cast<Bits>(rng()) & ((Bits{1} << kMantissaBits) - 1);
  return sign | exponent << kMantissaBits | mantissa;
}

// Trials 0-31 hold floats, 32-63 doubles; within each, MXCSR runs through the four rounding
// modes, DAZ, FTZ and PE raised beforehand. Exceptions stay masked.
void fp_input(std::mt19937_64& rng, unsigned trial, uint8_t* data, Regs& in) {
  std::memset(data, 0, kAvxCompared);
  const bool doubles = (trial / 32) % 2 != 0;
  for (size_t i = 0; i < kAvxCompared; i += 8) {
    const uint64_t v = doubles
                           ? fp_pattern<uint64_t>(rng)
                           : fp_pattern<uint32_t>(rng) | uint64_t{fp_pattern<uint32_t>(rng)} << 32;
    std::memcpy(data + i, &v, 8);
  }
  const uint32_t mxcsr = 0x1f80 | (trial & 3) << 13 | ((trial & 4) ? 0x40 : 0) |
                         ((trial & 8) ? 0x8000 : 0) | ((trial & 16) ? 0x20 : 0);
  std::memcpy(data + kAvxMxcsr, &mxcsr, 4);
  for (unsigned r = 0; r < 16; ++r) in.gpr[r] = avx_random_bits(rng, trial + r);
}

class FmaF16cNativeDiff : public ::testing::TestWithParam<SnippetCase> {};

TEST_P(FmaF16cNativeDiff, MatchesHost) {
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma") ||
      !__builtin_cpu_supports("f16c"))
    GTEST_SKIP() << "the host has no AVX2, FMA or F16C to compare with";
  expect_avx_snippet_matches_host(GetParam(), 12, 256, fp_input);
}

INSTANTIATE_TEST_SUITE_P(X86_64, FmaF16cNativeDiff, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<SnippetCase>& i) {
                           return std::string(i.param.name).substr(4);  // without "fma_"
                         });

}  // namespace
}  // namespace xisa::x86_64::testing

#endif  // defined(__x86_64__)
