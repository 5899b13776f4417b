/* RISC-V V state in signal frames, as Linux lays it out: after the F/D state, the extension
 * header RISCV_V_MAGIC with __riscv_v_ext_state (vstart, vl, vtype, vcsr, vlenb, datap) and
 * v0..v31 at datap, then an END header. A handler reads the interrupted vector state, changes
 * it in the frame, clobbers its own vector registers, and rt_sigreturn must restore what the
 * frame says. Then a vector load that faults on its fourth element: the frame's vstart is 3,
 * and after the handler makes the page readable the load resumes from element 3.
 * Stored expectation: every line is a check against values the program itself set up
 * (qemu 7.2 puts no V state in its signal frames). */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#define RISCV_V_MAGIC 0x53465457u

struct v_state {
  uint64_t vstart, vl, vtype, vcsr, vlenb;
  uint8_t *datap;
};

static struct v_state seen;
static uint32_t seen_magic, seen_size, seen_end_magic;
static uint32_t seen_v8[4];
static uint64_t fault_vstart, fault_addr;
static char *guard;

static struct v_state *v_context(void *ucontext, uint32_t **hdr_out) {
  uint8_t *sc = (uint8_t *)&((ucontext_t *)ucontext)->uc_mcontext;
  uint32_t *hdr = (uint32_t *)(sc + 256 + 520);
  *hdr_out = hdr;
  return (struct v_state *)(hdr + 2);
}

static void on_usr1(int sig, siginfo_t *si, void *uc) {
  (void)sig;
  (void)si;
  uint32_t *hdr;
  struct v_state *v = v_context(uc, &hdr);
  seen_magic = hdr[0];
  seen_size = hdr[1];
  seen = *v;
  seen_end_magic = *(uint32_t *)((uint8_t *)hdr + hdr[1]);
  memcpy(seen_v8, v->datap + 8 * v->vlenb, sizeof seen_v8);
  /* Change the interrupted state: v8[0], vl (2), vxrm 1 and vxsat 0. */
  uint32_t marker = 0xdeadbeef;
  memcpy(v->datap + 8 * v->vlenb, &marker, 4);
  v->vl = 2;
  v->vcsr = 1 << 1;
  /* The handler's own vector work must not leak into the interrupted code. */
  __asm__ volatile("vsetvli t0, zero, e8, m8, ta, ma\n vmv.v.i v8, 7\n csrwi vxrm, 3\n" ::: "t0", "v8", "memory");
}

static void on_segv(int sig, siginfo_t *si, void *uc) {
  (void)sig;
  uint32_t *hdr;
  struct v_state *v = v_context(uc, &hdr);
  fault_vstart = v->vstart;
  fault_addr = (uint64_t)si->si_addr;
  mprotect(guard, 4096, PROT_READ | PROT_WRITE);
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_usr1;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR1, &sa, 0);
  sa.sa_sigaction = on_segv;
  sigaction(SIGSEGV, &sa, 0);

  uint32_t init[4] = {11, 22, 33, 44}, after[4] = {0};
  uint64_t vl_after, vtype_after, vcsr_after;
  __asm__ volatile(
      "csrwi vxrm, 2\n csrwi vxsat, 1\n"
      "vsetivli t0, 3, e32, m1, tu, mu\n"
      "vle32.v v8, (%[in])\n"
      : : [in] "r"(init) : "t0", "v8", "memory");
  raise(SIGUSR1);
  __asm__ volatile(
      "csrr %[vl], vl\n csrr %[vt], vtype\n csrr %[vc], vcsr\n"
      "vsetivli t0, 4, e32, m1, tu, mu\n vse32.v v8, (%[out])\n"
      : [vl] "=&r"(vl_after), [vt] "=&r"(vtype_after), [vc] "=&r"(vcsr_after)
      : [out] "r"(after) : "t0", "memory");
  printf("magic %s size %u end %u\n", seen_magic == RISCV_V_MAGIC ? "RISCV_V_MAGIC" : "wrong",
         seen_size, seen_end_magic);
  printf("in handler: vstart %llu vl %llu vtype %#llx vcsr %#llx vlenb %llu\n",
         (unsigned long long)seen.vstart, (unsigned long long)seen.vl,
         (unsigned long long)seen.vtype, (unsigned long long)seen.vcsr,
         (unsigned long long)seen.vlenb);
  printf("in handler: v8 %u %u %u\n", seen_v8[0], seen_v8[1], seen_v8[2]);
  printf("after return: vl %llu vtype %#llx vcsr %#llx v8 %#x %u %u\n",
         (unsigned long long)vl_after, (unsigned long long)vtype_after,
         (unsigned long long)vcsr_after, after[0], after[1], after[2]);

  char *pages = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  guard = pages + 4096;
  uint32_t *words = (uint32_t *)(guard - 12);
  for (int i = 0; i < 8; ++i) words[i] = 100 + i;
  mprotect(guard, 4096, PROT_NONE);
  uint32_t loaded[8] = {0};
  __asm__ volatile(
      "vsetivli t0, 8, e32, m2, tu, mu\n"
      "vle32.v v8, (%[src])\n"
      "vse32.v v8, (%[dst])\n"
      : : [src] "r"(words), [dst] "r"(loaded) : "t0", "v8", "v9", "memory");
  printf("fault: vstart %llu at page + %lld\n", (unsigned long long)fault_vstart,
         (long long)(fault_addr - (uint64_t)guard));
  printf("resumed load:");
  for (int i = 0; i < 8; ++i) printf(" %u", loaded[i]);
  printf("\n");
  return 0;
}
