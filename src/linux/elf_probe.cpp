// Validation of the ELF identification and header of a guest program.
#include "linux/elf_probe.h"

#include <elf.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/error.h"

namespace xisa::os {

ElfProbe probe_elf(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) throw Error(fmt::format("{}: {}", path, std::strerror(errno)));
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    const int err = errno;
    close(fd);
    throw Error(fmt::format("{}: {}", path, std::strerror(err)));
  }
  if (S_ISDIR(st.st_mode)) {
    close(fd);
    throw Error(fmt::format("{}: is a directory", path));
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    throw Error(fmt::format("{}: not a regular file", path));
  }
  Elf64_Ehdr eh{};
  const ssize_t n = pread(fd, &eh, sizeof eh, 0);
  close(fd);
  if (n >= 2 && eh.e_ident[0] == '#' && eh.e_ident[1] == '!')
    throw Error(
        fmt::format("{}: is a script, not an ELF executable; run its interpreter under "
                    "xisa instead",
                    path));
  if (n < SELFMAG || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0)
    throw Error(fmt::format("{}: not an ELF file", path));
  if (n < EI_NIDENT) throw Error(fmt::format("{}: truncated ELF header", path));
  if (eh.e_ident[EI_CLASS] == ELFCLASS32)
    throw Error(
        fmt::format("{}: 32-bit ELF programs are not supported (xisa runs 64-bit "
                    "x86-64, AArch64 and RISC-V64 programs)",
                    path));
  if (eh.e_ident[EI_CLASS] != ELFCLASS64) throw Error(fmt::format("{}: bad ELF class", path));
  if (eh.e_ident[EI_DATA] != ELFDATA2LSB)
    throw Error(fmt::format("{}: big-endian ELF programs are not supported", path));
  if (n < static_cast<ssize_t>(sizeof eh))
    throw Error(fmt::format("{}: truncated ELF header", path));
  if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
    throw Error(fmt::format("{}: not an executable (ELF type {})", path, eh.e_type));
  const uint64_t file_size = static_cast<uint64_t>(st.st_size);
  const uint64_t ph_bytes = uint64_t{eh.e_phnum} * sizeof(Elf64_Phdr);
  if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum == 0 || eh.e_phoff > file_size ||
      ph_bytes > file_size - eh.e_phoff)
    throw Error(fmt::format("{}: malformed ELF program headers", path));
  return {eh.e_machine, eh.e_type};
}

}  // namespace xisa::os
