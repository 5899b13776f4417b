// qsort and bsearch on ints, doubles and strings, checked for order and found positions.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rng = 12345;
static uint32_t next_random(void) {  // LCG from Numerical Recipes: same sequence everywhere
  rng = rng * 1664525u + 1013904223u;
  return rng;
}

static int cmp_int(const void* a, const void* b) {
  int x = *(const int*)a, y = *(const int*)b;
  return (x > y) - (x < y);
}
static int cmp_double(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return (x > y) - (x < y);
}
static int cmp_str(const void* a, const void* b) {
  return strcmp(*(char* const*)a, *(char* const*)b);
}

int main(void) {
  enum { kN = 5000 };
  static int ints[kN];
  static double doubles[kN];
  for (int i = 0; i < kN; ++i) {
    ints[i] = (int)(next_random() % 100000) - 50000;
    doubles[i] = ((int)(next_random() % 2000000) - 1000000) / 7.0;
  }
  qsort(ints, kN, sizeof ints[0], cmp_int);
  qsort(doubles, kN, sizeof doubles[0], cmp_double);
  int sorted = 1;
  for (int i = 1; i < kN; ++i) sorted &= ints[i - 1] <= ints[i] && doubles[i - 1] <= doubles[i];
  long long sum = 0;
  for (int i = 0; i < kN; ++i) sum += ints[i] * (long long)(i + 1);
  printf("ints sorted=%d min=%d max=%d median=%d weighted=%lld\n", sorted, ints[0], ints[kN - 1],
         ints[kN / 2], sum);
  printf("doubles min=%.6f max=%.6f median=%.6f\n", doubles[0], doubles[kN - 1], doubles[kN / 2]);

  int found = 0, absent = 0;
  for (int k = -50000; k < 50000; k += 37) {
    int* p = bsearch(&k, ints, kN, sizeof ints[0], cmp_int);
    if (p) {
      if (*p != k) printf("FAIL: bsearch returned %d for %d\n", *p, k);
      ++found;
    } else {
      ++absent;
    }
  }
  printf("bsearch found=%d absent=%d\n", found, absent);

  static char storage[600][12];
  char* strs[600];
  for (int i = 0; i < 600; ++i) {
    int len = 1 + next_random() % 10;
    for (int j = 0; j < len; ++j) storage[i][j] = (char)('a' + next_random() % 26);
    storage[i][len] = 0;
    strs[i] = storage[i];
  }
  qsort(strs, 600, sizeof strs[0], cmp_str);
  int ok = 1;
  for (int i = 1; i < 600; ++i) ok &= strcmp(strs[i - 1], strs[i]) <= 0;
  printf("strings sorted=%d first=%s last=%s\n", ok, strs[0], strs[599]);
  for (int i = 0; i < 600; i += 97) {
    char* key = storage[i];
    char** p = bsearch(&key, strs, 600, sizeof strs[0], cmp_str);
    printf("bsearch \"%s\" %s\n", key, p && strcmp(*p, key) == 0 ? "found" : "MISSING");
  }
  return 0;
}
