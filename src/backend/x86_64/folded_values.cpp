// Values that emit nothing because their users do their work:
// - guest addresses computed as base + index (and base + (index << 1..3)) fold into the x86
//   addressing mode of the loads and stores that use them: `mov r, [base + index*8 + disp]`
//   instead of a copy, a shift, an add and a plain access;
// - a bit pattern reinterpreted as a float (Bitcast) that only SSE ops read: they move the
//   pattern into their xmm operand themselves, so the copy to another register goes;
// - a mask (And) only tested for zero: one TEST.
#include "backend/common/op_family.h"
#include "backend/x86_64/emitter.h"

namespace xisa::backend::x86_64 {

using ir::Opcode;
using ir::ValueId;

namespace {

// FP ops that read their operands with to_xmm.
bool reads_operands_into_xmm(Opcode op) {
  switch (op) {
    case Opcode::FAdd:
    case Opcode::FSub:
    case Opcode::FMul:
    case Opcode::FDiv:
    case Opcode::FSqrt:
    case Opcode::FAbs:
    case Opcode::FNeg:
    case Opcode::FCmpEq:
    case Opcode::FCmpLt:
    case Opcode::FCmpLe:
    case Opcode::FCmpUnordered:
    case Opcode::FCmpUeq:
      return true;
    case Opcode::FMulAdd:
      return HostFeatures::get().fma;  // else a call, which reads the operands' locations
    default:
      return false;
  }
}

// Whether `user` compares v with zero for (in)equality.
bool tested_for_zero(const std::vector<ir::Inst>& insts, ValueId v, size_t user) {
  const ir::Inst& cmp = insts[user];
  if (cmp.op != Opcode::CmpEq && cmp.op != Opcode::CmpNe) return false;
  const ir::Inst& zero = insts[cmp.args[1]];
  return cmp.args[0] == v && zero.op == Opcode::Const && zero.imm == 0;
}

// Whether operand a of `user`, a 32-bit value, is read only as the low 32 bits of a register:
// 32-bit ALU ops, shifts and rotates (x86 takes their count modulo 32), compares, NZCV, the
// SExt to 64 bits (MOVSXD) and the value of a 32-bit store.
bool reads_low_half(const ir::Inst& user, unsigned a) {
  const common::OpFamily family = common::op_family(user.op);
  if (family == common::OpFamily::Compare || family == common::OpFamily::Flags) return true;
  switch (user.op) {
    case Opcode::Add:
    case Opcode::Sub:
    case Opcode::And:
    case Opcode::Or:
    case Opcode::Xor:
    case Opcode::Mul:
    case Opcode::Shl:
    case Opcode::ShrL:
    case Opcode::ShrA:
    case Opcode::RotL:
    case Opcode::RotR:
    case Opcode::Not:
    case Opcode::Neg:
      return true;
    case Opcode::SExt:
      return user.type == ir::Type::I64;
    case Opcode::Store:
      return a == 1;
    default:
      return false;
  }
}

bool fits_disp32(const ir::Inst& c) {
  const auto s = static_cast<int64_t>(c.imm);
  return s >= INT32_MIN && s <= INT32_MAX;
}

}  // namespace

// An i64 Add folds when every use is the address of a plain load or store, and a constant
// operand fits a displacement. A Shl by 1..3 whose only use is such an Add becomes its scaled
// index, when the Add's other operand is a value (the base). An And folds when its only use
// compares it with zero; a same-width Bitcast when only SSE ops read it. An FP result that
// only SSE ops and bitcasts read stays in an xmm register (fp_in_xmm_), and so do its bits
// when only guest register writes and stores take them (a folded Bitcast: bits_of).
void Emitter::find_folded_values() {
  const auto& insts = block_.insts;
  const size_t n = insts.size();
  folded_.assign(n, 0);
  std::vector<uint32_t> uses(n, 0), last_user(n, 0);
  std::vector<uint8_t> address_only(n, 1), xmm_only(n, 1), xmm_or_bitcast_only(n, 1),
      stored_only(n, 1);
  std::vector<uint8_t>& low_half_only = low_half_only_;
  low_half_only.assign(n, 1);
  for (size_t u = 0; u < n; ++u) {
    const ir::Inst& inst = insts[u];
    for (unsigned a = 0; a < inst.nargs; ++a) {
      ++uses[inst.args[a]];
      last_user[inst.args[a]] = static_cast<uint32_t>(u);
      const bool is_address = (inst.op == Opcode::Load || inst.op == Opcode::Store) && a == 0;
      if (!is_address) address_only[inst.args[a]] = 0;
      if (!reads_operands_into_xmm(inst.op)) xmm_only[inst.args[a]] = 0;
      if (!reads_operands_into_xmm(inst.op) && inst.op != Opcode::Bitcast)
        xmm_or_bitcast_only[inst.args[a]] = 0;
      const bool stores = (inst.op == Opcode::SetReg && a == 0) ||
                          (inst.op == Opcode::Store && a == 1) || inst.op == Opcode::Bitcast;
      if (!stores) stored_only[inst.args[a]] = 0;
      if (!reads_low_half(inst, a)) low_half_only[inst.args[a]] = 0;
    }
  }
  fp_in_xmm_.assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const ir::Inst& inst = insts[i];
    const auto v = static_cast<ValueId>(i);
    if (!uses[i] || ir::type_bits(inst.type) > 64) continue;
    fp_in_xmm_[i] = reads_operands_into_xmm(inst.op) &&
                    (inst.type == ir::Type::F64 || inst.type == ir::Type::F32) &&
                    xmm_or_bitcast_only[i];
    switch (inst.op) {
      case Opcode::And: {
        const ir::Inst& mask = insts[inst.args[1]];
        folded_[i] = uses[i] == 1 && tested_for_zero(insts, v, last_user[i]) &&
                     (mask.op != Opcode::Const || inst.type != ir::Type::I64 || fits_disp32(mask));
        break;
      }
      case Opcode::Bitcast:  // read through by SSE ops, or an FP result's bits only stored
        folded_[i] =
            (xmm_only[i] && ir::type_bits(inst.type) == ir::type_bits(insts[inst.args[0]].type)) ||
            (fp_in_xmm_[inst.args[0]] && stored_only[i]);
        break;
      case Opcode::Add:
        if (inst.type == ir::Type::I64 && address_only[i]) fold_address(v, uses);
        break;
      default:
        break;
    }
  }
  // A Trunc from 64 to 32 bits whose users all read only the low 32 bits of a register
  // operand (reads_low_half) is no instruction: they read its operand's register (held()).
  for (size_t i = 0; i < n; ++i) {
    const ir::Inst& inst = insts[i];
    folded_[i] |= inst.op == Opcode::Trunc && inst.type == ir::Type::I32 &&
                  insts[inst.args[0]].type == ir::Type::I64 &&
                  insts[inst.args[0]].op != Opcode::Const && uses[i] && low_half_only[i];
  }
  // Bits read back as a float must be read through too.
  for (size_t u = n; u-- > 0;) {
    const ir::Inst& inst = insts[u];
    if (inst.op == Opcode::Bitcast && !folded_[u] && folded_[inst.args[0]] &&
        insts[inst.args[0]].op == Opcode::Bitcast)
      folded_[inst.args[0]] = 0;
  }
  // A load (from memory or a guest register) of bits that SSE ops read (through folded
  // bitcasts) or that are only stored goes straight into an xmm register.
  load_into_xmm_.assign(n, 0);
  for (size_t i = 0; i < n; ++i)
    load_into_xmm_[i] = (insts[i].op == Opcode::Load || insts[i].op == Opcode::GetReg) && uses[i] &&
                        stored_only[i] &&
                        (insts[i].type == ir::Type::I64 || insts[i].type == ir::Type::I32);
  for (size_t u = 0; u < n; ++u) {
    const ir::Inst& inst = insts[u];
    if (inst.op == Opcode::Bitcast && !folded_[u]) load_into_xmm_[inst.args[0]] = 0;
  }
}

