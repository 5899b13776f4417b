// One IR block through an asmjit-based backend: the Emitter lowers it with the host's
// Assembler, the code is placed in executable memory and the CompiledBlock gets its tables.
// Host is a policy with two static functions: made_executable(rx, size), called once the
// bytes are in place, and patchable(site_rx), whether a direct exit's jump can be patched.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>

#include "backend/asmjit_common/place.h"
#include "common/log.h"

namespace xisa::backend::asmjit_common {

template <typename Host, typename Assembler, typename Emitter>
std::optional<CompiledBlock> compile_block(const ir::Block& block, const CompileConfig& config,
                                           const CodeAllocator& alloc, std::string* why) {
  asmjit::CodeHolder code;
  RecordError errors;
  code.init(asmjit::Environment::host());
  code.setErrorHandler(&errors);
  asmjit::StringLogger listing;  // --log trace prints the host code of every block
  const bool trace = spdlog::should_log(spdlog::level::trace);
  if (trace) code.setLogger(&listing);
  Assembler as(&code);
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
  Host::made_executable(rx, code.codeSize());
  if (trace)
    log::trace("jit: block {:#x} at {}:\n{}", block.guest_pc, fmt::ptr(rx), listing.data());
  CompiledBlock out;
  out.code = rx;
  out.size = static_cast<uint32_t>(code.codeSize());
  out.reserved = reserved;
  out.fault_sites = std::move(emitter.fault_sites);
  out.flushes_code = emitter.flushes_code;
  for (const auto& c : emitter.chains) {
    const auto site = static_cast<uint32_t>(code.labelOffsetFromBase(c.site));
    if (!Host::patchable(rx + site)) {
      *why = "a direct exit did not get a patchable jump";
      return std::nullopt;
    }
    ChainSite chain{site, static_cast<uint32_t>(code.labelOffsetFromBase(c.stub)), c.target_pc};
    if constexpr (requires { c.guard; }) {
      if (c.guard.isValid())
        chain.guard_offset = static_cast<uint32_t>(code.labelOffsetFromBase(c.guard));
    }
    out.chain_sites.push_back(chain);
  }
  return out;
}

}  // namespace xisa::backend::asmjit_common
