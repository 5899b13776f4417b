/* RISC-V Zvbb (vandn, vror/vrol, vrev8, vbrev8, vbrev, vclz, vctz, vcpop.v, vwsll), Zvfhmin
 * (vfncvt.f.f.w and vfwcvt.f.f.v at SEW 16 under every frm) and Zawrs (wrs.nto/wrs.sto) in
 * strip-mined loops, some masked with tail and mask undisturbed. clang 14 knows none of them:
 * they are .word encodings (OPV below: the V spec's OP-V layout) with fixed registers.
 * Stored expectation: the same source built with -DREFERENCE, where every kernel is the scalar
 * C it stands for, the half conversions are the scalar Zfh fcvt.h.s/fcvt.s.h and the waits are
 * NOPs, run under qemu-riscv64 7.2 (which has Zfh but neither Zvbb, Zvfhmin nor Zawrs):
 *   clang-14 --target=riscv64-linux-gnu -march=rv64gcv -O3 -static -DREFERENCE rv_vector_ext.c
 *   qemu-riscv64 -cpu rv64,v=true,vlen=128,elen=64,vext_spec=v1.0,Zfh=true ./a.out */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 203

#define STR(x) #x
#define XSTR(x) STR(x)
/* funct6 | vm | vs2 | vs1/rs1/imm | funct3 | vd | OP-V */
#define OPV(f6, vm, vs2, vs1, f3, vd) \
  (((f6) << 26) | ((vm) << 25) | ((vs2) << 20) | ((vs1) << 15) | ((f3) << 12) | ((vd) << 7) | 0x57)
/* Every Zvbb kernel: vd = v16, vs2 = v8, vs1 = v24, rs1 = t1 (x6). */
#define VV(f6, vm) OPV(f6, vm, 8, 24, 0, 16)
#define VX(f6, vm) OPV(f6, vm, 8, 6, 4, 16)
#define VI(f6, vm, imm) OPV(f6, vm, 8, imm, 3, 16)
#define UNARY(code, vm) OPV(022, vm, 8, code, 2, 16)

static uint8_t in8[N], out8[N];
static uint16_t in16[N], out16[N], half[N];
static uint32_t in32[N], amt32[N], out32[N], wide32[N];
static uint64_t in64[N], other64[N], out64[N];
static float floats[N];

static uint64_t fnv(const void *p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; ++i) h = (h ^ ((const uint8_t *)p)[i]) * 0x100000001b3ull;
  return h;
}
static uint64_t seed = 0x2545f4914f6cdd1dull;
static uint64_t next(void) {
  seed ^= seed << 13;
  seed ^= seed >> 7;
  seed ^= seed << 17;
  return seed;
}

static void fill(void) {
  for (int i = 0; i < N; ++i) {
    uint64_t r = next();
    in8[i] = (uint8_t)r;
    in16[i] = (uint16_t)(r >> 8);
    in32[i] = (uint32_t)(r >> 16);
    amt32[i] = (uint32_t)(r >> 40);
    in64[i] = i % 7 == 0 ? 0 : (next() >> (r & 63)) << ((r >> 6) & 15);
    other64[i] = next();
    out8[i] = out16[i] = 0x5a;
    out32[i] = 0xa5a5a5a5u;
    out64[i] = 0x1234;
  }
  static const uint32_t special[] = {0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000,
                                     0x7fa00000, 0x00000001, 0x477fe000, 0x477ff000, 0x477ff001,
                                     0x33800000, 0x33000000, 0x33000001, 0x387fc000, 0x38800000,
                                     0xb8801000, 0x3f800001, 0xc0490fdb};
  for (int i = 0; i < N; ++i) {
    uint32_t bits = (uint32_t)next();
    if (i < (int)(sizeof special / sizeof special[0]))
      bits = special[i];
    else if (i % 3 == 0)  /* a single inside the half range */
      bits = (bits & 0x807fffffu) | (uint32_t)(101 + i % 44) << 23;
    memcpy(&floats[i], &bits, 4);
  }
}

