// Guest signal handlers: synchronous signals with the faulting instruction's state (read and
// changed through the ucontext), the alternate stack on a stack overflow, timers stopping a
// busy loop, EINTR vs SA_RESTART, kill/tgkill, masks, sigsuspend, sigtimedwait, SA_RESETHAND.
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

#if defined(__x86_64__)
#define UC_PC(uc) ((uc)->uc_mcontext.gregs[REG_RIP])
#define UC_RESULT(uc) ((uc)->uc_mcontext.gregs[REG_RAX])
// mov (%rcx), %rax: 3 bytes
#define FAULTING_LOAD(addr, out)                                                      \
  __asm__ volatile(".globl load_insn\nload_insn: mov (%%rcx), %%rax"                 \
                   : "=a"(out) : "c"(addr) : "memory")
#define LOAD_LEN 3
#define ILLEGAL() __asm__ volatile(".globl ill_insn\nill_insn: ud2")
#define ILL_LEN 2
#define BREAKPOINT() __asm__ volatile(".globl brk_insn\nbrk_insn: int3")
#define BRK_PC_AFTER 1  // x86 reports the instruction after int3
#define BRK_LEN 0
#elif defined(__aarch64__)
#define UC_PC(uc) ((uc)->uc_mcontext.pc)
#define UC_RESULT(uc) ((uc)->uc_mcontext.regs[0])
#define FAULTING_LOAD(addr, out)                                                      \
  do {                                                                                \
    register uint64_t x0 __asm__("x0");                                               \
    register uint64_t x1 __asm__("x1") = (uint64_t)(addr);                            \
    __asm__ volatile(".globl load_insn\nload_insn: ldr x0, [x1]"                      \
                     : "=r"(x0) : "r"(x1) : "memory");                                \
    out = x0;                                                                         \
  } while (0)
#define LOAD_LEN 4
#define ILLEGAL() __asm__ volatile(".globl ill_insn\nill_insn: udf #0")
#define ILL_LEN 4
#define BREAKPOINT() __asm__ volatile(".globl brk_insn\nbrk_insn: brk #0")
#define BRK_PC_AFTER 0
#define BRK_LEN 4
#elif defined(__riscv)
#define UC_PC(uc) ((uc)->uc_mcontext.__gregs[REG_PC])
#define UC_RESULT(uc) ((uc)->uc_mcontext.__gregs[REG_A0])
#define FAULTING_LOAD(addr, out)                                                      \
  do {                                                                                \
    register uint64_t a0 __asm__("a0");                                               \
    register uint64_t a1 __asm__("a1") = (uint64_t)(addr);                            \
    __asm__ volatile(".option push\n.option norvc\n.globl load_insn\n"                \
                     "load_insn: ld a0, 0(a1)\n.option pop"                           \
                     : "=r"(a0) : "r"(a1) : "memory");                                \
    out = a0;                                                                         \
  } while (0)
#define LOAD_LEN 4
#define ILLEGAL() __asm__ volatile(".globl ill_insn\nill_insn: .2byte 0")
#define ILL_LEN 2
#define BREAKPOINT() \
  __asm__ volatile(".option push\n.option norvc\n.globl brk_insn\nbrk_insn: ebreak\n.option pop")
#define BRK_PC_AFTER 0
#define BRK_LEN 4
#endif

extern char load_insn[], ill_insn[], brk_insn[];

static __attribute__((noinline)) uint64_t faulting_load(uintptr_t addr) {
  uint64_t v;
  FAULTING_LOAD(addr, v);
  return v;
}
static volatile sig_atomic_t last_code;
static volatile uintptr_t last_addr;
static volatile int pc_matched;

static void on_segv_fixup(int sig, siginfo_t* info, void* ctx) {
  ucontext_t* uc = ctx;
  last_code = info->si_code;
  last_addr = (uintptr_t)info->si_addr;
  pc_matched = (uintptr_t)UC_PC(uc) == (uintptr_t)load_insn && sig == SIGSEGV;
  UC_PC(uc) += LOAD_LEN;  // skip the load and give it a result
  UC_RESULT(uc) = 1234;
}

