#!/usr/bin/env python3
"""Generates a RISC-V program that runs the 32-bit equivalent of every Zcb instruction form
(each offset of the loads and stores) on edge and random operands, and prints per case: the Zcb
halfword, x10, x11, the doubleword at the base x9 before, then x10 and that doubleword after.

qemu-riscv64 7.2 does not know Zcb, but the Zc chapter defines every Zcb instruction as one
32-bit instruction (C.MUL is MUL rd', rd', rs2', C.ZEXT.W is ADD.UW rd', rd', x0, ...). So this
script encodes each halfword and its expansion independently of xisa, from the chapter's tables
(checked below against the encodings LLVM's MC tests list), and qemu executes the expansion: the
results come from qemu, the halfword-to-meaning map from this file. ../rv64_zcb_qemu_oracle_test.cpp
replays the halfwords through xisa's decoder. rd'/rs1' = x10, rs2' = x11, base = x9.

  gen_zcb_oracle.py > oracle.c
  riscv64-linux-gnu-gcc -O1 -static oracle.c -o oracle
  qemu-riscv64 -cpu rv64,zba=true,zbb=true ./oracle | gen_zcb_oracle.py select > rv64_zcb_cases.inc
"""
import random
import sys

RD, RS2, BASE = 10, 11, 9  # all in x8..x15, so every compressed form can name them


def p(r):
    return r - 8


# --- Zcb halfwords (Zc chapter, "Zcb" instruction listings) ---
def c_load_store(funct6, bit6, bit5, rs1, r):
    return funct6 << 10 | p(rs1) << 7 | bit6 << 6 | bit5 << 5 | p(r) << 2


def c_unary(rd, code):  # 100 111 rd' 11 code 01
    return 0b100111 << 10 | p(rd) << 7 | 0b11 << 5 | code << 2 | 0b01


def c_mul(rd, rs2):  # 100 111 rd' 10 rs2' 01
    return 0b100111 << 10 | p(rd) << 7 | 0b10 << 5 | p(rs2) << 2 | 0b01


# --- 32-bit equivalents (RV64I, M, Zba, Zbb) ---
def i_type(imm, rs1, f3, rd, op):
    return (imm & 0xFFF) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op


def s_type(imm, rs2, rs1, f3):
    return (imm >> 5) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (imm & 31) << 7 | 0x23


def r_type(f7, rs2, rs1, f3, rd, op):
    return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op


def forms():
    """(name, halfword, 32-bit equivalent)."""
    out = []
    for off in range(4):  # uimm[0|1] at 6:5
        out.append(("c.lbu", c_load_store(0b100000, off & 1, off >> 1, BASE, RD),
                    i_type(off, BASE, 4, RD, 0x03)))
        out.append(("c.sb", c_load_store(0b100010, off & 1, off >> 1, BASE, RS2),
                    s_type(off, RS2, BASE, 0)))
    for off in (0, 2):  # uimm[1] at 5; bit 6 tells C.LH from C.LHU
        out.append(("c.lhu", c_load_store(0b100001, 0, off >> 1, BASE, RD),
                    i_type(off, BASE, 5, RD, 0x03)))
        out.append(("c.lh", c_load_store(0b100001, 1, off >> 1, BASE, RD),
                    i_type(off, BASE, 1, RD, 0x03)))
        out.append(("c.sh", c_load_store(0b100011, 0, off >> 1, BASE, RS2),
                    s_type(off, RS2, BASE, 1)))
    out.append(("c.zext.b", c_unary(RD, 0), i_type(0xFF, RD, 7, RD, 0x13)))
    out.append(("c.sext.b", c_unary(RD, 1), i_type(0x604, RD, 1, RD, 0x13)))
    out.append(("c.zext.h", c_unary(RD, 2), r_type(0x04, 0, RD, 4, RD, 0x3B)))
    out.append(("c.sext.h", c_unary(RD, 3), i_type(0x605, RD, 1, RD, 0x13)))
    out.append(("c.zext.w", c_unary(RD, 4), r_type(0x04, 0, RD, 0, RD, 0x3B)))
    out.append(("c.not", c_unary(RD, 5), i_type(-1, RD, 4, RD, 0x13)))
    out.append(("c.mul", c_mul(RD, RS2), r_type(0x01, RS2, RD, 0, RD, 0x33)))
    return out


