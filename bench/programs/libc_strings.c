/* libc-heavy: malloc/free churn with string building, copying, searching and formatting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 100000;
  unsigned long total = 0;
  char buf[256];
  for (long i = 0; i < n; ++i) {
    int len = snprintf(buf, sizeof buf, "item-%ld-%lx-%s", i, i * 2654435761ul, "payload");
    char* s = malloc((size_t)len + 1 + (i % 64));
    memcpy(s, buf, (size_t)len + 1);
    total += strlen(s) + (strstr(s, "pay") - s) + (unsigned long)(strcmp(s, "item-5") > 0);
    memset(s, 'x', (size_t)len / 2);
    total += (unsigned long)(strchr(s, '-') - s);
    free(s);
  }
  printf("%lu\n", total);
  return 0;
}
