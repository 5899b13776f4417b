#!/usr/bin/env python3
"""Generates a RISC-V program that runs V 1.0 instructions (VLEN 128, ELEN 64) under several
vtype/vl/mask/vxrm/frm settings and prints per case one line: the inputs that select it, then
what the instruction left (a hash of v0..v31 and the data buffer, vl, vtype, vstart, vxsat,
fflags, x10, and whether it raised SIGILL). The encodings here come from the spec's
instruction listing, written out below independently of xisa's tables. Run under qemu-riscv64
it is an oracle; ../rvv_qemu_oracle_test.cpp replays the lines through xisa.

  gen_rvv_oracle.py > oracle.c
  riscv64-linux-gnu-gcc -O1 -static -march=rv64gcv oracle.c -o oracle
  qemu-riscv64 -cpu rv64,v=true,vlen=128,elen=64,vext_spec=v1.0 ./oracle > rvv_cases.inc

With --vlen 256 it writes the program for VLEN 256 (v0..v31 are 1,024 bytes) with a third of
the cases (rvv_vlen256_cases.inc, recorded with vlen=256 in qemu's -cpu).

Every case starts from registers and memory filled by the splitmix64 generator of its seed
(the replay uses the same one): v0..v31 (512 bytes), the 4 KiB buffer in front of a PROT_NONE
page, x11, x12 and f11. For memory instructions x11 points into the buffer, x12 is a small
stride and index registers hold small offsets. vd = v8, vs2 = v16, vs1 = v24 (or x11/f11/imm),
scalar results go to x10.
"""
import random
import sys

VLEN = 256 if sys.argv[1:] == ["--vlen", "256"] else 128

SEEDS = random.Random(2026)

