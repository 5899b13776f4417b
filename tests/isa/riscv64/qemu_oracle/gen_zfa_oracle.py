#!/usr/bin/env python3
"""Writes rv64_zfa_cases.inc: expected results and fflags of every RV64 Zfa instruction (half,
single and double forms) on edge and random operands, from a reference written here from the ratified
Zfa chapter. qemu-riscv64 7.2, the oracle of the other FP cases, predates Zfa, so this script is
the oracle: it shares no code with xisa and computes with exact rationals (fractions), and its
encodings are checked against LLVM's MC tests (zfa-valid.s). Same line format as
rv64fd_cases.inc: {rd file, instruction word, a, b, c, result, fflags}, with a in f1 (and x11),
b in f2, rd = f10 or x10. ../rv64_zfa_oracle_test.cpp replays the lines.

  gen_zfa_oracle.py > rv64_zfa_cases.inc
"""
import math
import random
import struct
from fractions import Fraction

NV, DZ, OF, UF, NX = 0x10, 0x08, 0x04, 0x02, 0x01
RD, RS1, RS2 = 10, 1, 2
BOX = 0xFFFFFFFF00000000


class Fmt:
    def __init__(self, name, width, man_bits, exp_bits, fmt_field):
        self.name, self.width, self.man, self.exp, self.field = (
            name, width, man_bits, exp_bits, fmt_field)
        self.bias = (1 << (exp_bits - 1)) - 1
        self.qnan = ((1 << exp_bits) - 1) << man_bits | 1 << (man_bits - 1)

    def image(self, bits):  # the 64-bit register image, NaN-boxed below 64 bits
        return bits | (((1 << 64) - 1) ^ ((1 << self.width) - 1))

    def read(self, reg):  # the format's bits an instruction reads (a bad NaN box is the qNaN)
        if reg >> self.width != ((1 << 64) - 1) >> self.width:
            return self.qnan
        return reg & ((1 << self.width) - 1)

    def sign(self, b):
        return b >> (self.width - 1)

    def is_nan(self, b):
        return (b >> self.man) & ((1 << self.exp) - 1) == (1 << self.exp) - 1 and \
            b & ((1 << self.man) - 1) != 0

    def is_snan(self, b):
        return self.is_nan(b) and not b >> (self.man - 1) & 1

    def is_inf(self, b):
        return b & ((1 << (self.width - 1)) - 1) == ((1 << self.exp) - 1) << self.man

    def value(self, b):
        """Exact Fraction of a finite value (sign of zero lost: callers keep it)."""
        e = (b >> self.man) & ((1 << self.exp) - 1)
        m = b & ((1 << self.man) - 1)
        v = Fraction(m, 1 << self.man) * Fraction(2) ** (1 - self.bias) if e == 0 else \
            (1 + Fraction(m, 1 << self.man)) * Fraction(2) ** (e - self.bias)
        return -v if self.sign(b) else v

    def encode_integral(self, n, sign):
        """Bits of an integer that is exact in the format (fround's results are)."""
        if n == 0:
            return sign << (self.width - 1)
        mag = abs(n)
        e = mag.bit_length() - 1
        man = (mag << self.man >> e) & ((1 << self.man) - 1) if e <= self.man else \
            (mag >> (e - self.man)) & ((1 << self.man) - 1)
        return sign << (self.width - 1) | (e + self.bias) << self.man | man


S = Fmt("s", 32, 23, 8, 0)
D = Fmt("d", 64, 52, 11, 1)
H = Fmt("h", 16, 10, 5, 2)
BOX_H = 0xFFFFFFFFFFFF0000


def r_type(f7, rs2, rs1, f3, rd):
    return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | 0x53


# --- reference semantics ---
FLI = [-1.0, None, 2.0**-16, 2.0**-15, 2.0**-8, 2.0**-7, 0.0625, 0.125, 0.25, 0.3125, 0.375,
       0.4375, 0.5, 0.625, 0.75, 0.875, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0, 8.0, 16.0,
       128.0, 256.0, 2.0**15, 2.0**16, math.inf, None]


def fli(f, i):
    if i == 1:
        return 1 << f.man  # smallest normal
    if i == 31:
        return f.qnan
    if f is H and FLI[i] > 65504:
        return 0x7C00  # 2^16 is beyond the largest half: the chapter's binary16 entry is +inf
    code = {"h": ("<H", "<e"), "s": ("<I", "<f"), "d": ("<Q", "<d")}[f.name]
    return struct.unpack(code[0], struct.pack(code[1], FLI[i]))[0]


