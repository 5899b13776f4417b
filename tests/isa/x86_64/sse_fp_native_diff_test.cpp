// SSE/SSE2 floating point against the host CPU, including MXCSR: every rounding mode, DAZ/FTZ,
// and the accrued exception flags, over special operands (NaNs, infinities, denormals, zeros).
// The native oracle needs an x86-64 host; elsewhere these tests are not built.
#if defined(__x86_64__)
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "fp_special_values.h"
#include "x86_harness.h"

namespace xisa::x86_64::testing {
namespace {

// MXCSR from [rdi+64]; xmm0 = [rdi], xmm1 = [rdi+16]; OP; results to [rdi+32..63], MXCSR to
// [rdi+68].
#define SSE_FP(name, op)                                                                     \
  X86_SNIPPET(name, "ldmxcsr 64(%rdi)\n movdqu (%rdi), %xmm0\n movdqu 16(%rdi), %xmm1\n " op \
                    "\n movdqu %xmm0, 32(%rdi)\n movdqu %xmm1, 48(%rdi)\n stmxcsr 68(%rdi)")

SSE_FP(addsd, "addsd %xmm1, %xmm0")
SSE_FP(subss, "subss %xmm1, %xmm0")
SSE_FP(mulpd, "mulpd %xmm1, %xmm0")
SSE_FP(divps, "divps %xmm1, %xmm0")
SSE_FP(divsd_mem, "divsd 16(%rdi), %xmm0")
SSE_FP(sqrtsd, "sqrtsd %xmm1, %xmm0")
SSE_FP(sqrtps, "sqrtps %xmm1, %xmm0")
SSE_FP(minmax, "movapd %xmm0, %xmm2\n minsd %xmm1, %xmm0\n maxps %xmm2, %xmm1")
SSE_FP(cmpsd, "movapd %xmm0, %xmm2\n cmpsd $1, %xmm1, %xmm0\n cmpps $4, %xmm2, %xmm1")
SSE_FP(cmppd, "movapd %xmm0, %xmm2\n cmppd $3, %xmm1, %xmm0\n cmpss $6, %xmm2, %xmm1")
SSE_FP(comisd,
       "ucomisd %xmm1, %xmm0\n setb %al\n setz %ah\n setp %cl\n comiss %xmm0, %xmm1\n"
       " seta %dl\n setnp %dh")
SSE_FP(cvt_int,
       "cvttsd2si %xmm0, %rax\n cvtsd2si %xmm1, %ecx\n cvtss2si %xmm0, %rdx\n"
       " cvttss2si %xmm1, %r8d\n cvtsi2sd %rax, %xmm0\n cvtsi2ss %ecx, %xmm1")
SSE_FP(cvt_fp,
       "pxor %xmm2, %xmm2\n pxor %xmm3, %xmm3\n cvtsd2ss %xmm0, %xmm2\n cvtss2sd %xmm1, %xmm3\n "
       "cvtps2pd %xmm0, %xmm0\n"
       " cvtpd2ps %xmm1, %xmm1\n addpd %xmm3, %xmm0\n addps %xmm2, %xmm1")
SSE_FP(cvt_packed,
       "cvtdq2ps %xmm0, %xmm2\n cvttps2dq %xmm1, %xmm3\n cvtdq2pd %xmm1, %xmm0\n"
       " cvtpd2dq %xmm3, %xmm1\n cvtps2dq %xmm2, %xmm4\n cvttpd2dq %xmm4, %xmm5\n"
       " por %xmm5, %xmm1\n por %xmm4, %xmm0")

SSE_FP(sse3_horizontal,
       "movapd %xmm0, %xmm2\n haddpd %xmm1, %xmm0\n hsubps %xmm2, %xmm1\n"
       " addsubpd %xmm1, %xmm2\n addsubps %xmm0, %xmm1\n hsubpd %xmm2, %xmm0\n"
       " haddps %xmm2, %xmm1")

SSE_FP(sse41_round,
       "pxor %xmm3, %xmm3\n roundsd $1, %xmm1, %xmm0\n roundps $4, %xmm0, %xmm2\n roundpd $11, "
       "%xmm1, %xmm1\n"
       " roundss $2, 16(%rdi), %xmm3\n roundps $0, %xmm1, %xmm4\n por %xmm2, %xmm0\n"
       " por %xmm3, %xmm1\n pxor %xmm4, %xmm0")
SSE_FP(sse41_dot,
       "movaps %xmm0, %xmm2\n dpps $0xf1, %xmm1, %xmm0\n dppd $0x32, %xmm2, %xmm1\n"
       " dpps $0x5c, %xmm2, %xmm2\n por %xmm2, %xmm0")

using Case = SnippetCase;
#define CASE(n) X86_SNIPPET_CASE(n)

const Case kCases[] = {CASE(addsd),     CASE(subss),      CASE(mulpd),           CASE(divps),
                       CASE(divsd_mem), CASE(sqrtsd),     CASE(sqrtps),          CASE(minmax),
                       CASE(cmpsd),     CASE(cmppd),      CASE(comisd),          CASE(cvt_int),
                       CASE(cvt_fp),    CASE(cvt_packed), CASE(sse3_horizontal), CASE(sse41_round),
                       CASE(sse41_dot)};

class SseFpNativeDiff : public ::testing::TestWithParam<Case> {};

TEST_P(SseFpNativeDiff, MatchesHost) {
  const Case& c = GetParam();
  X86Harness h;
  std::mt19937_64 rng(7);
  // Round to nearest/down/up/zero, each with and without DAZ|FTZ; all exceptions masked.
  for (unsigned trial = 0; trial < 1600; ++trial) {
    uint8_t input[72] = {};
    for (unsigned i = 0; i < 32; i += 8) {
      uint64_t v;
      if (trial & 1) {
        v = special_double(rng);
      } else {
        v = special_float(rng) | (uint64_t{special_float(rng)} << 32);
      }
      std::memcpy(input + i, &v, 8);
    }
    // Half the trials start with PE (and some with DE) raised: in round-to-nearest without
    // DAZ/FTZ those take the guarded fast path wherever its guard holds.
    const uint32_t preset = (trial & 16) ? 0x20 | ((trial & 32) ? 0x02 : 0) : 0;
    const uint32_t mxcsr =
        0x1f80 | (((trial >> 1) & 3) << 13) | ((trial & 8) ? 0x8040 : 0) | preset;
    std::memcpy(input + 64, &mxcsr, 4);
    Regs in;
    in.gpr[kRdi] = h.data_addr();
    std::memcpy(h.data(), input, sizeof input);
    const Regs want = h.native(c.begin, c.end, in);
    uint8_t want_data[72];
    std::memcpy(want_data, h.data(), sizeof want_data);
    std::memcpy(h.data(), input, sizeof input);
    const interp::BlockExit exit = h.emulate(c.begin, c.end, in);
    ASSERT_EQ(exit.kind, interp::ExitKind::Jump) << c.name;
    for (unsigned i = 0; i < sizeof want_data; ++i)
      ASSERT_EQ(h.data()[i], want_data[i])
          << c.name << ": byte " << i << " trial " << trial << " mxcsr " << std::hex << mxcsr
          << " inputs " << *reinterpret_cast<uint64_t*>(input) << " "
          << *reinterpret_cast<uint64_t*>(input + 8) << " "
          << *reinterpret_cast<uint64_t*>(input + 16) << " "
          << *reinterpret_cast<uint64_t*>(input + 24) << " got "
          << *reinterpret_cast<uint64_t*>(h.data() + 32) << " "
          << *reinterpret_cast<uint64_t*>(h.data() + 40) << " "
          << *reinterpret_cast<uint64_t*>(h.data() + 48) << " "
          << *reinterpret_cast<uint64_t*>(h.data() + 56) << " mxcsr "
          << *reinterpret_cast<uint32_t*>(h.data() + 68) << " want "
          << *reinterpret_cast<uint64_t*>(want_data + 32) << " "
          << *reinterpret_cast<uint64_t*>(want_data + 40) << " "
          << *reinterpret_cast<uint64_t*>(want_data + 48) << " "
          << *reinterpret_cast<uint64_t*>(want_data + 56) << " mxcsr "
          << *reinterpret_cast<uint32_t*>(want_data + 68);
    for (unsigned r = 0; r < 16; ++r) {
      if (r == kRsp) continue;
      ASSERT_EQ(h.state.gpr[r], want.gpr[r]) << c.name << ": register " << r << " trial " << trial;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(X86_64, SseFpNativeDiff, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& i) { return i.param.name; });

}  // namespace
}  // namespace xisa::x86_64::testing

#endif  // defined(__x86_64__)
