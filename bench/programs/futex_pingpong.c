/* Futex ping-pong: two threads hand a token back and forth through a mutex and two condition
 * variables (futex wait/wake every round), plus uncontended lock/unlock in between. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ping = PTHREAD_COND_INITIALIZER, pong = PTHREAD_COND_INITIALIZER;
static long turn, rounds;
static pthread_mutex_t private_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long uncontended;

static void* other(void* arg) {
  (void)arg;
  for (long i = 0; i < rounds; ++i) {
    pthread_mutex_lock(&lock);
    while (turn != 1) pthread_cond_wait(&pong, &lock);
    turn = 0;
    pthread_cond_signal(&ping);
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

int main(int argc, char** argv) {
  rounds = argc > 1 ? atol(argv[1]) : 20000;
  pthread_t t;
  pthread_create(&t, NULL, other, NULL);
  for (long i = 0; i < rounds; ++i) {
    pthread_mutex_lock(&lock);
    turn = 1;
    pthread_cond_signal(&pong);
    while (turn != 0) pthread_cond_wait(&ping, &lock);
    pthread_mutex_unlock(&lock);
    for (int k = 0; k < 50; ++k) {  // uncontended: no syscall, atomics only
      pthread_mutex_lock(&private_lock);
      ++uncontended;
      pthread_mutex_unlock(&private_lock);
    }
  }
  pthread_join(t, NULL);
  printf("%ld %lu\n", turn, uncontended);
  return 0;
}
