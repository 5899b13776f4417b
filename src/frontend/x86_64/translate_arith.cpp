// Binary arithmetic (SDM vol. 1, 7.3.2): ADD/ADC/SUB/SBB/CMP/INC/DEC/NEG, MUL/IMUL, DIV/IDIV.
// LOCK-prefixed forms on memory are host atomics; DIV/IDIV raise #DE (SIGFPE) through a
// TrapIf side exit.
#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

namespace {

bool locked_mem(const Lifter& l) {
  return l.is_mem(0) && l.in->has(ZYDIS_ATTRIB_HAS_LOCK);
}

// ADD/SUB/CMP: res = dst op src, flags of kind.
bool add_sub(Lifter& l, CcKind kind, bool write_back) {
  ir::Builder& b = l.b;
  const Type t = l.type(0);
  const Value src = l.read_as(1, t);
  Value dst;
  if (write_back && locked_mem(l)) {
    dst = b.atomic_rmw(ir::AtomicOp::Add, l.address(0), kind == CcKind::Add ? src : b.neg(src));
  } else {
    dst = l.read(0);
  }
  const Value res = kind == CcKind::Add ? b.add(dst, src) : b.sub(dst, src);
  if (write_back && !locked_mem(l)) l.write(0, res);
  l.set_cc(kind, dst, src, res);
  return true;
}

// ADC/SBB: with the carry in; CF needs the carry too, so the flags are computed here.
// LOCK forms the IR has no atomic read-modify-write for (NEG, ADC, SBB): load, compute,
// compare-and-swap, and on a lost race run the instruction again (the block ends with a branch
// back to it). The flags are written only when the swap succeeded, so the retry reads the
// flags the instruction started with.
void commit_locked(Lifter& l, Value old, Value res, Value new_flags, Value old_flags) {
  ir::Builder& b = l.b;
  const Value seen = b.atomic_cas(l.address(0), old, res);
  const Value ok = b.eq(seen, old);
  l.set_eflags(b.select(ok, new_flags, old_flags));
  b.branch(ok, l.in->next_pc(), l.in->pc);
}

bool add_sub_carry(Lifter& l, bool add) {
  ir::Builder& b = l.b;
  const Type t = l.type(0);
  const Value old_flags = l.eflags();
  const Value cin8 = l.flag(kCF);
  const Value cin = b.zext(t, cin8);
  const Value src = l.read_as(1, t);
  const Value dst = l.read(0);
  const Value res = add ? b.add(b.add(dst, src), cin) : b.sub(b.sub(dst, src), cin);
  // Carry out: the wrapped result below dst (ADC), or dst below src + carry (SBB); on a
  // carry in, equality also carries.
  const Value strict = add ? b.ltu(res, dst) : b.ltu(dst, src);
  const Value tie = add ? b.eq(res, dst) : b.eq(dst, src);
  const Value cf = b.or_(strict, b.and_(cin8, tie));
  const Value flags = l.eflags_with_cf(add ? CcKind::Add : CcKind::Sub, dst, src, res, cf);
  if (locked_mem(l)) {
    commit_locked(l, dst, res, flags, old_flags);
    return true;
  }
  l.write(0, res);
  l.set_eflags(flags);
  return true;
}

bool inc_dec(Lifter& l, bool inc) {
  ir::Builder& b = l.b;
  const Type t = l.type(0);
  const Value cf = b.zext(t, l.flag(kCF));
  const Value one = int_const(b, t, 1);
  Value dst;
  if (locked_mem(l))
    dst = b.atomic_rmw(ir::AtomicOp::Add, l.address(0), inc ? one : b.neg(one));
  else
    dst = l.read(0);
  const Value res = inc ? b.add(dst, one) : b.sub(dst, one);
  if (!locked_mem(l)) l.write(0, res);
  l.set_cc(inc ? CcKind::Inc : CcKind::Dec, dst, cf, res);
  return true;
}

// The high half's significance for MUL/IMUL flags: nonzero when the product overflowed.
Value mul_overflow(ir::Builder& b, Value lo, Value hi, bool is_signed) {
  if (!is_signed) return hi;
  const Type t = lo.type;
  return b.sub(hi, b.sar(lo, int_const(b, t, ir::type_bits(t) - 1)));
}

bool mul_one_operand(Lifter& l, bool is_signed) {
  ir::Builder& b = l.b;
  const Type t = l.type(0);
  const Value src = l.read(0);
  const Value acc = l.gpr(kRax, t);
  const Value lo = b.mul(acc, src);
  const Value hi = is_signed ? b.mulhs(acc, src) : b.mulhu(acc, src);
  if (t == Type::I8) {
    const Value ax =
        b.or_(b.shl(b.zext(Type::I16, hi), int_const(b, Type::I16, 8)), b.zext(Type::I16, lo));
    l.set_gpr(kRax, ax);
  } else {
    l.set_gpr(kRax, lo);
    l.set_gpr(kRdx, hi);
  }
  l.set_cc(CcKind::Mul, lo, mul_overflow(b, lo, hi, is_signed), lo);
  return true;
}

// x86_div(state, divisor, bits | signed << 8): divides rDX:rAX (AX for bytes) in place;
// returns 1 without changing anything on #DE (zero divisor or a quotient that does not fit).
uint64_t helper_div(void* state, uint64_t divisor, uint64_t mode, uint64_t) {
  using u128 = unsigned __int128;
  using i128 = __int128;
  auto& g = static_cast<X86_64State*>(state)->gpr;
  const unsigned bits = mode & 0xff;
  const bool is_signed = (mode >> 8) & 1;
  const uint64_t mask = bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
  divisor &= mask;
  if (divisor == 0) return 1;
  u128 dividend;
  if (bits == 8)
    dividend = g[kRax] & 0xffff;
  else
    dividend = (static_cast<u128>(g[kRdx] & mask) << bits) | (g[kRax] & mask);
  u128 q, r;
  if (is_signed) {
    const unsigned wide = 2 * bits;
    const i128 n = static_cast<i128>(dividend << (128 - wide)) >> (128 - wide);
    const i128 d = static_cast<i128>(static_cast<u128>(divisor) << (128 - bits)) >> (128 - bits);
    const i128 limit = static_cast<i128>(1) << (bits - 1);
    if (n == (static_cast<i128>(-1) << (wide - 1)) && d == -1) return 1;  // avoid host overflow
    const i128 sq = n / d;
    if (sq >= limit || sq < -limit) return 1;
    q = static_cast<u128>(sq);
    r = static_cast<u128>(n % d);
  } else {
    q = dividend / divisor;
    r = dividend % divisor;
    if (q > mask) return 1;
  }
  const uint64_t qv = static_cast<uint64_t>(q) & mask, rv = static_cast<uint64_t>(r) & mask;
  auto put = [&](unsigned reg, uint64_t v) {
    if (bits == 32)
      g[reg] = v;
    else
      g[reg] = (g[reg] & ~mask) | v;
  };
  if (bits == 8) {
    g[kRax] = (g[kRax] & ~uint64_t{0xffff}) | (rv << 8) | qv;
  } else {
    put(kRax, qv);
    put(kRdx, rv);
  }
  return 0;
}
const ir::HelperInfo kDivHelper{"x86_div", helper_div};

// 32- and 64-bit DIV/IDIV whose dividend fits the divisor's width (rDX zero, or for IDIV the
// sign of rAX: what XOR EDX,EDX and CDQ/CQO leave) are one host division. A zero divisor
// raises #DE here; rDX significant, or IDIV's MIN / -1, takes the slow path (the helper).
void divide_fast(Lifter& l, bool is_signed) {
  ir::Builder& b = l.b;
  const Type t = l.type(0);
  const unsigned bits = l.bits(0);
  const Value d = l.read(0), lo = l.gpr(kRax, t), hi = l.gpr(kRdx, t);
  auto c = [&](uint64_t v) { return int_const(b, t, v); };
  b.trap_if(b.eq(d, c(0)), ir::TrapKind::DivideError, l.in->pc);
  Value slow;
  if (is_signed) {
    const Value overflow = b.and_(b.eq(lo, c(uint64_t{1} << (bits - 1))), b.eq(d, c(~uint64_t{0})));
    slow = b.or_(b.ne(hi, b.sar(lo, c(bits - 1))), overflow);
  } else {
    slow = b.ne(hi, c(0));
  }
  b.trap_if(slow, ir::TrapKind::SlowPathRetry, l.in->pc);
  l.set_gpr(kRax, is_signed ? b.divs(lo, d) : b.divu(lo, d));
  l.set_gpr(kRdx, is_signed ? b.rems(lo, d) : b.remu(lo, d));
}

bool divide(Lifter& l, bool is_signed) {
  ir::Builder& b = l.b;
  if (!l.slow_path && (l.bits(0) == 32 || l.bits(0) == 64)) {
    divide_fast(l, is_signed);
    return true;
  }
  const Value divisor = b.zext(Type::I64, l.read(0));
  const uint64_t mode = l.bits(0) | (is_signed ? 0x100u : 0u);
  const Value fault = b.call(kDivHelper, {divisor, b.imm64(mode)});
  // On #DE the helper changed nothing, so the side exit leaves the state as before the DIV.
  b.trap_if(b.ne(fault, b.imm64(0)), ir::TrapKind::DivideError, l.in->pc);
  return true;
}

}  // namespace

