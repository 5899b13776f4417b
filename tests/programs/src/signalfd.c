// signalfd: signals blocked by the mask are read as struct signalfd_siginfo (sigqueue's value,
// SIGCHLD's status), the descriptor works with epoll and poll, and a blocking read waits for a
// signal sent later by a child.
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void) {
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR1);
  sigaddset(&m, SIGCHLD);
  sigprocmask(SIG_BLOCK, &m, NULL);
  int fd = signalfd(-1, &m, SFD_CLOEXEC | SFD_NONBLOCK);
  struct signalfd_siginfo si;
  ssize_t n = read(fd, &si, sizeof si);
  printf("empty non-blocking read: %zd, EAGAIN: %s\n", n, errno == EAGAIN ? "yes" : "no");
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};
  epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  union sigval v = {.sival_int = 1234};
  sigqueue(getpid(), SIGUSR1, v);
  struct epoll_event out;
  printf("epoll ready: %d\n", epoll_wait(ep, &out, 1, 1000));
  n = read(fd, &si, sizeof si);
  printf("read %zd: signo %u code %d int %d pid ok %d\n", n, si.ssi_signo, si.ssi_code, si.ssi_int,
         si.ssi_pid == (unsigned)getpid());
  printf("epoll after read: %d\n", epoll_wait(ep, &out, 1, 0));
  pid_t c = fork();
  if (c == 0) _exit(7);
  struct pollfd pf = {fd, POLLIN, 0};
  printf("poll for SIGCHLD: %d\n", poll(&pf, 1, 2000));
  n = read(fd, &si, sizeof si);
  printf("read %zd: signo %u code %d status %d pid ok %d\n", n, si.ssi_signo, si.ssi_code,
         si.ssi_status, si.ssi_pid == (unsigned)c);
  waitpid(c, NULL, 0);
  n = read(fd, &si, 10);
  printf("short buffer: %zd, EINVAL: %s\n", n, errno == EINVAL ? "yes" : "no");
  // blocking fd: a signal from a child arrives while read waits
  int bfd = signalfd(-1, &m, 0);
  c = fork();
  if (c == 0) {
    usleep(50000);
    kill(getppid(), SIGUSR1);
    _exit(0);
  }
  n = read(bfd, &si, sizeof si);
  printf("blocking read %zd: signo %u\n", n, si.ssi_signo);
  waitpid(c, NULL, 0);
  close(fd);
  close(bfd);
  return 0;
}
