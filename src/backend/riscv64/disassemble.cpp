// --dump-host on a RISC-V64 host. Debian 12's Capstone (4.0) has no RISC-V, so the listing comes
// from GNU objdump, which every RISC-V toolchain has: the code goes to a temporary file and
// `objdump -D -b binary -m riscv:rv64` reads it back at its executable address. Without
// objdump the listing is one instruction word a line.
#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "backend/riscv64/riscv64_backend.h"

namespace xisa::backend::riscv64 {

namespace {

std::string words(const uint8_t* code, size_t size) {
  std::string out;
  for (size_t off = 0; off + 4 <= size; off += 4) {
    uint32_t insn;
    std::memcpy(&insn, code + off, sizeof insn);
    out += fmt::format("{:#x}: .word {:#010x}\n", reinterpret_cast<uintptr_t>(code + off), insn);
  }
  return out;
}

// objdump's listing of the file, from the line after "<.data>:" on; "" when it cannot run.
std::string objdump(const char* tool, const std::string& path, uintptr_t vma) {
  const std::string command = fmt::format(
      "{} -D -b binary -m riscv:rv64 --adjust-vma={:#x} {} "
      "2>/dev/null",
      tool, vma, path);
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return "";
  std::string text;
  std::array<char, 4096> buffer;
  for (size_t got; (got = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;)
    text.append(buffer.data(), got);
  if (pclose(pipe) != 0) return "";
  const size_t start = text.find("<.data>:\n");
  return start == std::string::npos ? "" : text.substr(start + 9);
}

}  // namespace

std::string disassemble(const uint8_t* code, size_t size) {
  char path[] = "/tmp/xisa-dump-host-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return words(code, size);
  const bool written = write(fd, code, size) == static_cast<ssize_t>(size);
  close(fd);
  std::string listing;
  if (written)
    for (const char* tool : {"objdump", "riscv64-linux-gnu-objdump"})
      if (listing = objdump(tool, path, reinterpret_cast<uintptr_t>(code)); !listing.empty()) break;
  unlink(path);
  return listing.empty() ? words(code, size) : listing;
}

}  // namespace xisa::backend::riscv64
