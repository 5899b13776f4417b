// The ELF loader: reads and validates a 64-bit ELF executable (static ET_EXEC, static-pie or
// dynamic ET_DYN, or a program interpreter) and maps its PT_LOAD segments into the guest
// address space (1:1 with the host's). Every problem is an xisa::Error with one clear line.
#pragma once

#include <elf.h>

#include <cstdint>
#include <string>
#include <vector>

#include "linux/vma_set.h"

namespace xisa::os {

// A validated ELF file, not yet mapped.
struct ElfFile {
  std::string path;
  Elf64_Ehdr header{};
  std::vector<Elf64_Phdr> phdrs;
  uint64_t file_size = 0;
  std::string interp;       // PT_INTERP, empty when none
  bool exec_stack = false;  // PT_GNU_STACK asks for an executable stack
};

// Where an image landed.
struct LoadedImage {
  uint64_t bias = 0;       // added to every p_vaddr (0 for ET_EXEC)
  uint64_t entry = 0;      // e_entry + bias
  uint64_t phdr_addr = 0;  // the program headers in guest memory, 0 when no segment holds them
  uint64_t start = 0;      // lowest mapped address
  uint64_t end = 0;        // page-aligned end of the highest segment (bss included)
};

// Where an ET_DYN image goes when the address is free: away from the host's own mappings
// (a PIE host lives at 0x55..., its libraries and stacks at 0x7f...) and inside RISC-V Sv39.
inline constexpr uint64_t kDynamicLoadBase = 0x4000000000;

// Opens and validates path as an executable for machine (an EM_* value). Throws Error.
ElfFile read_elf(const std::string& path, uint16_t machine);

// Maps the PT_LOAD segments (ET_DYN at kDynamicLoadBase or the next free slot) and records
// them in vmas. Throws Error.
LoadedImage map_elf(const ElfFile& elf, VmaSet& vmas);

// Host page size (the granule of every guest mapping).
uint64_t host_page_size();

}  // namespace xisa::os
