// Compiles IR blocks with the Emitter and places them in executable memory.
#include "backend/x86_64/x86_64_backend.h"

#include <atomic>
#include <cstring>

#include "backend/asmjit_common/place.h"
#include "backend/x86_64/abi.h"
#include "backend/x86_64/emitter.h"
#include "common/log.h"

namespace xisa::backend::x86_64 {

using asmjit_common::place;
using asmjit_common::RecordError;

std::optional<Trampoline> emit_trampoline(const CodeAllocator& alloc) {
  asmjit::CodeHolder code;
  code.init(asmjit::Environment::host());
  x86::Assembler as(&code);
  const x86::Gp saved[] = {x86::rbx, x86::rbp, x86::r12, x86::r13, x86::r14, x86::r15};
  for (const x86::Gp& r : saved) as.push(r);
  as.sub(x86::rsp, kFrameSize);
  as.mov(kStateReg, x86::rdi);
  as.mov(x86::qword_ptr(x86::rsp, kJumpCacheOffset), x86::rdx);
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

std::optional<CompiledBlock> compile(const ir::Block& block, const CompileConfig& config,
                                     const CodeAllocator& alloc, std::string* why) {
  asmjit::CodeHolder code;
  RecordError errors;
  code.init(asmjit::Environment::host());
  code.setErrorHandler(&errors);
  asmjit::StringLogger listing;  // --log trace prints the host code of every block
  const bool trace = spdlog::should_log(spdlog::level::trace);
  if (trace) code.setLogger(&listing);
  x86::Assembler as(&code);
  Emitter emitter(block, config, as);
  *why = emitter.unsupported_reason();
  if (!why->empty()) return std::nullopt;
  *why = emitter.emit();
  if (!why->empty()) return std::nullopt;
  if (errors.error != asmjit::kErrorOk) {
    *why = "asmjit: " + errors.text;
    return std::nullopt;
  }
  uint32_t reserved = 0;
  const uint8_t* rx = place(code, alloc, why, &reserved);
  if (!rx) return std::nullopt;
  if (trace)
    log::trace("jit: block {:#x} at {}:\n{}", block.guest_pc, fmt::ptr(rx), listing.data());
  CompiledBlock out;
  out.code = rx;
  out.size = static_cast<uint32_t>(code.codeSize());
  out.reserved = reserved;
  out.fault_sites = std::move(emitter.fault_sites);
  out.flushes_code = emitter.flushes_code;
  for (const Emitter::PendingChain& c : emitter.chains) {
    if (rx[c.jump_offset] != 0xe9) {
      *why = "a direct exit did not get a rel32 jump";
      return std::nullopt;
    }
    out.chain_sites.push_back(
        {c.jump_offset, static_cast<uint32_t>(code.labelOffsetFromBase(c.stub)), c.target_pc});
  }
  return out;
}

void patch_jump(uint8_t* site_rw, const uint8_t* site_rx, const void* target) {
  const auto rel = static_cast<int32_t>(static_cast<const uint8_t*>(target) - (site_rx + 5));
  // One aligned 4-byte store: a thread running this code sees the old or the new target.
  __atomic_store_n(reinterpret_cast<int32_t*>(site_rw + 1), rel, __ATOMIC_RELEASE);
}

}  // namespace xisa::backend::x86_64
