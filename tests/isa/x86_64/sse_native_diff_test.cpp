// SSE/SSE2 integer and move instructions against the host CPU: operands come from a data
// buffer (rdi), results go back to it, and buffer and registers must match the native run.
// The native oracle needs an x86-64 host; elsewhere these tests are not built.
#if defined(__x86_64__)
#include <gtest/gtest.h>

#include <random>

#include "x86_harness.h"

namespace xisa::x86_64::testing {
namespace {

// xmm0 = [rdi], xmm1 = [rdi+16]; OP; [rdi+32] = xmm0, [rdi+48] = xmm1.
#define SSE_BINARY(name, op)                                              \
  X86_SNIPPET(name, "movdqu (%rdi), %xmm0\n movdqu 16(%rdi), %xmm1\n " op \
                    "\n movdqu %xmm0, 32(%rdi)\n movdqu %xmm1, 48(%rdi)")

SSE_BINARY(paddb, "paddb %xmm1, %xmm0")
SSE_BINARY(paddw, "paddw %xmm1, %xmm0")
SSE_BINARY(paddd, "paddd 16(%rdi), %xmm0")
SSE_BINARY(paddq, "paddq %xmm1, %xmm0")
SSE_BINARY(psubb, "psubb %xmm1, %xmm0")
SSE_BINARY(psubq, "psubq %xmm1, %xmm0")
SSE_BINARY(paddusb, "paddusb %xmm1, %xmm0")
SSE_BINARY(psubsw, "psubsw %xmm1, %xmm0")
SSE_BINARY(pcmpeqb, "pcmpeqb %xmm1, %xmm0")
SSE_BINARY(pcmpeqd, "pcmpeqd %xmm1, %xmm0")
SSE_BINARY(pcmpgtb, "pcmpgtb %xmm1, %xmm0")
SSE_BINARY(pminub, "pminub %xmm1, %xmm0")
SSE_BINARY(pmaxsw, "pmaxsw %xmm1, %xmm0")
SSE_BINARY(pmullw, "pmullw %xmm1, %xmm0")
SSE_BINARY(logic,
           "pand %xmm1, %xmm0\n por 16(%rdi), %xmm1\n pxor %xmm0, %xmm1\n pandn %xmm1, %xmm0")
SSE_BINARY(fplogic,
           "andps %xmm1, %xmm0\n xorpd 16(%rdi), %xmm1\n andnps %xmm1, %xmm0\n orpd %xmm0, %xmm1")
SSE_BINARY(unpack_lo,
           "movdqa %xmm0, %xmm2\n punpcklbw %xmm1, %xmm0\n punpcklwd %xmm2, %xmm1\n"
           " punpckldq %xmm0, %xmm2\n punpcklqdq %xmm2, %xmm0")
SSE_BINARY(unpack_hi,
           "movdqa %xmm0, %xmm2\n punpckhbw %xmm1, %xmm0\n punpckhwd %xmm2, %xmm1\n"
           " punpckhdq %xmm0, %xmm2\n punpckhqdq %xmm2, %xmm0\n unpcklps %xmm2, %xmm1")
SSE_BINARY(pmovmskb,
           "pmovmskb %xmm0, %eax\n pcmpeqb %xmm1, %xmm0\n pmovmskb %xmm0, %ecx\n"
           " movmskps %xmm1, %edx\n movmskpd %xmm1, %r8d")
SSE_BINARY(pshufd,
           "pshufd $0x1b, %xmm0, %xmm0\n pshufd $0xe4, 16(%rdi), %xmm1\n"
           " pshuflw $0x72, %xmm1, %xmm2\n pshufhw $0x9c, %xmm2, %xmm1")
SSE_BINARY(shufps, "shufps $0x4e, %xmm1, %xmm0\n shufpd $1, %xmm0, %xmm1")
SSE_BINARY(byteshift, "psrldq $3, %xmm0\n pslldq $5, %xmm1\n palignr $7, %xmm0, %xmm1")
SSE_BINARY(shifts,
           "psllw $3, %xmm0\n psrld $31, %xmm1\n psraw $9, %xmm0\n psrlq $40, %xmm1\n"
           " pslld $33, %xmm0")
SSE_BINARY(moves,
           "movd %xmm0, %eax\n movq %xmm1, %rcx\n movd %ecx, %xmm0\n movq %rax, %xmm1\n"
           " movq %xmm0, %xmm2\n movss 8(%rdi), %xmm1\n movsd %xmm2, %xmm0")
SSE_BINARY(halves,
           "movhps 8(%rdi), %xmm0\n movlpd 20(%rdi), %xmm1\n movhlps %xmm1, %xmm0\n"
           " movlhps %xmm0, %xmm1\n movhpd %xmm1, 56(%rdi)\n movsd %xmm1, 60(%rdi)")

SSE_BINARY(mul_helpers,
           "movdqa %xmm0, %xmm2\n pmuludq %xmm1, %xmm0\n pmulhw %xmm2, %xmm1\n"
           " pmulhuw %xmm0, %xmm2\n pmaddwd %xmm2, %xmm0\n psadbw %xmm2, %xmm1")
SSE_BINARY(avg_pack,
           "movdqa %xmm0, %xmm2\n pavgb %xmm1, %xmm0\n pavgw %xmm0, %xmm1\n"
           " packsswb %xmm2, %xmm0\n packssdw %xmm0, %xmm1\n packuswb %xmm1, %xmm2\n"
           " por %xmm2, %xmm0")
SSE_BINARY(shift_reg,
           "movdqa %xmm1, %xmm2\n psrlq $58, %xmm2\n psllw %xmm2, %xmm0\n"
           " psrad %xmm2, %xmm1\n psrlq 16(%rdi), %xmm0\n pslld %xmm2, %xmm1")
SSE_BINARY(pextr_pinsr,
           "pextrw $3, %xmm0, %eax\n pextrw $6, %xmm1, %ecx\n pinsrw $1, %ecx, %xmm0\n"
           " pinsrw $7, 4(%rdi), %xmm1")

SSE_BINARY(ssse3_shuffle,
           "movdqa %xmm0, %xmm2\n pshufb %xmm1, %xmm0\n pabsb %xmm2, %xmm3\n"
           " pabsw %xmm1, %xmm4\n pabsd %xmm2, %xmm1\n por %xmm3, %xmm0\n"
           " pxor %xmm4, %xmm1")
SSE_BINARY(ssse3_horizontal,
           "movdqa %xmm0, %xmm2\n phaddw %xmm1, %xmm0\n phsubd %xmm2, %xmm1\n"
           " phaddsw %xmm0, %xmm2\n phsubsw %xmm2, %xmm0\n phaddd %xmm2, %xmm1\n"
           " phsubw %xmm0, %xmm1")
SSE_BINARY(ssse3_mul_sign,
           "movdqa %xmm0, %xmm2\n pmaddubsw %xmm1, %xmm0\n pmulhrsw %xmm2, %xmm1\n"
           " psignb %xmm0, %xmm2\n psignw %xmm2, %xmm1\n psignd %xmm1, %xmm0\n"
           " por %xmm2, %xmm0")
SSE_BINARY(sse3_dup,
           "movsldup %xmm0, %xmm2\n movshdup 16(%rdi), %xmm3\n movddup 8(%rdi), %xmm0\n"
           " movddup %xmm3, %xmm1\n pxor %xmm2, %xmm0\n paddd %xmm3, %xmm1")

SSE_BINARY(sse41_minmax,
           "movdqa %xmm0, %xmm2\n pminsb %xmm1, %xmm0\n pmaxud %xmm2, %xmm1\n"
           " pminuw %xmm0, %xmm2\n pmaxsd %xmm2, %xmm0\n pmulld %xmm0, %xmm1\n"
           " pcmpeqq %xmm2, %xmm0\n pcmpgtq %xmm2, %xmm1\n pminsd %xmm1, %xmm2\n"
           " pmaxsb %xmm2, %xmm0\n pminud %xmm0, %xmm1\n pmaxuw %xmm1, %xmm0")
SSE_BINARY(sse41_helpers,
           "movdqa %xmm0, %xmm2\n packusdw %xmm1, %xmm0\n pmuldq %xmm2, %xmm1\n"
           " phminposuw %xmm2, %xmm3\n mpsadbw $5, %xmm2, %xmm2\n"
           " por %xmm3, %xmm0\n paddw %xmm2, %xmm1")
SSE_BINARY(sse41_widen,
           "pmovsxbw %xmm0, %xmm2\n pmovzxbd 4(%rdi), %xmm3\n pmovsxbq %xmm1, %xmm4\n"
           " pmovzxwd %xmm1, %xmm5\n pmovsxwq 6(%rdi), %xmm6\n pmovzxdq %xmm0, %xmm7\n"
           " pmovsxdq 20(%rdi), %xmm0\n pmovzxwq %xmm1, %xmm1\n pxor %xmm2, %xmm0\n"
           " paddq %xmm3, %xmm0\n paddq %xmm4, %xmm1\n pxor %xmm5, %xmm1\n"
           " paddq %xmm6, %xmm0\n pxor %xmm7, %xmm1\n pmovzxbw %xmm0, %xmm2\n"
           " pmovsxwd %xmm2, %xmm2\n pmovzxbq %xmm2, %xmm3\n paddd %xmm3, %xmm0")
SSE_BINARY(sse41_blend,
           "movdqa %xmm0, %xmm2\n pblendw $0x5a, %xmm1, %xmm2\n movdqa %xmm1, %xmm3\n"
           " blendps $6, %xmm0, %xmm3\n blendpd $1, %xmm3, %xmm2\n"
           " movdqa %xmm1, %xmm4\n pblendvb %xmm0, %xmm2, %xmm4\n"
           " blendvps %xmm0, %xmm4, %xmm3\n blendvpd %xmm0, %xmm3, %xmm1\n"
           " movdqa %xmm4, %xmm0")
SSE_BINARY(sse41_extract,
           "pextrb $13, %xmm0, %eax\n pextrd $2, %xmm1, %ecx\n pextrq $1, %xmm0, %rdx\n"
           " extractps $3, %xmm1, %r8d\n pextrb $1, %xmm1, 40(%rdi)\n"
           " pinsrb $9, %eax, %xmm1\n pinsrd $3, %ecx, %xmm0\n pinsrq $0, 8(%rdi), %xmm1\n"
           " insertps $0x9a, %xmm1, %xmm0\n insertps $0x31, 4(%rdi), %xmm1\n"
           " ptest %xmm1, %xmm0\n setz %r9b\n setc %r10b\n ptest %xmm0, %xmm0\n setz %r11b")

// SSE4.2: rax/rdx (explicit lengths) come from the buffer's bytes, so they vary with the data.
SSE_BINARY(pcmpistr_any,
           "pcmpistri $0x00, %xmm1, %xmm0\n setc %al\n setz %ah\n sets %dl\n seto %dh\n"
           " mov %ecx, %r8d\n pcmpistri $0x40, %xmm1, %xmm0\n mov %ecx, %r9d\n"
           " pcmpistrm $0x10, %xmm1, %xmm0\n movdqa %xmm0, %xmm2\n"
           " pcmpistrm $0x41, %xmm1, %xmm2")
SSE_BINARY(pcmpistr_ranges,
           "pcmpistri $0x04, %xmm1, %xmm0\n setc %al\n seto %ah\n mov %ecx, %r8d\n"
           " pcmpistri $0x36, %xmm1, %xmm0\n mov %ecx, %r9d\n setc %dl\n"
           " pcmpistrm $0x45, %xmm1, %xmm1\n pcmpistri $0x07, %xmm0, %xmm1")
SSE_BINARY(pcmpistr_each,
           "pcmpistri $0x18, %xmm1, %xmm0\n setc %al\n setz %ah\n mov %ecx, %r8d\n"
           " pcmpistri $0x09, %xmm1, %xmm0\n sets %dl\n mov %ecx, %r9d\n"
           " pcmpistrm $0x3a, %xmm1, %xmm0")
SSE_BINARY(pcmpistr_ordered,
           "pcmpistri $0x0c, %xmm1, %xmm0\n setc %al\n seto %ah\n mov %ecx, %r8d\n"
           " pcmpistri $0x4d, %xmm1, %xmm0\n mov %ecx, %r9d\n"
           " pcmpistrm $0x2c, %xmm1, %xmm0")
SSE_BINARY(pcmpestr,
           "movsbq 40(%rdi), %rax\n movsbq 41(%rdi), %rdx\n pcmpestri $0x00, %xmm1, %xmm0\n"
           " setc %r10b\n setz %r11b\n mov %ecx, %r8d\n pcmpestri $0x0c, %xmm1, %xmm0\n"
           " sets %r12b\n mov %ecx, %r9d\n pcmpestrm $0x44, %xmm1, %xmm0\n"
           " movsbl 42(%rdi), %eax\n pcmpestri $0x19, %xmm1, %xmm0")
// MASKMOVDQU stores the bytes of its first operand that its second's top bits select at rdi:
// into bytes 32-47 and 48-63 of the buffer, whose other bytes keep the input's.
X86_SNIPPET(maskmovdqu,
            "movdqu (%rdi), %xmm0\n movdqu 16(%rdi), %xmm1\n lea 32(%rdi), %rdi\n"
            " maskmovdqu %xmm1, %xmm0\n lea 16(%rdi), %rdi\n maskmovdqu %xmm0, %xmm1\n"
            " lea -48(%rdi), %rdi")
SSE_BINARY(crc32,
           "mov (%rdi), %rax\n mov 8(%rdi), %rcx\n crc32b %al, %ecx\n crc32w %ax, %ecx\n"
           " crc32l 16(%rdi), %ecx\n crc32q %rax, %rcx\n mov %rax, %rdx\n crc32q 24(%rdi), %rdx")

using Case = SnippetCase;
#define CASE(n) X86_SNIPPET_CASE(n)

const Case kCases[] = {CASE(maskmovdqu),
                       CASE(paddb),
                       CASE(paddw),
                       CASE(paddd),
                       CASE(paddq),
                       CASE(psubb),
                       CASE(psubq),
                       CASE(paddusb),
                       CASE(psubsw),
                       CASE(pcmpeqb),
                       CASE(pcmpeqd),
                       CASE(pcmpgtb),
                       CASE(pminub),
                       CASE(pmaxsw),
                       CASE(pmullw),
                       CASE(logic),
                       CASE(fplogic),
                       CASE(unpack_lo),
                       CASE(unpack_hi),
                       CASE(pmovmskb),
                       CASE(pshufd),
                       CASE(shufps),
                       CASE(byteshift),
                       CASE(shifts),
                       CASE(moves),
                       CASE(halves),
                       CASE(mul_helpers),
                       CASE(avg_pack),
                       CASE(shift_reg),
                       CASE(pextr_pinsr),
                       CASE(ssse3_shuffle),
                       CASE(ssse3_horizontal),
                       CASE(ssse3_mul_sign),
                       CASE(sse3_dup),
                       CASE(sse41_minmax),
                       CASE(sse41_helpers),
                       CASE(sse41_widen),
                       CASE(sse41_blend),
                       CASE(sse41_extract),
                       CASE(pcmpistr_any),
                       CASE(pcmpistr_ranges),
                       CASE(pcmpistr_each),
                       CASE(pcmpistr_ordered),
                       CASE(pcmpestr),
                       CASE(crc32)};

class SseNativeDiff : public ::testing::TestWithParam<Case> {};

TEST_P(SseNativeDiff, MatchesHost) {
  const Case& c = GetParam();
  X86Harness h;
  std::mt19937_64 rng(42);
  for (unsigned trial = 0; trial < 64; ++trial) {
    uint8_t input[64];
    for (unsigned i = 0; i < 64; i += 8) {
      uint64_t v = rng();
      if (trial % 4 == 1) v &= 0x0101010101010101;  // many equal and small lanes
      if (trial % 4 == 2) v |= 0x8080808080808080;  // sign bits set
      std::memcpy(input + i, &v, 8);
    }
    if (trial % 8 == 3) std::memcpy(input + 16, input, 16);  // equal operands
    if (trial % 4 == 3) {  // short strings from a small alphabet, often with a NUL
      for (unsigned i = 0; i < 48; ++i) input[i] = static_cast<uint8_t>("ab\0cAB0z"[rng() % 9]);
      if (trial % 8 == 7) std::memcpy(input + 16 + rng() % 8, input, 4);  // a substring
    }
    Regs in;
    in.gpr[kRdi] = h.data_addr();
    std::memcpy(h.data(), input, 64);
    const Regs want = h.native(c.begin, c.end, in);
    uint8_t want_data[64];
    std::memcpy(want_data, h.data(), 64);
    for (const auto engine : {X86Harness::Engine::Interp, X86Harness::Engine::Jit}) {
      const char* name = engine == X86Harness::Engine::Jit ? " (JIT)" : " (interpreter)";
      std::memcpy(h.data(), input, 64);
      const interp::BlockExit exit = h.emulate(c.begin, c.end, in, engine);
      ASSERT_EQ(exit.kind, interp::ExitKind::Jump) << c.name << name;
      for (unsigned i = 0; i < 64; ++i)
        ASSERT_EQ(h.data()[i], want_data[i])
            << c.name << name << ": byte " << i << " trial " << trial;
      for (unsigned r = 0; r < 16; ++r) {
        if (r == kRsp) continue;
        ASSERT_EQ(h.state.gpr[r], want.gpr[r]) << c.name << name << ": register " << r;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(X86_64, SseNativeDiff, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& i) { return i.param.name; });

}  // namespace
}  // namespace xisa::x86_64::testing

#endif  // defined(__x86_64__)
