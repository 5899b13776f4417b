// The everyday file and memory calls with their corner cases: openat2 (open flags whose bits
// differ on AArch64), O_TMPFILE, O_PATH, O_APPEND from two processes, fcntl and flock locks
// across fork, getdents, vectored and zero-copy I/O, rename flags, close_range; mmap errno
// values, MAP_FIXED_NOREPLACE, shared mappings across fork, madvise, mremap, a large
// PROT_NONE reservation committed in part, memfd; and bad pointers answered with EFAULT.
// Compared with a stored native run (qemu-user 7.2 has no openat2).
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void report(const char* what, int ok) {
  printf("%s: %s\n", what, ok ? "ok" : "FAILED");
  if (!ok) printf("  (errno %d %s)\n", errno, strerror(errno));
}

static char dir[64];

static const char* in_dir(const char* name) {
  static char paths[4][128];
  static int next;
  char* p = paths[next++ % 4];
  snprintf(p, 128, "%s/%s", dir, name);
  return p;
}

static void wait_child(pid_t pid) {
  int status;
  waitpid(pid, &status, 0);
}

static void open_case(void) {
  struct open_how how = {.flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC};
  int d = (int)syscall(SYS_openat2, AT_FDCWD, dir, &how, sizeof how);
  report("openat2 O_DIRECTORY on a directory", d >= 0);
  int f = open(in_dir("plain"), O_CREAT | O_WRONLY, 0644);
  close(f);
  how.flags = O_RDONLY | O_DIRECTORY;
  report("openat2 O_DIRECTORY on a file is ENOTDIR",
         syscall(SYS_openat2, d, "plain", &how, sizeof how) == -1 && errno == ENOTDIR);
  symlink("plain", in_dir("link"));
  how.flags = O_RDONLY | O_NOFOLLOW;
  report("openat2 O_NOFOLLOW on a symlink is ELOOP",
         syscall(SYS_openat2, d, "link", &how, sizeof how) == -1 && errno == ELOOP);
  how.flags = O_RDONLY;
  how.resolve = RESOLVE_BENEATH;
  report("openat2 RESOLVE_BENEATH refuses ..",
         syscall(SYS_openat2, d, "../", &how, sizeof how) == -1 && errno == EXDEV);
  report("openat2 short struct is EINVAL",
         syscall(SYS_openat2, d, "plain", &how, 8) == -1 && errno == EINVAL);
  report("O_DIRECTORY with open() on a file is ENOTDIR",
         open(in_dir("plain"), O_RDONLY | O_DIRECTORY) == -1 && errno == ENOTDIR);
  close(d);

  int t = open(dir, O_TMPFILE | O_RDWR, 0600);
  report("O_TMPFILE", t >= 0);
  struct stat st;
  write(t, "tmp", 3);
  fstat(t, &st);
  printf("O_TMPFILE: size %ld, links %lu\n", (long)st.st_size, (unsigned long)st.st_nlink);
  close(t);

  int op = open(in_dir("plain"), O_PATH);
  report("O_PATH fstat", op >= 0 && fstat(op, &st) == 0 && S_ISREG(st.st_mode));
  report("O_PATH read is EBADF", read(op, &st, 1) == -1 && errno == EBADF);
  int flags = fcntl(op, F_GETFL);
  report("F_GETFL shows O_PATH", (flags & O_PATH) != 0);
  close(op);
}

