// AVX state across a signal handler (x86-64 only). The kernel saves the interrupted code's YMM
// registers in the signal frame's XSAVE-format fpstate (with the _fpx_sw_bytes magic) and starts
// the handler with initial vector state; the handler may read and change the saved state, and
// sigreturn restores it. Compared with the native run.
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static uint8_t before[16][32], after[16][32], in_handler[16][32];
static unsigned magic1, xstate_size, extended_size;
static unsigned long long xfeatures, xstate_bv;
static uint8_t saved_ymm3_high[16];

#define ALL_YMM(op) \
  op(0) op(1) op(2) op(3) op(4) op(5) op(6) op(7) op(8) op(9) op(10) op(11) op(12) op(13) op(14) op(15)
#define LOAD(n) "vmovdqu " #n "*32(%0), %%ymm" #n "\n"
#define STORE(n) "vmovdqu %%ymm" #n ", " #n "*32(%0)\n"

static void handler(int signo, siginfo_t* info, void* context) {
  (void)signo;
  (void)info;
  // The handler's own registers: the initial state (all zero).
  __asm__ volatile(ALL_YMM(STORE) : : "r"(in_handler) : "memory");
  ucontext_t* uc = context;
  uint8_t* fp = (uint8_t*)uc->uc_mcontext.fpregs;
  memcpy(&magic1, fp + 464, 4);
  memcpy(&extended_size, fp + 468, 4);
  memcpy(&xfeatures, fp + 472, 8);
  memcpy(&xstate_size, fp + 480, 4);
  memcpy(&xstate_bv, fp + 512, 8);
  memcpy(saved_ymm3_high, fp + 576 + 3 * 16, 16);
  // Change what sigreturn restores: YMM5's upper half and XMM6.
  memset(fp + 576 + 5 * 16, 0xa5, 16);
  memset(fp + 160 + 6 * 16, 0x5a, 16);
  // Clobber every YMM register here; the interrupted code must not see it.
  __asm__ volatile("vpcmpeqd %%ymm0, %%ymm0, %%ymm0\n vmovdqa %%ymm0, %%ymm3\n vmovdqa %%ymm0, %%ymm9"
                   :
                   :
                   : "xmm0", "xmm3", "xmm9");
}

static void print_regs(const char* name, uint8_t regs[16][32]) {
  printf("%s:\n", name);
  for (int r = 0; r < 16; ++r) {
    printf(" ymm%-2d ", r);
    for (int i = 31; i >= 0; --i) printf("%02x", regs[r][i]);
    printf("\n");
  }
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR1, &sa, 0);
  for (int r = 0; r < 16; ++r)
    for (int i = 0; i < 32; ++i) before[r][i] = (uint8_t)(r * 32 + i + 1);
  // Load the registers, raise the signal with a raw syscall (no libc code in between that
  // could use the vector registers), store them back.
  __asm__ volatile(ALL_YMM(LOAD) : : "r"(before) : "memory");
  __asm__ volatile(
      "mov $39, %%eax\n syscall\n mov %%eax, %%edi\n mov $10, %%esi\n mov $62, %%eax\n syscall"
      :
      :
      : "rax", "rdi", "rsi", "rcx", "r11", "memory");
  __asm__ volatile(ALL_YMM(STORE) : : "r"(after) : "memory");
  // Sizes and the feature set beyond x87/SSE/AVX are the CPU's (this host may have AVX-512).
  printf("fpstate magic1 %#x, extended size = xstate size + 4: %d, x87/SSE/AVX saved: %#llx %#llx\n",
         magic1, extended_size == xstate_size + 4, xfeatures & 7, xstate_bv & 7);
  printf("saved ymm3 upper half in the frame: ");
  for (int i = 15; i >= 0; --i) printf("%02x", saved_ymm3_high[i]);
  printf("\n");
  print_regs("in the handler", in_handler);
  print_regs("after sigreturn", after);
  return 0;
}
