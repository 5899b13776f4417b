// Pure ops a backend does not lower natively (rare v128 ops, 128-bit integer arithmetic...)
// are evaluated by the interpreter's own eval_pure through a host call, on copies of their
// operands as interp::Slot values in the frame: the result cannot differ from the interpreter's.
// This is the host-neutral half: which ops qualify and the function translated code calls.
#pragma once

#include <cstdint>
#include <vector>

#include "backend/common/linear_scan.h"
#include "interp/eval_op.h"
#include "ir/block.h"

namespace xisa::backend::common {

// Whether the op can be evaluated this way (pure or FP arithmetic, immediates that fit the
// descriptor).
bool pure_call_lowerable(const ir::Inst& inst);

// The op's descriptor, the first argument of eval_packed.
uint64_t pack_pure_op(const ir::Inst& inst, ir::Type arg_type);

// What translated code calls: *out = the op of `desc` on *a0, *a1, *a2 (unused ones unread).
void eval_packed(uint64_t desc, const interp::Slot* a0, const interp::Slot* a1,
                 const interp::Slot* a2, interp::Slot* out);

// The frame slots of one pure call: every operand as a 16-byte interp::Slot (a 128-bit value
// in a slot already is one; any other is copied by copy(value, slot) into a temporary slot),
// unused operands pointing at the result's slot (unread).
struct PureCallSlots {
  uint8_t args[3];
  uint8_t out;
  std::vector<uint8_t> temps;  // to free once the call returned
};
template <typename AllocSlot, typename Copy>
PureCallSlots pure_call_slots(const ir::Block& block, const ir::Inst& inst,
                              const std::vector<Loc>& loc, AllocSlot&& alloc_slot, Copy&& copy) {
  PureCallSlots s{};
  for (unsigned a = 0; a < inst.nargs; ++a) {
    const ir::ValueId v = inst.args[a];
    if (loc[v].kind == Loc::Slot && ir::type_bits(block.insts[v].type) == 128) {
      s.args[a] = loc[v].slot;
      continue;
    }
    s.args[a] = alloc_slot();
    s.temps.push_back(s.args[a]);
    copy(v, s.args[a]);
  }
  s.out = alloc_slot();
  for (unsigned a = inst.nargs; a < 3; ++a) s.args[a] = s.out;
  return s;
}

}  // namespace xisa::backend::common