static void append_and_locks_case(void) {
  const char* log = in_dir("log");
  int fds[2];
  for (int i = 0; i < 2; ++i) fds[i] = open(log, O_CREAT | O_WRONLY | O_APPEND, 0644);
  report("F_GETFL shows O_APPEND", (fcntl(fds[0], F_GETFL) & O_APPEND) != 0);
  pid_t child = fork();
  if (child == 0) {
    for (int i = 0; i < 100; ++i) write(fds[1], "child line\n", 11);
    _exit(0);
  }
  for (int i = 0; i < 100; ++i) write(fds[0], "parent line\n", 12);
  wait_child(child);
  struct stat st;
  stat(log, &st);
  printf("O_APPEND from two processes: %ld bytes\n", (long)st.st_size);

  int fd = fds[0];
  struct flock lk = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10};
  report("F_SETLK", fcntl(fd, F_SETLK, &lk) == 0);
  pid_t me = getpid();
  child = fork();
  if (child == 0) {
    int rfd = open(log, O_RDWR);
    struct flock q = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 5, .l_len = 1};
    fcntl(rfd, F_GETLK, &q);
    int ok = q.l_type == F_WRLCK && q.l_pid == me && q.l_start == 0 && q.l_len == 10;
    int busy = fcntl(rfd, F_SETLK, &q) == -1 && (errno == EAGAIN || errno == EACCES);
    int fl = flock(rfd, LOCK_EX | LOCK_NB) == 0;
    _exit(ok * 1 + busy * 2 + fl * 4);
  }
  int status;
  waitpid(child, &status, 0);
  printf("child sees the lock: %d\n", WEXITSTATUS(status));
  struct flock ofd = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 20, .l_len = 5};
  report("F_OFD_SETLK", fcntl(fd, F_OFD_SETLK, &ofd) == 0);
  report("flock LOCK_EX", flock(fds[1], LOCK_EX) == 0);
  int d = fcntl(fd, F_DUPFD_CLOEXEC, 50);
  report("F_DUPFD_CLOEXEC from 50", d >= 50 && (fcntl(d, F_GETFD) & FD_CLOEXEC));
  report("F_SETFL O_NONBLOCK",
         fcntl(d, F_SETFL, O_NONBLOCK | O_APPEND) == 0 && (fcntl(d, F_GETFL) & O_NONBLOCK));
  close(d);
  close(fds[0]);
  close(fds[1]);
}

static int by_name(const void* a, const void* b) {
  return strcmp(*(char* const*)a, *(char* const*)b);
}

static void dir_case(void) {
  mkdir(in_dir("sub"), 0755);
  for (int i = 0; i < 3; ++i) {
    char name[32];
    snprintf(name, sizeof name, "sub/entry-%d", i);
    close(open(in_dir(name), O_CREAT | O_WRONLY, 0600));
  }
  DIR* dp = opendir(in_dir("sub"));
  char* names[8];
  int n = 0;
  struct dirent* e;
  while ((e = readdir(dp)) && n < 8)
    if (e->d_name[0] != '.') names[n++] = strdup(e->d_name);
  closedir(dp);
  qsort(names, (size_t)n, sizeof names[0], by_name);
  printf("readdir:");
  for (int i = 0; i < n; ++i) printf(" %s", names[i]), free(names[i]);
  printf("\n");
#ifdef SYS_getdents
  int fd = open(in_dir("sub"), O_RDONLY | O_DIRECTORY);
  char buf[1024] __attribute__((aligned(8)));
  long got = syscall(SYS_getdents, fd, buf, sizeof buf);
  int regular = 0;
  for (long off = 0; off < got;) {
    unsigned short reclen;
    memcpy(&reclen, buf + off + 16, 2);
    if (strncmp(buf + off + 18, "entry-", 6) == 0 && buf[off + reclen - 1] == DT_REG) ++regular;
    off += reclen;
  }
  close(fd);
#else
  int regular = 3;  // the generic ABI has only getdents64
#endif
  printf("getdents: %d regular entries\n", regular);

  report("renameat2 RENAME_NOREPLACE is EEXIST",
         renameat2(AT_FDCWD, in_dir("sub/entry-0"), AT_FDCWD, in_dir("sub/entry-1"),
                   RENAME_NOREPLACE) == -1 &&
             errno == EEXIST);
  report("renameat2 RENAME_EXCHANGE", renameat2(AT_FDCWD, in_dir("sub/entry-0"), AT_FDCWD,
                                                in_dir("sub/entry-1"), RENAME_EXCHANGE) == 0);
  report("linkat", linkat(AT_FDCWD, in_dir("sub/entry-2"), AT_FDCWD, in_dir("hard"), 0) == 0);
  struct stat st;
  stat(in_dir("hard"), &st);
  printf("hard link count: %lu\n", (unsigned long)st.st_nlink);
  report("mknodat FIFO", mknodat(AT_FDCWD, in_dir("fifo"), S_IFIFO | 0600, 0) == 0);
  stat(in_dir("fifo"), &st);
  report("the FIFO is a FIFO", S_ISFIFO(st.st_mode));
  report("fchmodat", fchmodat(AT_FDCWD, in_dir("hard"), 0640, 0) == 0);
  struct timespec times[2] = {{1000000000, 5}, {1200000000, 7}};
  report("utimensat", utimensat(AT_FDCWD, in_dir("hard"), times, 0) == 0);
  struct statx sx;
  report("statx", statx(AT_FDCWD, in_dir("hard"), 0, STATX_BASIC_STATS, &sx) == 0);
  printf("statx: mode %o, mtime %lld.%u\n", sx.stx_mode & 07777, (long long)sx.stx_mtime.tv_sec,
         sx.stx_mtime.tv_nsec);
  report("faccessat2 AT_EACCESS",
         syscall(SYS_faccessat2, AT_FDCWD, in_dir("hard"), R_OK, AT_EACCESS) == 0);
}

