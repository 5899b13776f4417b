// Small whole-program workloads: a prime sieve, CRC-32 and recursive Fibonacci, each with a
// known published answer.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned fib(unsigned n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static uint32_t crc32(const unsigned char* p, size_t n) {
  uint32_t table[256];
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  uint32_t crc = 0xffffffffu;
  for (size_t i = 0; i < n; ++i) crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffffu;
}

int main(void) {
  enum { kLimit = 200000 };
  char* composite = calloc(kLimit + 1, 1);
  int count = 0;
  long long sum = 0;
  for (int i = 2; i <= kLimit; ++i) {
    if (composite[i]) continue;
    ++count;
    sum += i;
    for (long long j = (long long)i * i; j <= kLimit; j += i) composite[j] = 1;
  }
  free(composite);
  printf("primes below %d: %d (pi(200000) = 17984), sum %lld\n", kLimit, count, sum);

  const char* check = "123456789";
  printf("crc32(\"123456789\") = %08x (expected cbf43926)\n",
         crc32((const unsigned char*)check, strlen(check)));
  static unsigned char block[100000];
  for (size_t i = 0; i < sizeof block; ++i) block[i] = (unsigned char)(i * i >> 3);
  printf("crc32(block) = %08x\n", crc32(block, sizeof block));

  printf("fib(24) = %u (expected 46368)\n", fib(24));
  return 0;
}
