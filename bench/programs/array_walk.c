/* Memory-bound: a pointer chase and a strided sum over an array larger than the caches. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000;
  const size_t len = 1u << 22; /* 4M entries, 32 MiB */
  uint64_t* next = malloc(len * sizeof *next);
  uint64_t x = 88172645463325252ULL;
  for (size_t i = 0; i < len; ++i) next[i] = i;
  for (size_t i = len - 1; i > 0; --i) { /* Sattolo: one big cycle */
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    size_t j = x % i;
    uint64_t t = next[i]; next[i] = next[j]; next[j] = t;
  }
  uint64_t p = 0, sum = 0;
  for (long i = 0; i < n; ++i) { p = next[p]; sum += p; }
  for (size_t i = 0; i < len; i += 16) sum += next[i];
  printf("%llu\n", (unsigned long long)sum);
  free(next);
  return 0;
}
