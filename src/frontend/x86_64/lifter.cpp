// Operand access, effective addresses, the stack and lazy flags for the x86-64 lifter.
#include "frontend/x86_64/lifter.h"

#include <array>

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

namespace {

struct GprRef {
  unsigned index;
  unsigned bits;
  bool high8;  // AH, CH, DH, BH
};

bool gpr_ref(ZydisRegister reg, GprRef& out) {
  if (reg >= ZYDIS_REGISTER_AL && reg <= ZYDIS_REGISTER_BL) {
    out = {static_cast<unsigned>(reg - ZYDIS_REGISTER_AL), 8, false};
  } else if (reg >= ZYDIS_REGISTER_AH && reg <= ZYDIS_REGISTER_BH) {
    out = {static_cast<unsigned>(reg - ZYDIS_REGISTER_AH), 8, true};
  } else if (reg >= ZYDIS_REGISTER_SPL && reg <= ZYDIS_REGISTER_R15B) {
    out = {static_cast<unsigned>(reg - ZYDIS_REGISTER_SPL) + 4, 8, false};
  } else if (reg >= ZYDIS_REGISTER_AX && reg <= ZYDIS_REGISTER_R15W) {
    out = {static_cast<unsigned>(reg - ZYDIS_REGISTER_AX), 16, false};
  } else if (reg >= ZYDIS_REGISTER_EAX && reg <= ZYDIS_REGISTER_R15D) {
    out = {static_cast<unsigned>(reg - ZYDIS_REGISTER_EAX), 32, false};
  } else if (reg >= ZYDIS_REGISTER_RAX && reg <= ZYDIS_REGISTER_R15) {
    out = {static_cast<unsigned>(reg - ZYDIS_REGISTER_RAX), 64, false};
  } else {
    return false;
  }
  return true;
}

// The lift-time domain of the flag formulas: each operation appends IR.
struct IrFlagDomain {
  using W = Value;
  using F = Value;
  ir::Builder& b;
  unsigned bits;
  Type t() const { return ir::int_type_of_bits(bits); }
  W k(uint64_t v) { return int_const(b, t(), v); }
  W xor_(W x, W y) { return b.xor_(x, y); }
  W and_(W x, W y) { return b.and_(x, y); }
  F bit(W v, unsigned n) { return b.trunc(Type::I8, b.and_(n ? b.shr(v, k(n)) : v, k(1))); }
  F eq(W x, W y) { return b.eq(x, y); }
  F ne(W x, W y) { return b.ne(x, y); }
  F ltu(W x, W y) { return b.ltu(x, y); }
  F lts(W x, W y) { return b.lts(x, y); }
  F les(W x, W y) { return b.les(x, y); }
  F parity(W v) {
    const Value ones = b.popcnt(b.trunc(Type::I8, v));
    return b.xor_(b.and_(ones, b.imm8(1)), b.imm8(1));
  }
  F f(bool v) { return b.imm8(v ? 1 : 0); }
  F fxor(F x, F y) { return b.xor_(x, y); }
  F forr(F x, F y) { return b.or_(x, y); }
};

uint64_t helper_eflags(void* state, uint64_t, uint64_t, uint64_t) {
  const auto& s = *static_cast<const X86_64State*>(state);
  return compute_eflags(s.cc_op, s.cc_src1, s.cc_src2, s.cc_res);
}
// Pure: reads the lazy flag fields only, so an unused materialisation is dead code.
const ir::HelperInfo kEflagsHelper{"x86_eflags", helper_eflags, true};

uint64_t helper_cond(void* state, uint64_t cond, uint64_t, uint64_t) {
  const auto& s = *static_cast<const X86_64State*>(state);
  return compute_cond(s.cc_op, s.cc_src1, s.cc_src2, s.cc_res, static_cast<Cond>(cond)) ? 1 : 0;
}
const ir::HelperInfo kCondHelper{"x86_cond", helper_cond, true};

// The register classes the handlers know; an instruction naming any other (ZMM, mask, bound,
// control or debug registers...) is refused before a handler sees it.
bool handled_register_class(ZydisRegisterClass c) {
  switch (c) {
    case ZYDIS_REGCLASS_GPR8:
    case ZYDIS_REGCLASS_GPR16:
    case ZYDIS_REGCLASS_GPR32:
    case ZYDIS_REGCLASS_GPR64:
    case ZYDIS_REGCLASS_X87:
    case ZYDIS_REGCLASS_MMX:
    case ZYDIS_REGCLASS_XMM:
    case ZYDIS_REGCLASS_YMM:
    case ZYDIS_REGCLASS_SEGMENT:
      return true;
    default:
      return false;
  }
}

}  // namespace

