// OPMVV and OPMVX (funct3 2 and 6): reductions, averaging add/subtract, slide1up/down, the
// scalar moves, vcpop/vfirst, integer extension (and Zvbb's unary bit operations beside it),
// mask-set instructions, viota/vid, vcompress, mask logic, multiply/divide, multiply-add and
// the widening integer operations. kOpm is the funct6 table of the spec's instruction listing
// for these two formats.
#include "frontend/riscv64/vector/vector_fixed_point.h"
#include "frontend/riscv64/vector/vector_unit.h"

namespace xisa::riscv64::vector {

namespace {

enum Form : uint8_t { V = 1, X = 2 };
enum class Kind : uint8_t {
  None,
  Reduce,
  Binary,
  Slide1Up,
  Slide1Down,
  WxUnary,
  RxUnary,
  XUnary0,
  MUnary,
  Compress,
  MaskLogic,
  MulAdd,
  Widen,
  WidenW,
  WidenMulAdd
};
enum Op : uint8_t {
  kSum,
  kRAnd,
  kROr,
  kRXor,
  kRMinu,
  kRMin,
  kRMaxu,
  kRMax,
  kAaddu,
  kAadd,
  kAsubu,
  kAsub,
  kDivu,
  kDiv,
  kRemu,
  kRem,
  kMulhu,
  kMul,
  kMulhsu,
  kMulh,
  kMadd,
  kNmsub,
  kMacc,
  kNmsac,
  kAndn,
  kAnd,
  kOr,
  kXor,
  kOrn,
  kNand,
  kNor,
  kXnor,
  kAddu,
  kAdd,
  kSubu,
  kSub,
  kMulu,
  kMulsu,
  kWMul,
  kMaccu,
  kWMacc,
  kMaccus,
  kMaccsu,
  kNoOp
};

struct OpmRow {
  Kind kind = Kind::None;
  uint8_t forms = 0;
  Op op = kNoOp;
};

constexpr auto kOpm = [] {
  std::array<OpmRow, 64> t{};
  const Op reductions[] = {kSum, kRAnd, kROr, kRXor, kRMinu, kRMin, kRMaxu, kRMax};
  for (unsigned f = 0; f < 8; ++f) t[f] = {Kind::Reduce, V, reductions[f]};
  t[010] = {Kind::Binary, V | X, kAaddu};
  t[011] = {Kind::Binary, V | X, kAadd};
  t[012] = {Kind::Binary, V | X, kAsubu};
  t[013] = {Kind::Binary, V | X, kAsub};
  t[016] = {Kind::Slide1Up, X};
  t[017] = {Kind::Slide1Down, X};
  t[020] = {Kind::WxUnary, V};  // .vx form: RxUnary (vmv.s.x), chosen below
  t[022] = {Kind::XUnary0, V};
  t[024] = {Kind::MUnary, V};
  t[027] = {Kind::Compress, V};
  const Op logic[] = {kAndn, kAnd, kOr, kXor, kOrn, kNand, kNor, kXnor};
  for (unsigned f = 0; f < 8; ++f) t[030 + f] = {Kind::MaskLogic, V, logic[f]};
  const Op muldiv[] = {kDivu, kDiv, kRemu, kRem, kMulhu, kMul, kMulhsu, kMulh};
  for (unsigned f = 0; f < 8; ++f) t[040 + f] = {Kind::Binary, V | X, muldiv[f]};
  t[051] = {Kind::MulAdd, V | X, kMadd};
  t[053] = {Kind::MulAdd, V | X, kNmsub};
  t[055] = {Kind::MulAdd, V | X, kMacc};
  t[057] = {Kind::MulAdd, V | X, kNmsac};
  t[060] = {Kind::Widen, V | X, kAddu};
  t[061] = {Kind::Widen, V | X, kAdd};
  t[062] = {Kind::Widen, V | X, kSubu};
  t[063] = {Kind::Widen, V | X, kSub};
  t[064] = {Kind::WidenW, V | X, kAddu};
  t[065] = {Kind::WidenW, V | X, kAdd};
  t[066] = {Kind::WidenW, V | X, kSubu};
  t[067] = {Kind::WidenW, V | X, kSub};
  t[070] = {Kind::Widen, V | X, kMulu};
  t[072] = {Kind::Widen, V | X, kMulsu};
  t[073] = {Kind::Widen, V | X, kWMul};
  t[074] = {Kind::WidenMulAdd, V | X, kMaccu};
  t[075] = {Kind::WidenMulAdd, V | X, kWMacc};
  t[076] = {Kind::WidenMulAdd, X, kMaccus};
  t[077] = {Kind::WidenMulAdd, V | X, kMaccsu};
  return t;
}();

using I128 = __int128;
using U128 = unsigned __int128;

// a = vs2[i], b = vs1[i] or the scalar, both zero-extended from SEW.
uint64_t binary(Op op, uint64_t a, uint64_t b, unsigned sew, Riscv64State& s) {
  const int64_t sa = static_cast<int64_t>(sext(a, sew)), sb = static_cast<int64_t>(sext(b, sew));
  const int64_t smin = static_cast<int64_t>(sext(uint64_t{1} << (sew - 1), sew));
  switch (op) {
    case kAaddu:
      return static_cast<uint64_t>(shift_round_unsigned(U128{a} + b, 1, s.vxrm));
    case kAadd:
      return static_cast<uint64_t>(shift_round_signed(I128{sa} + sb, 1, s.vxrm));
    case kAsubu:
      return static_cast<uint64_t>(shift_round_signed(I128{a} - I128{b}, 1, s.vxrm));
    case kAsub:
      return static_cast<uint64_t>(shift_round_signed(I128{sa} - sb, 1, s.vxrm));
    case kDivu:
      return b == 0 ? ~uint64_t{0} : a / b;
    case kDiv:
      if (sb == 0) return ~uint64_t{0};
      if (sa == smin && sb == -1) return a;
      return static_cast<uint64_t>(sa / sb);
    case kRemu:
      return b == 0 ? a : a % b;
    case kRem:
      if (sb == 0) return a;
      if (sa == smin && sb == -1) return 0;
      return static_cast<uint64_t>(sa % sb);
    case kMulhu:
      return static_cast<uint64_t>((U128{a} * b) >> sew);
    case kMul:
      return a * b;
    case kMulhsu:
      return static_cast<uint64_t>((I128{sa} * I128{b}) >> sew);
    case kMulh:
      return static_cast<uint64_t>((I128{sa} * sb) >> sew);
    default:
      return 0;
  }
}

bool mask_logic(Op op, bool a, bool b) {  // a = vs2, b = vs1
  switch (op) {
    case kAndn:
      return a && !b;
    case kAnd:
      return a && b;
    case kOr:
      return a || b;
    case kXor:
      return a != b;
    case kOrn:
      return a || !b;
    case kNand:
      return !(a && b);
    case kNor:
      return !(a || b);
    default:
      return a == b;
  }
}

uint64_t reduce(Op op, uint64_t acc, uint64_t e, unsigned sew) {
  const int64_t sa = static_cast<int64_t>(sext(acc, sew)), se = static_cast<int64_t>(sext(e, sew));
  switch (op) {
    case kSum:
      return acc + e;
    case kRAnd:
      return acc & e;
    case kROr:
      return acc | e;
    case kRXor:
      return acc ^ e;
    case kRMinu:
      return acc < e ? acc : e;
    case kRMin:
      return sa < se ? acc : e;
    case kRMaxu:
      return acc > e ? acc : e;
    default:
      return sa > se ? acc : e;
  }
}

// Widening products and sums of SEW operands (a = vs2, b = vs1/scalar), at 2*SEW.
uint64_t widen(Op op, uint64_t a, uint64_t b, unsigned sew) {
  const int64_t sa = static_cast<int64_t>(sext(a, sew)), sb = static_cast<int64_t>(sext(b, sew));
  switch (op) {
    case kAddu:
      return a + b;
    case kAdd:
      return static_cast<uint64_t>(sa + sb);
    case kSubu:
      return a - b;
    case kSub:
      return static_cast<uint64_t>(sa - sb);
    case kMulu:
    case kMaccu:
      return a * b;
    case kWMul:
    case kWMacc:
      return static_cast<uint64_t>(sa * sb);
    case kMulsu:
      return static_cast<uint64_t>(sa * static_cast<int64_t>(b));
    case kMaccsu:
      return static_cast<uint64_t>(static_cast<int64_t>(sb) *
                                   static_cast<int64_t>(a));  // vs1 signed, vs2 unsigned
    case kMaccus:
      return static_cast<uint64_t>(static_cast<int64_t>(b) * sa);  // rs1 unsigned, vs2 signed
    default:
      return 0;
  }
}

bool vwxunary(VectorUnit& u) {  // vmv.x.s, vcpop.m, vfirst.m
  const uint32_t insn = u.insn();
  Riscv64State& s = u.state();
  const unsigned rd = f_vd(insn), vs1 = f_rs1(insn), vs2 = f_rs2(insn);
  const unsigned sew = u.vtype().sew;
  uint64_t result;
  if (vs1 == 0) {
    if (!u.unmasked()) return false;
    result = sext(u.get(vs2, 0, sew), sew);
  } else if (vs1 == 16 || vs1 == 17) {
    if (s.vstart != 0) return false;
    uint64_t count = 0, first = ~uint64_t{0};
    for (uint64_t i = 0; i < s.vl; ++i)
      if (u.active(i) && u.mask_bit(vs2, i)) {
        ++count;
        if (first == ~uint64_t{0}) first = i;
      }
    result = vs1 == 16 ? count : first;
  } else {
    return false;
  }
  s.vstart = 0;
  if (rd != 0) s.x[rd] = result;
  return true;
}

bool munary(VectorUnit& u) {  // vmsbf, vmsof, vmsif, viota, vid
  const uint32_t insn = u.insn();
  Riscv64State& s = u.state();
  const unsigned vd = f_vd(insn), vs1 = f_rs1(insn), vs2 = f_rs2(insn);
  const Vtype t = u.vtype();
  if (vs1 == 1 || vs1 == 2 || vs1 == 3) {
    if (s.vstart != 0 || vd == vs2 || !mask_overlap_ok(u, vd)) return false;
    bool before = true;
    for (uint64_t i = 0; i < s.vl; ++i) {
      if (!u.active(i)) continue;
      const bool set = u.mask_bit(vs2, i);
      const bool bit = vs1 == 1 ? before && !set : vs1 == 3 ? before : before && set;
      u.set_mask_bit(vd, i, bit);
      if (set) before = false;
    }
    return true;
  }
  if (vs1 == 16) {  // viota: prefix count of the source mask over active elements
    if (s.vstart != 0 || !aligned(vd, t.lmul_log2) || !mask_overlap_ok(u, vd) ||
        overlaps(vd, group_size(t.lmul_log2), vs2, 1))
      return false;
    uint64_t count = 0;
    for (uint64_t i = 0; i < s.vl; ++i) {
      if (!u.active(i)) continue;
      u.set(vd, i, t.sew, count);
      count += u.mask_bit(vs2, i);
    }
    return true;
  }
  if (vs1 == 17 && vs2 == 0) {  // vid
    if (!aligned(vd, t.lmul_log2) || !mask_overlap_ok(u, vd)) return false;
    u.for_each_active([&](uint64_t i) { u.set(vd, i, t.sew, i); });
    return true;
  }
  return false;
}

bool extend(VectorUnit& u) {  // vzext/vsext .vf2/.vf4/.vf8
  const uint32_t insn = u.insn();
  const unsigned code = f_rs1(insn), vd = f_vd(insn), vs2 = f_rs2(insn);
  if (code < 2 || code > 7) return false;
  const unsigned factor_log2 = 4 - code / 2;  // 2,3: vf8; 4,5: vf4; 6,7: vf2
  const bool sign = code & 1;
  const Vtype t = u.vtype();
  const unsigned src_bits = t.sew >> factor_log2;
  const int src_emul = t.lmul_log2 - static_cast<int>(factor_log2);
  if (src_bits < 8 || src_emul < -3 || !aligned(vd, t.lmul_log2) || !aligned(vs2, src_emul) ||
      !mask_overlap_ok(u, vd) || !overlap_allowed(vd, t.lmul_log2, vs2, src_emul))
    return false;
  u.for_each_active([&](uint64_t i) {
    const uint64_t e = u.get(vs2, i, src_bits);
    u.set(vd, i, t.sew, sign ? sext(e, src_bits) : e);
  });
  return true;
}

}  // namespace

bool exec_opm(VectorUnit& u) {
  const uint32_t insn = u.insn();
  const Form form = f_funct3(insn) == 2 ? V : X;
  const unsigned funct6 = f_funct6(insn);
  OpmRow r = kOpm[funct6];
  if (funct6 == 020 && form == X) r = {Kind::RxUnary, X};
  if (r.kind == Kind::None || !(r.forms & form) || u.vill()) return false;
  Riscv64State& s = u.state();
  const Vtype t = u.vtype();
  const unsigned sew = t.sew;
  const int lmul = t.lmul_log2;
  const unsigned vd = f_vd(insn), vs1 = f_rs1(insn), vs2 = f_rs2(insn);
  const uint64_t scalar = s.x[vs1];
  auto op1 = [&](uint64_t i) { return form == V ? u.get(vs1, i, sew) : zext(scalar, sew); };
  const bool srcs_aligned = aligned(vs2, lmul) && (form != V || aligned(vs1, lmul));
  const uint64_t max = vlmax(sew, lmul);

  switch (r.kind) {
    case Kind::Reduce: {
      if (s.vstart != 0 || !aligned(vs2, lmul)) return false;
      if (s.vl == 0) return true;
      uint64_t acc = u.get(vs1, 0, sew);
      u.for_each_active([&](uint64_t i) { acc = reduce(r.op, acc, u.get(vs2, i, sew), sew); });
      u.set(vd, 0, sew, acc);
      return true;
    }
    case Kind::Binary:
      if (!srcs_aligned || !aligned(vd, lmul) || !mask_overlap_ok(u, vd)) return false;
      u.for_each_active(
          [&](uint64_t i) { u.set(vd, i, sew, binary(r.op, u.get(vs2, i, sew), op1(i), sew, s)); });
      return true;
    case Kind::Slide1Up:
    case Kind::Slide1Down:
      return slide1(u, r.kind == Kind::Slide1Up, zext(scalar, sew));
    case Kind::WxUnary:
      return vwxunary(u);
    case Kind::RxUnary:  // vmv.s.x: element 0 when vl > 0 and vstart is 0
      if (vs2 != 0 || !u.unmasked()) return false;
      if (s.vstart < s.vl) u.set(vd, 0, sew, zext(scalar, sew));
      s.vstart = 0;
      return true;
    case Kind::XUnary0:  // vs1 2..7: vzext/vsext; 8..14: Zvbb's unary bit operations
      return vs1 >= 8 ? exec_bit_unary(u) : extend(u);
    case Kind::MUnary:
      return munary(u);
    case Kind::Compress: {  // active vs2 elements packed into vd in order (vs1 is the mask)
      if (!u.unmasked() || s.vstart != 0 || !aligned(vd, lmul) || !aligned(vs2, lmul) ||
          overlaps(vd, group_size(lmul), vs2, group_size(lmul)) ||
          overlaps(vd, group_size(lmul), vs1, 1))
        return false;
      uint64_t out = 0;
      for (uint64_t i = 0; i < s.vl; ++i)
        if (u.mask_bit(vs1, i)) u.set(vd, out++, sew, u.get(vs2, i, sew));
      return true;
    }
    case Kind::MaskLogic:  // unmasked; every element of [vstart, vl)
      if (!u.unmasked()) return false;
      for (uint64_t i = s.vstart; i < s.vl; ++i)
        u.set_mask_bit(vd, i, mask_logic(r.op, u.mask_bit(vs2, i), u.mask_bit(vs1, i)));
      s.vstart = 0;
      return true;
    case Kind::MulAdd:
      if (!srcs_aligned || !aligned(vd, lmul) || !mask_overlap_ok(u, vd)) return false;
      u.for_each_active([&](uint64_t i) {
        const uint64_t d = u.get(vd, i, sew), a = u.get(vs2, i, sew), b = op1(i);
        uint64_t v = 0;
        switch (r.op) {
          case kMadd:
            v = b * d + a;
            break;
          case kNmsub:
            v = a - b * d;
            break;
          case kMacc:
            v = b * a + d;
            break;
          default:
            v = d - b * a;
            break;
        }
        u.set(vd, i, sew, v);
      });
      return true;
    case Kind::Widen:
    case Kind::WidenW:
    case Kind::WidenMulAdd: {
      const bool w_form = r.kind == Kind::WidenW;
      if (!widening_ok(u, vd, vs2, vs1, form == V, w_form)) return false;
      const unsigned wide = 2 * sew;
      u.for_each_active([&](uint64_t i) {
        const uint64_t b = op1(i);
        uint64_t v;
        if (w_form) {  // vs2 is already 2*SEW: a + ext(b) / a - ext(b)
          const uint64_t a = u.get(vs2, i, wide);
          const uint64_t eb = (r.op == kAdd || r.op == kSub) ? sext(b, sew) : b;
          v = (r.op == kAddu || r.op == kAdd) ? a + eb : a - eb;
        } else {
          v = widen(r.op, u.get(vs2, i, sew), b, sew);
          if (r.kind == Kind::WidenMulAdd) v += u.get(vd, i, wide);
        }
        u.set(vd, i, wide, v);
      });
      return true;
    }
    default:
      (void)max;
      return false;
  }
}

}  // namespace xisa::riscv64::vector
