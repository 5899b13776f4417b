// File system round trips in a fresh directory under /tmp: write/read/lseek/fstat/stat/rename/
// unlink/rmdir and a sorted directory listing. Prints what it checked, never names or times.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures;

static void expect(int ok, const char* what) {
  printf("%s: %s\n", ok ? "ok" : "FAIL", what);
  if (!ok) ++failures;
}

static int compare_names(const void* a, const void* b) {
  return strcmp(*(char* const*)a, *(char* const*)b);
}

int main(void) {
  char dir[] = "/tmp/xisa-file-io-XXXXXX";
  expect(mkdtemp(dir) != NULL, "mkdtemp");
  char path[256], path2[256];
  snprintf(path, sizeof path, "%s/data.bin", dir);
  snprintf(path2, sizeof path2, "%s/renamed.bin", dir);

  unsigned char buf[10000], back[10000];
  for (size_t i = 0; i < sizeof buf; ++i) buf[i] = (unsigned char)(i * 7 + (i >> 8));
  int fd = open(path, O_CREAT | O_EXCL | O_RDWR, 0640);
  expect(fd >= 0, "open O_CREAT|O_EXCL");
  expect(write(fd, buf, sizeof buf) == (ssize_t)sizeof buf, "write 10000 bytes");
  expect(open(path, O_CREAT | O_EXCL | O_RDWR, 0640) == -1 && errno == EEXIST, "O_EXCL EEXIST");

  struct stat st;
  expect(fstat(fd, &st) == 0 && st.st_size == 10000, "fstat size");
  expect(S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0640, "fstat mode");
  expect(lseek(fd, 0, SEEK_CUR) == 10000, "lseek SEEK_CUR");
  expect(lseek(fd, 1234, SEEK_SET) == 1234, "lseek SEEK_SET");
  expect(read(fd, back, 100) == 100 && memcmp(back, buf + 1234, 100) == 0, "read at offset");
  expect(lseek(fd, -10, SEEK_END) == 9990, "lseek SEEK_END");
  expect(read(fd, back, 100) == 10, "short read at end");
  expect(read(fd, back, 100) == 0, "read at EOF");
  expect(pread(fd, back, 5000, 5000) == 5000 && memcmp(back, buf + 5000, 5000) == 0, "pread");
  expect(pwrite(fd, "XYZ", 3, 20000) == 3, "pwrite past end");
  expect(fstat(fd, &st) == 0 && st.st_size == 20003, "file grew to 20003");
  expect(pread(fd, back, 10, 15000) == 10 && back[0] == 0 && back[9] == 0, "hole reads zeros");
  expect(ftruncate(fd, 10000) == 0 && fstat(fd, &st) == 0 && st.st_size == 10000, "ftruncate");
  expect(close(fd) == 0, "close");
  expect(close(fd) == -1 && errno == EBADF, "close twice EBADF");

  // stdio on top of the same file.
  FILE* f = fopen(path, "rb");
  expect(f != NULL, "fopen");
  size_t total = 0;
  unsigned sum = 0;
  int c;
  while ((c = fgetc(f)) != EOF) sum = sum * 31 + (unsigned)c, ++total;
  fclose(f);
  unsigned want = 0;
  for (size_t i = 0; i < sizeof buf; ++i) want = want * 31 + buf[i];
  expect(total == 10000 && sum == want, "fgetc round trip checksum");

  expect(rename(path, path2) == 0, "rename");
  expect(stat(path, &st) == -1 && errno == ENOENT, "old name ENOENT");
  expect(stat(path2, &st) == 0 && st.st_size == 10000, "stat new name");

  const char* names[] = {"zeta", "alpha", "mid", "Beta", "0num"};
  for (int i = 0; i < 5; ++i) {
    char p[300];
    snprintf(p, sizeof p, "%s/%s", dir, names[i]);
    int f2 = open(p, O_CREAT | O_WRONLY, 0600);
    if (f2 >= 0) close(f2);
  }
  char sub[300];
  snprintf(sub, sizeof sub, "%s/subdir", dir);
  expect(mkdir(sub, 0700) == 0, "mkdir");
  expect(stat(sub, &st) == 0 && S_ISDIR(st.st_mode), "stat dir");

  DIR* d = opendir(dir);
  expect(d != NULL, "opendir");
  char* listed[32];
  int n = 0;
  struct dirent* e;
  while (d && (e = readdir(d)) != NULL && n < 32) listed[n++] = strdup(e->d_name);
  if (d) closedir(d);
  qsort(listed, n, sizeof listed[0], compare_names);
  printf("listing:");
  for (int i = 0; i < n; ++i) printf(" %s", listed[i]), free(listed[i]);
  printf("\n");

  for (int i = 0; i < 5; ++i) {
    char p[300];
    snprintf(p, sizeof p, "%s/%s", dir, names[i]);
    unlink(p);
  }
  expect(rmdir(dir) == -1 && errno == ENOTEMPTY, "rmdir non-empty ENOTEMPTY");
  expect(rmdir(sub) == 0, "rmdir subdir");
  expect(unlink(path2) == 0, "unlink");
  expect(unlink(path2) == -1 && errno == ENOENT, "unlink twice ENOENT");
  expect(rmdir(dir) == 0, "rmdir");
  expect(stat(dir, &st) == -1 && errno == ENOENT, "dir gone");
  printf("failures=%d\n", failures);
  return failures != 0;
}
