// Loads and stores of general and SIMD&FP registers, Arm ARM C4.1.88: literal, register pairs,
// immediate (unscaled, pre/post-index, unsigned offset), register offset, exclusives and
// acquire/release (LDAPUR/STLUR of FEAT_LRCPC2 too). LD1..LD4/ST1..ST4 are in
// translate_simd_load_store.cpp, the LSE atomics in translate_atomic.cpp.
#include "common/host_cas128.h"
#include "frontend/aarch64/lifter.h"
#include "ir/helpers.h"

namespace xisa::aarch64 {

namespace {

enum class Access : uint8_t { Store, Load, LoadSigned64, LoadSigned32 };

// One register's transfer of `bytes` at addr: general registers (simd == false) or V registers.
void transfer(Lifter& l, Access kind, bool simd, unsigned bytes, unsigned reg, Value addr) {
  ir::Builder& b = l.b;
  const Type t = bytes == 16 ? Type::V128 : ir::int_type_of_bits(bytes * 8);
  if (kind == Access::Store) {
    Value v;
    if (simd)
      v = bytes == 16 ? l.v(reg) : l.v_scalar(reg, bytes * 8);
    else
      v = b.trunc(t, l.x(reg));
    b.store(addr, v);
    return;
  }
  const Value v = b.load(t, addr);
  if (simd) return l.set_v_scalar(reg, v);
  switch (kind) {
    case Access::LoadSigned64:
      l.set_x(reg, b.sext(Type::I64, v));
      break;
    case Access::LoadSigned32:
      l.set_x(reg, b.sext(Type::I32, v));
      break;
    default:
      l.set_x(reg, v);
      break;
  }
}

// Decodes size:opc of the single-register forms. Returns false for unallocated encodings;
// `prefetch` is set for PRFM/PRFUM (no architectural effect).
bool single_access(uint32_t insn, bool& simd, unsigned& bytes, Access& kind, bool& prefetch) {
  const unsigned size = bits(insn, 30, 2), opc = bits(insn, 22, 2);
  simd = bits(insn, 26, 1);
  prefetch = false;
  if (simd) {
    if (opc & 2) {
      if (size != 0) return false;
      bytes = 16;
    } else {
      bytes = 1u << size;
    }
    kind = (opc & 1) ? Access::Load : Access::Store;
    return true;
  }
  bytes = 1u << size;
  switch (opc) {
    case 0:
      kind = Access::Store;
      return true;
    case 1:
      kind = Access::Load;
      return true;
    case 2:
      if (size == 3) prefetch = true;
      kind = Access::LoadSigned64;
      return true;
    default:
      kind = Access::LoadSigned32;
      return size < 2;
  }
}

unsigned log2_bytes(unsigned bytes) {
  return static_cast<unsigned>(__builtin_ctz(bytes));
}

// STXR/STXP: succeeds (returns 0) only with a live reservation of this address and size, by
// compare-and-swap against the value(s) LDXR saw. The reservation is cleared either way.
template <typename T>
uint64_t store_exclusive(void* s, uint64_t addr, uint64_t value, uint64_t) {
  auto& st = *static_cast<Aarch64State*>(s);
  const bool live = st.excl_addr == addr && st.excl_size == sizeof(T);
  st.excl_addr = kNoExclusive;
  if (!live) return 1;
  T expected = static_cast<T>(st.excl_value);
  return __atomic_compare_exchange_n(reinterpret_cast<T*>(addr), &expected, static_cast<T>(value),
                                     false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
             ? 0
             : 1;
}
// STXP of two X registers: one 16-byte compare-and-swap against both words LDXP saw.
uint64_t store_exclusive_pair64(void* s, uint64_t addr, uint64_t lo, uint64_t hi) {
  auto& st = *static_cast<Aarch64State*>(s);
  const bool live = st.excl_addr == addr && st.excl_size == 16;
  st.excl_addr = kNoExclusive;
  if (!live) return 1;
  WordPair seen{st.excl_value, st.excl_value_hi};
  return host_cas128(addr, seen, {lo, hi}) ? 0 : 1;
}
constexpr ir::HelperInfo kStoreExclusive[4] = {
    {"a64_stxrb", &store_exclusive<uint8_t>},
    {"a64_stxrh", &store_exclusive<uint16_t>},
    {"a64_stxr_w", &store_exclusive<uint32_t>},
    {"a64_stxr_x", &store_exclusive<uint64_t>},
};
constexpr ir::HelperInfo kStoreExclusivePair64{"a64_stxp_x", &store_exclusive_pair64};

}  // namespace

// LDR (literal) for W, X, S, D, Q; LDRSW (literal); PRFM (literal).
bool lift_LDR_lit(Lifter& l, uint32_t insn) {
  const unsigned opc = bits(insn, 30, 2);
  const bool simd = bits(insn, 26, 1);
  const Value addr = l.b.imm64(l.pc + sign_extend(uint64_t{bits(insn, 5, 19)} << 2, 21));
  if (simd) {
    if (opc == 3) return false;
    transfer(l, Access::Load, true, 4u << opc, rt(insn), addr);
    return true;
  }
  switch (opc) {
    case 0:
      transfer(l, Access::Load, false, 4, rt(insn), addr);
      break;
    case 1:
      transfer(l, Access::Load, false, 8, rt(insn), addr);
      break;
    case 2:
      transfer(l, Access::LoadSigned64, false, 4, rt(insn), addr);
      break;
    default:
      break;  // PRFM
  }
  return true;
}

// LDXR/STXR (and acquire/release forms), LDXP/STXP, LDAR/STLR.
bool lift_LDST_excl(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const unsigned size = bits(insn, 30, 2), bytes = 1u << size;
  const bool o2 = bits(insn, 23, 1), load = bits(insn, 22, 1), o1 = bits(insn, 21, 1),
             o0 = bits(insn, 15, 1);
  const Value addr = l.x_sp(rn(insn));
  const Type t = ir::int_type_of_bits(bytes * 8);
  if (o2) {
    if (o1) return false;  // CAS with Rt2 != 11111: unallocated (CAS is lift_CAS)
    if (load) {
      transfer(l, Access::Load, false, bytes, rt(insn), addr);
      b.fence(ir::FenceKind::Acquire);
    } else {
      b.fence(ir::FenceKind::Release);
      transfer(l, Access::Store, false, bytes, rt(insn), addr);
    }
    return true;
  }
  const bool pair = o1;
  if (pair && size < 2) return false;
  // Exclusives need natural alignment (of the pair as a whole): an alignment fault, SIGBUS.
  const uint64_t align_mask = (pair ? 2 * bytes : bytes) - 1;
  if (align_mask)
    b.trap_if(b.ne(b.and_(addr, b.imm64(align_mask)), b.imm64(0)), ir::TrapKind::MisalignedAtomic,
              l.pc);
  if (load) {
    const Value first = b.load(t, addr);
    Value second;
    if (pair) second = b.load(t, b.add(addr, b.imm64(bytes)));
    b.set_reg(kOffExclAddr, addr);
    b.set_reg(kOffExclValue, b.zext(Type::I64, first));
    b.set_reg(kOffExclSize, b.imm64(pair ? 2 * bytes : bytes));
    if (pair) b.set_reg(kOffExclValueHi, b.zext(Type::I64, second));
    l.set_x(rt(insn), first);
    if (pair) l.set_x(rt2(insn), second);
    if (o0) b.fence(ir::FenceKind::Acquire);
    return true;
  }
  if (o0) b.fence(ir::FenceKind::Release);
  Value status;
  if (!pair && size >= 2) {
    // STXR of a W or X register inline (no helper call: mutexes spin on it): a
    // compare-and-swap against what LDXR saw, with a live reservation of this address and
    // size; without one the CAS writes back what it expects, so memory is unchanged.
    const Value reserved = b.trunc(t, b.get_reg(Type::I64, kOffExclValue));
    const Value live = b.and_(b.eq(b.get_reg(Type::I64, kOffExclAddr), addr),
                              b.eq(b.get_reg(Type::I64, kOffExclSize), b.imm64(bytes)));
    const Value desired = b.select(live, b.trunc(t, l.x(rt(insn))), reserved);
    const Value old = b.atomic_cas(addr, reserved, desired);
    const Value stored = b.and_(live, b.eq(old, reserved));
    b.set_reg(kOffExclAddr, b.imm64(kNoExclusive));
    status = b.zext(Type::I64, b.xor_(stored, b.imm8(1)));
  } else if (!pair) {
    status = b.call(kStoreExclusive[size], {addr, l.x(rt(insn))});
  } else if (size == 2) {  // two W registers: one 64-bit compare-and-swap
    const Value lo = b.zext(Type::I64, b.trunc(Type::I32, l.x(rt(insn))));
    const Value joined = b.or_(lo, b.shl(l.x(rt2(insn)), b.imm64(32)));
    // The reservation holds the two words as LDXP saw them; join them the same way.
    const Value seen = b.or_(b.get_reg(Type::I64, kOffExclValue),
                             b.shl(b.get_reg(Type::I64, kOffExclValueHi), b.imm64(32)));
    b.set_reg(kOffExclValue, seen);
    status = b.call(kStoreExclusive[3], {addr, joined});
  } else {
    status = b.call(kStoreExclusivePair64, {addr, l.x(rt(insn)), l.x(rt2(insn))});
  }
  l.set_x(rs(insn), b.trunc(Type::I32, status));
  return true;
}

// LDP, STP, LDNP, STNP, LDPSW for general and SIMD&FP registers; offset, pre- and post-index.
bool lift_LDST_pair(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const unsigned opc = bits(insn, 30, 2), mode = bits(insn, 23, 2);
  const bool simd = bits(insn, 26, 1), load = bits(insn, 22, 1);
  if (opc == 3) return false;
  unsigned scale;
  Access kind = load ? Access::Load : Access::Store;
  if (simd) {
    scale = 2 + opc;
  } else {
    if (opc == 1 && (!load || mode == 0)) return false;
    scale = opc == 2 ? 3 : 2;
    if (opc == 1) kind = Access::LoadSigned64;
  }
  const unsigned bytes = 1u << scale;
  const int64_t offset = sign_extend(bits(insn, 15, 7), 7) * static_cast<int64_t>(bytes);
  const Value base = l.x_sp(rn(insn));
  const Value moved = b.add(base, b.imm64(static_cast<uint64_t>(offset)));
  const Value addr = mode == 1 ? base : moved;
  const Value addr2 = b.add(addr, b.imm64(bytes));
  if (load) {
    const Type t = bytes == 16 ? Type::V128 : ir::int_type_of_bits(bytes * 8);
    const Value v1 = b.load(t, addr), v2 = b.load(t, addr2);
    auto put = [&](unsigned r, Value v) {
      if (simd)
        l.set_v_scalar(r, v);
      else if (kind == Access::LoadSigned64)
        l.set_x(r, b.sext(Type::I64, v));
      else
        l.set_x(r, v);
    };
    put(rt(insn), v1);
    put(rt2(insn), v2);
  } else {
    transfer(l, kind, simd, bytes, rt(insn), addr);
    transfer(l, kind, simd, bytes, rt2(insn), addr2);
  }
  if (mode == 1 || mode == 3) l.set_x_sp(rn(insn), moved);
  return true;
}

// LDUR/STUR, LDTR/STTR (unprivileged: the same at EL0), and pre/post-index with imm9.
bool lift_LDST_imm9(Lifter& l, uint32_t insn) {
  bool simd, prefetch;
  unsigned bytes;
  Access kind;
  if (!single_access(insn, simd, bytes, kind, prefetch)) return false;
  const unsigned mode = bits(insn, 10, 2);
  if (prefetch && mode != 0) return false;
  if (simd && mode == 2) return false;
  ir::Builder& b = l.b;
  const Value base = l.x_sp(rn(insn));
  const Value moved =
      b.add(base, b.imm64(static_cast<uint64_t>(sign_extend(bits(insn, 12, 9), 9))));
  if (prefetch) return true;
  transfer(l, kind, simd, bytes, rt(insn), mode == 1 ? base : moved);
  if (mode == 1 || mode == 3) l.set_x_sp(rn(insn), moved);
  return true;
}

// LDR/STR (register offset): Xn|SP + (Rm extended by UXTW/LSL/SXTW/SXTX, shifted by the size).
bool lift_LDST_regoff(Lifter& l, uint32_t insn) {
  bool simd, prefetch;
  unsigned bytes;
  Access kind;
  if (!single_access(insn, simd, bytes, kind, prefetch)) return false;
  const unsigned option = bits(insn, 13, 3);
  if ((option & 2) == 0) return false;
  const unsigned amount = bits(insn, 12, 1) ? log2_bytes(bytes) : 0;
  const Value offset = extended_reg(l, true, rm(insn), option, amount);
  if (prefetch) return true;
  transfer(l, kind, simd, bytes, rt(insn), l.b.add(l.x_sp(rn(insn)), offset));
  return true;
}

// STLUR, LDAPUR, LDAPURS (FEAT_LRCPC2): Xn|SP + imm9 with release or acquire (RCpc) order.
bool lift_LDAPR_STLR_imm9(Lifter& l, uint32_t insn) {
  const unsigned size = bits(insn, 30, 2), opc = bits(insn, 22, 2);
  static constexpr Access kKinds[4] = {Access::Store, Access::Load, Access::LoadSigned64,
                                       Access::LoadSigned32};
  if ((opc == 2 && size == 3) || (opc == 3 && size >= 2)) return false;
  ir::Builder& b = l.b;
  const Value addr =
      b.add(l.x_sp(rn(insn)), b.imm64(static_cast<uint64_t>(sign_extend(bits(insn, 12, 9), 9))));
  if (opc == 0) b.fence(ir::FenceKind::Release);
  transfer(l, kKinds[opc], false, 1u << size, rt(insn), addr);
  if (opc != 0) b.fence(ir::FenceKind::Acquire);
  return true;
}

// LDR/STR (unsigned offset): Xn|SP + imm12 scaled by the access size.
bool lift_LDST_uimm(Lifter& l, uint32_t insn) {
  bool simd, prefetch;
  unsigned bytes;
  Access kind;
  if (!single_access(insn, simd, bytes, kind, prefetch)) return false;
  if (prefetch) return true;
  const uint64_t offset = uint64_t{bits(insn, 10, 12)} * bytes;
  transfer(l, kind, simd, bytes, rt(insn), l.b.add(l.x_sp(rn(insn)), l.b.imm64(offset)));
  return true;
}

}  // namespace xisa::aarch64
