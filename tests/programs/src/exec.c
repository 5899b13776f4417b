// execve: the new program runs under xisa again, with the signal dispositions and mask the
// kernel carries over (ignored stays ignored, handled becomes default); #! scripts with an
// interpreter argument; the errno of programs that cannot run. Each exec is made in a forked
// child, whose status the parent prints.
// qemu-user cannot exec a foreign binary without binfmt_misc, so this test compares with the
// stored expectation (a native run).
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char* base_name(const char* path) {
  const char* slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

static void on_usr2(int sig) { (void)sig; }

static int child_mode(int argc, char** argv) {
  if (strcmp(argv[1], "signals") == 0) {
    struct sigaction sa1, sa2;
    sigaction(SIGUSR1, NULL, &sa1);
    sigaction(SIGUSR2, NULL, &sa2);
    sigset_t m;
    sigprocmask(SIG_SETMASK, NULL, &m);
    printf("exec'd: SIGUSR1 %s, SIGUSR2 %s, SIGINT blocked %d\n",
           sa1.sa_handler == SIG_IGN ? "ignored" : "default",
           sa2.sa_handler == SIG_DFL ? "default" : "handled", sigismember(&m, SIGINT));
    raise(SIGUSR1);
    return 7;
  }
  // Run as a script's interpreter: argv is interpreter, its argument, script, arguments.
  printf("interpreter run with %d arguments: %s", argc, base_name(argv[0]));
  for (int i = 1; i < argc; ++i) printf(" [%s]", i == 2 ? base_name(argv[i]) : argv[i]);
  printf("\n");
  return 5;
}

static int run_child(char* const argv[]) {
  pid_t p = fork();
  if (p == 0) {
    execv(argv[0], argv);
    printf("exec %s: %s\n", base_name(argv[0]), strerror(errno));
    _exit(127);
  }
  int status;
  waitpid(p, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char** argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  if (argc > 1 && strcmp(argv[1], "script-arg") != 0 && strcmp(argv[1], "signals") != 0)
    return 1;
  if (argc > 1) return child_mode(argc, argv);

  char self[PATH_MAX];
  if (!realpath(argv[0], self)) return 1;
  signal(SIGUSR1, SIG_IGN);
  signal(SIGUSR2, on_usr2);
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGINT);
  sigprocmask(SIG_BLOCK, &m, NULL);
  char* sig_argv[] = {self, "signals", NULL};
  printf("child exited %d\n", run_child(sig_argv));
  sigprocmask(SIG_UNBLOCK, &m, NULL);

  char dir[] = "/tmp/xisa-exec-XXXXXX";
  if (!mkdtemp(dir)) return 1;
  char script[PATH_MAX + 32], plain[PATH_MAX + 32], noexec[PATH_MAX + 32];
  snprintf(script, sizeof script, "%s/script.sh", dir);
  snprintf(plain, sizeof plain, "%s/plain.txt", dir);
  snprintf(noexec, sizeof noexec, "%s/noexec", dir);
  FILE* f = fopen(script, "w");
  fprintf(f, "#!%s script-arg\nignored\n", self);
  fclose(f);
  chmod(script, 0755);
  f = fopen(plain, "w");
  fprintf(f, "just text\n");
  fclose(f);
  chmod(plain, 0755);
  f = fopen(noexec, "w");
  fclose(f);
  chmod(noexec, 0644);

  char* script_argv[] = {script, "one", "two", NULL};
  printf("script exited %d\n", run_child(script_argv));
  char* plain_argv[] = {plain, NULL};
  printf("plain text exited %d\n", run_child(plain_argv));
  char* noexec_argv[] = {noexec, NULL};
  printf("not executable exited %d\n", run_child(noexec_argv));
  char missing[PATH_MAX + 32];
  snprintf(missing, sizeof missing, "%s/missing", dir);
  char* missing_argv[] = {missing, NULL};
  printf("missing exited %d\n", run_child(missing_argv));
  unlink(script);
  unlink(plain);
  unlink(noexec);
  rmdir(dir);
  return 0;
}
