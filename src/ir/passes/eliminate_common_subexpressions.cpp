// Common subexpression elimination inside one block: a pure op with the same opcode, type,
// operands and immediates as an earlier one reuses the earlier value. (Guest FP fast paths
// test the same control register once per instruction; this leaves one test per block.)
#include <functional>
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
  // An open-addressing table (linear probing, at most half full) in memory kept per thread:
  // a node-based map allocated once per pure instruction, and that was most of this pass.
  thread_local std::vector<Key> keys;
  thread_local std::vector<ValueId> values;
  size_t size = 16;
  while (size < 2 * block.insts.size()) size *= 2;
  keys.resize(size);
  values.assign(size, kNoValue);
  const size_t mask = size - 1;
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
    size_t slot = KeyHash{}(k)&mask;
    while (values[slot] != kNoValue && !(keys[slot] == k)) slot = (slot + 1) & mask;
    if (values[slot] != kNoValue) {
      alias[i] = values[slot];  // now unused: dead code elimination drops it
    } else {
      keys[slot] = k;
      values[slot] = static_cast<ValueId>(i);
    }
  }
}

}  // namespace xisa::ir
