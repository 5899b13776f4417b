// Compiles IR blocks with the Emitter, places them in executable memory and keeps the
// instruction cache coherent with what was written through the rw view.
#include "backend/aarch64/aarch64_backend.h"

#include <cstdlib>
#include <cstring>

#include "backend/aarch64/abi.h"
#include "backend/aarch64/emitter.h"
#include "backend/asmjit_common/compile_block.h"
#include "backend/asmjit_common/place.h"
#include "backend/common/instruction_cache.h"
#include "common/log.h"

namespace xisa::backend::aarch64 {

using asmjit_common::place;

namespace {

using common::sync_instruction_cache;

// movz w0, #value; ret (common::check_fetch_of_aliased_writes).
void return_value_probe(uint32_t value, uint32_t out[2]) {
  out[0] = 0x52800000u | value << 5;
  out[1] = 0xd65f03c0u;
}

}  // namespace

// enter(state x0, code x1, thread data x2): saves the callee-saved registers (the link
// register with the frame pointer), sets up the frame and the fixed registers, and branches
// to the code. The epilogue returns x0:x1 as the ExitRecord.
std::optional<Trampoline> emit_trampoline(const CodeAllocator& alloc) {
  asmjit::CodeHolder code;
  code.init(asmjit::Environment::host());
  a64::Assembler as(&code);
  asmjit::Label epilogue = as.newLabel();
  as.stp(a64::x29, a64::x30, a64::ptr_pre(a64::sp, -96));
  as.stp(a64::x19, a64::x20, a64::ptr(a64::sp, 16));
  as.stp(a64::x21, a64::x22, a64::ptr(a64::sp, 32));
  as.stp(a64::x23, a64::x24, a64::ptr(a64::sp, 48));
  as.stp(a64::x25, a64::x26, a64::ptr(a64::sp, 64));
  as.stp(a64::x27, a64::x28, a64::ptr(a64::sp, 80));
  as.mov(a64::x29, a64::sp);
  as.sub(a64::sp, a64::sp, kFrameSize);
  as.mov(kStateReg, a64::x0);
  as.mov(kThreadData, a64::x2);
  as.adr(kEpilogue, epilogue);
  as.br(a64::x1);
  as.bind(epilogue);
  as.add(a64::sp, a64::sp, kFrameSize);
  as.ldp(a64::x27, a64::x28, a64::ptr(a64::sp, 80));
  as.ldp(a64::x25, a64::x26, a64::ptr(a64::sp, 64));
  as.ldp(a64::x23, a64::x24, a64::ptr(a64::sp, 48));
  as.ldp(a64::x21, a64::x22, a64::ptr(a64::sp, 32));
  as.ldp(a64::x19, a64::x20, a64::ptr(a64::sp, 16));
  as.ldp(a64::x29, a64::x30, a64::ptr_post(a64::sp, 96));
  as.ret(a64::x30);
  std::string why;
  const uint8_t* rx = place(code, alloc, &why);
  if (!rx) return std::nullopt;
  sync_instruction_cache(rx, code.codeSize());
  common::check_fetch_of_aliased_writes(alloc, return_value_probe);
  Trampoline t;
  t.enter = reinterpret_cast<EnterFn>(const_cast<uint8_t*>(rx));
  t.epilogue = rx + code.labelOffsetFromBase(epilogue);
  return t;
}

namespace {

struct Host {
  static void made_executable(const uint8_t* rx, size_t size) { sync_instruction_cache(rx, size); }
  static bool patchable(const uint8_t* site) {  // B imm26
    uint32_t insn;
    std::memcpy(&insn, site, sizeof insn);
    return (insn & 0xfc000000u) == 0x14000000u;
  }
};

}  // namespace

std::optional<CompiledBlock> compile(const ir::Block& block, const CompileConfig& config,
                                     const CodeAllocator& alloc, std::string* why) {
  return asmjit_common::compile_block<Host, a64::Assembler, Emitter>(block, config, alloc, why);
}

void patch_jump(uint8_t* site_rw, const uint8_t* site_rx, const void* target) {
  const int64_t delta = static_cast<const uint8_t*>(target) - site_rx;
  // B reaches +-128 MiB; the code cache is smaller than that (SharedJitCode::kDefaultCapacity),
  // and every target is in it.
  if (delta < -(int64_t{1} << 27) || delta >= (int64_t{1} << 27)) {
    log::error("jit: chained branch out of B range ({} bytes)", delta);
    std::abort();
  }
  const uint32_t insn = 0x14000000u | (static_cast<uint32_t>(delta >> 2) & 0x03ffffffu);
  // One aligned 4-byte store of a B: concurrent modification of a B is architecturally safe,
  // a thread sees the old or the new branch.
  __atomic_store_n(reinterpret_cast<uint32_t*>(site_rw), insn, __ATOMIC_RELEASE);
  sync_instruction_cache(site_rx, 4);
}

}  // namespace xisa::backend::aarch64
