// Robust futex lists: a thread holds a robust mutex and leaves with the raw exit syscall, past
// glibc's own clean-up, so only the kernel's (here xisa's) walk of the thread's robust list
// marks the mutex owner-dead. The next locker gets EOWNERDEAD, not a deadlock.
// qemu-user does not walk robust lists (it hangs here), so this test compares with the stored
// expectation, as a native run gives it.
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_mutex_t robust;

static void* dies_holding(void* arg) {
  (void)arg;
  pthread_mutex_lock(&robust);
  syscall(SYS_exit, 0);
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(&robust, &attr);
  for (int round = 0; round < 3; ++round) {
    pthread_t t;
    pthread_create(&t, NULL, dies_holding, NULL);
    pthread_join(t, NULL);
    int rc = pthread_mutex_lock(&robust);
    printf("round %d: %s\n", round, rc == EOWNERDEAD ? "EOWNERDEAD" : strerror(rc));
    if (rc == EOWNERDEAD) pthread_mutex_consistent(&robust);
    pthread_mutex_unlock(&robust);
  }
  return 0;
}