static void print(const char *name, const void *p, size_t n) {
  printf("%-22s %016llx\n", name, (unsigned long long)fnv(p, n));
}

#ifdef REFERENCE
static uint32_t rotr32(uint32_t x, unsigned n) {
  n &= 31;
  return n ? x >> n | x << (32 - n) : x;
}
static uint8_t brev8_byte(uint8_t b) {
  uint8_t r = 0;
  for (int i = 0; i < 8; ++i) r |= (uint8_t)(((b >> i) & 1) << (7 - i));
  return r;
}
#define FCVT_H_S 0x440070d3 /* fcvt.h.s ft1, ft0, dyn */
#define FCVT_S_H 0x402070d3 /* fcvt.s.h ft1, ft0, dyn */
static uint32_t frflags(void) {
  uint32_t f;
  __asm__ volatile("frflags %0" : "=r"(f));
  return f;
}
static void to_half(unsigned frm) {
  __asm__ volatile("csrw frm, %0\n csrwi fflags, 0" : : "r"(frm));
  for (int i = 0; i < N; ++i) {
    uint32_t bits, h;
    memcpy(&bits, &floats[i], 4);
    __asm__ volatile("fmv.w.x ft0, %1\n .word " XSTR(FCVT_H_S) "\n fmv.x.w %0, ft1"
                     : "=r"(h) : "r"(bits) : "ft0", "ft1");
    half[i] = (uint16_t)h;
  }
}
static void from_half(void) {
  __asm__ volatile("csrwi fflags, 0");
  for (int i = 0; i < N; ++i) {
    uint32_t h = 0xffff0000u | half[i], f;
    __asm__ volatile("fmv.w.x ft0, %1\n .word " XSTR(FCVT_S_H) "\n fmv.x.w %0, ft1"
                     : "=r"(f) : "r"(h) : "ft0", "ft1");
    wide32[i] = f;
  }
}
#else
#define VCLOBBERS                                                                                 \
  "v0", "v8", "v9", "v10", "v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19", "v20", \
      "v21", "v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31"
/* One strip-mined loop: vsetvli with VTYPE, load vs2 (and vs1 / vd) with EEW, the
 * instruction, store vd with its EEW. */
#define KERNEL(vtype, load, store, word, src, src1, dst, amount)                                  \
  do {                                                                                             \
    const void *s_ = (src), *s1_ = (src1);                                                         \
    void *d_ = (dst);                                                                              \
    for (long n_ = N; n_ > 0;) {                                                                   \
      long vl_;                                                                                    \
      __asm__ volatile("vsetvli %0, %1, " vtype "\n " load " v8, (%2)\n " load " v24, (%3)\n"    \
                       " mv t1, %5\n .word " XSTR(word) "\n " store " v16, (%4)"                  \
                       : "=&r"(vl_)                                                                \
                       : "r"(n_), "r"(s_), "r"(s1_), "r"(d_), "r"((long)(amount))                \
                       : "t1", "memory", VCLOBBERS);                                               \
      n_ -= vl_;                                                                                   \
      s_ = (const char *)s_ + vl_ * sizeof(*(src));                                                \
      s1_ = (const char *)s1_ + vl_ * sizeof(*(src1));                                             \
      d_ = (char *)d_ + vl_ * sizeof(*(dst));                                                      \
    }                                                                                              \
  } while (0)
#endif

