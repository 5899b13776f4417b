// The register file and operand access for the AArch64 emitter (the allocation decisions are
// backend/common/linear_scan.h's).
#include "backend/aarch64/emitter.h"

namespace xisa::backend::aarch64 {

using ir::ValueId;

uint8_t Emitter::alloc_slot() {
  return common::alloc_slot(slot_used_, &out_of_slots_);
}

void Emitter::evict(uint8_t reg) {
  const ValueId v = reg_owner_[reg];
  const uint8_t slot = alloc_slot();
  as_.str(a64::x(reg), slot_mem(slot));
  loc_[v] = Loc{Loc::Slot, 0, slot};
  reg_owner_[reg] = ir::kNoValue;
}

a64::GpX Emitter::alloc_reg(ValueId owner) {
  if (const uint8_t r = common::free_register(kAllocatable, reg_owner_); r != 0xff) {
    reg_owner_[r] = owner;
    return a64::x(r);
  }
  const uint8_t victim =
      common::spill_victim(kAllocatable, reg_owner_, live_.last_use, block_.insts[pos_]);
  evict(victim);
  reg_owner_[victim] = owner;
  return a64::x(victim);
}

a64::GpX Emitter::def_reg(size_t i, bool reuse_arg0) {
  if (const uint8_t into = loop_.coalesce_into(i);
      into != 0xff && common::may_define_in(block_, i, loc_, live_, into, reuse_arg0)) {
    loc_[i] = Loc{Loc::Reg, into};  // the register stays reserved for its slot
    return a64::x(into);
  }
  uint8_t reg;
  if (reuse_arg0 && common::arg0_register_reusable(block_, i, loc_, live_, reg_owner_)) {
    reg = loc_[arg(i, 0)].reg;
    reg_owner_[reg] = static_cast<ValueId>(i);
  } else {
    reg = static_cast<uint8_t>(alloc_reg(static_cast<ValueId>(i)).id());
  }
  loc_[i] = Loc{Loc::Reg, reg};
  return a64::x(reg);
}

int32_t Emitter::def_slot128(size_t i) {
  const uint8_t slot = alloc_slot();
  loc_[i] = Loc{Loc::Slot, 0, slot};
  return spill_offset(slot);
}

a64::GpX Emitter::in_reg(ValueId v, const a64::GpX& scratch) {
  const Loc& l = loc_[v];
  switch (l.kind) {
    case Loc::Reg:
      return a64::x(l.reg);
    case Loc::Slot:
      as_.ldr(scratch, slot_mem(l.slot));
      return scratch;
    case Loc::Imm:
      mov_imm(scratch, l.imm);
      return scratch;
    case Loc::VecReg:  // this backend keeps 128-bit values in frame slots
    case Loc::None:
      break;
  }
  return scratch;
}

void Emitter::mov_to(const a64::GpX& dst, ValueId v) {
  const Loc& l = loc_[v];
  if (l.kind == Loc::Reg) {
    if (l.reg != dst.id()) as_.mov(dst, a64::x(l.reg));
  } else {
    in_reg(v, dst);
  }
}

// MOVZ/MOVN and MOVKs, 16 bits at a time: at most four instructions, fewer for the usual
// small, negative or sparse constants.
void Emitter::mov_imm(const a64::GpX& dst, uint64_t imm) {
  unsigned ones = 0, zeros = 0;
  for (unsigned k = 0; k < 4; ++k) {
    const auto chunk = static_cast<uint16_t>(imm >> (16 * k));
    ones += chunk == 0xffff;
    zeros += chunk == 0;
  }
  const bool inverted = ones > zeros;
  const uint16_t fill = inverted ? 0xffff : 0;
  bool first = true;
  for (unsigned k = 0; k < 4; ++k) {
    const auto chunk = static_cast<uint16_t>(imm >> (16 * k));
    if (chunk == fill) continue;
    if (first && inverted)
      as_.movn(dst, static_cast<uint16_t>(~chunk), a64::lsl(16 * k));
    else if (first)
      as_.movz(dst, chunk, a64::lsl(16 * k));
    else
      as_.movk(dst, chunk, a64::lsl(16 * k));
    first = false;
  }
  if (first) {  // every chunk is the fill: 0 or ~0
    if (inverted)
      as_.movn(dst, 0);
    else
      as_.movz(dst, 0);
  }
}

void Emitter::zero_extend(const a64::GpX& dst, const a64::GpX& src, ir::Type t) {
  switch (ir::type_bits(t)) {
    case 8:
      as_.uxtb(dst.w(), src.w());
      break;
    case 16:
      as_.uxth(dst.w(), src.w());
      break;
    case 32:
      as_.mov(dst.w(), src.w());
      break;
    default:
      if (dst.id() != src.id()) as_.mov(dst, src);
      break;
  }
}

void Emitter::sign_extend(const a64::GpX& dst, const a64::GpX& src, ir::Type t) {
  switch (ir::type_bits(t)) {
    case 8:
      as_.sxtb(dst, src.w());
      break;
    case 16:
      as_.sxth(dst, src.w());
      break;
    case 32:
      as_.sxtw(dst, src.w());
      break;
    default:
      if (dst.id() != src.id()) as_.mov(dst, src);
      break;
  }
}

a64::Mem Emitter::mem_at(const a64::GpX& base, int64_t offset, unsigned bytes) {
  if (offset >= 0 && offset % bytes == 0 && offset / bytes < 4096)
    return a64::ptr(base, static_cast<int32_t>(offset));
  mov_imm(kAddrScratch, static_cast<uint64_t>(offset));
  as_.add(kAddrScratch, base, kAddrScratch);
  return a64::ptr(kAddrScratch);
}

void Emitter::load_sized(const a64::GpX& dst, const a64::Mem& m, unsigned bytes) {
  switch (bytes) {
    case 1:
      as_.ldrb(dst.w(), m);
      break;
    case 2:
      as_.ldrh(dst.w(), m);
      break;
    case 4:
      as_.ldr(dst.w(), m);
      break;
    default:
      as_.ldr(dst, m);
      break;
  }
}

void Emitter::store_sized(const a64::GpX& src, const a64::Mem& m, unsigned bytes) {
  switch (bytes) {
    case 1:
      as_.strb(src.w(), m);
      break;
    case 2:
      as_.strh(src.w(), m);
      break;
    case 4:
      as_.str(src.w(), m);
      break;
    default:
      as_.str(src, m);
      break;
  }
}

void Emitter::load128(ValueId v, uint32_t vec) {
  const Loc& l = loc_[v];
  if (l.kind == Loc::Slot) {
    as_.ldr(a64::v(vec), slot_mem(l.slot));
    return;
  }
  // An immediate: through the frame's 16 bytes of scratch.
  mov_imm(kScratch0, l.imm);
  as_.str(kScratch0, a64::ptr(a64::sp, kWideScratchOffset));
  mov_imm(kScratch0, l.imm_hi);
  as_.str(kScratch0, a64::ptr(a64::sp, kWideScratchOffset + 8));
  as_.ldr(a64::v(vec), a64::ptr(a64::sp, kWideScratchOffset));
}

}  // namespace xisa::backend::aarch64