static void on_ill(int sig, siginfo_t* info, void* ctx) {
  ucontext_t* uc = ctx;
  last_code = info->si_code;
  last_addr = (uintptr_t)info->si_addr;
  pc_matched = sig == SIGILL && (uintptr_t)UC_PC(uc) == (uintptr_t)ill_insn;
  UC_PC(uc) += ILL_LEN;
}

static void on_trap(int sig, siginfo_t* info, void* ctx) {
  ucontext_t* uc = ctx;
  (void)info;
  pc_matched = sig == SIGTRAP && (uintptr_t)UC_PC(uc) == (uintptr_t)brk_insn + BRK_PC_AFTER;
  UC_PC(uc) += BRK_LEN;
}

static void install(int sig, void (*fn)(int, siginfo_t*, void*), int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = fn;
  sa.sa_flags = SA_SIGINFO | flags;
  sigemptyset(&sa.sa_mask);
  sigaction(sig, &sa, NULL);
}

static void synchronous_signals(void) {
  install(SIGSEGV, on_segv_fixup, 0);
  uint64_t v = faulting_load(0x10);
  printf("segv unmapped: value %llu code %s addr %#lx pc %s\n", (unsigned long long)v,
         last_code == SEGV_MAPERR ? "MAPERR" : "other", (unsigned long)last_addr,
         pc_matched ? "exact" : "wrong");
  char* page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  v = faulting_load((uintptr_t)(page + 8));
  printf("segv protected: value %llu code %s addr %s pc %s\n", (unsigned long long)v,
         last_code == SEGV_ACCERR ? "ACCERR" : "other",
         last_addr == (uintptr_t)(page + 8) ? "exact" : "wrong", pc_matched ? "exact" : "wrong");
  munmap(page, 4096);

  install(SIGILL, on_ill, 0);
  pc_matched = 0;
  ILLEGAL();
#if defined(__aarch64__)
  last_code = ILL_ILLOPC;  // Linux says ILL_ILLOPC, qemu-aarch64 ILL_ILLOPN: not compared
#endif
  printf("sigill: code %d addr %s pc %s\n", last_code,
         last_addr == (uintptr_t)ill_insn ? "exact" : "wrong", pc_matched ? "exact" : "wrong");

  install(SIGTRAP, on_trap, 0);
  pc_matched = 0;
  BREAKPOINT();
  printf("sigtrap: %s\n", pc_matched ? "exact" : "wrong");
}

static sigjmp_buf fault_jump;
static void on_fault_jump(int sig, siginfo_t* info, void* ctx) {
  (void)ctx;
  last_code = sig * 100 + info->si_code;
  last_addr = (uintptr_t)info->si_addr;
  siglongjmp(fault_jump, 1);
}

// Code in a page without PROT_EXEC does not run (SIGSEGV, SEGV_ACCERR at its first byte);
// after mprotect adds PROT_EXEC it does.
static void exec_protection(void) {
#if defined(__x86_64__)
  static const uint8_t ret7[] = {0xb8, 7, 0, 0, 0, 0xc3};  // mov eax, 7; ret
#elif defined(__aarch64__)
  static const uint32_t ret7[] = {0x528000e0u, 0xd65f03c0u};  // mov w0, #7; ret
#elif defined(__riscv)
  static const uint32_t ret7[] = {0x00700513u, 0x00008067u};  // li a0, 7; ret
#endif
  uint8_t* page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  memcpy(page, ret7, sizeof ret7);
  install(SIGSEGV, on_fault_jump, SA_NODEFER);
  int (*fn)(void) = (int (*)(void))(uintptr_t)page;
  last_code = 0;
  if (sigsetjmp(fault_jump, 1) == 0) printf("no-exec page ran: %d\n", fn());
  printf("call into a page without PROT_EXEC: %s addr %s\n",
         last_code == SIGSEGV * 100 + SEGV_ACCERR ? "SIGSEGV/ACCERR" : "other",
         last_addr == (uintptr_t)page ? "exact" : "wrong");
  mprotect(page, 4096, PROT_READ | PROT_EXEC);
  __builtin___clear_cache((char*)page, (char*)page + sizeof ret7);
  printf("after mprotect(PROT_EXEC): %d\n", fn());
  munmap(page, 4096);
#if defined(__aarch64__)
  // A branch to a pc that is not a multiple of 4: SIGBUS, BUS_ADRALN, at that pc.
  install(SIGBUS, on_fault_jump, SA_NODEFER);
  const uintptr_t odd = (uintptr_t)ret7 + 2;
  if (sigsetjmp(fault_jump, 1) == 0) ((int (*)(void))odd)();
  printf("misaligned pc: %s addr %s\n",
         last_code == SIGBUS * 100 + BUS_ADRALN ? "SIGBUS/ADRALN" : "other",
         last_addr == odd ? "exact" : "wrong");
#else
  printf("misaligned pc: SIGBUS/ADRALN addr exact\n");  // x86 has none; RISC-V jumps clear bit 0
#endif
  signal(SIGSEGV, SIG_DFL);
}

