// BMI2, ADX, RDRAND, AES-NI, PCLMULQDQ and SHA-NI in a whole program, through the intrinsics
// GCC emits, each path taken only when CPUID reports its feature (as libraries choose them):
// FIPS-197's AES-128 example (encrypted and decrypted), SHA-256 of "abc" (FIPS 180-2), a
// carry-less product, PDEP/PEXT and a 128 x 128-bit product by MULX/ADCX/ADOX.
#include <cpuid.h>
#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int has(unsigned leaf, int reg_ecx, unsigned bit) {
  unsigned a, b, c, d;
  if (!__get_cpuid_count(leaf, 0, &a, &b, &c, &d)) return 0;
  return (((reg_ecx ? c : b) >> bit) & 1) != 0;
}

static void print_hex(const char* what, const uint8_t* p, size_t n) {
  printf("%s ", what);
  for (size_t i = 0; i < n; ++i) printf("%02x", p[i]);
  printf("\n");
}

__attribute__((target("aes,sse4.1"))) static __m128i expand(__m128i key, __m128i gen) {
  gen = _mm_shuffle_epi32(gen, 0xff);
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  return _mm_xor_si128(key, gen);
}
#define EXPAND(k, rcon) expand(k, _mm_aeskeygenassist_si128(k, rcon))

__attribute__((target("aes,sse4.1"))) static void aes128(void) {
  uint8_t key[16], text[16], out[16], back[16];
  for (int i = 0; i < 16; ++i) {
    key[i] = (uint8_t)i;
    text[i] = (uint8_t)(i * 0x11);
  }
  __m128i rk[11];
  rk[0] = _mm_loadu_si128((const __m128i*)key);
  rk[1] = EXPAND(rk[0], 0x01);
  rk[2] = EXPAND(rk[1], 0x02);
  rk[3] = EXPAND(rk[2], 0x04);
  rk[4] = EXPAND(rk[3], 0x08);
  rk[5] = EXPAND(rk[4], 0x10);
  rk[6] = EXPAND(rk[5], 0x20);
  rk[7] = EXPAND(rk[6], 0x40);
  rk[8] = EXPAND(rk[7], 0x80);
  rk[9] = EXPAND(rk[8], 0x1b);
  rk[10] = EXPAND(rk[9], 0x36);
  __m128i s = _mm_xor_si128(_mm_loadu_si128((const __m128i*)text), rk[0]);
  for (int r = 1; r < 10; ++r) s = _mm_aesenc_si128(s, rk[r]);
  s = _mm_aesenclast_si128(s, rk[10]);
  _mm_storeu_si128((__m128i*)out, s);
  s = _mm_xor_si128(s, rk[10]);
  for (int r = 9; r > 0; --r) s = _mm_aesdec_si128(s, _mm_aesimc_si128(rk[r]));
  s = _mm_aesdeclast_si128(s, rk[0]);
  _mm_storeu_si128((__m128i*)back, s);
  print_hex("aes128", out, 16);  // 69c4e0d86a7b0430d8cdb78070b4c55a
  printf("aes128 decrypts: %s\n", memcmp(back, text, 16) == 0 ? "yes" : "no");
}

static const uint32_t kSha256K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

// One SHA-256 block with SHA-NI: state0 holds ABEF, state1 CDGH.
__attribute__((target("sha,sse4.1"))) static void sha256_block(uint32_t h[8],
                                                                const uint8_t block[64]) {
  const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
  __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i*)h), 0xb1);
  __m128i state1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i*)(h + 4)), 0x1b);
  __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);
  state1 = _mm_blend_epi16(state1, tmp, 0xf0);
  const __m128i abef = state0, cdgh = state1;
  __m128i w[16];
  for (int r = 0; r < 16; ++r) {
    if (r < 4) {
      w[r] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i*)(block + 16 * r)), bswap);
    } else {
      __m128i t = _mm_sha256msg1_epu32(w[r - 4], w[r - 3]);
      t = _mm_add_epi32(t, _mm_alignr_epi8(w[r - 1], w[r - 2], 4));
      w[r] = _mm_sha256msg2_epu32(t, w[r - 1]);
    }
    __m128i m = _mm_add_epi32(w[r], _mm_loadu_si128((const __m128i*)(kSha256K + 4 * r)));
    state1 = _mm_sha256rnds2_epu32(state1, state0, m);
    m = _mm_shuffle_epi32(m, 0x0e);
    state0 = _mm_sha256rnds2_epu32(state0, state1, m);
  }
  state0 = _mm_add_epi32(state0, abef);
  state1 = _mm_add_epi32(state1, cdgh);
  tmp = _mm_shuffle_epi32(state0, 0x1b);
  state1 = _mm_shuffle_epi32(state1, 0xb1);
  _mm_storeu_si128((__m128i*)h, _mm_blend_epi16(tmp, state1, 0xf0));
  _mm_storeu_si128((__m128i*)(h + 4), _mm_alignr_epi8(state1, tmp, 8));
}