void Lifter::begin(const Insn* insn) {
  in = insn;
  for (auto& a : addr_cache_) a = {};
  refused_ = false;
  mmx_form_ = false;
  for (auto& s : slot_) s = kOwnSlot;
  // EVEX (AVX-512), XOP and 3DNow! are not implemented; EVEX alone can name XMM16-31.
  if (insn->d.encoding != ZYDIS_INSTRUCTION_ENCODING_LEGACY &&
      insn->d.encoding != ZYDIS_INSTRUCTION_ENCODING_VEX)
    refused_ = true;
  for (unsigned i = 0; i < insn->d.operand_count_visible; ++i) {
    if (!is_reg(i)) continue;
    const ZydisRegisterClass c = ZydisRegisterGetClass(insn->op[i].reg.value);
    if (!handled_register_class(c)) refused_ = true;
    if (c == ZYDIS_REGCLASS_MMX) mmx_form_ = true;
  }
}

void Lifter::prologue() {
  if (mmx_form_) raise_pending_x87_exception();
}

void Lifter::raise_pending_x87_exception() {
  const Value fsw = b.get_reg(Type::I16, XISA_X86_FIELD(fsw));
  const Value fcw = b.get_reg(Type::I16, XISA_X86_FIELD(fcw));
  const Value pending = b.and_(b.and_(fsw, b.not_(fcw)), b.constant(Type::I16, 0x3f));
  b.trap_if(b.ne(pending, b.constant(Type::I16, 0)), ir::TrapKind::X87Error, in->pc);
}

void Lifter::finish() {
  if (!mmx_form_) return;
  // MMX mode: TOP = 0 and all tags valid (the full tag word 0, FXSAVE's abridged byte 0xff).
  b.set_reg(XISA_X86_FIELD(ftop), b.imm8(0));
  b.set_reg(XISA_X86_FIELD(ftw), b.constant(Type::I16, 0xff));
}

Value Lifter::refuse(Type t) {
  refused_ = true;
  return t == Type::V128 ? b.vconst(0, 0) : int_const(b, t, 0);
}

Value Lifter::gpr(unsigned r, Type t) {
  return b.trunc(t, b.get_reg(Type::I64, gpr_offset(r)));
}

void Lifter::set_gpr(unsigned r, Value v) {
  switch (v.type) {
    case Type::I64:
      b.set_reg(gpr_offset(r), v);
      return;
    case Type::I32:
      b.set_reg(gpr_offset(r), b.zext(Type::I64, v));
      return;
    default: {
      // 8/16-bit writes keep the rest of the register.
      const uint64_t mask = v.type == Type::I8 ? 0xff : 0xffff;
      const Value old = gpr(r);
      const Value merged = b.or_(b.and_(old, b.imm64(~mask)), b.zext(Type::I64, v));
      b.set_reg(gpr_offset(r), merged);
    }
  }
}

Value Lifter::read_reg(ZydisRegister reg) {
  GprRef g{};
  if (!gpr_ref(reg, g)) return refuse(Type::I64);
  if (g.high8) return b.trunc(Type::I8, b.shr(gpr(g.index), b.imm64(8)));
  return gpr(g.index, ir::int_type_of_bits(g.bits));
}

void Lifter::write_reg(ZydisRegister reg, Value v) {
  GprRef g{};
  if (!gpr_ref(reg, g) || !ir::is_int(v.type)) {
    refuse(Type::I64);
    return;
  }
  if (g.high8) {
    const Value old = gpr(g.index);
    const Value byte = b.shl(b.zext(Type::I64, v), b.imm64(8));
    b.set_reg(gpr_offset(g.index), b.or_(b.and_(old, b.imm64(~uint64_t{0xff00})), byte));
    return;
  }
  set_gpr(g.index, v);
}