# (name, funct6, formats) from the spec's tables: V = OPIVV, X = OPIVX, I = OPIVI.
OPI = [
    ("vadd", 0o00, "VXI"), ("vsub", 0o02, "VX"), ("vrsub", 0o03, "XI"), ("vminu", 0o04, "VX"),
    ("vmin", 0o05, "VX"), ("vmaxu", 0o06, "VX"), ("vmax", 0o07, "VX"), ("vand", 0o11, "VXI"),
    ("vor", 0o12, "VXI"), ("vxor", 0o13, "VXI"), ("vrgather", 0o14, "VXI"),
    ("vrgatherei16", 0o16, "V"), ("vslideup", 0o16, "XI"), ("vslidedown", 0o17, "XI"),
    ("vadc", 0o20, "VXI"), ("vmadc", 0o21, "VXI"), ("vsbc", 0o22, "VX"), ("vmsbc", 0o23, "VX"),
    ("vmerge", 0o27, "VXI"), ("vmseq", 0o30, "VXI"), ("vmsne", 0o31, "VXI"),
    ("vmsltu", 0o32, "VX"), ("vmslt", 0o33, "VX"), ("vmsleu", 0o34, "VXI"), ("vmsle", 0o35, "VXI"),
    ("vmsgtu", 0o36, "XI"), ("vmsgt", 0o37, "XI"), ("vsaddu", 0o40, "VXI"), ("vsadd", 0o41, "VXI"),
    ("vssubu", 0o42, "VX"), ("vssub", 0o43, "VX"), ("vsll", 0o45, "VXI"), ("vsmul", 0o47, "VX"),
    ("vsrl", 0o50, "VXI"), ("vsra", 0o51, "VXI"), ("vssrl", 0o52, "VXI"), ("vssra", 0o53, "VXI"),
    ("vnsrl", 0o54, "VXI"), ("vnsra", 0o55, "VXI"), ("vnclipu", 0o56, "VXI"),
    ("vnclip", 0o57, "VXI"), ("vwredsumu", 0o60, "V"), ("vwredsum", 0o61, "V"),
]
# M = OPMVV, N = OPMVX.
OPM = [
    ("vredsum", 0o00, "M"), ("vredand", 0o01, "M"), ("vredor", 0o02, "M"), ("vredxor", 0o03, "M"),
    ("vredminu", 0o04, "M"), ("vredmin", 0o05, "M"), ("vredmaxu", 0o06, "M"),
    ("vredmax", 0o07, "M"), ("vaaddu", 0o10, "MN"), ("vaadd", 0o11, "MN"),
    ("vasubu", 0o12, "MN"), ("vasub", 0o13, "MN"), ("vslide1up", 0o16, "N"),
    ("vslide1down", 0o17, "N"), ("vcompress", 0o27, "M"), ("vmandn", 0o30, "M"),
    ("vmand", 0o31, "M"), ("vmor", 0o32, "M"), ("vmxor", 0o33, "M"), ("vmorn", 0o34, "M"),
    ("vmnand", 0o35, "M"), ("vmnor", 0o36, "M"), ("vmxnor", 0o37, "M"), ("vdivu", 0o40, "MN"),
    ("vdiv", 0o41, "MN"), ("vremu", 0o42, "MN"), ("vrem", 0o43, "MN"), ("vmulhu", 0o44, "MN"),
    ("vmul", 0o45, "MN"), ("vmulhsu", 0o46, "MN"), ("vmulh", 0o47, "MN"), ("vmadd", 0o51, "MN"),
    ("vnmsub", 0o53, "MN"), ("vmacc", 0o55, "MN"), ("vnmsac", 0o57, "MN"),
    ("vwaddu", 0o60, "MN"), ("vwadd", 0o61, "MN"), ("vwsubu", 0o62, "MN"), ("vwsub", 0o63, "MN"),
    ("vwaddu.w", 0o64, "MN"), ("vwadd.w", 0o65, "MN"), ("vwsubu.w", 0o66, "MN"),
    ("vwsub.w", 0o67, "MN"), ("vwmulu", 0o70, "MN"), ("vwmulsu", 0o72, "MN"),
    ("vwmul", 0o73, "MN"), ("vwmaccu", 0o74, "MN"), ("vwmacc", 0o75, "MN"),
    ("vwmaccus", 0o76, "N"), ("vwmaccsu", 0o77, "MN"),
]
# OPMVV unary forms: (name, funct6, vs1 field, vs2 fixed or None, rd is x10)
OPM_UNARY = [
    ("vmv.x.s", 0o20, 0, None, True), ("vcpop.m", 0o20, 16, None, True),
    ("vfirst.m", 0o20, 17, None, True), ("vzext.vf8", 0o22, 2, None, False),
    ("vsext.vf8", 0o22, 3, None, False), ("vzext.vf4", 0o22, 4, None, False),
    ("vsext.vf4", 0o22, 5, None, False), ("vzext.vf2", 0o22, 6, None, False),
    ("vsext.vf2", 0o22, 7, None, False), ("vmsbf.m", 0o24, 1, None, False),
    ("vmsof.m", 0o24, 2, None, False), ("vmsif.m", 0o24, 3, None, False),
    ("viota.m", 0o24, 16, None, False), ("vid.v", 0o24, 17, 0, False),
]
# F = OPFVV, G = OPFVF.
OPF = [
    ("vfadd", 0o00, "FG"), ("vfredusum", 0o01, "F"), ("vfsub", 0o02, "FG"),
    ("vfredosum", 0o03, "F"), ("vfmin", 0o04, "FG"), ("vfredmin", 0o05, "F"),
    ("vfmax", 0o06, "FG"), ("vfredmax", 0o07, "F"), ("vfsgnj", 0o10, "FG"),
    ("vfsgnjn", 0o11, "FG"), ("vfsgnjx", 0o12, "FG"), ("vfslide1up", 0o16, "G"),
    ("vfslide1down", 0o17, "G"), ("vmfeq", 0o30, "FG"), ("vmfle", 0o31, "FG"),
    ("vmflt", 0o33, "FG"), ("vmfne", 0o34, "FG"), ("vmfgt", 0o35, "G"), ("vmfge", 0o37, "G"),
    ("vfdiv", 0o40, "FG"), ("vfrdiv", 0o41, "G"), ("vfmul", 0o44, "FG"), ("vfrsub", 0o47, "G"),
    ("vfmadd", 0o50, "FG"), ("vfnmadd", 0o51, "FG"), ("vfmsub", 0o52, "FG"),
    ("vfnmsub", 0o53, "FG"), ("vfmacc", 0o54, "FG"), ("vfnmacc", 0o55, "FG"),
    ("vfmsac", 0o56, "FG"), ("vfnmsac", 0o57, "FG"), ("vfwadd", 0o60, "FG"),
    ("vfwredusum", 0o61, "F"), ("vfwsub", 0o62, "FG"), ("vfwredosum", 0o63, "F"),
    ("vfwadd.w", 0o64, "FG"), ("vfwsub.w", 0o66, "FG"), ("vfwmul", 0o70, "FG"),
    ("vfwmacc", 0o74, "FG"), ("vfwnmacc", 0o75, "FG"), ("vfwmsac", 0o76, "FG"),
    ("vfwnmsac", 0o77, "FG"),
]
# OPFVV unary forms (funct6, vs1 field): VFUNARY0 conversions, VFUNARY1, vfmv.f.s (rd = f10).
# The rtz conversions (codes 6, 7, 14, 15, 22, 23) are missing: qemu 7.2 aborts on them
# (decode_save_opc assertion); Rvv.Rtz* in ../rvv_test.cpp cover them instead.
OPF_UNARY = [(0o22, code) for code in (0, 1, 2, 3, 8, 9, 10, 11, 12, 16, 17, 18, 19, 20, 21)]
OPF_UNARY += [(0o23, 0), (0o23, 4), (0o23, 5), (0o23, 16)]
FUNCT3 = {"V": 0, "F": 1, "M": 2, "I": 3, "X": 4, "G": 5, "N": 6}
VD, VS2, VS1, RS1 = 8, 16, 24, 11

