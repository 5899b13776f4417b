/* AArch64 v8.x extensions as real programs use them, compared with qemu-aarch64 -cpu max: LSE
 * atomics from several threads at once (LDADD, LDSET/LDCLR/LDEOR, LDUMAX/LDSMIN, SWP as a lock,
 * CAS and CASP loops), then CRC32/CRC32C, AES, PMULL, SHA1, SHA256, SHA512, SHA3, DotProd, RDM,
 * FCMA, I8MM, JSCVT, FRINTTS and FlagM over fixed data, printed as digests. Built with
 * -march=armv8.5-a+crypto+sha3+rng+i8mm (tests/programs/CMakeLists.txt). */
#include <arm_acle.h>
#include <arm_neon.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define THREADS 4
#define ITERATIONS 20000

static uint64_t counter, bits_set, bits_toggled = 0, max_seen;
static int64_t min_seen;
static uint32_t lock, inside, cas_counter;
static unsigned __int128 pair __attribute__((aligned(16)));
static uint64_t lock_protected;

static uint64_t ldumax(uint64_t* p, uint64_t v) {
  uint64_t old;
  __asm__ volatile("ldumaxal %x1, %x0, [%2]" : "=r"(old) : "r"(v), "r"(p) : "memory");
  return old;
}
static int64_t ldsmin(int64_t* p, int64_t v) {
  int64_t old;
  __asm__ volatile("ldsminl %x1, %x0, [%2]" : "=r"(old) : "r"(v), "r"(p) : "memory");
  return old;
}
/* A test-and-set lock on SWPA, released by STLR. */
static void acquire(uint32_t* l) {
  uint32_t old, one = 1;
  do __asm__ volatile("swpa %w1, %w0, [%2]" : "=r"(old) : "r"(one), "r"(l) : "memory");
  while (old != 0);
}
static void release(uint32_t* l) {
  __asm__ volatile("stlr wzr, [%0]" : : "r"(l) : "memory");
}
/* The 128-bit pair {lo, hi} incremented as one by a CASPAL loop. */
static void pair_increment(void) {
  for (;;) {
    uint64_t lo, hi;
    __asm__ volatile("ldp %0, %1, [%2]" : "=r"(lo), "=r"(hi) : "r"(&pair) : "memory");
    register uint64_t old_lo __asm__("x4") = lo, old_hi __asm__("x5") = hi;
    register uint64_t new_lo __asm__("x6") = lo + 1, new_hi __asm__("x7") = hi + (lo == ~0ull);
    __asm__ volatile("caspal %0, %1, %2, %3, [%4]"
                     : "+r"(old_lo), "+r"(old_hi)
                     : "r"(new_lo), "r"(new_hi), "r"(&pair)
                     : "memory");
    if (old_lo == lo && old_hi == hi) return;
  }
}

static void* worker(void* arg) {
  const uint64_t id = (uint64_t)(uintptr_t)arg;
  for (uint64_t i = 0; i < ITERATIONS; ++i) {
    __atomic_fetch_add(&counter, 3, __ATOMIC_RELAXED);                            /* LDADD */
    __atomic_fetch_or(&bits_set, 1ull << ((id * 16 + i) % 64), __ATOMIC_ACQUIRE); /* LDSETA */
    __atomic_fetch_xor(&bits_toggled, 1ull << (i % 64), __ATOMIC_RELEASE);        /* LDEORL */
    ldumax(&max_seen, id * ITERATIONS + i);
    ldsmin(&min_seen, -(int64_t)(id * ITERATIONS + i));
    uint32_t seen = __atomic_load_n(&cas_counter, __ATOMIC_RELAXED);
    while (!__atomic_compare_exchange_n(&cas_counter, &seen, seen + 1, 0, __ATOMIC_ACQ_REL,
                                        __ATOMIC_RELAXED)) { /* CASAL */
    }
    if (i % 4 == 0) pair_increment();
    acquire(&lock);
    if (__atomic_fetch_add(&inside, 1, __ATOMIC_RELAXED) != 0) printf("FAIL: two in the lock\n");
    lock_protected += id + 1;
    __atomic_fetch_sub(&inside, 1, __ATOMIC_RELAXED);
    release(&lock);
  }
  return NULL;
}