def less(f, a, b):
    """a < b on non-NaN bits, -0 < +0 (for minimum/maximum)."""
    va, vb = (f.value(a) if not f.is_inf(a) else (-1 if f.sign(a) else 1) * Fraction(10**400),
              f.value(b) if not f.is_inf(b) else (-1 if f.sign(b) else 1) * Fraction(10**400))
    if va == vb:
        return f.sign(a) and not f.sign(b)
    return va < vb


def minm_maxm(f, a, b, want_max):
    flags = NV if f.is_snan(a) or f.is_snan(b) else 0
    if f.is_nan(a) or f.is_nan(b):
        return f.qnan, flags
    pick_a = less(f, b, a) if want_max else less(f, a, b)
    if not less(f, a, b) and not less(f, b, a):
        pick_a = True  # equal bits
    return (a if pick_a else b), flags


def quiet_compare(f, a, b, strict):
    if f.is_nan(a) or f.is_nan(b):
        return 0, NV if f.is_snan(a) or f.is_snan(b) else 0
    va = f.value(a) if not f.is_inf(a) else (-1 if f.sign(a) else 1) * Fraction(10**400)
    vb = f.value(b) if not f.is_inf(b) else (-1 if f.sign(b) else 1) * Fraction(10**400)
    return int(va < vb if strict else va <= vb), 0


def round_integer(v, rm):
    """v (Fraction) to an integer under rm: 0 RNE, 1 RTZ, 2 RDN, 3 RUP, 4 RMM."""
    fl = math.floor(v)
    frac = v - fl
    if frac == 0:
        return fl
    if rm == 1:
        return fl if v > 0 else fl + 1
    if rm == 2:
        return fl
    if rm == 3:
        return fl + 1
    if frac != Fraction(1, 2):
        return fl + (1 if frac > Fraction(1, 2) else 0)
    if rm == 4:
        return fl + 1 if v > 0 else fl
    return fl if fl % 2 == 0 else fl + 1


def fround(f, a, rm, exact_flag):
    if f.is_nan(a):
        return f.qnan, NV if f.is_snan(a) else 0
    if f.is_inf(a):
        return a, 0
    v = f.value(a)
    n = round_integer(v, rm)
    r = f.encode_integral(n, f.sign(a))
    return r, NX if exact_flag and n != v else 0


def fcvtmod(a):
    if D.is_nan(a) or D.is_inf(a):
        return 0, NV
    v = D.value(a)
    n = math.trunc(v)
    flags = NV if not -2**31 <= n < 2**31 else (NX if n != v else 0)
    low = n & 0xFFFFFFFF
    return (low | 0xFFFFFFFF00000000 if low >> 31 else low), flags


# --- operands ---
def special(f):
    if f is H:
        v = [0x0000, 0x8000, 0x3C00, 0xBC00, 0x7C00, 0xFC00, 0x7E00, 0xFE00, 0x7C01, 0x7D00, 0x0001,
             0x8001, 0x03FF, 0x0400, 0x3800, 0xB800, 0x3E00, 0xBE00, 0x4100, 0xC100, 0x37FF, 0x6401,
             0x63FF, 0xE3FF, 0x7BFF, 0x3A00, 0x4300, 0x6800]
        return [BOX_H | x for x in v] + [0xFFFFFFFF00003C00, 0x000000003F800000]
    if f is S:
        v = [0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x7F800000, 0xFF800000, 0x7FC00000,
             0xFFC00000, 0x7F800001, 0x7FA00000, 0x00000001, 0x80000001, 0x007FFFFF, 0x00800000,
             0x3F000000, 0xBF000000, 0x3FC00000, 0xBFC00000, 0x40200000, 0xC0200000, 0x3EFFFFFF,
             0x4B000001, 0x4AFFFFFF, 0xCAFFFFFF, 0x4F000000, 0x7F7FFFFF, 0x3F400000, 0x40600000]
        return [BOX | x for x in v] + [0x000000003F800000]
    return [0x0000000000000000, 0x8000000000000000, 0x3FF0000000000000, 0xBFF0000000000000,
            0x7FF0000000000000, 0xFFF0000000000000, 0x7FF8000000000000, 0xFFF8000000000000,
            0x7FF0000000000001, 0x7FF4000000000000, 0x0000000000000001, 0x8000000000000001,
            0x000FFFFFFFFFFFFF, 0x0010000000000000, 0x3FE0000000000000, 0xBFE0000000000000,
            0x3FF8000000000000, 0xBFF8000000000000, 0x4004000000000000, 0xC004000000000000,
            0x4330000000000001, 0x432FFFFFFFFFFFFF, 0xC32FFFFFFFFFFFFF, 0x41E0000000000000,
            0xC1E0000000000000, 0xC1E0000000200000, 0x41DFFFFFFFC00000, 0x41EFFFFFFFE00000,
            0x41F0000000000000, 0x43E0000000000000, 0x4340000000000001, 0x7FEFFFFFFFFFFFFF,
            0xC1F0000012345678, 0x4415AF1D78B58C40, 0x3FE8000000000000, 0xFFFFFFFF3F800000]


