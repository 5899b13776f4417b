/* Syscall-dense: many small reads and writes through a pipe, plus getpid and clock_gettime. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 100000;
  int fds[2];
  if (pipe(fds) != 0) return 1;
  unsigned long sum = 0;
  char c = 'a';
  struct timespec ts;
  for (long i = 0; i < n; ++i) {
    if (write(fds[1], &c, 1) != 1 || read(fds[0], &c, 1) != 1) return 2;
    sum += (unsigned long)getpid() != 0;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    c = (char)('a' + i % 26);
  }
  printf("%lu\n", sum);
  return 0;
}
