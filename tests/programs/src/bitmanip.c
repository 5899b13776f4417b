/* Zba, Zbb, Zbc and Zbs as compilers emit them (-march=rv64gc_zba_zbb_zbc_zbs -O2): counts,
 * rotates, byte swaps, min/max, and-not, scaled indexing, single-bit operations, 32-bit
 * zero extension; clmul/clmulh/clmulr and orc.b through inline assembly (no builtins in
 * gcc 12), the carry-less products also against a bitwise reference; pause and prefetch
 * hints. Prints a checksum line per kernel. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t next(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}

static uint64_t mix(uint64_t h, uint64_t v) {
  return (h ^ v) * 0x100000001b3ull;
}

__attribute__((noinline)) static uint64_t counts(uint64_t x, uint32_t w) {
  uint64_t h = 0;
  h = mix(h, x ? (uint64_t)__builtin_clzll(x) : 64);
  h = mix(h, x ? (uint64_t)__builtin_ctzll(x) : 64);
  h = mix(h, (uint64_t)__builtin_popcountll(x));
  h = mix(h, w ? (uint64_t)__builtin_clz(w) : 32);
  h = mix(h, w ? (uint64_t)__builtin_ctz(w) : 32);
  h = mix(h, (uint64_t)__builtin_popcount(w));
  return h;
}

__attribute__((noinline)) static uint64_t rotates(uint64_t x, unsigned n, uint32_t w) {
  uint64_t h = 0;
  h = mix(h, (x << (n & 63)) | (x >> (-n & 63)));
  h = mix(h, (x >> (n & 63)) | (x << (-n & 63)));
  h = mix(h, (x >> 13) | (x << 51));
  h = mix(h, (uint64_t)(int32_t)((w << (n & 31)) | (w >> (-n & 31))));
  h = mix(h, (uint64_t)(int32_t)((w >> 7) | (w << 25)));
  h = mix(h, __builtin_bswap64(x));
  h = mix(h, __builtin_bswap32(w));
  h = mix(h, __builtin_bswap16((uint16_t)w));
  return h;
}

__attribute__((noinline)) static uint64_t logic(uint64_t a, uint64_t b) {
  uint64_t h = 0;
  h = mix(h, a & ~b);
  h = mix(h, a | ~b);
  h = mix(h, ~(a ^ b));
  h = mix(h, (int64_t)a < (int64_t)b ? a : b);
  h = mix(h, (int64_t)a > (int64_t)b ? a : b);
  h = mix(h, a < b ? a : b);
  h = mix(h, a > b ? a : b);
  h = mix(h, (uint64_t)(int64_t)(int8_t)a);
  h = mix(h, (uint64_t)(int64_t)(int16_t)a);
  h = mix(h, (uint16_t)a);
  h = mix(h, (uint32_t)a);
  return h;
}

__attribute__((noinline)) static uint64_t bits(uint64_t a, unsigned n) {
  uint64_t h = 0;
  h = mix(h, a | (1ull << (n & 63)));
  h = mix(h, a & ~(1ull << (n & 63)));
  h = mix(h, a ^ (1ull << (n & 63)));
  h = mix(h, (a >> (n & 63)) & 1);
  h = mix(h, a | (1ull << 40));
  h = mix(h, a & ~(1ull << 62));
  h = mix(h, a ^ (1ull << 33));
  h = mix(h, (a >> 47) & 1);
  return h;
}

static uint64_t table64[64];
static uint32_t table32[64];
static uint16_t table16[64];

__attribute__((noinline)) static uint64_t indexing(uint32_t i, uint64_t j) {
  /* sh1add/sh2add/sh3add(.uw), add.uw, slli.uw */
  uint64_t h = 0;
  h = mix(h, table64[i & 63]);
  h = mix(h, table32[j & 63]);
  h = mix(h, table16[(i >> 3) & 63]);
  h = mix(h, (uint64_t)i << 5);
  h = mix(h, (uint64_t)i + j);
  return h;
}

static uint64_t clmul(uint64_t a, uint64_t b) {
  uint64_t r;
  __asm__("clmul %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
static uint64_t clmulh(uint64_t a, uint64_t b) {
  uint64_t r;
  __asm__("clmulh %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
static uint64_t clmulr(uint64_t a, uint64_t b) {
  uint64_t r;
  __asm__("clmulr %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
static uint64_t orc_b(uint64_t a) {
  uint64_t r;
  __asm__("orc.b %0, %1" : "=r"(r) : "r"(a));
  return r;
}

/* The carry-less product bit by bit, to check clmul, clmulh and clmulr against. */
static void clmul_reference(uint64_t a, uint64_t b, uint64_t* lo, uint64_t* hi) {
  *lo = *hi = 0;
  for (int i = 0; i < 64; ++i) {
    if (!((b >> i) & 1)) continue;
    *lo ^= a << i;
    if (i) *hi ^= a >> (64 - i);
  }
}

int main(void) {
  for (int i = 0; i < 64; ++i) {
    table64[i] = next();
    table32[i] = (uint32_t)next();
    table16[i] = (uint16_t)next();
  }
  uint64_t h[6] = {0};
  for (int i = 0; i < 2000; ++i) {
    const uint64_t a = next(), b = next();
    const uint64_t sparse = a & b & next();
    const unsigned n = (unsigned)(b >> 58);
    h[0] = mix(h[0], counts(i % 7 == 0 ? 0 : sparse, (uint32_t)(i % 5 == 0 ? 0 : sparse >> 7)));
    h[1] = mix(h[1], rotates(a, n, (uint32_t)b));
    h[2] = mix(h[2], logic(a, i % 3 ? b : a));
    h[3] = mix(h[3], bits(a, n));
    h[4] = mix(h[4], indexing((uint32_t)a, b));
    h[5] = mix(h[5], clmul(a, b) ^ clmulh(a, b) * 3 ^ clmulr(a, b) * 5 ^ orc_b(sparse) * 7);
    if (i % 100 == 0) {
      __asm__ volatile(".4byte 0x0100000f"); /* pause (Zihintpause), a FENCE hint */
      __builtin_prefetch(&table64[i & 63]);
    }
  }
  const char* names[6] = {"counts", "rotates", "logic", "bits", "indexing", "clmul"};
  for (int k = 0; k < 6; ++k) printf("%-8s %016llx\n", names[k], (unsigned long long)h[k]);

  int bad = 0;
  for (int i = 0; i < 500; ++i) {
    const uint64_t a = next(), b = i % 4 ? next() : next() & next() & next();
    uint64_t lo, hi;
    clmul_reference(a, b, &lo, &hi);
    bad += clmul(a, b) != lo || clmulh(a, b) != hi || clmulr(a, b) != (hi << 1 | lo >> 63);
  }
  printf("clmul reference: %s\n", bad ? "MISMATCH" : "ok");
  return bad != 0;
}