static void atomics(void) {
  pthread_t t[THREADS];
  __atomic_store_n(&bits_set, 0, __ATOMIC_RELAXED);
  pair = (unsigned __int128)(~0ull - 1000);
  for (uintptr_t i = 0; i < THREADS; ++i) pthread_create(&t[i], NULL, worker, (void*)i);
  for (int i = 0; i < THREADS; ++i) pthread_join(t[i], NULL);
  printf("ldadd %llu ldset %#llx ldeor %#llx ldumax %llu ldsmin %lld\n",
         (unsigned long long)counter, (unsigned long long)bits_set,
         (unsigned long long)bits_toggled, (unsigned long long)max_seen, (long long)min_seen);
  printf("cas %u casp %#llx:%#llx swp lock %llu\n", cas_counter, (unsigned long long)(pair >> 64),
         (unsigned long long)pair, (unsigned long long)lock_protected);
  /* LDCLR clears, CAS on bytes and halfwords, the ST aliases. */
  uint8_t b = 0x5a;
  uint16_t h = 0x1234;
  uint64_t c = ~0ull;
  __atomic_fetch_and(&c, ~0xf0f0ull, __ATOMIC_SEQ_CST);
  uint8_t eb = 0x5a;
  __atomic_compare_exchange_n(&b, &eb, 0xa5, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  uint16_t eh = 0x1111;
  const int ok =
      __atomic_compare_exchange_n(&h, &eh, 0x4321, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  printf("ldclr %#llx casb %#x cash %d %#x %#x\n", (unsigned long long)c, b, ok, h, eh);
}

static uint8_t data[256];

static void crc(void) {
  uint32_t a = ~0u, c = ~0u;
  for (int i = 0; i < 256; i += 8) {
    uint64_t d;
    memcpy(&d, data + i, 8);
    a = __crc32d(a, d);
    c = __crc32cd(c, d);
  }
  a = __crc32b(__crc32h(__crc32w(a, 0x12345678), 0x9abc), 0xde);
  c = __crc32cb(__crc32ch(__crc32cw(c, 0x12345678), 0x9abc), 0xde);
  printf("crc32 %#x crc32c %#x\n", ~a, ~c);
}

static void print_vec(const char* name, uint8x16_t v) {
  uint8_t out[16];
  vst1q_u8(out, v);
  printf("%s ", name);
  for (int i = 15; i >= 0; --i) printf("%02x", out[i]);
  printf("\n");
}

static void aes_pmull(void) {
  /* FIPS-197 C.1: AES-128 of 00112233...ff with key 000102...0f is
   * 69c4e0d86a7b0430d8cdb78070b4c55a. */
  uint8_t key[16], pt[16];
  for (int i = 0; i < 16; ++i) key[i] = (uint8_t)i, pt[i] = (uint8_t)(i * 0x11);
  static const uint8_t rcon[10] = {1, 2, 4, 8, 16, 32, 64, 128, 0x1b, 0x36};
  uint32_t w[44];
  memcpy(w, key, 16);
  for (int i = 4; i < 44; ++i) {
    uint32_t t = w[i - 1];
    if (i % 4 == 0) {
      /* SubWord(RotWord(t)) ^ rcon, with AESE on a zero key doing the S-box */
      uint8x16_t s = vaeseq_u8(vreinterpretq_u8_u32(vdupq_n_u32(t)), vdupq_n_u8(0));
      const uint32_t sub = vgetq_lane_u32(vreinterpretq_u32_u8(s), 0);
      t = ((sub >> 8) | (sub << 24)) ^ rcon[i / 4 - 1];
    }
    w[i] = w[i - 4] ^ t;
  }
  uint8x16_t state = vld1q_u8(pt);
  for (int r = 0; r < 9; ++r) state = vaesmcq_u8(vaeseq_u8(state, vld1q_u8((uint8_t*)&w[4 * r])));
  state = veorq_u8(vaeseq_u8(state, vld1q_u8((uint8_t*)&w[36])), vld1q_u8((uint8_t*)&w[40]));
  uint8_t out[16];
  vst1q_u8(out, state);
  printf("aes-128 ");
  for (int i = 0; i < 16; ++i) printf("%02x", out[i]);
  printf("\n");
  /* Decrypt again with AESD/AESIMC and the inverse-mixed round keys (the equivalent inverse
   * cipher). */
  state = vaesdq_u8(state, vld1q_u8((uint8_t*)&w[40]));
  for (int r = 9; r >= 1; --r)
    state = vaesdq_u8(vaesimcq_u8(state), vaesimcq_u8(vld1q_u8((uint8_t*)&w[4 * r])));
  state = veorq_u8(state, vld1q_u8((uint8_t*)&w[0]));
  vst1q_u8(out, state);
  printf("aes decrypt %s\n", memcmp(out, pt, 16) == 0 ? "ok" : "FAIL");
  const poly64_t x = 0x87654321deadbeefull, y = 0xfedcba9876543210ull;
  print_vec("pmull.1q", vreinterpretq_u8_p128(vmull_p64(x, y)));
  const poly8x16_t p = vld1q_p8((poly8_t*)data), q = vld1q_p8((poly8_t*)data + 16);
  print_vec("pmull.8h", vreinterpretq_u8_p16(vmull_p8(vget_low_p8(p), vget_low_p8(q))));
  print_vec("pmull2.8h", vreinterpretq_u8_p16(vmull_high_p8(p, q)));
}

/* SHA-256 of `data` with the SHA256H/H2/SU0/SU1 instructions, one 64-byte block at a time. */
static void sha256(void) {
  static const uint32_t k[64] = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
      0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
      0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
      0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
      0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
      0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
      0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
      0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
      0xc67178f2};
  uint32x4_t abcd = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a};
  uint32x4_t efgh = {0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  for (int block = 0; block < 4; ++block) {
    uint32x4_t m[4];
    for (int i = 0; i < 4; ++i)
      m[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(data + 64 * block + 16 * i)));
    const uint32x4_t abcd0 = abcd, efgh0 = efgh;
    for (int i = 0; i < 16; ++i) {
      const uint32x4_t wk = vaddq_u32(m[i % 4], vld1q_u32(&k[4 * i]));
      const uint32x4_t prev = abcd;
      abcd = vsha256hq_u32(abcd, efgh, wk);
      efgh = vsha256h2q_u32(efgh, prev, wk);
      if (i < 12)
        m[i % 4] = vsha256su1q_u32(vsha256su0q_u32(m[i % 4], m[(i + 1) % 4]), m[(i + 2) % 4],
                                   m[(i + 3) % 4]);
    }
    abcd = vaddq_u32(abcd, abcd0);
    efgh = vaddq_u32(efgh, efgh0);
  }
  printf("sha256 blocks %08x%08x%08x%08x%08x%08x%08x%08x\n", vgetq_lane_u32(abcd, 0),
         vgetq_lane_u32(abcd, 1), vgetq_lane_u32(abcd, 2), vgetq_lane_u32(abcd, 3),
         vgetq_lane_u32(efgh, 0), vgetq_lane_u32(efgh, 1), vgetq_lane_u32(efgh, 2),
         vgetq_lane_u32(efgh, 3));
}

