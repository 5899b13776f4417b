// 64-bit multiply/divide/remainder edge cases, __int128, bit tricks and overflow builtins.
// Operands are volatile so the guest CPU computes them, not the compiler.
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

static volatile int64_t s64[] = {0,
                                 1,
                                 -1,
                                 2,
                                 -2,
                                 7,
                                 -7,
                                 INT64_MAX,
                                 INT64_MIN,
                                 0x123456789abcdefLL,
                                 -0x123456789abcdefLL,
                                 INT32_MAX,
                                 INT32_MIN,
                                 3};
static volatile int32_t s32[] = {0, 1, -1, 7, -7, INT32_MAX, INT32_MIN, 0x12345678, 3};

static uint64_t hash;
static void mix(uint64_t v) {
  hash = (hash ^ v) * 0x100000001b3ull;
}

int main(void) {
  hash = 0xcbf29ce484222325ull;
  const int n64 = sizeof s64 / sizeof s64[0], n32 = sizeof s32 / sizeof s32[0];
  for (int i = 0; i < n64; ++i)
    for (int j = 0; j < n64; ++j) {
      int64_t a = s64[i], b = s64[j];
      uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
      mix(ua * ub);
      mix((uint64_t)(((__int128)a * b) >> 64));
      mix((uint64_t)(((unsigned __int128)ua * ub) >> 64));
      mix((uint64_t)(((__int128)a * (unsigned __int128)ub) >> 64));
      if (b != 0 && !(a == INT64_MIN && b == -1)) mix((uint64_t)(a / b)), mix((uint64_t)(a % b));
      if (ub != 0) mix(ua / ub), mix(ua % ub);
    }
  printf("64-bit mul/div/rem hash=%016llx\n", (unsigned long long)hash);

  hash = 0xcbf29ce484222325ull;
  for (int i = 0; i < n32; ++i)
    for (int j = 0; j < n32; ++j) {
      int32_t a = s32[i], b = s32[j];
      mix((uint64_t)(int64_t)(a * (int64_t)b));
      mix((uint32_t)((uint32_t)a * (uint32_t)b));
      if (b != 0 && !(a == INT32_MIN && b == -1))
        mix((uint64_t)(int64_t)(a / b)), mix((uint64_t)(int64_t)(a % b));
      if (b != 0) mix((uint32_t)a / (uint32_t)b), mix((uint32_t)a % (uint32_t)b);
      mix((uint64_t)(int64_t)(a << (b & 31)));
      mix((uint64_t)(int64_t)(a >> (b & 31)));
      mix((uint64_t)((uint32_t)a >> (b & 31)));
    }
  printf("32-bit hash=%016llx\n", (unsigned long long)hash);

  printf("(uint64)INT64_MIN / (uint64)-1 = %llx\n",
         (unsigned long long)((uint64_t)s64[8] / (uint64_t)s64[2]));
  volatile unsigned __int128 big = (unsigned __int128)UINT64_MAX * UINT64_MAX;
  printf("u128 max*max = %016llx%016llx\n", (unsigned long long)(big >> 64),
         (unsigned long long)big);
  volatile __int128 q = ((__int128)INT64_MIN * 3 + 5) / 7;
  printf("i128 (min*3+5)/7 = %016llx%016llx\n", (unsigned long long)((unsigned __int128)q >> 64),
         (unsigned long long)q);

  volatile uint64_t v = 0x00f0000000001000ull;
  printf("clz=%d ctz=%d popcount=%d parity=%d bswap=%016llx\n", __builtin_clzll(v),
         __builtin_ctzll(v), __builtin_popcountll(v), __builtin_parityll(v),
         (unsigned long long)__builtin_bswap64(v));
  volatile uint32_t w = 0x80000001u;
  printf("clz32=%d ctz32=%d rotl=%08x\n", __builtin_clz(w), __builtin_ctz(w), (w << 3) | (w >> 29));

  long long r;
  int o1 = __builtin_add_overflow((long long)s64[7], (long long)s64[1], &r);
  printf("add overflow=%d r=%lld\n", o1, r);
  int o2 = __builtin_sub_overflow((long long)s64[8], (long long)s64[1], &r);
  printf("sub overflow=%d r=%lld\n", o2, r);
  int o3 = __builtin_mul_overflow((long long)s64[9], (long long)s64[9], &r);
  printf("mul overflow=%d\n", o3);
  int o4 = __builtin_mul_overflow((long long)s64[5], (long long)s64[6], &r);
  printf("mul no overflow=%d r=%lld\n", o4, r);
  unsigned long long ur;
  int o5 = __builtin_add_overflow((unsigned long long)s64[2], (unsigned long long)s64[2], &ur);
  printf("uadd overflow=%d r=%llu\n", o5, ur);
  int i32;
  int o6 = __builtin_add_overflow((int)s32[5], (int)s32[1], &i32);
  printf("add32 overflow=%d r=%d\n", o6, i32);
  return 0;
}