Value Lifter::address(unsigned i) {
  if (!is_mem(i)) return refuse(Type::I64);
  if (addr_cache_[i].valid()) return addr_cache_[i];
  const auto& m = in->op[i].mem;
  Value addr;
  auto add = [&](Value v) { addr = addr.valid() ? b.add(addr, v) : v; };
  if (m.base == ZYDIS_REGISTER_RIP || m.base == ZYDIS_REGISTER_EIP) {
    add(b.imm64(in->next_pc() + static_cast<uint64_t>(m.disp.value)));
  } else {
    if (m.base != ZYDIS_REGISTER_NONE) add(b.zext(Type::I64, read_reg(m.base)));
    if (m.index != ZYDIS_REGISTER_NONE) {
      Value idx = b.zext(Type::I64, read_reg(m.index));
      if (m.scale > 1) idx = b.shl(idx, b.imm64(static_cast<uint64_t>(__builtin_ctz(m.scale))));
      add(idx);
    }
    if (m.disp.value != 0 || !addr.valid()) add(b.imm64(static_cast<uint64_t>(m.disp.value)));
  }
  if (in->d.address_width == 32) addr = b.zext(Type::I64, b.trunc(Type::I32, addr));
  if (m.segment == ZYDIS_REGISTER_FS)
    addr = b.add(addr, b.get_reg(Type::I64, XISA_X86_FIELD(fs_base)));
  if (m.segment == ZYDIS_REGISTER_GS)
    addr = b.add(addr, b.get_reg(Type::I64, XISA_X86_FIELD(gs_base)));
  addr_cache_[i] = addr;
  return addr;
}

Value Lifter::xmm(unsigned i) {
  return b.get_reg(Type::V128, xmm_offset(xmm_index(i)));
}

void Lifter::set_xmm(unsigned i, Value v) {
  b.set_reg(xmm_offset(xmm_index(i)), v);
}

unsigned Lifter::xmm_index(unsigned i) {
  if (!is_xmm(i)) {
    refuse(Type::I64);
    return 0;
  }
  if (slot_[i] != kOwnSlot) return slot_[i];
  return static_cast<unsigned>(in->op[i].reg.value - ZYDIS_REGISTER_XMM0);
}

bool Lifter::is_xmm(unsigned i) const {
  return is_reg(i) && ZydisRegisterGetClass(in->op[i].reg.value) == ZYDIS_REGCLASS_XMM;
}

bool Lifter::is_mmx(unsigned i) const {
  return is_reg(i) && ZydisRegisterGetClass(in->op[i].reg.value) == ZYDIS_REGCLASS_MMX;
}

unsigned Lifter::mmx_index(unsigned i) {
  if (!is_mmx(i)) {
    refuse(Type::I64);
    return 0;
  }
  return static_cast<unsigned>(in->op[i].reg.value - ZYDIS_REGISTER_MM0);
}

Value Lifter::mmx(unsigned i) {
  return b.get_reg(Type::I64, mmx_offset(mmx_index(i)));
}

void Lifter::set_mmx(unsigned i, Value v) {
  const unsigned r = mmx_index(i);
  b.set_reg(mmx_offset(r), v);
  b.set_reg(mmx_exponent_offset(r), b.constant(Type::I16, 0xffff));
}

Value Lifter::to_vec(Value v64) {
  return b.vinsert_lane(64, b.vconst(0, 0), v64, 0);
}

Value Lifter::vec(unsigned i) {
  if (is_xmm(i)) return xmm(i);
  if (is_mmx(i)) return to_vec(mmx(i));
  if (!is_mem(i)) return refuse(Type::V128);
  if (!mmx_form_) return b.load(Type::V128, address(i));
  // MMX memory operands are m64, or m32 for PUNPCKL*: only the operand's own bytes are read.
  if (bits(i) != 32 && bits(i) != 64) return refuse(Type::V128);
  return to_vec(b.zext(Type::I64, b.load(type(i), address(i))));
}

void Lifter::set_vec(unsigned i, Value v) {
  if (is_mmx(i))
    set_mmx(i, b.vextract_lane(Type::I64, 64, v, 0));
  else
    set_xmm(i, v);
}

Value Lifter::read_as(unsigned i, Type t) {
  const auto& o = in->op[i];
  if (is_xmm(i)) {
    const Value v = xmm(i);
    return t == Type::V128 ? v : b.vextract_lane(t, ir::type_bits(t), v, 0);
  }
  if (is_mmx(i)) {
    const Value v = mmx(i);
    if (t == Type::V128) return to_vec(v);
    if (t == Type::I64) return v;
    return ir::type_bits(t) > 64 ? b.zext(t, v) : b.trunc(t, v);
  }
  switch (o.type) {
    case ZYDIS_OPERAND_TYPE_REGISTER: {
      const Value v = read_reg(o.reg.value);
      return ir::type_bits(v.type) >= ir::type_bits(t) ? b.trunc(t, v) : b.zext(t, v);
    }
    case ZYDIS_OPERAND_TYPE_MEMORY:
      return b.load(t, address(i));
    case ZYDIS_OPERAND_TYPE_IMMEDIATE:
      return int_const(b, t, o.imm.value.u);
    default:
      return refuse(t);
  }
}

