// Exits with the status given in argv[1], through exit() so atexit handlers run first.
#include <stdio.h>
#include <stdlib.h>

static void on_exit_handler(void) {
  printf("atexit handler ran\n");
}

int main(int argc, char** argv) {
  if (argc < 2) {
    printf("usage: exit_codes STATUS\n");
    return 2;
  }
  atexit(on_exit_handler);
  int status = atoi(argv[1]);
  printf("exiting with %d\n", status);
  exit(status);
}
