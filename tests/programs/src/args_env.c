// argv, envp and the auxiliary vector as the loader builds them. Paths are printed by basename
// so the output does not depend on the build directory.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

static const char* base_name(const char* path) {
  const char* slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

int main(int argc, char** argv, char** envp) {
  printf("argc=%d\n", argc);
  printf("argv[0] basename=%s\n", base_name(argv[0]));
  for (int i = 1; i < argc; ++i) printf("argv[%d]=\"%s\"\n", i, argv[i]);
  if (argv[argc] != NULL) printf("FAIL: argv not NULL-terminated\n");

  // The runner gives the guest a fixed environment; print only the variables it sets.
  int count = 0;
  for (char** e = envp; *e; ++e)
    if (strncmp(*e, "XISA_TEST_", 10) == 0)
      printf("env %s\n", *e);
    else
      ++count;
  const char* v = getenv("XISA_TEST_VAR");
  printf("getenv(XISA_TEST_VAR)=%s\n", v ? v : "(null)");
  printf("getenv(XISA_TEST_MISSING)=%s\n", getenv("XISA_TEST_MISSING") ? "set" : "(null)");

  unsigned long page = getauxval(AT_PAGESZ);
  printf("AT_PAGESZ=%lu sysconf=%ld\n", page, sysconf(_SC_PAGESIZE));
  printf("AT_HWCAP nonzero=%d\n", getauxval(AT_HWCAP) != 0);
  const unsigned char* random = (const unsigned char*)getauxval(AT_RANDOM);
  printf("AT_RANDOM non-null=%d\n", random != NULL);
  if (random) {
    // 16 random bytes: reading them must not fault; all zero is (almost) impossible.
    int nonzero = 0;
    for (int i = 0; i < 16; ++i) nonzero |= random[i];
    printf("AT_RANDOM bytes nonzero=%d\n", nonzero != 0);
  }
  const char* execfn = (const char*)getauxval(AT_EXECFN);
  printf("AT_EXECFN basename=%s\n", execfn ? base_name(execfn) : "(null)");
  printf("AT_UID==getuid=%d AT_EUID==geteuid=%d\n", getauxval(AT_UID) == getuid(),
         getauxval(AT_EUID) == geteuid());
  printf("AT_PHDR nonzero=%d AT_ENTRY nonzero=%d\n", getauxval(AT_PHDR) != 0,
         getauxval(AT_ENTRY) != 0);
  return 0;
}
