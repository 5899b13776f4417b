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

// How a mnemonic is lifted, from x86_table.inc: its own handler, and for VEX forms lifted on a
// view (Lifter::lift_vex_view) the handler and mnemonic the view shows, and the shape of the
// 256-bit form (none: only the 128-bit form goes through the view).
struct Lifting {
  LiftFn handler = nullptr;
  ZydisMnemonic view_mnemonic = ZYDIS_MNEMONIC_INVALID;
  bool keep_vvvv = false;
  bool has_256 = false;
  Lifter::VexShape shape = Lifter::VexShape::Lanes;
};

struct HandlerTable {
  std::array<Lifting, ZYDIS_MNEMONIC_MAX_VALUE + 1> entry{};
  HandlerTable() {
    using Shape = Lifter::VexShape;
    auto view = [&](ZydisMnemonic m, ZydisMnemonic shown, bool keep, bool has_256, Shape shape) {
      Lifting& e = entry[m];
      e.view_mnemonic = shown;
      e.keep_vvvv = keep;
      e.has_256 = has_256;
      e.shape = shape;
    };
#define M(name) ZYDIS_MNEMONIC_##name
#define INST(mnemonic, fn) entry[M(mnemonic)].handler = &lift_##fn;
#define VEX128_SSE(mnemonic, legacy) view(M(mnemonic), M(legacy), false, false, Shape::Lanes);
#define VEX_SSE(mnemonic, legacy) view(M(mnemonic), M(legacy), false, true, Shape::Lanes);
#define VEX_SSE_WIDEN(mnemonic, legacy) view(M(mnemonic), M(legacy), false, true, Shape::Widen);
#define VEX_SSE_NARROW(mnemonic, legacy) view(M(mnemonic), M(legacy), false, true, Shape::Narrow);
#define AVX_LANES(mnemonic, fn) \
  INST(mnemonic, fn) view(M(mnemonic), M(mnemonic), true, true, Shape::Lanes);
#include "frontend/x86_64/x86_table.inc"
#undef AVX_LANES
#undef VEX_SSE_NARROW
#undef VEX_SSE_WIDEN
#undef VEX_SSE
#undef VEX128_SSE
#undef INST
#undef M
  }
};

const Lifting& lifting_of(ZydisMnemonic mnemonic) {
  static const HandlerTable table;
  static const Lifting none;
  return mnemonic <= ZYDIS_MNEMONIC_MAX_VALUE ? table.entry[mnemonic] : none;
}

}  // namespace

bool lift_instruction(Lifter& l) {
  const Lifting& how = lifting_of(l.in->d.mnemonic);
  if (how.view_mnemonic != ZYDIS_MNEMONIC_INVALID &&
      l.in->d.encoding == ZYDIS_INSTRUCTION_ENCODING_VEX && (how.has_256 || !l.is_256())) {
    const LiftFn handler = lifting_of(how.view_mnemonic).handler;
    return handler && l.lift_vex_view({handler, how.view_mnemonic, how.shape, how.keep_vvvv});
  }
  // A mnemonic lifted through a view has a handler of its own only for a 256-bit form.
  if (how.view_mnemonic != ZYDIS_MNEMONIC_INVALID && !how.keep_vvvv && !l.is_256()) return false;
  return how.handler && how.handler(l);
}

namespace {

// Copies the instruction bytes at pc without touching the page after the last byte that can
// belong to the block's last instruction, unless the instruction really continues there.
size_t fetch(uint64_t pc, uint8_t* out) {
  const uint64_t page_end = (pc | (kPageSize - 1)) + 1;
  const size_t first = std::min<uint64_t>(kMaxInsnBytes, page_end - pc);
  guest_read(out, pc, first);
  return first;
}

}  // namespace

X86_64Frontend::X86_64Frontend() {
  ZydisDecoderInit(&decoder_, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64);
  // No MPX (as on every CPU since 2019): 0F 1A/1B decode as the hint-space NOPs they are then,
  // not BNDLDX/BNDMOV..., and a BND prefix (F2) on a branch means nothing.
  ZydisDecoderEnableMode(&decoder_, ZYDIS_DECODER_MODE_MPX, ZYAN_FALSE);
}

void X86_64Frontend::translate(uint64_t pc, ir::Block& block, const TranslateOptions& options) {
  ir::Builder b(block);
  block.guest_pc = pc;
  // The VEX view's scratch slots (X86_64State::vec) live within one instruction.
  block.scratch_begin = xmm_offset(kVecScratchSlot);
  block.scratch_end = xmm_offset(kVecSlots);
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
    l.track_inexact = options.track_inexact_at(pc);
    b.guest_insn(pc);
    const size_t mark = block.insts.size();
    bool lifted = ZYAN_SUCCESS(status) && !l.refused();
    if (lifted) l.prologue();
    lifted = lifted && lift_instruction(l) && !l.refused();
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
