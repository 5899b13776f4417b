/* The bundled demo guest: a little of everything a real program does (argv, libc I/O, heap,
 * floating point, a sort), cross-compiled for each guest by the build. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare_ints(const void* a, const void* b) {
  return *(const int*)a - *(const int*)b;
}

int main(int argc, char** argv) {
  const char* who = argc > 1 ? argv[1] : "world";
  printf("hello, %s, from a guest program\n", who);
  int* v = malloc(16 * sizeof *v);
  unsigned x = 12345;
  for (int i = 0; i < 16; ++i) v[i] = (int)((x = x * 1103515245u + 12345u) >> 20);
  qsort(v, 16, sizeof *v, compare_ints);
  printf("sorted: %d .. %d\n", v[0], v[15]);
  free(v);
  double s = 0;
  for (int i = 1; i <= 1000; ++i) s += 1.0 / ((double)i * i);
  printf("sqrt(6 * sum 1/n^2) = %.9f (pi = %.9f)\n", sqrt(6 * s), M_PI);
  return strlen(who) == 0;
}
