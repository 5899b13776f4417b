// VEX-encoded instructions on the lifter: the legacy view that lets the SSE handlers lift the
// VEX forms of their instructions, and the 256-bit operand access of the AVX-only handlers.
// YMMr is two 128-bit state slots: XMMr and kYmmHighSlot + r (see X86_64State::vec).
#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

namespace {

// The immediate of a 256-bit form whose high half uses other bits than its low half (one bit or
// field per element across the whole register): how far the high half's bits are shifted.
unsigned high_half_imm_shift(ZydisMnemonic sse) {
  switch (sse) {
    case ZYDIS_MNEMONIC_BLENDPS:
    case ZYDIS_MNEMONIC_VPBLENDD:
      return 4;
    case ZYDIS_MNEMONIC_BLENDPD:
    case ZYDIS_MNEMONIC_SHUFPD:
    case ZYDIS_MNEMONIC_VPERMILPD:
      return 2;
    case ZYDIS_MNEMONIC_MPSADBW:
      return 3;
    default:
      return 0;
  }
}

// The narrowest integer type the block's instructions from `from` on store into vector slot
// `slot` with (V128 when none is narrower): copying the slot in pieces of that type lets each
// piece forward from its store (or from a wider one, forward_registers), where one wide load
// after narrower stores would stall the host.
Type narrowest_store(const ir::Block& block, size_t from, unsigned slot) {
  Type narrowest = Type::V128;
  // Newest first: stores before a whole-slot store no longer matter (and a block's translation
  // would otherwise rescan it for every VEX instruction).
  for (size_t i = block.insts.size(); i-- > from;) {
    const ir::Inst& inst = block.insts[i];
    if (inst.op != ir::Opcode::SetReg || inst.imm < xmm_offset(slot) ||
        inst.imm >= xmm_offset(slot + 1))
      continue;
    const Type t = block.insts[inst.args[0]].type;
    if (t == Type::V128) break;
    if (ir::is_int(t) && ir::type_bits(t) < ir::type_bits(narrowest)) narrowest = t;
  }
  return narrowest;
}

}  // namespace

void Lifter::copy_slot(unsigned from, unsigned to, Type piece) {
  const unsigned bytes = ir::type_bytes(piece);
  for (unsigned at = 0; at < 16; at += bytes)
    b.set_reg(xmm_offset(to) + at, b.get_reg(piece, xmm_offset(from) + at));
}

int Lifter::vector_reg(unsigned i) const {
  if (!is_reg(i)) return -1;
  const ZydisRegister r = in->op[i].reg.value;
  switch (ZydisRegisterGetClass(r)) {
    case ZYDIS_REGCLASS_XMM:
      return r - ZYDIS_REGISTER_XMM0 < 16 ? r - ZYDIS_REGISTER_XMM0 : -1;
    case ZYDIS_REGCLASS_YMM:
      return r - ZYDIS_REGISTER_YMM0 < 16 ? r - ZYDIS_REGISTER_YMM0 : -1;
    default:
      return -1;
  }
}

// Zydis gives some YMM register operands the size of the part accessed (VEXTRACTF128's
// source is 128), so registers go by their class.
bool Lifter::is_256_operand(unsigned i) const {
  if (is_reg(i)) return ZydisRegisterGetClass(in->op[i].reg.value) == ZYDIS_REGCLASS_YMM;
  return is_mem(i) && in->op[i].size == 256;
}

bool Lifter::is_256() const {
  for (unsigned i = 0; i < in->d.operand_count_visible; ++i)
    if (is_256_operand(i)) return true;
  return false;
}

Value Lifter::ymm_half(unsigned i, unsigned half) {
  const int r = vector_reg(i);
  if (r >= 0) {
    if (half == 0) return b.get_reg(Type::V128, xmm_offset(static_cast<unsigned>(r)));
    if (!is_256_operand(i)) return b.vconst(0, 0);
    return b.get_reg(Type::V128, xmm_offset(kYmmHighSlot + static_cast<unsigned>(r)));
  }
  if (!is_mem(i)) return refuse(Type::V128);
  if (half == 0) return b.load(Type::V128, address(i));
  if (bits(i) != 256) return b.vconst(0, 0);
  return b.load(Type::V128, b.add(address(i), b.imm64(16)));
}

void Lifter::set_ymm(unsigned i, Value lo, Value hi) {
  const int r = vector_reg(i);
  if (r < 0) {
    refuse(Type::V128);
    return;
  }
  const unsigned reg = static_cast<unsigned>(r);
  b.set_reg(xmm_offset(reg), lo);
  b.set_reg(xmm_offset(kYmmHighSlot + reg), is_256_operand(i) ? hi : b.vconst(0, 0));
}

