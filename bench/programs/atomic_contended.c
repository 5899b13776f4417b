/* Contended atomics: four threads increment one shared counter with atomic read-modify-write
 * and a compare-and-swap loop (LOCK XADD / LDADD or LDXR+STXR / AMOADD or LR+SC). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define THREADS 4
static long iterations;
static unsigned long counter, cas_counter;

static void* work(void* arg) {
  (void)arg;
  for (long i = 0; i < iterations; ++i) {
    __atomic_fetch_add(&counter, 1, __ATOMIC_SEQ_CST);
    unsigned long old = __atomic_load_n(&cas_counter, __ATOMIC_RELAXED);
    while (!__atomic_compare_exchange_n(&cas_counter, &old, old * 3 + 1, 1, __ATOMIC_SEQ_CST,
                                        __ATOMIC_RELAXED)) {
    }
  }
  return NULL;
}

int main(int argc, char** argv) {
  iterations = argc > 1 ? atol(argv[1]) : 1000000;
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; ++i) pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < THREADS; ++i) pthread_join(t[i], NULL);
  /* cas_counter's value depends only on how many updates ran, not their order. */
  printf("%lu %lu\n", counter, cas_counter);
  return 0;
}
