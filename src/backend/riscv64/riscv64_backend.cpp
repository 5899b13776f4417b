// Compiles IR blocks with the Emitter, places them in executable memory and keeps the
// instruction cache coherent with what was written through the rw view; patches chained exits.
#include "backend/riscv64/riscv64_backend.h"

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>

#include "backend/common/instruction_cache.h"
#include "backend/riscv64/abi.h"
#include "backend/riscv64/emitter.h"
#include "common/log.h"

namespace xisa::backend::riscv64 {

using common::sync_instruction_cache;

namespace {

// The callee-saved registers the trampoline keeps: ra, s0..s11.
constexpr uint8_t kSaved[] = {kRa, 8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27};
constexpr int32_t kSaveBytes = 112;  // 13 x 8, rounded up to 16
static_assert(sizeof kSaved * 8 <= kSaveBytes);

// addi a0, zero, value; ret (common::check_fetch_of_aliased_writes).
void return_value_probe(uint32_t value, uint32_t out[2]) {
  out[0] = enc::addi(kA0, kZero, static_cast<int32_t>(value));
  out[1] = enc::jalr(kZero, kRa, 0);
}

// Copies finished code into executable memory; nullptr (and why) when there is no room.
const uint8_t* place(const Assembler& as, const CodeAllocator& alloc, std::string* why) {
  const size_t size = as.size_bytes();
  auto [rw, rx] = alloc(size);
  if (!rw) {
    *why = "code cache full";
    return nullptr;
  }
  std::memcpy(rw, as.words().data(), size);
  sync_instruction_cache(rx, size);
  return rx;
}

}  // namespace

// enter(state a0, code a1, thread data a2): saves ra and s0..s11, sets up the frame and the
// fixed registers, and jumps to the code. The epilogue returns a0:a1 as the ExitRecord.
std::optional<Trampoline> emit_trampoline(const CodeAllocator& alloc) {
  Assembler as;
  const Label epilogue = as.new_label();
  as.emit(enc::addi(kSp, kSp, -kSaveBytes));
  for (size_t k = 0; k < sizeof kSaved; ++k)
    as.emit(enc::store(enc::kSd, kSaved[k], kSp, static_cast<int32_t>(8 * k)));
  as.emit(enc::addi(kSp, kSp, -kFrameSize));
  as.mv(kStateReg, kA0);
  as.mv(kThreadData, kA2);
  as.la(kEpilogue, epilogue);
  as.emit(enc::jalr(kZero, kA1, 0));
  as.bind(epilogue);
  as.emit(enc::addi(kSp, kSp, kFrameSize));
  for (size_t k = 0; k < sizeof kSaved; ++k)
    as.emit(enc::load(enc::kLd, kSaved[k], kSp, static_cast<int32_t>(8 * k)));
  as.emit(enc::addi(kSp, kSp, kSaveBytes));
  as.emit(enc::jalr(kZero, kRa, 0));
  std::string why = as.finish();
  if (!why.empty()) return std::nullopt;
  const uint8_t* rx = place(as, alloc, &why);
  if (!rx) return std::nullopt;
  common::check_fetch_of_aliased_writes(alloc, return_value_probe);
  Trampoline t;
  t.enter = reinterpret_cast<EnterFn>(const_cast<uint8_t*>(rx));
  t.epilogue = rx + as.label_offset(epilogue);
  return t;
}

std::optional<CompiledBlock> compile(const ir::Block& block, const CompileConfig& config,
                                     const CodeAllocator& alloc, std::string* why) {
  Assembler as;
  Emitter emitter(block, config, as);
  *why = emitter.unsupported_reason();
  if (!why->empty()) return std::nullopt;
  *why = emitter.emit();
  if (!why->empty()) return std::nullopt;
  *why = as.finish();
  if (!why->empty()) return std::nullopt;
  const uint8_t* rx = place(as, alloc, why);
  if (!rx) return std::nullopt;
  if (spdlog::should_log(spdlog::level::trace))
    log::trace("jit: block {:#x} at {}:\n{}", block.guest_pc, fmt::ptr(rx),
               disassemble(rx, as.size_bytes()));
  CompiledBlock out;
  out.code = rx;
  out.size = static_cast<uint32_t>(as.size_bytes());
  out.reserved = out.size;
  out.fault_sites = std::move(emitter.fault_sites);
  out.flushes_code = emitter.flushes_code;
  for (const auto& c : emitter.chains)
    out.chain_sites.push_back({c.jump_offset, as.label_offset(c.stub), c.target_pc});
  return out;
}


void patch_jump(uint8_t* site_rw, const uint8_t* site_rx, const void* target) {
  const int64_t delta = static_cast<const uint8_t*>(target) - site_rx;
  uint32_t jal;
  if (delta >= -(int64_t{1} << 20) && delta < (int64_t{1} << 20)) {
    jal = enc::jal(kZero, static_cast<int32_t>(delta));
  } else {
    // The literal first, then the jal to the far form that reads it: a thread sees the old
    // jump or the new one, never half of one.
    const auto site = reinterpret_cast<uintptr_t>(site_rx);
    const uintptr_t literal = far_literal(site);
    __atomic_store_n(reinterpret_cast<uint64_t*>(site_rw + (literal - site)),
                     reinterpret_cast<uint64_t>(target), __ATOMIC_RELEASE);
    jal = enc::jal(kZero, 4);
  }
  __atomic_store_n(reinterpret_cast<uint32_t*>(site_rw), jal, __ATOMIC_RELEASE);
  sync_instruction_cache(site_rx, 32);
}

}  // namespace xisa::backend::riscv64
