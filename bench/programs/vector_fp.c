/* FP loops compilers vectorise (saxpy, a dot product, a scaled difference) over arrays that fit
 * the caches, argv[1] passes. Its rv64gcv build runs V's FP instructions (vfmacc, vfmul, vfsub,
 * vfwcvt, vfredusum): host vector FP behind a guard where xisa's IR covers them (ADR 0008). */
#include <stdio.h>
#include <stdlib.h>

#define LEN 4096

static float x[LEN], y[LEN];
static double d[LEN];

__attribute__((noinline)) static void saxpy(float a) {
  for (int i = 0; i < LEN; ++i) y[i] = a * x[i] + y[i];
}
__attribute__((noinline)) static float dot(void) {
  float s = 0;
  for (int i = 0; i < LEN; ++i) s += x[i] * y[i];
  return s;
}
__attribute__((noinline)) static void scaled(double k) {
  for (int i = 0; i < LEN; ++i) d[i] = (d[i] - (double)x[i]) * k;
}

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000;
  for (int i = 0; i < LEN; ++i) {
    x[i] = (float)(i % 97) * 0.01f;
    y[i] = (float)(i % 13);
    d[i] = i * 0.5;
  }
  double total = 0;
  for (long r = 0; r < n; ++r) {
    saxpy(0.999f);
    total += dot();
    scaled(0.75);
  }
  printf("%.6e %.6e %.6e\n", total, (double)y[LEN / 3], d[LEN / 2]);
  return 0;
}
