// The IR interpreter: the portable engine and the oracle for every JIT backend.
#pragma once

#include <cstdint>

#include "ir/block.h"

namespace xisa::interp {

enum class ExitKind : uint8_t { Jump, Syscall, Trap };

struct BlockExit {
  ExitKind kind = ExitKind::Jump;
  uint64_t pc = 0;  // next guest pc (Jump, Syscall) or the trapping insn (Trap)
  ir::TrapKind trap = ir::TrapKind::IllegalInstruction;
};

// Runs one block on a guest state struct (which starts with a CpuHeader). Guest memory is
// addressed 1:1. A host fault on a guest access leaves CpuHeader::pc at the faulting insn.
BlockExit run_block(const ir::Block& block, void* state);
// Whether the access that faulted was an ir::kRestartAloneOnFault one (the fault handler asks
// once: the answer resets).
bool take_restart_alone_on_fault();

}  // namespace xisa::interp
