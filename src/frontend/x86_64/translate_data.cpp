// Data movement (SDM vol. 1, 7.3.1): MOV and its extensions, LEA, XCHG, stack, conversions,
// CMOVcc/SETcc, and the compare-exchange family, whose memory forms are real host atomics.
#include "common/host_cas128.h"
#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

namespace {

Type width_type(const Lifter& l) {
  return ir::int_type_of_bits(l.in->d.operand_width);
}

// x86_cmpxchg16b(state, addr, bytes): compares rdx:rax (edx:eax) with memory and stores
// rcx:rbx (ecx:ebx) on a match, atomically; returns ZF. The IR has no 128-bit compare-and-swap,
// so the helper uses the host's (common/host_cas128.h).
uint64_t helper_cmpxchg16b(void* state, uint64_t addr, uint64_t bytes, uint64_t) {
  auto& g = static_cast<X86_64State*>(state)->gpr;
  if (bytes == 8) {
    const uint64_t expected = (g[kRdx] << 32) | (g[kRax] & 0xffffffffu);
    const uint64_t desired = (g[kRcx] << 32) | (g[kRbx] & 0xffffffffu);
    uint64_t seen = expected;
    if (__atomic_compare_exchange_n(reinterpret_cast<uint64_t*>(addr), &seen, desired, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
      return 1;
    g[kRax] = seen & 0xffffffffu;
    g[kRdx] = seen >> 32;
    return 0;
  }
  WordPair seen{g[kRax], g[kRdx]};
  if (host_cas128(addr, seen, {g[kRbx], g[kRcx]})) return 1;
  g[kRax] = seen.lo;
  g[kRdx] = seen.hi;
  return 0;
}
const ir::HelperInfo kCmpxchg16b{"x86_cmpxchg16b", helper_cmpxchg16b};

}  // namespace

bool lift_mov(Lifter& l) {
  if (!l.is_mem(0) && !l.is_reg(0)) return false;
  if (l.is_reg(0) && ZydisRegisterGetClass(l.op(0).reg.value) == ZYDIS_REGCLASS_SEGMENT)
    return false;
  if (l.is_reg(1) && ZydisRegisterGetClass(l.op(1).reg.value) == ZYDIS_REGCLASS_SEGMENT) {
    // Linux's 64-bit user selectors: CS 0x33, SS 0x2b, the data segments null.
    const ZydisRegister seg = l.op(1).reg.value;
    const uint64_t selector = seg == ZYDIS_REGISTER_CS ? 0x33 : seg == ZYDIS_REGISTER_SS ? 0x2b : 0;
    l.write(0, int_const(l.b, l.type(0), selector));
    return true;
  }
  l.write(0, l.read_as(1, l.type(0)));
  return true;
}

bool lift_movzx(Lifter& l) {
  l.write(0, l.b.zext(l.type(0), l.read(1)));
  return true;
}

bool lift_movsx(Lifter& l) {
  l.write(0, l.b.sext(l.type(0), l.read(1)));
  return true;
}

// MOVSXD; with a 16-bit operand size it reads 32 bits and keeps the low 16, as hardware does.
bool lift_movsxd(Lifter& l) {
  if (l.bits(1) > l.bits(0)) {
    l.write(0, l.b.trunc(l.type(0), l.read(1)));
    return true;
  }
  return lift_movsx(l);
}

bool lift_lea(Lifter& l) {
  l.write(0, l.b.trunc(l.type(0), l.address(1)));
  return true;
}

bool lift_movbe(Lifter& l) {
  l.write(0, l.b.bswap(l.read(1)));
  return true;
}

bool lift_xchg(Lifter& l) {
  if (l.is_mem(0) || l.is_mem(1)) {
    // XCHG with memory is always locked.
    const unsigned m = l.is_mem(0) ? 0 : 1, r = 1 - m;
    const Value old = l.b.atomic_rmw(ir::AtomicOp::Swap, l.address(m), l.read(r));
    l.write(r, old);
    return true;
  }
  const Value a = l.read(0), b = l.read(1);
  l.write(0, b);
  l.write(1, a);
  return true;
}

bool lift_bswap(Lifter& l) {
  // BSWAP r16 is undefined in the SDM; CPUs clear the low word (QEMU swaps 32 bits instead).
  if (l.bits(0) == 16)
    l.write(0, int_const(l.b, ir::Type::I16, 0));
  else
    l.write(0, l.b.bswap(l.read(0)));
  return true;
}

bool lift_push(Lifter& l) {
  const Type t = width_type(l);
  l.push(l.read_as(0, t));
  return true;
}

bool lift_pop(Lifter& l) {
  if (!l.is_mem(0) && !l.is_reg(0)) return false;
  const Value v = l.pop(width_type(l));
  l.write(0, v);
  return true;
}

// LEAVE: rSP = rBP, then rBP (BP with 0x66, the rest of RBP kept) popped. The load comes first,
// so a fault leaves both registers as they were.
bool lift_leave(Lifter& l) {
  const Type t = width_type(l);
  const Value frame = l.gpr(kRbp);
  const Value saved = l.b.load(t, frame);
  l.set_gpr(kRsp, l.b.add(frame, l.b.imm64(ir::type_bytes(t))));
  l.set_gpr(kRbp, saved);
  return true;
}

// ENTER size, level (SDM vol. 2 ENTER, 64-bit stack): push rBP; for level > 0, copy level - 1
// frame pointers from the enclosing frame below it (rBP - k*width) and push the new frame
// pointer; then rBP = the new frame (BP only with 0x66) and RSP drops by size more. Memory goes
// first and the registers last, so a fault leaves them as they were.
bool lift_enter(Lifter& l) {
  ir::Builder& b = l.b;
  const Type t = width_type(l);
  const uint64_t width = ir::type_bytes(t);
  const uint64_t size = l.op(0).imm.value.u & 0xffff;
  const unsigned level = static_cast<unsigned>(l.op(1).imm.value.u & 31);
  const Value rbp = l.gpr(kRbp);
  const Value frame = b.sub(l.gpr(kRsp), b.imm64(width));
  b.store(frame, b.trunc(t, rbp));
  Value sp = frame;
  if (level > 0) {
    for (unsigned k = 1; k < level; ++k) {
      sp = b.sub(sp, b.imm64(width));
      b.store(sp, b.load(t, b.sub(rbp, b.imm64(k * width))));
    }
    sp = b.sub(sp, b.imm64(width));
    b.store(sp, b.trunc(t, frame));
  }
  l.set_gpr(kRbp, b.trunc(t, frame));
  l.set_gpr(kRsp, b.sub(sp, b.imm64(size)));
  return true;
}

// CBW/CWDE/CDQE: the accumulator's low half, sign-extended in place.
bool lift_cbw(Lifter& l) {
  const Type t = width_type(l);
  const Type half = ir::int_type_of_bits(ir::type_bits(t) / 2);
  l.set_gpr(kRax, l.b.sext(t, l.gpr(kRax, half)));
  return true;
}

// CWD/CDQ/CQO: rDX = the sign of rAX, repeated.
bool lift_cwd(Lifter& l) {
  const Type t = width_type(l);
  const Value a = l.gpr(kRax, t);
  l.set_gpr(kRdx, l.b.sar(a, int_const(l.b, t, ir::type_bits(t) - 1)));
  return true;
}

bool lift_cmovcc(Lifter& l) {
  const Value c = l.cond(l.in->cond());
  const Value src = l.read(1);
  const Value dst = l.read(0);
  // The 32-bit form zero-extends the destination even when the condition is false.
  l.write(0, l.b.select(c, src, dst));
  return true;
}

bool lift_setcc(Lifter& l) {
  l.write(0, l.cond(l.in->cond()));
  return true;
}

bool lift_cmpxchg(Lifter& l) {
  ir::Builder& b = l.b;
  const Type t = l.type(0);
  const Value acc = l.gpr(kRax, t);
  const Value src = l.read(1);
  Value old;
  if (l.is_mem(0)) {
    old = b.atomic_cas(l.address(0), acc, src);
  } else {
    old = l.read(0);
    if (ir::type_bits(t) == 32) {
      // A 32-bit destination zero-extends when it is written (a match); on a mismatch this
      // host's CPU (AMD) leaves all 64 bits alone, as the native-diff test shows.
      const ZydisRegister reg = l.op(0).reg.value;
      const unsigned r = static_cast<unsigned>(reg - ZYDIS_REGISTER_EAX);
      l.set_gpr(r, b.select(b.eq(old, acc), b.zext(Type::I64, src), l.gpr(r)));
    } else {
      l.write(0, b.select(b.eq(old, acc), src, old));
    }
  }
  const Value equal = b.eq(old, acc);
  // rAX is written only on a mismatch (so a 32-bit success leaves bits 63:32 alone).
  const Value rax = l.gpr(kRax);
  Value loaded = b.zext(Type::I64, old);
  if (ir::type_bits(t) < 32)
    loaded = b.or_(b.and_(rax, b.imm64(~((uint64_t{1} << ir::type_bits(t)) - 1))), loaded);
  l.set_gpr(kRax, b.select(equal, rax, loaded));
  l.set_cc(CcKind::Sub, acc, old, b.sub(acc, old));
  return true;
}

bool lift_cmpxchg8b(Lifter& l) {
  const uint64_t bytes = l.bits(0) / 8;
  const Value zf = l.b.call(kCmpxchg16b, {l.address(0), l.b.imm64(bytes)});
  // Only ZF changes: fold it into the other flags.
  const Value others = l.b.and_(l.eflags(), l.b.imm64(~uint64_t{1u << kZF}));
  l.set_eflags(l.b.or_(others, l.b.shl(zf, l.b.imm64(kZF))));
  return true;
}

bool lift_xadd(Lifter& l) {
  ir::Builder& b = l.b;
  const Value src = l.read(1);
  Value old;
  if (l.is_mem(0)) {
    old = b.atomic_rmw(ir::AtomicOp::Add, l.address(0), src);
  } else {
    old = l.read(0);
    l.write(1, old);  // XADD r, r: the source gets the old destination first
    l.write(0, b.add(old, src));
    l.set_cc(CcKind::Add, old, src, b.add(old, src));
    return true;
  }
  l.write(1, old);
  l.set_cc(CcKind::Add, old, src, b.add(old, src));
  return true;
}

}  // namespace xisa::x86_64
