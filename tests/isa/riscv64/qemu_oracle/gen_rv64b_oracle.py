#!/usr/bin/env python3
"""Generates a RISC-V program that runs every Zba/Zbb/Zbc/Zbs instruction of
src/frontend/riscv64/rv64_ext_table.inc (the encodings are read from there) on edge and random
operands, and prints per case: instruction word, rs1, rs2, rd. Run under qemu-riscv64 with the
extensions on it is an oracle independent of xisa; ../rv64b_qemu_oracle_test.cpp replays the
stored lines through xisa. rd = x10, rs1 = x11, rs2 = x12; immediate forms get several shamts.

  gen_rv64b_oracle.py > oracle.c
  riscv64-linux-gnu-gcc -O1 -static oracle.c -o oracle
  qemu-riscv64 -cpu rv64,zba=true,zbb=true,zbc=true,zbs=true ./oracle | gen_rv64b_oracle.py select > rv64b_cases.inc

Scalar crypto (Zkne/Zknd/Zknh and Zbkb/Zbkx, RV64 forms) the same way with `zk` first:
  gen_rv64b_oracle.py zk > oracle.c && riscv64-linux-gnu-gcc -O1 -static oracle.c -o oracle
  qemu-riscv64 -cpu rv64,zkne=true,zknd=true,zknh=true,zbkb=true,zbkx=true ./oracle \
    | gen_rv64b_oracle.py zk select > rv64zk_cases.inc
"""
import os
import random
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../.."))
import qemu_oracle_gen  # noqa: E402

TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                     "../../../../src/frontend/riscv64/rv64_ext_table.inc")
ZK = sys.argv[1:2] == ["zk"]
# Table sections by their first word ("// --- Zkne, Zknd: AES" is Zkne).
EXTENSIONS = ("Zkne", "Zknh", "Zbkb", "Zbkx") if ZK else ("Zba", "Zbb", "Zbc", "Zbs")
RD, RS1, RS2 = 10, 11, 12


def encodings():
    """(name, pattern) of the bit-manipulation lines, pattern as 32 chars, bit 31 first."""
    section, out = None, []
    for line in open(TABLE):
        m = re.match(r"// --- (\w+)", line)
        if m:
            section = m.group(1)
        m = re.match(r'INST\((\w+),\s*"([01?_]+)"\)', line)
        if m and section in EXTENSIONS:
            out.append((m.group(1), m.group(2).replace("_", "")))
    return out


def words(rng, pattern):
    """The instruction words of one line: registers fixed, every listed shift amount."""
    def with_field(p, lo, length, v):
        bits = list(p)
        for i in range(length):
            pos = 31 - (lo + i)
            if bits[pos] == "?":
                bits[pos] = str((v >> i) & 1)
        return "".join(bits)
    p = with_field(with_field(pattern, 7, 5, RD), 15, 5, RS1)
    opcode = int(pattern[25:], 2)
    if pattern[:8] == "00110001":  # aes64ks1i: rnum 0..10 (11..15 are reserved)
        return [int(with_field(p, 20, 4, rnum), 2) for rnum in range(11)]
    if opcode in (0x33, 0x3B):  # register-register
        return [int(with_field(p, 20, 5, RS2), 2)]
    shamts = sorted({0, 1, 7, 31, 32, 63} | {rng.randrange(64) for _ in range(4)})
    return sorted({int(with_field(p, 20, 6, s).replace("?", "0"), 2) for s in shamts})


def operands(rng):
    edges = [0, 1, 2, 0xFF, 0x80, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x100000000,
             0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFF80000000,
             0x00FF00FF00FF0000, 0x0123456789ABCDEF, 31, 32, 63, 64, 0xFFFFFFFFFFFFFFC1]
    vals = edges + [rng.getrandbits(64) for _ in range(12)]
    vals += [rng.getrandbits(64) & rng.getrandbits(64) & rng.getrandbits(64) for _ in range(6)]
    pairs = [(a, b) for a in edges for b in edges[:8]]
    pairs += [(rng.choice(vals), rng.choice(vals)) for _ in range(80)]
    return pairs


def main():
    rng = random.Random(2026)
    out = sys.stdout
    runs = qemu_oracle_gen.begin(out)
    for name, pattern in encodings():
        for word in words(rng, pattern):
            fn = f"run_{len(runs)}"
            out.write(f"""static void {fn}(uint64_t a, uint64_t b) {{  // {name}
  register uint64_t rs1 __asm__("a1") = a, rs2 __asm__("a2") = b, rd __asm__("a0") = 0;
  __asm__ volatile(".word {word:#010x}" : "+r"(rd) : "r"(rs1), "r"(rs2));
  printf("%08x %016llx %016llx %016llx\\n", {word:#010x}u, (unsigned long long)a,
         (unsigned long long)b, (unsigned long long)rd);
}}
""")
            runs.append(fn)
    qemu_oracle_gen.write_main(out, runs, operands(rng))


# `select` keeps up to 24 cases of every instruction word (12 of each aes64ks1i rnum),
# chosen deterministically.
def keep(word):
    return 12 if ZK and word.startswith("31") else 24


HEADER = [
    "// Recorded with qemu-riscv64 7.2 (-cpu rv64,zkne=true,zknd=true,zknh=true,zbkb=true,",
    "// zbkx=true) by",
    "// gen_rv64b_oracle.py zk (seed 2026), then `zk select`. {instruction word, rs1, rs2, rd}",
] if ZK else [
    "// Recorded with qemu-riscv64 7.2 (-cpu rv64,zba=true,zbb=true,zbc=true,zbs=true) by",
    "// gen_rv64b_oracle.py (seed 2026), then `select`. {instruction word, rs1, rs2, rd}",
]

if __name__ == "__main__":
    qemu_oracle_gen.run(main, keep, HEADER, sys.argv[1 + ZK:])
