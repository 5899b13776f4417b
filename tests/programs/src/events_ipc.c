// IPC and event descriptors as a program sees them: epoll (its event layout differs on
// x86-64), eventfd, timerfd, select, AF_UNIX with SCM_RIGHTS and SCM_CREDENTIALS, AF_INET
// loopback, System V shared memory, message queues and semaphores across fork, pidfd, inotify
// and a pseudo-terminal's termios and window size. Each line is compared with a reference run.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/select.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static void report(const char* what, int ok) {
  printf("%s: %s\n", what, ok ? "ok" : "FAILED");
  if (!ok) printf("  (errno %d %s)\n", errno, strerror(errno));
}

static void epoll_case(void) {
  int p[2];
  pipe(p);
  int ep = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 0x1122334455667788ull};
  report("epoll_ctl add", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
  struct epoll_event out[4];
  memset(out, 0xaa, sizeof out);
  report("epoll_wait times out empty", epoll_wait(ep, out, 4, 10) == 0);
  write(p[1], "x", 1);
  int n = epoll_wait(ep, out, 4, 1000);
  printf("epoll_wait: %d event(s), events %#x, data %#llx\n", n, out[0].events,
         (unsigned long long)out[0].data.u64);
  ev.events = EPOLLOUT;
  ev.data.u64 = 42;
  epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev);
  n = epoll_pwait(ep, out, 4, 1000, NULL);
  unsigned long long sum = 0;
  for (int i = 0; i < n; ++i) sum += out[i].data.u64 & 0xff;
  printf("epoll_pwait: %d events, data low bytes sum %llu\n", n, sum);
  report("epoll_ctl del with NULL event", epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL) == 0);
  report("epoll_ctl bad op is EINVAL", epoll_ctl(ep, 99, p[0], &ev) == -1 && errno == EINVAL);
  report("epoll_wait maxevents 0 is EINVAL", epoll_wait(ep, out, 0, 0) == -1 && errno == EINVAL);
  close(ep);
  close(p[0]);
  close(p[1]);
}

static void eventfd_timerfd_case(void) {
  int e = eventfd(0, EFD_CLOEXEC);
  uint64_t v = 3;
  write(e, &v, 8);
  v = 4;
  write(e, &v, 8);
  v = 0;
  read(e, &v, 8);
  printf("eventfd counter: %llu\n", (unsigned long long)v);
  close(e);
  e = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
  read(e, &v, 8);
  printf("eventfd semaphore read: %llu\n", (unsigned long long)v);
  read(e, &v, 8);
  report("eventfd empty semaphore is EAGAIN", read(e, &v, 8) == -1 && errno == EAGAIN);
  close(e);

  int t = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
  struct itimerspec its = {.it_value = {0, 20 * 1000 * 1000}};
  timerfd_settime(t, 0, &its, NULL);
  struct itimerspec cur;
  timerfd_gettime(t, &cur);
  report("timerfd armed", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0);
  v = 0;
  read(t, &v, 8);
  printf("timerfd expirations: %llu\n", (unsigned long long)v);
  timerfd_gettime(t, &cur);
  report("timerfd disarmed after one shot", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
  close(t);

  int p[2];
  pipe(p);
  fd_set r;
  FD_ZERO(&r);
  FD_SET(p[0], &r);
  struct timeval tv = {0, 10000};
  report("select times out", select(p[0] + 1, &r, NULL, NULL, &tv) == 0);
  write(p[1], "y", 1);
  FD_SET(p[0], &r);
  tv.tv_sec = 1;
  report("select sees the pipe readable",
         select(p[0] + 1, &r, NULL, NULL, &tv) == 1 && FD_ISSET(p[0], &r));
  close(p[0]);
  close(p[1]);
}

static void unix_socket_case(void) {
  int sv[2];
  report("socketpair", socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
  int one = 1;
  setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
  int pipefd[2];
  pipe(pipefd);

  // SCM_RIGHTS: pass the pipe's write end; the receiver writes through its copy.
  char data = 'r';
  struct iovec iov = {&data, 1};
  char ctrl[CMSG_SPACE(sizeof(int))];
  struct msghdr msg = {
      .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctrl, .msg_controllen = sizeof ctrl};
  struct cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(c), &pipefd[1], sizeof(int));
  report("sendmsg SCM_RIGHTS", sendmsg(sv[0], &msg, 0) == 1);

  char rctrl[CMSG_SPACE(sizeof(int)) + CMSG_SPACE(sizeof(struct ucred))];
  struct msghdr rmsg = {
      .msg_iov = &iov, .msg_iovlen = 1, .msg_control = rctrl, .msg_controllen = sizeof rctrl};
  report("recvmsg", recvmsg(sv[1], &rmsg, MSG_CMSG_CLOEXEC) == 1);
  int got_fd = -1, cred_pid_ok = 0;
  for (c = CMSG_FIRSTHDR(&rmsg); c; c = CMSG_NXTHDR(&rmsg, c)) {
    if (c->cmsg_type == SCM_RIGHTS) memcpy(&got_fd, CMSG_DATA(c), sizeof(int));
    if (c->cmsg_type == SCM_CREDENTIALS) {
      struct ucred cr;
      memcpy(&cr, CMSG_DATA(c), sizeof cr);
      cred_pid_ok = cr.pid == getpid() && cr.uid == getuid();
    }
  }
  report("SCM_CREDENTIALS names this process", cred_pid_ok);
  report("received fd is a new descriptor", got_fd >= 0 && got_fd != pipefd[1]);
  report("received fd is close-on-exec", (fcntl(got_fd, F_GETFD) & FD_CLOEXEC) != 0);
  write(got_fd, "passed", 6);
  char buf[16] = {0};
  read(pipefd[0], buf, sizeof buf - 1);
  printf("written through the passed fd: %s\n", buf);
  close(got_fd);
  close(pipefd[0]);
  close(pipefd[1]);
  close(sv[0]);
  close(sv[1]);
}

static void inet_socket_case(void) {
  int l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  report("bind 127.0.0.1:0", bind(l, (struct sockaddr*)&a, sizeof a) == 0);
  socklen_t len = sizeof a;
  getsockname(l, (struct sockaddr*)&a, &len);
  report("getsockname gives a port", a.sin_port != 0 && len == sizeof a);
  listen(l, 1);
  int c = socket(AF_INET, SOCK_STREAM, 0);
  report("connect", connect(c, (struct sockaddr*)&a, sizeof a) == 0);
  int s = accept4(l, NULL, NULL, SOCK_CLOEXEC);
  report("accept4", s >= 0);
  int nodelay = 1, got = 0;
  socklen_t gl = sizeof got;
  setsockopt(c, IPPROTO_TCP, 1 /*TCP_NODELAY*/, &nodelay, sizeof nodelay);
  getsockopt(c, IPPROTO_TCP, 1, &got, &gl);
  report("TCP_NODELAY round trip", got == 1 && gl == sizeof got);
  struct timeval tv = {2, 500000}, tv2;
  socklen_t tl = sizeof tv2;
  setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv2, &tl);
  report("SO_RCVTIMEO round trip", tv2.tv_sec == 2 && tv2.tv_usec == 500000);
  send(c, "over tcp", 8, 0);
  char buf[16] = {0};
  recv(s, buf, 8, MSG_WAITALL);
  printf("received: %s\n", buf);
  close(s);
  close(c);
  close(l);
}