static void io_case(void) {
  int fd = open(in_dir("io"), O_CREAT | O_RDWR | O_TRUNC, 0600);
  char a[] = "vectored ", b[] = "write";
  struct iovec iov[2] = {{a, 9}, {b, 5}};
  report("pwritev2", pwritev2(fd, iov, 2, 0, 0) == 14);
  char r1[9], r2[6] = {0};
  struct iovec riov[2] = {{r1, 9}, {r2, 5}};
  report("preadv2 at offset -1 (the file position, still 0)", preadv2(fd, riov, 2, -1, 0) == 14);
  report("preadv2 at 0", preadv2(fd, riov, 2, 0, 0) == 14 && memcmp(r1, "vectored ", 9) == 0);
  printf("preadv2 second buffer: %s\n", r2);
  report("fallocate", fallocate(fd, 0, 0, 65536) == 0);
  report("fsync and fdatasync", fsync(fd) == 0 && fdatasync(fd) == 0);
  report("ftruncate", ftruncate(fd, 14) == 0);

  int out = open(in_dir("copy"), O_CREAT | O_RDWR | O_TRUNC, 0600);
  loff_t off_in = 0;
  report("copy_file_range", copy_file_range(fd, &off_in, out, NULL, 14, 0) == 14);
  off_t so = 9;
  report("sendfile", sendfile(out, fd, &so, 5) == 5);
  int p[2], q[2];
  pipe(p);
  pipe(q);
  write(p[1], "spliced", 7);
  report("tee", tee(p[0], q[1], 7, 0) == 7);
  report("splice pipe to file", splice(p[0], NULL, out, NULL, 7, 0) == 7);
  char buf[64] = {0};
  pread(out, buf, sizeof buf - 1, 0);
  printf("copied file: %s\n", buf);
  memset(buf, 0, sizeof buf);
  read(q[0], buf, sizeof buf - 1);
  printf("tee copy: %s\n", buf);
  close(p[0]);
  close(p[1]);
  close(q[0]);
  close(q[1]);
  close(out);

  pid_t child = fork();
  if (child == 0) {
    int high = dup2(fd, 40);
    int closed = syscall(SYS_close_range, 3, ~0u, 0) == 0;
    _exit(closed && high == 40 && fcntl(40, F_GETFD) == -1 && errno == EBADF &&
                  fcntl(1, F_GETFD) >= 0
              ? 0
              : 1);
  }
  int status;
  waitpid(child, &status, 0);
  report("close_range closes 3 and up, not stdout", WEXITSTATUS(status) == 0);
  close(fd);
}

