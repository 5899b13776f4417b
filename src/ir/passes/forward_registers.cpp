// Guest register forwarding inside one block.
#include <algorithm>
#include <vector>

#include "ir/helpers.h"
#include "ir/passes/passes.h"

namespace xisa::ir {

namespace {

struct Slot {
  uint64_t offset;
  Type type;
  ValueId value;       // the value the slot holds now
  ValueId last_store;  // the SetReg that wrote it, while nothing could have observed it
};

bool overlaps(uint64_t a, unsigned alen, uint64_t b, unsigned blen) {
  return a < b + blen && b < a + alen;
}

}  // namespace

void forward_registers(Block& block) {
  auto& insts = block.insts;
  // The slots known so far: a handful per block, so a flat vector searched linearly.
  std::vector<Slot> slots;
  auto find = [&](uint64_t off, Type type) {
    return std::find_if(slots.begin(), slots.end(),
                        [&](const Slot& s) { return s.offset == off && s.type == type; });
  };
  // A v128 built from two known 64-bit halves needs one instruction more than the GetReg it
  // replaces: inserted[k] goes before instruction inserted_at[k] and has id insts.size() + k.
  std::vector<Inst> inserted;
  std::vector<size_t> inserted_at;
  auto extract_of = [&](ValueId v, uint64_t lane) -> ValueId {
    const Inst& e = v < insts.size() ? insts[v] : inserted[v - insts.size()];
    return e.op == Opcode::VExtractLane && e.imm == 64 && e.aux == lane ? e.args[0] : kNoValue;
  };
  std::vector<bool> dead(insts.size(), false);
  // alias[i]: the value that replaces instruction i's result (itself unless forwarded). Uses
  // come after definitions, so one pass rewriting operands through it replaces every use.
  std::vector<ValueId> alias(insts.size());
  auto is_scratch = [&](const Slot& s) {
    return s.offset >= block.scratch_begin && s.offset < block.scratch_end;
  };
  auto clobber_overlapping = [&](uint64_t off, unsigned len) {
    std::erase_if(slots,
                  [&](const Slot& s) { return overlaps(s.offset, type_bytes(s.type), off, len); });
  };
  for (size_t i = 0; i < insts.size(); ++i) {
    Inst& inst = insts[i];
    const auto id = static_cast<ValueId>(i);
    alias[i] = id;
    for (unsigned a = 0; a < inst.nargs; ++a) inst.args[a] = alias[inst.args[a]];
    if (inst.op == Opcode::GetReg) {
      auto it = find(inst.imm, inst.type);
      if (it != slots.end()) {
        alias[i] = it->value;
        dead[i] = true;
        continue;
      }
      // A whole register whose two halves were written one by one (x86 register moves and
      // scalar writes go by 64-bit halves): the halves' values, not a reload of their stores.
      auto lo = find(inst.imm, Type::I64), hi = find(inst.imm + 8, Type::I64);
      if (inst.type == Type::V128 && lo != slots.end() && hi != slots.end()) {
        const ValueId whole = extract_of(lo->value, 0);
        if (whole != kNoValue && whole == extract_of(hi->value, 1)) {
          alias[i] = whole;
          dead[i] = true;
          continue;
        }
        const ValueId high = hi->value;  // before push_back moves the slots
        inserted.push_back({Opcode::VDup, Type::V128, 1, {lo->value}, 64});
        inserted_at.push_back(i);
        const ValueId dup = static_cast<ValueId>(insts.size() + inserted.size() - 1);
        slots.push_back({inst.imm, Type::V128, id, kNoValue});
        inst = {Opcode::VInsertLane, Type::V128, 2, {dup, high}, 64, 1};
        continue;
      }
      // An integer lane of a known v128 value: extract it rather than reload what was just
      // stored wider (x86 SSE lanes written as a whole register and read one lane at a time).
      const unsigned bytes = type_bytes(inst.type);
      auto holder = std::find_if(slots.begin(), slots.end(), [&](const Slot& s) {
        return s.type == Type::V128 && is_int(inst.type) && bytes <= 8 && inst.imm >= s.offset &&
               inst.imm + bytes <= s.offset + 16 && (inst.imm - s.offset) % bytes == 0;
      });
      if (holder != slots.end()) {
        const uint64_t lane = (inst.imm - holder->offset) / bytes;
        inst.op = Opcode::VExtractLane;
        inst.nargs = 1;
        inst.args[0] = holder->value;
        inst.imm = 8 * bytes;
        inst.aux = lane;
        continue;
      }
      clobber_overlapping(inst.imm, type_bytes(inst.type));
      slots.push_back({inst.imm, inst.type, id, kNoValue});
    } else if (inst.op == Opcode::SetReg) {
      // Stores nothing observed that this one overwrites whole (the same register, or the
      // halves of a vector register written one by one) are dead.
      const unsigned bytes = type_bytes(inst.type);
      for (const Slot& s : slots)
        if (s.last_store != kNoValue && s.offset >= inst.imm &&
            s.offset + type_bytes(s.type) <= inst.imm + bytes)
          dead[s.last_store] = true;
      clobber_overlapping(inst.imm, bytes);
      slots.push_back({inst.imm, inst.type, inst.args[0], id});
    } else if (inst.op == Opcode::CallHelper && is_pure_call(inst.imm)) {
      for (Slot& slot : slots) slot.last_store = kNoValue;  // it reads the state
    } else if (inst.op == Opcode::CallHelper) {
      slots.clear();  // a helper may read and write any part of the state
    } else if (has_flag(inst.op, kMayFault) || has_flag(inst.op, kTerminator)) {
      // A fault or exit observes the whole state but the scratch: earlier stores must stay.
      for (Slot& slot : slots)
        if (!is_scratch(slot)) slot.last_store = kNoValue;
    }
  }
  for (const Slot& slot : slots)
    if (is_scratch(slot) && slot.last_store != kNoValue) dead[slot.last_store] = true;
  // Forwarded GetRegs have no uses left; dead code elimination removes them. Dropped SetRegs
  // yield nothing, so removing them only needs the ids renumbered.
  {
    std::vector<ValueId> remap(insts.size() + inserted.size(), kNoValue);
    std::vector<Inst> out;
    out.reserve(insts.size() + inserted.size());
    auto place = [&](Inst inst, size_t id) {
      for (unsigned a = 0; a < inst.nargs; ++a) inst.args[a] = remap[inst.args[a]];
      remap[id] = static_cast<ValueId>(out.size());
      out.push_back(inst);
    };
    size_t next_inserted = 0;
    for (size_t i = 0; i < insts.size(); ++i) {
      for (; next_inserted < inserted.size() && inserted_at[next_inserted] == i; ++next_inserted)
        place(inserted[next_inserted], insts.size() + next_inserted);
      if (dead[i] && insts[i].op == Opcode::SetReg) continue;
      place(insts[i], i);
    }
    insts = std::move(out);
  }
}

}  // namespace xisa::ir
