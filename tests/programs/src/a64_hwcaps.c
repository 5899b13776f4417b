/* AArch64: what AT_HWCAP, AT_HWCAP2, /proc/cpuinfo's Features line and the ID registers (read by
 * MRS, which Linux emulates for EL0 when HWCAP_CPUID is set) report, and that every feature they
 * advertise runs: one instruction of each, by its encoding. Stored expectation: the answers are
 * xisa's own list of what it implements (src/guest/aarch64/aarch64_features.cpp), with the bit
 * values of Linux's uapi asm/hwcap.h; qemu -cpu max advertises more. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

#define MRS(name)                                             \
  ({                                                          \
    uint64_t v;                                               \
    __asm__ volatile("mrs %0, " name : "=r"(v) : : "memory"); \
    v;                                                        \
  })

/* One instruction per advertised feature, run with harmless operands (x9/x10 point at a
 * 16-byte aligned buffer, v0..v3 and x0..x3 are scratch). */
struct Probe {
  int word; /* 1: AT_HWCAP, 2: AT_HWCAP2 */
  int bit;
  const char* name;
};
static uint64_t buffer[4] __attribute__((aligned(16)));

static void run(int word, int bit) {
  register uint64_t* p __asm__("x9") = buffer;
#define CASE(w, b, insn)          \
  if (word == w && bit == b)      \
  __asm__ volatile(".inst " #insn \
                   :              \
                   : "r"(p)       \
                   : "x0", "x1", "x2", "x3", "v0", "v1", "v2", "v3", "memory", "cc")
  CASE(1, 0, 0x1e202800);  /* fadd s0, s0, s0 */
  CASE(1, 1, 0x4e208400);  /* add v0.16b, v0.16b, v0.16b */
  CASE(1, 3, 0x4e284820);  /* aese v0.16b, v1.16b */
  CASE(1, 4, 0x4ee2e020);  /* pmull2 v0.1q, v1.2d, v2.2d */
  CASE(1, 5, 0x5e020020);  /* sha1c q0, s1, v2.4s */
  CASE(1, 6, 0x5e024020);  /* sha256h q0, q1, v2.4s */
  CASE(1, 7, 0x9ac15c00);  /* crc32cx w0, w0, x1 */
  CASE(1, 8, 0xf8200122);  /* ldadd x0, x2, [x9] */
  CASE(1, 9, 0x1ee02800);  /* fadd h0, h0, h0 */
  CASE(1, 10, 0x4e401400); /* fadd v0.8h, v0.8h, v0.8h */
  CASE(1, 11, 0xd5380600); /* mrs x0, id_aa64isar0_el1 */
  CASE(1, 12, 0x6e428420); /* sqrdmlah v0.8h, v1.8h, v2.8h */
  CASE(1, 13, 0x1e7e0020); /* fjcvtzs w0, d1 */
  CASE(1, 14, 0x6e82c420); /* fcmla v0.4s, v1.4s, v2.4s, #0 */
  CASE(1, 15, 0xf8bfc120); /* ldapr x0, [x9] */
  CASE(1, 16, 0xd50b7c29); /* dc cvap, x9 */
  CASE(1, 17, 0xce020c20); /* eor3 v0.16b, v1.16b, v2.16b, v3.16b */
  CASE(1, 18, 0xce420c20); /* sm3ss1 v0.4s, v1.4s, v2.4s, v3.4s */
  CASE(1, 19, 0xcec08420); /* sm4e v0.4s, v1.4s */
  CASE(1, 20, 0x4e829420); /* sdot v0.4s, v1.16b, v2.16b */
  CASE(1, 21, 0xce628020); /* sha512h q0, q1, v2.2d */
  CASE(1, 23, 0x4e22ec20); /* fmlal v0.4s, v1.4h, v2.4h */
  CASE(1, 26, 0xd9400120); /* ldapur x0, [x9] */
  CASE(1, 27, 0xd500401f); /* cfinv */
  CASE(1, 29, 0xd50330ff); /* sb */
  CASE(2, 7, 0xd500403f);  /* xaflag */
  CASE(2, 8, 0x1e284020);  /* frint32z s0, s1 */
  CASE(2, 13, 0x4e82a420); /* smmla v0.4s, v1.16b, v2.16b */
  CASE(2, 14, 0x6e42fc20); /* bfdot v0.4s, v1.8h, v2.8h */
  CASE(2, 16, 0xd53b2400); /* mrs x0, rndr */
#undef CASE
}

int main(void) {
  const unsigned long hwcap = getauxval(AT_HWCAP), hwcap2 = getauxval(AT_HWCAP2);
  printf("AT_HWCAP %#lx\nAT_HWCAP2 %#lx\n", hwcap, hwcap2);
  FILE* f = fopen("/proc/cpuinfo", "r");
  char line[1024];
  while (f && fgets(line, sizeof line, f)) {
    if (strncmp(line, "Features", 8) == 0) {
      fputs(line, stdout);
      break;
    }
  }
  if (f) fclose(f);
  if (hwcap & (1ul << 11)) {
    printf("ID_AA64PFR0_EL1 %#llx\n", (unsigned long long)MRS("id_aa64pfr0_el1"));
    printf("ID_AA64PFR1_EL1 %#llx\n", (unsigned long long)MRS("s3_0_c0_c4_1"));
    printf("ID_AA64ISAR0_EL1 %#llx\n", (unsigned long long)MRS("id_aa64isar0_el1"));
    printf("ID_AA64ISAR1_EL1 %#llx\n", (unsigned long long)MRS("id_aa64isar1_el1"));
    printf("ID_AA64ISAR2_EL1 %#llx\n", (unsigned long long)MRS("s3_0_c0_c6_2"));
  }
  for (int word = 1; word <= 2; ++word) {
    const unsigned long caps = word == 1 ? hwcap : hwcap2;
    for (int bit = 0; bit < 64; ++bit) {
      if (!(caps & (1ul << bit))) continue;
      run(word, bit);
      printf("hwcap%s bit %d runs\n", word == 1 ? "" : "2", bit);
    }
  }
  return 0;
}