/* SHA1, SHA512 and SHA3 instructions chained over the data: a digest of their results. */
static void sha_others(void) {
  uint32x4_t a = vld1q_u32((uint32_t*)data), m0 = vld1q_u32((uint32_t*)(data + 16)),
             m1 = vld1q_u32((uint32_t*)(data + 32)), m2 = vld1q_u32((uint32_t*)(data + 48));
  uint32_t e = 0xc3d2e1f0;
  for (int i = 0; i < 20; ++i) {
    const uint32x4_t prev = a;
    a = i % 3 == 0   ? vsha1cq_u32(a, e, m0)
        : i % 3 == 1 ? vsha1pq_u32(a, e, m0)
                     : vsha1mq_u32(a, e, m0);
    e = vsha1h_u32(vgetq_lane_u32(prev, 0));
    m0 = vsha1su1q_u32(vsha1su0q_u32(m0, m1, m2), m2);
    const uint32x4_t t = m1;
    m1 = m2;
    m2 = t;
  }
  print_vec("sha1", vreinterpretq_u8_u32(a));
  uint64x2_t x = vld1q_u64((uint64_t*)(data + 64)), y = vld1q_u64((uint64_t*)(data + 80)),
             z = vld1q_u64((uint64_t*)(data + 96));
  for (int i = 0; i < 16; ++i) {
    x = vsha512hq_u64(x, y, z);
    y = vsha512h2q_u64(y, z, x);
    z = vsha512su1q_u64(vsha512su0q_u64(z, x), y, x);
  }
  print_vec("sha512", vreinterpretq_u8_u64(veorq_u64(x, vaddq_u64(y, z))));
  uint64x2_t s = veor3q_u64(x, y, z);
  s = vbcaxq_u64(s, x, y);
  s = vrax1q_u64(s, z);
  s = vxarq_u64(s, y, 23);
  print_vec("sha3", vreinterpretq_u8_u64(s));
}

