/* VLEN survives execve: the program reads vlenb, then runs itself again, whose vlenb must be
 * the same (xisa starts the new program with the options it runs under, --rvv-vlen included).
 * Stored expectation: vlenb 16 (VLEN 128, xisa's default and what the other V tests assume);
 * rv_vlen_exec.vlen256.out: 32 under --rvv-vlen 256. */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
  unsigned long vlenb;
  __asm__ volatile("csrr %0, vlenb" : "=r"(vlenb));
  printf("%s: vlenb %lu\n", argc > 1 ? "after execve" : "first run", vlenb);
  fflush(stdout);
  if (argc == 1) {
    execl("/proc/self/exe", argv[0], "again", (char *)0);
    perror("execl");
    return 1;
  }
  return 0;
}
