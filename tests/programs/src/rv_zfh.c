/* RISC-V Zfh/Zfhmin: half-precision arithmetic, conversions, compares and moves through inline
 * assembly (GCC 12 has no _Float16 for RISC-V), printed as bits with the fflags each operation
 * raised. Built with -march=rv64gc_zfh and compared with qemu-riscv64 -cpu rv64,Zfh=true. */
#include <stdint.h>
#include <stdio.h>

static unsigned long long flags_after(void) {
  unsigned long long f;
  __asm__ volatile("frflags %0\n csrw fflags, zero" : "=r"(f));
  return f;
}

/* f10 = op(f11, f12[, f13]) on NaN-boxed halves; the result's 64-bit image and fflags. */
#define HALF_OP(name, insn)                                                              \
  static uint64_t name(uint16_t a, uint16_t b, uint16_t c) {                             \
    uint64_t r;                                                                          \
    __asm__ volatile(                                                                    \
        "fmv.h.x f11, %1\n fmv.h.x f12, %2\n fmv.h.x f13, %3\n csrw fflags, zero\n" insn \
        "\n fmv.x.d %0, f10"                                                             \
        : "=r"(r)                                                                        \
        : "r"((uint64_t)a), "r"((uint64_t)b), "r"((uint64_t)c)                           \
        : "f10", "f11", "f12", "f13");                                                   \
    return r;                                                                            \
  }

HALF_OP(add_rne, "fadd.h f10, f11, f12, rne")
HALF_OP(sub_rdn, "fsub.h f10, f11, f12, rdn")
HALF_OP(mul_rmm, "fmul.h f10, f11, f12, rmm")
HALF_OP(div_rup, "fdiv.h f10, f11, f12, rup")
HALF_OP(sqrt_rtz, "fsqrt.h f10, f11, rtz")
HALF_OP(madd_rne, "fmadd.h f10, f11, f12, f13, rne")
HALF_OP(nmsub_rdn, "fnmsub.h f10, f11, f12, f13, rdn")
HALF_OP(min_h, "fmin.h f10, f11, f12")
HALF_OP(max_h, "fmax.h f10, f11, f12")
HALF_OP(sgnjx_h, "fsgnjx.h f10, f11, f12")
HALF_OP(via_single, "fcvt.s.h f10, f11\n fcvt.h.s f10, f10")
HALF_OP(via_double, "fcvt.d.h f10, f11\n fadd.d f10, f10, f10\n fcvt.h.d f10, f10, rtz")

/* x10 = op(f11, f12) */
#define HALF_TO_X(name, insn)                                                       \
  static uint64_t name(uint16_t a, uint16_t b) {                                    \
    uint64_t r;                                                                     \
    __asm__ volatile("fmv.h.x f11, %1\n fmv.h.x f12, %2\n csrw fflags, zero\n" insn \
                     : "=r"(r)                                                      \
                     : "r"((uint64_t)a), "r"((uint64_t)b)                           \
                     : "f11", "f12");                                               \
    return r;                                                                       \
  }

HALF_TO_X(eq_h, "feq.h %0, f11, f12")
HALF_TO_X(lt_h, "flt.h %0, f11, f12")
HALF_TO_X(le_h, "fle.h %0, f11, f12")
HALF_TO_X(class_h, "fclass.h %0, f11")
HALF_TO_X(to_w, "fcvt.w.h %0, f11, rtz")
HALF_TO_X(to_lu, "fcvt.lu.h %0, f11, rne")
HALF_TO_X(mv_x, "fmv.x.h %0, f11")

static uint64_t from_l(int64_t v) {
  uint64_t r;
  __asm__ volatile("csrw fflags, zero\n fcvt.h.l f10, %1, rne\n fmv.x.d %0, f10"
                   : "=r"(r)
                   : "r"(v)
                   : "f10");
  return r;
}

static const uint16_t kHalves[] = {0x0000, 0x8000, 0x3c00, 0xbc00, 0x7c00, 0xfc00, 0x7e00,
                                   0x7d00, 0x0001, 0x03ff, 0x0400, 0x7bff, 0x3800, 0x4248,
                                   0x3555, 0xc900, 0x6400, 0x1400, 0x3c01, 0x5bff};
#define N (sizeof kHalves / sizeof kHalves[0])

int main(void) {
  for (unsigned i = 0; i < N; ++i) {
    const uint16_t a = kHalves[i], b = kHalves[(i * 7 + 3) % N], c = kHalves[(i * 3 + 5) % N];
    printf("%04x %04x %04x:", a, b, c);
#define SHOW(expr)                           \
  do {                                       \
    const unsigned long long v_ = (expr);    \
    printf(" %llx/%llx", v_, flags_after()); \
  } while (0)
    SHOW(add_rne(a, b, c) & 0xffff);
    SHOW(sub_rdn(a, b, c) & 0xffff);
    SHOW(mul_rmm(a, b, c) & 0xffff);
    SHOW(div_rup(a, b, c) & 0xffff);
    SHOW(sqrt_rtz(a, b, c) & 0xffff);
    SHOW(madd_rne(a, b, c) & 0xffff);
    SHOW(nmsub_rdn(a, b, c) & 0xffff);
    printf("\n   ");
    SHOW(min_h(a, b, c));
    SHOW(max_h(a, b, c));
    SHOW(sgnjx_h(a, b, c));
    SHOW(via_single(a, b, c));
    SHOW(via_double(a, b, c));
    SHOW(eq_h(a, b));
    SHOW(lt_h(a, b));
    SHOW(le_h(a, b));
    SHOW(class_h(a, b));
    SHOW(to_w(a, b));
    SHOW(to_lu(a, b));
    SHOW(mv_x(a, b));
    printf("\n");
  }
  const int64_t ints[] = {0, 1, -1, 2049, 65504, 65520, -70000, 0x7fffffffffffffff};
  for (unsigned i = 0; i < sizeof ints / sizeof ints[0]; ++i) {
    const unsigned long long h = from_l(ints[i]);
    printf("fcvt.h.l %lld: %llx/%llx\n", (long long)ints[i], h, flags_after());
  }
  /* A half stored and loaded back: flh boxes, fsh stores the low 16 bits. */
  uint16_t mem[2] = {0x3555, 0};
  uint64_t boxed;
  __asm__ volatile("flh f10, 0(%1)\n fsh f10, 2(%1)\n fmv.x.d %0, f10"
                   : "=r"(boxed)
                   : "r"(mem)
                   : "f10", "memory");
  printf("flh %llx fsh %04x\n", (unsigned long long)boxed, mem[1]);
  /* Newton's square root of 2 in halves. */
  uint64_t x = 0x3c00;
  for (int k = 0; k < 4; ++k) {
    const uint64_t two = 0x4000, half = 0x3800;
    __asm__ volatile(
        "fmv.h.x f1, %1\n fmv.h.x f2, %2\n fmv.h.x f3, %3\n"
        "fdiv.h f4, f2, f1\n fadd.h f4, f4, f1\n fmul.h f4, f4, f3\n fmv.x.h %0, f4"
        : "=r"(x)
        : "r"(x), "r"(two), "r"(half)
        : "f1", "f2", "f3", "f4");
    x &= 0xffff;
    const unsigned long long f = flags_after();
    printf("newton %d: %04llx/%llx\n", k, (unsigned long long)x, f);
  }
  return 0;
}