bool lift_add(Lifter& l) {
  return add_sub(l, CcKind::Add, true);
}
bool lift_sub(Lifter& l) {
  return add_sub(l, CcKind::Sub, true);
}
bool lift_cmp(Lifter& l) {
  return add_sub(l, CcKind::Sub, false);
}
bool lift_adc(Lifter& l) {
  return add_sub_carry(l, true);
}
bool lift_sbb(Lifter& l) {
  return add_sub_carry(l, false);
}
bool lift_inc(Lifter& l) {
  return inc_dec(l, true);
}
bool lift_dec(Lifter& l) {
  return inc_dec(l, false);
}

bool lift_neg(Lifter& l) {
  ir::Builder& b = l.b;
  const Value dst = l.read(0);
  const Value zero = int_const(b, dst.type, 0);
  const Value res = b.sub(zero, dst);
  if (locked_mem(l)) {
    const Value old_flags = l.eflags();
    commit_locked(l, dst, res, l.eflags_of(CcKind::Sub, zero, dst, res), old_flags);
    return true;
  }
  l.write(0, res);
  l.set_cc(CcKind::Sub, zero, dst, res);
  return true;
}

bool lift_mul(Lifter& l) {
  return mul_one_operand(l, false);
}

bool lift_imul(Lifter& l) {
  if (l.in->d.operand_count_visible == 1) return mul_one_operand(l, true);
  ir::Builder& b = l.b;
  const Type t = l.type(0);
  const bool three = l.in->d.operand_count_visible == 3;
  const Value x = l.read_as(three ? 1 : 0, t);
  const Value y = l.read_as(three ? 2 : 1, t);
  const Value lo = b.mul(x, y);
  const Value hi = b.mulhs(x, y);
  l.write(0, lo);
  l.set_cc(CcKind::Mul, lo, mul_overflow(b, lo, hi, true), lo);
  return true;
}

bool lift_div(Lifter& l) {
  return divide(l, false);
}
bool lift_idiv(Lifter& l) {
  return divide(l, true);
}

}  // namespace xisa::x86_64
