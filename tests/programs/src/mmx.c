// x86-64 only: MMX instructions (MMX proper, the SSE/SSE2 forms on MMX registers, SSSE3's MMX
// forms, the MMX<->SSE conversions) on pseudo-random operands, and the aliasing of the MMX
// registers with the x87 registers seen through FXSAVE. Prints results and a checksum; the
// reference is the native run.
//
// Inline assembly, not <mmintrin.h>: on x86-64, GCC implements the MMX intrinsics with SSE
// instructions on XMM registers ("MMX with SSE"), so intrinsics would not run MMX code. The
// "y" constraint puts an operand in an MMX register; "ym" lets the compiler pick an MMX
// register or memory for the source, so register and memory forms both run.
#include <mmintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <xmmintrin.h>

static uint64_t state = 0x9e3779b97f4a7c15ull;
static uint64_t next(void) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

static uint64_t bits(__m64 v) {
  uint64_t r;
  memcpy(&r, &v, 8);
  return r;
}
static __m64 m64(uint64_t v) {
  __m64 r;
  memcpy(&r, &v, 8);
  return r;
}

static uint64_t checksum;
static void mix(const char* name, uint64_t v, int show) {
  checksum = (checksum ^ v) * 0x100000001b3ull;
  if (show) printf("%-12s %016llx\n", name, (unsigned long long)v);
}

// dst = dst OP src. Each macro ends in a prototype, so that a use takes a semicolon.
#define BINARY(insn)                              \
  static __m64 op_##insn(__m64 a, __m64 b) {      \
    __asm__(#insn " %1, %0" : "+y"(a) : "ym"(b)); \
    return a;                                     \
  }                                               \
  static __m64 op_##insn(__m64 a, __m64 b)
// dst = dst OP imm.
#define SHIFT_IMM(insn, count)                   \
  static __m64 op_##insn##_##count(__m64 a) {    \
    __asm__(#insn " $" #count ", %0" : "+y"(a)); \
    return a;                                    \
  }                                              \
  static __m64 op_##insn##_##count(__m64 a)

BINARY(paddb);
BINARY(paddw);
BINARY(paddd);
BINARY(paddq);
BINARY(paddsb);
BINARY(paddsw);
BINARY(paddusb);
BINARY(paddusw);
BINARY(psubb);
BINARY(psubw);
BINARY(psubd);
BINARY(psubq);
BINARY(psubsb);
BINARY(psubsw);
BINARY(psubusb);
BINARY(psubusw);
BINARY(pmullw);
BINARY(pmulhw);
BINARY(pmulhuw);
BINARY(pmaddwd);
BINARY(pmuludq);
BINARY(pcmpeqb);
BINARY(pcmpeqw);
BINARY(pcmpeqd);
BINARY(pcmpgtb);
BINARY(pcmpgtw);
BINARY(pcmpgtd);
BINARY(pand);
BINARY(pandn);
BINARY(por);
BINARY(pxor);
BINARY(packsswb);
BINARY(packssdw);
BINARY(packuswb);
BINARY(punpcklbw);
BINARY(punpcklwd);
BINARY(punpckldq);
BINARY(punpckhbw);
BINARY(punpckhwd);
BINARY(punpckhdq);
BINARY(psllw);
BINARY(pslld);
BINARY(psllq);
BINARY(psrlw);
BINARY(psrld);
BINARY(psrlq);
BINARY(psraw);
BINARY(psrad);
BINARY(pavgb);
BINARY(pavgw);
BINARY(pminub);
BINARY(pmaxub);
BINARY(pminsw);
BINARY(pmaxsw);
BINARY(psadbw);
BINARY(pshufb);
BINARY(phaddw);
BINARY(phaddd);
BINARY(phaddsw);
BINARY(phsubw);
BINARY(phsubd);
BINARY(phsubsw);
BINARY(pmaddubsw);
BINARY(pmulhrsw);
BINARY(psignb);
BINARY(psignw);
BINARY(psignd);
BINARY(pabsb);
BINARY(pabsw);
BINARY(pabsd);
SHIFT_IMM(psllw, 3);
SHIFT_IMM(psrlw, 5);
SHIFT_IMM(psraw, 9);
SHIFT_IMM(pslld, 7);
SHIFT_IMM(psrld, 13);
SHIFT_IMM(psrad, 17);
SHIFT_IMM(psllq, 21);
SHIFT_IMM(psrlq, 40);

