/* Integer division by zero: x86-64 raises #DE and the process dies of SIGFPE; RISC-V and
 * AArch64 define a result and go on. Each guest must behave as its native run does. */
#include <stdio.h>

int main(void) {
  volatile long zero = 0, seven = 7;
  printf("dividing\n");
  fflush(stdout);
  long q = seven / zero;
  printf("survived: %s\n", q == -1 || q == 0 ? "defined result" : "unexpected result");
  return 0;
}
