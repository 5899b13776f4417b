// POSIX threads: mutex, condition variable, barrier, rwlock, semaphore, thread-local storage,
// return values, pthread_cancel and 64 threads at once. Output is deterministic.
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NTHREADS 64
#define ITERS 2000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static _Thread_local long tls_value = 7;

static void* count_up(void* arg) {
  long id = (long)(intptr_t)arg;
  tls_value = id;  // each thread's own copy
  for (int i = 0; i < ITERS; ++i) {
    pthread_mutex_lock(&lock);
    ++counter;
    pthread_mutex_unlock(&lock);
  }
  return (void*)(intptr_t)(tls_value * 3);
}

static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int queue[16];
static int queue_len, produced_done;

static void* producer(void* arg) {
  (void)arg;
  for (int i = 1; i <= 100; ++i) {
    pthread_mutex_lock(&lock);
    while (queue_len == 16) pthread_cond_wait(&cond, &lock);
    queue[queue_len++] = i;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
  }
  pthread_mutex_lock(&lock);
  produced_done = 1;
  pthread_cond_broadcast(&cond);
  pthread_mutex_unlock(&lock);
  return NULL;
}

static void* consumer(void* arg) {
  long sum = 0;
  (void)arg;
  for (;;) {
    pthread_mutex_lock(&lock);
    while (queue_len == 0 && !produced_done) pthread_cond_wait(&cond, &lock);
    if (queue_len == 0 && produced_done) {
      pthread_mutex_unlock(&lock);
      break;
    }
    sum += queue[--queue_len];
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
  }
  return (void*)(intptr_t)sum;
}

static pthread_barrier_t barrier;
static int phase_counts[3];

static void* barrier_worker(void* arg) {
  (void)arg;
  for (int phase = 0; phase < 3; ++phase) {
    __atomic_fetch_add(&phase_counts[phase], 1, __ATOMIC_SEQ_CST);
    pthread_barrier_wait(&barrier);
    // Everyone has arrived at this phase before anyone reads it.
    if (__atomic_load_n(&phase_counts[phase], __ATOMIC_SEQ_CST) != 8) abort();
  }
  return NULL;
}

static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;
static long shared_table[8];

static void* rw_worker(void* arg) {
  long id = (long)(intptr_t)arg;
  for (int i = 0; i < 500; ++i) {
    if (i % 10 == 0) {
      pthread_rwlock_wrlock(&rwlock);
      for (int j = 0; j < 8; ++j) shared_table[j] += 1;
      pthread_rwlock_unlock(&rwlock);
    } else {
      pthread_rwlock_rdlock(&rwlock);
      long first = shared_table[0];
      for (int j = 1; j < 8; ++j)
        if (shared_table[j] != first) abort();  // a writer was seen half-way
      pthread_rwlock_unlock(&rwlock);
    }
  }
  (void)id;
  return NULL;
}

static sem_t slots, items;
static long sem_total;

static void* sem_producer(void* arg) {
  (void)arg;
  for (int i = 1; i <= 50; ++i) {
    sem_wait(&slots);
    __atomic_fetch_add(&sem_total, i, __ATOMIC_SEQ_CST);
    sem_post(&items);
  }
  return NULL;
}

static void* sleeper(void* arg) {
  (void)arg;
  for (;;) pause();  // a cancellation point
  return NULL;
}

static void* exits_early(void* arg) {
  pthread_exit((void*)(intptr_t)((long)(intptr_t)arg + 100));
  return NULL;
}

int main(void) {
  pthread_t t[NTHREADS];
  for (long i = 0; i < NTHREADS; ++i) pthread_create(&t[i], NULL, count_up, (void*)(intptr_t)i);
  long ret_sum = 0;
  for (int i = 0; i < NTHREADS; ++i) {
    void* r;
    pthread_join(t[i], &r);
    ret_sum += (long)(intptr_t)r;
  }
  printf("mutex: counter %ld (expected %d), return values sum %ld\n", counter,
         NTHREADS * ITERS, ret_sum);
  printf("tls: main thread still sees %ld\n", tls_value);

  pthread_t p, c[3];
  pthread_create(&p, NULL, producer, NULL);
  for (int i = 0; i < 3; ++i) pthread_create(&c[i], NULL, consumer, NULL);
  long consumed = 0;
  pthread_join(p, NULL);
  for (int i = 0; i < 3; ++i) {
    void* r;
    pthread_join(c[i], &r);
    consumed += (long)(intptr_t)r;
  }
  printf("condvar: consumed sum %ld\n", consumed);

  pthread_barrier_init(&barrier, NULL, 8);
  for (int i = 0; i < 8; ++i) pthread_create(&t[i], NULL, barrier_worker, NULL);
  for (int i = 0; i < 8; ++i) pthread_join(t[i], NULL);
  printf("barrier: phases %d %d %d\n", phase_counts[0], phase_counts[1], phase_counts[2]);

  for (long i = 0; i < 6; ++i) pthread_create(&t[i], NULL, rw_worker, (void*)(intptr_t)i);
  for (int i = 0; i < 6; ++i) pthread_join(t[i], NULL);
  printf("rwlock: table[0] %ld\n", shared_table[0]);

  sem_init(&slots, 0, 4);
  sem_init(&items, 0, 0);
  pthread_create(&p, NULL, sem_producer, NULL);
  for (int i = 0; i < 50; ++i) {
    sem_wait(&items);
    sem_post(&slots);
  }
  pthread_join(p, NULL);
  printf("semaphore: total %ld\n", sem_total);

  pthread_t s;
  pthread_create(&s, NULL, sleeper, NULL);
  usleep(10000);
  pthread_cancel(s);
  void* r;
  pthread_join(s, &r);
  printf("cancel: %s\n", r == PTHREAD_CANCELED ? "canceled" : "not canceled");

  pthread_create(&s, NULL, exits_early, (void*)(intptr_t)5);
  pthread_join(s, &r);
  printf("pthread_exit: %ld\n", (long)(intptr_t)r);
  return 0;
}