int main(void) {
  fill();
  /* Zvbb / Zvkb */
#ifdef REFERENCE
  for (int i = 0; i < N; ++i) out32[i] = __builtin_bswap32(in32[i]);
#else
  KERNEL("e32, m2, ta, ma", "vle32.v", "vse32.v", UNARY(9, 1), in32, in32, out32, 0);
#endif
  print("vrev8.v e32", out32, sizeof out32);
#ifdef REFERENCE
  for (int i = 0; i < N; ++i) out32[i] = rotr32(in32[i], 7);
#else
  KERNEL("e32, m2, ta, ma", "vle32.v", "vse32.v", VI(024, 1, 7), in32, in32, out32, 0);
#endif
  print("vror.vi e32 7", out32, sizeof out32);
#ifdef REFERENCE
  for (int i = 0; i < N; ++i) out64[i] = in64[i] >> 45 | in64[i] << 19;
#else
  KERNEL("e64, m4, ta, ma", "vle64.v", "vse64.v", VI(025, 1, 13), in64, in64, out64, 0);
#endif
  print("vror.vi e64 45", out64, sizeof out64);
#ifdef REFERENCE
  for (int i = 0; i < N; ++i) out32[i] = rotr32(in32[i], 32 - 13);
#else
  KERNEL("e32, m2, ta, ma", "vle32.v", "vse32.v", VX(025, 1), in32, in32, out32, 13 + 64);
#endif
  print("vrol.vx e32 13", out32, sizeof out32);
#ifdef REFERENCE
  for (int i = 0; i < N; ++i) out32[i] = rotr32(in32[i], amt32[i]);
#else
  KERNEL("e32, m2, ta, ma", "vle32.v", "vse32.v", VV(024, 1), in32, amt32, out32, 0);
#endif
  print("vror.vv e32", out32, sizeof out32);
#ifdef REFERENCE
  for (int i = 0; i < N; ++i) out64[i] = in64[i] & ~other64[i];
#else
  KERNEL("e64, m2, ta, ma", "vle64.v", "vse64.v", VV(001, 1), in64, other64, out64, 0);
#endif
  print("vandn.vv e64", out64, sizeof out64);
#ifdef REFERENCE
  for (int i = 0; i < N; ++i) out8[i] = brev8_byte(in8[i]);
#else
  KERNEL("e8, m1, ta, ma", "vle8.v", "vse8.v", UNARY(8, 1), in8, in8, out8, 0);
#endif
  print("vbrev8.v e8", out8, sizeof out8);
#ifdef REFERENCE
  for (int i = 0; i < N; ++i)
    out16[i] = (uint16_t)(brev8_byte((uint8_t)(in16[i] >> 8)) | brev8_byte((uint8_t)in16[i]) << 8);
#else
  KERNEL("e16, m1, ta, ma", "vle16.v", "vse16.v", UNARY(10, 1), in16, in16, out16, 0);
#endif
  print("vbrev.v e16", out16, sizeof out16);
#ifdef REFERENCE
  for (int i = 0; i < N; ++i) out64[i] = in64[i] ? (uint64_t)__builtin_clzll(in64[i]) : 64;
#else
  KERNEL("e64, m8, ta, ma", "vle64.v", "vse64.v", UNARY(12, 1), in64, in64, out64, 0);
#endif
  print("vclz.v e64", out64, sizeof out64);
#ifdef REFERENCE
  for (int i = 0; i < N; ++i) out32[i] = in32[i] & 0xfff000u ? (uint32_t)__builtin_ctz(in32[i] & 0xfff000u) : 32;
#else
  for (int i = 0; i < N; ++i) wide32[i] = in32[i] & 0xfff000u;
  KERNEL("e32, m1, ta, ma", "vle32.v", "vse32.v", UNARY(13, 1), wide32, wide32, out32, 0);
#endif
  print("vctz.v e32", out32, sizeof out32);
#ifdef REFERENCE
  for (int i = 0; i < N; ++i) out64[i] = (uint64_t)__builtin_popcountll(in64[i]);
#else
  KERNEL("e64, m1, ta, ma", "vle64.v", "vse64.v", UNARY(14, 1), in64, in64, out64, 0);
#endif
  print("vcpop.v e64", out64, sizeof out64);
#ifdef REFERENCE
  for (int i = 0; i < N; ++i) wide32[i] = (uint32_t)in16[i] << 9;
#else
  KERNEL("e16, m1, ta, ma", "vle16.v", "vse32.v", VX(065, 1), in16, in16, wide32, 9 + 32);
#endif
  print("vwsll.vx e16 9", wide32, sizeof wide32);
#ifdef REFERENCE
  for (int i = 0; i < N; ++i) wide32[i] = (uint32_t)in16[i] << 17;
#else
  KERNEL("e16, m1, ta, ma", "vle16.v", "vse32.v", VI(065, 1, 17), in16, in16, wide32, 0);
#endif
  print("vwsll.vi e16 17", wide32, sizeof wide32);
#ifdef REFERENCE
  for (int i = 0; i < N; ++i) out16[i] = (uint16_t)(in8[i] << (in8[(i + 1) % N] & 15));
#else
  for (int i = 0; i < N; ++i) out8[i] = in8[(i + 1) % N];
  KERNEL("e8, mf2, ta, ma", "vle8.v", "vse16.v", VV(065, 1), in8, out8, out16, 0);
#endif
  print("vwsll.vv e8", out16, sizeof out16);
  /* Masked, tail and mask undisturbed: odd elements rotated, the others keep out32. */
  for (int i = 0; i < N; ++i) out32[i] = 0xa5a5a5a5u ^ (uint32_t)i;
#ifdef REFERENCE
  for (int i = 0; i < N; ++i)
    if (in32[i] & 1) out32[i] = rotr32(in32[i], 35);
#else
  {
    const uint32_t *s = in32;
    uint32_t *d = out32;
    for (long n = N; n > 0;) {
      long vl;
      __asm__ volatile("vsetvli %0, %1, e32, m2, tu, mu\n vle32.v v8, (%2)\n vle32.v v16, (%3)\n"
                       " vand.vi v24, v8, 1\n vmsne.vi v0, v24, 0\n"
                       " .word " XSTR(VI(025, 0, 3)) "\n vse32.v v16, (%3)"
                       : "=&r"(vl) : "r"(n), "r"(s), "r"(d) : "memory", VCLOBBERS);
      n -= vl;
      s += vl;
      d += vl;
    }
  }
#endif
  print("vror.vi e32 35 v0.t", out32, sizeof out32);

  /* Zvfhmin: single -> half under each rounding mode, then back. */
  for (unsigned frm = 0; frm < 5; ++frm) {
    uint32_t flags;
#ifdef REFERENCE
    to_half(frm);
    flags = frflags();
    from_half();
    uint32_t back_flags = frflags();
#else
    __asm__ volatile("csrw frm, %0\n csrwi fflags, 0" : : "r"(frm));
    KERNEL("e16, m1, ta, ma", "vle32.v", "vse16.v", OPV(022, 1, 8, 20, 1, 16), floats, floats,
           half, 0);
    __asm__ volatile("frflags %0" : "=r"(flags));
    __asm__ volatile("csrwi fflags, 0");
    KERNEL("e16, m1, ta, ma", "vle16.v", "vse32.v", OPV(022, 1, 8, 12, 1, 16), half, half,
           wide32, 0);
    uint32_t back_flags;
    __asm__ volatile("frflags %0" : "=r"(back_flags));
#endif
    printf("frm %u: ", frm);
    print("vfncvt.f.f.w", half, sizeof half);
    printf("  fflags %02x, back ", flags);
    print("vfwcvt.f.f.v", wide32, sizeof wide32);
    printf("  fflags %02x; halves", back_flags);
    for (int i = 0; i < 18; ++i) printf(" %04x", half[i]);
    printf("\n");
  }

  /* Zawrs: a wait loop on a reservation whose flag is already set completes. */
  static volatile uint32_t flag = 1;
  unsigned waits = 0;
  for (int i = 0; i < 100; ++i) {
    uint32_t seen;
#ifdef REFERENCE
    __asm__ volatile("lr.w %0, (%1)\n nop\n nop" : "=r"(seen) : "r"(&flag) : "memory");
#else
    __asm__ volatile("lr.w %0, (%1)\n .word 0x00d00073\n .word 0x01d00073"
                     : "=r"(seen) : "r"(&flag) : "memory");
#endif
    waits += seen;
  }
  printf("wrs.nto/wrs.sto: %u waits completed\n", waits);
  return 0;
}
