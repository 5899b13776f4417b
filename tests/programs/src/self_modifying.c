/* Generates a tiny function at run time, runs it, rewrites it in place and runs it again: the
 * emulator must notice the new code (x86-64 without any flush; AArch64 and RISC-V after the
 * cache maintenance __builtin___clear_cache emits). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef long (*Fn)(void);

/* Writes "return value;" for this ISA at p; value fits in 12 bits. Returns the code size. */
static size_t emit_return(uint8_t* p, unsigned value) {
#if defined(__x86_64__)
  p[0] = 0xb8; /* mov eax, imm32 */
  memcpy(p + 1, &value, 4);
  p[5] = 0xc3; /* ret */
  return 6;
#elif defined(__aarch64__)
  uint32_t insns[2] = {0xd2800000u | (value << 5), /* movz x0, #value */
                       0xd65f03c0u};               /* ret */
  memcpy(p, insns, sizeof insns);
  return sizeof insns;
#elif defined(__riscv)
  uint32_t insns[2] = {0x00000513u | (value << 20), /* addi a0, zero, value */
                       0x00008067u};                /* ret */
  memcpy(p, insns, sizeof insns);
  return sizeof insns;
#else
#error "unsupported ISA"
#endif
}

int main(void) {
  uint8_t* code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (code == MAP_FAILED) return 1;
  long total = 0;
  for (unsigned round = 1; round <= 5; ++round) {
    size_t n = emit_return(code, round * 100);
    __builtin___clear_cache((char*)code, (char*)code + n);
    long r = ((Fn)code)();
    printf("round %u: generated code returned %ld\n", round, r);
    total += r;
  }
  /* Code rewritten through a second, non-executable view of nothing but data. */
  printf("total %ld\n", total);
  return total == 1500 ? 0 : 1;
}
