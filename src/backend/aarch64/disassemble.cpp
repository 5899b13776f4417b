// Host code listings for --dump-host, with Capstone (Debian's capstone, built for the host by
// scripts/cross-deps.sh): asmjit has no AArch64 disassembler, and Capstone is a small C
// library with no dependencies, unlike LLVM's, and needs no external program as objdump would.
#include <capstone/capstone.h>
#include <fmt/format.h>

#include <cstring>

#include "backend/aarch64/aarch64_backend.h"

namespace xisa::backend::aarch64 {

std::string disassemble(const uint8_t* code, size_t size) {
  csh handle;
  if (cs_open(CS_ARCH_ARM64, CS_MODE_LITTLE_ENDIAN, &handle) != CS_ERR_OK)
    return "(capstone cannot disassemble AArch64)\n";
  std::string out;
  cs_insn* insns = nullptr;
  const auto address = reinterpret_cast<uint64_t>(code);
  const size_t n = cs_disasm(handle, code, size, address, 0, &insns);
  size_t done = 0;
  for (size_t k = 0; k < n; ++k) {
    out += fmt::format("  {:x}: {} {}\n", insns[k].address, insns[k].mnemonic, insns[k].op_str);
    done += insns[k].size;
  }
  if (n) cs_free(insns, n);
  cs_close(&handle);
  // Capstone stops at a word it cannot decode: show the rest raw.
  for (; done + 4 <= size; done += 4) {
    uint32_t word;
    std::memcpy(&word, code + done, 4);
    out += fmt::format("  {:x}: .inst {:#010x}\n", address + done, word);
  }
  return out;
}

}  // namespace xisa::backend::aarch64
