// Processes: fork and wait for exit statuses, a child killed by a signal, fork from a
// secondary thread (only that thread lives on in the child), vfork.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void* forks_from_thread(void* arg) {
  (void)arg;
  pid_t p = fork();
  if (p == 0) {
    printf("child of a thread\n");
    _exit(9);
  }
  int status;
  waitpid(p, &status, 0);
  printf("thread waited: exit %d\n", WEXITSTATUS(status));
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  int shared = 1;
  for (int i = 0; i < 3; ++i) {
    pid_t p = fork();
    if (p == 0) {
      shared = 100;  // the parent's copy does not change
      printf("child %d\n", i);
      exit(i + 10);
    }
    int status;
    waitpid(p, &status, 0);
    printf("parent: child %d exited %d, shared still %d\n", i, WEXITSTATUS(status), shared);
  }
  pid_t p = fork();
  if (p == 0) abort();
  int status;
  waitpid(p, &status, 0);
  printf("child killed by a signal: %d, signal %d\n", WIFSIGNALED(status), WTERMSIG(status));
  pthread_t t;
  pthread_create(&t, NULL, forks_from_thread, NULL);
  pthread_join(t, NULL);
  p = vfork();
  if (p == 0) _exit(3);
  waitpid(p, &status, 0);
  printf("vfork child exited %d\n", WEXITSTATUS(status));
  return 0;
}
