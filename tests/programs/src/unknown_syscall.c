// A syscall number that does not exist and one that exists in the ABI but that no modern kernel
// implements must both fail with ENOSYS, never a fake success.
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void check(const char* what, long nr) {
  errno = 0;
  long r = syscall(nr, 1, 2, 3, 4, 5, 6);
  printf("%s: result=%ld errno=%s\n", what, r, errno == ENOSYS ? "ENOSYS" : strerror(errno));
}

int main(void) {
  check("syscall(999)", 999);
  check("syscall(4000)", 4000);
#ifdef __NR_nfsservctl
  check("nfsservctl", __NR_nfsservctl);  // removed from Linux in 3.1, still numbered
#else
#error "__NR_nfsservctl is expected in every guest ABI"
#endif
  // The process keeps working after them.
  printf("getpid positive=%d\n", getpid() > 0);
  return 0;
}
