/* Dense double matrix multiply, i-k-j loop order, kept scalar (not auto-vectorised) as the
 * issue measured it; guests whose compilers contract a*b+c (AArch64, RISC-V) get their FMA. */
#pragma GCC optimize("no-tree-vectorize")
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv) {
  long reps = argc > 1 ? atol(argv[1]) : 4;
  enum { N = 96 };
  static double a[N][N], b[N][N], c[N][N];
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) {
      a[i][j] = (double)((i * 7 + j * 3) % 17) / 8.0 - 1.0;
      b[i][j] = (double)((i * 5 + j * 11) % 13) / 4.0 - 1.5;
    }
  double sum = 0;
  for (long r = 0; r < reps; ++r) {
    for (int i = 0; i < N; ++i)
      for (int j = 0; j < N; ++j) c[i][j] = 0;
    for (int i = 0; i < N; ++i)
      for (int k = 0; k < N; ++k) {
        double aik = a[i][k];
        for (int j = 0; j < N; ++j) c[i][j] += aik * b[k][j];
      }
    sum += c[r % N][(r * 7) % N];
    a[r % N][(r * 3) % N] += c[(r * 5) % N][r % N] * 1e-3;
  }
  printf("%.10g\n", sum);
  return 0;
}
