/* x86-64 only: code that rewrites an instruction further down its own straight-line run, so
 * an emulator that translated the run before the store still holds the old instruction. The
 * x86 rule is that the store takes effect for the next instruction fetched after it. Each
 * snippet is copied into an executable page and run for several values; the stores go through
 * a RIP-relative MOV, a register pointer, REP STOSB (a string helper), a LOCK ADD and a
 * rewritten opcode. Prints the results; the reference is the native run. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

/* Each snippet: long f(uint8_t* self, unsigned value), self = the snippet's own copy. */
#define SNIPPET(name, body)                                                             \
  asm(".pushsection .rodata\n" #name "_start:\n" body "\n" #name "_end:\n.popsection\n"); \
  extern const uint8_t name##_start[] asm(#name "_start"), name##_end[] asm(#name "_end");

/* The byte after the stores' target opcode is an immediate the store replaces. */
SNIPPET(rip_store, "movb %sil, 1f+1(%rip)\n1: mov $0x11111111, %eax\n ret")
SNIPPET(pointer_store,
        "mov %esi, 2f+1-pointer_store_start(%rdi)\n nop\n2: mov $0x22222222, %eax\n ret")
SNIPPET(rep_stosb,
        "lea 3f+1-rep_stosb_start(%rdi), %rdi\n mov %esi, %eax\n mov $2, %ecx\n rep stosb\n"
        "3: mov $0x33333333, %eax\n ret")
SNIPPET(lock_add, "lock addb %sil, 4f+1(%rip)\n4: mov $0x44444444, %eax\n ret")
/* xor %eax,%eax (31 c0) becomes inc %eax (ff c0) when the value is odd. */
SNIPPET(opcode_store,
        "mov $0x31, %ecx\n test $1, %esi\n mov $0xff, %edx\n cmovnz %edx, %ecx\n"
        " movb %cl, 5f(%rip)\n mov %esi, %eax\n5: xor %eax, %eax\n ret")

typedef long (*Fn)(uint8_t* self, unsigned value);

struct Snippet {
  const char* name;
  const uint8_t* start;
  const uint8_t* end;
};

int main(void) {
  const struct Snippet snippets[] = {
      {"rip_store", rip_store_start, rip_store_end},
      {"pointer_store", pointer_store_start, pointer_store_end},
      {"rep_stosb", rep_stosb_start, rep_stosb_end},
      {"lock_add", lock_add_start, lock_add_end},
      {"opcode_store", opcode_store_start, opcode_store_end},
  };
  uint8_t* page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (page == MAP_FAILED) return 1;
  unsigned long checksum = 0;
  for (size_t i = 0; i < sizeof snippets / sizeof snippets[0]; ++i) {
    const struct Snippet* s = &snippets[i];
    memcpy(page, s->start, (size_t)(s->end - s->start));
    /* The same copy runs again: each run rewrites what the previous one left. */
    for (unsigned value = 1; value <= 5; ++value) {
      const long r = ((Fn)page)(page, value * 0x25);
      printf("%s(%#x) = %#lx\n", s->name, value * 0x25, r);
      checksum = checksum * 31 + (unsigned long)r;
    }
  }
  printf("checksum %#lx\n", checksum);
  return 0;
}
