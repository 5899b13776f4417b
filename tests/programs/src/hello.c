// Smallest guest: one line on stdout through printf, exit status 0.
#include <stdio.h>

int main(void) {
  printf("Hello from the guest!\n");
  return 0;
}
