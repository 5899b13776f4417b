#!/usr/bin/env python3
"""Generates a RISC-V program that runs F/D instructions on edge and random operands and prints,
per case, the instruction word, its operands, its result and fflags. Run under qemu-riscv64 it is
an oracle independent of xisa (QEMU's softfloat); ../rv64fd_qemu_oracle_test.cpp replays the
lines through xisa's frontend and interpreter and reports every difference.

  gen_rv64fd_oracle.py > oracle.c
  riscv64-linux-gnu-gcc -O1 -static oracle.c -o oracle && qemu-riscv64 ./oracle > cases.txt
  XISA_RV64FD_ORACLE=cases.txt xisa_unit_tests --gtest_filter='Rv64FdQemuOracle*'
  gen_rv64fd_oracle.py select < cases.txt > rv64fd_cases.inc   # the stored selection, as C++

Zfh and Zfhmin (half precision) the same way, with `zfh` as the first argument:
  gen_rv64fd_oracle.py zfh > oracle.c
  riscv64-linux-gnu-gcc -O1 -static -march=rv64gc_zfh oracle.c -o oracle
  qemu-riscv64 -cpu rv64,Zfh=true,Zfhmin=true ./oracle | gen_rv64fd_oracle.py zfh select > rv64zfh_cases.inc
"""
import math
import random
import struct
import sys

RMS = ["rne", "rtz", "rdn", "rup", "rmm"]
# Exact conversions, which the assembler accepts without an rm only: funct7, rs2 field.
EXACT = {"fcvt.d.w": (0x69, 0), "fcvt.d.wu": (0x69, 1), "fcvt.d.s": (0x21, 0),
         "fcvt.s.h": (0x20, 2), "fcvt.d.h": (0x21, 2)}

# mnemonic, operand kind, result register file, takes rm
OPS = []
for f in "sd":
    OPS += [(f"f{op}.{f}", "ff", "F", True) for op in ("add", "sub", "mul", "div")]
    OPS += [(f"fsqrt.{f}", "f", "F", True)]
    OPS += [(f"f{op}.{f}", "fff", "F", True) for op in ("madd", "msub", "nmsub", "nmadd")]
    OPS += [(f"f{op}.{f}", "ff", "F", False) for op in ("min", "max", "sgnj", "sgnjn", "sgnjx")]
    OPS += [(f"f{op}.{f}", "ff", "X", False) for op in ("eq", "lt", "le")]
    OPS += [(f"fclass.{f}", "f", "X", False)]
    OPS += [(f"fcvt.{i}.{f}", "f", "X", True) for i in ("w", "wu", "l", "lu")]
    OPS += [(f"fcvt.{f}.{i}", "x", "F", True) for i in ("w", "wu", "l", "lu")]
OPS += [("fcvt.s.d", "f", "F", True), ("fcvt.d.s", "f", "F", True)]
OPS += [("fmv.x.w", "f", "X", False), ("fmv.w.x", "x", "F", False)]
OPS += [("fmv.x.d", "f", "X", False), ("fmv.d.x", "x", "F", False)]

# Zfh: the same shapes on halves, and the conversions between halves and the other formats.
ZFH_OPS = [(f"f{op}.h", "ff", "F", True) for op in ("add", "sub", "mul", "div")]
ZFH_OPS += [("fsqrt.h", "f", "F", True)]
ZFH_OPS += [(f"f{op}.h", "fff", "F", True) for op in ("madd", "msub", "nmsub", "nmadd")]
ZFH_OPS += [(f"f{op}.h", "ff", "F", False) for op in ("min", "max", "sgnj", "sgnjn", "sgnjx")]
ZFH_OPS += [(f"f{op}.h", "ff", "X", False) for op in ("eq", "lt", "le")]
ZFH_OPS += [("fclass.h", "f", "X", False)]
ZFH_OPS += [(f"fcvt.{i}.h", "f", "X", True) for i in ("w", "wu", "l", "lu")]
ZFH_OPS += [(f"fcvt.h.{i}", "x", "F", True) for i in ("w", "wu", "l", "lu")]
ZFH_OPS += [("fcvt.h.s", "f", "F", True), ("fcvt.h.d", "f", "F", True),
            ("fcvt.s.h", "f", "F", True), ("fcvt.d.h", "f", "F", True)]
