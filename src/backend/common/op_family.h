// Which lowering family an IR op belongs to: the one decision every backend's dispatch makes
// the same way (shifts apart from other binary ops, Fence with memory, TrapIf/ExitIf as side
// exits...). A backend switches on the family and calls its own lowering of it.
#pragma once

#include "ir/block.h"

namespace xisa::backend::common {

enum class OpFamily : uint8_t {
  Constant,      // Const
  State,         // GetReg, SetReg
  Marker,        // GuestInsn: no code
  Binary,        // integer arithmetic and logic with two operands
  Shift,         // Shl, ShrL, ShrA, RotL, RotR
  Unary,         // Not, Neg, Clz, Ctz, Popcnt, Bswap
  Compare,       // CmpEq ... CmpLeU
  Flags,         // NzcvAdd, NzcvSub
  Select,        // Select
  Convert,       // ZExt, SExt, Trunc, Bitcast
  Memory,        // Load, Store, Fence
  Atomic,        // AtomicRmw, AtomicCas
  Call,          // CallHelper
  SideExit,      // TrapIf, ExitIf
  FpFlags,       // FpFlagsClear, FpInexact
  Float,         // FAdd ... FMulAdd, FAbs, FNeg
  FloatCompare,  // FCmpEq ... FCmpUeq
  Vector,        // v128 ops
  Terminator,    // Jump, Branch, JumpIndirect, Syscall, Trap
};

OpFamily op_family(ir::Opcode op);

}  // namespace xisa::backend::common