VTYPES = [(sew, lmul) for sew in (8, 16, 32, 64) for lmul in (-3, -2, -1, 0, 1, 2, 3)
          if lmul >= 0 or 64 >> -lmul >= sew]


def op_v(funct6, vm, vs2, vs1, funct3, vd):
    return (funct6 << 26) | (vm << 25) | (vs2 << 20) | (vs1 << 15) | (funct3 << 12) | (vd << 7) | 0x57


def vtype_bits(sew, lmul, ta, ma):
    return (lmul & 7) | ({8: 0, 16: 1, 32: 2, 64: 3}[sew] << 3) | (ta << 6) | (ma << 7)


def arith_words():
    """(name, word, kind) of every arithmetic form; kind says how to pick operands."""
    out = []
    for name, f6, forms in OPI:
        for form in forms:
            vs1 = {"V": VS1, "X": RS1, "I": None}[form]
            vms = (0,) if name in ("vadc", "vsbc") else (1,) if name == "vmerge" and False else (0, 1)
            for vm in vms:
                if name == "vmerge" and vm == 1:
                    out.append((f"vmv.v.{form.lower()}", None, form, vm))
                else:
                    out.append((f"{name}.{form.lower()}", (f6, FUNCT3[form], vs1), form, vm))
    words = []
    for name, spec, form, vm in out:
        if spec is None:  # vmv.v.*: vs2 = 0
            f3 = FUNCT3[form]
            for imm in ((RS1,) if form != "I" else (0, 15, 16, 31)):
                words.append((name, op_v(0o27, 1, 0, VS1 if form == "V" else imm, f3, VD)))
            continue
        f6, f3, vs1 = spec
        imms = (vs1,) if form != "I" else (0, 1, 7, 15, 16, 31)
        for imm in imms:
            words.append((name, op_v(f6, vm, VS2, imm, f3, VD)))
    for nr in (1, 2, 4, 8):
        words.append((f"vmv{nr}r.v", op_v(0o47, 1, VS2, nr - 1, FUNCT3["I"], VD)))
    for name, f6, forms in OPM:
        for form in forms:
            vs1 = VS1 if form == "M" else RS1
            vms = (1,) if name.startswith("vm") and f6 >= 0o30 or name == "vcompress" else (0, 1)
            for vm in vms:
                words.append((f"{name}.{'vv' if form == 'M' else 'vx'}", op_v(f6, vm, VS2, vs1, FUNCT3[form], VD)))
    words.append(("vmv.s.x", op_v(0o20, 1, 0, RS1, FUNCT3["N"], VD)))
    for name, f6, vs1, vs2, scalar in OPM_UNARY:
        for vm in ((1,) if name == "vmv.x.s" else (0, 1)):
            words.append((name, op_v(f6, vm, VS2 if vs2 is None else vs2, vs1, FUNCT3["M"], 10 if scalar else VD)))
    return words


