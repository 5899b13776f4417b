// AES-NI, PCLMULQDQ and SHA-NI against the host CPU, under the interpreter and the JIT:
// operands come from a buffer (rdi) of random bytes, results go back to it, and buffer and
// registers must match the native run. A case whose feature this host lacks skips.
// The native oracle needs an x86-64 host; elsewhere these tests are not built.
#if defined(__x86_64__)
#include <gtest/gtest.h>

#include <random>

#include "x86_harness.h"

namespace xisa::x86_64::testing {
namespace {

constexpr size_t kBytes = 144;

// xmm0..5 = [rdi], [rdi+16], ... [rdi+80]; OP; [rdi+48..144) = xmm0..5 (the pairs of results
// an XOR would combine are stored apart, so no error can cancel out).
#define CRYPTO(name, op)                                               \
  X86_SNIPPET(name,                                                    \
              "movdqu (%rdi), %xmm0\n movdqu 16(%rdi), %xmm1\n"        \
              " movdqu 32(%rdi), %xmm2\n movdqu 48(%rdi), %xmm3\n"     \
              " movdqu 64(%rdi), %xmm4\n movdqu 80(%rdi), %xmm5\n " op \
              "\n movdqu %xmm0, 48(%rdi)\n movdqu %xmm1, 64(%rdi)\n"   \
              " movdqu %xmm2, 80(%rdi)\n movdqu %xmm3, 96(%rdi)\n"     \
              " movdqu %xmm4, 112(%rdi)\n movdqu %xmm5, 128(%rdi)")

CRYPTO(aesenc, "aesenc %xmm1, %xmm2\n aesenc 16(%rdi), %xmm0\n aesenc %xmm1, %xmm1")
CRYPTO(aesenclast, "aesenclast %xmm1, %xmm2\n aesenclast 32(%rdi), %xmm0\n aesenclast %xmm0, %xmm1")
CRYPTO(aesdec, "aesdec %xmm1, %xmm2\n aesdec 16(%rdi), %xmm0\n aesdec %xmm2, %xmm1")
CRYPTO(aesdeclast, "aesdeclast %xmm1, %xmm2\n aesdeclast (%rdi), %xmm0\n aesdeclast %xmm0, %xmm1")
CRYPTO(aesimc, "aesimc %xmm1, %xmm2\n aesimc (%rdi), %xmm0\n aesimc %xmm1, %xmm1")
CRYPTO(aeskeygenassist,
       "aeskeygenassist $0x00, %xmm1, %xmm2\n aeskeygenassist $0x1b, 16(%rdi), %xmm0\n"
       " aeskeygenassist $0xff, %xmm0, %xmm1")
// Two AES-128 rounds of key expansion, then encryption and its inverse (AESIMC'd keys) in
// sequence: the instructions as a key schedule and a cipher use them.
CRYPTO(aes_rounds,
       "aeskeygenassist $0x01, %xmm1, %xmm3\n pshufd $0xff, %xmm3, %xmm3\n"
       " movdqa %xmm1, %xmm4\n pslldq $4, %xmm4\n pxor %xmm4, %xmm1\n pslldq $4, %xmm4\n"
       " pxor %xmm4, %xmm1\n pslldq $4, %xmm4\n pxor %xmm4, %xmm1\n pxor %xmm3, %xmm1\n"
       " pxor %xmm2, %xmm0\n aesenc %xmm1, %xmm0\n aesenc %xmm2, %xmm0\n"
       " aesenclast %xmm1, %xmm0\n movdqa %xmm0, %xmm5\n aesimc %xmm1, %xmm6\n"
       " aesimc %xmm2, %xmm7\n aesdec %xmm6, %xmm5\n aesdec %xmm7, %xmm5\n"
       " aesdeclast %xmm2, %xmm5")
CRYPTO(pclmulqdq,
       "movdqa %xmm0, %xmm3\n movdqa %xmm0, %xmm4\n movdqa %xmm0, %xmm5\n"
       " pclmulqdq $0x00, %xmm1, %xmm0\n pclmulqdq $0x01, %xmm1, %xmm3\n"
       " pclmulqdq $0x10, %xmm1, %xmm4\n pclmulqdq $0x11, 16(%rdi), %xmm5\n"
       " pclmulqdq $0xee, %xmm2, %xmm2\n pclmulqdq $0x11, %xmm1, %xmm1")
CRYPTO(sha1rnds4,
       "movdqa %xmm0, %xmm3\n movdqa %xmm0, %xmm4\n movdqa %xmm0, %xmm5\n"
       " sha1rnds4 $0, %xmm1, %xmm0\n sha1rnds4 $1, %xmm2, %xmm3\n"
       " sha1rnds4 $2, 16(%rdi), %xmm4\n sha1rnds4 $3, %xmm1, %xmm5\n"
       " sha1rnds4 $0xfe, %xmm2, %xmm2")
CRYPTO(sha1nexte, "sha1nexte %xmm1, %xmm0\n sha1nexte 32(%rdi), %xmm1\n sha1nexte %xmm2, %xmm2")
CRYPTO(sha1msg1, "sha1msg1 %xmm1, %xmm0\n sha1msg1 32(%rdi), %xmm1\n sha1msg1 %xmm2, %xmm2")
CRYPTO(sha1msg2, "sha1msg2 %xmm1, %xmm0\n sha1msg2 32(%rdi), %xmm1\n sha1msg2 %xmm2, %xmm2")
// SHA256RNDS2 takes WK from xmm0 implicitly: it is both read and, once, the destination.
CRYPTO(sha256rnds2,
       "sha256rnds2 %xmm0, %xmm1, %xmm2\n sha256rnds2 %xmm0, (%rdi), %xmm1\n"
       " sha256rnds2 %xmm0, %xmm2, %xmm0")
CRYPTO(sha256msg1, "sha256msg1 %xmm1, %xmm0\n sha256msg1 32(%rdi), %xmm1\n sha256msg1 %xmm2, %xmm2")
CRYPTO(sha256msg2, "sha256msg2 %xmm1, %xmm0\n sha256msg2 32(%rdi), %xmm1\n sha256msg2 %xmm2, %xmm2")
// One SHA-256 message schedule step and four rounds, as an implementation chains them.
CRYPTO(sha256_step,
       "movdqa %xmm2, %xmm3\n sha256msg1 %xmm1, %xmm3\n paddd %xmm0, %xmm3\n"
       " sha256msg2 %xmm2, %xmm3\n movdqa %xmm3, %xmm0\n sha256rnds2 %xmm0, %xmm1, %xmm2\n"
       " pshufd $0x0e, %xmm0, %xmm0\n sha256rnds2 %xmm0, %xmm2, %xmm1")

using Case = FeatureCase;
#define CASE(n, feature) X86_FEATURE_CASE(n, feature, 0)

const Case kCases[] = {
    CASE(aesenc, "aes"),         CASE(aesenclast, "aes"),      CASE(aesdec, "aes"),
    CASE(aesdeclast, "aes"),     CASE(aesimc, "aes"),          CASE(aeskeygenassist, "aes"),
    CASE(aes_rounds, "aes"),     CASE(pclmulqdq, "pclmulqdq"), CASE(sha1rnds4, "sha_ni"),
    CASE(sha1nexte, "sha_ni"),   CASE(sha1msg1, "sha_ni"),     CASE(sha1msg2, "sha_ni"),
    CASE(sha256rnds2, "sha_ni"), CASE(sha256msg1, "sha_ni"),   CASE(sha256msg2, "sha_ni"),
    CASE(sha256_step, "sha_ni"),
};

class CryptoNativeDiff : public ::testing::TestWithParam<Case> {};

TEST_P(CryptoNativeDiff, MatchesHost) {
  const Case& c = GetParam();
  if (!host_has(c.feature)) GTEST_SKIP() << "host lacks " << c.feature;
  X86Harness h;
  std::mt19937_64 rng(99);
  for (unsigned trial = 0; trial < 64; ++trial) {
    uint8_t input[kBytes];
    for (size_t i = 0; i < kBytes; i += 8) {
      uint64_t v = rng();
      if (trial % 8 == 1) v &= 0x0101010101010101;  // sparse: carry-less products, zero bytes
      if (trial % 8 == 2) v = ~uint64_t{0};
      std::memcpy(input + i, &v, 8);
    }
    Regs in;
    in.gpr[kRdi] = h.data_addr();
    expect_matches_native(h, c.begin, c.end, in, input, kBytes, 0,
                          std::string(c.name) + " trial " + std::to_string(trial));
    if (::testing::Test::HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(X86_64, CryptoNativeDiff, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& i) { return i.param.name; });

}  // namespace
}  // namespace xisa::x86_64::testing

#endif  // defined(__x86_64__)
