#!/usr/bin/env python3
"""Generates an AArch64 program that runs the FEAT_I8MM instructions (SMMLA, UMMLA, USMMLA,
USDOT and SUDOT, vector and by element; Unicorn 2.0.1 has none of them) on edge and random
vectors, and prints per case: instruction word, Vd, Vn, Vm before (low, high doubleword each)
and Vd after. Under qemu-aarch64 -cpu max (7.2) it is an oracle independent of xisa;
../a64_i8mm_qemu_oracle_test.cpp replays the stored lines. Vd = v0, Vn = v1, Vm = v2.

  gen_a64_i8mm_oracle.py > oracle.c
  aarch64-linux-gnu-gcc -O1 -static oracle.c -o oracle
  qemu-aarch64 -cpu max ./oracle | gen_a64_i8mm_oracle.py select > a64_i8mm_cases.inc
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../.."))
import qemu_oracle_gen  # noqa: E402

# Encoded with GNU as -march=armv8.6-a+i8mm.
WORDS = [
    (0x4e82a420, "smmla v0.4s, v1.16b, v2.16b"),
    (0x6e82a420, "ummla v0.4s, v1.16b, v2.16b"),
    (0x4e82ac20, "usmmla v0.4s, v1.16b, v2.16b"),
    (0x4e829c20, "usdot v0.4s, v1.16b, v2.16b"),
    (0x0e829c20, "usdot v0.2s, v1.8b, v2.8b"),
    (0x4f82f020, "usdot v0.4s, v1.16b, v2.4b[0]"),
    (0x4fa2f820, "usdot v0.4s, v1.16b, v2.4b[3]"),
    (0x0fa2f020, "usdot v0.2s, v1.8b, v2.4b[1]"),
    (0x4f02f820, "sudot v0.4s, v1.16b, v2.4b[2]"),
    (0x4f22f020, "sudot v0.4s, v1.16b, v2.4b[1]"),
    (0x0f22f820, "sudot v0.2s, v1.8b, v2.4b[3]"),
]


def vectors(rng):
    """Rows of Vd, Vn, Vm as six doublewords: edge bytes (0x00, 0x7f, 0x80, 0xff) and random."""
    edge = [0x0000000000000000, 0x7F7F7F7F7F7F7F7F, 0x8080808080808080, 0xFFFFFFFFFFFFFFFF,
            0x7F80FF007F80FF00, 0x80FF7F0080FF7F00]
    rows = []
    for _ in range(60):
        rows.append(tuple(rng.choice(edge) if rng.random() < 0.4 else rng.getrandbits(64)
                          for _ in range(6)))
    return rows


def main():
    rng = random.Random(2026)
    out = sys.stdout
    runs = qemu_oracle_gen.begin(out)
    for word, text in WORDS:
        fn = f"run_{len(runs)}"
        out.write(f"""static void {fn}(uint64_t d0, uint64_t d1, uint64_t n0, uint64_t n1, uint64_t m0,
                  uint64_t m1) {{  // {text}
  uint64_t io[6] = {{d0, d1, n0, n1, m0, m1}};
  __asm__ volatile("ldp q0, q1, [%0]\\n\\tldr q2, [%0, #32]\\n\\t.inst {word:#010x}\\n\\tstr q0, [%0]"
                   : : "r"(io) : "v0", "v1", "v2", "memory");
  printf("%08x %016llx %016llx %016llx %016llx %016llx %016llx %016llx %016llx\\n", {word:#010x}u,
         (unsigned long long)d0, (unsigned long long)d1, (unsigned long long)n0,
         (unsigned long long)n1, (unsigned long long)m0, (unsigned long long)m1,
         (unsigned long long)io[0], (unsigned long long)io[1]);
}}
""")
        runs.append(fn)
    qemu_oracle_gen.write_main(out, runs, vectors(rng))


# `select` keeps up to 40 cases of every instruction word, chosen deterministically.
HEADER = [
    "// Recorded with qemu-aarch64 7.2 (-cpu max) by gen_a64_i8mm_oracle.py (seed 2026), then",
    "// `select`. {word, Vd lo, Vd hi, Vn lo, Vn hi, Vm lo, Vm hi, Vd after lo, Vd after hi}",
]

if __name__ == "__main__":
    qemu_oracle_gen.run(main, 40, HEADER)