def self_check():
    """The encoders against LLVM's MC tests (rv32zcb-valid.s, rv64zcb-valid.s)."""
    s0, s1, a4, a5 = 8, 9, 14, 15
    assert c_unary(s0, 0) == 0x9C61 and c_unary(s0, 1) == 0x9C65  # c.zext.b, c.sext.b s0
    assert c_unary(s0, 2) == 0x9C69 and c_unary(s0, 3) == 0x9C6D  # c.zext.h, c.sext.h s0
    assert c_unary(s0, 4) == 0x9C71 and c_unary(s0, 5) == 0x9C75  # c.zext.w, c.not s0
    assert c_mul(s0, s1) == 0x9C45
    assert c_load_store(0b100000, 0, 1, a4, a5) == 0x833C  # c.lbu a5, 2(a4)
    assert c_load_store(0b100001, 0, 1, a4, a5) == 0x873C  # c.lhu a5, 2(a4)
    assert c_load_store(0b100001, 1, 1, a4, a5) == 0x877C  # c.lh a5, 2(a4)
    assert c_load_store(0b100010, 0, 1, a4, a5) == 0x8B3C  # c.sb a5, 2(a4)
    assert c_load_store(0b100011, 0, 1, a4, a5) == 0x8F3C  # c.sh a5, 2(a4)


def operands(rng):
    edges = [0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000,
             0xFFFFFFFF, 0x100000000, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000,
             0xFFFFFFFFFFFFFFFF, 0xFFFFFFFF80000000, 0x0123456789ABCDEF, 0xFEDCBA9876543210]
    vals = edges + [rng.getrandbits(64) for _ in range(14)]
    return [(rng.choice(vals), rng.choice(vals), rng.choice(vals)) for _ in range(60)]


def main():
    self_check()
    rng = random.Random(2026)
    out = sys.stdout
    out.write("#include <stdint.h>\n#include <stdio.h>\n\n")
    runs = []
    for name, half, word in forms():
        fn = f"run_{len(runs)}"
        out.write(f"""static void {fn}(uint64_t a, uint64_t b, uint64_t m) {{  // {name}
  static uint64_t buf;
  buf = m;
  register uint64_t x10 __asm__("a0") = a, x11 __asm__("a1") = b;
  register uint64_t* x9 __asm__("s1") = &buf;
  __asm__ volatile(".word {word:#010x}" : "+r"(x10) : "r"(x11), "r"(x9) : "memory");
  printf("%04x %016llx %016llx %016llx %016llx %016llx\\n", {half:#06x}u, (unsigned long long)a,
         (unsigned long long)b, (unsigned long long)m, (unsigned long long)x10,
         (unsigned long long)buf);
}}
""")
        runs.append(fn)
    ops = operands(rng)
    out.write("static const uint64_t v[][3] = {")
    out.write(",".join(f"{{{a:#x}ull,{b:#x}ull,{m:#x}ull}}" for a, b, m in ops))
    out.write("};\n\nint main(void) {\n  for (unsigned i = 0; i < sizeof v / sizeof v[0]; ++i) {\n")
    for fn in runs:
        out.write(f"    {fn}(v[i][0], v[i][1], v[i][2]);\n")
    out.write("  }\n  return 0;\n}\n")


def select():
    """Keeps up to 24 cases of every halfword, chosen deterministically."""
    rng = random.Random(7)
    by_half = {}
    for line in sys.stdin:
        if line.strip():
            r = line.split()
            by_half.setdefault(r[0], []).append(r)
    print("// Recorded with qemu-riscv64 7.2 (-cpu rv64,zba=true,zbb=true) running each Zcb")
    print("// instruction's 32-bit equivalent, by gen_zcb_oracle.py (seed 2026), then `select`.")
    print("// {halfword, x10, x11, doubleword at x9, x10 after, doubleword after}")
    for half in sorted(by_half):
        for r in rng.sample(by_half[half], min(24, len(by_half[half]))):
            print("{0x%s, 0x%s, 0x%s, 0x%s, 0x%s, 0x%s}," % tuple(r))


if __name__ == "__main__":
    select() if sys.argv[1:] == ["select"] else main()
