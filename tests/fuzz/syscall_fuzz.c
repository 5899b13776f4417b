// A bounded syscall fuzzer, run as a guest: COUNT calls with random numbers and arguments
// drawn from a seeded generator. Arguments mix plain values with pointers to a scratch buffer
// (random bytes, never '/' or '.', so any path it names is an entry of the current directory),
// to an unmapped page and to a read-only page. Calls that would end the process, take its
// memory, signal others or change the machine (the test runs as root in CI) are never made:
// fuzz_excluded.h says which and why. A repeating SIGALRM interrupts calls that block, and
// RLIMIT_FSIZE keeps the files it makes small.
// The last line, on a descriptor of its own, says how many calls were made; the runner checks
// it, xisa's exit status and its stderr.
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

static const long kExcluded[] = {
#include "fuzz_excluded.h"
};

static uint64_t rng_state;

static uint64_t next_random(void) {  // xorshift64*
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 0x2545f4914f6cdd1dull;
}

static int excluded(long nr) {
  for (size_t i = 0; i < sizeof kExcluded / sizeof kExcluded[0]; ++i)
    if (kExcluded[i] == nr) return 1;
  return 0;
}

static unsigned char* scratch;
static unsigned char* unmapped;
static unsigned char* read_only;
enum { kScratchSize = 65536 };

static void refill_scratch(void) {
  for (size_t i = 0; i < kScratchSize; ++i) {
    unsigned char c = (unsigned char)next_random();
    scratch[i] = c == '/' || c == '.' ? 'x' : c;
  }
  // Short NUL-terminated names at the start and every 64 bytes, so that path arguments are
  // often valid (and name files in the current directory).
  for (size_t i = 0; i < kScratchSize; i += 64) scratch[i + 1 + next_random() % 12] = 0;
}

static long random_arg(void) {
  switch (next_random() % 12) {
    case 0:
      return 0;
    case 1:
      return -1;
    case 2:
      return 3 + (long)(next_random() % 8);  // a descriptor the fuzzer may have opened
    case 3:
      return -100;  // AT_FDCWD
    case 4:
      return (long)(scratch + (next_random() % (kScratchSize / 64)) * 64);
    case 5:
      return (long)(scratch + next_random() % kScratchSize);
    case 6:
      return (long)unmapped + (long)(next_random() % 4096);
    case 7:
      return (long)read_only;
    case 8:
      return (long)(next_random() % 4096);
    case 9:
      return (long)(next_random() % 64);
    case 10:
      return (long)(1ul << (next_random() % 64));
    default:
      return (long)next_random();
  }
}

static void on_alarm(int sig) {
  (void)sig;
}

static void reset_state(void) {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  // 20 ms, repeating: a blocking call returns EINTR (no SA_RESTART).
  struct itimerval t = {{0, 20000}, {0, 20000}};
  setitimer(ITIMER_REAL, &t, NULL);
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: syscall_fuzz SEED COUNT\n");
    return 2;
  }
  rng_state = strtoull(argv[1], NULL, 0) * 2 + 1;
  const long count = strtol(argv[2], NULL, 0);
  FILE* report = fdopen(dup2(1, 1000), "w");
  scratch = mmap(NULL, kScratchSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  unmapped = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  read_only = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (!report || scratch == MAP_FAILED || unmapped == MAP_FAILED || read_only == MAP_FAILED)
    return 2;
  // Files (memfds included) stay small, whatever offsets and lengths come up: a sparse
  // terabyte copied or fallocated would fill the disk or wake the OOM killer. The limit is for
  // good: setrlimit and prlimit64 are never called.
  struct rlimit fsize = {16 << 20, 16 << 20};
  if (setrlimit(RLIMIT_FSIZE, &fsize) != 0) return 2;
  struct sigaction sa = {.sa_handler = on_alarm};
  sigaction(SIGALRM, &sa, NULL);
  // Signals a random call might raise on this process (SIGPIPE from a write to a closed
  // pipe, SIGXFSZ, SIGTTOU from the terminal...) are ignored: the guest would die natively too.
  const int ignored[] = {SIGPIPE, SIGXFSZ, SIGTTIN, SIGTTOU, SIGTSTP, SIGHUP, SIGIO, SIGURG};
  for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; ++i) signal(ignored[i], SIG_IGN);

  const int trace = getenv("FUZZ_TRACE") != NULL;
  long made = 0;
  for (long i = 0; i < count; ++i) {
    if (i % 64 == 0) refill_scratch();
    long nr = (long)(next_random() % 470);
    if (excluded(nr) || nr == 1000) continue;
    long a[6];
    for (int k = 0; k < 6; ++k) a[k] = random_arg();
    if (a[0] == 1000 || a[1] == 1000) continue;  // the report descriptor stays open
    reset_state();
    if (trace)  // FUZZ_TRACE=1: each call before it is made, to find the one that misbehaved
      dprintf(1000, "%ld: %ld(%lx, %lx, %lx, %lx, %lx, %lx)\n", i, nr, a[0], a[1], a[2], a[3], a[4],
              a[5]);
    syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
    ++made;
  }
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &off, NULL);
  fprintf(report, "syscall_fuzz: %ld calls made\n", made);
  fclose(report);
  return 0;
}