def random_values(rng, f, n):
    out = []
    for _ in range(n):
        if f is H:
            e = rng.choice([rng.randint(10, 25), rng.randint(0, 30)])
            out.append(BOX_H | rng.getrandbits(1) << 15 | e << 10 | rng.getrandbits(10))
        elif f is S:
            e = rng.choice([rng.randint(110, 160), rng.randint(0, 254)])
            out.append(BOX | rng.getrandbits(1) << 31 | e << 23 | rng.getrandbits(23))
        else:
            e = rng.choice([rng.randint(1000, 1100), rng.randint(0, 2046)])
            out.append(rng.getrandbits(1) << 63 | e << 52 | rng.getrandbits(52))
    return out


def main():
    rng = random.Random(2026)
    rows = []

    def add(dest, word, a, b, result, flags):
        rows.append("{'%s', 0x%08x, 0x%016x, 0x%016x, 0x%016x, 0x%016x, 0x%02x}," % (
            dest, word, a, b, 0, result, flags))

    for f in (S, D, H):
        vals = special(f) + random_values(rng, f, 24)
        for i in range(32):  # fli: rs1 is the table index; a/b unused
            add('F', r_type(0x78 | f.field, 1, i, 0, RD), 0, 0, f.image(fli(f, i)), 0)
        pairs = [(a, b) for a in special(f) for b in special(f)[:14]]
        pairs += [(rng.choice(vals), rng.choice(vals)) for _ in range(60)]
        for want_max in (False, True):
            word = r_type(0x14 | f.field, RS2, RS1, 3 if want_max else 2, RD)
            for a, b in pairs:
                r, fl = minm_maxm(f, f.read(a), f.read(b), want_max)
                add('F', word, a, b, f.image(r), fl)
        for strict in (False, True):
            word = r_type(0x50 | f.field, RS2, RS1, 5 if strict else 4, RD)
            for a, b in pairs:
                r, fl = quiet_compare(f, f.read(a), f.read(b), strict)
                add('X', word, a, b, r, fl)
        for exact_flag in (False, True):
            for rm in range(5):
                word = r_type(0x20 | f.field, 5 if exact_flag else 4, RS1, rm, RD)
                for a in vals:
                    r, fl = fround(f, f.read(a), rm, exact_flag)
                    add('F', word, a, 0, f.image(r), fl)
    word = r_type(0x61, 8, RS1, 1, RD)  # fcvtmod.w.d, rtz
    for a in special(D) + random_values(rng, D, 40):
        r, fl = fcvtmod(a)
        add('X', word, a, 0, r, fl)

    # Encodings from LLVM's zfa-valid.s: fli.s ft1,-1.0; fminm.s fa0,fa1,fa2; fround.d fs1,fs2,rtz;
    # froundnx.s fs1,fs2,rne; fcvtmod.w.d a1,ft1,rtz; fltq.s a1,fs1,fs2; fleq.d a1,ft1,ft2.
    assert r_type(0x78, 1, 0, 0, 1) == 0xF01000D3
    assert r_type(0x14, 12, 11, 2, 10) == 0x28C5A553
    assert r_type(0x21, 4, 18, 1, 9) == 0x424914D3
    assert r_type(0x20, 5, 18, 0, 9) == 0x405904D3
    assert r_type(0x61, 8, 1, 1, 11) == 0xC28095D3
    assert r_type(0x50, 18, 9, 5, 11) == 0xA124D5D3
    assert r_type(0x51, 2, 1, 4, 11) == 0xA220C5D3
    # fli.h ft1, nan; fround.h fs1, fs2, rne; fltq.h a1, fs1, fs2
    assert r_type(0x7A, 1, 31, 0, 1) == 0xF41F80D3
    assert r_type(0x22, 4, 18, 0, 9) == 0x444904D3
    assert r_type(0x52, 18, 9, 5, 11) == 0xA524D5D3

    print("// Computed by gen_zfa_oracle.py (seed 2026) from the ratified Zfa chapter with exact")
    print("// rationals: qemu-riscv64 7.2 has no Zfa. {rd file, instruction word, a, b, c, result,")
    print("// fflags}")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