ZFH_OPS += [("fmv.x.h", "f", "X", False), ("fmv.h.x", "x", "F", False)]


def box(bits32):
    return 0xFFFFFFFF00000000 | bits32


def box_h(bits16):
    return 0xFFFFFFFFFFFF0000 | bits16


def special_h():
    v = [0x0000, 0x8000, 0x3C00, 0xBC00, 0x7C00, 0xFC00, 0x7E00, 0xFE00, 0x7C01, 0x7D00, 0x0001,
         0x8001, 0x03FF, 0x0400, 0x8400, 0x7BFF, 0xFBFF, 0x1400, 0x4000, 0x4200, 0x3800, 0xB800,
         0x7800, 0xF800, 0x6400, 0x3E00, 0x4100, 0xC100, 0x3C01, 0x6401, 0x5BFF, 0x0200]
    return [box_h(x) for x in v] + [0x00000000FFFF3C00, 0x7FF8000000000000, box(0x3F800000)]


def special_s():
    v = [0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x7F800000, 0xFF800000, 0x7FC00000,
         0xFFC00000, 0x7F800001, 0x7FA00000, 0x00000001, 0x80000001, 0x007FFFFF, 0x00800000,
         0x80800000, 0x7F7FFFFF, 0xFF7FFFFF, 0x33800000, 0x40000000, 0x40400000, 0x3F000000,
         0xBF000000, 0x4F000000, 0xCF000000, 0x5F000000, 0xDF000000, 0x4F800000, 0x3FC00000,
         0x40200000, 0xC0200000, 0x3F800001, 0x4B800001]
    return [box(x) for x in v] + [0x000000003F800000, 0x7FF8000000000000]


def special_d():
    return [0x0000000000000000, 0x8000000000000000, 0x3FF0000000000000, 0xBFF0000000000000,
            0x7FF0000000000000, 0xFFF0000000000000, 0x7FF8000000000000, 0xFFF8000000000000,
            0x7FF0000000000001, 0x7FF4000000000000, 0x0000000000000001, 0x8000000000000001,
            0x000FFFFFFFFFFFFF, 0x0010000000000000, 0x7FEFFFFFFFFFFFFF, 0xFFEFFFFFFFFFFFFF,
            0x3CA0000000000000, 0x4000000000000000, 0x4008000000000000, 0x3FE0000000000000,
            0xBFE0000000000000, 0x41E0000000000000, 0xC1E0000000000000, 0xC1E0000000200000,
            0x41EFFFFFFFE00000, 0x43E0000000000000, 0xC3E0000000000000, 0x43F0000000000000,
            0x4004000000000000, 0xC004000000000000, 0x3FF0000000000001, 0x4340000000000001,
            0xFFFFFFFF3F800000]


def sparse(rng, fmt):
    """Values with few significant bits: their sums and products hit ties often."""
    if fmt == "h":
        exp = rng.choice([rng.randint(1, 30), rng.randint(10, 20), rng.randint(0, 4),
                          rng.randint(26, 30)])
        man = 0
        for _ in range(rng.randint(0, 3)):
            man |= 1 << rng.randint(0, 9)
        if rng.random() < 0.3:
            man = rng.getrandbits(10)
        return box_h((rng.getrandbits(1) << 15) | (exp << 10) | man)
    if fmt == "s":
        exp = rng.choice([rng.randint(1, 254), rng.randint(100, 154), rng.randint(0, 30),
                          rng.randint(225, 254)])
        man = 0
        for _ in range(rng.randint(0, 3)):
            man |= 1 << rng.randint(0, 22)
        if rng.random() < 0.3:
            man = rng.getrandbits(23)
        return box((rng.getrandbits(1) << 31) | (exp << 23) | man)
    exp = rng.choice([rng.randint(1, 2046), rng.randint(1000, 1046), rng.randint(0, 60),
                      rng.randint(1990, 2046)])
    man = 0
    for _ in range(rng.randint(0, 3)):
        man |= 1 << rng.randint(0, 51)
    if rng.random() < 0.3:
        man = rng.getrandbits(52)
    return (rng.getrandbits(1) << 63) | (exp << 52) | man


