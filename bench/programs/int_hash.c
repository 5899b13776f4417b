/* Integer mixing and hashing: multiply, xor, shift, rotate in a tight loop. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  return x ^ (x >> 33);
}

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000;
  uint64_t h = 0;
  for (long i = 0; i < n; ++i) h = mix(h + (uint64_t)i) ^ ((h << 7) | (h >> 57));
  printf("%016llx\n", (unsigned long long)h);
  return 0;
}
