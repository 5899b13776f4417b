// v128 IR for the common V instructions under a vtype known at translation (see vector_ir.h).
// Every case checks the encoding's legality the way the helpers do and leaves anything it does
// not cover to them, so both paths give the same results; tests/diff holds the JIT to the
// interpreter and the qemu oracle cases run through both paths.
#include "frontend/riscv64/vector/vector_ir.h"

#include <algorithm>
#include <cstddef>
#include <optional>

#include "frontend/riscv64/lifter.h"
#include "frontend/riscv64/translate_fp.h"
#include "frontend/riscv64/vector/vector_unit.h"

namespace xisa::riscv64::vector {

namespace {

using ir::Opcode;
using ir::Type;
using ir::Value;

constexpr uint32_t kVOffset = offsetof(Riscv64State, v);
constexpr uint32_t kVlOffset = offsetof(Riscv64State, vl);
constexpr uint32_t kVtypeOffset = offsetof(Riscv64State, vtype);
constexpr uint32_t kVstartOffset = offsetof(Riscv64State, vstart);
// The IR path is written for VLEN 128 (one v128 per register); at VLEN 256 every vector
// instruction takes the helpers.
constexpr unsigned kVlenBytes = 16;
bool ir_path_applies() {
  return vlen_bytes() == kVlenBytes;
}

struct Config {
  unsigned sew;
  int lmul;
  uint64_t vlmax;
  unsigned regs;   // registers in a group
  unsigned lanes;  // elements per register
};

Config config(const Lifter& l) {
  const Vtype t = decode_vtype(l.vector.vtype);
  return {t.sew, t.lmul_log2, vlmax(t.sew, t.lmul_log2), group_size(t.lmul_log2),
          kVlenBytes * 8 / t.sew};
}

Value vreg(Lifter& l, unsigned r) {
  return l.b.get_reg(Type::V128, kVOffset + r * kVlenBytes);
}
void set_vreg(Lifter& l, unsigned r, Value v) {
  l.b.set_reg(kVOffset + r * kVlenBytes, v);
}

// All-ones lanes where register r of the group holds an element at or past vl (the tail, which
// stays undisturbed). Element indices and vl - 1 fit signed lanes even at SEW 8 (VLMAX <= 128).
Value tail_mask(Lifter& l, const Config& c, unsigned r) {
  uint64_t half[2] = {0, 0};
  for (unsigned i = 0; i < c.lanes; ++i) {
    const uint64_t index = r * c.lanes + i;
    const unsigned bit = i * c.sew;
    half[bit / 64] |= index << (bit % 64);
  }
  const Value iota = l.b.vconst(half[0], half[1]);
  const Value last = l.b.vdup(c.sew, l.b.sub(l.vector.vl, l.b.imm64(1)));
  return l.b.vbinary(Opcode::VCmpGtS, c.sew, iota, last);
}

// Writes result into register r of the group at vd, keeping its tail. With vl a constant, a
// register wholly inside or past vl needs no mask.
void write_body(Lifter& l, const Config& c, unsigned vd, unsigned r, Value result) {
  if (l.vector.vl_known) {
    const uint64_t first = uint64_t{r} * c.lanes;
    if (l.vector.vl_value >= first + c.lanes) return set_vreg(l, vd + r, result);
    if (l.vector.vl_value <= first) return;
  }
  set_vreg(l, vd + r,
           l.b.vternary(Opcode::VBitSelect, tail_mask(l, c, r), vreg(l, vd + r), result));
}

enum class Form { V, X, I };

Form form_of(uint32_t insn) {
  switch (f_funct3(insn)) {
    case 3:
      return Form::I;
    case 4:
    case 6:
      return Form::X;
    default:
      return Form::V;
  }
}

// The second operand of register r: vs1's register, or the scalar / immediate in every lane.
Value operand(Lifter& l, const Config& c, uint32_t insn, Form form, unsigned r, bool uimm) {
  const unsigned field = f_rs1(insn);
  if (form == Form::V) return vreg(l, field + r);
  if (form == Form::X) return l.b.vdup(c.sew, l.x(field));
  const uint64_t imm = uimm ? field : static_cast<uint64_t>(sext(field, 5));
  return l.b.vdup(c.sew, l.b.imm64(imm));
}

bool groups_aligned(const Config& c, uint32_t insn, Form form) {
  return aligned(f_vd(insn), c.lmul) && aligned(f_rs2(insn), c.lmul) &&
         (form != Form::V || aligned(f_rs1(insn), c.lmul));
}

enum class Arith { Op, Rsub, ShiftV, Move, MulAdd, Rotate };

struct ArithCase {
  Arith kind;
  Opcode op;
  bool uimm = false;
  unsigned muladd = 0;  // 0 vmacc, 1 vnmsac, 2 vmadd, 3 vnmsub
  bool left = false;    // Rotate: vrol
};

// The OPI and OPM funct6 values the IR path covers (a subset of the helpers' tables).
bool opi_case(unsigned funct6, Form form, ArithCase& out) {
  switch (funct6) {
    case 000:
      out = {Arith::Op, Opcode::VAdd};
      return true;
    case 002:
      out = {Arith::Op, Opcode::VSub};
      return form != Form::I;
    case 003:
      out = {Arith::Rsub, Opcode::VSub};
      return form != Form::V;
    case 004:
      out = {Arith::Op, Opcode::VMinU};
      return form != Form::I;
    case 005:
      out = {Arith::Op, Opcode::VMinS};
      return form != Form::I;
    case 006:
      out = {Arith::Op, Opcode::VMaxU};
      return form != Form::I;
    case 007:
      out = {Arith::Op, Opcode::VMaxS};
      return form != Form::I;
    case 011:
      out = {Arith::Op, Opcode::VAnd};
      return true;
    case 012:
      out = {Arith::Op, Opcode::VOr};
      return true;
    case 013:
      out = {Arith::Op, Opcode::VXor};
      return true;
    case 001:  // Zvbb's vandn: vs2 & ~op
      out = {Arith::Op, Opcode::VAndNot};
      return form != Form::I;
    case 024:  // vror; .vi with amounts 0..31
      out = {Arith::Rotate, Opcode::VShrLV, true};
      return true;
    case 025:  // vrol; .vi is vror with amounts 32..63
      out = {Arith::Rotate, Opcode::VShrLV, true, 0, form != Form::I};
      return true;
    case 027:
      out = {Arith::Move, Opcode::VAdd};
      return true;  // vmv.v.* (vm = 1 checked below)
    case 045:
      out = {Arith::ShiftV, Opcode::VShlV, true};
      return true;
    case 050:
      out = {Arith::ShiftV, Opcode::VShrLV, true};
      return true;
    case 051:
      out = {Arith::ShiftV, Opcode::VShrAV, true};
      return true;
    default:
      return false;
  }
}
bool opm_case(unsigned funct6, ArithCase& out) {
  switch (funct6) {
    case 045:
      out = {Arith::Op, Opcode::VMul};
      return true;
    case 055:
      out = {Arith::MulAdd, Opcode::VMul, false, 0};
      return true;
    case 057:
      out = {Arith::MulAdd, Opcode::VMul, false, 1};
      return true;
    case 051:
      out = {Arith::MulAdd, Opcode::VMul, false, 2};
      return true;
    case 053:
      out = {Arith::MulAdd, Opcode::VMul, false, 3};
      return true;
    default:
      return false;
  }
}

// A rotation by amount (already below SEW in every lane): right, or left for vrol.
Value rotate(Lifter& l, const Config& c, Value a, Value amount, bool left) {
  const Value other =
      l.b.vbinary(Opcode::VAnd, c.sew,
                  l.b.vbinary(Opcode::VSub, c.sew, l.b.vdup(c.sew, l.b.imm64(c.sew)), amount),
                  l.b.vdup(c.sew, l.b.imm64(c.sew - 1)));
  const Value right = l.b.vbinary(Opcode::VShrLV, c.sew, a, left ? other : amount);
  const Value left_part = l.b.vbinary(Opcode::VShlV, c.sew, a, left ? amount : other);
  return l.b.vbinary(Opcode::VOr, c.sew, right, left_part);
}
Value rotate_immediate(Lifter& l, const Config& c, Value a, unsigned amount) {
  const unsigned n = amount & (c.sew - 1);
  const Value right = l.b.vunary(Opcode::VShrLImm, c.sew, a, n);
  return l.b.vbinary(Opcode::VOr, c.sew, right,
                     l.b.vunary(Opcode::VShlImm, c.sew, a, (c.sew - n) & (c.sew - 1)));
}

Value shift_immediate(Lifter& l, const Config& c, Opcode op, Value a, unsigned amount) {
  const Opcode imm_op = op == Opcode::VShlV    ? Opcode::VShlImm
                        : op == Opcode::VShrLV ? Opcode::VShrLImm
                                               : Opcode::VShrAImm;
  return l.b.vunary(imm_op, c.sew, a, amount & (c.sew - 1));
}

bool lift_arith(Lifter& l, uint32_t insn, const Config& c, const ArithCase& k, Form form) {
  if (!groups_aligned(c, insn, form)) return false;
  const unsigned vd = f_vd(insn), vs2 = f_rs2(insn);
  if (k.kind == Arith::Move && vs2 != 0) return false;
  // The scalar shift amount, masked to log2(SEW) bits, once for the group.
  Value amount;
  if ((k.kind == Arith::ShiftV || k.kind == Arith::Rotate) && form == Form::X)
    amount = l.b.vdup(c.sew, l.b.and_(l.x(f_rs1(insn)), l.b.imm64(c.sew - 1)));
  for (unsigned r = 0; r < c.regs; ++r) {
    const Value a = vreg(l, vs2 + r);
    Value result;
    switch (k.kind) {
      case Arith::Op:
        result = l.b.vbinary(k.op, c.sew, a, operand(l, c, insn, form, r, k.uimm));
        break;
      case Arith::Rsub:
        result = l.b.vbinary(k.op, c.sew, operand(l, c, insn, form, r, false), a);
        break;
      case Arith::Move:
        result = operand(l, c, insn, form, r, false);
        break;
      case Arith::ShiftV:
        if (form == Form::I) {
          result = shift_immediate(l, c, k.op, a, f_rs1(insn));
        } else if (form == Form::X) {
          result = l.b.vbinary(k.op, c.sew, a, amount);
        } else {
          const Value masked = l.b.vbinary(Opcode::VAnd, c.sew, vreg(l, f_rs1(insn) + r),
                                           l.b.vdup(c.sew, l.b.imm64(c.sew - 1)));
          result = l.b.vbinary(k.op, c.sew, a, masked);
        }
        break;
      case Arith::Rotate:
        if (form == Form::I) {
          const unsigned imm = f_rs1(insn) | (f_funct6(insn) & 1) << 5;
          result = rotate_immediate(l, c, a, imm);
        } else {
          const Value n = form == Form::X
                              ? amount
                              : l.b.vbinary(Opcode::VAnd, c.sew, vreg(l, f_rs1(insn) + r),
                                            l.b.vdup(c.sew, l.b.imm64(c.sew - 1)));
          result = rotate(l, c, a, n, k.left);
        }
        break;
      case Arith::MulAdd: {
        const Value b = operand(l, c, insn, form, r, false), d = vreg(l, vd + r);
        const bool product_vd = k.muladd >= 2;
        const Value product = l.b.vbinary(Opcode::VMul, c.sew, b, product_vd ? d : a);
        const Value addend = product_vd ? a : d;
        result = (k.muladd & 1) ? l.b.vbinary(Opcode::VSub, c.sew, addend, product)
                                : l.b.vbinary(Opcode::VAdd, c.sew, product, addend);
        break;
      }
    }
    write_body(l, c, vd, r, result);
  }
  return true;
}

// vredsum.vs: vd[0] = vs1[0] + the elements of vs2 below vl (vl = 0 leaves vd: the helper).
bool lift_redsum(Lifter& l, uint32_t insn, const Config& c) {
  const unsigned vs2 = f_rs2(insn), vs1 = f_rs1(insn), vd = f_vd(insn);
  if (!aligned(vs2, c.lmul)) return false;
  l.b.trap_if(l.b.eq(l.vector.vl, l.b.imm64(0)), ir::TrapKind::SlowPathStep, l.pc);
  Value sum;
  for (unsigned r = 0; r < c.regs; ++r) {
    const Value body = l.b.vbinary(Opcode::VAndNot, c.sew, vreg(l, vs2 + r), tail_mask(l, c, r));
    sum = r == 0 ? body : l.b.vbinary(Opcode::VAdd, c.sew, sum, body);
  }
  const Value total = l.b.add(l.b.vreduce(Opcode::VReduceAdd, Type::I64, c.sew, sum),
                              l.b.vextract_lane(Type::I64, c.sew, vreg(l, vs1), 0));
  set_vreg(l, vd, l.b.vinsert_lane(c.sew, vreg(l, vd), total, 0));
  return true;
}

// vmv.x.s: x[rd] = vs2[0] sign-extended.
bool lift_vmv_x_s(Lifter& l, uint32_t insn, const Config& c) {
  const Value lane = l.b.vextract_lane(Type::I64, c.sew, vreg(l, f_rs2(insn)), 0);
  l.set_x(f_vd(insn), c.sew == 64 ? lane
                                  : l.b.sext(Type::I64, l.b.trunc(c.sew == 8    ? Type::I8
                                                                  : c.sew == 16 ? Type::I16
                                                                                : Type::I32,
                                                                  lane)));
  return true;
}

// Unit-stride vle<SEW>.v / vse<SEW>.v, unmasked, whole registers: a v128 access per register
// when vl = VLMAX (other vl take the helper: SlowPathStep), after which vl is known for the
// rest of the block. A fault re-runs the instruction alone on the helper, which faults at the
// exact element and sets vstart (kRestartAloneOnFault).
bool lift_unit_stride(Lifter& l, uint32_t insn, const Config& c, bool store) {
  const unsigned width = f_funct3(insn);
  const unsigned eew = width == 0 ? 8 : width == 5 ? 16 : width == 6 ? 32 : width == 7 ? 64 : 0;
  if (eew != c.sew || c.lmul < 0 || (insn >> 26) != 0 || !f_vm(insn) || f_rs2(insn) != 0 ||
      !aligned(f_vd(insn), c.lmul))
    return false;
  auto& b = l.b;
  const Value base = l.x(f_rs1(insn));
  if (!l.vector.vl_known || l.vector.vl_value != c.vlmax) {
    b.trap_if(b.ne(l.vector.vl, b.imm64(c.vlmax)), ir::TrapKind::SlowPathStep, l.pc);
    l.vector.vl = b.imm64(c.vlmax);
    l.vector.vl_known = true;
    l.vector.vl_value = c.vlmax;
  }
  const unsigned vd = f_vd(insn);
  auto address = [&](unsigned r) { return r == 0 ? base : b.add(base, b.imm64(r * kVlenBytes)); };
  if (store) {
    for (unsigned r = 0; r < c.regs; ++r)
      b.store(address(r), vreg(l, vd + r), ir::kRestartAloneOnFault);
    return true;
  }
  Value loaded[8];
  for (unsigned r = 0; r < c.regs; ++r)
    loaded[r] = b.load(Type::V128, address(r), ir::kRestartAloneOnFault);
  for (unsigned r = 0; r < c.regs; ++r) set_vreg(l, vd + r, loaded[r]);
  return true;
}

// OPFVV/OPFVF vfadd, vfsub, vfrsub, vfmul and the eight multiply-adds, unmasked, SEW 32/64,
// LMUL >= 1 with vl = VLMAX known (every lane is a body lane, so the guard checks them all):
// host vector FP behind FpFastPath's guard, lane-wise (frm must be RNE; fflags as the scalar
// fast path). Anything else stays with the helper.
bool lift_fp_arith(Lifter& l, uint32_t insn, const Config& c) {
  const unsigned funct6 = f_funct6(insn);
  const bool scalar = f_funct3(insn) == 5;  // OPFVF: f[rs1] in every lane
  const bool fused = (funct6 & 070) == 050;
  if ((c.sew != 32 && c.sew != 64) || c.lmul < 0 || !l.vector.vl_known ||
      l.vector.vl_value != c.vlmax || !f_vm(insn) ||
      !groups_aligned(c, insn, scalar ? Form::X : Form::V))
    return false;
  Opcode op;
  switch (funct6) {
    case 000:
      op = Opcode::VFAdd;
      break;
    case 002:
    case 047:  // vfrsub.vf
      if (funct6 == 047 && !scalar) return false;
      op = Opcode::VFSub;
      break;
    case 044:
      op = Opcode::VFMul;
      break;
    default:
      if (!fused) return false;
      op = Opcode::VFMulAdd;
      break;
  }
  auto& b = l.b;
  frontend::FpFastPath fast(b, fp::fast_env(l, fp::kDyn), l.pc, frontend::kRiscv64FpRules,
                            &fp::kFflagsInexact, l.track_inexact);
  Value splat;
  if (scalar) {
    Value f = l.f(f_rs1(insn));
    if (c.sew == 32) {
      fast.require(b.eq(b.shr(f, b.imm64(32)), b.imm64(0xffffffff)));  // NaN-boxed
      f = b.and_(f, b.imm64(0xffffffff));
    }
    splat = b.vdup(c.sew, f);
  }
  const Value sign = b.vconst(c.sew == 64 ? uint64_t{1} << 63 : 0x8000000080000000ull,
                              c.sew == 64 ? uint64_t{1} << 63 : 0x8000000080000000ull);
  auto negate = [&](Value v) { return b.vbinary(Opcode::VXor, c.sew, v, sign); };
  const unsigned vd = f_vd(insn), vs2 = f_rs2(insn), vs1 = f_rs1(insn);
  Value results[8];
  for (unsigned r = 0; r < c.regs; ++r) {
    const Value s1 = scalar ? splat : vreg(l, vs1 + r), s2 = vreg(l, vs2 + r);
    if (!fused) {
      results[r] = funct6 == 047 ? fast.apply_vector(op, c.sew, {s1, s2})
                                 : fast.apply_vector(op, c.sew, {s2, s1});
      continue;
    }
    // funct6 bit 2: the product uses vd and adds vs2 (vfmadd...) rather than vs1 * vs2 + vd;
    // bit 0: the product is negated; bit 1 xor bit 0: the addend is negated.
    const Value d = vreg(l, vd + r);
    const bool vd_factor = (funct6 & 4) == 0;
    Value x = s1, y = vd_factor ? d : s2, addend = vd_factor ? s2 : d;
    if (funct6 & 1) x = negate(x);
    if (((funct6 >> 1) ^ funct6) & 1) addend = negate(addend);
    results[r] = fast.apply_vector(op, c.sew, {x, y, addend});
  }
  fast.guard();
  for (unsigned r = 0; r < c.regs; ++r) set_vreg(l, vd + r, results[r]);
  return true;
}

// vfwcvt.f.f.v from SEW 32, unmasked, with vl = VLMAX known: each destination register is two
// source lanes widened (exact), behind a guard that no result is a NaN (a signaling NaN raises
// NV and every NaN becomes the canonical one on the exact path).
bool lift_fp_widen(Lifter& l, uint32_t insn, const Config& c) {
  const unsigned vd = f_vd(insn), vs2 = f_rs2(insn);
  const int dst_lmul = c.lmul + 1;
  if (c.sew != 32 || dst_lmul > 3 || !l.vector.vl_known || l.vector.vl_value != c.vlmax ||
      !f_vm(insn) || !aligned(vd, dst_lmul) || !aligned(vs2, c.lmul) ||
      !overlap_allowed(vd, dst_lmul, vs2, c.lmul))
    return false;
  auto& b = l.b;
  frontend::FpFastPath fast(b, b.imm8(1), l.pc, frontend::kRiscv64FpRules);
  Value results[8];
  const unsigned regs = group_size(dst_lmul);
  for (unsigned r = 0; r < regs; ++r) {
    Value src = vreg(l, vs2 + r / 2);
    if (r % 2) src = b.vbinary(Opcode::VConcatBytes, 8, src, src);  // its high half
    results[r] = fast.widen_single(src, 2);
  }
  fast.guard();
  for (unsigned r = 0; r < regs; ++r) set_vreg(l, vd + r, results[r]);
  return true;
}

// vl<n>re<eew>.v / vs<n>r.v (unmasked, mew 0, n = 1, 2, 4, 8 registers at an aligned vd; the
// store's EEW field 8): whole registers whatever vtype and vl say, so a v128 access per
// register; vstart is 0 under the known configuration. A fault re-runs the instruction alone on
// the helper (kRestartAloneOnFault), which faults at the exact element.
bool lift_whole_register(Lifter& l, uint32_t insn, bool store) {
  const unsigned nf = insn >> 29, regs = nf + 1, width = f_funct3(insn), vd = f_vd(insn);
  const bool eew_ok = store ? width == 0 : (width == 0 || width >= 5);
  if (((insn >> 26) & 7) != 0 || !f_vm(insn) || !eew_ok || (regs & nf) != 0 || vd % regs != 0)
    return false;  // mew, mop, masked, reserved EEW or NFIELDS, misaligned: the helper
  auto& b = l.b;
  const Value base = l.x(f_rs1(insn));
  auto address = [&](unsigned r) { return r == 0 ? base : b.add(base, b.imm64(r * kVlenBytes)); };
  if (store) {
    for (unsigned r = 0; r < regs; ++r)
      b.store(address(r), vreg(l, vd + r), ir::kRestartAloneOnFault);
    return true;
  }
  Value loaded[8];
  for (unsigned r = 0; r < regs; ++r)
    loaded[r] = b.load(Type::V128, address(r), ir::kRestartAloneOnFault);
  for (unsigned r = 0; r < regs; ++r) set_vreg(l, vd + r, loaded[r]);
  return true;
}

}  // namespace

bool lift_vset_ir(Lifter& l, uint32_t insn) {
  if (!ir_path_applies()) return false;
  const unsigned rd = f_vd(insn), rs1 = f_rs1(insn);
  const bool immediate_avl = (insn >> 30) == 3;      // vsetivli
  if ((insn >> 31) && !immediate_avl) return false;  // vsetvl: vtype from a register
  const uint64_t vtype = immediate_avl ? (insn >> 20) & 0x3ff : (insn >> 20) & 0x7ff;
  if (!vtype_legal(vtype)) return false;
  const Vtype t = decode_vtype(vtype);
  const uint64_t max = vlmax(t.sew, t.lmul_log2);
  auto& b = l.b;
  Value vl;
  std::optional<uint64_t> known;
  if (immediate_avl) {
    known = rs1 < max ? rs1 : max;
    vl = b.imm64(*known);
  } else if (rs1 == 0 && rd != 0) {
    known = max;
    vl = b.imm64(max);
  } else if (rs1 == 0 && l.vector.valid && l.vector.vl_known) {  // keeps vl, within VLMAX
    known = std::min(l.vector.vl_value, max);
    vl = b.imm64(*known);
  } else {
    const Value avl = rs1 != 0 ? l.x(rs1) : b.get_reg(Type::I64, kVlOffset);
    vl = b.select(b.ltu(avl, b.imm64(max)), avl, b.imm64(max));
  }
  b.set_reg(kVlOffset, vl);
  b.set_reg(kVtypeOffset, b.imm64(vtype));
  b.set_reg(kVstartOffset, b.imm64(0));
  l.set_x(rd, vl);
  l.vector = {true, vtype, vl, known.has_value(), known.value_or(0)};
  return true;
}

void assume_entry_vtype(Lifter& l) {
  if (!ir_path_applies() || l.vector.valid || !l.vtype_hint || !vtype_legal(*l.vtype_hint)) return;
  auto& b = l.b;
  const uint64_t vtype = *l.vtype_hint;
  l.vtype_hint.reset();
  const Value other_vtype = b.ne(b.get_reg(Type::I64, kVtypeOffset), b.imm64(vtype));
  const Value vstart_set = b.ne(b.get_reg(Type::I64, kVstartOffset), b.imm64(0));
  b.trap_if(b.or_(other_vtype, vstart_set), ir::TrapKind::SlowPathRetry, l.pc);
  l.vector = {true, vtype, b.get_reg(Type::I64, kVlOffset), false, 0};
}

bool lift_vector_ir(Lifter& l, uint32_t insn) {
  if (!l.vector.valid) return false;
  const Config c = config(l);
  const unsigned opcode = insn & 0x7f;
  if ((opcode == 0x07 || opcode == 0x27) && ((insn >> 20) & 31) == 8)
    return lift_whole_register(l, insn, opcode == 0x27);
  if (opcode == 0x07 || opcode == 0x27) return lift_unit_stride(l, insn, c, opcode == 0x27);
  if (opcode != 0x57) return false;
  const unsigned funct6 = f_funct6(insn), funct3 = f_funct3(insn);
  const Form form = form_of(insn);
  const bool unmasked = f_vm(insn);
  ArithCase k{};
  switch (funct3) {
    case 0:  // OPIVV
    case 3:  // OPIVI
    case 4:  // OPIVX
      if (!unmasked || !opi_case(funct6, form, k)) return false;
      return lift_arith(l, insn, c, k, form);
    case 2:  // OPMVV
      if (funct6 == 000 && unmasked) return lift_redsum(l, insn, c);
      if (funct6 == 020 && f_rs1(insn) == 0 && unmasked) return lift_vmv_x_s(l, insn, c);
      [[fallthrough]];
    case 6:  // OPMVX
      if (!unmasked || !opm_case(funct6, k)) return false;
      return lift_arith(l, insn, c, k, form);
    case 1:  // OPFVV
      if (funct6 == 022 && f_rs1(insn) == 014) return lift_fp_widen(l, insn, c);
      return lift_fp_arith(l, insn, c);
    case 5:  // OPFVF
      return lift_fp_arith(l, insn, c);
    default:
      return false;
  }
}

}  // namespace xisa::riscv64::vector