def fp_words():
    words = []
    for name, f6, forms in OPF:
        for form in forms:
            vs1 = VS1 if form == "F" else RS1
            for vm in (0, 1):
                words.append((name, op_v(f6, vm, VS2, vs1, FUNCT3[form], VD)))
    for f6, code in OPF_UNARY:
        for vm in (0, 1):
            words.append(("vfunary", op_v(f6, vm, VS2, code, FUNCT3["F"], VD)))
    words.append(("vfmv.f.s", op_v(0o20, 1, VS2, 0, FUNCT3["F"], 10)))
    words.append(("vfmv.s.f", op_v(0o20, 1, 0, RS1, FUNCT3["G"], VD)))
    for vm in (0, 1):  # vfmerge.vfm, vfmv.v.f
        words.append(("vfmerge", op_v(0o27, vm, 0 if vm else VS2, RS1, FUNCT3["G"], VD)))
    return words


def memory_words():
    """Loads and stores: unit-stride (plain, ff, mask, whole register), strided, indexed, nf."""
    words = []
    for store in (False, True):
        opcode = 0x27 if store else 0x07
        for width, eew in ((0, 8), (5, 16), (6, 32), (7, 64)):
            def w(nf, mop, vm, field, reg=VD):
                return ((nf - 1) << 29) | (mop << 26) | (vm << 25) | (field << 20) | (RS1 << 15) | (width << 12) | (reg << 7) | opcode
            kind = "vs" if store else "vl"
            for nf in (1, 2, 3, 4, 8):
                for vm in (0, 1):
                    words.append((f"{kind}seg{nf}e{eew}", w(nf, 0, vm, 0)))
                    words.append((f"{kind}sseg{nf}e{eew}", w(nf, 2, vm, 12)))
                    words.append((f"{kind}uxseg{nf}ei{eew}", w(nf, 1, vm, VS2)))
                    words.append((f"{kind}oxseg{nf}ei{eew}", w(nf, 3, vm, VS2)))
                    if not store:
                        words.append((f"vlseg{nf}e{eew}ff", w(nf, 0, vm, 16)))
            for nf in (1, 2, 4, 8):
                if not store or eew == 8:
                    words.append((f"{kind}{nf}re{eew}", w(nf, 0, 1, 8)))
            if eew == 8:
                words.append((f"{kind}m", w(1, 0, 1, 11)))
    return words


def main():
    out = sys.stdout
    cases = []
    rng = random.Random(2026)
    per_word = (6, 8, 4) if VLEN == 128 else (2, 3, 1)
    for name, word in arith_words():
        for _ in range(per_word[0]):
            cases.append(arith_case(rng, word))
    for name, word in fp_words():
        for _ in range(per_word[1]):
            cases.append(fp_case(rng, word))
    for name, word in memory_words():
        for _ in range(per_word[2]):
            cases.append(memory_case(rng, word))
    write_program(out, cases)


def pick_vtype(rng):
    sew, lmul = rng.choice(VTYPES)
    vtype = vtype_bits(sew, lmul, rng.randrange(2), rng.randrange(2))
    lmul_f = 2.0 ** lmul
    vlmax = int(lmul_f * VLEN / sew)
    avl = rng.choice([vlmax, vlmax, max(vlmax - 1, 0), rng.randrange(vlmax + 1), 1000, 0, 1])
    return vtype, avl


def arith_case(rng, word):
    vtype, avl = pick_vtype(rng)
    if rng.randrange(12) == 0:
        vtype |= 1 << 8  # a reserved vtype bit: vill, then the instruction is illegal
    rs1 = rng.choice([0, 1, 2, 3, 7, 8, 31, 63, 0xFF, 0x80, 0x7FFF, 0x8000, 0xFFFFFFFF, 0x80000000,
                      (1 << 64) - 1, 1 << 63, rng.getrandbits(64), rng.getrandbits(8), rng.getrandbits(16)])
    return (word, vtype, avl, rs1, 0, rng.randrange(4), rng.randrange(5), rng.getrandbits(32), 0)


# SEW 32 and 64 only: qemu 7.2 runs FP at SEW 16 as if Zvfh were there (spec: illegal without it).
FP_VTYPES = [(sew, lmul) for sew, lmul in VTYPES if sew >= 32]


