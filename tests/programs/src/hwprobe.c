/* RISC-V: what riscv_hwprobe (syscall 258), AT_HWCAP and /proc/cpuinfo's isa line report.
 * Stored expectation: qemu-riscv64 7.2 has no riscv_hwprobe, and the answers are xisa's own
 * list of what it implements (src/guest/riscv64/riscv64_features.cpp). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

struct riscv_hwprobe {
  int64_t key;
  uint64_t value;
};

int main(void) {
  struct riscv_hwprobe pairs[] = {{0, 0}, {1, 0}, {2, 0}, {3, 0},  {4, 0},
                                  {5, 0}, {6, 0}, {8, 0}, {12, 0}, {9999, 7}};
  const size_t n = sizeof pairs / sizeof pairs[0];
  const long rc = syscall(258, pairs, n, 0, NULL, 0);
  printf("riscv_hwprobe: %ld\n", rc);
  for (size_t i = 0; i < n; ++i)
    printf("key %lld value %#llx\n", (long long)pairs[i].key, (unsigned long long)pairs[i].value);
  printf("flags != 0: %ld\n", syscall(258, pairs, 1, 0, NULL, 4) < 0 ? -1L : 0L);
  printf("AT_HWCAP %#lx\n", getauxval(AT_HWCAP));
  FILE* f = fopen("/proc/cpuinfo", "r");
  char line[512];
  while (f && fgets(line, sizeof line, f)) {
    if (strncmp(line, "isa", 3) == 0) {
      fputs(line, stdout);
      break;
    }
  }
  if (f) fclose(f);
  return 0;
}
