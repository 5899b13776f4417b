// Compiles IR blocks with the Emitter and places them in executable memory.
#include "backend/x86_64/x86_64_backend.h"

#include <atomic>
#include <cstring>

#include "backend/asmjit_common/compile_block.h"
#include "backend/asmjit_common/place.h"
#include "backend/x86_64/abi.h"
#include "backend/x86_64/emitter.h"
#include "common/log.h"

namespace xisa::backend::x86_64 {

using asmjit_common::place;

std::optional<Trampoline> emit_trampoline(const CodeAllocator& alloc) {
  asmjit::CodeHolder code;
  code.init(asmjit::Environment::host());
  x86::Assembler as(&code);
  const x86::Gp saved[] = {x86::rbx, x86::rbp, x86::r12, x86::r13, x86::r14, x86::r15};
  for (const x86::Gp& r : saved) as.push(r);
  as.sub(x86::rsp, kFrameSize);
  as.mov(kStateReg, x86::rdi);
  as.mov(x86::qword_ptr(x86::rsp, kJumpCacheOffset), x86::rdx);
  // Translated code mixes VEX and legacy SSE forms. With the upper halves of the ymm registers
  // dirty (xisa's own AVX code before), that mix was 15-20% slower on a scalar FP loop here.
  if (HostFeatures::get().avx) as.vzeroupper();
  as.jmp(x86::rsi);
  asmjit::Label epilogue = as.newLabel();
  as.align(asmjit::AlignMode::kCode, 16);
  as.bind(epilogue);
  as.add(x86::rsp, kFrameSize);
  for (int i = 5; i >= 0; --i) as.pop(saved[i]);
  as.ret();
  std::string why;
  const uint8_t* rx = place(code, alloc, &why);
  if (!rx) return std::nullopt;
  Trampoline t;
  t.enter = reinterpret_cast<EnterFn>(const_cast<uint8_t*>(rx));
  t.epilogue = rx + code.labelOffsetFromBase(epilogue);
  return t;
}

namespace {

struct Host {
  static void made_executable(const uint8_t*, size_t) {}  // x86 fetch sees stores as they are
  static bool patchable(const uint8_t* site) { return *site == 0xe9; }  // jmp rel32
};

}  // namespace

std::optional<CompiledBlock> compile(const ir::Block& block, const CompileConfig& config,
                                     const CodeAllocator& alloc, std::string* why) {
  return asmjit_common::compile_block<Host, x86::Assembler, Emitter>(block, config, alloc, why);
}

void patch_jump(uint8_t* site_rw, const uint8_t* site_rx, const void* target) {
  const auto rel = static_cast<int32_t>(static_cast<const uint8_t*>(target) - (site_rx + 5));
  // One aligned 4-byte store: a thread running this code sees the old or the new target.
  __atomic_store_n(reinterpret_cast<int32_t*>(site_rw + 1), rel, __ATOMIC_RELEASE);
}

}  // namespace xisa::backend::x86_64