Value Lifter::read(unsigned i) {
  return read_as(i, type(i));
}

void Lifter::write(unsigned i, Value v) {
  const auto& o = in->op[i];
  if (is_mmx(i)) {
    if (v.type == Type::V128)
      set_mmx(i, b.vextract_lane(Type::I64, 64, v, 0));
    else if (ir::is_int(v.type) && ir::type_bits(v.type) <= 64)
      set_mmx(i, ir::type_bits(v.type) == 64 ? v : b.zext(Type::I64, v));
    else
      refuse(Type::I64);
  } else if (is_xmm(i) && v.type == Type::V128) {
    set_xmm(i, v);
  } else if (o.type == ZYDIS_OPERAND_TYPE_REGISTER) {
    write_reg(o.reg.value, v);
  } else if (o.type == ZYDIS_OPERAND_TYPE_MEMORY) {
    b.store(address(i), v);
  } else {
    refuse(Type::I64);
  }
}

void Lifter::push(Value v) {
  const Value sp = b.sub(gpr(kRsp), b.imm64(ir::type_bytes(v.type)));
  b.store(sp, v);
  set_gpr(kRsp, sp);
}

Value Lifter::pop(Type t) {
  const Value sp = gpr(kRsp);
  const Value v = b.load(t, sp);
  set_gpr(kRsp, b.add(sp, b.imm64(ir::type_bytes(t))));
  return v;
}

void Lifter::set_cc(CcKind kind, Value src1, Value src2, Value res) {
  const unsigned w = ir::type_bits(res.type);
  b.set_reg(XISA_X86_FIELD(cc_op), b.imm64(cc_op_code(kind, w)));
  if (kind != CcKind::Logic) {
    b.set_reg(XISA_X86_FIELD(cc_src1), b.zext(Type::I64, src1));
    b.set_reg(XISA_X86_FIELD(cc_src2), b.zext(Type::I64, src2));
  }
  b.set_reg(XISA_X86_FIELD(cc_res), b.zext(Type::I64, res));
  cc_ = {true, kind, w, src1, src2, res};
}

void Lifter::set_eflags(Value flags) {
  b.set_reg(XISA_X86_FIELD(cc_op), b.imm64(cc_op_code(CcKind::Eflags, 64)));
  b.set_reg(XISA_X86_FIELD(cc_res), flags);
  cc_ = {true, CcKind::Eflags, 64, flags, flags, flags};
}

void Lifter::materialize_cc() {
  if (cc_.known) return;
  const Value flags = b.call(kEflagsHelper, {});
  cc_ = {true, CcKind::Eflags, 64, flags, flags, flags};
}

Value Lifter::flag(FlagBit f) {
  materialize_cc();
  IrFlagDomain d{b, cc_.bits};
  FlagFormulas<IrFlagDomain> ff{d, cc_.kind, cc_.s1, cc_.s2, cc_.res};
  return ff.flag(f);
}

Value Lifter::cond(Cond c) {
  // Flags from an earlier block: evaluate just this condition rather than all of EFLAGS.
  if (!cc_.known)
    return b.trunc(Type::I8, b.call(kCondHelper, {b.imm64(static_cast<uint64_t>(c))}));
  materialize_cc();
  IrFlagDomain d{b, cc_.bits};
  FlagFormulas<IrFlagDomain> ff{d, cc_.kind, cc_.s1, cc_.s2, cc_.res};
  return ff.cond(c);
}

Value Lifter::eflags_with_cf(CcKind kind, Value src1, Value src2, Value res, Value cf) {
  IrFlagDomain d{b, ir::type_bits(res.type)};
  FlagFormulas<IrFlagDomain> ff{d, kind, src1, src2, res};
  Value out = b.zext(Type::I64, cf.valid() ? cf : ff.cf());
  for (FlagBit f : {kPF, kAF, kZF, kSF, kOF})
    out = b.or_(out, b.shl(b.zext(Type::I64, ff.flag(f)), b.imm64(f)));
  return out;
}

Value Lifter::eflags() {
  materialize_cc();
  if (cc_.kind == CcKind::Eflags) return cc_.res;
  Value out = b.imm64(0);
  for (FlagBit f : {kCF, kPF, kAF, kZF, kSF, kOF})
    out = b.or_(out, b.shl(b.zext(Type::I64, flag(f)), b.imm64(f)));
  return out;
}

}  // namespace xisa::x86_64
