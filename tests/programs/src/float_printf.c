// Floating point through libc and the FPU: printf/strtod/strtof of special and edge values,
// sqrt/fma/rounding functions, lrint under every rounding mode and the exception flags.
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t bits64(double d) {
  uint64_t u;
  memcpy(&u, &d, 8);
  return u;
}
static uint32_t bits32(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  return u;
}
static double from_bits(uint64_t u) {
  double d;
  memcpy(&d, &u, 8);
  return d;
}

// volatile keeps the compiler from folding the operations at build time.
static volatile double vd[] = {0.0,
                               -0.0,
                               1.0,
                               -1.5,
                               0.1,
                               1.0 / 3.0,
                               1e300,
                               1e-300,
                               4.9e-324,
                               2.2250738585072014e-308,
                               2.2250738585072009e-308,
                               DBL_MAX,
                               INFINITY,
                               -INFINITY,
                               NAN,
                               123456789.125,
                               0.5,
                               2.5,
                               -2.5,
                               1e22};
static volatile float vf[] = {0.0f,        -0.0f,           1.0f,    0.1f,     1.0f / 3.0f,
                              1.4e-45f,    1.17549435e-38f, FLT_MAX, INFINITY, NAN,
                              16777217.0f, 3.4e38f};

static void print_double(double d) {
  printf("%.17g | %e | %g | %a | %.3f | %016llx\n", d, d, d, d, d, (unsigned long long)bits64(d));
}

static void print_flags(const char* what) {
  int f = fetestexcept(FE_ALL_EXCEPT);
  printf("%-22s flags:%s%s%s%s%s\n", what, f & FE_INVALID ? " invalid" : "",
         f & FE_DIVBYZERO ? " divbyzero" : "", f & FE_OVERFLOW ? " overflow" : "",
         f & FE_UNDERFLOW ? " underflow" : "", f & FE_INEXACT ? " inexact" : "");
}

int main(void) {
  printf("-- printf of doubles\n");
  for (size_t i = 0; i < sizeof vd / sizeof vd[0]; ++i) print_double(vd[i]);
  printf("-- printf of floats\n");
  for (size_t i = 0; i < sizeof vf / sizeof vf[0]; ++i)
    printf("%.9g | %a | %08x\n", (double)vf[i], (double)vf[i], bits32(vf[i]));
  printf("-- rounding in printf\n");
  printf("%.0f %.0f %.0f %.0f %.1f %.2f %.3e\n", 0.5, 1.5, 2.5, -0.5, 0.05, 1.005, 1234.5);
  printf("%10.4f|%-10.2e|%+g|% g|%#g|%G\n", 3.14159265, 2.71828, 1e-5, 42.0, 1.0, 1e-10);

  printf("-- strtod/strtof\n");
  const char* inputs[] = {"0",
                          "-0",
                          "1e-320",
                          "4.9406564584124654e-324",
                          "2.4703282292062327e-324",
                          "2.4703282292062328e-324",
                          "1.7976931348623157e308",
                          "1.8e308",
                          "0x1.fffffffffffffp1023",
                          "0x1p-1074",
                          "inf",
                          "-infinity",
                          "nan",
                          "0.1",
                          "123.456e-7",
                          "1e23",
                          "9007199254740993",
                          "2.2250738585072011e-308",
                          "  +17.5xyz"};
  for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; ++i) {
    char* end;
    double d = strtod(inputs[i], &end);
    float f = strtof(inputs[i], NULL);
    printf("%-26s -> %016llx %08x rest=\"%s\"\n", inputs[i],
           (unsigned long long)(isnan(d) ? 0x7ff8000000000000ull : bits64(d)),
           isnan(f) ? 0x7fc00000u : bits32(f), end);
  }

  printf("-- libm\n");
  volatile double two = 2.0, x = 1e-310, y = -7.25, big = 4503599627370497.0;
  printf("sqrt(2)=%a sqrt(denorm)=%a sqrt(-0)=%g sqrt(-1) is nan=%d\n", sqrt(two), sqrt(x),
         sqrt(-0.0 * two), isnan(sqrt(-two / two)));
  printf("sqrtf(2)=%a\n", (double)sqrtf((float)two));
  volatile double a = 0x1.0000000000001p0, b = 0x1.fffffffffffffp-1, c = -1.0;
  volatile double product = a * b;  // rounded on its own: no fused contraction
  printf("fma=%a separate=%a\n", fma(a, b, c), product + c);
  printf("fmaf=%a\n", (double)fmaf((float)a + 1e-7f, 3.0f, -3.0f));
  double vals[] = {y, -y, 0.5, -0.5, 1.5, 2.5, -2.5, big, -0.0};
  for (size_t i = 0; i < sizeof vals / sizeof vals[0]; ++i) {
    volatile double v = vals[i];
    printf("%.17g: floor=%.17g ceil=%.17g trunc=%.17g round=%.17g nearbyint=%.17g\n", v, floor(v),
           ceil(v), trunc(v), round(v), nearbyint(v));
  }
  printf("fmin(-0,0)=%g fmax(-0,0)=%g fmin(nan,1)=%g copysign=%g fabs=%g\n", fmin(-0.0, 0.0),
         fmax(-0.0, 0.0), fmin(NAN, 1.0), copysign(3.0, -0.0), fabs(-two));
  printf("frexp/ldexp: ");
  int e;
  double m = frexp(vd[8], &e);
  printf("%a*2^%d ldexp=%a\n", m, e, ldexp(1.0, -1074));

  printf("-- lrint under rounding modes\n");
  const int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
  const char* names[] = {"nearest", "upward", "downward", "towardzero"};
  for (int i = 0; i < 4; ++i) {
    fesetround(modes[i]);
    printf("%-10s getround-ok=%d", names[i], fegetround() == modes[i]);
    volatile double r[] = {2.5, -2.5, 3.5, 0.4999999, -1.0000001};
    for (int k = 0; k < 5; ++k) printf(" %ld", lrint(r[k]));
    volatile double one = 1.0, three = 3.0;
    printf(" 1/3=%a", one / three);
    volatile float onef = 1.0f, threef = 3.0f;
    printf(" 1f/3f=%a\n", (double)(onef / threef));
  }
  fesetround(FE_TONEAREST);

  printf("-- exception flags\n");
  volatile double zero = 0.0, one = 1.0, huge = DBL_MAX, tiny = from_bits(1);
  volatile double r;
  feclearexcept(FE_ALL_EXCEPT);
  print_flags("none");
  r = one / zero;
  print_flags("1/0");
  feclearexcept(FE_ALL_EXCEPT);
  r = zero / zero;
  print_flags("0/0");
  feclearexcept(FE_ALL_EXCEPT);
  r = huge * 2.0;
  print_flags("DBL_MAX*2");
  feclearexcept(FE_ALL_EXCEPT);
  r = tiny / 2.0;
  print_flags("denorm/2");
  feclearexcept(FE_ALL_EXCEPT);
  r = one / 3.0;
  print_flags("1/3");
  feclearexcept(FE_ALL_EXCEPT);
  r = one + one;
  print_flags("1+1");
  feclearexcept(FE_ALL_EXCEPT);
  r = sqrt(-one);
  print_flags("sqrt(-1)");
  feclearexcept(FE_ALL_EXCEPT);
  volatile long l = (long)(huge);
  (void)l;
  print_flags("(long)DBL_MAX");
  (void)r;
  return 0;
}
