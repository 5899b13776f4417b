// Executes an instruction that is undefined on every guest: the process must die of SIGILL.
#include <stdio.h>

int main(void) {
  printf("before the illegal instruction\n");
  fflush(stdout);
#if defined(__riscv)
  __asm__ volatile(".4byte 0");  // all-zero is defined as illegal (and is c.unimp's halfword)
#elif defined(__aarch64__)
  __asm__ volatile("udf #0");
#elif defined(__x86_64__)
  __asm__ volatile("ud2");
#else
#error "unknown guest"
#endif
  printf("FAIL: survived the illegal instruction\n");
  return 0;
}
