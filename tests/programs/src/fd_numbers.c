// The guest sees exactly the file descriptors a native run gives: xisa's own (the JIT's code
// memory of each thread, logs) take no guest fd number.
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void* opens(void* arg) {
  (void)arg;
  int fd = open("/dev/null", O_RDONLY);
  printf("a new thread opens fd %d\n", fd);
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  int fd = open("/dev/null", O_RDONLY);
  printf("first open returns fd %d\n", fd);
  pthread_t t;
  pthread_create(&t, NULL, opens, NULL);
  pthread_join(t, NULL);
  printf("then fd %d\n", open("/dev/null", O_RDONLY));
  return 0;
}