// AF_INET6 datagrams over ::1, several at once with sendmmsg/recvmmsg (struct mmsghdr).
static void inet6_mmsg_case(void) {
  int r = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (r < 0) {  // no IPv6 here: the reference run says the same
    printf("no IPv6\n");
    return;
  }
  struct sockaddr_in6 a = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT};
  if (bind(r, (struct sockaddr*)&a, sizeof a) != 0) {
    printf("no IPv6 loopback\n");
    close(r);
    return;
  }
  socklen_t len = sizeof a;
  getsockname(r, (struct sockaddr*)&a, &len);
  int s = socket(AF_INET6, SOCK_DGRAM, 0);
  char m0[] = "first", m1[] = "second!";
  struct iovec iov[2] = {{m0, sizeof m0 - 1}, {m1, sizeof m1 - 1}};
  struct mmsghdr out[2] = {
      {.msg_hdr = {.msg_name = &a, .msg_namelen = sizeof a, .msg_iov = &iov[0], .msg_iovlen = 1}},
      {.msg_hdr = {.msg_name = &a, .msg_namelen = sizeof a, .msg_iov = &iov[1], .msg_iovlen = 1}}};
  report("sendmmsg two datagrams", sendmmsg(s, out, 2, 0) == 2);
  char b0[16] = {0}, b1[16] = {0};
  struct iovec riov[2] = {{b0, sizeof b0 - 1}, {b1, sizeof b1 - 1}};
  struct mmsghdr in[2] = {{.msg_hdr = {.msg_iov = &riov[0], .msg_iovlen = 1}},
                          {.msg_hdr = {.msg_iov = &riov[1], .msg_iovlen = 1}}};
  struct timespec wait = {2, 0};
  const int got = recvmmsg(r, in, 2, MSG_WAITFORONE, &wait);
  if (got == 1) recvmmsg(r, in + 1, 1, 0, &wait);
  printf("recvmmsg: \"%s\" (%u bytes), \"%s\" (%u bytes)\n", b0, in[0].msg_len, b1, in[1].msg_len);
  close(s);
  close(r);
}

