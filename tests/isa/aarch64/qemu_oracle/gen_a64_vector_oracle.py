#!/usr/bin/env python3
"""Generates an AArch64 program that runs the vector instructions of one extension that Unicorn
2.0.1 lacks, FEAT_I8MM (SMMLA, UMMLA, USMMLA, USDOT, SUDOT) or FEAT_BF16 (BFCVT, BFCVTN/2,
BFDOT, BFMMLA, BFMLALB/T), or gets wrong, FEAT_FP16 (FCMLA by element; a few other FP16 words
as a cross-check of the Unicorn diff; not FCVTZS/FCVTZU (scalar, fixed-point) on Hn, which
qemu 7.2 writes sign-extended to 32 bits as QEMU 5.0 does), on edge and random vectors under random FPCR rounding modes,
FZ, FZ16 and DN, and prints per case: instruction word, FPCR, Vd, Vn, Vm before (low, high doubleword each),
Vd after and FPSR. Under qemu-aarch64 -cpu max (7.2) it is an oracle independent of xisa;
../a64_vector_qemu_oracle_test.cpp replays the stored lines. Vd = v0, Vn = v1, Vm = v2.

  gen_a64_vector_oracle.py i8mm > oracle.c      (or bf16, fp16)
  aarch64-linux-gnu-gcc -O1 -static oracle.c -o oracle
  qemu-aarch64 -cpu max ./oracle | gen_a64_vector_oracle.py select > a64_i8mm_cases.inc
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../.."))
import qemu_oracle_gen  # noqa: E402

# Encoded with GNU as -march=armv8.6-a+i8mm+bf16+fp16.
WORDS = {
    "i8mm": [
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
    ],
    "bf16": [
        (0x1e634020, "bfcvt h0, s1"),
        (0x0ea16820, "bfcvtn v0.4h, v1.4s"),
        (0x4ea16820, "bfcvtn2 v0.8h, v1.4s"),
        (0x2e42fc20, "bfdot v0.2s, v1.4h, v2.4h"),
        (0x6e42fc20, "bfdot v0.4s, v1.8h, v2.8h"),
        (0x4f62f820, "bfdot v0.4s, v1.8h, v2.2h[3]"),
        (0x0f62f020, "bfdot v0.2s, v1.4h, v2.2h[1]"),
        (0x6e42ec20, "bfmmla v0.4s, v1.8h, v2.8h"),
        (0x2ec2fc20, "bfmlalb v0.4s, v1.8h, v2.8h"),
        (0x6ec2fc20, "bfmlalt v0.4s, v1.8h, v2.8h"),
        (0x0ff2f820, "bfmlalb v0.4s, v1.8h, v2.h[7]"),
        (0x4fe2f020, "bfmlalt v0.4s, v1.8h, v2.h[2]"),
    ],
    "fp16": [
        (0x5f1de420, "scvtf h0, h1, #3"),
        (0x7f10e420, "ucvtf h0, h1, #16"),
        (0x2f421020, "fcmla v0.4h, v1.4h, v2.h[0], #0"),
        (0x2f623020, "fcmla v0.4h, v1.4h, v2.h[1], #90"),
        (0x6f625820, "fcmla v0.8h, v1.8h, v2.h[3], #180"),
        (0x6f427820, "fcmla v0.8h, v1.8h, v2.h[2], #270"),
        (0x6e42cc20, "fcmla v0.8h, v1.8h, v2.8h, #90"),
        (0x2e42c420, "fcmla v0.4h, v1.4h, v2.4h, #0"),
        (0x4e421420, "fadd v0.8h, v1.8h, v2.8h"),
        (0x4e420c20, "fmla v0.8h, v1.8h, v2.8h"),
        (0x4ef9d820, "frecpe v0.8h, v1.8h"),
        (0x2ef9d820, "frsqrte v0.4h, v1.4h"),
    ],
}

EDGE_BYTES = [0x0000000000000000, 0x7F7F7F7F7F7F7F7F, 0x8080808080808080, 0xFFFFFFFFFFFFFFFF,
              0x7F80FF007F80FF00, 0x80FF7F0080FF7F00]
SPECIAL32 = [0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x7F800000, 0xFF800000, 0x7FC00000,
             0x7F800001, 0xFFA00005, 0x00000001, 0x807FFFFF, 0x00800000, 0x7F7FFFFF, 0x7F7F8000,
             0x7F7FC000, 0x3F808000, 0x3F818000, 0x3F80C001, 0x00018000, 0x80808000, 0x4B800001]


def float_word(rng):
    """A single, or two BFloat16: specials, ordinary magnitudes (so that sums stay finite)."""
    r = rng.random()
    if r < 0.3:
        return rng.choice(SPECIAL32)
    if r < 0.6:
        return (rng.getrandbits(1) << 31) | (rng.randrange(100, 150) << 23) | rng.getrandbits(23)
    if r < 0.8:
        def bf16():
            if rng.random() < 0.2:
                return rng.choice(SPECIAL32) >> 16
            return (rng.getrandbits(1) << 15) | (rng.randrange(110, 140) << 7) | rng.getrandbits(7)
        return bf16() | bf16() << 16
    return rng.getrandbits(32)


SPECIAL16 = [0x0000, 0x8000, 0x3C00, 0xBC00, 0x7C00, 0xFC00, 0x7E00, 0x7C01, 0xFE12, 0x0001,
             0x83FF, 0x0400, 0x8400, 0x7BFF, 0xFBFF, 0x7800, 0xF800, 0x77FF, 0x3800, 0x0200,
             0x1400, 0x0401, 0x5BFF, 0x6400]


def half_word(rng):
    """Two halves: specials, magnitudes near 1 and tiny ones (so that products underflow), or
    random bits."""
    def half():
        r = rng.random()
        if r < 0.3:
            return rng.choice(SPECIAL16)
        if r < 0.6:
            return (rng.getrandbits(1) << 15) | (rng.randrange(10, 20) << 10) | rng.getrandbits(10)
        if r < 0.8:
            return (rng.getrandbits(1) << 15) | (rng.randrange(0, 6) << 10) | rng.getrandbits(10)
        return rng.getrandbits(16)
    return half() | half() << 16


def rows(rng, extension):
    """FPCR and Vd, Vn, Vm as six doublewords."""
    out = []
    for _ in range(60 if extension == "i8mm" else 48):
        fpcr = (rng.randrange(4) << 22 if rng.random() < 0.4 else 0) | \
               (1 << 24 if rng.random() < 0.2 else 0) | (1 << 25 if rng.random() < 0.2 else 0)
        if extension == "fp16":
            fpcr |= 1 << 19 if rng.random() < 0.25 else 0
            dwords = [half_word(rng) | half_word(rng) << 32 for _ in range(6)]
        elif extension == "i8mm":
            dwords = [rng.choice(EDGE_BYTES) if rng.random() < 0.4 else rng.getrandbits(64)
                      for _ in range(6)]
        else:
            dwords = [float_word(rng) | float_word(rng) << 32 for _ in range(6)]
        out.append((fpcr, *dwords))
    return out


def main():
    extension = sys.argv[1]
    rng = random.Random(2026)
    out = sys.stdout
    runs = qemu_oracle_gen.begin(out)
    for word, text in WORDS[extension]:
        fn = f"run_{len(runs)}"
        out.write(f"""static void {fn}(uint64_t fpcr, uint64_t d0, uint64_t d1, uint64_t n0, uint64_t n1,
                  uint64_t m0, uint64_t m1) {{  // {text}
  uint64_t io[6] = {{d0, d1, n0, n1, m0, m1}}, fpsr = fpcr;
  __asm__ volatile("msr fpcr, %0\\n\\tmsr fpsr, xzr\\n\\tldp q0, q1, [%1]\\n\\tldr q2, [%1, #32]\\n\\t"
                   ".inst {word:#010x}\\n\\tstr q0, [%1]\\n\\tmrs %0, fpsr\\n\\tmsr fpcr, xzr"
                   : "+r"(fpsr) : "r"(io) : "v0", "v1", "v2", "memory");
  printf("%08x %016llx %016llx %016llx %016llx %016llx %016llx %016llx %016llx %016llx %016llx\\n",
         {word:#010x}u, (unsigned long long)fpcr, (unsigned long long)d0, (unsigned long long)d1,
         (unsigned long long)n0, (unsigned long long)n1, (unsigned long long)m0,
         (unsigned long long)m1, (unsigned long long)io[0], (unsigned long long)io[1],
         (unsigned long long)fpsr);
}}
""")
        runs.append(fn)
    qemu_oracle_gen.write_main(out, runs, rows(rng, extension))


# `select` keeps up to 48 cases of every instruction word, chosen deterministically.
HEADER = [
    "// Recorded with qemu-aarch64 7.2 (-cpu max) by gen_a64_vector_oracle.py (seed 2026), then",
    "// `select`. {word, FPCR, Vd lo, Vd hi, Vn lo, Vn hi, Vm lo, Vm hi, Vd after lo, hi, FPSR}",
]

if __name__ == "__main__":
    qemu_oracle_gen.run(main, 48, HEADER)
