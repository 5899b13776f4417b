// A translated guest block in IR: block-local SSA, one terminator at the end.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/types.h"

namespace xisa::ir {

using ValueId = uint32_t;
inline constexpr ValueId kNoValue = 0xffffffffu;

struct Inst {
  Opcode op;
  Type type;  // result type (Void when the op yields nothing); for Store, the stored type
  uint8_t nargs = 0;
  ValueId args[3] = {kNoValue, kNoValue, kNoValue};
  uint64_t imm = 0;
  uint64_t aux = 0;
};

// An SSA value is the index of the instruction that yields it.
struct Value {
  ValueId id = kNoValue;
  Type type = Type::Void;
  bool valid() const { return id != kNoValue; }
};

struct Block {
  uint64_t guest_pc = 0;      // first guest instruction
  uint64_t guest_end = 0;     // one past the last guest byte translated
  uint32_t guest_insns = 0;   // guest instructions in the block
  bool flushes_code = false;  // holds an instruction fence: translations go stale after it
  // State bytes [scratch_begin, scratch_end) carry values within one guest instruction only:
  // no fault, exit or later block reads them, so stores to them need not outlive the block.
  uint32_t scratch_begin = 0, scratch_end = 0;
  std::vector<Inst> insts;

  const Inst& terminator() const { return insts.back(); }
};

std::string print_block(const Block& block);
// Returns an empty string when the block is well formed, else a description of the first fault.
std::string verify_block(const Block& block);

}  // namespace xisa::ir
