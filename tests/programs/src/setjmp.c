// setjmp/longjmp across several frames, with values kept in volatile and callee-saved registers.
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;
static int depth_reached;

static __attribute__((noinline)) int recurse(int depth, int target) {
  volatile int local = depth * 3;
  depth_reached = depth;
  if (depth == target) longjmp(env, target * 10 + 1);
  if (depth > 100) return 0;  // unreachable: target is always reached first
  return recurse(depth + 1, target) + local;
}

static __attribute__((noinline)) double fp_work(double x, int jump) {
  double y = x * 1.5;
  if (jump) longjmp(env, 7);
  return y;
}

int main(void) {
  // volatile: a non-volatile local changed between setjmp and longjmp is indeterminate after it.
  for (volatile int target = 0; target < 5; ++target) {
    volatile int kept = 100 + target;
    int r = setjmp(env);
    if (r == 0) {
      recurse(0, target);
      printf("FAIL: recurse returned\n");
    } else {
      printf("target %d: setjmp returned %d, depth %d, kept %d\n", target, r, depth_reached, kept);
    }
  }
  volatile double acc = 0.25;
  if (setjmp(env) == 0) {
    acc = fp_work(acc, 0);
    fp_work(acc, 1);
  } else {
    printf("fp: acc=%g after longjmp\n", acc);
  }
  // longjmp with 0 must make setjmp return 1.
  volatile int count = 0;
  if (setjmp(env) == 0)
    longjmp(env, 0);
  else
    count = 1;
  printf("longjmp(0) gave %d\n", count);
  return 0;
}
