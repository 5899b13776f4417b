/* Unmasked x87 exceptions (x86-64 only): an x87 exception whose control-word mask bit is clear
 * stays pending until the next waiting x87 instruction or MMX instruction, which raises #MF:
 * SIGFPE with the si_code Linux derives from the status word, at that instruction. The handler
 * starts with a clean FPU, clears the flags in the saved state and returns, so the instruction
 * runs again and completes. The FN* instructions do not wait. An unmasked IE, DE or ZE aborts
 * the instruction (no result, no pop: TOP shows it). The status printed leaves out B and C1:
 * after an unmasked overflow or underflow C1 reports the rounding of the exponent-biased
 * result, which xisa does not produce (it stores the masked result). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static volatile int hits, code;
static volatile uintptr_t address;
static volatile uint16_t handler_cw, handler_sw;
static volatile uint32_t handler_mxcsr;

static void on_fpe(int sig, siginfo_t* si, void* context) {
  ucontext_t* uc = context;
  (void)sig;
  ++hits;
  code = si->si_code;
  address = (uintptr_t)si->si_addr;
  __asm__ volatile("fnstcw %0\n fnstsw %1\n stmxcsr %2"
                   : "=m"(handler_cw), "=m"(handler_sw), "=m"(handler_mxcsr));
  uc->uc_mcontext.fpregs->swd &= ~0x80ffu; /* the exception flags, ES and B */
}

/* Operands of the triggers: the largest normal, the smallest normal, a denormal. */
static const unsigned char kHuge[10] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0x7f};
static const unsigned char kTiny[10] = {0, 0, 0, 0, 0, 0, 0, 0x80, 0x01, 0x00};
static const unsigned char kDenormal[10] = {1, 0, 0, 0, 0, 0, 0, 0, 0, 0};

/* Each trigger leaves one exception pending under control word cw. */
#define TRIGGER_IE "fld1\n fchs\n fsqrt\n"
#define TRIGGER_ZE "fld1\n fldz\n fdivrp\n"
#define TRIGGER_OE "fldt %[huge]\n fmul %%st(0), %%st\n"
#define TRIGGER_UE "fldt %[tiny]\n fmul %%st(0), %%st\n"
#define TRIGGER_DE "fldt %[denormal]\n fld1\n faddp\n"
#define TRIGGER_PE "fld1\n fld1\n fadd %%st(0), %%st\n fadd %%st(1), %%st\n fdivrp\n"

#define RUN(name, cw_value, trigger, waiter)                                            \
  do {                                                                                  \
    uint16_t cw = cw_value, sw_after;                                                   \
    uintptr_t at;                                                                       \
    hits = 0;                                                                           \
    __asm__ volatile(                                                                   \
        "fninit\n fldcw %[cw]\n" trigger                                                \
        "lea 1f(%%rip), %[at]\n"                                                        \
        "1: " waiter "\n fnstsw %[sw]\n fninit\n emms"                                  \
        : [at] "=&r"(at), [sw] "=m"(sw_after)                                           \
        : [cw] "m"(cw), [huge] "m"(kHuge), [tiny] "m"(kTiny), [denormal] "m"(kDenormal) \
        : "memory", "rax", "st", "st(1)", "st(2)", "mm0", "mm1");                       \
    printf("%-22s signals %d", name, hits);                                             \
    if (hits)                                                                           \
      printf(" code %d at %s, handler cw %#x sw %#x mxcsr %#x", code,                   \
             address == at ? "the waiting instruction" : "another address", handler_cw, \
             handler_sw, handler_mxcsr);                                                \
    printf(", status after %#x\n", sw_after & 0x7dff);                                  \
  } while (0)

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fpe;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGFPE, &sa, NULL);

  /* MMX instructions wait: each exception's si_code. */
  RUN("IE movq", 0x37e, TRIGGER_IE, "movq %%mm0, %%mm1");
  RUN("ZE paddb", 0x37b, TRIGGER_ZE, "paddb %%mm0, %%mm1");
  RUN("OE movd", 0x377, TRIGGER_OE, "movd %%eax, %%mm0");
  RUN("UE pxor", 0x36f, TRIGGER_UE, "pxor %%mm1, %%mm1");
  RUN("DE movq", 0x37d, TRIGGER_DE, "movq %%mm1, %%rax");
  RUN("PE emms", 0x35f, TRIGGER_PE, "emms");
  /* Waiting x87 instructions. */
  RUN("ZE fwait", 0x37b, TRIGGER_ZE, "fwait");
  RUN("ZE fld1", 0x37b, TRIGGER_ZE, "fld1");
  RUN("ZE fnop", 0x37b, TRIGGER_ZE, "fnop");
  RUN("ZE fldcw", 0x37b, TRIGGER_ZE, "fldcw %[cw]");
  RUN("IE fxch", 0x37e, TRIGGER_IE, "fxch %%st(1)");
  /* The non-waiting forms, and masked exceptions, raise nothing. */
  RUN("ZE fnstsw", 0x37b, TRIGGER_ZE, "fnstsw %%ax");
  RUN("ZE fnclex movq", 0x37b, TRIGGER_ZE, "fnclex\n movq %%mm0, %%mm1");
  RUN("masked ZE movq", 0x37f, TRIGGER_ZE, "movq %%mm0, %%mm1");
  RUN("masked PE fld1", 0x37f, TRIGGER_PE, "fld1");
  return 0;
}
