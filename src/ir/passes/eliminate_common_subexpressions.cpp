// Common subexpression elimination inside one block: a pure op with the same opcode, type,
// operands and immediates as an earlier one reuses the earlier value. (Guest FP fast paths
// test the same control register once per instruction; this leaves one test per block.)
#include <functional>
#include <unordered_map>
#include <vector>

#include "ir/passes/passes.h"

namespace xisa::ir {

namespace {

struct Key {
  Opcode op;
  Type type;
  uint8_t nargs;
  ValueId args[3];
  uint64_t imm, aux;
  bool operator==(const Key&) const = default;
};

struct KeyHash {
  size_t operator()(const Key& k) const {
    size_t h = std::hash<uint64_t>{}(k.imm) ^ (std::hash<uint64_t>{}(k.aux) * 31);
    h = h * 131 + static_cast<size_t>(k.op) * 7 + static_cast<size_t>(k.type);
    for (unsigned a = 0; a < k.nargs; ++a) h = h * 1000003 + k.args[a];
    return h;
  }
};

}  // namespace

void eliminate_common_subexpressions(Block& block) {
  std::unordered_map<Key, ValueId, KeyHash> seen;
  std::vector<ValueId> alias(block.insts.size());
  for (size_t i = 0; i < block.insts.size(); ++i) {
    alias[i] = static_cast<ValueId>(i);
    Inst& inst = block.insts[i];
    for (unsigned a = 0; a < inst.nargs; ++a) inst.args[a] = alias[inst.args[a]];
    // Constants take part: two equal constants must be one value for the ops that use them to
    // match (each guest FP instruction builds its control-register test from new constants).
    if (!has_flag(inst.op, kPure)) continue;
    Key k{inst.op, inst.type, inst.nargs, {kNoValue, kNoValue, kNoValue}, inst.imm, inst.aux};
    for (unsigned a = 0; a < inst.nargs; ++a) k.args[a] = inst.args[a];
    const auto [it, inserted] = seen.try_emplace(k, static_cast<ValueId>(i));
    if (!inserted) alias[i] = it->second;  // now unused: dead code elimination drops it
  }
}

}  // namespace xisa::ir
