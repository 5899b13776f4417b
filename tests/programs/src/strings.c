// libc's optimised string routines (often vector or word-at-a-time code) against naive byte
// loops, over many lengths and source/destination alignments.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;
static void check(int ok, const char* what, int len, int align) {
  if (!ok && failures++ < 20) printf("FAIL: %s len=%d align=%d\n", what, len, align);
}

static size_t naive_strlen(const char* s) {
  size_t n = 0;
  while (s[n]) ++n;
  return n;
}
static int sign(int v) {
  return (v > 0) - (v < 0);
}
static int naive_strcmp(const char* a, const char* b) {
  while (*a && *a == *b) ++a, ++b;
  return sign((unsigned char)*a - (unsigned char)*b);
}
static const char* naive_strstr(const char* h, const char* n) {
  size_t ln = naive_strlen(n);
  for (; *h; ++h)
    if (strncmp(h, n, ln) == 0) return h;
  return ln == 0 ? h : NULL;
}

int main(void) {
  static char a[512], b[512], c[512];
  int checks = 0;
  for (int len = 0; len < 200; ++len) {
    for (int align = 0; align < 16; ++align) {
      char* s = a + align;
      for (int i = 0; i < len; ++i) s[i] = (char)('A' + (i * 7 + align) % 50);
      s[len] = 0;
      s[len + 1] = 'Z';  // a byte past the terminator that must be ignored
      check(strlen(s) == naive_strlen(s), "strlen", len, align);

      char* d = b + (align * 5) % 16;
      memset(b, 0x55, sizeof b);
      memcpy(d, s, len + 1);
      check(memcmp(d, s, len + 1) == 0, "memcpy", len, align);
      check(d[len + 1] == 0x55 && (d == b || d[-1] == 0x55), "memcpy bounds", len, align);
      check(naive_strcmp(d, s) == 0 && strcmp(d, s) == 0, "strcmp equal", len, align);
      if (len > 0) {
        int pos = (len * 3) / 4;
        d[pos] = (char)(d[pos] + 1 + (len & 1) * 0x80);
        check(sign(strcmp(d, s)) == naive_strcmp(d, s), "strcmp differ", len, align);
        check(sign(memcmp(d, s, len)) == sign((unsigned char)d[pos] - (unsigned char)s[pos]),
              "memcmp differ", len, align);
        check(sign(strncmp(d, s, pos)) == 0, "strncmp prefix", len, align);
      }

      memset(c, 0, sizeof c);
      memset(c + align, 0xa5, len);
      int ok = 1;
      for (int i = 0; i < (int)sizeof c; ++i)
        ok &= (unsigned char)c[i] == ((i >= align && i < align + len) ? 0xa5 : 0);
      check(ok, "memset", len, align);

      // memmove in both overlapping directions.
      for (int i = 0; i < 300; ++i) c[i] = (char)i;
      memmove(c + align + 3, c + 3, len);
      ok = 1;
      for (int i = 0; i < len; ++i) ok &= c[align + 3 + i] == (char)(3 + i);
      check(ok, "memmove up", len, align);
      for (int i = 0; i < 300; ++i) c[i] = (char)i;
      memmove(c + 3, c + 3 + align, len);
      ok = 1;
      for (int i = 0; i < len; ++i) ok &= c[3 + i] == (char)(3 + align + i);
      check(ok, "memmove down", len, align);

      const char* needle = s + len / 2;
      check(strstr(s, needle) == naive_strstr(s, needle), "strstr suffix", len, align);
      check(strchr(s, 'A' + 49) == (len > 0 ? memchr(s, 'A' + 49, len) : NULL), "strchr", len,
            align);
      check(strrchr(s, 0) == s + len, "strrchr nul", len, align);
      checks += 14;
    }
  }
  printf("checks=%d failures=%d\n", checks, failures);

  char text[] = "alpha, beta;gamma  delta,,epsilon";
  printf("strtok:");
  for (char* t = strtok(text, " ,;"); t; t = strtok(NULL, " ,;")) printf(" [%s]", t);
  printf("\n");
  char buf[64];
  int n = snprintf(buf, sizeof buf, "%5d|%-5s|%05.1f|%x|%lld|%c|%%", 42, "ab", 3.14159, 255u,
                   -9000000000LL, 'q');
  printf("snprintf=%d \"%s\"\n", n, buf);
  volatile size_t cap = 8;  // volatile: the truncation is the point, not a warning
  n = snprintf(buf, cap, "truncated %s", "output");
  printf("snprintf truncated returns %d, buffer \"%s\"\n", n, buf);
  printf("strstr: %s / %s\n", strstr("hello world", "o w"), strstr("aaab", "aab"));
  return failures != 0;
}
