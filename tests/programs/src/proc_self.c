// The guest's own view of /proc/self: maps lists its program's code (r-x, by its path) and its
// stack, not the emulator's; cmdline is its argv, environ its environment, auxv its auxiliary
// vector, comm its name. Compared with a native run (qemu-user names the process after itself).
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

static int in_mapping(FILE* maps, uintptr_t addr, const char* perms, const char* name) {
  char line[512];
  rewind(maps);
  while (fgets(line, sizeof line, maps)) {
    unsigned long lo, hi;
    char p[5];
    if (sscanf(line, "%lx-%lx %4s", &lo, &hi, p) != 3) continue;
    if (addr < lo || addr >= hi) continue;
    return strncmp(p, perms, 3) == 0 && strstr(line, name) != NULL;
  }
  return 0;
}

int main(int argc, char** argv) {
  FILE* maps = fopen("/proc/self/maps", "r");
  if (!maps) return 1;
  const char* base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
  int local = 0;
  printf("main in an r-x mapping of the program: %s\n",
         in_mapping(maps, (uintptr_t)&main, "r-x", base) ? "yes" : "no");
  printf("a local variable in [stack]: %s\n",
         in_mapping(maps, (uintptr_t)&local, "rw-", "[stack]") ? "yes" : "no");
  fclose(maps);

  char buf[4096];
  int fd = open("/proc/self/cmdline", O_RDONLY);
  ssize_t n = read(fd, buf, sizeof buf);
  close(fd);
  size_t expected = 0;
  for (int i = 0; i < argc; ++i) expected += strlen(argv[i]) + 1;
  int same = n == (ssize_t)expected;
  for (ssize_t off = 0, i = 0; same && i < argc; ++i) {
    same = strcmp(buf + off, argv[i]) == 0;
    off += (ssize_t)strlen(argv[i]) + 1;
  }
  printf("cmdline is argv (%d arguments): %s\n", argc, same ? "yes" : "no");

  fd = open("/proc/self/environ", O_RDONLY);
  n = read(fd, buf, sizeof buf);
  close(fd);
  printf("environ holds XISA_TEST_VAR=hello: %s\n",
         n > 0 && memmem(buf, (size_t)n, "XISA_TEST_VAR=hello", 20) ? "yes" : "no");

  fd = open("/proc/self/auxv", O_RDONLY);
  n = read(fd, buf, sizeof buf);
  close(fd);
  const unsigned long* aux = (const unsigned long*)buf;
  int pagesz = 0;
  for (ssize_t i = 0; (i + 1) * 16 <= n; ++i)
    if (aux[2 * i] == AT_PAGESZ) pagesz = aux[2 * i + 1] == getauxval(AT_PAGESZ);
  printf("auxv: AT_PAGESZ as getauxval says %d, ends with AT_NULL %d\n", pagesz,
         n >= 16 && aux[n / 8 - 2] == AT_NULL);

  // stat: startcode/endcode around main, startstack in [stack], arg_start at argv[0],
  // env_start at the first environment string.
  FILE* st = fopen("/proc/self/stat", "r");
  char line[2048];
  unsigned long f[53] = {0};
  if (st && fgets(line, sizeof line, st)) {
    char* p = strrchr(line, ')') + 4;  // past ") " and the state letter (field 3)
    for (int i = 4; i <= 52 && p; ++i) {
      f[i] = strtoul(p, &p, 10);
      if (*p == ' ') ++p;
    }
  }
  if (st) fclose(st);
  extern char** environ;
  maps = fopen("/proc/self/maps", "r");
  printf("stat: code %d, stack %d, args %d, env %d\n",
         f[26] <= (uintptr_t)&main && (uintptr_t)&main < f[27],
         in_mapping(maps, f[28], "rw-", "[stack]"), f[48] == (uintptr_t)argv[0],
         f[50] == (uintptr_t)environ[0] && f[51] > f[50]);
  fclose(maps);

  // status: the address-space size is the program's (an emulator's reservations are not).
  FILE* status = fopen("/proc/self/status", "r");
  unsigned long vm_size_kb = 0;
  while (status && fgets(line, sizeof line, status))
    if (sscanf(line, "VmSize: %lu kB", &vm_size_kb) == 1) break;
  if (status) fclose(status);
  printf("status: VmSize under 1 GiB: %s\n",
         vm_size_kb > 0 && vm_size_kb < (1ul << 20) ? "yes" : "no");

  FILE* ci = fopen("/proc/cpuinfo", "r");
  int processors = 0;
  while (ci && fgets(line, sizeof line, ci))
    if (strncmp(line, "processor", 9) == 0) ++processors;
  if (ci) fclose(ci);
  printf("cpuinfo lists every online processor: %s\n",
         processors == sysconf(_SC_NPROCESSORS_ONLN) ? "yes" : "no");

  fd = open("/proc/self/comm", O_RDONLY);
  n = read(fd, buf, sizeof buf - 1);
  close(fd);
  buf[n > 0 ? n : 0] = 0;
  printf("comm: %s", buf);
  return 0;
}