def fma_ties(rng, fmt, count):
    """a, b, c with a * b + c exactly half an ulp of c away from a representable value."""
    p = {"h": 11, "s": 24, "d": 53}[fmt]
    pack = {"s": lambda x: box(struct.unpack("<I", struct.pack("<f", x))[0]),
            "h": lambda x: box_h(struct.unpack("<H", struct.pack("<e", x))[0]),
            "d": lambda x: struct.unpack("<Q", struct.pack("<d", x))[0]}[fmt]
    cases = []
    while len(cases) < count:
        e = rng.randint(-6, 6) if fmt == "h" else rng.randint(-20, 20)
        c = math.ldexp(rng.getrandbits(p - 1) | (1 << (p - 1)), e - p + 1)
        sh = rng.randint(-4, 4) if fmt == "h" else rng.randint(-10, 10)
        a = math.ldexp(rng.getrandbits(rng.randint(1, 5 if fmt == "h" else 12)) | 1, sh)
        b = math.ldexp(rng.getrandbits(rng.randint(1, 4 if fmt == "h" else 8)) | 1, e - p - sh)
        signs = [rng.choice([1, -1]) for _ in range(3)]
        cases.append(tuple(pack(v * s) for v, s in zip((a, b, c), signs)))
    return cases


def ints(rng):
    v = [0, 1, 0xFFFFFFFFFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF80000000, 0xFFFFFFFF,
         0x1000001, 0xFFFFFFFFFEFFFFFF, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000,
         0x20000000000001, 0x20000000000003, 0x1234567800000005, 0xFFFFFFFFFFFFFFFD]
    v += [rng.getrandbits(64) for _ in range(20)]
    v += [rng.getrandbits(rng.randint(1, 64)) for _ in range(20)]
    return v


def operands(rng, name, kind):
    fmt = name[-1] if name[-2] == "." else "d"
    if name == "fcvt.d.s" or name == "fmv.x.w":
        fmt = "s"
    if kind == "x":
        return [(x, 0, 0) for x in ints(rng)]
    pool = {"h": special_h, "s": special_s, "d": special_d}[fmt]()
    rand = [sparse(rng, fmt) for _ in range(40)]
    if kind == "f":
        return [(a, 0, 0) for a in pool + rand]
    if kind == "ff":
        cases = [(a, b, 0) for a in pool for b in pool]
        cases += [(rng.choice(pool + rand), rng.choice(rand), 0) for _ in range(300)]
        cases += [(a, b, 0) for a, b in zip(rand, rand[1:])]
        return cases
    cases = [(rng.choice(pool), rng.choice(pool), rng.choice(pool)) for _ in range(300)]
    cases += [(rng.choice(rand), rng.choice(rand), rng.choice(rand + pool)) for _ in range(300)]
    return cases + fma_ties(rng, fmt, 40)


