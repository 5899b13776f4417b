/* Branchy: insertion-heavy quicksort and binary searches on pseudo-random keys. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void quicksort(int* a, long lo, long hi) {
  while (lo < hi) {
    int p = a[(lo + hi) / 2];
    long i = lo, j = hi;
    while (i <= j) {
      while (a[i] < p) ++i;
      while (a[j] > p) --j;
      if (i <= j) { int t = a[i]; a[i] = a[j]; a[j] = t; ++i; --j; }
    }
    if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; } else { quicksort(a, i, hi); hi = j; }
  }
}

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 200000;
  int* a = malloc(n * sizeof *a);
  uint32_t x = 2463534242u;
  for (long i = 0; i < n; ++i) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; a[i] = (int)(x >> 1); }
  quicksort(a, 0, n - 1);
  long found = 0;
  for (long k = 0; k < n; ++k) {
    int key = a[(k * 7919) % n] + (k & 1);
    long lo = 0, hi = n - 1;
    while (lo <= hi) {
      long mid = (lo + hi) / 2;
      if (a[mid] == key) { ++found; break; }
      if (a[mid] < key) lo = mid + 1; else hi = mid - 1;
    }
  }
  printf("%ld %d %d\n", found, a[0], a[n - 1]);
  free(a);
  return 0;
}
