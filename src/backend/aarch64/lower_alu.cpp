// Integer arithmetic, shifts, bit counts, compares, select and width changes. i8..i32 values
// live zero-extended: 32-bit operations use W registers (which clear bits 32..63) and 8/16-bit
// results are zero-extended again; signed 8/16-bit operations sign-extend their operands first.
#include "backend/aarch64/emitter.h"

namespace xisa::backend::aarch64 {

using ir::Opcode;

namespace {

a64::Gp sized(const a64::GpX& r, unsigned bits) {
  return bits == 64 ? a64::Gp(r) : a64::Gp(r.w());
}

}  // namespace

void Emitter::lower_binary(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const unsigned bits = ir::type_bits(inst.type);
  const a64::GpX dst = def_reg(i, true);
  const a64::GpX a = in_reg(arg(i, 0), kScratch0);
  const Loc& bl = loc(arg(i, 1));
  // Add and Sub take a 12-bit immediate directly.
  if ((inst.op == Opcode::Add || inst.op == Opcode::Sub) && bl.kind == Loc::Imm && bl.imm < 4096) {
    if (inst.op == Opcode::Add)
      as_.add(sized(dst, bits), sized(a, bits), bl.imm);
    else
      as_.sub(sized(dst, bits), sized(a, bits), bl.imm);
    if (bits < 32) zero_extend(dst, dst, inst.type);
    return;
  }
  a64::GpX b = in_reg(arg(i, 1), kScratch1);
  const a64::Gp d = sized(dst, bits), x = sized(a, bits), y = sized(b, bits);
  const bool is_signed =
      inst.op == Opcode::MulHiS || inst.op == Opcode::DivS || inst.op == Opcode::RemS;
  a64::Gp sx = x, sy = y;  // the operands, sign-extended to 32 bits for signed 8/16-bit ops
  if (is_signed && bits < 32) {
    sign_extend(kScratch0, a, inst.type);
    sign_extend(kScratch1, b, inst.type);
    sx = kScratch0.w();
    sy = kScratch1.w();
  }
  const a64::Gp t = sized(kAddrScratch, bits);  // the quotient of a remainder
  switch (inst.op) {
    case Opcode::Add:
      as_.add(d, x, y);
      break;
    case Opcode::Sub:
      as_.sub(d, x, y);
      break;
    case Opcode::Mul:
      as_.mul(d, x, y);
      break;
    case Opcode::And:
      as_.and_(d, x, y);
      break;
    case Opcode::Or:
      as_.orr(d, x, y);
      break;
    case Opcode::Xor:
      as_.eor(d, x, y);
      break;
    case Opcode::MulHiU:
      if (bits == 64) {
        as_.umulh(dst, a, b);
      } else {  // the whole product fits 64 bits
        as_.umull(dst, a.w(), b.w());
        as_.lsr(dst, dst, bits);
      }
      break;
    case Opcode::MulHiS:
      if (bits == 64) {
        as_.smulh(dst, a, b);
      } else {
        as_.smull(dst, bits < 32 ? sx : x, bits < 32 ? sy : y);
        as_.asr(dst, dst, bits);
      }
      break;
    case Opcode::DivU:  // UDIV and SDIV give 0 for x/0 and MIN for MIN/-1, as the IR wants
      as_.udiv(d, x, y);
      break;
    case Opcode::DivS:
      as_.sdiv(bits < 32 ? dst.w() : d, sx, sy);
      break;
    case Opcode::RemU:  // a - (a / b) * b: a for b = 0
      as_.udiv(t, x, y);
      as_.msub(d, t, y, x);
      break;
    case Opcode::RemS:  // 0 for MIN % -1 (the quotient wraps to MIN)
      if (bits < 32) {
        as_.sdiv(kAddrScratch.w(), sx, sy);
        as_.msub(dst.w(), kAddrScratch.w(), sy, sx);
      } else {
        as_.sdiv(t, x, y);
        as_.msub(d, t, y, x);
      }
      break;
    default:
      break;
  }
  if (bits < 32 || (bits == 32 && (inst.op == Opcode::MulHiS))) zero_extend(dst, dst, inst.type);
}

void Emitter::lower_shift(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const unsigned bits = ir::type_bits(inst.type);
  const a64::GpX dst = def_reg(i, true);
  a64::GpX a = in_reg(arg(i, 0), kScratch0);
  if (inst.op == Opcode::ShrA && bits < 32) {  // shift the sign-extended value
    sign_extend(kScratch0, a, inst.type);
    a = kScratch0;
  }
  const a64::Gp d = sized(dst, bits), x = sized(a, bits);
  const Loc& cl = loc(arg(i, 1));
  if (cl.kind == Loc::Imm) {
    const unsigned c = static_cast<unsigned>(cl.imm & (bits - 1));
    switch (inst.op) {
      case Opcode::Shl:
        as_.lsl(d, x, c);
        break;
      case Opcode::ShrL:
        as_.lsr(d, x, c);
        break;
      case Opcode::ShrA:
        as_.asr(d, x, c);
        break;
      case Opcode::RotL:
        as_.ror(d, x, (bits - c) & (bits - 1));
        break;
      default:
        as_.ror(d, x, c);
        break;
    }
  } else {
    const a64::GpX count = in_reg(arg(i, 1), kScratch1);
    a64::Gp n = sized(count, bits);
    if (bits < 32) {  // 32/64-bit shifts take the count modulo the width themselves
      as_.and_(kAddrScratch.w(), count.w(), bits - 1);
      n = kAddrScratch.w();
    }
    switch (inst.op) {
      case Opcode::Shl:
        as_.lsl(d, x, n);
        break;
      case Opcode::ShrL:
        as_.lsr(d, x, n);
        break;
      case Opcode::ShrA:
        as_.asr(d, x, n);
        break;
      case Opcode::RotL:
        as_.neg(sized(kAddrScratch, bits), n);
        as_.ror(d, x, sized(kAddrScratch, bits));
        break;
      default:
        as_.ror(d, x, n);
        break;
    }
  }
  if (bits < 32) zero_extend(dst, dst, inst.type);
}

void Emitter::lower_unary(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const unsigned bits = ir::type_bits(inst.type);
  const a64::GpX dst = def_reg(i, true);
  const a64::GpX a = in_reg(arg(i, 0), kScratch0);
  const a64::Gp d = sized(dst, bits), x = sized(a, bits);
  switch (inst.op) {
    case Opcode::Not:
      as_.mvn(d, x);
      break;
    case Opcode::Neg:
      as_.neg(d, x);
      break;
    case Opcode::Clz:
      as_.clz(d, x);
      if (bits < 32) as_.sub(dst.w(), dst.w(), 32 - bits);
      break;
    case Opcode::Ctz:
      if (bits < 32) {  // a bit just above the value stops the count at the width
        as_.orr(kScratch0.w(), a.w(), uint64_t{1} << bits);
        as_.rbit(d, kScratch0.w());
      } else {
        as_.rbit(d, x);
      }
      as_.clz(d, d);
      break;
    case Opcode::Bswap:
      if (bits == 16)
        as_.rev16(d, x);
      else if (bits == 8)
        as_.mov(d, x);
      else
        as_.rev(d, x);
      break;
    default:
      break;
  }
  if (bits < 32) zero_extend(dst, dst, inst.type);
}

void Emitter::lower_compare(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const ir::Type t = arg_inst(i, 0).type;
  const unsigned bits = ir::type_bits(t);
  const bool is_signed = inst.op == Opcode::CmpLtS || inst.op == Opcode::CmpLeS;
  const a64::GpX dst = def_reg(i, false);
  a64::GpX a = in_reg(arg(i, 0), kScratch0);
  const bool narrow_signed = is_signed && bits < 32;
  if (narrow_signed) {
    sign_extend(kScratch0, a, t);
    a = kScratch0;
  }
  const unsigned w = bits == 64 ? 64 : 32;
  const Loc& bl = loc(arg(i, 1));
  if (bl.kind == Loc::Imm && bl.imm < 4096 && (!narrow_signed || bl.imm < (1u << (bits - 1)))) {
    as_.cmp(sized(a, w), bl.imm);
  } else {
    a64::GpX b = in_reg(arg(i, 1), kScratch1);
    if (narrow_signed) {
      sign_extend(kScratch1, b, t);
      b = kScratch1;
    }
    as_.cmp(sized(a, w), sized(b, w));
  }
  a64::CondCode cc = a64::CondCode::kEQ;
  switch (inst.op) {
    case Opcode::CmpNe:
      cc = a64::CondCode::kNE;
      break;
    case Opcode::CmpLtS:
      cc = a64::CondCode::kLT;
      break;
    case Opcode::CmpLtU:
      cc = a64::CondCode::kLO;
      break;
    case Opcode::CmpLeS:
      cc = a64::CondCode::kLE;
      break;
    case Opcode::CmpLeU:
      cc = a64::CondCode::kLS;
      break;
    default:
      break;
  }
  as_.cset(dst.w(), cc);
}

// NzcvAdd/NzcvSub: the guest's flags are the host's after the same CMN or CMP; four CSETs put
// them in the bytes of the packed value.
void Emitter::lower_flags(size_t i) {
  const unsigned w = ir::type_bits(arg_inst(i, 0).type);
  const a64::GpX a = in_reg(arg(i, 0), kScratch0);
  const a64::GpX b = in_reg(arg(i, 1), kScratch1);
  if (block_.insts[i].op == Opcode::NzcvSub)
    as_.cmp(sized(a, w), sized(b, w));
  else
    as_.cmn(sized(a, w), sized(b, w));
  const a64::GpW dst = def_reg(i, false).w(), bit = kScratch0.w();
  as_.cset(dst, a64::CondCode::kMI);
  constexpr a64::CondCode kRest[] = {a64::CondCode::kEQ, a64::CondCode::kHS, a64::CondCode::kVS};
  for (unsigned k = 0; k < 3; ++k) {
    as_.cset(bit, kRest[k]);
    as_.orr(dst, dst, bit, a64::lsl(8 * (k + 1)));
  }
}

void Emitter::lower_select(size_t i) {
  const a64::GpX dst = def_reg(i, false);
  const a64::GpX c = in_reg(arg(i, 0), kScratch0);
  as_.cmp(c.w(), 0);
  const a64::GpX a = in_reg(arg(i, 1), kScratch1);
  const a64::GpX b = in_reg(arg(i, 2), kAddrScratch);
  as_.csel(dst, a, b, a64::CondCode::kNE);
}

void Emitter::lower_convert(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const a64::GpX dst = def_reg(i, true);
  const a64::GpX a = in_reg(arg(i, 0), kScratch0);
  switch (inst.op) {
    case Opcode::SExt:
      sign_extend(dst, a, arg_inst(i, 0).type);
      zero_extend(dst, dst, inst.type);
      return;
    case Opcode::Trunc:
      zero_extend(dst, a, inst.type);
      return;
    default:  // ZExt and Bitcast: the value is already zero-extended
      if (dst.id() != a.id()) as_.mov(dst, a);
      return;
  }
}

}  // namespace xisa::backend::aarch64
