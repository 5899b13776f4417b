// Liveness, the linear-scan register file and operand access for the x86-64 emitter.
#include <algorithm>

#include "backend/x86_64/emitter.h"

namespace xisa::backend::x86_64 {

using ir::Opcode;
using ir::ValueId;

void Emitter::analyze() {
  loc_.assign(block_.insts.size(), Loc{});
  find_folded_values();
  live_.analyze(block_, folded_);
  reg_owner_.fill(ir::kNoValue);
  vec_owner_.fill(ir::kNoValue);
}

uint8_t Emitter::alloc_slot() {
  return common::alloc_slot(slot_used_, &out_of_slots_);
}

// A value kept only for its deferred guest-register writes goes to those registers' homes in
// the state, now, rather than to a frame slot it would be copied from at the block's end.
bool Emitter::spill_to_home(uint8_t reg) {
  const ValueId v = reg_owner_[reg];
  if (live_.last_operand_use[v] >= pos_) return false;
  bool any = false;
  for (const DirtyEntry& e : dirty_) {
    if (e.value != v) continue;
    if (loop_.at(e.offset)) return false;  // a self-loop keeps it in its register
    any = true;
  }
  if (!any) return false;
  std::erase_if(dirty_, [&](const DirtyEntry& e) {
    if (e.value != v) return false;
    write_back(e);
    return true;
  });
  loc_[v] = Loc{};
  reg_owner_[reg] = ir::kNoValue;
  return true;
}

void Emitter::evict(uint8_t reg) {
  const ValueId v = reg_owner_[reg];
  if (spill_to_home(reg)) return;
  const uint8_t slot = alloc_slot();
  as_.mov(slot_mem(slot, 8), x86::gpq(reg));
  loc_[v] = Loc{Loc::Slot, 0, slot};
  reg_owner_[reg] = ir::kNoValue;
}

x86::Gp Emitter::alloc_reg(ValueId owner) {
  if (const uint8_t r = common::free_register(kAllocatable, reg_owner_); r != 0xff) {
    reg_owner_[r] = owner;
    return x86::gpq(r);
  }
  // Spill the value used last, never an operand of the instruction being lowered (nor what a
  // folded operand reads).
  ir::Inst current = block_.insts[pos_];
  for (unsigned a = 0; a < current.nargs; ++a) current.args[a] = held(current.args[a]);
  const uint8_t victim = common::spill_victim(kAllocatable, reg_owner_, live_.last_use, current);
  evict(victim);
  reg_owner_[victim] = owner;
  return x86::gpq(victim);
}

void Emitter::release_dead(size_t i) {
  common::release_dead(i, live_, loc_, reg_owner_, slot_used_, vec_owner_);
}

// The promoted register value i is defined in: the self-loop's plan (coalesce_into), or that
// of its only use when that comes next, reads it as its first operand and is defined there
// itself: a chain of ops (a W op and its extension, a mask, a shift and an add) then works in
// the register the last of them goes to. The chain is pure after i (a load faults before it
// writes), so nothing sees the register between, and the register's old value must not be
// read after i (at i, only as the first operand: may_define_in).
uint8_t Emitter::coalesce_into(size_t i, unsigned depth) const {
  if (const uint8_t into = loop_.coalesce_into(i); into != 0xff) return into;
  const ir::Inst& inst = block_.insts[i];
  const bool chains = ir::has_flag(inst.op, ir::kPure) || inst.op == Opcode::Load;
  if (!chains || ir::type_bits(inst.type) > 64 || depth == 4) return 0xff;
  // Past markers, constants and reads of other registers (a promoted one's: no code).
  auto passed = [](Opcode op) {
    return op == Opcode::GuestInsn || op == Opcode::Const || op == Opcode::GetReg;
  };
  size_t next = i + 1;
  while (next < block_.insts.size() && passed(block_.insts[next].op)) ++next;
  if (next == block_.insts.size() || live_.last_use[i] != next) return 0xff;
  const ir::Inst& user = block_.insts[next];
  if (!ir::has_flag(user.op, ir::kPure) || user.nargs == 0 || user.args[0] != i) return 0xff;
  const uint8_t into = coalesce_into(next, depth + 1);
  if (into == 0xff) return 0xff;
  for (const common::PromotedSlot& p : loop_.slots())
    if (!p.vector && p.reg == into && p.get != ir::kNoValue && live_.last_use[p.get] > i)
      return 0xff;
  return into;
}

x86::Gp Emitter::def_reg(size_t i, bool reuse_arg0, unsigned bits) {
  uint8_t reg;
  const ir::Inst& inst = block_.insts[i];
  if (const uint8_t into = coalesce_into(i);
      into != 0xff && common::may_define_in(block_, i, loc_, live_, into, reuse_arg0,
                                            [this](ValueId v) { return held(v); })) {
    loc_[i] = Loc{Loc::Reg, into};  // the register stays reserved for its slot
    return gp_of(into, bits);
  }
  if (reuse_arg0 && inst.nargs != 0 &&
      common::holder_register_reusable(held(arg(i, 0)), i, loc_, live_, reg_owner_)) {
    reg = loc_[held(arg(i, 0))].reg;  // a folded Trunc's too
    reg_owner_[reg] = static_cast<ValueId>(i);
  } else {
    reg = static_cast<uint8_t>(alloc_reg(static_cast<ValueId>(i)).id());
  }
  loc_[i] = Loc{Loc::Reg, reg};
  return gp_of(reg, bits);
}

void Emitter::evict_vec(uint8_t reg) {
  const ValueId v = vec_owner_[reg];
  // An FP value read no more, kept for the deferred writes of its bits: those go home now
  // (not a self-loop's promoted slot: its register takes the value at the back edge).
  if (live_.last_operand_use[v] < pos_ &&
      std::any_of(dirty_.begin(), dirty_.end(),
                  [&](const DirtyEntry& e) { return bits_of(e.value) == v; }) &&
      std::none_of(dirty_.begin(), dirty_.end(), [&](const DirtyEntry& e) {
        return bits_of(e.value) == v && loop_.at(e.offset);
      })) {
    std::erase_if(dirty_, [&](const DirtyEntry& e) {
      if (bits_of(e.value) != v) return false;
      write_back(e);
      return true;
    });
    loc_[v] = Loc{};
    vec_owner_[reg] = ir::kNoValue;
    return;
  }
  const uint8_t slot = alloc_slot();
  as_.movdqu(slot_mem(slot, 16), x86::xmm(reg));
  loc_[v] = Loc{Loc::Slot, 0, slot};
  vec_owner_[reg] = ir::kNoValue;
}

x86::Xmm Emitter::def_vec(size_t i) {
  const auto owner = static_cast<ValueId>(i);
  uint8_t reg = common::free_register(kAllocatableVec, vec_owner_);
  if (reg == 0xff) {
    reg = common::spill_victim(kAllocatableVec, vec_owner_, live_.last_use, block_.insts[pos_]);
    evict_vec(reg);
  }
  vec_owner_[reg] = owner;
  loc_[i] = Loc{Loc::VecReg, reg};
  return x86::xmm(reg);
}

void Emitter::spill_vector_registers() {
  for (uint8_t r : kAllocatableVec)
    if (vec_owner_[r] != ir::kNoValue && vec_owner_[r] != kReservedReg) evict_vec(r);
}

x86::Mem Emitter::slot_mem(uint8_t slot, unsigned bytes) const {
  return x86::ptr(x86::rsp, spill_offset(slot), bytes);
}

x86::Mem Emitter::state_mem(uint64_t offset, unsigned bytes) const {
  return x86::ptr(kStateReg, static_cast<int32_t>(offset), bytes);
}

x86::Gp Emitter::in_reg(ValueId v, const x86::Gp& scratch, unsigned bits) {
  const Loc& l = loc_[held(v)];
  const x86::Gp s = gp_of(scratch, bits);
  switch (l.kind) {
    case Loc::Reg:
      return gp_of(l.reg, bits);
    case Loc::Slot:
      as_.mov(s, slot_mem(l.slot, bits / 8));
      return s;
    case Loc::Imm:  // mov, not xor: a fused compare's flags may be live here
      as_.mov(s, l.imm);
      return s;
    case Loc::VecReg:  // not a general-register value
    case Loc::None:
      break;
  }
  return s;
}

asmjit::Operand Emitter::reg_or_mem(ValueId v, unsigned bits) {
  const Loc& l = loc_[held(v)];
  if (l.kind == Loc::Reg) return gp_of(l.reg, bits);
  if (l.kind == Loc::Slot) return slot_mem(l.slot, bits / 8);
  return in_reg(v, kScratch0, bits);
}

asmjit::Operand Emitter::reg_mem_or_imm(ValueId v, unsigned bits, const x86::Gp& scratch) {
  const Loc& l = loc_[held(v)];
  if (l.kind == Loc::Imm) {
    const auto s = static_cast<int64_t>(l.imm);
    if (bits < 64 || (s >= INT32_MIN && s <= INT32_MAX))
      return asmjit::Imm(bits < 64 ? static_cast<int64_t>(static_cast<int32_t>(l.imm)) : s);
    return in_reg(v, scratch, bits);
  }
  if (l.kind == Loc::Reg) return gp_of(l.reg, bits);
  return slot_mem(l.slot, bits / 8);
}

void Emitter::mov_to(const x86::Gp& dst, ValueId v) {
  const Loc& l = loc_[held(v)];
  if (l.kind == Loc::Reg) {
    if (l.reg != dst.id()) as_.mov(dst.r64(), x86::gpq(l.reg));
  } else {
    in_reg(v, dst, 64);
  }
}

void Emitter::zero_extend(const x86::Gp& r, ir::Type t) {
  switch (ir::type_bits(t)) {
    case 8:
      as_.movzx(r.r32(), r.r8());
      break;
    case 16:
      as_.movzx(r.r32(), r.r16());
      break;
    case 32:
      as_.mov(r.r32(), r.r32());
      break;
    default:
      break;
  }
}

void Emitter::load128(ValueId v, const x86::Xmm& x) {
  if (x.id() == 0) xmm0_holds_ = ir::kNoValue;
  const Loc& l = loc_[v];
  if (l.kind == Loc::VecReg) {
    if (l.reg != x.id()) as_.movdqa(x, x86::xmm(l.reg));
  } else if (l.kind == Loc::Slot) {
    as_.movdqu(x, slot_mem(l.slot, 16));
  } else if (l.imm_hi == 0 && (l.imm == 0 || l.imm == ~uint64_t{0})) {
    // Zero, and the low-half mask of 64-bit vector ops: no general register.
    if (l.imm == 0) {
      as_.pxor(x, x);
    } else {
      as_.pcmpeqd(x, x);
      as_.movq(x, x);  // clears the high half
    }
  } else if (l.imm_hi == ~uint64_t{0} && l.imm == ~uint64_t{0}) {
    as_.pcmpeqd(x, x);
  } else {  // an immediate, from the block's literal pool
    as_.movdqa(x, literal(l));
  }
}

x86::Mem Emitter::literal(const Loc& l) {
  return x86::xmmword_ptr(literals_.label_of(l.imm, l.imm_hi));
}

x86::Xmm Emitter::vec_reg(ValueId v, const x86::Xmm& scratch) {
  const Loc& l = loc_[v];
  if (l.kind == Loc::VecReg) return x86::xmm(l.reg);
  load128(v, scratch);
  return scratch;
}

x86::Xmm Emitter::def_vec_over(size_t i, unsigned first) {
  const ir::Inst& inst = block_.insts[i];
  const ValueId a = inst.args[first];
  const Loc& l = loc_[a];
  bool reusable = l.kind == Loc::VecReg && live_.last_use[a] == i && vec_owner_[l.reg] == a;
  for (unsigned k = 0; k < inst.nargs; ++k) reusable &= k == first || inst.args[k] != a;
  if (!reusable) return def_vec(i);
  vec_owner_[l.reg] = static_cast<ValueId>(i);
  loc_[i] = Loc{Loc::VecReg, l.reg};
  return x86::xmm(l.reg);
}

asmjit::Operand Emitter::vec_operand(ValueId v, const x86::Xmm& scratch) {
  const Loc& l = loc_[v];
  if (l.kind == Loc::VecReg) return x86::xmm(l.reg);
  if (l.kind == Loc::Slot) return slot_mem(l.slot, 16);
  const bool built_in_registers = (l.imm_hi == 0 && (l.imm == 0 || l.imm == ~uint64_t{0})) ||
                                  (l.imm_hi & l.imm) == ~uint64_t{0};
  if (!built_in_registers) return literal(l);
  load128(v, scratch);
  return scratch;
}

}  // namespace xisa::backend::x86_64
