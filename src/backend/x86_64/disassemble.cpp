// Host code listings for --dump-host, with Zydis (which also decodes x86-64 guests).
#include <Zydis/Zydis.h>
#include <fmt/format.h>

#include "backend/x86_64/x86_64_backend.h"

namespace xisa::backend::x86_64 {

std::string disassemble(const uint8_t* code, size_t size) {
  std::string out;
  ZydisDisassembledInstruction insn;
  size_t offset = 0;
  const auto base = reinterpret_cast<uint64_t>(code);
  while (offset < size &&
         ZYAN_SUCCESS(ZydisDisassembleATT(ZYDIS_MACHINE_MODE_LONG_64, base + offset, code + offset,
                                          size - offset, &insn))) {
    out += fmt::format("  {:#x}: {}\n", base + offset, insn.text);
    offset += insn.info.length;
  }
  return out;
}

}  // namespace xisa::backend::x86_64
