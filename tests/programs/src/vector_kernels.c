// Loops the compiler vectorises: built for x86-64-v3 with -O3 (AVX2 code, FMA contraction on,
// BMI1/BMI2/LZCNT/MOVBE for the scalar code) and compared with the native run. Also the string
// functions, whose AVX2 versions the C library picks from CPUID.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 1000

static float xf[N], yf[N];
static double xd[N], yd[N];
static int32_t xi[N], yi[N];
static uint8_t bytes[4 * N];
static int16_t words[N];

static uint64_t state = 0x9e3779b97f4a7c15u;
static uint64_t next(void) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

static void fill(void) {
  for (int i = 0; i < N; ++i) {
    xf[i] = (float)((int64_t)(next() % 20001) - 10000) / 97.0f;
    yf[i] = (float)((int64_t)(next() % 20001) - 10000) / 89.0f;
    xd[i] = (double)((int64_t)(next() % 2000001) - 1000000) / 1013.0;
    yd[i] = (double)((int64_t)(next() % 2000001) - 1000000) / 997.0;
    xi[i] = (int32_t)next();
    yi[i] = (int32_t)(next() % 1000) - 500;
    words[i] = (int16_t)next();
  }
  for (int i = 0; i < 4 * N; ++i) bytes[i] = (uint8_t)(next() % 251);
}

// Bits of a float or double sum, so that every rounding difference shows.
static uint64_t bits_f(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  return u;
}
static uint64_t bits_d(double d) {
  uint64_t u;
  memcpy(&u, &d, 8);
  return u;
}

static void fp_kernels(void) {
  float sf = 0;
  for (int i = 0; i < N; ++i) yf[i] = 1.5f * xf[i] + yf[i];  // saxpy: vfmadd
  for (int i = 0; i < N; ++i) sf += yf[i] * xf[i];
  double sd = 0;
  for (int i = 0; i < N; ++i) yd[i] = yd[i] * 0.75 - xd[i];  // vfmsub
  for (int i = 0; i < N; ++i) sd += sqrt(fabs(yd[i])) + fmax(xd[i], yd[i]);
  float clipped = 0;
  for (int i = 0; i < N; ++i) clipped += xf[i] >= 0.0f ? xf[i] : -0.5f * xf[i];  // compare + blend
  int32_t converted = 0;
  for (int i = 0; i < N; ++i) converted += (int32_t)(yf[i] * 3.0f) + (int32_t)xd[i];
  float narrowed = 0;
  for (int i = 0; i < N; ++i) narrowed += (float)(xd[i] / 3.0);
  printf("fp: saxpy dot %#llx, daxpy sqrt/max %#llx, clip %#llx, cvt %d, narrow %#llx\n",
         (unsigned long long)bits_f(sf), (unsigned long long)bits_d(sd),
         (unsigned long long)bits_f(clipped), converted, (unsigned long long)bits_f(narrowed));
}

static void matmul(void) {
  enum { M = 48 };
  static double a[M][M], b[M][M], c[M][M];
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < M; ++j) {
      a[i][j] = (double)((i * 7 + j * 3) % 17) - 8.25;
      b[i][j] = (double)((i * 5 + j * 11) % 13) * 0.125;
      c[i][j] = 0;
    }
  for (int i = 0; i < M; ++i)
    for (int k = 0; k < M; ++k)
      for (int j = 0; j < M; ++j) c[i][j] += a[i][k] * b[k][j];
  double trace = 0, total = 0;
  for (int i = 0; i < M; ++i) {
    trace += c[i][i];
    for (int j = 0; j < M; ++j) total += c[i][j] * (double)(j + 1);
  }
  printf("matmul: trace %#llx total %#llx\n", (unsigned long long)bits_d(trace),
         (unsigned long long)bits_d(total));
}

