/* AArch64 FEAT_FP16 and FEAT_FHM as compiled code uses them, compared with qemu-aarch64 -cpu max:
 * _Float16 arithmetic, comparisons and conversions in C, the scalar half intrinsics of
 * arm_fp16.h and the 4H/8H ones of arm_neon.h (FMLAL/FMLSL too), over special values (zeros,
 * infinities, NaNs, subnormals, the largest and smallest normals, integer and overflow edges),
 * in every rounding mode with FPCR.FZ16 and FPCR.DN off and on. Each group prints a digest of
 * its result bits and the FPSR flags it raised. Built with -march=armv8.2-a+fp16+fp16fml
 * (tests/programs/CMakeLists.txt). */
#include <arm_fp16.h>
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint16_t values[] = {0x0000, 0x8000, 0x3c00, 0xbc00, 0x7c00, 0xfc00, 0x7e00, 0x7c01,
                            0x0001, 0x83ff, 0x0400, 0x8401, 0x7bff, 0xfbff, 0x3555, 0x4248,
                            0xc900, 0x5bff, 0x1400, 0x0200, 0x3800, 0x7800, 0x2e66, 0xd3a1};
#define COUNT (sizeof values / sizeof values[0])
static int64_t ints[] = {0,     1,         -1,        7,         2047,       2049,
                         4097,  65504,     65519,     65520,     -65536,     0x7fffffff,
                         -1234, 123456789, INT64_MAX, INT64_MIN, 0x10000001, -3};
#define INT_COUNT (sizeof ints / sizeof ints[0])

static uint64_t digest;
static void mix(uint64_t v) {
  digest = (digest ^ v) * 0x100000001b3ull;
}
static float16_t half(unsigned i) {
  float16_t x;
  memcpy(&x, &values[i % COUNT], 2);
  return x;
}
static uint16_t bits(float16_t x) {
  uint16_t b;
  memcpy(&b, &x, 2);
  return b;
}
static float16x8_t vec(unsigned i) {
  float16x8_t v;
  for (unsigned k = 0; k < 8; ++k) v[k] = half(i * 5 + k * 3);
  return v;
}
static void mix_vec(float16x8_t v) {
  for (unsigned k = 0; k < 8; ++k) mix(bits(v[k]));
}
static void mix_u16(uint16x8_t v) {
  for (unsigned k = 0; k < 8; ++k) mix(v[k]);
}

static void set_fpcr(uint64_t v) {
  __asm__ volatile("msr fpcr, %0\n\tmsr fpsr, xzr" : : "r"(v) : "memory");
}
static uint64_t fpsr(void) {
  uint64_t v;
  __asm__ volatile("mrs %0, fpsr" : "=r"(v) : : "memory");
  return v;
}
static void report(const char* group) {
  printf("  %-10s %016llx fpsr %02llx\n", group, (unsigned long long)digest,
         (unsigned long long)fpsr());
  digest = 0xcbf29ce484222325ull;
  __asm__ volatile("msr fpsr, xzr" : : : "memory");
}

/* C arithmetic on _Float16: FADD, FSUB, FMUL, FDIV, FCMP/FCMPE, FCSEL, conversions. */
__attribute__((noipa)) static void c_arith(void) {
  for (unsigned i = 0; i < COUNT; ++i)
    for (unsigned j = 0; j < COUNT; ++j) {
      const _Float16 a = half(i), b = half(j);
      mix(bits(a + b));
      mix(bits(a - b));
      mix(bits(a * b));
      mix(bits(a / b));
      mix((a < b) | (a == b) << 1 | (a >= b) << 2 | __builtin_isunordered(a, b) << 3);
      mix(bits(a < b ? a : b));
    }
  report("c arith");
  for (unsigned i = 0; i < COUNT; ++i) {
    const _Float16 a = half(i);
    mix((uint64_t)(int)a);
    mix((uint64_t)(long long)a);
    mix((unsigned)a);
  }
  for (unsigned i = 0; i < INT_COUNT; ++i) {
    mix(bits((_Float16)ints[i]));
    mix(bits((_Float16)(int32_t)ints[i]));
    mix(bits((_Float16)(uint64_t)ints[i]));
  }
  report("c convert");
}

