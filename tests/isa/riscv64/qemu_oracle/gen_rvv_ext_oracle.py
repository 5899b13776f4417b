#!/usr/bin/env python3
"""Writes rvv_ext_cases.inc: V cases of the extensions qemu-riscv64 7.2 lacks (Zvbb with its
subset Zvkb, and Zvfhmin), computed here from the ratified spec text: the Zvbb chapter of the
vector crypto specification, "Zvfhmin" in the V chapter, and V 1.0's register-group rules
(alignment, overlap of different EEWs, v0 under a mask, SEW/LMUL limits, a reserved frm makes
every FP instruction illegal). This script shares no code with xisa; the encodings are checked
against LLVM's MC tests (llvm/test/MC/RISCV/rvv/zvbb.s and zvkb.s: vror.vi 33 is 0x5490b557,
vwsll.vi 29 is 0xd49eb557, vclz.v is 0x48962557...), FP results are rounded with exact rationals.

The line format and the state each case starts from are those of rvv_cases.inc (see
gen_rvv_oracle.py and ../rvv_oracle_replay.h): v0..v31 and the 4 KiB buffer from splitmix64 of
the seed, then `vsetvl x5, x13, x14` and the instruction; memory 3 thins the registers' 64-bit
chunks (shifted right and left, some zero: leading/trailing zero counts of every size) and
memory 4 puts FP values of every class into their 32-bit lanes (half specials, singles in the
half range). Policy: tail and inactive elements undisturbed (what xisa does; the spec allows it).

  gen_rvv_ext_oracle.py > rvv_ext_cases.inc
"""
import random
import sys
from fractions import Fraction

M64 = (1 << 64) - 1
VLEN = 128
ELEN = 64
NV, DZ, OF, UF, NX = 0x10, 0x08, 0x04, 0x02, 0x01


def splitmix(state):
    state = (state + 0x9E3779B97F4A7C15) & M64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return state, z ^ (z >> 31)


def fnv(h, data):
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & M64
    return h


HALF_SPECIAL = [0x0000, 0x8000, 0x7C00, 0xFC00, 0x7E00, 0x7D00, 0x0001, 0x03FF, 0x0400, 0x7BFF,
                0x3C00, 0xBC00, 0xFE01, 0x8001, 0x3555, 0x7C01]
SINGLE_SPECIAL = [0x00000000, 0x80000000, 0x7F800000, 0xFF800000, 0x7FC00000, 0x7FA00000,
                  0x00000001, 0x477FE000, 0x477FF000, 0x477FF001, 0x33800000, 0x33000000,
                  0x33000001, 0x387FC000, 0x38800000, 0xB8801000]


