// The guest's own view of /proc/self: maps lists its program's code (r-x, by its path) and its
// stack, not the emulator's; cmdline is its argv.
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
  return 0;
}