static void sysv_case(void) {
  int id = shmget(IPC_PRIVATE, 8192, IPC_CREAT | 0600);
  char* mem = shmat(id, NULL, 0);
  report("shmat", mem != (void*)-1);
  struct shmid_ds ds;
  shmctl(id, IPC_STAT, &ds);
  printf("shm size %zu, attached %lu\n", (size_t)ds.shm_segsz, (unsigned long)ds.shm_nattch);
  int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
  int sem = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
  semctl(sem, 0, SETVAL, 0);
  pid_t child = fork();
  if (child == 0) {
    strcpy(mem + 4096, "child wrote shm");
    struct {
      long type;
      char text[16];
    } m = {2, "second type"};
    msgsnd(q, &m, sizeof m.text, 0);
    struct sembuf up = {0, 1, 0};
    semop(sem, &up, 1);
    _exit(0);
  }
  struct sembuf down = {0, -1, 0};
  report("semop waits for the child", semop(sem, &down, 1) == 0);
  struct {
    long type;
    char text[16];
  } m;
  report("msgrcv type 2", msgrcv(q, &m, sizeof m.text, 2, 0) == sizeof m.text);
  printf("message: %s\n", m.text);
  int status;
  waitpid(child, &status, 0);
  printf("shared memory: %s\n", mem + 4096);
  report("semctl GETVAL", semctl(sem, 0, GETVAL) == 0);
  report("shmdt", shmdt(mem) == 0);
  report("shmdt again is EINVAL", shmdt(mem) == -1 && errno == EINVAL);
  shmctl(id, IPC_RMID, NULL);
  msgctl(q, IPC_RMID, NULL);
  semctl(sem, 0, IPC_RMID);
}

static void pidfd_case(void) {
  pid_t child = fork();
  if (child == 0) {
    pause();
    _exit(0);
  }
  int pfd = (int)syscall(SYS_pidfd_open, child, 0);
  report("pidfd_open", pfd >= 0);
  struct pollfd pf = {pfd, POLLIN, 0};
  report("pidfd not readable while the child lives", poll(&pf, 1, 10) == 0);
  report("pidfd_send_signal SIGTERM", syscall(SYS_pidfd_send_signal, pfd, SIGTERM, NULL, 0) == 0);
  report("pidfd readable once the child is gone", poll(&pf, 1, 5000) == 1);
  int status;
  waitpid(child, &status, 0);
  printf("child ended by signal %d\n", WIFSIGNALED(status) ? WTERMSIG(status) : -1);
  close(pfd);
}

static void inotify_case(void) {
  char dir[] = "/tmp/xisa-inotify-XXXXXX";
  mkdtemp(dir);
  int in = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  report("inotify_add_watch", inotify_add_watch(in, dir, IN_CREATE | IN_DELETE) >= 0);
  char path[64];
  snprintf(path, sizeof path, "%s/made", dir);
  close(open(path, O_CREAT | O_WRONLY, 0600));
  unlink(path);
  char buf[1024] __attribute__((aligned(8)));
  ssize_t n = read(in, buf, sizeof buf);
  for (ssize_t off = 0; off < n;) {
    struct inotify_event* e = (struct inotify_event*)(buf + off);
    printf("inotify: %s %s\n", (e->mask & IN_CREATE) ? "create" : "delete", e->name);
    off += (ssize_t)sizeof *e + e->len;
  }
  close(in);
  rmdir(dir);
}

static void pty_case(void) {
  int m = posix_openpt(O_RDWR | O_NOCTTY);
  if (m < 0) {  // no devpts here: the reference run says the same
    printf("no pseudo-terminals\n");
    return;
  }
  report("grantpt/unlockpt", grantpt(m) == 0 && unlockpt(m) == 0);
  int s = open(ptsname(m), O_RDWR | O_NOCTTY);
  report("open the pty slave", s >= 0);
  report("isatty(slave)", isatty(s) == 1);
  struct termios t;
  tcgetattr(s, &t);
  cfmakeraw(&t);
  t.c_cc[VMIN] = 1;
  report("tcsetattr raw", tcsetattr(s, TCSANOW, &t) == 0);
  struct termios back;
  tcgetattr(s, &back);
  report("termios round trip", (back.c_lflag & ICANON) == 0 && back.c_cc[VMIN] == 1);
  struct winsize ws = {.ws_row = 33, .ws_col = 101}, ws2;
  ioctl(m, TIOCSWINSZ, &ws);
  ioctl(s, TIOCGWINSZ, &ws2);
  printf("window size: %d x %d\n", ws2.ws_row, ws2.ws_col);
  write(m, "abc", 3);
  int avail = 0;
  struct pollfd pf = {s, POLLIN, 0};
  poll(&pf, 1, 1000);
  ioctl(s, FIONREAD, &avail);
  printf("FIONREAD: %d\n", avail);
  close(s);
  close(m);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  epoll_case();
  eventfd_timerfd_case();
  unix_socket_case();
  inet_socket_case();
  inet6_mmsg_case();
  sysv_case();
  pidfd_case();
  inotify_case();
  pty_case();
  return 0;
}