void Emitter::fold_address(ValueId add, const std::vector<uint32_t>& uses) {
  const auto& insts = block_.insts;
  const ir::Inst& x = insts[insts[add].args[0]];
  const ir::Inst& y = insts[insts[add].args[1]];
  const bool x_const = x.op == Opcode::Const, y_const = y.op == Opcode::Const;
  if ((x_const && y_const) || (x_const && !fits_disp32(x)) || (y_const && !fits_disp32(y))) return;
  folded_[add] = 1;
  if (x_const || y_const) return;
  for (ValueId s : {insts[add].args[1], insts[add].args[0]}) {
    const ir::Inst& shl = insts[s];
    if (shl.op != Opcode::Shl || shl.type != ir::Type::I64 || uses[s] != 1) continue;
    const ir::Inst& count = insts[shl.args[1]];
    if (count.op != Opcode::Const || count.imm < 1 || count.imm > 3) continue;
    if (insts[shl.args[0]].op == Opcode::Const) continue;
    folded_[s] = 1;
    return;
  }
}

// The address operand of access i. `scratch` holds what is not in a register.
x86::Mem Emitter::access_address(size_t i, const x86::Gp& scratch, unsigned bytes) {
  const ValueId a = arg(i, 0);
  const Loc& l = loc(a);
  if (!folded_[a]) {
    if (l.kind == Loc::Reg) return x86::ptr(x86::gpq(l.reg), 0, bytes);
    if (l.kind == Loc::Imm) {
      const auto s = static_cast<int64_t>(l.imm);
      if (s >= INT32_MIN && s <= INT32_MAX) return x86::ptr(static_cast<uint64_t>(s), bytes);
      as_.mov(scratch, l.imm);
    } else {
      as_.mov(scratch, slot_mem(l.slot, 8));
    }
    return x86::ptr(scratch, 0, bytes);
  }
  ValueId base = block_.insts[a].args[0], index = block_.insts[a].args[1];
  if (folded_[base]) std::swap(base, index);
  uint32_t shift = 0;
  if (folded_[index]) {  // the scaled index
    shift = static_cast<uint32_t>(block_.insts[block_.insts[index].args[1]].imm);
    index = block_.insts[index].args[0];
  }
  if (is_imm(base)) std::swap(base, index);  // only without a shift (fold_address)
  if (is_imm(index)) {
    const auto disp = static_cast<int32_t>(loc(index).imm);
    return x86::ptr(in_reg(base, scratch, 64), disp, bytes);
  }
  if (loc(index).kind == Loc::Reg)
    return x86::ptr(in_reg(base, scratch, 64), x86::gpq(loc(index).reg), shift, 0, bytes);
  if (loc(base).kind == Loc::Reg)
    return x86::ptr(x86::gpq(loc(base).reg), in_reg(index, scratch, 64), shift, 0, bytes);
  in_reg(index, scratch, 64);  // both in frame slots
  if (shift) as_.shl(scratch, shift);
  as_.add(scratch, slot_mem(loc(base).slot, 8));
  return x86::ptr(scratch, 0, bytes);
}

namespace {
bool in_general_register(const common::SelfLoopPlan& loop, uint64_t offset) {
  const common::PromotedSlot* p = loop.at(offset);
  return p && !p->vector;
}
}  // namespace

// Whether no SetReg of value i writes a slot that a self-loop keeps in a general register.
bool Emitter::stays_out_of_promoted_slots(size_t i) const {
  for (const ir::Inst& inst : block_.insts)
    if (inst.op == Opcode::SetReg && inst.args[0] == i && in_general_register(loop_, inst.imm))
      return false;
  return true;
}

// A self-loop keeps most promoted slots in general registers: an FP result's bits written to
// one go there (lower_convert), not through.
void Emitter::after_loop_plan() {
  for (const ir::Inst& inst : block_.insts)
    if (inst.op == Opcode::SetReg && in_general_register(loop_, inst.imm) &&
        folded_[inst.args[0]] && block_.insts[inst.args[0]].op == Opcode::Bitcast)
      folded_[inst.args[0]] = 0;
}

}  // namespace xisa::backend::x86_64
