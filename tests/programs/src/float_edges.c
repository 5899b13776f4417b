/* Floating point where a JIT's fast path must step aside: zeros, subnormals, infinities and
   NaNs in hot loops, exception flags cleared and tested again and again, rounding modes
   changed at run time. Prints bit patterns and flags, which every guest must get the same. */
#include <fenv.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static volatile double v_zero = 0.0, v_one = 1.0, v_three = 3.0, v_tiny = 4.9406564584124654e-324,
                       v_big = 1e308, v_min = 2.2250738585072014e-308, v_neg = -1.0;
static volatile float f_one = 1.0f, f_three = 3.0f, f_tiny = 1e-45f;

static uint64_t bits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

static uint32_t fbits(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

static void print_flags(const char* what) {
  printf("%-14s %c%c%c%c%c\n", what, fetestexcept(FE_INVALID) ? 'v' : '-',
         fetestexcept(FE_DIVBYZERO) ? 'z' : '-', fetestexcept(FE_OVERFLOW) ? 'o' : '-',
         fetestexcept(FE_UNDERFLOW) ? 'u' : '-', fetestexcept(FE_INEXACT) ? 'x' : '-');
}

static char* volatile g_page;
static void unprotect_page(int sig) {
  (void)sig;
  mprotect(g_page, 4096, PROT_READ | PROT_WRITE);
}

int main(void) {
  /* Zero and subnormal results in a hot loop. */
  double acc = 0, sub = 0;
  for (int i = 0; i < 5000; ++i) {
    volatile double z = v_zero * (double)i;
    acc += z;
    sub += v_tiny;
    acc += v_one / (i + 1);
  }
  printf("loop %016llx %016llx\n", (unsigned long long)bits(acc), (unsigned long long)bits(sub));

  /* Flags cleared and raised over and over: each operation alone. */
  static const char* const kNames[] = {"exact", "inexact", "overflow", "underflow", "divbyzero",
                                       "invalid"};
  for (int round = 0; round < 40; ++round) {
    for (int k = 0; k < 6; ++k) {
      feclearexcept(FE_ALL_EXCEPT);
      volatile double r = 0;
      switch (k) {
        case 0: r = v_one + v_one; break;
        case 1: r = v_one / v_three; break;
        case 2: r = v_big * v_big; break;
        case 3: r = v_min * v_min; break;
        case 4: r = v_one / v_zero; break;
        case 5: r = v_zero / v_zero; break;
      }
      if (round == 39) {
        print_flags(kNames[k]);
        if (k != 5) printf("  = %016llx\n", (unsigned long long)bits(r));
        else printf("  = %s\n", isnan(r) ? "nan" : "number");
      }
    }
  }

  /* Exceptions raised on the fast path (inexact already raised), then conversions (helpers on
     some guests) in the same straight-line code, then the flags read: nothing in between may
     drop or add one. Each round prints: the first runs interpreted, the later ones compiled. */
  for (int round = 0; round < 4; ++round) {
    feclearexcept(FE_ALL_EXCEPT);
    volatile double third = v_one / v_three;
    volatile double o = v_big * v_big;
    volatile float narrow = (float)v_three;
    volatile long whole = (long)v_three;
    volatile double u = v_min * v_min;
    (void)third, (void)o, (void)narrow, (void)whole, (void)u;
    print_flags("kept");
  }

  /* An exception raised on the fast path, then a fault in the same straight-line code: the
     handler makes the page writable and returns, and the flag is still raised (the signal
     frame saved it and sigreturn restored it). */
  char* page = mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = unprotect_page;
  sigaction(SIGSEGV, &sa, 0);
  g_page = page;
  for (int round = 0; round < 4; ++round) {
    mprotect(page, 4096, PROT_READ);
    feclearexcept(FE_ALL_EXCEPT);
    volatile double third = v_one / v_three;
    volatile double o = v_big * v_big;
    *(volatile char*)page = (char)round;
    (void)third, (void)o;
    print_flags("after fault");
  }

  /* Rounding modes changed at run time. */
  static const int kModes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
  for (int m = 0; m < 4; ++m) {
    fesetround(kModes[m]);
    double q = 0;
    float fq = 0;
    for (int i = 0; i < 100; ++i) {
      q = v_one / v_three;
      fq = f_one / f_three;
    }
    volatile double s = sqrt(v_three);
    printf("mode %d: %016llx %08x %016llx\n", m, (unsigned long long)bits(q), fbits(fq),
           (unsigned long long)bits(s));
  }
  fesetround(FE_TONEAREST);

  /* Singles: subnormal operands and results, infinities, NaN compares. */
  float f = f_tiny;
  for (int i = 0; i < 10; ++i) f = f * 2.0f + f_tiny;
  volatile double nan = v_zero / v_zero;
  printf("single %08x %08x\n", fbits(f), fbits(f_one / (float)v_zero));
  printf("compare %d %d %d %d\n", v_one < nan, v_one == nan, v_neg < v_one, v_zero == -v_zero);
  feclearexcept(FE_ALL_EXCEPT);
  printf("sqrt(-1) %s\n", isnan(sqrt(v_neg)) ? "nan" : "number");
  print_flags("after sqrt");
  return 0;
}