struct Binary {
  const char* name;
  __m64 (*fn)(__m64, __m64);
  int count;  // a shift: the source is cut to a small count
};
#define B(insn) \
  { #insn, op_##insn, 0 }
#define C(insn) \
  { #insn, op_##insn, 1 }
static const struct Binary kBinary[] = {
    B(paddb),     B(paddw),     B(paddd),     B(paddq),     B(paddsb),    B(paddsw),   B(paddusb),
    B(paddusw),   B(psubb),     B(psubw),     B(psubd),     B(psubq),     B(psubsb),   B(psubsw),
    B(psubusb),   B(psubusw),   B(pmullw),    B(pmulhw),    B(pmulhuw),   B(pmaddwd),  B(pmuludq),
    B(pcmpeqb),   B(pcmpeqw),   B(pcmpeqd),   B(pcmpgtb),   B(pcmpgtw),   B(pcmpgtd),  B(pand),
    B(pandn),     B(por),       B(pxor),      B(packsswb),  B(packssdw),  B(packuswb), B(punpcklbw),
    B(punpcklwd), B(punpckldq), B(punpckhbw), B(punpckhwd), B(punpckhdq), C(psllw),    C(pslld),
    C(psllq),     C(psrlw),     C(psrld),     C(psrlq),     C(psraw),     C(psrad),    B(pavgb),
    B(pavgw),     B(pminub),    B(pmaxub),    B(pminsw),    B(pmaxsw),    B(psadbw),   B(pshufb),
    B(phaddw),    B(phaddd),    B(phaddsw),   B(phsubw),    B(phsubd),    B(phsubsw),  B(pmaddubsw),
    B(pmulhrsw),  B(psignb),    B(psignw),    B(psignd),    B(pabsb),     B(pabsw),    B(pabsd)};

static void binary_ops(__m64 a, __m64 b, int show) {
  for (size_t i = 0; i < sizeof kBinary / sizeof kBinary[0]; ++i) {
    const __m64 src = kBinary[i].count ? m64(bits(b) % 70) : b;
    mix(kBinary[i].name, bits(kBinary[i].fn(a, src)), show);
  }
  mix("psllw $3", bits(op_psllw_3(a)), show);
  mix("psrlw $5", bits(op_psrlw_5(a)), show);
  mix("psraw $9", bits(op_psraw_9(a)), show);
  mix("pslld $7", bits(op_pslld_7(a)), show);
  mix("psrld $13", bits(op_psrld_13(a)), show);
  mix("psrad $17", bits(op_psrad_17(a)), show);
  mix("psllq $21", bits(op_psllq_21(a)), show);
  mix("psrlq $40", bits(op_psrlq_40(a)), show);
}

// Shuffles, word access, moves to and from other registers, stores.
static void other_ops(__m64 a, __m64 b, int show) {
  __m64 r = a;
  __asm__("pshufw $0x1b, %1, %0" : "=y"(r) : "ym"(b));
  mix("pshufw", bits(r), show);
  r = a;
  __asm__("palignr $3, %1, %0" : "+y"(r) : "ym"(b));
  mix("palignr", bits(r), show);
  r = a;
  __asm__("pinsrw $2, %1, %0" : "+y"(r) : "r"((int)bits(b)));
  mix("pinsrw", bits(r), show);
  int w;
  __asm__("pextrw $3, %1, %0" : "=r"(w) : "y"(b));
  mix("pextrw", (uint64_t)w, show);
  __asm__("pmovmskb %1, %0" : "=r"(w) : "y"(a));
  mix("pmovmskb", (uint64_t)w, show);
  uint64_t g;
  __asm__("movq %1, %0" : "=r"(g) : "y"(a));
  mix("movq r64", g, show);
  __asm__("movd %1, %0" : "=r"(w) : "y"(b));
  mix("movd r32", (uint64_t)(uint32_t)w, show);
  __asm__("movd %1, %0" : "=y"(r) : "r"((int)bits(a)));
  mix("movd mm", bits(r), show);
  uint8_t out[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  __asm__ volatile("maskmovq %1, %0" : : "y"(a), "y"(b), "D"(out) : "memory");
  uint64_t stored;
  memcpy(&stored, out, 8);
  mix("maskmovq", stored, show);
  __asm__ volatile("movntq %1, %0" : "=m"(stored) : "y"(b));
  mix("movntq", stored, show);
  __m128i wide;
  __asm__("movq2dq %1, %0" : "=x"(wide) : "y"(a));
  uint64_t halves[2];
  memcpy(halves, &wide, 16);
  mix("movq2dq", halves[0] ^ (halves[1] * 3), show);
  __asm__("movdq2q %1, %0" : "=y"(r) : "x"(wide));
  mix("movdq2q", bits(r), show);
}

// The conversions between MMX integers and SSE floats, under each MXCSR rounding mode.
static void conversions(__m64 a, __m64 b, int show) {
  const int32_t ints[2] = {(int32_t)(bits(a) >> 40), -(int32_t)(bits(b) >> 45)};
  __m64 pi;
  memcpy(&pi, ints, 8);
  __m128 ps = _mm_set1_ps(0.5f);
  __asm__("cvtpi2ps %1, %0" : "+x"(ps) : "ym"(pi));
  float f[4];
  memcpy(f, &ps, 16);
  mix("cvtpi2ps", (uint64_t)(int64_t)(f[0] * 4 + f[1] + f[2] * 3), show);
  const float fs[4] = {1234.75f + (float)(bits(a) % 1000) / 8, -2.5f, 1e10f, 0};
  __m128 in;
  memcpy(&in, fs, 16);
  __m64 r;
  __asm__("cvtps2pi %1, %0" : "=y"(r) : "x"(in));
  mix("cvtps2pi", bits(r), show);
  __asm__("cvttps2pi %1, %0" : "=y"(r) : "xm"(in));
  mix("cvttps2pi", bits(r), show);
  double d[2];
  __m128d pd;
  __asm__("cvtpi2pd %1, %0" : "=x"(pd) : "ym"(pi));
  memcpy(d, &pd, 16);
  mix("cvtpi2pd", (uint64_t)(int64_t)(d[0] * 2 - d[1]), show);
  const double ds[2] = {3.5e9, -7.5 - (double)(bits(b) % 1000) / 4};
  memcpy(&pd, ds, 16);
  __asm__("cvtpd2pi %1, %0" : "=y"(r) : "xm"(pd));
  mix("cvtpd2pi", bits(r), show);
  __asm__("cvttpd2pi %1, %0" : "=y"(r) : "x"(pd));
  mix("cvttpd2pi", bits(r), show);
}

// FXSAVE after MMX writes: MMi is the significand of physical x87 register i with the sign
// and exponent bits all ones, TOP is 0 and every tag valid; after EMMS every tag is empty.
static void fxsave_aliasing(void) {
  static uint8_t area[512] __attribute__((aligned(16)));
  const uint64_t values[8] = {0x0123456789abcdefull, 1, 0x8000000000000000ull, 0, 42, 0xffull,
                              0xfedcba9876543210ull, 7};
  __asm__ volatile(
      "fninit\n fld1\n fld1\n fld1\n"  // TOP 5, three registers in use
      "movq 0(%1), %%mm0\n movq 8(%1), %%mm1\n movq 16(%1), %%mm2\n movq 24(%1), %%mm3\n"
      "movq 32(%1), %%mm4\n movq 40(%1), %%mm5\n movq 48(%1), %%mm6\n movd 56(%1), %%mm7\n"
      "fxsave %0"
      : "=m"(area)
      : "r"(values)
      : "memory");
  uint16_t fsw;
  memcpy(&fsw, area + 2, 2);
  printf("after movq: TOP %d, tags %02x\n", (fsw >> 11) & 7, area[4]);
  for (int i = 0; i < 8; ++i) {
    uint64_t significand;
    uint16_t exponent;
    memcpy(&significand, area + 32 + 16 * i, 8);
    memcpy(&exponent, area + 40 + 16 * i, 2);
    printf("  st%d = mm%d: %016llx exponent %04x\n", i, i, (unsigned long long)significand,
           exponent);
  }
  __asm__ volatile("emms\n fxsave %0" : "=m"(area) : : "memory");
  memcpy(&fsw, area + 2, 2);
  printf("after emms: TOP %d, tags %02x\n", (fsw >> 11) & 7, area[4]);
  // x87 code works again after EMMS, and its registers read back through MMX.
  volatile long double x = 1.5L;
  x = x * x + 0.25L;
  printf("x87 after emms: %.3Lf\n", (long double)x);
  uint64_t significand;
  __asm__ volatile("fninit\n fld1\n movq %%mm7, %0\n emms" : "=r"(significand));
  printf("fld1 seen as mm7: %016llx\n", (unsigned long long)significand);
}

int main(void) {
  const unsigned modes[4] = {0x1f80, 0x3f80, 0x5f80, 0x7f80};  // each rounding mode
  for (int round = 0; round < 2000; ++round) {
    uint64_t x = next(), y = next();
    if (round % 3 == 1) x &= 0x0f0f0f0f0f0f0f0full;
    if (round % 5 == 2) y |= 0x8080808080808080ull;
    const int show = round == 0;
    _mm_setcsr(modes[round % 4]);
    binary_ops(m64(x), m64(y), show);
    other_ops(m64(x), m64(y), show);
    conversions(m64(x), m64(y), show);
    _mm_empty();
  }
  _mm_setcsr(0x1f80);
  printf("checksum %016llx\n", (unsigned long long)checksum);
  fxsave_aliasing();
  return 0;
}
