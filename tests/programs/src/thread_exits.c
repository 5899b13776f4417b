// How a multi-threaded process ends: exit() from another thread while main waits (status of
// that exit), main leaving with pthread_exit while a thread goes on (the process ends with the
// last thread), and a fatal signal raised on a secondary thread (the whole process dies of it).
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void* exits_process(void* arg) {
  (void)arg;
  printf("worker: calling exit(42)\n");
  exit(42);
}

static void* outlives_main(void* arg) {
  (void)arg;
  usleep(20000);
  printf("worker: main is gone, still running\n");
  return NULL;
}

static void* dies_of_signal(void* arg) {
  (void)arg;
  printf("worker: raising SIGABRT\n");
  abort();
}

int main(int argc, char** argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  const char* mode = argc > 1 ? argv[1] : "group";
  pthread_t t;
  if (strcmp(mode, "group") == 0) {
    pthread_create(&t, NULL, exits_process, NULL);
    pthread_join(t, NULL);
    printf("not reached\n");
  } else if (strcmp(mode, "main") == 0) {
    pthread_create(&t, NULL, outlives_main, NULL);
    printf("main: pthread_exit\n");
    pthread_exit(NULL);
  } else {
    pthread_create(&t, NULL, dies_of_signal, NULL);
    pthread_join(t, NULL);
    printf("not reached\n");
  }
  return 1;
}
