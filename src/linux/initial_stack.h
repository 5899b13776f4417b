// The initial guest stack as the kernel builds it at execve: argc, argv, envp, the auxiliary
// vector, and the strings and bytes they point to, with sp 16-byte aligned at argc.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace xisa::os {

// AT_* values from the kernel's include/uapi/linux/auxvec.h.
enum AuxType : uint64_t {
  kAtNull = 0,
  kAtPhdr = 3,
  kAtPhent = 4,
  kAtPhnum = 5,
  kAtPagesz = 6,
  kAtBase = 7,
  kAtFlags = 8,
  kAtEntry = 9,
  kAtUid = 11,
  kAtEuid = 12,
  kAtGid = 13,
  kAtEgid = 14,
  kAtPlatform = 15,
  kAtHwcap = 16,
  kAtClktck = 17,
  kAtSecure = 23,
  kAtRandom = 25,
  kAtHwcap2 = 26,
  kAtExecfn = 31,
};

struct StackContents {
  std::vector<std::string> argv;
  std::vector<std::string> envp;
  // Auxv entries with plain values; AT_RANDOM, AT_PLATFORM, AT_EXECFN and AT_PHDR (when the
  // phdrs must be copied) point into the stack and are added by build_initial_stack.
  std::vector<std::pair<uint64_t, uint64_t>> auxv;
  std::string platform;        // AT_PLATFORM string, omitted when empty
  std::string execfn;          // AT_EXECFN string
  uint8_t random[16] = {};     // AT_RANDOM bytes
  std::vector<uint8_t> phdrs;  // copied to the stack for AT_PHDR when not empty
};

// Writes the contents below top (exclusive) in the memory [bottom, top), which must be
// writable at the same addresses (guest = host addresses). Returns the initial sp, or 0 when
// the contents do not fit.
uint64_t build_initial_stack(uint64_t bottom, uint64_t top, const StackContents& contents);

}  // namespace xisa::os