def fp_case(rng, word):
    """SEW 32/64; frm 5 now and then (illegal).
    rs1 = 1 NaN-boxes f11."""
    sew, lmul = rng.choice(FP_VTYPES)
    vtype = vtype_bits(sew, lmul, rng.randrange(2), rng.randrange(2))
    vlmax = int(2.0 ** lmul * VLEN / sew)
    avl = rng.choice([vlmax, vlmax, max(vlmax - 1, 0), rng.randrange(vlmax + 1), 1000, 1])
    frm = 5 if rng.randrange(20) == 0 else rng.randrange(5)
    return (word, vtype, avl, rng.randrange(4) != 0, 0, rng.randrange(4), frm, rng.getrandbits(32), 2)


def memory_case(rng, word):
    vtype, avl = pick_vtype(rng)
    stride = rng.choice([0, 1, 3, 8, 16, -8, -16, 24])
    # x11 = buffer + offset: the middle, or for fault-only-first loads a few segments before the
    # guard page (element 0 always fits: the later ones trim vl instead of faulting).
    near_end = (word & 0x7f) == 0x07 and ((word >> 20) & 31) == 16 and ((word >> 26) & 3) == 0
    segment = ((word >> 29) + 1) * {0: 1, 5: 2, 6: 4, 7: 8}[(word >> 12) & 7]
    offset = 4096 - segment * rng.choice([1, 2, 3, 5]) if near_end and rng.randrange(2) else 2048
    return (word, vtype, avl, offset, stride & ((1 << 64) - 1), rng.randrange(4), 0, rng.getrandbits(32), 1)


PROLOGUE = r"""
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

/* The replay (rvv_qemu_oracle_test.cpp) fills the same way: splitmix64 of the seed. */
static uint64_t next(uint64_t *s) {
  uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}
static uint64_t fnv(uint64_t h, const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

struct Case { uint32_t word; uint64_t vtype, avl, rs1, rs2, vxrm, frm, seed, memory; };
static volatile int illegal;
static void on_sigill(int sig, siginfo_t *si, void *uc_) {
  (void)sig; (void)si;
  ucontext_t *uc = uc_;
  illegal = 1;
  uc->uc_mcontext.__gregs[0] += 4;
}

static uint8_t vregs[32 * VLENB] __attribute__((aligned(16)));
static uint32_t *code;
"""