bool Lifter::lift_vex_view(const VexView& how) {
  const Insn* real = in;
  const unsigned visible = real->d.operand_count_visible, all = real->d.operand_count;
  bool vvvv = false;  // VEX.vvvv names an operand: then operand 1 is the one the view drops
  for (unsigned i = 0; i < visible && !how.keep_vvvv; ++i)
    vvvv = vvvv || real->op[i].encoding == ZYDIS_OPERAND_ENCODING_NDSNDD;
  uint8_t map[ZYDIS_MAX_OPERAND_COUNT];  // real operand index of each view operand
  unsigned n = 0;
  for (unsigned i = 0; i < all; ++i)
    if (!(vvvv && i == 1)) map[n++] = static_cast<uint8_t>(i);
  const bool wide = is_256();
  const VexShape shape = wide ? how.shape : VexShape::Lanes;
  const int dst = (real->op[0].actions & ZYDIS_OPERAND_ACTION_MASK_WRITE) ? vector_reg(0) : -1;
  const int src1 = vvvv ? vector_reg(1) : -1;
  if (vvvv && (dst < 0 || src1 < 0)) return false;
  if (shape != VexShape::Lanes && dst < 0) return false;
  // The destination is computed in place unless a restart could then read a source it has
  // already changed: a source (other than the one it starts as) in the destination register, or
  // a 256-bit form whose handler reads the destination (a guard exit in the high half restarts
  // the instruction after the low half was written). Otherwise it is staged in scratch slots.
  bool in_place =
      dst >= 0 && shape == VexShape::Lanes && !(wide && (how.keep_vvvv || (vvvv && src1 == dst)));
  for (unsigned k = 1; k < n; ++k) in_place = in_place && vector_reg(map[k]) != dst;

  const size_t first_inst = b.block().insts.size();
  for (unsigned half = 0; half < (wide ? 2u : 1u); ++half) {
    view_ = *real;
    view_.d.mnemonic = how.mnemonic;
    view_.d.operand_count = static_cast<uint8_t>(n);
    view_.d.operand_count_visible = static_cast<uint8_t>(visible - (vvvv ? 1 : 0));
    for (unsigned k = 0; k < n; ++k) {
      const unsigned i = map[k];
      ZydisDecodedOperand& o = view_.op[k];
      o = real->op[i];
      slot_[k] = kOwnSlot;
      const bool op_wide = is_256_operand(i);
      const int r = vector_reg(i);
      if (r >= 0) o.reg.value = static_cast<ZydisRegister>(ZYDIS_REGISTER_XMM0 + r);
      if (o.type == ZYDIS_OPERAND_TYPE_IMMEDIATE && half)
        o.imm.value.u >>= high_half_imm_shift(how.mnemonic);
      if (op_wide) {  // this half of a 256-bit operand
        o.size = 128;
        if (o.type == ZYDIS_OPERAND_TYPE_MEMORY) o.mem.disp.value += 16 * half;
        if (r >= 0) slot_[k] = static_cast<uint8_t>(static_cast<unsigned>(r) + half * kYmmHighSlot);
      } else if (shape == VexShape::Widen && k == 1) {  // this half of the source's bytes
        const unsigned bytes = o.size / 16;
        o.size = static_cast<uint16_t>(o.size / 2);
        if (o.type == ZYDIS_OPERAND_TYPE_MEMORY) o.mem.disp.value += bytes * half;
        if (r >= 0 && half) {
          const Value src = b.get_reg(Type::V128, xmm_offset(static_cast<unsigned>(r)));
          b.set_reg(xmm_offset(kVecScratchSlot + 2),
                    b.vbinary(ir::Opcode::VConcatBytes, bytes, src, b.vconst(0, 0)));
          slot_[k] = kVecScratchSlot + 2;
        }
      }
    }
    const unsigned high = half && shape == VexShape::Lanes ? kYmmHighSlot : 0;
    if (in_place && vvvv && src1 != dst) {
      // The handler's operand 0 starts as the first source.
      const unsigned from = static_cast<unsigned>(src1) + high;
      copy_slot(from, static_cast<unsigned>(dst) + high, narrowest_store(b.block(), 0, from));
    } else if (dst >= 0 && !in_place) {
      // ... or as the destination's own value, in a scratch slot.
      const unsigned from = static_cast<unsigned>(vvvv ? src1 : dst) + high;
      copy_slot(from, kVecScratchSlot + half, narrowest_store(b.block(), 0, from));
      slot_[0] = static_cast<uint8_t>(kVecScratchSlot + half);
    }
    for (auto& a : addr_cache_) a = {};
    in = &view_;
    const bool lifted = how.handler(*this) && !refused_;
    in = real;
    for (auto& s : slot_) s = kOwnSlot;
    for (auto& a : addr_cache_) a = {};
    if (!lifted) return false;
  }
  if (dst >= 0 && in_place && !wide) {
    b.set_reg(xmm_offset(kYmmHighSlot + static_cast<unsigned>(dst)), b.vconst(0, 0));
  } else if (dst >= 0 && !in_place) {
    const auto reg = static_cast<unsigned>(dst);
    if (shape == VexShape::Narrow) {  // 64 bits from each half
      const Value lo = b.get_reg(Type::V128, xmm_offset(kVecScratchSlot));
      const Value hi = b.get_reg(Type::V128, xmm_offset(kVecScratchSlot + 1));
      b.set_reg(xmm_offset(reg), b.vinsert_lane(64, lo, b.vextract_lane(Type::I64, 64, hi, 0), 1));
      b.set_reg(xmm_offset(kYmmHighSlot + reg), b.vconst(0, 0));
    } else {
      copy_slot(kVecScratchSlot, reg, narrowest_store(b.block(), first_inst, kVecScratchSlot));
      if (wide)
        copy_slot(kVecScratchSlot + 1, kYmmHighSlot + reg,
                  narrowest_store(b.block(), first_inst, kVecScratchSlot + 1));
      else
        b.set_reg(xmm_offset(kYmmHighSlot + reg), b.vconst(0, 0));
    }
  }
  if (!wide) {  // other XMM registers written (PCMPESTRM's XMM0) lose their upper halves too
    for (unsigned i = 1; i < all; ++i) {
      const int r = vector_reg(i);
      if (r >= 0 && (real->op[i].actions & ZYDIS_OPERAND_ACTION_MASK_WRITE))
        b.set_reg(xmm_offset(kYmmHighSlot + static_cast<unsigned>(r)), b.vconst(0, 0));
    }
  }
  return true;
}

}  // namespace xisa::x86_64