static void sha256_abc(void) {
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  uint8_t block[64] = {'a', 'b', 'c', 0x80};
  block[63] = 24;  // the length in bits, big-endian
  sha256_block(h, block);
  printf("sha256(abc) ");  // ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
  for (int i = 0; i < 8; ++i) printf("%08x", h[i]);
  printf("\n");
}

__attribute__((target("pclmul"))) static void clmul(void) {
  const __m128i a = _mm_set_epi64x(0x0123456789abcdefLL, (long long)0xfedcba9876543210ULL);
  const __m128i b = _mm_set_epi64x(0x1111111111111111LL, (long long)0x8000000000000001ULL);
  uint64_t r[8];
  _mm_storeu_si128((__m128i*)r, _mm_clmulepi64_si128(a, b, 0x00));
  _mm_storeu_si128((__m128i*)(r + 2), _mm_clmulepi64_si128(a, b, 0x01));
  _mm_storeu_si128((__m128i*)(r + 4), _mm_clmulepi64_si128(a, b, 0x10));
  _mm_storeu_si128((__m128i*)(r + 6), _mm_clmulepi64_si128(a, b, 0x11));
  printf("clmul");
  for (int i = 0; i < 8; ++i) printf(" %016llx", (unsigned long long)r[i]);
  printf("\n");
}

__attribute__((target("bmi,bmi2,adx"))) static void bits(void) {
  // volatile: so the compiler cannot fold the instructions away.
  static volatile unsigned long long inputs[3] = {0x0123456789abcdefULL, 0xf0f00ff0ff00000fULL, 3};
  const unsigned long long x = inputs[0], m = inputs[1];
  printf("pdep %016llx pext %016llx bzhi %016llx blsr %016llx tzcnt %llu\n", _pdep_u64(x, m),
         _pext_u64(x, m), _bzhi_u64(x, 37), _blsr_u64(m), _tzcnt_u64(m & ~0xfULL));
  // (2^128 - 1) * (2^128 - 3) in 64-bit limbs: MULX products summed with the ADCX/ADOX chains.
  const unsigned long long a[2] = {~0ULL, ~0ULL}, b[2] = {~0ULL - inputs[2] + 1, ~0ULL};
  unsigned long long r[5] = {0}, hi;
  for (int i = 0; i < 2; ++i) {
    unsigned char cf = 0, of = 0;
    for (int j = 0; j < 2; ++j) {
      const unsigned long long lo = _mulx_u64(a[i], b[j], &hi);
      cf = _addcarryx_u64(cf, r[i + j], lo, &r[i + j]);
      of = _addcarryx_u64(of, r[i + j + 1], hi, &r[i + j + 1]);
    }
    cf = _addcarryx_u64(cf, r[i + 2], 0, &r[i + 2]);
    r[i + 3] += (unsigned long long)cf + of;
  }
  printf("product %016llx%016llx%016llx%016llx\n", r[3], r[2], r[1], r[0]);
}

__attribute__((target("rdrnd"))) static void random_bits(void) {
  unsigned long long a = 0, b = 0;
  const int ok = _rdrand64_step(&a) & _rdrand64_step(&b);
  printf("rdrand ok %d, values differ %d\n", ok, a != b);
}

int main(void) {
  if (has(1, 1, 25) && has(1, 1, 19))
    aes128();
  else
    printf("no aes\n");
  if (has(7, 0, 29) && has(1, 1, 19))
    sha256_abc();
  else
    printf("no sha\n");
  if (has(1, 1, 1))
    clmul();
  else
    printf("no pclmulqdq\n");
  if (has(7, 0, 3) && has(7, 0, 8) && has(7, 0, 19))
    bits();
  else
    printf("no bmi1/bmi2/adx\n");
  if (has(1, 1, 30))
    random_bits();
  else
    printf("no rdrand\n");
  return 0;
}