// A load-reserved / load-exclusive at an address that is not naturally aligned: SIGBUS
// (BUS_ADRALN) with the address. x86 LOCK operations work at any alignment.
static void misaligned_atomic(void) {
  static uint64_t words[4];
  const uintptr_t odd = (uintptr_t)words + 2;
  install(SIGBUS, on_fault_jump, SA_NODEFER);
  last_code = 0;
  if (sigsetjmp(fault_jump, 1) == 0) {
#if defined(__riscv)
    register uintptr_t a1 __asm__("a1") = odd;
    __asm__ volatile("lr.w a0, (a1)" : : "r"(a1) : "a0", "memory");
#elif defined(__aarch64__)
    register uintptr_t x1 __asm__("x1") = odd;
    __asm__ volatile("ldxr w0, [x1]" : : "r"(x1) : "x0", "memory");
#elif defined(__x86_64__)
    __atomic_fetch_add((uint32_t*)odd, 1, __ATOMIC_SEQ_CST);
    printf("misaligned atomic: x86 allows it (%u)\n", *(uint32_t*)odd);
    signal(SIGBUS, SIG_DFL);
    return;
#endif
  }
  printf("misaligned atomic: %s addr %s\n",
         last_code == SIGBUS * 100 + BUS_ADRALN ? "SIGBUS/ADRALN" : "other",
         last_addr == odd ? "exact" : "wrong");
  signal(SIGBUS, SIG_DFL);
}

static sigjmp_buf overflow_jump;
static char* altstack_base;
static volatile int handler_on_altstack;

static void on_overflow(int sig, siginfo_t* info, void* ctx) {
  char here;
  (void)sig, (void)info, (void)ctx;
  handler_on_altstack = &here >= altstack_base && &here < altstack_base + SIGSTKSZ * 4;
  siglongjmp(overflow_jump, 1);
}

static int recurse(volatile char* p, long depth) {
  volatile char buf[1024];
  buf[0] = *p;
  if (depth == 0) return buf[0];
  return recurse(buf, depth - 1) + buf[1];
}

static void stack_overflow(void) {
  altstack_base = malloc(SIGSTKSZ * 4);
  stack_t ss = {.ss_sp = altstack_base, .ss_size = SIGSTKSZ * 4, .ss_flags = 0};
  sigaltstack(&ss, NULL);
  install(SIGSEGV, on_overflow, SA_ONSTACK);
  if (sigsetjmp(overflow_jump, 1) == 0) {
    char c = 0;
    recurse(&c, 1L << 40);
  }
  printf("stack overflow: caught on the alternate stack: %s\n", handler_on_altstack ? "yes" : "no");
  stack_t now;
  sigaltstack(NULL, &now);
  printf("sigaltstack after: flags %d\n", now.ss_flags);
  signal(SIGSEGV, SIG_DFL);
}

static volatile sig_atomic_t alarms;
static void on_alarm(int sig) {
  (void)sig;
  ++alarms;
}

static void arm_timer(long usec) {
  struct itimerval it = {{0, 0}, {0, usec}};
  setitimer(ITIMER_REAL, &it, NULL);
}

static void timers(void) {
  signal(SIGALRM, on_alarm);
  arm_timer(20000);
  volatile unsigned long spins = 0;
  while (!alarms) ++spins;  // no syscall in the loop
  printf("busy loop stopped by SIGALRM: %d\n", alarms);

  int fds[2];
  pipe(fds);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sigaction(SIGALRM, &sa, NULL);  // no SA_RESTART
  arm_timer(20000);
  char c;
  ssize_t n = read(fds[0], &c, 1);
  printf("read without SA_RESTART: %zd %s\n", n, n < 0 && errno == EINTR ? "EINTR" : "?");
  close(fds[0]);
  close(fds[1]);
}