RUN = r"""
static void run(const struct Case *c, uint8_t *buf) {
  uint64_t s = c->seed;
  for (int i = 0; i < 32 * VLENB; i += 8) { uint64_t v = next(&s); memcpy(vregs + i, &v, 8); }
  for (int i = 0; i < 4096; i += 8) { uint64_t v = next(&s); memcpy(buf + i, &v, 8); }
  uint64_t x11 = next(&s), x12 = c->rs2, f11 = next(&s);
  if (c->memory) {
    /* index registers v16..v23: offsets below 128, a multiple of 8, at the index EEW */
    unsigned width = (c->word >> 12) & 7, eew = width == 0 ? 1 : 1u << ((width - 4) & 31);
    for (unsigned i = 16 * VLENB; i < 24 * VLENB; ++i) vregs[i] = (uint8_t)(i % eew == 0 ? vregs[i] & 0x78 : 0);
    x11 = (uint64_t)(buf + c->rs1);
  } else {
    x11 = c->rs1;
  }
  if (c->memory == 2) {
    /* FP: special values in a quarter of the elements; rs1 says whether f11 is NaN-boxed */
    static const uint64_t special[] = {0, 0x8000000000000000ull, 0x7ff0000000000000ull,
        0xfff0000000000000ull, 0x7ff8000000000000ull, 0x7ff4000000000000ull, 1, 0x000fffffffffffffull,
        0x3ff0000000000000ull, 0x7fefffffffffffffull, 0x7f8000007f800000ull, 0x7fc00000ffc00000ull,
        0x7fa0000000000001ull, 0x0000000180000001ull, 0x3f8000003f800000ull, 0x7f7fffff00800000ull};
    for (int i = 0; i < 32 * VLENB; i += 8) {
      uint64_t r = next(&s);
      if ((r & 3) == 0) memcpy(vregs + i, &special[(r >> 2) & 15], 8);
    }
    if (c->rs1) f11 |= 0xffffffff00000000ull;
    x11 = 0;
  }
  uint64_t vl, vtype, vstart, vxsat, fflags, x10 = 0, f10 = 0;
  illegal = 0;
  register uint64_t a0 __asm__("a0") = 0;
  register uint64_t a1 __asm__("a1") = x11;
  register uint64_t a2 __asm__("a2") = x12;
  register uint64_t a3 __asm__("a3") = c->avl;
  register uint64_t a4 __asm__("a4") = c->vtype;
  register uint64_t a5 __asm__("a5") = (uint64_t)vregs;
  double f11d;
  memcpy(&f11d, &f11, 8);
  register double fa1 __asm__("fa1") = f11d;
  __asm__ volatile(
      "fmv.d.x fa0, zero\n vsetvli t0, x0, e8, m8, ta, ma\n"
      "vle8.v v0, (a5)\n addi t1, a5, %[g1]\n vle8.v v8, (t1)\n"
      "addi t1, a5, %[g2]\n vle8.v v16, (t1)\n addi t1, a5, %[g3]\n vle8.v v24, (t1)\n"
      "csrw vxrm, %[vxrm]\n csrwi vxsat, 0\n csrw frm, %[frm]\n csrwi fflags, 0\n"
      "vsetvl t0, a3, a4\n"
      "jalr ra, %[code]\n"
      "fmv.x.d %[f10], fa0\n"
      : "+r"(a0), "+r"(a1), "+r"(a2), "+f"(fa1), [f10] "=&r"(f10)
      : "r"(a3), "r"(a4), "r"(a5), [vxrm] "r"(c->vxrm), [frm] "r"(c->frm), [code] "r"(code),
        [g1] "i"(8 * VLENB), [g2] "i"(16 * VLENB), [g3] "i"(24 * VLENB)
      : "t0", "t1", "ra", "fa0", "memory");
  __asm__ volatile(
      "csrr %0, vl\n csrr %1, vtype\n csrr %2, vstart\n csrr %3, vxsat\n csrr %4, fflags\n"
      : "=r"(vl), "=r"(vtype), "=r"(vstart), "=r"(vxsat), "=r"(fflags));
  x10 = c->memory == 2 ? f10 : a0; /* FP cases: f10 (vfmv.f.s) */
  __asm__ volatile(
      "vsetvli t0, x0, e8, m8, ta, ma\n"
      "vse8.v v0, (%0)\n addi t1, %0, %[g1]\n vse8.v v8, (t1)\n"
      "addi t1, %0, %[g2]\n vse8.v v16, (t1)\n addi t1, %0, %[g3]\n vse8.v v24, (t1)\n"
      : : "r"(vregs), [g1] "i"(8 * VLENB), [g2] "i"(16 * VLENB), [g3] "i"(24 * VLENB)
      : "t0", "t1", "memory");
  uint64_t h = fnv(0xcbf29ce484222325ull, vregs, 32 * VLENB);
  h = fnv(h, buf, 4096);
  printf("{0x%08x, 0x%llx, %llu, 0x%llx, 0x%llx, %llu, %llu, 0x%llx, %llu, 0x%016llx, %llu, 0x%llx, 0x%llx, 0x%llx, %d},\n",
         c->word, (unsigned long long)c->vtype, (unsigned long long)c->avl,
         (unsigned long long)c->rs1, (unsigned long long)c->rs2, (unsigned long long)c->vxrm,
         (unsigned long long)c->frm, (unsigned long long)c->seed, (unsigned long long)c->memory,
         (unsigned long long)h, (unsigned long long)vl, (unsigned long long)vtype,
         (unsigned long long)(vstart | vxsat << 16 | fflags << 24), (unsigned long long)x10,
         illegal);
}

int main(void) {
  setvbuf(stdout, 0, _IOLBF, 0);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_sigill;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGILL, &sa, 0);
  uint8_t *pages = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mprotect(pages + 4096, 4096, PROT_NONE);
  code = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
    code[0] = cases[i].word;
    code[1] = 0x00008067; /* ret */
    __builtin___clear_cache((char *)code, (char *)code + 8);
    run(&cases[i], pages);
  }
  return 0;
}
"""


def write_program(out, cases):
    out.write("#define VLENB %d\n" % (VLEN // 8))
    out.write(PROLOGUE)
    out.write("static const struct Case cases[] = {\n")
    for c in cases:
        out.write("  {%#x, %#x, %d, %#x, %#x, %d, %d, %#x, %d},\n" % c)
    out.write("};\n")
    out.write(RUN)


if __name__ == "__main__":
    main()
