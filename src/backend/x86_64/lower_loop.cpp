// Blocks that branch to themselves (a guest loop in one block) keep up to six guest registers
// in host registers across iterations: they are loaded once before the loop head, the final
// values of an iteration are moved into them at the back edge, and they reach the state only
// on the way out (exits, side exits, the exit request) or, for a fault, through the side table.
// Without this every iteration stores its registers and the next one loads them again, which
// puts a store-to-load round trip on each loop-carried dependency.
#include <algorithm>

#include "backend/x86_64/emitter.h"
#include "guest/cpu_header.h"

namespace xisa::backend::x86_64 {

using ir::Opcode;
using ir::Type;

namespace {

constexpr unsigned kMaxPromoted = 6;
// Taken from the end of the allocation order, where the allocator looks last; the callee-saved
// registers it hands out first stay for the block's own values.
constexpr uint8_t kPromotedRegs[kMaxPromoted] = {x86::Gp::kIdR11, x86::Gp::kIdR10, x86::Gp::kIdR9,
                                                 x86::Gp::kIdR8,  x86::Gp::kIdDi,  x86::Gp::kIdSi};

bool is_scalar_int(Type t) {
  return t == Type::I8 || t == Type::I16 || t == Type::I32 || t == Type::I64;
}

}  // namespace

// A slot qualifies when every access that overlaps it has its offset and type and its one
// GetReg, if any, comes before its writes. Read-and-written slots (loop-carried values) go
// first, then read-only ones (a load saved per iteration), then write-only ones (a store
// saved). Helper calls read and write the state behind the block's back, so a block with one
// keeps the plain form.
void Emitter::plan_loop() {
  const ir::Inst& term = block_.insts.back();
  const uint64_t self = block_.guest_pc;
  self_loop_ = (term.op == Opcode::Jump && term.imm == self) ||
               (term.op == Opcode::Branch && (term.imm == self || term.aux == self));
  if (!self_loop_) return;
  std::vector<size_t> accesses;
  for (size_t i = 0; i < block_.insts.size(); ++i) {
    const ir::Inst& inst = block_.insts[i];
    if (inst.op == Opcode::CallHelper) {
      self_loop_ = false;
      return;
    }
    if (inst.op == Opcode::GetReg || inst.op == Opcode::SetReg) accesses.push_back(i);
  }
  struct Candidate {
    Promoted slot;
    unsigned rank;  // 0 read and written, 1 read only, 2 written only
  };
  std::vector<Candidate> candidates;
  for (size_t a : accesses) {
    const ir::Inst& first = block_.insts[a];
    if (!is_scalar_int(first.type)) continue;
    const unsigned bytes = ir::type_bytes(first.type);
    bool ok = true, seen_before = false, written = first.op == Opcode::SetReg;
    for (size_t b : accesses) {
      const ir::Inst& other = block_.insts[b];
      if (b == a || !common::overlaps(first.imm, bytes, other.imm, ir::type_bytes(other.type)))
        continue;
      if (other.imm != first.imm || other.type != first.type || other.op == Opcode::GetReg) {
        ok = false;
        break;
      }
      seen_before |= b < a;
      written = true;
    }
    // Each slot once: from its first access (a GetReg, or the first SetReg when never read).
    if (!ok || seen_before) continue;
    const bool read = first.op == Opcode::GetReg;
    candidates.push_back(
        {{static_cast<uint32_t>(first.imm), first.type, 0,
          read ? static_cast<ir::ValueId>(a) : ir::kNoValue, ir::kNoValue, written},
         read && written ? 0u
         : read          ? 1u
                         : 2u});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& x, const Candidate& y) { return x.rank < y.rank; });
  for (const Candidate& c : candidates) {
    if (promoted_.size() == kMaxPromoted) break;
    Promoted p = c.slot;
    p.reg = kPromotedRegs[promoted_.size()];
    reg_owner_[p.reg] = kReservedReg;
    promoted_.push_back(p);
  }
  plan_coalescing(accesses);
}

// A promoted slot written once per iteration can get its new value computed straight into its
// register, rather than into another one moved there at the back edge: when the old value is
// read for the last time no later than that (as the defining instruction's first operand at
// most), and nothing between the definition and the SetReg can fault or leave (a fault or an
// exit there must still find the old value in the register).
void Emitter::plan_coalescing(const std::vector<size_t>& accesses) {
  coalesce_into_.assign(block_.insts.size(), 0xff);
  for (const Promoted& p : promoted_) {
    size_t set = 0, sets = 0;
    for (size_t a : accesses)
      if (block_.insts[a].op == Opcode::SetReg && block_.insts[a].imm == p.offset) {
        set = a;
        ++sets;
      }
    if (sets != 1) continue;
    const ir::ValueId value = block_.insts[set].args[0];
    const ir::Inst& def = block_.insts[value];
    if (def.op == Opcode::GetReg || def.op == Opcode::Const || def.type != p.type) continue;
    bool quiet = true;
    for (size_t k = value + 1; k < set && quiet; ++k) {
      const Opcode op = block_.insts[k].op;
      quiet = ir::has_flag(op, ir::kPure) || op == Opcode::GetReg || op == Opcode::SetReg;
    }
    if (!quiet) continue;
    if (p.get != ir::kNoValue) {
      const uint32_t last = live_.last_use[p.get];
      if (last > value) continue;
      if (last == value &&
          !(def.args[0] == p.get && std::count(def.args, def.args + def.nargs, p.get) == 1))
        continue;
    }
    coalesce_into_[value] = p.reg;
  }
}

