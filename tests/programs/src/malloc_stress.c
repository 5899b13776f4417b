// The allocator under load: many sizes, realloc growth and shrink, calloc zeroing and large
// mmap-backed blocks. Every block carries a pattern that is verified before it is freed.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { kSlots = 512, kRounds = 4000 };

static uint64_t rng_state = 88172645463325252ull;
static uint64_t next_random(void) {  // xorshift64: deterministic on every guest
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}

static unsigned char pattern(size_t slot, size_t i) {
  return (unsigned char)(slot * 13 + i * 7);
}

int main(void) {
  unsigned char* blocks[kSlots] = {0};
  size_t sizes[kSlots] = {0};
  int failures = 0;
  uint64_t checksum = 0;
  for (int round = 0; round < kRounds; ++round) {
    size_t s = next_random() % kSlots;
    if (blocks[s]) {
      for (size_t i = 0; i < sizes[s]; ++i)
        if (blocks[s][i] != pattern(s, i)) {
          ++failures;
          break;
        }
      checksum = checksum * 1000003 + sizes[s];
      if (next_random() % 3 == 0) {
        // realloc keeps the common prefix
        size_t n = next_random() % 3000 + 1;
        unsigned char* p = realloc(blocks[s], n);
        size_t keep = n < sizes[s] ? n : sizes[s];
        for (size_t i = 0; i < keep; ++i)
          if (p[i] != pattern(s, i)) {
            ++failures;
            break;
          }
        for (size_t i = keep; i < n; ++i) p[i] = pattern(s, i);
        blocks[s] = p;
        sizes[s] = n;
        continue;
      }
      free(blocks[s]);
      blocks[s] = NULL;
      continue;
    }
    size_t n = (next_random() % 4 == 0) ? next_random() % 20000 + 1 : next_random() % 256 + 1;
    if (next_random() % 2) {
      blocks[s] = calloc(n, 1);
      for (size_t i = 0; i < n; ++i)
        if (blocks[s][i] != 0) {
          ++failures;
          break;
        }
    } else {
      blocks[s] = malloc(n);
    }
    if (((uintptr_t)blocks[s] & 15) != 0) ++failures;  // malloc alignment on 64-bit ABIs
    for (size_t i = 0; i < n; ++i) blocks[s][i] = pattern(s, i);
    sizes[s] = n;
  }
  for (size_t s = 0; s < kSlots; ++s) free(blocks[s]);
  printf("small/medium rounds: failures=%d checksum=%016llx\n", failures,
         (unsigned long long)checksum);

  // Big blocks go to mmap in glibc (threshold 128 KiB): touch each page, then free.
  for (size_t mb = 1; mb <= 64; mb *= 4) {
    size_t n = mb << 20;
    unsigned char* p = malloc(n);
    if (!p) {
      printf("malloc %zu MiB failed\n", mb);
      return 1;
    }
    for (size_t i = 0; i < n; i += 4096) p[i] = (unsigned char)(i >> 12);
    unsigned sum = 0;
    for (size_t i = 0; i < n; i += 4096) sum += p[i];
    p = realloc(p, 2 * n);
    unsigned sum2 = 0;
    for (size_t i = 0; i < n; i += 4096) sum2 += p[i];
    printf("big %zu MiB: sum=%u after realloc=%u\n", mb, sum, sum2);
    free(p);
  }
  unsigned char* z = calloc(1 << 20, 8);
  size_t nonzero = 0;
  for (size_t i = 0; i < (8u << 20); i += 61) nonzero += z[i] != 0;
  printf("calloc 8 MiB nonzero=%zu\n", nonzero);
  free(z);
  printf("failures=%d\n", failures);
  return failures != 0;
}
