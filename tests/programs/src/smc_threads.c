// Cross-thread code modification under load: a writer thread rewrites a function in place
// (with the cache maintenance each ISA asks for) while pairs of threads play futex ping-pong
// and call that function every round. A call made after a new version was published must run
// that version or a newer one, never stale code. Bounded: a fixed number of versions.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define VERSIONS 300
#define PAIRS 2

typedef int (*fn_t)(void);
static uint8_t* code;
static int published;  // the newest version whose code is in place
static int writer_done;

// Each version goes in with aligned stores of whole instruction words (memcpy may store
// bytes): a player calling the function while the next version is written runs the old
// instruction or the new one, never a mix of their bytes, on hardware as in xisa.
static void write_version(int v) {
#if defined(__x86_64__)
  // mov eax, v; ret; two nops: one 8-byte store
  const uint64_t word = 0xb8u | (uint64_t)(v & 0xffff) << 8 | (uint64_t)0xc3 << 40 |
                        (uint64_t)0x9090 << 48;
  __atomic_store_n((uint64_t*)code, word, __ATOMIC_RELAXED);
#elif defined(__aarch64__)
  uint32_t* insn = (uint32_t*)code;
  __atomic_store_n(&insn[0], 0x52800000u | ((uint32_t)v << 5), __ATOMIC_RELAXED);  // movz w0, v
  __atomic_store_n(&insn[1], 0xd65f03c0u, __ATOMIC_RELAXED);                      // ret
#elif defined(__riscv)
  uint32_t* insn = (uint32_t*)code;
  __atomic_store_n(&insn[0], 0x00000513u | ((uint32_t)v << 20), __ATOMIC_RELAXED);  // li a0, v
  __atomic_store_n(&insn[1], 0x00008067u, __ATOMIC_RELAXED);                        // ret
#endif
  __builtin___clear_cache((char*)code, (char*)code + 16);
  __atomic_store_n(&published, v, __ATOMIC_RELEASE);
}

static void* writer(void* arg) {
  (void)arg;
  for (int v = 2; v <= VERSIONS; ++v) {
    write_version(v);
    for (volatile int spin = 0; spin < 2000; ++spin) {
    }
  }
  __atomic_store_n(&writer_done, 1, __ATOMIC_RELEASE);
  return NULL;
}

struct Pair {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  int ready;    // players that took their number
  int started;  // main set turn 0: the game is on
  int turn;
  long rounds;
  long stale;
  int last_seen;
};

static void* player(void* arg) {
  struct Pair* p = arg;
  const int me = __atomic_fetch_add(&p->ready, 1, __ATOMIC_SEQ_CST);  // 0 or 1
  for (;;) {
    pthread_mutex_lock(&p->lock);
    // A condition variable may wake spuriously: the predicate alone decides.
    while (!p->started || (p->turn % 2 != me && p->turn >= 0))
      pthread_cond_wait(&p->cond, &p->lock);
    if (p->turn < 0) {
      pthread_mutex_unlock(&p->lock);
      return NULL;
    }
    const int before = __atomic_load_n(&published, __ATOMIC_ACQUIRE);
    const int got = ((fn_t)(uintptr_t)code)();
    if (got < before) ++p->stale;
    p->last_seen = got;
    ++p->rounds;
    if (__atomic_load_n(&writer_done, __ATOMIC_ACQUIRE) && got == VERSIONS && p->rounds > 10)
      p->turn = -1;  // both players stop
    else
      p->turn = (p->turn + 1) % 2;
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
  }
}

int main(void) {
  code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (code == MAP_FAILED) return 1;
  write_version(1);
  struct Pair pairs[PAIRS];
  pthread_t players[PAIRS][2], w;
  for (int i = 0; i < PAIRS; ++i) {
    memset(&pairs[i], 0, sizeof pairs[i]);
    pthread_mutex_init(&pairs[i].lock, NULL);
    pthread_cond_init(&pairs[i].cond, NULL);
    pthread_create(&players[i][0], NULL, player, &pairs[i]);
    pthread_create(&players[i][1], NULL, player, &pairs[i]);
    pthread_mutex_lock(&pairs[i].lock);
    pairs[i].turn = 0;
    pairs[i].started = 1;
    pthread_cond_broadcast(&pairs[i].cond);
    pthread_mutex_unlock(&pairs[i].lock);
  }
  pthread_create(&w, NULL, writer, NULL);
  pthread_join(w, NULL);
  long stale = 0;
  for (int i = 0; i < PAIRS; ++i) {
    pthread_join(players[i][0], NULL);
    pthread_join(players[i][1], NULL);
    stale += pairs[i].stale;
    printf("pair %d: last version seen %d\n", i, pairs[i].last_seen);
  }
  printf("versions written %d, stale calls %ld\n", VERSIONS, stale);
  return stale != 0;
}
