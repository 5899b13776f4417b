/* Floating point: a small n-body simulation in double precision. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define N 5
static double px[N], py[N], pz[N], vx[N], vy[N], vz[N], m[N];

int main(int argc, char** argv) {
  long steps = argc > 1 ? atol(argv[1]) : 100000;
  for (int i = 0; i < N; ++i) {
    px[i] = i * 1.1; py[i] = i * 0.7 - 1; pz[i] = i * 0.3;
    vx[i] = 0.01 * i; vy[i] = -0.02 * i; vz[i] = 0.005; m[i] = 1.0 + i;
  }
  const double dt = 0.001;
  for (long s = 0; s < steps; ++s) {
    for (int i = 0; i < N; ++i)
      for (int j = i + 1; j < N; ++j) {
        double dx = px[i] - px[j], dy = py[i] - py[j], dz = pz[i] - pz[j];
        double d2 = dx * dx + dy * dy + dz * dz + 0.01;
        double mag = dt / (d2 * sqrt(d2));
        vx[i] -= dx * m[j] * mag; vy[i] -= dy * m[j] * mag; vz[i] -= dz * m[j] * mag;
        vx[j] += dx * m[i] * mag; vy[j] += dy * m[i] * mag; vz[j] += dz * m[i] * mag;
      }
    for (int i = 0; i < N; ++i) { px[i] += dt * vx[i]; py[i] += dt * vy[i]; pz[i] += dt * vz[i]; }
  }
  double e = 0;
  for (int i = 0; i < N; ++i) e += 0.5 * m[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
  printf("%.9f\n", e);
  return 0;
}
