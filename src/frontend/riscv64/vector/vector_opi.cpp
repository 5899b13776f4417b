// OPIVV, OPIVX and OPIVI (funct3 0, 4, 3): single-width integer and fixed-point arithmetic,
// carries, compares into masks, narrowing shifts and clips, merges, gathers, slides, the
// whole-register moves and the widening integer reductions, and Zvbb's vandn, vror, vrol and
// vwsll. kOpi is the funct6 table of the spec's instruction listing for these three formats.
#include "frontend/riscv64/vector/vector_fixed_point.h"
#include "frontend/riscv64/vector/vector_unit.h"

namespace xisa::riscv64::vector {

namespace {

enum Form : uint8_t { V = 1, X = 2, I = 4 };
enum class Kind : uint8_t {
  None,
  Binary,
  Compare,
  Adc,
  Madc,
  Merge,
  Narrow,
  Gather,
  GatherEi16,
  SlideUp,
  SlideDown,
  MoveWhole,
  WideReduce,
  WideShift
};
enum Op : uint8_t {
  kAdd,
  kSub,
  kRsub,
  kMinu,
  kMin,
  kMaxu,
  kMax,
  kAnd,
  kOr,
  kXor,
  kSll,
  kSrl,
  kSra,
  kSaddu,
  kSadd,
  kSsubu,
  kSsub,
  kSmul,
  kSsrl,
  kSsra,
  kSeq,
  kSne,
  kSltu,
  kSlt,
  kSleu,
  kSle,
  kSgtu,
  kSgt,
  kNsrl,
  kNsra,
  kNclipu,
  kNclip,
  kWredsumu,
  kWredsum,
  kAndn,
  kRol,
  kRor,
  kNoOp
};

struct OpiRow {
  Kind kind = Kind::None;
  uint8_t forms = 0;
  Op op = kNoOp;
  bool uimm = false;  // the 5-bit immediate is unsigned (shifts, slides, gathers)
};

constexpr OpiRow row(Kind k, uint8_t forms, Op op = kNoOp, bool uimm = false) {
  return {k, forms, op, uimm};
}

constexpr auto kOpi = [] {
  std::array<OpiRow, 64> t{};
  t[000] = row(Kind::Binary, V | X | I, kAdd);
  t[001] = row(Kind::Binary, V | X, kAndn);  // Zvbb
  t[002] = row(Kind::Binary, V | X, kSub);
  t[003] = row(Kind::Binary, X | I, kRsub);
  t[004] = row(Kind::Binary, V | X, kMinu);
  t[005] = row(Kind::Binary, V | X, kMin);
  t[006] = row(Kind::Binary, V | X, kMaxu);
  t[007] = row(Kind::Binary, V | X, kMax);
  t[011] = row(Kind::Binary, V | X | I, kAnd);
  t[012] = row(Kind::Binary, V | X | I, kOr);
  t[013] = row(Kind::Binary, V | X | I, kXor);
  t[014] = row(Kind::Gather, V | X | I, kNoOp, true);
  t[016] = row(Kind::SlideUp, X | I, kNoOp, true);  // .vv is vrgatherei16 (below)
  t[017] = row(Kind::SlideDown, X | I, kNoOp, true);
  t[020] = row(Kind::Adc, V | X | I, kAdd);
  t[021] = row(Kind::Madc, V | X | I, kAdd);
  t[022] = row(Kind::Adc, V | X, kSub);
  t[023] = row(Kind::Madc, V | X, kSub);
  t[024] = row(Kind::Binary, V | X | I, kRor, true);  // Zvbb; .vi has a 6-bit immediate (below)
  t[025] = row(Kind::Binary, V | X, kRol);
  t[027] = row(Kind::Merge, V | X | I);
  t[030] = row(Kind::Compare, V | X | I, kSeq);
  t[031] = row(Kind::Compare, V | X | I, kSne);
  t[032] = row(Kind::Compare, V | X, kSltu);
  t[033] = row(Kind::Compare, V | X, kSlt);
  t[034] = row(Kind::Compare, V | X | I, kSleu);
  t[035] = row(Kind::Compare, V | X | I, kSle);
  t[036] = row(Kind::Compare, X | I, kSgtu);
  t[037] = row(Kind::Compare, X | I, kSgt);
  t[040] = row(Kind::Binary, V | X | I, kSaddu);
  t[041] = row(Kind::Binary, V | X | I, kSadd);
  t[042] = row(Kind::Binary, V | X, kSsubu);
  t[043] = row(Kind::Binary, V | X, kSsub);
  t[045] = row(Kind::Binary, V | X | I, kSll, true);
  t[047] = row(Kind::Binary, V | X, kSmul);  // .vi is vmv<nr>r.v (below)
  t[050] = row(Kind::Binary, V | X | I, kSrl, true);
  t[051] = row(Kind::Binary, V | X | I, kSra, true);
  t[052] = row(Kind::Binary, V | X | I, kSsrl, true);
  t[053] = row(Kind::Binary, V | X | I, kSsra, true);
  t[054] = row(Kind::Narrow, V | X | I, kNsrl, true);
  t[055] = row(Kind::Narrow, V | X | I, kNsra, true);
  t[056] = row(Kind::Narrow, V | X | I, kNclipu, true);
  t[057] = row(Kind::Narrow, V | X | I, kNclip, true);
  t[060] = row(Kind::WideReduce, V, kWredsumu);
  t[061] = row(Kind::WideReduce, V, kWredsum);
  t[065] = row(Kind::WideShift, V | X | I, kNoOp, true);  // Zvbb's vwsll
  return t;
}();

// One SEW-wide operation on zero-extended operands a = vs2[i], b = vs1[i] / scalar / imm.
uint64_t binary(Op op, uint64_t a, uint64_t b, unsigned sew, Riscv64State& s) {
  const int64_t sa = static_cast<int64_t>(sext(a, sew)), sb = static_cast<int64_t>(sext(b, sew));
  const unsigned shift = b & (sew - 1);
  switch (op) {
    case kAdd:
      return a + b;
    case kSub:
      return a - b;
    case kRsub:
      return b - a;
    case kMinu:
      return a < b ? a : b;
    case kMin:
      return sa < sb ? a : b;
    case kMaxu:
      return a > b ? a : b;
    case kMax:
      return sa > sb ? a : b;
    case kAnd:
      return a & b;
    case kOr:
      return a | b;
    case kXor:
      return a ^ b;
    case kAndn:
      return a & ~b;
    case kRor:
      return rotate_right(a, b, sew);
    case kRol:
      return rotate_right(a, sew - shift, sew);
    case kSll:
      return a << shift;
    case kSrl:
      return a >> shift;
    case kSra:
      return static_cast<uint64_t>(sa >> shift);
    case kSaddu:
      return clip_unsigned(static_cast<unsigned __int128>(a) + b, sew, s.vxsat);
    case kSadd:
      return clip_signed(static_cast<__int128>(sa) + sb, sew, s.vxsat);
    case kSsubu:
      if (a < b) {
        s.vxsat = 1;
        return 0;
      }
      return a - b;
    case kSsub:
      return clip_signed(static_cast<__int128>(sa) - sb, sew, s.vxsat);
    case kSmul: {
      // (a * b) >> (SEW - 1), rounded; only MIN * MIN overflows.
      const __int128 product = static_cast<__int128>(sa) * sb;
      return clip_signed(shift_round_signed(product, sew - 1, s.vxrm), sew, s.vxsat);
    }
    case kSsrl:
      return static_cast<uint64_t>(shift_round_unsigned(a, shift, s.vxrm));
    case kSsra:
      return static_cast<uint64_t>(shift_round_signed(sa, shift, s.vxrm));
    default:
      return 0;
  }
}

bool compare(Op op, uint64_t a, uint64_t b, unsigned sew) {
  const int64_t sa = static_cast<int64_t>(sext(a, sew)), sb = static_cast<int64_t>(sext(b, sew));
  switch (op) {
    case kSeq:
      return a == b;
    case kSne:
      return a != b;
    case kSltu:
      return a < b;
    case kSlt:
      return sa < sb;
    case kSleu:
      return a <= b;
    case kSle:
      return sa <= sb;
    case kSgtu:
      return a > b;
    default:
      return sa > sb;
  }
}

// Narrowing: a is the 2*SEW-wide vs2 element; the shift amount has log2(2*SEW) bits.
uint64_t narrow(Op op, uint64_t a, uint64_t b, unsigned sew, Riscv64State& s) {
  const unsigned wide = 2 * sew, shift = b & (wide - 1);
  const int64_t sa = static_cast<int64_t>(sext(a, wide));
  switch (op) {
    case kNsrl:
      return a >> shift;
    case kNsra:
      return static_cast<uint64_t>(sa >> shift);
    case kNclipu:
      return clip_unsigned(shift_round_unsigned(a, shift, s.vxrm), sew, s.vxsat);
    default:
      return clip_signed(shift_round_signed(sa, shift, s.vxrm), sew, s.vxsat);
  }
}

// vmv<nr>r.v: nr whole registers, vtype ignored.
bool move_whole(VectorUnit& u) {
  const uint32_t insn = u.insn();
  const unsigned nr = f_rs1(insn) + 1, vd = f_vd(insn), vs2 = f_rs2(insn);
  if (!u.unmasked() || (nr != 1 && nr != 2 && nr != 4 && nr != 8) || vd % nr || vs2 % nr)
    return false;
  Riscv64State& s = u.state();
  const unsigned sew = u.vill() ? 8 : u.vtype().sew;
  const uint64_t count = nr * vlen_bytes() * 8 / sew;
  if (vd != vs2)
    for (uint64_t i = s.vstart; i < count; ++i) u.set(vd, i, sew, u.get(vs2, i, sew));
  s.vstart = 0;
  return true;
}

}  // namespace

bool exec_opi(VectorUnit& u) {
  const uint32_t insn = u.insn();
  const unsigned funct3 = f_funct3(insn), funct6 = f_funct6(insn);
  const Form form = funct3 == 0 ? V : funct3 == 4 ? X : I;
  if (form == I && funct6 == 047) return move_whole(u);
  OpiRow r = kOpi[funct6];
  if (form == V && funct6 == 016) r = row(Kind::GatherEi16, V);
  // vror.vi: funct6 01010 followed by bit 5 of the rotate amount.
  const unsigned imm_bit5 = form == I && funct6 == 025 ? 32 : 0;
  if (imm_bit5) r = kOpi[024];
  if (r.kind == Kind::None || !(r.forms & form) || u.vill()) return false;
  Riscv64State& s = u.state();
  const Vtype t = u.vtype();
  const unsigned sew = t.sew;
  const int lmul = t.lmul_log2;
  const unsigned vd = f_vd(insn), vs1 = f_rs1(insn), vs2 = f_rs2(insn);
  const uint64_t scalar = form == X ? s.x[vs1]
                          : r.uimm  ? (vs1 | imm_bit5)
                                    : static_cast<uint64_t>(sext(vs1, 5));
  // The second operand of element i, zero-extended from SEW.
  auto op1 = [&](uint64_t i) { return form == V ? u.get(vs1, i, sew) : zext(scalar, sew); };
  const bool srcs_aligned = aligned(vs2, lmul) && (form != V || aligned(vs1, lmul));
  const uint64_t max = vlmax(sew, lmul);

  switch (r.kind) {
    case Kind::Binary:
      if (!srcs_aligned || !aligned(vd, lmul) || !mask_overlap_ok(u, vd)) return false;
      u.for_each_active(
          [&](uint64_t i) { u.set(vd, i, sew, binary(r.op, u.get(vs2, i, sew), op1(i), sew, s)); });
      return true;
    case Kind::Compare:
      if (!srcs_aligned || !mask_destination_ok(vd, vs2, vs1, form == V, lmul)) return false;
      u.for_each_active([&](uint64_t i) {
        u.set_mask_bit(vd, i, compare(r.op, u.get(vs2, i, sew), op1(i), sew));
      });
      return true;
    case Kind::Adc: {  // vadc/vsbc: vm = 0 (v0 is the carry-in), vd not v0
      if (u.unmasked() || vd == 0 || !srcs_aligned || !aligned(vd, lmul)) return false;
      for (uint64_t i = s.vstart; i < s.vl; ++i) {
        const uint64_t c = u.mask_bit(0, i), a = u.get(vs2, i, sew), b = op1(i);
        u.set(vd, i, sew, r.op == kAdd ? a + b + c : a - b - c);
      }
      s.vstart = 0;
      return true;
    }
    case Kind::Madc: {  // vmadc/vmsbc: carry-out mask; with vm = 0, v0 is the carry-in
      if (!srcs_aligned || !mask_destination_ok(vd, vs2, vs1, form == V, lmul)) return false;
      for (uint64_t i = s.vstart; i < s.vl; ++i) {
        const uint64_t c = u.unmasked() ? 0 : u.mask_bit(0, i), a = u.get(vs2, i, sew), b = op1(i);
        const unsigned __int128 wide = r.op == kAdd ? static_cast<unsigned __int128>(a) + b + c
                                                    : static_cast<unsigned __int128>(a) - b - c;
        u.set_mask_bit(vd, i, ((wide >> sew) & 1) != 0);
      }
      s.vstart = 0;
      return true;
    }
    case Kind::Merge: {  // vm = 0: vmerge (v0 selects op1); vm = 1: vmv.v.* (vs2 = 0)
      if (!aligned(vd, lmul) || (form == V && !aligned(vs1, lmul))) return false;
      if (u.unmasked() ? vs2 != 0 : (vd == 0 || !aligned(vs2, lmul))) return false;
      for (uint64_t i = s.vstart; i < s.vl; ++i)
        u.set(vd, i, sew, u.unmasked() || u.mask_bit(0, i) ? op1(i) : u.get(vs2, i, sew));
      s.vstart = 0;
      return true;
    }
    case Kind::Narrow:
      if (sew == 64 || lmul == 3 || !aligned(vd, lmul) || !aligned(vs2, lmul + 1) ||
          (form == V && !aligned(vs1, lmul)) || !mask_overlap_ok(u, vd) ||
          !overlap_allowed(vd, lmul, vs2, lmul + 1))
        return false;
      u.for_each_active([&](uint64_t i) {
        u.set(vd, i, sew, narrow(r.op, u.get(vs2, i, 2 * sew), op1(i), sew, s));
      });
      return true;
    case Kind::Gather:
    case Kind::GatherEi16: {
      const bool ei16 = r.kind == Kind::GatherEi16;
      const int index_emul = ei16 ? lmul + 4 - __builtin_ctz(sew) : lmul;
      if (index_emul < -3 || index_emul > 3 || !aligned(vd, lmul) || !aligned(vs2, lmul) ||
          (form == V && !aligned(vs1, index_emul)) || !mask_overlap_ok(u, vd) ||
          overlaps(vd, group_size(lmul), vs2, group_size(lmul)) ||
          (form == V && overlaps(vd, group_size(lmul), vs1, group_size(index_emul))))
        return false;
      const unsigned index_bits = ei16 ? 16 : sew;
      const uint64_t scalar_index = form == X ? s.x[vs1] : vs1;
      u.for_each_active([&](uint64_t i) {
        const uint64_t index = form == V ? u.get(vs1, i, index_bits) : scalar_index;
        u.set(vd, i, sew, index < max ? u.get(vs2, index, sew) : 0);
      });
      return true;
    }
    case Kind::SlideUp:
    case Kind::SlideDown: {
      if (!aligned(vd, lmul) || !aligned(vs2, lmul) || !mask_overlap_ok(u, vd)) return false;
      const uint64_t offset = form == X ? s.x[vs1] : vs1;
      if (r.kind == Kind::SlideUp) {
        if (overlaps(vd, group_size(lmul), vs2, group_size(lmul))) return false;
        if (offset > s.vstart) s.vstart = offset < s.vl ? offset : s.vl;
        u.for_each_active([&](uint64_t i) { u.set(vd, i, sew, u.get(vs2, i - offset, sew)); });
      } else {
        u.for_each_active([&](uint64_t i) {
          const bool inside = offset < max && i + offset < max;
          u.set(vd, i, sew, inside ? u.get(vs2, i + offset, sew) : 0);
        });
      }
      return true;
    }
    case Kind::WideReduce: {  // vd[0] = vs1[0] + sum of extended active vs2[i], at 2*SEW
      if (sew == 64 || s.vstart != 0 || !aligned(vs2, lmul)) return false;
      if (s.vl == 0) return true;
      const unsigned wide = 2 * sew;
      uint64_t sum = u.get(vs1, 0, wide);
      u.for_each_active([&](uint64_t i) {
        const uint64_t e = u.get(vs2, i, sew);
        sum += r.op == kWredsum ? sext(e, sew) : e;
      });
      u.set(vd, 0, wide, sum);
      return true;
    }
    case Kind::WideShift:
      return exec_widening_shift(u, scalar);
    default:
      return false;
  }
}

}  // namespace xisa::riscv64::vector