static void dot_rdm_fp(void) {
  int32x4_t acc = vdupq_n_s32(-5);
  uint32x4_t uacc = vdupq_n_u32(7);
  for (int i = 0; i < 8; ++i) {
    acc = vdotq_s32(acc, vld1q_s8((int8_t*)data + 16 * i), vld1q_s8((int8_t*)data + 16 * i + 8));
    uacc = i % 2 ? vdotq_laneq_u32(uacc, vld1q_u8(data + 16 * i), vld1q_u8(data + 100), 3)
                 : vdotq_laneq_u32(uacc, vld1q_u8(data + 16 * i), vld1q_u8(data + 100), 1);
  }
  print_vec("sdot", vreinterpretq_u8_s32(acc));
  int32x4_t mm = vdupq_n_s32(11);
  uint32x4_t umm = vdupq_n_u32(3);
  for (int i = 0; i < 8; ++i) {
    const int8x16_t s = vld1q_s8((int8_t*)data + 16 * i);
    const uint8x16_t u = vld1q_u8(data + 128 - 16 * i);
    mm = vusdotq_s32(vusmmlaq_s32(vmmlaq_s32(mm, s, vrev64q_s8(s)), u, s), u, s);
    umm = vmmlaq_u32(umm, u, vrev32q_u8(u));
  }
  print_vec("i8mm", vreinterpretq_u8_s32(mm));
  print_vec("ummla", vreinterpretq_u8_u32(umm));
  print_vec("udot", vreinterpretq_u8_u32(uacc));
  int16x8_t r = vld1q_s16((int16_t*)data);
  for (int i = 0; i < 8; ++i) {
    r = vqrdmlahq_s16(r, vld1q_s16((int16_t*)data + 8 * i), vld1q_s16((int16_t*)data + 64));
    r = vqrdmlshq_laneq_s16(r, vld1q_s16((int16_t*)data + 8 * i + 4), vld1q_s16((int16_t*)data), 3);
  }
  print_vec("sqrdmlah", vreinterpretq_u8_s16(r));
  /* FCMLA #0 + #90 is a complex multiply-accumulate; FCADD rotates by 90 and 270 degrees. */
  float32x4_t c = vdupq_n_f32(0.5f);
  for (int i = 0; i < 8; ++i) {
    const float32x4_t x = vcvtq_f32_s32(vmovl_s16(vld1_s16((int16_t*)data + 4 * i)));
    const float32x4_t y =
        vmulq_n_f32(vcvtq_f32_u32(vmovl_u16(vld1_u16((uint16_t*)data + i))), 0.001f);
    c = vcmlaq_rot90_f32(vcmlaq_f32(c, x, y), x, y);
    c = vcaddq_rot270_f32(vcaddq_rot90_f32(c, y), vmulq_n_f32(c, 0.25f));
  }
  print_vec("fcmla", vreinterpretq_u8_f32(c));
  static const double js[] = {-3.0, 4294967301.5, -1.5, -0.0, 1e300, 2147483648.0, 7.0};
  for (unsigned i = 0; i < sizeof js / sizeof js[0]; ++i) {
    int32_t v;
    uint64_t nzcv;
    __asm__ volatile("fjcvtzs %w0, %d2\n\tmrs %1, nzcv" : "=r"(v), "=r"(nzcv) : "w"(js[i]));
    printf("fjcvtzs(%g) = %d z=%d\n", js[i], v, (int)(nzcv >> 30) & 1);
  }
  static const double fr[] = {2.5, -2.5, 3e9, -3e9, 1e19, -1e30};
  for (unsigned i = 0; i < sizeof fr / sizeof fr[0]; ++i) {
    double r32z, r32x, r64z, r64x;
    __asm__("frint32z %d0, %d1" : "=w"(r32z) : "w"(fr[i]));
    __asm__("frint32x %d0, %d1" : "=w"(r32x) : "w"(fr[i]));
    __asm__("frint64z %d0, %d1" : "=w"(r64z) : "w"(fr[i]));
    __asm__("frint64x %d0, %d1" : "=w"(r64x) : "w"(fr[i]));
    printf("frint(%g): %g %g %g %g\n", fr[i], r32z, r32x, r64z, r64x);
  }
  uint64_t flags;
  __asm__ volatile(
      "msr nzcv, xzr\n\tcfinv\n\tmov x9, #0x1ff\n\tsetf8 w9\n\trmif %1, #4, #0b0101\n\t"
      "mrs %0, nzcv"
      : "=r"(flags)
      : "r"(0xf0ull)
      : "x9", "cc");
  printf("flagm nzcv %#llx\n", (unsigned long long)(flags >> 28));
}

int main(void) {
  for (int i = 0; i < 256; ++i) data[i] = (uint8_t)(i * 37 + (i >> 3));
  atomics();
  crc();
  aes_pmull();
  sha256();
  sha_others();
  dot_rdm_fp();
  return 0;
}
