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
  auto find = [&](uint64_t off) {
    return std::find_if(slots.begin(), slots.end(), [&](const Slot& s) { return s.offset == off; });
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
      auto it = find(inst.imm);
      if (it != slots.end() && it->type == inst.type) {
        alias[i] = it->value;
        dead[i] = true;
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
      auto it = find(inst.imm);
      if (it != slots.end() && it->type == inst.type && it->last_store != kNoValue)
        dead[it->last_store] = true;
      clobber_overlapping(inst.imm, type_bytes(inst.type));
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
    std::vector<ValueId> remap(insts.size(), kNoValue);
    std::vector<Inst> out;
    for (size_t i = 0; i < insts.size(); ++i) {
      if (dead[i] && insts[i].op == Opcode::SetReg) continue;
      Inst inst = insts[i];
      for (unsigned a = 0; a < inst.nargs; ++a) inst.args[a] = remap[inst.args[a]];
      remap[i] = static_cast<ValueId>(out.size());
      out.push_back(inst);
    }
    insts = std::move(out);
  }
}

}  // namespace xisa::ir
