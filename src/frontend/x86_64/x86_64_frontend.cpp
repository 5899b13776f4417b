// Block formation for x86-64: straight-line code up to a control transfer, syscall or trap.
#include "frontend/x86_64/x86_64_frontend.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "common/guest_access.h"
#include "common/log.h"
#include "frontend/common/lift_check.h"
#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

namespace {

constexpr uint64_t kPageSize = 4096;
constexpr unsigned kMaxInsnBytes = 15;

// One table from mnemonic to handler, filled from x86_table.inc.
struct HandlerTable {
  std::array<LiftFn, ZYDIS_MNEMONIC_MAX_VALUE + 1> fn{};
  HandlerTable() {
#define INST(mnemonic, handler) fn[ZYDIS_MNEMONIC_##mnemonic] = &lift_##handler;
#include "frontend/x86_64/x86_table.inc"
#undef INST
  }
};

// Copies the instruction bytes at pc without touching the page after the last byte that can
// belong to the block's last instruction, unless the instruction really continues there.
size_t fetch(uint64_t pc, uint8_t* out) {
  const uint64_t page_end = (pc | (kPageSize - 1)) + 1;
  const size_t first = std::min<uint64_t>(kMaxInsnBytes, page_end - pc);
  guest_read(out, pc, first);
  return first;
}

}  // namespace

LiftFn handler_for(ZydisMnemonic mnemonic) {
  static const HandlerTable table;
  return mnemonic <= ZYDIS_MNEMONIC_MAX_VALUE ? table.fn[mnemonic] : nullptr;
}

X86_64Frontend::X86_64Frontend() {
  ZydisDecoderInit(&decoder_, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64);
  // No MPX (as on every CPU since 2019): 0F 1A/1B decode as the hint-space NOPs they are then,
  // not BNDLDX/BNDMOV..., and a BND prefix (F2) on a branch means nothing.
  ZydisDecoderEnableMode(&decoder_, ZYDIS_DECODER_MODE_MPX, ZYAN_FALSE);
}

void X86_64Frontend::translate(uint64_t pc, ir::Block& block, const TranslateOptions& options) {
  ir::Builder b(block);
  block.guest_pc = pc;
  Lifter l(b);
  Insn insn;
  for (unsigned n = 0; n < options.max_insns; ++n) {
    uint8_t bytes[kMaxInsnBytes];
    size_t avail = fetch(pc, bytes);
    ZyanStatus status = ZydisDecoderDecodeFull(&decoder_, bytes, avail, &insn.d, insn.op);
    if (status == ZYDIS_STATUS_NO_MORE_DATA && avail < kMaxInsnBytes) {
      // The instruction crosses into the next page: fetch the rest (a fault names this pc).
      std::memcpy(bytes + avail, reinterpret_cast<const void*>(pc + avail), kMaxInsnBytes - avail);
      avail = kMaxInsnBytes;
      status = ZydisDecoderDecodeFull(&decoder_, bytes, avail, &insn.d, insn.op);
    }
    insn.pc = pc;
    l.begin(&insn);
    l.slow_path = options.slow_path_at(pc);
    b.guest_insn(pc);
    const LiftFn fn = ZYAN_SUCCESS(status) ? handler_for(insn.d.mnemonic) : nullptr;
    const size_t mark = block.insts.size();
    bool lifted = fn && !l.refused();
    if (lifted) l.prologue();
    lifted = lifted && fn(l) && !l.refused();
    if (lifted) {
      l.finish();
      const std::string problem = frontend::lifted_ir_problem(block, mark, sizeof(X86_64State));
      if (!problem.empty()) {
        log::error("x86-64: lifting {} at {:#x} is unsound ({}): raising SIGILL",
                   ZydisMnemonicGetString(insn.d.mnemonic), pc, problem);
        lifted = false;
      }
    }
    if (!lifted) {
      if (ZYAN_SUCCESS(status))
        log::debug("x86-64: no lifter for {} at {:#x}", ZydisMnemonicGetString(insn.d.mnemonic),
                   pc);
      // Drop any partial lifting of the instruction: it must have no effect.
      block.insts.resize(mark);
      b.trap(ir::TrapKind::IllegalInstruction, pc);
      ++block.guest_insns;
      block.guest_end = pc + 1;
      return;
    }
    ++block.guest_insns;
    pc = insn.next_pc();
    block.guest_end = pc;
    if (b.terminated()) return;
    if ((pc & (kPageSize - 1)) < ((pc - insn.d.length) & (kPageSize - 1))) break;
  }
  b.jump(pc);
}

}  // namespace xisa::x86_64