static void int_kernels(void) {
  int64_t dot = 0;
  for (int i = 0; i < N; ++i) dot += (int64_t)xi[i] * yi[i];
  int32_t mx = INT32_MIN, mn = INT32_MAX;
  for (int i = 0; i < N; ++i) {
    mx = xi[i] > mx ? xi[i] : mx;
    mn = xi[i] < mn ? xi[i] : mn;
  }
  uint32_t mixed = 0;
  for (int i = 0; i < N; ++i) mixed += ((uint32_t)xi[i] >> (yi[i] & 31)) ^ ((uint32_t)xi[i] << 3);
  int32_t madd = 0;
  for (int i = 0; i + 1 < N; i += 2) madd += words[i] * words[i + 1];
  uint8_t sat[4 * N];
  for (int i = 0; i < 4 * N; ++i) {
    const unsigned s = bytes[i] + bytes[(i * 7) % (4 * N)];
    sat[i] = s > 255 ? 255 : (uint8_t)s;
  }
  uint32_t sat_sum = 0, histogram[8] = {0};
  for (int i = 0; i < 4 * N; ++i) sat_sum += sat[i];
  for (int i = 0; i < 4 * N; ++i) histogram[bytes[i] & 7]++;
  int32_t gathered = 0;
  for (int i = 0; i < N; ++i) gathered += xi[(uint32_t)yi[i] % N];
  printf("int: dot %lld max %d min %d shifts %u madd %d sat %u hist %u %u %u gather %d\n",
         (long long)dot, mx, mn, mixed, madd, sat_sum, histogram[0], histogram[3], histogram[7],
         gathered);
}

static void bit_kernels(void) {
  uint64_t pop = 0, tz = 0, lz = 0, low = 0, rot = 0;
  for (int i = 0; i < N; ++i) {
    const uint64_t v = next() | 1;
    pop += (uint64_t)__builtin_popcountll(v);
    tz += (uint64_t)__builtin_ctzll(v & ~1ull ? v & ~1ull : 1);
    lz += (uint64_t)__builtin_clzll(v >> (i % 63));
    low += v & ((1ull << (i % 64)) - 1);  // bzhi
    rot += (v >> (i % 64)) | (v << ((64 - i % 64) % 64));
  }
  uint32_t swapped = 0;
  for (int i = 0; i < N; ++i) swapped ^= __builtin_bswap32((uint32_t)xi[i]);  // movbe
  printf("bits: pop %llu tz %llu lz %llu low %#llx rot %#llx swapped %#x\n",
         (unsigned long long)pop, (unsigned long long)tz, (unsigned long long)lz,
         (unsigned long long)low, (unsigned long long)rot, swapped);
}

static void string_kernels(void) {
  static char text[5000];
  for (int i = 0; i < (int)sizeof text - 1; ++i) text[i] = (char)('a' + next() % 26);
  text[sizeof text - 1] = 0;
  size_t lengths = 0, found = 0;
  int compared = 0;
  for (int start = 0; start < 200; ++start) {
    char* s = text + start * 13;
    s[start * 3 + 1] = 0;
    lengths += strlen(s);
    const char* c = strchr(s, 'q');
    found += c ? (size_t)(c - s) : 1000;
    const char* m = memchr(s, 'z', (size_t)start * 3);
    found += m ? (size_t)(m - s) : 7;
    compared += strcmp(s, text + start * 17) > 0;
    compared += memcmp(s, s + 1, (size_t)start) < 0;
    s[start * 3 + 1] = 'x';
  }
  static char copy[5000];
  memcpy(copy, text, sizeof text);
  memmove(copy + 3, copy, 4000);
  memset(copy + 100, 'k', 777);
  printf("strings: lengths %zu found %zu compared %d copy %d rchr %td\n", lengths, found, compared,
         memcmp(copy, text, sizeof text) > 0, strrchr(copy, 'k') - copy);
}

int main(void) {
  fill();
  fp_kernels();
  matmul();
  int_kernels();
  bit_kernels();
  string_kernels();
  return 0;
}
