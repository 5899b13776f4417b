// Logic, shifts and rotates, bit test and scan (SDM vol. 1, 7.3.3-7.3.7). A shift by a
// masked count of zero changes no flag, so a count in CL selects between old and new flags.
#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

namespace {

using BinOp = Value (ir::Builder::*)(Value, Value);

bool locked_mem(const Lifter& l) {
  return l.is_mem(0) && l.in->has(ZYDIS_ATTRIB_HAS_LOCK);
}

bool logic(Lifter& l, BinOp op, ir::AtomicOp atomic, bool write_back) {
  ir::Builder& b = l.b;
  const Type t = l.type(0);
  const Value src = l.read_as(1, t);
  Value res;
  if (write_back && locked_mem(l)) {
    res = (b.*op)(b.atomic_rmw(atomic, l.address(0), src), src);
  } else {
    res = (b.*op)(l.read(0), src);
    if (write_back) l.write(0, res);
  }
  l.set_cc(CcKind::Logic, res, res, res);
  return true;
}

// The shift count, masked as the hardware does (to 5 bits, 6 for 64-bit operands), as i8.
// An immediate count is masked here, so the shift sees a Const and records its flags lazily;
// only a count in CL needs the select between old and new flags.
Value shift_count(Lifter& l, unsigned i) {
  const uint64_t mask = l.bits(0) == 64 ? 63 : 31;
  if (l.is_imm(i)) return l.b.imm8(static_cast<uint8_t>(l.op(i).imm.value.u & mask));
  return l.b.and_(l.read_as(i, Type::I8), l.b.imm8(static_cast<uint8_t>(mask)));
}

// Records flags computed for a nonzero count; with a count that may be zero, keeps the old ones.
void shift_flags(Lifter& l, Value count, CcKind kind, Value src1, Value pre, Value res) {
  ir::Builder& b = l.b;
  const auto& c = b.block().insts[count.id];
  if (c.op == ir::Opcode::Const) {
    if ((c.imm & 0xff) != 0) l.set_cc(kind, src1, pre, res);
    return;
  }
  const Value old = l.eflags();
  const Value now = l.eflags_of(kind, src1, pre, res);
  l.set_eflags(b.select(b.eq(count, b.imm8(0)), old, now));
}

enum class ShiftKind { Shl, Shr, Sar };

bool shift(Lifter& l, ShiftKind kind) {
  ir::Builder& b = l.b;
  const Type t = l.type(0);
  const Value count = shift_count(l, 1);
  const Value dst = l.read(0);
  // Narrow operands shift in 32 bits, where a count of up to 31 is exact.
  const Type wt = ir::type_bits(t) < 32 ? Type::I32 : t;
  const Value wide = kind == ShiftKind::Sar ? b.sext(wt, dst) : b.zext(wt, dst);
  const Value n = b.zext(wt, count);
  const Value n1 = b.sub(n, int_const(b, wt, 1));  // count - 1: the last bit out is in pre
  Value res, pre;
  switch (kind) {
    case ShiftKind::Shl:
      res = b.shl(wide, n);
      pre = b.shl(wide, n1);
      break;
    case ShiftKind::Shr:
      res = b.shr(wide, n);
      pre = b.shr(wide, n1);
      break;
    case ShiftKind::Sar:
      res = b.sar(wide, n);
      pre = b.sar(wide, n1);
      break;
  }
  res = b.trunc(t, res);
  pre = b.trunc(t, pre);
  l.write(0, res);
  shift_flags(l, count, kind == ShiftKind::Shl ? CcKind::Shl : CcKind::Shr, dst, pre, res);
  return true;
}

bool rotate(Lifter& l, bool left) {
  ir::Builder& b = l.b;
  const Type t = l.type(0);
  const unsigned w = ir::type_bits(t);
  const Value count = shift_count(l, 1);
  const Value dst = l.read(0);
  const Value n = b.zext(t, count);  // RotL/RotR take the count modulo the width
  const Value res = left ? b.rotl(dst, n) : b.rotr(dst, n);
  l.write(0, res);
  auto bit = [&](Value v, unsigned i) {
    return b.and_(b.shr(b.zext(Type::I64, v), b.imm64(i)), b.imm64(1));
  };
  const Value msb = bit(res, w - 1);
  const Value cf = left ? bit(res, 0) : msb;
  const Value of = left ? b.xor_(msb, cf) : b.xor_(msb, bit(res, w - 2));
  const Value bits = b.or_(cf, b.shl(of, b.imm64(kOF)));
  const Value old = l.eflags();
  const Value now = b.or_(b.and_(old, b.imm64(~uint64_t{(1u << kCF) | (1u << kOF)})), bits);
  l.set_eflags(b.select(b.eq(count, b.imm8(0)), old, now));
  return true;
}

// x86_rcx(state, value, count | bits << 8 | right << 16, eflags): rotate through carry. Writes
// the new flags (CF, OF) into the lazy flag state and returns the result.
uint64_t helper_rotate_carry(void* state, uint64_t value, uint64_t mode, uint64_t eflags) {
  auto& s = *static_cast<X86_64State*>(state);
  const unsigned bits = (mode >> 8) & 0xff;
  const bool right = (mode >> 16) & 1;
  const unsigned count = static_cast<unsigned>(mode & 0xff) % (bits + 1);
  const uint64_t mask = bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
  uint64_t v = value & mask, cf = eflags & 1;
  for (unsigned i = 0; i < count; ++i) {
    if (right) {
      const uint64_t out = v & 1;
      v = (v >> 1) | (cf << (bits - 1));
      cf = out;
    } else {
      const uint64_t out = (v >> (bits - 1)) & 1;
      v = ((v << 1) | cf) & mask;
      cf = out;
    }
  }
  if (count != 0) {  // a rotation by a multiple of width + 1 changes no flag (as QEMU)
    // OF: the sign changed (the SDM defines it for a count of 1 only; QEMU uses this for all).
    const uint64_t of = ((v ^ value) >> (bits - 1)) & 1;
    eflags = (eflags & ~uint64_t{(1u << kCF) | (1u << kOF)}) | cf | (of << kOF);
  }
  s.cc_op = cc_op_code(CcKind::Eflags, 64);
  s.cc_res = eflags;
  return v;
}
const ir::HelperInfo kRotateCarry{"x86_rcx", helper_rotate_carry};

bool rotate_carry(Lifter& l, bool right) {
  ir::Builder& b = l.b;
  const Value count = b.zext(Type::I64, shift_count(l, 1));
  const Value mode =
      b.or_(count, b.imm64((uint64_t{l.bits(0)} << 8) | (right ? uint64_t{1} << 16 : 0)));
  const Value flags = l.eflags();
  const Value res = b.call(kRotateCarry, {b.zext(Type::I64, l.read(0)), mode, flags});
  l.forget_cc();
  l.write(0, b.trunc(l.type(0), res));
  return true;
}

// SHLD/SHRD: dst shifted with bits of src coming in. 16- and 32-bit forms shift a 64-bit
// concatenation (for 16 bits dst:src:dst, which is what Intel CPUs and QEMU do for counts past
// 16); the 64-bit form keeps every shift amount within the width for counts 1..63.
bool double_shift(Lifter& l, bool left) {
  ir::Builder& b = l.b;
  const Type t = l.type(0);
  const unsigned w = ir::type_bits(t);
  const Value count = shift_count(l, 2);
  const Value dst = l.read(0), src = l.read(1);
  Value res, pre;
  if (w < 64) {
    const Value d64 = b.zext(Type::I64, dst), s64 = b.zext(Type::I64, src);
    const Value c32 = b.imm64(32);
    Value wide;
    if (w == 16)
      wide = b.or_(b.or_(b.shl(d64, c32), b.shl(s64, b.imm64(16))), d64);
    else
      wide = left ? b.or_(b.shl(d64, c32), s64) : b.or_(b.shl(s64, c32), d64);
    const Value n = b.zext(Type::I64, count);
    const Value n1 = b.sub(n, b.imm64(1));
    if (left) {
      res = b.trunc(t, b.shr(b.shl(wide, n), c32));
      pre = b.trunc(t, b.shr(b.shl(wide, n1), c32));
    } else {
      res = b.trunc(t, b.shr(wide, n));
      pre = b.trunc(t, b.shr(wide, n1));
    }
  } else {
    // pre (for the flags) is dst alone shifted by count - 1, as QEMU computes it: CF is the
    // same either way, OF (undefined past a count of 1) follows QEMU.
    const Value n = b.zext(t, count);
    const Value n1 = b.sub(n, int_const(b, t, 1));
    const Value wn = b.sub(int_const(b, t, w), n);  // width - count, 1..63
    if (left) {
      res = b.or_(b.shl(dst, n), b.shr(src, wn));
      pre = b.shl(dst, n1);
    } else {
      res = b.or_(b.shr(dst, n), b.shl(src, wn));
      pre = b.shr(dst, n1);
    }
  }
  // A masked count of zero leaves the destination alone (the formulas would OR in src).
  res = b.select(b.eq(count, b.imm8(0)), dst, res);
  l.write(0, res);
  shift_flags(l, count, left ? CcKind::Shl : CcKind::Shr, dst, pre, res);
  return true;
}

enum class BitOp { Test, Set, Reset, Complement };

bool bit_test(Lifter& l, BitOp op) {
  ir::Builder& b = l.b;
  const Type t = l.type(0);
  const unsigned w = ir::type_bits(t);
  Value offset = l.read_as(1, t);
  Value addr;
  if (l.is_mem(0)) {
    addr = l.address(0);
    if (!l.is_imm(1)) {
      // A register bit offset is signed and may reach outside the operand.
      const Value words = b.sar(b.sext(Type::I64, offset), b.imm64(__builtin_ctz(w)));
      addr = b.add(addr, b.shl(words, b.imm64(__builtin_ctz(w / 8))));
    }
  }
  const Value bitno = b.and_(offset, int_const(b, t, w - 1));
  const Value mask = b.shl(int_const(b, t, 1), bitno);
  Value old;
  const bool atomic = addr.valid() && op != BitOp::Test && l.in->has(ZYDIS_ATTRIB_HAS_LOCK);
  if (atomic) {
    switch (op) {
      case BitOp::Set:
        old = b.atomic_rmw(ir::AtomicOp::Or, addr, mask);
        break;
      case BitOp::Reset:
        old = b.atomic_rmw(ir::AtomicOp::And, addr, b.not_(mask));
        break;
      default:
        old = b.atomic_rmw(ir::AtomicOp::Xor, addr, mask);
        break;
    }
  } else {
    old = addr.valid() ? b.load(t, addr) : l.read(0);
    Value now;
    switch (op) {
      case BitOp::Test:
        break;
      case BitOp::Set:
        now = b.or_(old, mask);
        break;
      case BitOp::Reset:
        now = b.and_(old, b.not_(mask));
        break;
      case BitOp::Complement:
        now = b.xor_(old, mask);
        break;
    }
    if (now.valid()) {
      if (addr.valid())
        b.store(addr, now);
      else
        l.write(0, now);
    }
  }
  const Value cf = b.zext(Type::I64, b.ne(b.and_(old, mask), int_const(b, t, 0)));
  l.update_flags(1u << kCF, cf);
  return true;
}

bool bit_scan(Lifter& l, bool reverse) {
  ir::Builder& b = l.b;
  const Type t = l.type(0);
  const Value src = l.read(1);
  const Value zero = b.eq(src, int_const(b, t, 0));
  Value idx = reverse ? b.sub(int_const(b, t, ir::type_bits(t) - 1), b.clz(src)) : b.ctz(src);
  // A zero source leaves the destination alone, all 64 bits of it (as the hardware does).
  if (t == Type::I32 && l.is_reg(0)) {
    const ZydisRegister full =
        ZydisRegisterGetLargestEnclosing(ZYDIS_MACHINE_MODE_LONG_64, l.op(0).reg.value);
    l.write_reg(full, b.select(zero, l.read_reg(full), b.zext(Type::I64, idx)));
  } else {
    l.write(0, b.select(zero, l.read(0), idx));
  }
  l.set_cc(CcKind::Logic, src, src, src);
  return true;
}

bool count_bits(Lifter& l, Value (ir::Builder::*count)(Value)) {
  ir::Builder& b = l.b;
  const Type t = l.type(0);
  const Value src = l.read(1);
  const Value res = (b.*count)(src);
  l.write(0, res);
  // CF: the source was zero; ZF, SF, PF from the result; OF, AF clear.
  const Value cf = b.eq(src, int_const(b, t, 0));
  l.set_eflags(l.eflags_with_cf(CcKind::Logic, res, res, res, cf));
  return true;
}

}  // namespace

