#!/usr/bin/env python3
"""Generates an AArch64 program that runs LSE atomics (LD<op>, SWP, CAS on B, H, W, X) on edge
and random operands whose upper register bits are not the access's, and prints per case:
instruction word, memory before (8 bytes), Xs, Xt after, memory after. Under qemu-aarch64 -cpu max
(7.2; QEMU before 5.2 got the signed and narrow forms wrong) it is an oracle independent of
xisa; ../a64_lse_qemu_oracle_test.cpp replays the stored lines. Xs = x2, Xt = x3, Xn = x1.

  gen_a64_lse_oracle.py > oracle.c
  aarch64-linux-gnu-gcc -O1 -static oracle.c -o oracle
  qemu-aarch64 -cpu max ./oracle | gen_a64_lse_oracle.py select > a64_lse_cases.inc
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../.."))
import qemu_oracle_gen  # noqa: E402

RS, RT, RN = 2, 3, 1
OPS = ["ldadd", "ldclr", "ldeor", "ldset", "ldsmax", "ldsmin", "ldumax", "ldumin"]


def words():
    out = []
    for size in range(4):
        for opc, name in enumerate(OPS):
            a, r = opc & 1, (opc >> 1) & 1  # vary the orderings across the table
            out.append((f"{name}.{size}", size << 30 | 0b111000 << 24 | a << 23 | r << 22 | 1 << 21
                        | RS << 16 | opc << 12 | RN << 5 | RT))
        out.append((f"swp.{size}", size << 30 | 0b111000 << 24 | 1 << 21 | RS << 16 | 1 << 15
                    | RN << 5 | RT))
        out.append((f"cas.{size}", size << 30 | 0b0010001 << 23 | 1 << 21 | RS << 16 | 31 << 10
                    | RN << 5 | RT))
    return out


def operands(rng):
    edges = [0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF,
             0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFF00000001,
             0x00000001FFFFFF80, 0x123456789ABCDEF0]
    pairs = [(a, b) for a in edges for b in edges if rng.random() < 0.25]
    pairs += [(rng.getrandbits(64), rng.getrandbits(64)) for _ in range(40)]
    # CAS matches: the low bytes equal, the upper register bits not
    pairs += [(m, (m & 0xFF) | (rng.getrandbits(56) << 8)) for m in edges[:8]]
    pairs += [(m, (m & 0xFFFF) | (rng.getrandbits(48) << 16)) for m in edges[4:10]]
    pairs += [(m, (m & 0xFFFFFFFF) | (rng.getrandbits(32) << 32)) for m in edges[7:14]]
    pairs += [(m, m) for m in edges]
    return pairs


def main():
    rng = random.Random(2026)
    out = sys.stdout
    runs = qemu_oracle_gen.begin(out)
    for name, word in words():
        fn = f"run_{len(runs)}"
        out.write(f"""static void {fn}(uint64_t mem, uint64_t s, uint64_t t) {{  // {name}
  static uint64_t cell __attribute__((aligned(16)));
  cell = mem;
  register uint64_t xs __asm__("x2") = s, xt __asm__("x3") = t;
  register uint64_t* xn __asm__("x1") = &cell;
  __asm__ volatile(".word {word:#010x}" : "+r"(xs), "+r"(xt) : "r"(xn) : "memory");
  printf("%08x %016llx %016llx %016llx %016llx %016llx %016llx\\n", {word:#010x}u,
         (unsigned long long)mem, (unsigned long long)s, (unsigned long long)t,
         (unsigned long long)xs, (unsigned long long)xt, (unsigned long long)cell);
}}
""")
        runs.append(fn)
    rows = [(m, s, rng.getrandbits(64)) for m, s in operands(rng)]
    qemu_oracle_gen.write_main(out, runs, rows)


# `select` keeps up to 40 cases of every instruction word, chosen deterministically.
HEADER = [
    "// Recorded with qemu-aarch64 7.2 (-cpu max) by gen_a64_lse_oracle.py (seed 2026), then",
    "// `select`. {word, memory before, Xs before, Xt before, Xs after, Xt after, memory after}",
]

if __name__ == "__main__":
    qemu_oracle_gen.run(main, 40, HEADER)