/* The scalar intrinsics: two-operand, fused, one-operand, estimates and steps, compares. */
__attribute__((noipa)) static void scalar_intrinsics(void) {
  for (unsigned i = 0; i < COUNT; ++i)
    for (unsigned j = 0; j < COUNT; ++j) {
      const float16_t a = half(i), b = half(j), c = half(i + j);
      mix(bits(vmaxh_f16(a, b)) | (uint64_t)bits(vminh_f16(a, b)) << 16);
      mix(bits(vmaxnmh_f16(a, b)) | (uint64_t)bits(vminnmh_f16(a, b)) << 16);
      mix(bits(vabdh_f16(a, b)) | (uint64_t)bits(vmulxh_f16(a, b)) << 16);
      mix(bits(vrecpsh_f16(a, b)) | (uint64_t)bits(vrsqrtsh_f16(a, b)) << 16);
      mix(bits(vfmah_f16(c, a, b)) | (uint64_t)bits(vfmsh_f16(c, a, b)) << 16);
      mix(vceqh_f16(a, b) | vcgeh_f16(a, b) << 16 | (uint64_t)vcgth_f16(a, b) << 32);
      mix(vcageh_f16(a, b) | vcagth_f16(a, b) << 16);
    }
  report("scalar 2op");
  for (unsigned i = 0; i < COUNT; ++i) {
    const float16_t a = half(i);
    mix(bits(vsqrth_f16(a)) | (uint64_t)bits(vabsh_f16(a)) << 16 |
        (uint64_t)bits(vnegh_f16(a)) << 32);
    mix(bits(vrndah_f16(a)) | (uint64_t)bits(vrndh_f16(a)) << 16 |
        (uint64_t)bits(vrndih_f16(a)) << 32 | (uint64_t)bits(vrndmh_f16(a)) << 48);
    mix(bits(vrndnh_f16(a)) | (uint64_t)bits(vrndph_f16(a)) << 16 |
        (uint64_t)bits(vrndxh_f16(a)) << 32);
    mix(bits(vrecpeh_f16(a)) | (uint64_t)bits(vrsqrteh_f16(a)) << 16 |
        (uint64_t)bits(vrecpxh_f16(a)) << 32);
    mix(vceqzh_f16(a) | vcgezh_f16(a) << 16 | (uint64_t)vcltzh_f16(a) << 32);
  }
  report("scalar 1op");
  for (unsigned i = 0; i < COUNT; ++i) {
    const float16_t a = half(i);
    mix((uint32_t)vcvth_s32_f16(a));
    mix(vcvth_u32_f16(a));
    mix((uint64_t)vcvtah_s64_f16(a));
    mix(vcvtmh_u64_f16(a));
    mix((uint32_t)vcvtnh_s32_f16(a));
    mix((uint64_t)vcvtph_s64_f16(a));
    mix((uint32_t)vcvth_n_s32_f16(a, 5));
    mix(vcvth_n_u64_f16(a, 40));
    mix((uint16_t)vcvth_s16_f16(a));
    mix(vcvtah_u16_f16(a));
  }
  for (unsigned i = 0; i < INT_COUNT; ++i) {
    mix(bits(vcvth_f16_s32((int32_t)ints[i])));
    mix(bits(vcvth_f16_u64((uint64_t)ints[i])));
    mix(bits(vcvth_n_f16_s32((int32_t)ints[i], 12)));
    mix(bits(vcvth_n_f16_u64((uint64_t)ints[i], 60)));
    mix(bits(vcvth_f16_s16((int16_t)ints[i])));
  }
  report("scalar cvt");
}

/* 4H/8H: arithmetic, by element, pairwise, across lanes, conversions, estimates, compares,
 * FMLAL/FMLSL (FEAT_FHM). */
