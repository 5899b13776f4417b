// MMX against the host CPU, under the interpreter and the JIT. Each snippet starts by loading a
// random FXRSTOR image (x87 registers, so MMX registers; TOP, tags and status word; XMM
// registers and MXCSR), runs MMX instructions on it and on operands in memory, and ends with
// FXSAVE. The FXSAVE image shows the MMX registers, their exponent bits, TOP and the tags, so
// comparing the whole buffer and the general registers with the native run checks results and
// the aliasing with the x87 state together.
// The native oracle needs an x86-64 host; elsewhere these tests are not built.
#if defined(__x86_64__)
#include <gtest/gtest.h>
#include <sys/mman.h>

#include <random>
#include <vector>

#include "x86_harness.h"

namespace xisa::x86_64::testing {
namespace {

// Buffer (rdi): [0, 512) the image FXRSTOR loads; [512, 576) operands; [576, 640) stores;
// [1024, 1536) the image FXSAVE stores (bytes 1440-1535 must stay as they were).
constexpr size_t kOperands = 512, kStores = 576, kSaved = 1024, kCompared = 1536;
constexpr size_t kMxcsrMask = kSaved + 28;  // a CPU property: the host's differs (see below)

#define MMX_CASE(name, body) \
  X86_SNIPPET(mmx_##name, "fxrstor (%rdi)\n " body "\n fxsave 1024(%rdi)")

MMX_CASE(moves,
         "movd %eax, %mm0\n movq %rcx, %mm1\n movd 512(%rdi), %mm2\n movq 520(%rdi), %mm3\n"
         " movq %mm3, %mm4\n movd %mm5, %edx\n movq %mm6, %r8\n movd %mm7, 576(%rdi)\n"
         " movq %mm2, 584(%rdi)\n movq %mm1, %mm7\n movd %mm0, %r9d")
// The encodings an assembler does not pick by itself: 0F 7F with a register destination, and
// 0F 6E/7E with REX.W to and from memory.
MMX_CASE(move_encodings,
         ".byte 0x0f, 0x7f, 0xdc\n"                           // movq %mm3, %mm4
         " .byte 0x48, 0x0f, 0x6e, 0xaf, 0x00, 0x02, 0, 0\n"  // movq 512(%rdi), %mm5
         " .byte 0x48, 0x0f, 0x7e, 0xb7, 0x40, 0x02, 0, 0\n"  // movq %mm6, 576(%rdi)
         " movq 528(%rdi), %mm1\n movq %mm1, 592(%rdi)")
MMX_CASE(add_sub,
         "paddb %mm1, %mm0\n paddw 512(%rdi), %mm2\n paddd %mm3, %mm4\n paddq %mm5, %mm6\n"
         " psubb %mm0, %mm7\n psubw %mm1, %mm3\n psubd 520(%rdi), %mm5\n psubq %mm2, %mm1")
MMX_CASE(saturating,
         "paddsb %mm1, %mm0\n paddsw 512(%rdi), %mm2\n paddusb %mm3, %mm4\n"
         " paddusw %mm5, %mm6\n psubsb %mm0, %mm7\n psubsw %mm1, %mm3\n"
         " psubusb 520(%rdi), %mm5\n psubusw %mm2, %mm1")
MMX_CASE(compare,
         "pcmpeqb %mm1, %mm0\n pcmpeqw 512(%rdi), %mm2\n pcmpeqd %mm3, %mm4\n"
         " pcmpgtb %mm5, %mm6\n pcmpgtw %mm1, %mm7\n pcmpgtd 520(%rdi), %mm3")
MMX_CASE(logic,
         "pand %mm1, %mm0\n pandn 512(%rdi), %mm2\n por %mm3, %mm4\n pxor %mm5, %mm6\n"
         " pandn %mm0, %mm7\n pxor %mm1, %mm1")
MMX_CASE(unpack,
         "punpcklbw %mm1, %mm0\n punpcklwd 512(%rdi), %mm2\n punpckldq %mm3, %mm4\n"
         " punpckhbw %mm5, %mm6\n punpckhwd 520(%rdi), %mm7\n punpckhdq %mm2, %mm3\n"
         " punpcklbw 524(%rdi), %mm1")
MMX_CASE(pack,
         "packsswb %mm1, %mm0\n packssdw 512(%rdi), %mm2\n packuswb %mm3, %mm4\n"
         " packsswb %mm5, %mm5")
MMX_CASE(shift_imm,
         "psllw $3, %mm0\n psrlw $15, %mm1\n psraw $9, %mm2\n pslld $31, %mm3\n"
         " psrld $7, %mm4\n psrad $33, %mm5\n psllq $40, %mm6\n psrlq $64, %mm7\n"
         " psraw $16, %mm0\n psrld $32, %mm1")
MMX_CASE(shift_reg,
         "movq 512(%rdi), %mm7\n psrlq $58, %mm7\n psllw %mm7, %mm0\n psrlw %mm7, %mm1\n"
         " psraw %mm7, %mm2\n pslld %mm7, %mm3\n psrld 520(%rdi), %mm4\n psrad %mm7, %mm5\n"
         " psllq %mm7, %mm6\n psrlq %mm7, %mm0\n psrad 528(%rdi), %mm1")
MMX_CASE(multiply,
         "pmullw %mm1, %mm0\n pmulhw 512(%rdi), %mm2\n pmaddwd %mm3, %mm4\n"
         " pmulhuw %mm5, %mm6\n pmuludq %mm1, %mm7\n pmuludq 520(%rdi), %mm3")
MMX_CASE(sse_integer,
         "pavgb %mm1, %mm0\n pavgw 512(%rdi), %mm2\n pminub %mm3, %mm4\n pmaxub %mm5, %mm6\n"
         " pminsw %mm1, %mm7\n pmaxsw 520(%rdi), %mm3\n psadbw %mm0, %mm5\n psadbw 528(%rdi), %mm1")
MMX_CASE(words,
         "pshufw $0x1b, %mm1, %mm0\n pshufw $0xe4, 512(%rdi), %mm2\n pshufw $0x72, %mm2, %mm3\n"
         " pextrw $2, %mm1, %eax\n pextrw $7, %mm4, %rcx\n pinsrw $1, %eax, %mm5\n"
         " pinsrw $6, 518(%rdi), %mm6\n pmovmskb %mm7, %edx\n pmovmskb %mm0, %r8")
// MASKMOVQ stores through rdi.
MMX_CASE(nontemporal,
         "movntq %mm1, 576(%rdi)\n lea 584(%rdi), %rdi\n maskmovq %mm2, %mm3\n"
         " maskmovq %mm0, %mm4\n lea -584(%rdi), %rdi")
MMX_CASE(ssse3_shuffle,
         "pshufb %mm1, %mm0\n pshufb 512(%rdi), %mm2\n palignr $3, %mm1, %mm3\n"
         " palignr $12, 512(%rdi), %mm4\n palignr $0, %mm0, %mm5\n palignr $8, %mm2, %mm6\n"
         " palignr $17, %mm3, %mm7\n palignr $16, 520(%rdi), %mm1")
MMX_CASE(ssse3_horizontal,
         "phaddw %mm1, %mm0\n phaddd 512(%rdi), %mm2\n phaddsw %mm3, %mm4\n phsubw %mm5, %mm6\n"
         " phsubd %mm1, %mm7\n phsubsw 520(%rdi), %mm3")
MMX_CASE(ssse3_arith,
         "pmaddubsw %mm1, %mm0\n pmulhrsw 512(%rdi), %mm2\n psignb %mm3, %mm4\n"
         " psignw %mm5, %mm6\n psignd 520(%rdi), %mm7\n pabsb %mm1, %mm3\n pabsw 528(%rdi), %mm5\n"
         " pabsd %mm2, %mm1")
MMX_CASE(xmm_moves, "movq2dq %mm1, %xmm0\n movdq2q %xmm2, %mm3\n movq2dq %mm3, %xmm9")
MMX_CASE(convert,
         "cvtpi2ps %mm0, %xmm0\n cvtpi2ps 512(%rdi), %xmm1\n cvtps2pi %xmm2, %mm1\n"
         " cvttps2pi 520(%rdi), %mm2\n cvtpi2pd %mm3, %xmm3\n cvtpi2pd 520(%rdi), %xmm4\n"
         " cvtpd2pi %xmm5, %mm4\n cvttpd2pi 528(%rdi), %mm5\n cvttps2pi %xmm6, %mm6\n"
         " cvtpd2pi %xmm7, %mm7\n stmxcsr 600(%rdi)")
// No MMX register operand: the x87 state stays as loaded (TOP and tags untouched).
MMX_CASE(convert_memory_only, "cvtpi2ps 512(%rdi), %xmm1\n cvtpi2pd 520(%rdi), %xmm4")
// EMMS empties every tag and sets TOP to 0, from any state and after MMX instructions.
MMX_CASE(emms, "emms")
MMX_CASE(emms_after_mmx, "paddb %mm1, %mm0\n emms")
// An MMX instruction that only reads an MMX register enters MMX mode too.
MMX_CASE(read_only, "movd %mm3, %eax\n pextrw $1, %mm4, %ecx")
// x87 and MMX on the same registers: x87 loads after EMMS appear as MMX registers (the
// significand of physical register 7 and 6); MMX values seen by x87 exchanges and sign changes.
MMX_CASE(x87_then_mmx, "emms\n fld1\n fldpi\n movq %mm7, %rax\n movq %mm6, %rcx\n paddd %mm6, %mm7")
MMX_CASE(mmx_then_x87,
         "movq 512(%rdi), %mm0\n movq 520(%rdi), %mm1\n fxch %st(1)\n fchs\n movq %mm0, %rax\n"
         " movq %mm1, %rcx")

// Memory operands ending at rsi, the first byte of an unmapped page: each instruction reads
// only its operand's bytes (m64, m32 for PUNPCKL*, m16 for PINSRW, m128 for CVTPD2PI), so none
// may fault. Stores land in the last bytes too.
MMX_CASE(page_end_moves,
         "movd -4(%rsi), %mm0\n movq -8(%rsi), %mm1\n"
         " .byte 0x48, 0x0f, 0x6e, 0x56, 0xf8\n"  // movq -8(%rsi), %mm2 (0F 6E REX.W)
         " movq %mm0, -8(%rsi)\n movd %mm1, -4(%rsi)")
MMX_CASE(page_end_lanes,
         "paddb -8(%rsi), %mm0\n paddw -8(%rsi), %mm1\n paddd -8(%rsi), %mm2\n"
         " paddq -8(%rsi), %mm3\n psubb -8(%rsi), %mm4\n psubw -8(%rsi), %mm5\n"
         " psubd -8(%rsi), %mm6\n psubq -8(%rsi), %mm7\n paddsb -8(%rsi), %mm0\n"
         " paddsw -8(%rsi), %mm1\n paddusb -8(%rsi), %mm2\n paddusw -8(%rsi), %mm3\n"
         " psubsb -8(%rsi), %mm4\n psubsw -8(%rsi), %mm5\n psubusb -8(%rsi), %mm6\n"
         " psubusw -8(%rsi), %mm7\n pcmpeqb -8(%rsi), %mm0\n pcmpeqw -8(%rsi), %mm1\n"
         " pcmpeqd -8(%rsi), %mm2\n pcmpgtb -8(%rsi), %mm3\n pcmpgtw -8(%rsi), %mm4\n"
         " pcmpgtd -8(%rsi), %mm5\n pand -8(%rsi), %mm6\n pandn -8(%rsi), %mm7\n"
         " por -8(%rsi), %mm0\n pxor -8(%rsi), %mm1\n pmullw -8(%rsi), %mm2\n"
         " pavgb -8(%rsi), %mm3\n pavgw -8(%rsi), %mm4\n pminub -8(%rsi), %mm5\n"
         " pmaxub -8(%rsi), %mm6\n pminsw -8(%rsi), %mm7\n pmaxsw -8(%rsi), %mm0")
MMX_CASE(page_end_unpack_pack,
         "punpcklbw -4(%rsi), %mm0\n punpcklwd -4(%rsi), %mm1\n punpckldq -4(%rsi), %mm2\n"
         " punpckhbw -8(%rsi), %mm3\n punpckhwd -8(%rsi), %mm4\n punpckhdq -8(%rsi), %mm5\n"
         " packsswb -8(%rsi), %mm6\n packssdw -8(%rsi), %mm7\n packuswb -8(%rsi), %mm0")
MMX_CASE(page_end_helpers,
         "pmulhw -8(%rsi), %mm0\n pmaddwd -8(%rsi), %mm1\n pmulhuw -8(%rsi), %mm2\n"
         " pmuludq -8(%rsi), %mm3\n psadbw -8(%rsi), %mm4\n psllw -8(%rsi), %mm5\n"
         " pslld -8(%rsi), %mm6\n psllq -8(%rsi), %mm7\n psrlw -8(%rsi), %mm0\n"
         " psrld -8(%rsi), %mm1\n psrlq -8(%rsi), %mm2\n psraw -8(%rsi), %mm3\n"
         " psrad -8(%rsi), %mm4\n pshufw $0x4e, -8(%rsi), %mm5\n pinsrw $3, -2(%rsi), %mm6")
MMX_CASE(page_end_ssse3,
         "pshufb -8(%rsi), %mm0\n palignr $5, -8(%rsi), %mm1\n phaddw -8(%rsi), %mm2\n"
         " phaddd -8(%rsi), %mm3\n phaddsw -8(%rsi), %mm4\n phsubw -8(%rsi), %mm5\n"
         " phsubd -8(%rsi), %mm6\n phsubsw -8(%rsi), %mm7\n pmaddubsw -8(%rsi), %mm0\n"
         " pmulhrsw -8(%rsi), %mm1\n psignb -8(%rsi), %mm2\n psignw -8(%rsi), %mm3\n"
         " psignd -8(%rsi), %mm4\n pabsb -8(%rsi), %mm5\n pabsw -8(%rsi), %mm6\n"
         " pabsd -8(%rsi), %mm7")
MMX_CASE(page_end_sse_forms,
         "cvtpi2ps -8(%rsi), %xmm0\n cvtpi2pd -8(%rsi), %xmm1\n cvtps2pi -8(%rsi), %mm0\n"
         " cvttps2pi -8(%rsi), %mm1\n cvtpd2pi -16(%rsi), %mm2\n cvttpd2pi -16(%rsi), %mm3\n"
         " movntq %mm4, -24(%rsi)")

using Case = SnippetCase;
#define CASE(n)                        \
  Case {                               \
#n, mmx_##n##_start, mmx_##n##_end \
  }  // named without the symbols' mmx_ prefix

const Case kCases[] = {
    CASE(moves),       CASE(move_encodings), CASE(add_sub),       CASE(saturating),
    CASE(compare),     CASE(logic),          CASE(unpack),        CASE(pack),
    CASE(shift_imm),   CASE(shift_reg),      CASE(multiply),      CASE(sse_integer),
    CASE(words),       CASE(nontemporal),    CASE(ssse3_shuffle), CASE(ssse3_horizontal),
    CASE(ssse3_arith), CASE(xmm_moves),      CASE(convert),       CASE(convert_memory_only),
    CASE(emms),        CASE(emms_after_mmx), CASE(read_only),     CASE(x87_then_mmx),
    CASE(mmx_then_x87)};

// A 64-bit pattern of lanes: random, small, sign-heavy or saturation edges by trial.
uint64_t lanes(std::mt19937_64& rng, unsigned trial) {
  uint64_t v = rng();
  switch (trial % 4) {
    case 1:
      return v & 0x0101010101010101;  // many equal and small lanes
    case 2:
      return v | 0x8080808080808080;  // sign bits set
    case 3: {
      static constexpr uint16_t kEdges[] = {0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x100};
      uint64_t r = 0;
      for (unsigned w = 0; w < 4; ++w) r |= uint64_t{kEdges[rng() % std::size(kEdges)]} << (16 * w);
      return r;
    }
    default:
      return v;
  }
}

// Floats (odd trials) or doubles for the conversions, with fractions and out-of-range values.
uint64_t fp_lanes(std::mt19937_64& rng, bool doubles) {
  auto value = [&]() {
    const double mag = (rng() % 8 == 0) ? 5e9 : 3e4;
    return (static_cast<double>(rng() % 2000001) / 1000000.0 - 1.0) * mag;
  };
  if (doubles) {
    const double d = value();
    uint64_t r;
    std::memcpy(&r, &d, 8);
    return r;
  }
  const float f[2] = {static_cast<float>(value()), static_cast<float>(value())};
  uint64_t r;
  std::memcpy(&r, f, 8);
  return r;
}

// A valid FXRSTOR image: exceptions all masked (no pending #MF), random everything else.
void random_image(std::mt19937_64& rng, unsigned trial, uint8_t* img) {
  std::memset(img, 0, 512);
  const auto fcw = static_cast<uint16_t>(0x007f | (rng() & 0x0f00));
  const auto fsw = static_cast<uint16_t>((rng() & 0x477f) | ((rng() & 7) << 11));  // no ES, B
  uint32_t mxcsr = 0x1f80 | (rng() & 0x3f) | (rng() & 0x6040);                     // RC, DAZ
  if (rng() % 4 == 0) mxcsr |= 0x8000;                                             // FZ
  std::memcpy(img, &fcw, 2);
  std::memcpy(img + 2, &fsw, 2);
  img[4] = static_cast<uint8_t>(rng());
  std::memcpy(img + 24, &mxcsr, 4);
  for (unsigned r = 0; r < 8; ++r) {
    const uint64_t mantissa = lanes(rng, trial + r);
    const auto exponent = static_cast<uint16_t>(rng() % 3 == 0 ? 0xffff : rng());
    std::memcpy(img + 32 + 16 * r, &mantissa, 8);
    std::memcpy(img + 40 + 16 * r, &exponent, 2);
  }
  const bool fp = trial % 2 == 1;
  for (unsigned x = 0; x < 16; ++x)
    for (unsigned half = 0; half < 2; ++half) {
      const uint64_t v = fp ? fp_lanes(rng, x % 2 == 1) : lanes(rng, trial);
      std::memcpy(img + 160 + 16 * x + 8 * half, &v, 8);
    }
}

void random_input(std::mt19937_64& rng, unsigned trial, uint8_t* data, Regs& in) {
  std::memset(data, 0, kCompared);
  random_image(rng, trial, data);
  for (unsigned i = 0; i < 64; i += 8) {
    uint64_t v = lanes(rng, trial);
    if (trial % 4 == 1) v = fp_lanes(rng, (i / 8) % 2 == 1);
    std::memcpy(data + kOperands + i, &v, 8);
  }
  for (size_t i = kStores; i < kCompared; ++i) data[i] = static_cast<uint8_t>(rng());
  for (unsigned r = 0; r < 16; ++r) in.gpr[r] = lanes(rng, trial + r);
}

// Runs the case natively, then under each engine, comparing the buffer, the region and the
// registers.
void expect_matches_host(X86Harness& h, const Case& c, const uint8_t* input, const Regs& in,
                         unsigned trial, const Region& region = {}) {
  // FXSAVE's MXCSR_MASK is the CPU's: xisa reports 0xffff (every MXCSR bit but the reserved
  // ones), the host may have more (AMD's misaligned-SSE mask bit).
  expect_matches_native(h, c.begin, c.end, in, input, kCompared, 0,
                        std::string(c.name) + " trial " + std::to_string(trial), region,
                        [&] { std::memset(h.data() + kMxcsrMask, 0, 4); });
}

class MmxNativeDiff : public ::testing::TestWithParam<Case> {};

TEST_P(MmxNativeDiff, MatchesHost) {
  const Case& c = GetParam();
  X86Harness h;
  std::mt19937_64 rng(12);
  for (unsigned trial = 0; trial < 48; ++trial) {
    uint8_t input[kCompared];
    Regs in;
    random_input(rng, trial, input, in);
    in.gpr[kRdi] = h.data_addr();
    expect_matches_host(h, c, input, in, trial);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(X86_64, MmxNativeDiff, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& i) { return i.param.name; });

const Case kPageEndCases[] = {CASE(page_end_moves),       CASE(page_end_lanes),
                              CASE(page_end_unpack_pack), CASE(page_end_helpers),
                              CASE(page_end_ssse3),       CASE(page_end_sse_forms)};

// rsi points at the boundary of a readable page and an inaccessible one.
class MmxPageEnd : public ::testing::TestWithParam<Case> {};

TEST_P(MmxPageEnd, ReadsOnlyTheOperand) {
  const Case& c = GetParam();
  X86Harness h;
  const PageBeforeHole page;
  ASSERT_TRUE(page.mapped());
  std::mt19937_64 rng(34);
  for (unsigned trial = 0; trial < 8; ++trial) {
    uint8_t input[kCompared];
    Regs in;
    random_input(rng, trial, input, in);
    in.gpr[kRdi] = h.data_addr();
    in.gpr[kRsi] = reinterpret_cast<uint64_t>(page.end());
    uint8_t page_input[64];
    for (unsigned i = 0; i < 64; i += 8) {
      const uint64_t v = trial % 2 ? fp_lanes(rng, i >= 48) : lanes(rng, trial);
      std::memcpy(page_input + i, &v, 8);
    }
    expect_matches_host(h, c, input, in, trial, Region{page.end() - 64, 64, page_input});
    if (::testing::Test::HasFatalFailure()) break;
  }
}

INSTANTIATE_TEST_SUITE_P(X86_64, MmxPageEnd, ::testing::ValuesIn(kPageEndCases),
                         [](const ::testing::TestParamInfo<Case>& i) { return i.param.name; });

}  // namespace
}  // namespace xisa::x86_64::testing

#endif  // defined(__x86_64__)
