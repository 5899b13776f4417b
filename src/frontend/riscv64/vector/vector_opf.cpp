// OPFVV and OPFVF (funct3 1 and 5), Zve64d and Zvfhmin: single-width, widening and narrowing FP
// arithmetic, FMA, sqrt, min/max, sign injection, compares, classify, conversions, merges, moves,
// slides and reductions, the estimates. Each element goes through the scalar F/D helpers
// (fp_helpers.h) under frm, so results, NaN rules and fflags are exactly those of the scalar
// instructions. kOpf is the funct6 table of the spec's instruction listing for these two formats.
#include <utility>

#include "frontend/riscv64/fp_helpers.h"
#include "frontend/riscv64/vector/fp_estimate.h"
#include "frontend/riscv64/vector/vector_unit.h"

namespace xisa::riscv64::vector {

namespace {

using fp::FpOp;

enum Form : uint8_t { V = 1, F = 2 };
enum class Kind : uint8_t {
  None,
  Binary,
  Reverse,
  SignInject,
  Compare,
  Fma,
  Unary1,
  Convert,
  Merge,
  Move,
  Slide1Up,
  Slide1Down,
  Reduce,
  Widen,
  WidenW,
  WidenFma,
  WidenReduce
};

struct OpfRow {
  Kind kind = Kind::None;
  uint8_t forms = 0;
  FpOp op = FpOp::Count;
  unsigned variant = 0;  // sign injection kind, FMA sign pattern, compare negation
};

// FMA sign patterns (negate product, negate addend) and which operand is the addend.
enum FmaShape : unsigned { kProductVd = 0, kProductVs2 = 4, kNegProduct = 1, kNegAddend = 2 };

constexpr auto kOpf = [] {
  std::array<OpfRow, 64> t{};
  t[000] = {Kind::Binary, V | F, FpOp::Add};
  t[001] = {Kind::Reduce, V, FpOp::Add};  // vfredusum: summed in element order, as vfredosum
  t[002] = {Kind::Binary, V | F, FpOp::Sub};
  t[003] = {Kind::Reduce, V, FpOp::Add};
  t[004] = {Kind::Binary, V | F, FpOp::Min};
  t[005] = {Kind::Reduce, V, FpOp::Min};
  t[006] = {Kind::Binary, V | F, FpOp::Max};
  t[007] = {Kind::Reduce, V, FpOp::Max};
  t[010] = {Kind::SignInject, V | F, FpOp::Count, 0};
  t[011] = {Kind::SignInject, V | F, FpOp::Count, 1};
  t[012] = {Kind::SignInject, V | F, FpOp::Count, 2};
  t[016] = {Kind::Slide1Up, F};
  t[017] = {Kind::Slide1Down, F};
  t[020] = {Kind::Move, V | F};
  t[022] = {Kind::Convert, V};
  t[023] = {Kind::Unary1, V};
  t[027] = {Kind::Merge, F};
  t[030] = {Kind::Compare, V | F, FpOp::Eq, 0};
  t[031] = {Kind::Compare, V | F, FpOp::Le, 0};
  t[033] = {Kind::Compare, V | F, FpOp::Lt, 0};
  t[034] = {Kind::Compare, V | F, FpOp::Eq, 1};  // vmfne
  t[035] = {Kind::Compare, F, FpOp::Lt, 2};      // vmfgt: f < vs2
  t[037] = {Kind::Compare, F, FpOp::Le, 2};      // vmfge: f <= vs2
  t[040] = {Kind::Binary, V | F, FpOp::Div};
  t[041] = {Kind::Reverse, F, FpOp::Div};
  t[044] = {Kind::Binary, V | F, FpOp::Mul};
  t[047] = {Kind::Reverse, F, FpOp::Sub};
  t[050] = {Kind::Fma, V | F, FpOp::Count, kProductVd};
  t[051] = {Kind::Fma, V | F, FpOp::Count, kProductVd | kNegProduct | kNegAddend};
  t[052] = {Kind::Fma, V | F, FpOp::Count, kProductVd | kNegAddend};
  t[053] = {Kind::Fma, V | F, FpOp::Count, kProductVd | kNegProduct};
  t[054] = {Kind::Fma, V | F, FpOp::Count, kProductVs2};
  t[055] = {Kind::Fma, V | F, FpOp::Count, kProductVs2 | kNegProduct | kNegAddend};
  t[056] = {Kind::Fma, V | F, FpOp::Count, kProductVs2 | kNegAddend};
  t[057] = {Kind::Fma, V | F, FpOp::Count, kProductVs2 | kNegProduct};
  t[060] = {Kind::Widen, V | F, FpOp::Add};
  t[061] = {Kind::WidenReduce, V, FpOp::Add};
  t[062] = {Kind::Widen, V | F, FpOp::Sub};
  t[063] = {Kind::WidenReduce, V, FpOp::Add};
  t[064] = {Kind::WidenW, V | F, FpOp::Add};
  t[066] = {Kind::WidenW, V | F, FpOp::Sub};
  t[070] = {Kind::Widen, V | F, FpOp::Mul};
  t[074] = {Kind::WidenFma, V | F, FpOp::Count, kProductVs2};
  t[075] = {Kind::WidenFma, V | F, FpOp::Count, kProductVs2 | kNegProduct | kNegAddend};
  t[076] = {Kind::WidenFma, V | F, FpOp::Count, kProductVs2 | kNegAddend};
  t[077] = {Kind::WidenFma, V | F, FpOp::Count, kProductVs2 | kNegProduct};
  return t;
}();

constexpr uint64_t kBox32 = 0xffffffff00000000ull;
constexpr uint64_t kBox16 = 0xffffffffffff0000ull;

// An element as the scalar helpers take it (singles NaN-boxed), and a result back to SEW bits.
uint64_t boxed(uint64_t e, unsigned sew) {
  return sew == 32 ? (e | kBox32) : e;
}
uint64_t sign_bit(unsigned sew) {
  return uint64_t{1} << (sew - 1);
}

// Calls the scalar helper of op for the format of `sew` (32: single, 64: double).
uint64_t call(void* s, unsigned sew, FpOp op, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
  const ir::HelperInfo& h = sew == 32 ? fp::helper<float>(op) : fp::helper<double>(op);
  return zext(h.fn(s, a, b, c), sew);
}
// a * b + c with the product and addend signs flipped as asked, under frm.
uint64_t fma(void* s, unsigned sew, uint64_t a, uint64_t b, uint64_t c, unsigned shape) {
  if (shape & kNegProduct) a ^= sign_bit(sew);
  if (shape & kNegAddend) c ^= sign_bit(sew);
  const ir::HelperInfo& h =
      sew == 32 ? fp::fma_helper<float>(fp::kDyn) : fp::fma_helper<double>(fp::kDyn);
  return zext(h.fn(s, boxed(a, sew), boxed(b, sew), boxed(c, sew)), sew);
}

// The scalar operand of a .vf form at SEW: a single that is not NaN-boxed reads as the
// canonical NaN.
uint64_t scalar_operand(const Riscv64State& s, unsigned rs1, unsigned sew) {
  const uint64_t f = s.f[rs1];
  if (sew == 64) return f;
  return (f >> 32) == 0xffffffffu ? zext(f, 32) : 0x7fc00000u;
}

uint64_t sign_inject(uint64_t a, uint64_t b, unsigned variant, unsigned sew) {
  const uint64_t sign = sign_bit(sew);
  const uint64_t s = variant == 0 ? b : variant == 1 ? ~b : a ^ b;
  return (a & ~sign) | (s & sign);
}

// Widens a single (as SEW-32 bits) to a double, exactly (fcvt.d.s rules: NaN -> canonical).
uint64_t widen_single(void* s, uint64_t e) {
  return fp::helper<double>(FpOp::FromOther).fn(s, e | kBox32, fp::kRne, 0);
}

// Integer <-> FP conversions of one element; returns false for an unsupported width.
struct ConvertResult {
  bool ok;
  uint64_t value;
};

// fcvt to an integer of `bits` (8..64) from format `fsew`; narrower than 32 bits saturates
// like the helpers do at 32 (NV alone when out of range).
uint64_t to_int(Riscv64State& s, unsigned fsew, uint64_t a, bool sign, unsigned bits, unsigned rm) {
  const bool wide = bits == 64;
  const FpOp op = wide ? (sign ? FpOp::ToL : FpOp::ToLu) : (sign ? FpOp::ToW : FpOp::ToWu);
  const uint32_t saved = s.fflags;
  s.fflags = 0;
  const ir::HelperInfo& h = fsew == 32 ? fp::helper<float>(op) : fp::helper<double>(op);
  uint64_t r = h.fn(&s, boxed(a, fsew), rm, 0);  // the integer, sign-extended to 64 bits
  uint32_t raised = s.fflags;
  if (bits < 32) {
    const int64_t v = static_cast<int64_t>(sext(r, 32));
    const int64_t hi = sign ? (int64_t{1} << (bits - 1)) - 1 : (int64_t{1} << bits) - 1;
    const int64_t lo = sign ? -hi - 1 : 0;
    const bool out =
        sign ? (v > hi || v < lo) : static_cast<uint64_t>(zext(r, 32)) > static_cast<uint64_t>(hi);
    if (out || (raised & fp::kNV)) {
      const bool negative =
          (a & sign_bit(fsew)) != 0 &&
          !((a & ~sign_bit(fsew)) > (fsew == 32 ? 0x7f800000ull : 0x7ff0000000000000ull));
      r = static_cast<uint64_t>(negative ? lo : hi);
      raised = fp::kNV;
    }
  }
  s.fflags = saved | raised;
  return zext(r, bits);
}
uint64_t from_int(Riscv64State& s, unsigned fsew, uint64_t x, bool sign, unsigned bits) {
  const uint64_t v = sign ? sext(x, bits) : x;
  const FpOp op = sign ? FpOp::FromL : FpOp::FromLu;  // narrower integers extend exactly
  return call(&s, fsew, op, v, fp::kDyn);
}

bool convert(VectorUnit& u, unsigned sew, int lmul) {
  Riscv64State& s = u.state();
  const uint32_t insn = u.insn();
  const unsigned code = f_rs1(insn), vd = f_vd(insn), vs2 = f_rs2(insn);
  const unsigned kind = code >> 3;  // 0 single-width, 1 widening, 2 narrowing
  const unsigned sub = code & 7;
  // Valid codes: single-width 0-3, 6, 7; widening also 4 (f.f); narrowing 0-7 (5: rod.f.f).
  constexpr uint8_t kValid[3] = {0xcf, 0xdf, 0xff};
  if (kind > 2 || !((kValid[kind] >> sub) & 1)) return false;
  const unsigned dst_bits = kind == 1 ? 2 * sew : sew, src_bits = kind == 2 ? 2 * sew : sew;
  const int dst_emul = kind == 1 ? lmul + 1 : lmul, src_emul = kind == 2 ? lmul + 1 : lmul;
  // Which side is FP, and whether each FP side is single or double. Halves only in Zvfhmin's
  // two conversions, vfwcvt.f.f.v and vfncvt.f.f.w at SEW 16 (no Zvfh: every other FP
  // instruction at SEW 16, rod included, is illegal).
  const bool to_integer = sub == 0 || sub == 1 || sub == 6 || sub == 7;
  const bool f_to_f = kind != 0 && (sub == 4 || sub == 5);
  const bool half_convert = f_to_f && sub == 4 && sew == 16;
  const unsigned fp_bits = to_integer || f_to_f ? src_bits : dst_bits;
  if (!half_convert && fp_bits != 32 && fp_bits != 64) return false;
  if (!half_convert && f_to_f && (dst_bits < 32 || src_bits < 32)) return false;
  if (dst_bits > 64 || src_bits > 64) return false;
  if (dst_emul > 3 || src_emul > 3 || !aligned(vd, dst_emul) || !aligned(vs2, src_emul) ||
      !mask_overlap_ok(u, vd) || (kind != 0 && !overlap_allowed(vd, dst_emul, vs2, src_emul)))
    return false;
  const bool sign = sub & 1;
  const unsigned rm = sub >= 6 ? fp::kRtz : fp::kDyn;
  u.for_each_active([&](uint64_t i) {
    const uint64_t a = u.get(vs2, i, src_bits);
    uint64_t r;
    if (half_convert) {  // the scalar fcvt.s.h and fcvt.h.s (Zfh): same NaNs, rounding, fflags
      r = kind == 1 ? fp::helper<float>(FpOp::FromHalf).fn(&s, a | kBox16, 0, 0)
                    : fp::kFcvtHS.fn(&s, a | kBox32, fp::kDyn, 0);
    } else if (f_to_f) {
      if (kind == 1) {
        r = widen_single(&s, a);
      } else if (sub == 4) {
        r = call(&s, 32, FpOp::FromOther, a, fp::kDyn);
      } else {  // vfncvt.rod.f.f.w: truncate, then make the lsb odd when inexact
        const uint32_t saved = s.fflags;
        s.fflags = 0;
        r = call(&s, 32, FpOp::FromOther, a, fp::kRtz);
        const bool finite = (r & 0x7f800000u) != 0x7f800000u;
        if ((s.fflags & fp::kNX) && finite) r |= 1;
        s.fflags |= saved;
      }
    } else if (to_integer) {
      r = to_int(s, src_bits, a, sign, dst_bits, rm);
    } else {
      r = from_int(s, dst_bits, a, sign, src_bits);
    }
    u.set(vd, i, dst_bits, r);
  });
  return true;
}

bool unary1(VectorUnit& u, unsigned sew, int lmul) {  // vfsqrt, vfrsqrt7, vfrec7, vfclass
  Riscv64State& s = u.state();
  const uint32_t insn = u.insn();
  const unsigned code = f_rs1(insn), vd = f_vd(insn), vs2 = f_rs2(insn);
  if ((code != 0 && code != 4 && code != 5 && code != 16) || !aligned(vd, lmul) ||
      !aligned(vs2, lmul) || !mask_overlap_ok(u, vd))
    return false;
  const unsigned rm = s.frm & 7;
  u.for_each_active([&](uint64_t i) {
    const uint64_t e = u.get(vs2, i, sew);
    uint64_t r;
    switch (code) {
      case 0:
        r = call(&s, sew, FpOp::Sqrt, boxed(e, sew), fp::kDyn);
        break;
      case 4:
        r = rsqrt_estimate(e, sew, s.fflags);
        break;
      case 5:
        r = reciprocal_estimate(e, sew, rm, s.fflags);
        break;
      default:
        r = call(&s, sew, FpOp::Class, boxed(e, sew));
        break;
    }
    u.set(vd, i, sew, r);
  });
  return true;
}

}  // namespace

bool exec_opf(VectorUnit& u) {
  const uint32_t insn = u.insn();
  const Form form = f_funct3(insn) == 1 ? V : F;
  const OpfRow r = kOpf[f_funct6(insn)];
  if (r.kind == Kind::None || !(r.forms & form) || u.vill()) return false;
  Riscv64State& s = u.state();
  if ((s.frm & 7) > fp::kRmm) return false;  // a reserved frm makes FP instructions illegal
  const Vtype t = u.vtype();
  const unsigned sew = t.sew;
  const int lmul = t.lmul_log2;
  const bool widening = r.kind == Kind::Widen || r.kind == Kind::WidenW ||
                        r.kind == Kind::WidenFma || r.kind == Kind::WidenReduce;
  if (widening ? sew != 32 : (sew != 32 && sew != 64 && r.kind != Kind::Convert)) return false;
  if (r.kind == Kind::Convert) return sew >= 8 && convert(u, sew, lmul);
  if (r.kind == Kind::Unary1) return unary1(u, sew, lmul);
  const unsigned vd = f_vd(insn), vs1 = f_rs1(insn), vs2 = f_rs2(insn);
  const uint64_t scalar = form == F ? scalar_operand(s, vs1, sew) : 0;
  auto op1 = [&](uint64_t i) { return form == V ? u.get(vs1, i, sew) : scalar; };
  const bool srcs_aligned = aligned(vs2, lmul) && (form != V || aligned(vs1, lmul));

  switch (r.kind) {
    case Kind::Binary:
    case Kind::Reverse:
      if (!srcs_aligned || !aligned(vd, lmul) || !mask_overlap_ok(u, vd)) return false;
      u.for_each_active([&](uint64_t i) {
        uint64_t a = boxed(u.get(vs2, i, sew), sew), b = boxed(op1(i), sew);
        if (r.kind == Kind::Reverse) std::swap(a, b);
        u.set(vd, i, sew, call(&s, sew, r.op, a, b, fp::kDyn));
      });
      return true;
    case Kind::SignInject:
      if (!srcs_aligned || !aligned(vd, lmul) || !mask_overlap_ok(u, vd)) return false;
      u.for_each_active([&](uint64_t i) {
        u.set(vd, i, sew, sign_inject(u.get(vs2, i, sew), op1(i), r.variant, sew));
      });
      return true;
    case Kind::Compare:
      if (!srcs_aligned || !mask_destination_ok(vd, vs2, vs1, form == V, lmul)) return false;
      u.for_each_active([&](uint64_t i) {
        uint64_t a = boxed(u.get(vs2, i, sew), sew), b = boxed(op1(i), sew);
        if (r.variant == 2) std::swap(a, b);
        const bool bit = call(&s, sew, r.op, a, b) != 0;
        u.set_mask_bit(vd, i, r.variant == 1 ? !bit : bit);
      });
      return true;
    case Kind::Fma:
      if (!srcs_aligned || !aligned(vd, lmul) || !mask_overlap_ok(u, vd)) return false;
      u.for_each_active([&](uint64_t i) {
        const uint64_t d = u.get(vd, i, sew), a = u.get(vs2, i, sew), b = op1(i);
        const bool vd_in_product = (r.variant & kProductVs2) == 0;
        u.set(vd, i, sew,
              vd_in_product ? fma(&s, sew, b, d, a, r.variant) : fma(&s, sew, b, a, d, r.variant));
      });
      return true;
    case Kind::Merge:  // vm = 0: vfmerge.vfm; vm = 1: vfmv.v.f (vs2 = 0)
      if (!aligned(vd, lmul) || (u.unmasked() ? vs2 != 0 : (vd == 0 || !aligned(vs2, lmul))))
        return false;
      for (uint64_t i = s.vstart; i < s.vl; ++i)
        u.set(vd, i, sew, u.unmasked() || u.mask_bit(0, i) ? scalar : u.get(vs2, i, sew));
      s.vstart = 0;
      return true;
    case Kind::Move:  // vfmv.f.s (.vv, vs1 = 0) and vfmv.s.f (.vf, vs2 = 0)
      if (!u.unmasked()) return false;
      if (form == V) {
        if (vs1 != 0) return false;
        const uint64_t e = u.get(vs2, 0, sew);
        s.f[vd] = sew == 32 ? e | kBox32 : e;
      } else {
        if (vs2 != 0) return false;
        if (s.vstart < s.vl) u.set(vd, 0, sew, scalar);
      }
      s.vstart = 0;
      return true;
    case Kind::Slide1Up:
    case Kind::Slide1Down:
      return slide1(u, r.kind == Kind::Slide1Up, scalar);
    case Kind::Reduce:
    case Kind::WidenReduce: {
      if (s.vstart != 0 || !aligned(vs2, lmul)) return false;
      if (s.vl == 0) return true;
      const bool wide = r.kind == Kind::WidenReduce;
      const unsigned acc_bits = wide ? 64 : sew;
      uint64_t acc = u.get(vs1, 0, acc_bits);
      u.for_each_active([&](uint64_t i) {
        const uint64_t e = wide ? widen_single(&s, u.get(vs2, i, sew)) : u.get(vs2, i, sew);
        acc = call(&s, acc_bits, r.op, boxed(acc, acc_bits), boxed(e, acc_bits), fp::kDyn);
      });
      u.set(vd, 0, acc_bits, acc);
      return true;
    }
    case Kind::Widen:
    case Kind::WidenW:
    case Kind::WidenFma: {
      const bool w_form = r.kind == Kind::WidenW;
      if (lmul == 3 || !srcs_aligned || !aligned(vd, lmul + 1) ||
          !aligned(vs2, w_form ? lmul + 1 : lmul) || !mask_overlap_ok(u, vd) ||
          (form == V && !overlap_allowed(vd, lmul + 1, vs1, lmul)) ||
          (!w_form && !overlap_allowed(vd, lmul + 1, vs2, lmul)))
        return false;
      u.for_each_active([&](uint64_t i) {
        const uint64_t b = widen_single(&s, op1(i));
        const uint64_t a = w_form ? u.get(vs2, i, 64) : widen_single(&s, u.get(vs2, i, sew));
        uint64_t v;
        if (r.kind == Kind::WidenFma)
          v = fma(&s, 64, b, a, u.get(vd, i, 64), r.variant);
        else
          v = call(&s, 64, r.op, a, b, fp::kDyn);
        u.set(vd, i, 64, v);
      });
      return true;
    }
    default:
      return false;
  }
}

}  // namespace xisa::riscv64::vector