static void memory_case(void) {
  errno = 0;
  report("mmap of (size_t)-4 is ENOMEM",
         mmap(NULL, (size_t)-4, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
             errno == ENOMEM);
  report("mmap of 0 bytes is EINVAL",
         mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
             errno == EINVAL);
  long page = sysconf(_SC_PAGESIZE);
  char* m = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  report("MAP_FIXED_NOREPLACE over a mapping is EEXIST",
         mmap(m + page, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1,
              0) == MAP_FAILED &&
             errno == EEXIST);
  memset(m, 7, 4 * page);
  report("madvise DONTNEED", madvise(m, 2 * page, MADV_DONTNEED) == 0);
  printf("after DONTNEED: %d %d\n", m[0], m[2 * page]);
  m[0] = 'g';
  char* grown = mremap(m, 4 * page, 64 * page, MREMAP_MAYMOVE);
  report("mremap MAYMOVE keeps the contents",
         grown != MAP_FAILED && grown[0] == 'g' && grown[3 * page] == 7);
  char* target = mmap(NULL, 64 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char* moved = mremap(grown, 64 * page, 8 * page, MREMAP_MAYMOVE | MREMAP_FIXED, target);
  report("mremap FIXED lands at the target", moved == target && moved[0] == 'g');
  munmap(target, 64 * page);
  report("mremap of unmapped memory is EFAULT",
         mremap(target, page, 2 * page, MREMAP_MAYMOVE) == MAP_FAILED && errno == EFAULT);

  size_t big = (size_t)4 << 30;
  char* res = mmap(NULL, big, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  report("4 GiB PROT_NONE reservation", res != MAP_FAILED);
  report("commit 1 MiB in the middle",
         mprotect(res + (big / 2), 1 << 20, PROT_READ | PROT_WRITE) == 0);
  res[big / 2 + 4096] = 1;
  report("mmap FIXED inside the reservation",
         mmap(res + (1u << 30), 1 << 20, PROT_READ | PROT_WRITE,
              MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == res + (1u << 30));
  report("munmap the reservation", munmap(res, big) == 0);

  int* shared = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  int* priv = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  int mfd = memfd_create("xisa-test", MFD_CLOEXEC);
  ftruncate(mfd, page);
  char* mf = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0);
  *shared = 1;
  *priv = 1;
  pid_t child = fork();
  if (child == 0) {
    *shared = 42;
    *priv = 42;
    strcpy(mf, "memfd from child");
    msync(mf, page, MS_SYNC);
    _exit(0);
  }
  wait_child(child);
  printf("after the child: shared %d, private %d, memfd \"%s\"\n", *shared, *priv, mf);
  char back[32] = {0};
  pread(mfd, back, 16, 0);
  printf("memfd read back: %s\n", back);
  report("mlock and munlock", mlock(priv, page) == 0 && munlock(priv, page) == 0);
  unsigned char vec[1];
  report("mincore", mincore(priv, page, vec) == 0 && (vec[0] & 1));
}

// Addresses between the program's own mappings are unmapped to it. Under an emulator that
// shares its address space with the guest, some of them hold the emulator's memory: the kernel
// must still answer EFAULT there, not read or write the emulator for the guest.
static int gaps_are_unmapped(void) {
  FILE* maps = fopen("/proc/self/maps", "r");
  if (!maps) return 0;
  int pp[2];
  pipe(pp);
  unsigned long prev_end = 0x10000, lo, hi;
  char line[512];
  int all_efault = 1, probes = 0;
  while (fgets(line, sizeof line, maps) && sscanf(line, "%lx-%lx", &lo, &hi) == 2) {
    if (lo > prev_end && lo < (1ul << 47)) {
      const unsigned long page = 4096, gap = lo - prev_end;
      // Probes at doubling distances from both ends (not just below a mapping: below [stack]
      // the kernel grows the stack instead).
      for (unsigned long d = page; d < gap; d *= 2) {
        const unsigned long at[] = {prev_end + d - page, lo - d};
        for (int i = 0; i < 2; ++i) {
          if (i == 1 && strstr(line, "[stack]")) continue;
          ++probes;
          if (syscall(SYS_write, pp[1], (void*)at[i], 1) != -1 || errno != EFAULT) all_efault = 0;
          if (syscall(SYS_fstat, pp[0], (void*)at[i]) != -1 || errno != EFAULT) all_efault = 0;
        }
      }
    }
    prev_end = hi;
  }
  fclose(maps);
  close(pp[0]);
  close(pp[1]);
  return all_efault && probes > 0;
}

static void bad_pointer_case(void) {
  report("pointers between the program's mappings are EFAULT", gaps_are_unmapped());
  int pp[2];
  pipe(pp);
  write(pp[1], "data", 4);
  report("read into a bad pointer is EFAULT",
         syscall(SYS_read, pp[0], (void*)8, 4) == -1 && errno == EFAULT);
  report("write from a bad pointer is EFAULT",
         syscall(SYS_write, pp[1], (void*)8, 4) == -1 && errno == EFAULT);
  report("open of a bad path pointer is EFAULT",
         syscall(SYS_openat, AT_FDCWD, (char*)8, O_RDONLY) == -1 && errno == EFAULT);
  report("fstat into a bad pointer is EFAULT",
         syscall(SYS_fstat, 0, (void*)8) == -1 && errno == EFAULT);
  report("write to a bad fd is EBADF", write(9999, "x", 1) == -1 && errno == EBADF);
  report("lseek with a bad whence is EINVAL", lseek(0, 0, 42) == -1 && errno == EINVAL);
  report("clock_gettime into a bad pointer is EFAULT",
         syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void*)8) == -1 && errno == EFAULT);
  char* ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  report("clock_gettime into a read-only page is EFAULT",
         syscall(SYS_clock_gettime, CLOCK_MONOTONIC, ro) == -1 && errno == EFAULT);
  report("clock_gettime of a bad clock is EINVAL before EFAULT",
         syscall(SYS_clock_gettime, 12345, (void*)8) == -1 && errno == EINVAL);
  report("gettimeofday into a read-only page is EFAULT",
         syscall(SYS_gettimeofday, ro, NULL) == -1 && errno == EFAULT);
  report("gettimeofday with a bad timezone pointer is EFAULT",
         syscall(SYS_gettimeofday, NULL, (void*)8) == -1 && errno == EFAULT);
  struct timeval tv = {0, -1};
  struct timezone tz = {-1, -1};
  report("gettimeofday fills the time and the kernel's timezone",
         syscall(SYS_gettimeofday, &tv, &tz) == 0 && tv.tv_sec > 0 && tv.tv_usec >= 0 &&
             tv.tv_usec < 1000000 && tz.tz_minuteswest == 0 && tz.tz_dsttime == 0);
  report("gettimeofday with two NULL pointers succeeds",
         syscall(SYS_gettimeofday, NULL, NULL) == 0);
  munmap(ro, 4096);
  report("pipe2 with bad flags is EINVAL", pipe2(pp, 0x12345678) == -1 && errno == EINVAL);
  report("pipe2 into a bad pointer is EFAULT",
         syscall(SYS_pipe2, (void*)8, 0) == -1 && errno == EFAULT);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  strcpy(dir, "/tmp/xisa-files-XXXXXX");
  if (!mkdtemp(dir)) return 1;
  open_case();
  append_and_locks_case();
  dir_case();
  io_case();
  memory_case();
  bad_pointer_case();
  // Remove what was made (children first).
  const char* names[] = {"sub/entry-0", "sub/entry-1", "sub/entry-2", "sub", "plain", "link",
                         "log",         "hard",        "fifo",        "io",  "copy"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; ++i) {
    if (unlink(in_dir(names[i])) != 0) rmdir(in_dir(names[i]));
  }
  return rmdir(dir) == 0 ? 0 : 2;
}