class State:
    def __init__(self, seed, memory):
        s = seed
        self.v = bytearray(512)
        self.buf = bytearray(4096)
        for i in range(0, 512, 8):
            s, x = splitmix(s)
            self.v[i:i + 8] = x.to_bytes(8, "little")
        for i in range(0, 4096, 8):
            s, x = splitmix(s)
            self.buf[i:i + 8] = x.to_bytes(8, "little")
        s, _x11 = splitmix(s)
        s, _f11 = splitmix(s)
        if memory == 3:
            for i in range(0, 512, 8):
                s, r = splitmix(s)
                x = int.from_bytes(self.v[i:i + 8], "little")
                x = ((x >> (r & 63)) << ((r >> 6) & 63)) & M64
                if (r >> 12) & 7 == 0:
                    x = 0
                self.v[i:i + 8] = x.to_bytes(8, "little")
        elif memory == 4:
            for i in range(0, 512, 4):
                s, r = splitmix(s)
                mode = r & 7
                if mode == 0:
                    continue
                if mode == 1:
                    x = (r >> 3 & 1) << 31 | (101 + ((r >> 4) & 63) % 44) << 23 | (r >> 10) & 0x7FFFFF
                elif mode == 2:
                    x = SINGLE_SPECIAL[(r >> 3) & 15]
                elif mode == 3:
                    x = HALF_SPECIAL[(r >> 3) & 15] | ((r >> 7) & 0xFFFF) << 16
                elif mode == 4:
                    x = (r >> 3) & 0x83FF | HALF_SPECIAL[(r >> 20) & 15] << 16
                else:
                    continue
                self.v[i:i + 4] = x.to_bytes(4, "little")
        self.vl = 0
        self.vtype = 0
        self.fflags = 0

    def get(self, reg, i, bits):
        o = reg * 16 + i * (bits // 8)
        return int.from_bytes(self.v[o:o + bits // 8], "little")

    def set(self, reg, i, bits, value):
        o = reg * 16 + i * (bits // 8)
        self.v[o:o + bits // 8] = (value & ((1 << bits) - 1)).to_bytes(bits // 8, "little")

    def mask(self, i):
        return (self.v[i // 8] >> (i % 8)) & 1

    def hash(self):
        return fnv(fnv(0xCBF29CE484222325, self.v), self.buf)


def vtype_fields(vtype):
    """(sew, lmul as a Fraction) of a legal vtype, or None (vill)."""
    if vtype >> 8:
        return None
    vsew, vlmul = (vtype >> 3) & 7, vtype & 7
    if vsew > 3 or vlmul == 4:
        return None
    sew = 8 << vsew
    lmul = Fraction(1, 1 << (8 - vlmul)) if vlmul > 4 else Fraction(1 << vlmul)
    if lmul < 1 and sew > ELEN * lmul:
        return None
    return sew, lmul


def vsetvl(st, vtype, avl):
    f = vtype_fields(vtype)
    if f is None:
        st.vtype, st.vl = 1 << 63, 0
        return
    sew, lmul = f
    st.vtype, st.vl = vtype, min(avl, int(lmul * VLEN / sew))


# --- register-group rules (V 1.0, "Vector Operands" and "Vector Masking") ---

def regs(emul):
    return max(1, int(emul))


def aligned(reg, emul):
    return emul <= 1 or reg % int(emul) == 0


def overlap(a, an, b, bn):
    return a < b + bn and b < a + an


def overlap_ok(dst, dst_emul, dst_eew, src, src_emul, src_eew):
    """Whether a destination group may overlap a source group (the three cases of the spec)."""
    dn, sn = regs(dst_emul), regs(src_emul)
    if not overlap(dst, dn, src, sn) or dst_eew == src_eew:
        return True
    if dst_eew < src_eew:
        return dst == src  # in the lowest-numbered part of the source
    return src_emul >= 1 and src + sn == dst + dn  # in the highest-numbered part of the dest


def mask_ok(vm, vd, dst_emul):
    return vm == 1 or not overlap(vd, regs(dst_emul), 0, 1)


# --- Zvbb element operations ---

def rotr(x, n, sew):
    n %= sew
    m = (1 << sew) - 1
    return ((x >> n) | (x << (sew - n))) & m if n else x


def brev8(x, sew):
    out = 0
    for byte in range(sew // 8):
        b = (x >> (8 * byte)) & 0xFF
        out |= int(f"{b:08b}"[::-1], 2) << (8 * byte)
    return out


def rev8(x, sew):
    return int.from_bytes(x.to_bytes(sew // 8, "little"), "big")


def brev(x, sew):
    return int(f"{x:0{sew}b}"[::-1], 2)


def clz(x, sew):
    return sew - x.bit_length()


def ctz(x, sew):
    return sew if x == 0 else (x & -x).bit_length() - 1


UNARY = {8: ("vbrev8", brev8), 9: ("vrev8", rev8), 10: ("vbrev", brev), 12: ("vclz", clz),
         13: ("vctz", ctz), 14: ("vcpop.v", lambda x, sew: bin(x).count("1"))}


def fields(word):
    return (word >> 26, (word >> 25) & 1, (word >> 20) & 31, (word >> 15) & 31, (word >> 12) & 7,
            (word >> 7) & 31)


def exec_zvbb(st, word, rs1):
    """Runs a Zvbb/Zvkb instruction; returns False when it is illegal (state untouched)."""
    funct6, vm, vs2, vs1, funct3, vd = fields(word)
    f = vtype_fields(st.vtype)
    if f is None:
        return False
    sew, lmul = f
    form = {0: "V", 4: "X", 3: "I", 2: "M"}[funct3]
    active = [i for i in range(st.vl) if vm or st.mask(i)]
    if form == "M":  # VXUNARY0: the unary bit operations
        if funct6 != 0o22 or vs1 not in UNARY:
            return False
        if not (aligned(vd, lmul) and aligned(vs2, lmul) and mask_ok(vm, vd, lmul)):
            return False
        op = UNARY[vs1][1]
        results = {i: op(st.get(vs2, i, sew), sew) for i in active}
        for i, r in results.items():
            st.set(vd, i, sew, r)
        return True
    if form == "I" and funct6 in (0o24, 0o25):
        amount, funct6 = vs1 | (funct6 & 1) << 5, 0o24  # vror.vi: a 6-bit immediate
    elif form == "I":
        amount = vs1
    else:
        amount = rs1
    valid = {0o01: "VX", 0o24: "VXI", 0o25: "VX", 0o65: "VXI"}
    if form not in valid.get(funct6, ""):
        return False

    def second(i):
        return st.get(vs1, i, sew) if form == "V" else amount

    if funct6 == 0o65:  # vwsll: 2*SEW destination
        wide = 2 * sew
        if wide > ELEN or 2 * lmul > 8:
            return False
        if not (aligned(vd, 2 * lmul) and aligned(vs2, lmul) and (form != "V" or aligned(vs1, lmul))):
            return False
        if not mask_ok(vm, vd, 2 * lmul) or not overlap_ok(vd, 2 * lmul, wide, vs2, lmul, sew):
            return False
        if form == "V" and not overlap_ok(vd, 2 * lmul, wide, vs1, lmul, sew):
            return False
        results = {i: st.get(vs2, i, sew) << (second(i) % wide) for i in active}
        for i, r in results.items():
            st.set(vd, i, wide, r)
        return True
    if not (aligned(vd, lmul) and aligned(vs2, lmul) and (form != "V" or aligned(vs1, lmul))):
        return False
    if not mask_ok(vm, vd, lmul):
        return False
    m = (1 << sew) - 1
    ops = {0o01: lambda a, b: a & ~b & m, 0o24: lambda a, b: rotr(a, b, sew),
           0o25: lambda a, b: rotr(a, sew - b % sew, sew)}
    results = {i: ops[funct6](st.get(vs2, i, sew), second(i) & m) for i in active}
    for i, r in results.items():
        st.set(vd, i, sew, r)
    return True


# --- Zvfhmin conversions (and the single <-> double ones at SEW 32, as a cross-check) ---

class Fmt:
    def __init__(self, width, man, exp):
        self.width, self.man, self.exp = width, man, exp
        self.bias = (1 << (exp - 1)) - 1
        self.qnan = ((1 << exp) - 1) << man | 1 << (man - 1)

    def classify(self, b):
        e = (b >> self.man) & ((1 << self.exp) - 1)
        m = b & ((1 << self.man) - 1)
        if e == (1 << self.exp) - 1:
            return "inf" if m == 0 else ("qnan" if m >> (self.man - 1) else "snan")
        return "zero" if e == 0 and m == 0 else "finite"

    def sign(self, b):
        return b >> (self.width - 1)

    def value(self, b):
        e = (b >> self.man) & ((1 << self.exp) - 1)
        m = b & ((1 << self.man) - 1)
        if e == 0:
            return Fraction(m, 1 << self.man) * Fraction(2) ** (1 - self.bias)
        return (1 + Fraction(m, 1 << self.man)) * Fraction(2) ** (e - self.bias)

    def inf(self, sign):
        return sign << (self.width - 1) | ((1 << self.exp) - 1) << self.man

    def max_finite(self, sign):
        return sign << (self.width - 1) | ((1 << self.exp) - 2) << self.man | ((1 << self.man) - 1)


H, S, D = Fmt(16, 10, 5), Fmt(32, 23, 8), Fmt(64, 52, 11)


def round_quantum(v, quantum, sign, rm):
    """v / quantum rounded to an integer under rm (0 RNE, 1 RTZ, 2 RDN, 3 RUP, 4 RMM)."""
    q = v / quantum
    n = q.numerator // q.denominator
    r = q - n
    if r == 0:
        return n, False
    up = {0: r > Fraction(1, 2) or (r == Fraction(1, 2) and n % 2 == 1), 1: False, 2: sign == 1,
          3: sign == 0, 4: r >= Fraction(1, 2)}[rm]
    return n + up, True


def exponent(v):
    e = v.numerator.bit_length() - v.denominator.bit_length()
    if Fraction(2) ** e > v:
        e -= 1
    return e


def round_to(fmt, v, sign, rm):
    """The bits and fflags of the nonzero positive Fraction v with the sign, rounded to fmt;
    tininess is detected after rounding (as RISC-V does)."""
    emin, emax = 1 - fmt.bias, fmt.bias
    e = exponent(v)
    # Tiny: rounded as if the exponent range were unbounded, still below 2^emin.
    n_unbounded, _ = round_quantum(v, Fraction(2) ** (e - fmt.man), sign, rm)
    tiny = n_unbounded * Fraction(2) ** (e - fmt.man) < Fraction(2) ** emin
    quantum = Fraction(2) ** (max(e, emin) - fmt.man)
    n, inexact = round_quantum(v, quantum, sign, rm)
    result = n * quantum
    flags = NX if inexact else 0
    if tiny and inexact:
        flags |= UF
    if result >= Fraction(2) ** (emax + 1):
        to_inf = rm in (0, 4) or (rm == 2 and sign) or (rm == 3 and not sign)
        return (fmt.inf(sign) if to_inf else fmt.max_finite(sign)), OF | NX
    if result < Fraction(2) ** emin:  # subnormal (or zero): the multiple of the smallest quantum
        return sign << (fmt.width - 1) | n, flags
    e = exponent(result)
    mant = result / Fraction(2) ** (e - fmt.man) - (1 << fmt.man)
    return sign << (fmt.width - 1) | (e + fmt.bias) << fmt.man | int(mant), flags


def convert(src, dst, b, rm):
    kind, sign = src.classify(b), src.sign(b)
    if kind in ("qnan", "snan"):
        return dst.qnan, NV if kind == "snan" else 0
    if kind == "inf":
        return dst.inf(sign), 0
    if kind == "zero":
        return sign << (dst.width - 1), 0
    return round_to(dst, src.value(b), sign, rm)


def exec_zvfhmin(st, word, frm):
    """vfwcvt.f.f.v / vfncvt.f.f.w at SEW 16 (and 32), and FP forms that stay illegal."""
    funct6, vm, vs2, vs1, funct3, vd = fields(word)
    f = vtype_fields(st.vtype)
    if f is None or frm > 4:
        return False
    sew, lmul = f
    if funct3 != 1 or funct6 != 0o22 or vs1 not in (12, 20):
        return False  # every other FP instruction in these cases is at SEW 8 or 16: no Zvfh
    widening = vs1 == 12
    fmts = {16: H, 32: S, 64: D}
    if sew not in (16, 32) or 2 * lmul > 8:
        return False
    src_eew, dst_eew = (sew, 2 * sew) if widening else (2 * sew, sew)
    src_emul, dst_emul = (lmul, 2 * lmul) if widening else (2 * lmul, lmul)
    if not (aligned(vd, dst_emul) and aligned(vs2, src_emul) and mask_ok(vm, vd, dst_emul)):
        return False
    if not overlap_ok(vd, dst_emul, dst_eew, vs2, src_emul, src_eew):
        return False
    results = {}
    for i in range(st.vl):
        if vm or st.mask(i):
            r, flags = convert(fmts[src_eew], fmts[dst_eew], st.get(vs2, i, src_eew), frm)
            results[i] = r
            st.fflags |= flags
    for i, r in results.items():
        st.set(vd, i, dst_eew, r)
    return True


# --- the cases ---

def op_v(funct6, vm, vs2, vs1, funct3, vd):
    return funct6 << 26 | vm << 25 | vs2 << 20 | vs1 << 15 | funct3 << 12 | vd << 7 | 0x57


def vtype_bits(sew, lmul_code, ta, ma):
    return lmul_code | {8: 0, 16: 1, 32: 2, 64: 3}[sew] << 3 | ta << 6 | ma << 7


LMUL_CODES = (5, 6, 7, 0, 1, 2, 3)  # 1/8 .. 8
MAIN = (8, 16, 24)
# Register choices that exercise the group rules: misaligned, v0 under a mask, overlaps.
OTHER = [(9, 17, 25), (0, 16, 24), (16, 16, 24), (16, 17, 24), (17, 16, 24), (16, 18, 24),
         (8, 8, 8), (24, 16, 25), (4, 6, 24)]


def zvbb_words():
    words = []
    for vd, vs2, vs1 in [MAIN] + OTHER:
        main = (vd, vs2, vs1) == MAIN
        for vm in (0, 1):
            for f6 in (0o01, 0o24, 0o25, 0o65):  # vandn, vror, vrol, vwsll
                words.append(op_v(f6, vm, vs2, vs1, 0, vd))
                words.append(op_v(f6, vm, vs2, 11, 4, vd))
            for imm in ((0, 1, 7, 13, 31) if main else (5,)):
                words.append(op_v(0o24, vm, vs2, imm, 3, vd))  # vror.vi, amounts 0..31
                words.append(op_v(0o25, vm, vs2, imm, 3, vd))  # vror.vi, amounts 32..63
                words.append(op_v(0o65, vm, vs2, imm, 3, vd))  # vwsll.vi
            for code in UNARY:
                words.append(op_v(0o22, vm, vs2, code, 2, vd))
            if main:  # reserved neighbours: vandn.vi, VXUNARY0 codes 11 and 15
                words.append(op_v(0o01, vm, vs2, 3, 3, vd))
                words.append(op_v(0o22, vm, vs2, 11, 2, vd))
                words.append(op_v(0o22, vm, vs2, 15, 2, vd))
    return words


def zvfhmin_words():
    """(word, SEWs to try): the conversions at every SEW, the rest where it must be illegal."""
    words = []
    for vd, vs2 in [(8, 16), (8, 4), (16, 16), (16, 17), (17, 16), (0, 16), (9, 16)]:
        for vm in (0, 1):
            words.append(op_v(0o22, vm, vs2, 12, 1, vd))  # vfwcvt.f.f.v
            words.append(op_v(0o22, vm, vs2, 20, 1, vd))  # vfncvt.f.f.w
    words = [(w, (16, 16, 16, 32, 8, 64)) for w in words]
    illegal = []
    for vm in (0, 1):  # illegal at SEW 16 without Zvfh (and at SEW 8)
        illegal.append(op_v(0o22, vm, 16, 21, 1, 8))  # vfncvt.rod.f.f.w
        illegal.append(op_v(0o22, vm, 16, 8, 1, 8))   # vfwcvt.xu.f.v (half source)
        illegal.append(op_v(0o22, vm, 16, 18, 1, 8))  # vfncvt.f.xu.w (half result)
        illegal.append(op_v(0o22, vm, 16, 2, 1, 8))   # vfcvt.f.xu.v
        illegal.append(op_v(0o23, vm, 16, 0, 1, 8))   # vfsqrt.v
        illegal.append(op_v(0o00, vm, 16, 24, 1, 8))  # vfadd.vv
        illegal.append(op_v(0o60, vm, 16, 24, 1, 8))  # vfwadd.vv
        illegal.append(op_v(0o30, vm, 16, 24, 1, 8))  # vmfeq.vv
    illegal.append(op_v(0o20, 1, 16, 0, 1, 10))       # vfmv.f.s
    illegal.append(op_v(0o27, 1, 0, 11, 5, 8))        # vfmv.v.f
    return words + [(w, (8, 16, 16)) for w in illegal]


def pick_vtype(rng, sews):
    while True:
        sew, code = rng.choice(sews), rng.choice(LMUL_CODES)
        vtype = vtype_bits(sew, code, rng.randrange(2), rng.randrange(2))
        if vtype_fields(vtype) is not None or rng.randrange(8) == 0:
            break
    f = vtype_fields(vtype)
    vlmax = int(f[1] * VLEN / f[0]) if f else 1
    avl = rng.choice([vlmax, vlmax, max(vlmax - 1, 0), rng.randrange(vlmax + 1), 1000, 0, 1])
    return vtype, avl


def run_case(word, vtype, avl, rs1, vxrm, frm, seed, memory, execute):
    st = State(seed, memory)
    vsetvl(st, vtype, avl)
    illegal = 0 if execute(st, word, rs1 if memory == 3 else frm) else 1
    if illegal:  # nothing changed
        st = State(seed, memory)
        vsetvl(st, vtype, avl)
    status = st.fflags << 24
    return (word, vtype, avl, rs1, 0, vxrm, frm, seed, memory, st.hash(), st.vl, st.vtype, status,
            0, illegal)


def main():
    rng = random.Random(2026)
    cases = []
    for word in zvbb_words():
        for _ in range(6):
            vtype, avl = pick_vtype(rng, (8, 16, 32, 64))
            rs1 = rng.choice([0, 1, 7, 8, 15, 31, 32, 33, 63, 64, 0xFF, (1 << 64) - 1,
                              rng.getrandbits(64), rng.getrandbits(6)])
            cases.append(run_case(word, vtype, avl, rs1, rng.randrange(4), rng.randrange(5),
                                  rng.getrandbits(32), 3, exec_zvbb))
    for word, sews in zvfhmin_words():
        for _ in range(80 if 16 in sews and 32 in sews else 8):
            vtype, avl = pick_vtype(rng, sews)
            frm = rng.randrange(5) if rng.randrange(16) else rng.choice((5, 6, 7))
            cases.append(run_case(word, vtype, avl, 0, rng.randrange(4), frm,
                                  rng.getrandbits(32), 4, exec_zvfhmin))
    out = sys.stdout
    out.write("// Computed from the Zvbb/Zvkb and Zvfhmin spec text by gen_rvv_ext_oracle.py (seed "
              "2026): qemu 7.2 has\n// neither. Format of rvv_cases.inc: {word, vtype, avl, rs1, "
              "rs2, vxrm, frm, seed, memory, hash,\n// vl, vtype after, vstart | vxsat << 16 | "
              "fflags << 24, x10, illegal}\n")
    for c in cases:
        out.write("{0x%08x, 0x%x, %d, 0x%x, 0x%x, %d, %d, 0x%x, %d, 0x%016x, %d, 0x%x, 0x%x, 0x%x, %d},\n"
                  % c)


if __name__ == "__main__":
    main()
