// Large System Extensions (FEAT_LSE, Arm ARM C4.1.88 "Atomic memory operations", "Compare and
// swap"): CAS, CASP, LDADD/LDCLR/LDEOR/LDSET/LDSMAX/LDSMIN/LDUMAX/LDUMIN, SWP (with their ST
// aliases, Rt = XZR), and LDAPR (FEAT_LRCPC), which shares their encoding class. Each is one host
// atomic: the IR's atomics are sequentially consistent, which covers every A/L ordering, so the
// acquire and release bits need nothing more. Without FEAT_LSE2 an access that is not naturally
// aligned is an alignment fault (SIGBUS, BUS_ADRALN).
#include "common/host_cas128.h"
#include "frontend/aarch64/lifter.h"

namespace xisa::aarch64 {

namespace {

// Xn|SP, trapping with SIGBUS unless it is a multiple of `bytes`.
Value aligned_base(Lifter& l, uint32_t insn, unsigned bytes) {
  ir::Builder& b = l.b;
  const Value addr = l.x_sp(rn(insn));
  if (bytes > 1)
    b.trap_if(b.ne(b.and_(addr, b.imm64(bytes - 1)), b.imm64(0)), ir::TrapKind::MisalignedAtomic,
              l.pc);
  return addr;
}

// The value of register r as the `bytes` wide access sees it (XZR reads as zero).
Value operand(Lifter& l, unsigned r, unsigned bytes) {
  return l.b.trunc(ir::int_type_of_bits(bytes * 8), l.x(r));
}

// CASP of two X registers: s and t are even register numbers, s + 1 or t + 1 may be XZR.
uint64_t casp_x(void* state, uint64_t addr, uint64_t regs, uint64_t) {
  auto& st = *static_cast<Aarch64State*>(state);
  const unsigned s = regs & 31, t = (regs >> 8) & 31;
  auto x = [&](unsigned r) { return r == 31 ? 0 : st.x[r]; };
  WordPair seen{x(s), x(s + 1)};
  host_cas128(addr, seen, {x(t), x(t + 1)});
  st.x[s] = seen.lo;
  if (s + 1 != 31) st.x[s + 1] = seen.hi;
  return 0;
}
constexpr ir::HelperInfo kCaspX{"a64_casp_x", &casp_x};

}  // namespace

// CAS, CASA, CASL, CASAL (B, H, W, X): compares Rs with memory, stores Rt on a match; Rs gets
// the old value either way.
bool lift_CAS(Lifter& l, uint32_t insn) {
  const unsigned bytes = 1u << bits(insn, 30, 2);
  const Value addr = aligned_base(l, insn, bytes);
  const Value old = l.b.atomic_cas(addr, operand(l, rs(insn), bytes), operand(l, rt(insn), bytes));
  l.set_x(rs(insn), old);
  return true;
}

// CASP, CASPA, CASPL, CASPAL (W and X pairs): the pair Rs, Rs+1 compared with two adjacent
// words, Rt, Rt+1 stored on a match; the pair at the lower address is the first register.
bool lift_CASP(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const unsigned s = rs(insn), t = rt(insn);
  if ((s & 1) || (t & 1)) return false;  // odd registers: unallocated
  if (bits(insn, 30, 1)) {
    const Value addr = aligned_base(l, insn, 16);
    b.call(kCaspX, {addr, b.imm64(s | t << 8)});
    return true;
  }
  auto join = [&](unsigned r) {
    return b.or_(b.zext(Type::I64, operand(l, r, 4)), b.shl(l.x(r + 1), b.imm64(32)));
  };
  const Value addr = aligned_base(l, insn, 8);
  const Value old = b.atomic_cas(addr, join(s), join(t));
  l.set_x(s, b.trunc(Type::I32, old));
  l.set_x(s + 1, b.shr(old, b.imm64(32)));
  return true;
}

// LD<op> and SWP (B, H, W, X; A, L, AL): Rt gets the old value zero-extended, memory the
// result of op(old, Rs). LDCLR clears the bits set in Rs: AND with its complement. LDAPR:
// a load-acquire (RCpc); the host's loads are at least as strong.
bool lift_LDST_atomic(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const unsigned bytes = 1u << bits(insn, 30, 2), opc = bits(insn, 12, 3);
  const bool o3 = bits(insn, 15, 1);
  if (o3) {
    if (opc == 4) {  // LDAPR: A = 1, R = 0, Rs = 11111
      if (!bits(insn, 23, 1) || bits(insn, 22, 1) || rs(insn) != 31) return false;
      l.set_x(rt(insn), b.load(ir::int_type_of_bits(bytes * 8), l.x_sp(rn(insn))));
      b.fence(ir::FenceKind::Acquire);
      return true;
    }
    if (opc != 0) return false;
  }
  static constexpr ir::AtomicOp kOps[8] = {
      ir::AtomicOp::Add,  ir::AtomicOp::And,  ir::AtomicOp::Xor,  ir::AtomicOp::Or,
      ir::AtomicOp::MaxS, ir::AtomicOp::MinS, ir::AtomicOp::MaxU, ir::AtomicOp::MinU};
  const ir::AtomicOp op = o3 ? ir::AtomicOp::Swap : kOps[opc];
  const Value addr = aligned_base(l, insn, bytes);
  Value value = operand(l, rs(insn), bytes);
  if (!o3 && opc == 1) value = b.not_(value);
  l.set_x(rt(insn), b.atomic_rmw(op, addr, value));
  return true;
}

}  // namespace xisa::aarch64
