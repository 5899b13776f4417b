// Shared lifting helpers: AddWithCarry flags, condition codes, shifted and extended operands.
#include "frontend/aarch64/lifter.h"

namespace xisa::aarch64 {

void Lifter::set_nz_clear_cv(Value result) {
  const Value zero = b.constant(result.type, 0);
  set_nzcv(b.lts(result, zero), b.eq(result, zero), b.imm8(0), b.imm8(0));
}

Value Lifter::add_with_carry(Value a, Value b_, Value carry, bool set_flags) {
  const Type t = a.type;
  const Value sum = b.add(a, b_);
  const Value result = b.add(sum, b.zext(t, carry));
  if (!set_flags) return result;
  const Value zero = b.constant(t, 0);
  // Unsigned carry out: result < a, or result == a with a carry in (then b_ was all ones).
  const Value c = b.or_(b.ltu(result, a), b.and_(b.eq(result, a), carry));
  const Value v = b.lts(b.and_(b.xor_(a, result), b.xor_(b_, result)), zero);
  set_nzcv(b.lts(result, zero), b.eq(result, zero), c, v);
  return result;
}

Value Lifter::add_sub_flags(Value a, Value m, bool sub) {
  const Value result = sub ? b.sub(a, m) : b.add(a, m);
  // The four flags in one op (one host compare), written as the i32 they make at kOffN.
  b.set_reg(kOffN, b.emit(sub ? Opcode::NzcvSub : Opcode::NzcvAdd, Type::I32, {a, m}));
  last_compare_ = {};
  if (sub) last_compare_ = {a, m, true};
  return result;
}

// Conditions after a - m as compares of a and m; an invalid Value where there is none (MI, PL,
// VS, VC and AL/NV read the flags).
Value Lifter::compare_condition(unsigned cond) const {
  const Value a = last_compare_.a, m = last_compare_.m;
  switch (cond) {
    case 0:
      return b.eq(a, m);  // EQ
    case 1:
      return b.ne(a, m);  // NE
    case 2:
      return b.leu(m, a);  // CS: no borrow
    case 3:
      return b.ltu(a, m);  // CC
    case 8:
      return b.ltu(m, a);  // HI
    case 9:
      return b.leu(a, m);  // LS
    case 10:
      return b.les(m, a);  // GE
    case 11:
      return b.lts(a, m);  // LT
    case 12:
      return b.lts(m, a);  // GT
    case 13:
      return b.les(a, m);  // LE
    default:
      return {};
  }
}

Value Lifter::condition(unsigned cond) {
  if (last_compare_.valid)
    if (const Value direct = compare_condition(cond); direct.valid()) return direct;
  Value r;
  const Value n = b.get_reg(Type::I8, kOffN), z = b.get_reg(Type::I8, kOffZ);
  const Value c = b.get_reg(Type::I8, kOffC), v = b.get_reg(Type::I8, kOffV);
  switch (cond >> 1) {
    case 0:
      r = z;
      break;  // EQ / NE
    case 1:
      r = c;
      break;  // CS / CC
    case 2:
      r = n;
      break;  // MI / PL
    case 3:
      r = v;
      break;  // VS / VC
    case 4:
      r = b.and_(c, b.xor_(z, b.imm8(1)));
      break;  // HI / LS
    case 5:
      r = b.eq(n, v);
      break;  // GE / LT
    case 6:
      r = b.and_(b.eq(n, v), b.xor_(z, b.imm8(1)));
      break;  // GT / LE
    default:
      return b.imm8(1);  // AL, NV
  }
  return (cond & 1) ? b.xor_(r, b.imm8(1)) : r;
}

Value shifted_reg(Lifter& l, bool sf, unsigned rm, unsigned shift, unsigned amount) {
  const Value v = l.reg(sf, rm);
  if (amount == 0) return v;
  const Value n = l.imm(sf, amount);
  switch (shift) {
    case 0:
      return l.b.shl(v, n);
    case 1:
      return l.b.shr(v, n);
    case 2:
      return l.b.sar(v, n);
    default:
      return l.b.rotr(v, n);
  }
}

Value extended_reg(Lifter& l, bool sf, unsigned rm, unsigned option, unsigned amount) {
  static constexpr Type kFrom[4] = {Type::I8, Type::I16, Type::I32, Type::I64};
  const Type t = Lifter::int_type(sf);
  const Type from = kFrom[option & 3];
  Value v = l.x(rm);
  if (from != Type::I64) {
    const Value narrow = l.b.trunc(from, v);
    v = (option & 4) ? l.b.sext(Type::I64, narrow) : l.b.zext(Type::I64, narrow);
  }
  v = l.b.trunc(t, v);
  return amount ? l.b.shl(v, l.imm(sf, amount)) : v;
}

}  // namespace xisa::aarch64
