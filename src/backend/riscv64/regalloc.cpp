// The register file and operand access for the RISC-V64 emitter (the allocation decisions are
// backend/common/linear_scan.h's).
#include "backend/riscv64/emitter.h"

namespace xisa::backend::riscv64 {

using ir::ValueId;

namespace {
bool fits12(int64_t v) {
  return v >= -2048 && v < 2048;
}
}  // namespace

uint8_t Emitter::alloc_slot() {
  return common::alloc_slot(slot_used_, &out_of_slots_);
}

void Emitter::evict(Reg reg) {
  const ValueId v = reg_owner_[reg];
  const uint8_t slot = alloc_slot();
  as_.emit(enc::store(enc::kSd, reg, kSp, spill_offset(slot)));
  loc_[v] = Loc{Loc::Slot, 0, slot};
  reg_owner_[reg] = ir::kNoValue;
}

Emitter::Reg Emitter::alloc_reg(ValueId owner) {
  if (const uint8_t r = common::free_register(kAllocatable, reg_owner_); r != 0xff) {
    reg_owner_[r] = owner;
    return r;
  }
  const uint8_t victim =
      common::spill_victim(kAllocatable, reg_owner_, live_.last_use, block_.insts[pos_]);
  evict(victim);
  reg_owner_[victim] = owner;
  return victim;
}

Emitter::Reg Emitter::def_reg(size_t i, bool reuse_arg0) {
  if (const uint8_t into = loop_.coalesce_into(i);
      into != 0xff && common::may_define_in(block_, i, loc_, live_, into, reuse_arg0)) {
    loc_[i] = Loc{Loc::Reg, into};  // the register stays reserved for its slot
    return into;
  }
  Reg reg;
  if (reuse_arg0 && common::arg0_register_reusable(block_, i, loc_, live_, reg_owner_)) {
    reg = loc_[arg(i, 0)].reg;
    reg_owner_[reg] = static_cast<ValueId>(i);
  } else {
    reg = alloc_reg(static_cast<ValueId>(i));
  }
  loc_[i] = Loc{Loc::Reg, reg};
  return reg;
}

int32_t Emitter::def_slot128(size_t i) {
  const uint8_t slot = alloc_slot();
  loc_[i] = Loc{Loc::Slot, 0, slot};
  return spill_offset(slot);
}

Emitter::Reg Emitter::in_reg(ValueId v, Reg scratch) {
  const Loc& l = loc_[v];
  switch (l.kind) {
    case Loc::Reg:
      return l.reg;
    case Loc::Slot:
      as_.emit(enc::load(enc::kLd, scratch, kSp, spill_offset(l.slot)));
      return scratch;
    case Loc::Imm:
      if (l.imm == 0) return kZero;
      as_.li(scratch, l.imm);
      return scratch;
    case Loc::VecReg:  // this backend keeps 128-bit values in frame slots
    case Loc::None:
      break;
  }
  return scratch;
}

void Emitter::mov_to(Reg dst, ValueId v) {
  as_.mv(dst, in_reg(v, dst));
}

void Emitter::zero_extend(Reg dst, Reg src, ir::Type t) {
  switch (ir::type_bits(t)) {
    case 8:
      as_.emit(enc::andi(dst, src, 0xff));
      break;
    case 16:
      if (features_.zbb) {
        as_.emit(enc::zext_h(dst, src));
        break;
      }
      as_.emit(enc::slli(dst, src, 48));
      as_.emit(enc::srli(dst, dst, 48));
      break;
    case 32:
      if (features_.zba) {
        as_.emit(enc::zext_w(dst, src));
        break;
      }
      as_.emit(enc::slli(dst, src, 32));
      as_.emit(enc::srli(dst, dst, 32));
      break;
    default:
      as_.mv(dst, src);
      break;
  }
}

void Emitter::sign_extend(Reg dst, Reg src, ir::Type t) {
  switch (ir::type_bits(t)) {
    case 8:
      if (features_.zbb) {
        as_.emit(enc::sext_b(dst, src));
        break;
      }
      as_.emit(enc::slli(dst, src, 56));
      as_.emit(enc::srai(dst, dst, 56));
      break;
    case 16:
      if (features_.zbb) {
        as_.emit(enc::sext_h(dst, src));
        break;
      }
      as_.emit(enc::slli(dst, src, 48));
      as_.emit(enc::srai(dst, dst, 48));
      break;
    case 32:
      as_.emit(enc::addiw(dst, src, 0));
      break;
    default:
      as_.mv(dst, src);
      break;
  }
}

std::pair<Emitter::Reg, int32_t> Emitter::mem_at(Reg base, int64_t offset) {
  if (fits12(offset)) return {base, static_cast<int32_t>(offset)};
  as_.li(kAddrScratch, static_cast<uint64_t>(offset));
  as_.emit(enc::op(enc::kAdd, kAddrScratch, base, kAddrScratch));
  return {kAddrScratch, 0};
}

void Emitter::load_sized(Reg dst, Reg base, int32_t off, unsigned bytes) {
  const uint32_t f3 = bytes == 1   ? enc::kLbu
                      : bytes == 2 ? enc::kLhu
                      : bytes == 4 ? enc::kLwu
                                   : enc::kLd;
  as_.emit(enc::load(f3, dst, base, off));
}

void Emitter::store_sized(Reg src, Reg base, int32_t off, unsigned bytes) {
  const uint32_t f3 = bytes == 1   ? enc::kSb
                      : bytes == 2 ? enc::kSh
                      : bytes == 4 ? enc::kSw
                                   : enc::kSd;
  as_.emit(enc::store(f3, src, base, off));
}

void Emitter::copy128_to_frame(ValueId v, int32_t dst_off) {
  const Loc& l = loc_[v];
  if (l.kind == Loc::Slot && ir::type_bits(block_.insts[v].type) == 128) {
    if (spill_offset(l.slot) == dst_off) return;
    for (int32_t half = 0; half < 16; half += 8) {
      as_.emit(enc::load(enc::kLd, kScratch0, kSp, spill_offset(l.slot) + half));
      as_.emit(enc::store(enc::kSd, kScratch0, kSp, dst_off + half));
    }
    return;
  }
  // A narrower value (zero-extended), or an immediate: low, then high.
  const Reg lo = in_reg(v, kScratch0);
  as_.emit(enc::store(enc::kSd, lo, kSp, dst_off));
  if (l.kind == Loc::Imm && l.imm_hi != 0) {
    as_.li(kScratch0, l.imm_hi);
    as_.emit(enc::store(enc::kSd, kScratch0, kSp, dst_off + 8));
  } else {
    as_.emit(enc::store(enc::kSd, kZero, kSp, dst_off + 8));
  }
}

}  // namespace xisa::backend::riscv64