Emitter::Promoted* Emitter::promoted_at(uint64_t offset) {
  for (Promoted& p : promoted_)
    if (p.offset == offset) return &p;
  return nullptr;
}

bool Emitter::dirty_has(uint32_t offset) const {
  return std::any_of(dirty_.begin(), dirty_.end(),
                     [&](const DirtyEntry& e) { return e.offset == offset; });
}

void Emitter::emit_loop_prologue() {
  for (const Promoted& p : promoted_) load_state(x86::gpq(p.reg), p.offset, ir::type_bytes(p.type));
  loop_head_ = as_.newLabel();
  loop_exit_requested_ = as_.newLabel();
  as_.bind(loop_head_);
}

void Emitter::store_promoted_registers(bool all) {
  for (const Promoted& p : promoted_)
    if (p.written && (all || !dirty_has(p.offset)))
      as_.mov(state_mem(p.offset, ir::type_bytes(p.type)),
              gp_of_bytes(p.reg, ir::type_bytes(p.type)));
}

// Exits: the iteration's final values (a slot left unwritten keeps its register's value).
void Emitter::store_promoted_finals() {
  for (const Promoted& p : promoted_) {
    if (p.final_value != ir::kNoValue)
      write_back(DirtyEntry{p.offset, p.type, p.final_value});
    else if (p.written)
      as_.mov(state_mem(p.offset, ir::type_bytes(p.type)),
              gp_of_bytes(p.reg, ir::type_bytes(p.type)));
  }
}

// The back edge: the iteration's final values into the promoted registers (a parallel move:
// one register's new value may be another's old one), then the exit request, then the head.
void Emitter::emit_loop_back() {
  struct Move {
    uint8_t dst;
    Loc src;
  };
  std::vector<Move> moves;
  for (const Promoted& p : promoted_) {
    if (p.final_value == ir::kNoValue) continue;  // unwritten: the register already holds it
    const Loc& src = loc(p.final_value);
    if (src.kind == Loc::Reg && src.reg == p.reg) continue;
    moves.push_back({p.reg, src});
  }
  while (!moves.empty()) {
    auto blocked = [&](const Move& m) {
      return std::any_of(moves.begin(), moves.end(), [&](const Move& o) {
        return &o != &m && o.src.kind == Loc::Reg && o.src.reg == m.dst;
      });
    };
    auto it = std::find_if(moves.begin(), moves.end(), [&](const Move& m) { return !blocked(m); });
    if (it == moves.end()) {  // a cycle: park one destination's old value in rax
      const uint8_t parked = moves.front().dst;
      as_.mov(kScratch0, x86::gpq(parked));
      for (Move& m : moves)
        if (m.src.kind == Loc::Reg && m.src.reg == parked) m.src.reg = kScratch0.id();
      continue;
    }
    const x86::Gp dst = x86::gpq(it->dst);
    switch (it->src.kind) {
      case Loc::Reg:
        as_.mov(dst, x86::gpq(it->src.reg));
        break;
      case Loc::Slot:
        as_.mov(dst, slot_mem(it->src.slot, 8));
        break;
      default:
        as_.mov(dst, it->src.imm);
        break;
    }
    moves.erase(it);
  }
  as_.cmp(x86::dword_ptr(kStateReg, offsetof(CpuHeader, exit_request)), 0);
  as_.jne(loop_exit_requested_);
  as_.jmp(loop_head_);
}

// Where the exit request leaves a loop: the promoted registers hold the next iteration's
// values; everything else was written before the back edge.
void Emitter::emit_loop_exit_request() {
  if (!self_loop_) return;
  as_.bind(loop_exit_requested_);
  store_promoted_registers(true);
  emit_exit_to_dispatcher(block_.guest_pc, pack_exit(kExitJump));
}

void Emitter::emit_loop_exit(uint64_t target) {
  if (target == block_.guest_pc) {
    emit_loop_back();
    return;
  }
  store_promoted_finals();
  emit_direct_exit(target, nullptr);
}

}  // namespace xisa::backend::x86_64
