// Reads the FP exception flags in a hot loop after inexact arithmetic: fetestexcept and
// feclearexcept every iteration, and a quiet compare (on RISC-V, GCC brackets flt.d with
// frflags/fsflags). The flags must be exact each time, and reading them must not send the
// program back to xisa's dispatcher every time (stats.*.fp_flag_reads checks the count).
#include <fenv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv) {
  const long n = argc > 1 ? atol(argv[1]) : 100000;
  volatile double x = 1.0, step = 1.0000001, add = 0.1, limit = 1e300;
  long inexact = 0, exact = 0, below = 0;
  for (long i = 0; i < n; ++i) {
    feclearexcept(FE_ALL_EXCEPT);
    x = x * step + add;  // inexact
    if (fetestexcept(FE_INEXACT)) ++inexact;
    feclearexcept(FE_INEXACT);
    volatile double half = x * 0.5;  // exact: a power of two
    (void)half;
    if (!fetestexcept(FE_INEXACT)) ++exact;
    if (isless(x, limit)) ++below;  // quiet: raises nothing
  }
  const int left = fetestexcept(FE_ALL_EXCEPT);
  printf("iterations %ld: inexact %ld, exact %ld, below %ld, flags left %#x\n", n, inexact, exact,
         below, left);
  return 0;
}