def main(ops):
    rng = random.Random(2026)
    out = sys.stdout
    out.write("#include <stdint.h>\n#include <stdio.h>\n\n")
    funcs = []
    for name, kind, dest, has_rm in ops:
        cases = operands(rng, name, kind)  # the same operands under every rounding mode
        for rm in (RMS if has_rm else [None]):
            fn = f"run_{len(funcs)}"
            if kind == "x":
                srcs = "a1"
            else:
                srcs = ", ".join(f"f{i + 1}" for i in range(len(kind)))
            rd = "f10" if dest == "F" else "a0"
            insn = f"{name} {rd}, {srcs}" + (f", {rm}" if rm else "")
            if name in EXACT:  # gas takes no rm for these: spell the word out
                funct7, rs2 = EXACT[name]
                insn = f".insn r 0x53, {RMS.index(rm)}, {funct7:#x}, {rd}, {srcs}, x{rs2}"
            get = "fmv.x.d %[r], f10" if dest == "F" else "mv %[r], a0"
            out.write(f"""static void {fn}(uint64_t a, uint64_t b, uint64_t c) {{
  uint64_t r, fl, ad;
  __asm__ volatile(".option push\\n.option norvc\\n"
      "fmv.d.x f1, %[a]\\nfmv.d.x f2, %[b]\\nfmv.d.x f3, %[c]\\nmv a1, %[a]\\nfmv.d.x f10, zero\\nli a0, 0\\n"
      "csrw fflags, zero\\n1: {insn}\\nfrflags %[fl]\\n{get}\\nlla %[ad], 1b\\n.option pop\\n"
      : [r] "=&r"(r), [fl] "=&r"(fl), [ad] "=&r"(ad)
      : [a] "r"(a), [b] "r"(b), [c] "r"(c)
      : "f1", "f2", "f3", "f10", "a0", "a1", "memory");
  printf("{dest} %08x %016llx %016llx %016llx %016llx %02llx\\n", *(const uint32_t*)ad,
         (unsigned long long)a, (unsigned long long)b, (unsigned long long)c,
         (unsigned long long)r, (unsigned long long)fl);
}}
""")
            funcs.append((fn, cases))
    out.write("int main(void) {\n")
    for fn, cases in funcs:
        out.write(f"  {{ static const uint64_t v[][3] = {{")
        out.write(",".join(f"{{{a:#x}ull,{b:#x}ull,{c:#x}ull}}" for a, b, c in cases))
        out.write(f"}};\n    for (unsigned i = 0; i < sizeof v / sizeof v[0]; ++i) "
                  f"{fn}(v[i][0], v[i][1], v[i][2]); }}\n")
    out.write("  return 0;\n}\n")


def select(header):
    """Keeps a share of the operands where RMM and RNE differ (under every rm), of the UF and OF
    cases, and a few cases of every instruction word; deterministic, so re-recordings diff."""
    rng = random.Random(7)
    rows = [line.split() for line in sys.stdin if line.strip()]
    by_operands = {}
    for r in rows:
        word = int(r[1], 16)
        by_operands.setdefault((word & ~(7 << 12), r[2], r[3], r[4]), {})[(word >> 12) & 7] = r
    keep = set()
    ties = [v for v in by_operands.values() if 0 in v and 4 in v and v[0][5:] != v[4][5:]]
    for variants in rng.sample(ties, min(120, len(ties))):
        keep.update(" ".join(v) for v in variants.values())
    flagged = [r for r in rows if int(r[6], 16) & 0x06]
    keep.update(" ".join(r) for r in rng.sample(flagged, min(600, len(flagged))))
    by_word = {}
    for r in rows:
        by_word.setdefault(r[1], []).append(r)
    for word_rows in by_word.values():
        keep.update(" ".join(r) for r in rng.sample(word_rows, min(8, len(word_rows))))
    print(header)
    print("// {rd file, instruction word, a, b, c, result, fflags}")
    for r in rows:
        line = " ".join(r)
        if line in keep:
            print("{'%s', 0x%s, 0x%s, 0x%s, 0x%s, 0x%s, 0x%s}," % tuple(r))
            keep.discard(line)


if __name__ == "__main__":
    ZFH = sys.argv[1:2] == ["zfh"]
    ARGS = sys.argv[2:] if ZFH else sys.argv[1:]
    if ARGS == ["select"]:
        select("// Recorded with qemu-riscv64 7.2 (-cpu rv64,Zfh=true,Zfhmin=true) by\n"
               "// gen_rv64fd_oracle.py zfh (seed 2026), then `zfh select`." if ZFH else
               "// Recorded with qemu-riscv64 7.2 by gen_rv64fd_oracle.py (seed 2026), then "
               "`select`.")
    else:
        main(ZFH_OPS if ZFH else OPS)