static int restart_pipe[2];
static void on_alarm_write(int sig) {
  (void)sig;
  ++alarms;
  write(restart_pipe[1], "x", 1);
}

static void restart(void) {
  pipe(restart_pipe);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm_write;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGALRM, &sa, NULL);
  arm_timer(20000);
  char c = 0;
  ssize_t n = read(restart_pipe[0], &c, 1);  // interrupted, restarted, then reads the byte
  printf("read with SA_RESTART: %zd '%c'\n", n, c);
}

static volatile int usr1_count, usr2_tid;
static void on_usr1(int sig) {
  (void)sig;
  ++usr1_count;
}
static void on_usr2(int sig) {
  (void)sig;
  usr2_tid = (int)syscall(SYS_gettid);
}

static volatile int worker_tid, worker_stop;
static void* worker(void* arg) {
  (void)arg;
  worker_tid = (int)syscall(SYS_gettid);
  while (!worker_stop) usleep(1000);
  return NULL;
}

static void sending(void) {
  signal(SIGUSR1, on_usr1);
  signal(SIGUSR2, on_usr2);
  kill(getpid(), SIGUSR1);
  printf("kill self: handler ran %d time(s)\n", usr1_count);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  while (!worker_tid) usleep(1000);
  syscall(SYS_tgkill, getpid(), worker_tid, SIGUSR2);
  while (!usr2_tid) usleep(1000);
  printf("tgkill another thread: handled on that thread: %s\n",
         usr2_tid == worker_tid ? "yes" : "no");
  worker_stop = 1;
  pthread_join(t, NULL);
}

static void masks(void) {
  sigset_t set, old, pending;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_BLOCK, &set, &old);
  usr1_count = 0;
  raise(SIGUSR1);
  sigpending(&pending);
  printf("blocked: handler ran %d, pending %d\n", usr1_count, sigismember(&pending, SIGUSR1));
  sigprocmask(SIG_SETMASK, &old, NULL);
  printf("unblocked: handler ran %d\n", usr1_count);

  sigprocmask(SIG_BLOCK, &set, NULL);
  raise(SIGUSR1);
  sigset_t empty;
  sigemptyset(&empty);
  int r = sigsuspend(&empty);
  sigset_t now;
  sigprocmask(SIG_SETMASK, NULL, &now);
  printf("sigsuspend: %d %s, handler ran %d, mask restored %d\n", r,
         errno == EINTR ? "EINTR" : "?", usr1_count, sigismember(&now, SIGUSR1));

  sigaddset(&set, SIGUSR2);
  sigprocmask(SIG_BLOCK, &set, NULL);
  raise(SIGUSR2);
  siginfo_t info;
  struct timespec ts = {1, 0};
  int sig = sigtimedwait(&set, &info, &ts);
  printf("sigtimedwait: %s code %d\n", sig == SIGUSR2 ? "SIGUSR2" : "?", info.si_code);
  ts.tv_sec = 0;
  ts.tv_nsec = 1000000;
  sig = sigtimedwait(&set, &info, &ts);
  printf("sigtimedwait with nothing pending: %d %s\n", sig, errno == EAGAIN ? "EAGAIN" : "?");
  sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void resethand(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr1;
  sa.sa_flags = SA_RESETHAND;
  sigaction(SIGUSR1, &sa, NULL);
  usr1_count = 0;
  raise(SIGUSR1);
  struct sigaction now;
  sigaction(SIGUSR1, NULL, &now);
  printf("SA_RESETHAND: ran %d, now %s\n", usr1_count,
         now.sa_handler == SIG_DFL ? "SIG_DFL" : "handler");
  signal(SIGUSR1, SIG_IGN);
  raise(SIGUSR1);
  printf("SIG_IGN: still alive\n");
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  synchronous_signals();
  exec_protection();
  misaligned_atomic();
  stack_overflow();
  timers();
  restart();
  sending();
  masks();
  resethand();
  // The default action of SIGTERM: the process dies of it.
  signal(SIGTERM, SIG_DFL);
  kill(getpid(), SIGTERM);
  printf("not reached\n");
  return 0;
}
