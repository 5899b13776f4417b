// First look at a program file: is it a 64-bit little-endian ELF executable, and for which
// machine? Every problem becomes an xisa::Error with one clear line.
#pragma once

#include <cstdint>
#include <string>

namespace xisa::os {

struct ElfProbe {
  uint16_t machine = 0;  // e_machine
  uint16_t type = 0;     // ET_EXEC or ET_DYN
};

ElfProbe probe_elf(const std::string& path);

}  // namespace xisa::os
