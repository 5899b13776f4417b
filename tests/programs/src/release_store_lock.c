// A test-and-set spinlock taken with an atomic exchange and released by a plain release
// store, from four threads. The release must be one store: xisa's interpreter once wrote a
// 4-byte guest store as two (libc's memcpy of a run-time size), and another thread's exchange
// between them was undone, so two threads were inside at once. Output is deterministic.
#include <pthread.h>
#include <stdio.h>

#define THREADS 4
#define ROUNDS 100000

static unsigned lock_word;
static int inside, overlaps;
static long counter;

static void* worker(void* arg) {
  const long id = (long)arg;
  for (int i = 0; i < ROUNDS; ++i) {
    while (__atomic_exchange_n(&lock_word, 1, __ATOMIC_ACQUIRE) != 0) {
    }
    if (__atomic_fetch_add(&inside, 1, __ATOMIC_RELAXED) != 0) ++overlaps;
    counter += id + 1;
    __atomic_fetch_sub(&inside, 1, __ATOMIC_RELAXED);
    __atomic_store_n(&lock_word, 0, __ATOMIC_RELEASE);
  }
  return NULL;
}

int main(void) {
  pthread_t threads[THREADS];
  for (long i = 0; i < THREADS; ++i) pthread_create(&threads[i], NULL, worker, (void*)i);
  for (int i = 0; i < THREADS; ++i) pthread_join(threads[i], NULL);
  printf("counter %ld (expected %ld), overlaps %d\n", counter,
         (long)ROUNDS * THREADS * (THREADS + 1) / 2, overlaps);
  return 0;
}