bool lift_and(Lifter& l) {
  return logic(l, &ir::Builder::and_, ir::AtomicOp::And, true);
}
bool lift_or(Lifter& l) {
  return logic(l, &ir::Builder::or_, ir::AtomicOp::Or, true);
}
bool lift_xor(Lifter& l) {
  return logic(l, &ir::Builder::xor_, ir::AtomicOp::Xor, true);
}
bool lift_test(Lifter& l) {
  return logic(l, &ir::Builder::and_, ir::AtomicOp::And, false);
}

bool lift_not(Lifter& l) {
  if (locked_mem(l)) {
    l.b.atomic_rmw(ir::AtomicOp::Xor, l.address(0), int_const(l.b, l.type(0), ~uint64_t{0}));
    return true;
  }
  l.write(0, l.b.not_(l.read(0)));
  return true;
}

bool lift_shl(Lifter& l) {
  return shift(l, ShiftKind::Shl);
}
bool lift_shr(Lifter& l) {
  return shift(l, ShiftKind::Shr);
}
bool lift_sar(Lifter& l) {
  return shift(l, ShiftKind::Sar);
}
bool lift_rol(Lifter& l) {
  return rotate(l, true);
}
bool lift_ror(Lifter& l) {
  return rotate(l, false);
}
bool lift_rcl(Lifter& l) {
  return rotate_carry(l, false);
}
bool lift_rcr(Lifter& l) {
  return rotate_carry(l, true);
}
bool lift_shld(Lifter& l) {
  return double_shift(l, true);
}
bool lift_shrd(Lifter& l) {
  return double_shift(l, false);
}
bool lift_bt(Lifter& l) {
  return bit_test(l, BitOp::Test);
}
bool lift_bts(Lifter& l) {
  return bit_test(l, BitOp::Set);
}
bool lift_btr(Lifter& l) {
  return bit_test(l, BitOp::Reset);
}
bool lift_btc(Lifter& l) {
  return bit_test(l, BitOp::Complement);
}
bool lift_bsf(Lifter& l) {
  return bit_scan(l, false);
}
bool lift_bsr(Lifter& l) {
  return bit_scan(l, true);
}
bool lift_lzcnt(Lifter& l) {
  return count_bits(l, &ir::Builder::clz);
}
bool lift_tzcnt(Lifter& l) {
  return count_bits(l, &ir::Builder::ctz);
}

bool lift_popcnt(Lifter& l) {
  ir::Builder& b = l.b;
  const Value src = l.read(1);
  l.write(0, b.popcnt(src));
  // Only ZF (source zero) may be set; every other flag is cleared.
  const Value zf = b.zext(Type::I64, b.eq(src, int_const(b, src.type, 0)));
  l.set_eflags(b.shl(zf, b.imm64(kZF)));
  return true;
}

}  // namespace xisa::x86_64
