/* Loops compilers vectorise: integer element-wise arithmetic, a multiply-add, a sum reduction
 * and a byte transform over arrays that fit the caches, argv[1] passes over them. Built for
 * riscv64 with and without V (clang -march=rv64gcv / rv64gc) to compare the two under xisa. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define LEN 4096

static int32_t a[LEN], b[LEN], c[LEN];
static uint8_t bytes[LEN];

__attribute__((noinline)) static void add_mul(int32_t k) {
  for (int i = 0; i < LEN; ++i) c[i] = a[i] + b[i] * k;
}
__attribute__((noinline)) static void mix(void) {
  for (int i = 0; i < LEN; ++i) a[i] = (a[i] ^ c[i]) - (b[i] & 0xff);
}
__attribute__((noinline)) static int64_t sum(void) {
  int32_t s = 0;
  for (int i = 0; i < LEN; ++i) s += c[i];
  return s;
}
__attribute__((noinline)) static void bytes_op(void) {
  for (int i = 0; i < LEN; ++i) bytes[i] = (uint8_t)((bytes[i] ^ 0x5a) + 3);
}

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000;
  for (int i = 0; i < LEN; ++i) {
    a[i] = i * 3;
    b[i] = LEN - i;
    bytes[i] = (uint8_t)i;
  }
  int64_t total = 0;
  for (long r = 0; r < n; ++r) {
    add_mul((int32_t)r);
    mix();
    total += sum();
    bytes_op();
  }
  uint32_t h = 0;
  for (int i = 0; i < LEN; ++i) h = h * 31 + (uint32_t)a[i] + bytes[i];
  printf("%lld %u\n", (long long)total, h);
  return 0;
}
