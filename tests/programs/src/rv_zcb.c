/* RISC-V Zcb: every compressed instruction of the extension on a table of values, its results
 * printed. Stored expectation: qemu-riscv64 7.2 lacks Zcb, so expected/rv_zcb.out comes from
 * this file built with -DZCB_REFERENCE, where each Zcb halfword is replaced by the 32-bit
 * instruction the Zc chapter defines it as (run under qemu-riscv64 -cpu rv64,zba=true,zbb=true):
 *   riscv64-linux-gnu-gcc -O2 -static -DZCB_REFERENCE rv_zcb.c -o ref && qemu-riscv64 ... ./ref
 * Registers: rd'/rs1' = a0 (x10), rs2' = a1 (x11), load/store base = s1 (x9). */
#include <stdint.h>
#include <stdio.h>

#ifdef ZCB_REFERENCE
#define ZCB(half, word) ".word " #word
#else
#define ZCB(half, word) ".hword " #half
#endif

/* a0 = op(a0, a1) for the register forms (a1 unused by the one-register ones). */
#define REG_OP(name, half, word)                                                     \
  static uint64_t name(uint64_t a, uint64_t b) {                                     \
    register uint64_t x10 __asm__("a0") = a, x11 __asm__("a1") = b;                  \
    __asm__ volatile(".option push\n.option norvc\n" ZCB(half, word) "\n.option pop" \
                     : "+r"(x10)                                                     \
                     : "r"(x11));                                                    \
    return x10;                                                                      \
  }

REG_OP(c_mul, 0x9d4d, 0x02b50533)    /* c.mul a0, a1 = mul a0, a0, a1 */
REG_OP(c_zext_b, 0x9d61, 0x0ff57513) /* c.zext.b a0 = andi a0, a0, 255 */
REG_OP(c_sext_b, 0x9d65, 0x60451513) /* c.sext.b a0 = sext.b a0, a0 */
REG_OP(c_zext_h, 0x9d69, 0x0805453b) /* c.zext.h a0 = zext.h a0, a0 */
REG_OP(c_sext_h, 0x9d6d, 0x60551513) /* c.sext.h a0 = sext.h a0, a0 */
REG_OP(c_zext_w, 0x9d71, 0x0805053b) /* c.zext.w a0 = add.uw a0, a0, zero */
REG_OP(c_not, 0x9d75, 0xfff54513)    /* c.not a0 = xori a0, a0, -1 */

/* a0 = load(s1 + offset) */
#define LOAD(name, half, word)                                                       \
  static uint64_t name(const void* p) {                                              \
    register uint64_t x10 __asm__("a0");                                             \
    register const void* x9 __asm__("s1") = p;                                       \
    __asm__ volatile(".option push\n.option norvc\n" ZCB(half, word) "\n.option pop" \
                     : "=r"(x10)                                                     \
                     : "r"(x9)                                                       \
                     : "memory");                                                    \
    return x10;                                                                      \
  }

LOAD(c_lbu_0, 0x8088, 0x0004c503) /* c.lbu a0, 0(s1) */
LOAD(c_lbu_1, 0x80c8, 0x0014c503) /* c.lbu a0, 1(s1) */
LOAD(c_lbu_2, 0x80a8, 0x0024c503) /* c.lbu a0, 2(s1) */
LOAD(c_lbu_3, 0x80e8, 0x0034c503) /* c.lbu a0, 3(s1) */
LOAD(c_lhu_0, 0x8488, 0x0004d503) /* c.lhu a0, 0(s1) */
LOAD(c_lhu_2, 0x84a8, 0x0024d503) /* c.lhu a0, 2(s1) */
LOAD(c_lh_0, 0x84c8, 0x00049503)  /* c.lh a0, 0(s1) */
LOAD(c_lh_2, 0x84e8, 0x00249503)  /* c.lh a0, 2(s1) */

/* store a1 at s1 + offset */
#define STORE(name, half, word)                                                      \
  static void name(void* p, uint64_t v) {                                            \
    register uint64_t x11 __asm__("a1") = v;                                         \
    register void* x9 __asm__("s1") = p;                                             \
    __asm__ volatile(".option push\n.option norvc\n" ZCB(half, word) "\n.option pop" \
                     :                                                               \
                     : "r"(x11), "r"(x9)                                             \
                     : "memory");                                                    \
  }

STORE(c_sb_0, 0x888c, 0x00b48023) /* c.sb a1, 0(s1) */
STORE(c_sb_1, 0x88cc, 0x00b480a3) /* c.sb a1, 1(s1) */
STORE(c_sb_2, 0x88ac, 0x00b48123) /* c.sb a1, 2(s1) */
STORE(c_sb_3, 0x88ec, 0x00b481a3) /* c.sb a1, 3(s1) */
STORE(c_sh_0, 0x8c8c, 0x00b49023) /* c.sh a1, 0(s1) */
STORE(c_sh_2, 0x8cac, 0x00b49123) /* c.sh a1, 2(s1) */

static const uint64_t kValues[] = {0,
                                   1,
                                   0x7f,
                                   0x80,
                                   0xff,
                                   0x7fff,
                                   0x8000,
                                   0xffff,
                                   0x7fffffff,
                                   0x80000000,
                                   0xffffffff,
                                   0x8000000000000000,
                                   0xffffffffffffffff,
                                   0x0123456789abcdef,
                                   0xfedcba9876543210};
#define N (sizeof kValues / sizeof kValues[0])

int main(void) {
  for (unsigned i = 0; i < N; ++i) {
    const uint64_t a = kValues[i], b = kValues[(i * 7 + 3) % N];
    printf(
        "%016llx: mul %016llx zext.b %llx sext.b %llx zext.h %llx sext.h %llx zext.w %llx "
        "not %llx\n",
        (unsigned long long)a, (unsigned long long)c_mul(a, b), (unsigned long long)c_zext_b(a, b),
        (unsigned long long)c_sext_b(a, b), (unsigned long long)c_zext_h(a, b),
        (unsigned long long)c_sext_h(a, b), (unsigned long long)c_zext_w(a, b),
        (unsigned long long)c_not(a, b));
    union {
      uint64_t d;
      uint8_t b[8];
    } m = {a};
    printf("  lbu %llx %llx %llx %llx lhu %llx %llx lh %llx %llx\n",
           (unsigned long long)c_lbu_0(m.b), (unsigned long long)c_lbu_1(m.b),
           (unsigned long long)c_lbu_2(m.b), (unsigned long long)c_lbu_3(m.b),
           (unsigned long long)c_lhu_0(m.b), (unsigned long long)c_lhu_2(m.b),
           (unsigned long long)c_lh_0(m.b), (unsigned long long)c_lh_2(m.b));
    c_sb_0(m.b, b);
    c_sb_3(m.b, b >> 8);
    printf("  sb %016llx", (unsigned long long)m.d);
    c_sb_1(m.b, b >> 16);
    c_sb_2(m.b, b >> 24);
    printf(" %016llx", (unsigned long long)m.d);
    c_sh_0(m.b, ~b);
    printf(" sh %016llx", (unsigned long long)m.d);
    c_sh_2(m.b, b >> 32);
    printf(" %016llx\n", (unsigned long long)m.d);
  }
  return 0;
}
