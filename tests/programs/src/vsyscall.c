// x86-64 only: the vsyscall page's three entries (gettimeofday, time, getcpu at fixed
// addresses above the user address space), which binaries from before vDSO-only glibc call
// directly. Kernels with vsyscall=xonly or emulate serve them; so does xisa.
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

int main(void) {
  long (*vtime)(long*) = (long (*)(long*))0xffffffffff600400;
  int (*vgettimeofday)(struct timeval*, void*) =
      (int (*)(struct timeval*, void*))0xffffffffff600000;
  long (*vgetcpu)(unsigned*, unsigned*, void*) =
      (long (*)(unsigned*, unsigned*, void*))0xffffffffff600800;
  long t = 0;
  const long r = vtime(&t);
  struct timeval tv;
  const int g = vgettimeofday(&tv, 0);
  unsigned cpu = 99, node = 99;
  const long c = vgetcpu(&cpu, &node, 0);
  const long now = time(0);
  printf("time: %s\n", r == t && t >= now - 2 && t <= now ? "ok" : "wrong");
  printf("gettimeofday: %s\n", g == 0 && tv.tv_sec >= now - 2 && tv.tv_sec <= now ? "ok" : "wrong");
  printf("getcpu: returned %ld, node %u, cpu known: %s\n", c, node, cpu != 99 ? "yes" : "no");
  return 0;
}
