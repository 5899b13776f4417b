// Stores through a NULL pointer: the process must die of SIGSEGV.
#include <stdio.h>

int main(int argc, char** argv) {
  (void)argv;
  printf("before the NULL store\n");
  fflush(stdout);
  // argc keeps the compiler from proving the pointer null and emitting a trap instead.
  volatile int* p = (volatile int*)(long)(argc - 1);
  *p = 42;
  printf("FAIL: survived the NULL store\n");
  return 0;
}