__attribute__((noipa)) static void vector_intrinsics(void) {
  for (unsigned i = 0; i < COUNT; ++i)
    for (unsigned j = 0; j < COUNT; j += 3) {
      const float16x8_t a = vec(i), b = vec(j), c = vec(i + j + 1);
      mix_vec(vaddq_f16(a, b));
      mix_vec(vsubq_f16(a, b));
      mix_vec(vmulq_f16(a, b));
      mix_vec(vdivq_f16(a, b));
      mix_vec(vfmaq_f16(c, a, b));
      mix_vec(vfmsq_f16(c, a, b));
      mix_vec(vfmaq_laneq_f16(c, a, b, 5));
      mix_vec(vmulq_laneq_f16(a, b, 2));
      mix_vec(vmulxq_laneq_f16(a, b, 7));
      mix_vec(vmulxq_f16(a, b));
      mix_vec(vpaddq_f16(a, b));
      mix_vec(vpmaxq_f16(a, b));
      mix_vec(vpminnmq_f16(a, b));
      mix_vec(vmaxnmq_f16(a, b));
      mix_vec(vminq_f16(a, b));
      mix_vec(vabdq_f16(a, b));
      mix_vec(vrecpsq_f16(a, b));
      mix_u16(vcgeq_f16(a, b));
      mix_u16(vcaltq_f16(a, b));
      mix(bits(vmaxvq_f16(a)) | (uint64_t)bits(vminnmvq_f16(b)) << 16 |
          (uint64_t)bits(vminv_f16(vget_low_f16(c))) << 32);
      const float32x4_t acc = vcvt_f32_f16(vget_high_f16(c));
      const float32x4_t fhm = vfmlalq_low_f16(acc, a, b);
      const float32x4_t fhm2 = vfmlslq_high_f16(acc, a, b);
      const float32x4_t fhm3 = vfmlalq_laneq_low_f16(acc, a, b, 6);
      for (unsigned k = 0; k < 4; ++k) {
        uint32_t w[3];
        memcpy(&w[0], &((float*)&fhm)[k], 4);
        memcpy(&w[1], &((float*)&fhm2)[k], 4);
        memcpy(&w[2], &((float*)&fhm3)[k], 4);
        mix(w[0] ^ (uint64_t)w[1] << 32 ^ w[2]);
      }
    }
  report("vector 2op");
  for (unsigned i = 0; i < COUNT; ++i) {
    const float16x8_t a = vec(i);
    mix_vec(vsqrtq_f16(a));
    mix_vec(vrndaq_f16(a));
    mix_vec(vrndxq_f16(a));
    mix_vec(vrecpeq_f16(a));
    mix_vec(vrsqrteq_f16(a));
    mix_u16(vcltzq_f16(a));
    mix_u16((uint16x8_t)vcvtq_s16_f16(a));
    mix_u16(vcvtq_n_u16_f16(a, 3));
    mix_u16((uint16x8_t)vcvtmq_s16_f16(a));
    int16x8_t n;
    for (unsigned k = 0; k < 8; ++k) n[k] = (int16_t)ints[(i + k) % INT_COUNT];
    mix_vec(vcvtq_f16_s16(n));
    mix_vec(vcvtq_n_f16_u16((uint16x8_t)n, 4));
  }
  report("vector 1op");
}

int main(void) {
  static const char* const kModes[] = {"RN", "RP", "RM", "RZ"};
  for (unsigned config = 0; config < 16; ++config) {
    const unsigned rmode = config & 3, fz16 = (config >> 2) & 1, dn = config >> 3;
    printf("%s fz16=%u dn=%u\n", kModes[rmode], fz16, dn);
    set_fpcr((uint64_t)rmode << 22 | (uint64_t)fz16 << 19 | (uint64_t)dn << 25);
    digest = 0xcbf29ce484222325ull;
    c_arith();
    scalar_intrinsics();
    vector_intrinsics();
  }
  set_fpcr(0);
  return 0;
}
