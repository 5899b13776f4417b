// The syscall tables of the guest ABIs (asm-generic and x86-64): for each number, the unified
// id that selects the one shared handler, the name, and the argument kinds --strace formats.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "guest/guest_arch.h"

namespace xisa::os {

// One id per syscall name across all ABIs (syscall_names.inc). The enumerators are the
// kernel's own syscall names (SyscallId::openat), not PascalCase: they are looked up by them.
enum class SyscallId : uint16_t {
#define XISA_SYSCALL_NAME(name) name,
#include "linux/syscalls/syscall_names.inc"
#undef XISA_SYSCALL_NAME
};

inline constexpr size_t kSyscallIdCount = []() {
  size_t n = 0;
#define XISA_SYSCALL_NAME(name) ++n;
#include "linux/syscalls/syscall_names.inc"
#undef XISA_SYSCALL_NAME
  return n;
}();

// How an argument (or the result) is shown by --strace.
enum class ArgKind : uint8_t {
  Int,         // signed decimal
  Hex,         // unsigned hex (flags without a decoder, masks, opaque values)
  Fd,          // file descriptor, decimal
  DirFd,       // file descriptor or AT_FDCWD
  Ptr,         // guest address, hex (NULL for 0)
  Str,         // NUL-terminated string, quoted and truncated
  Size,        // unsigned decimal
  Off,         // file offset, signed decimal
  OpenFlags,   // O_* (guest layout)
  Mode,        // octal permission bits
  Prot,        // PROT_*
  MapFlags,    // MAP_*
  AtFlags,     // AT_*
  Signal,      // signal number as SIGxxx
  ClockId,     // CLOCK_*
  Whence,      // SEEK_*
  FcntlCmd,    // F_*
  IoctlReq,    // ioctl request, named for the common ones
  InBuf,       // bytes read by the kernel, length in the next argument: shown quoted
  CloneFlags,  // CLONE_* and the exit signal in the low byte
};

struct SyscallDesc {
  uint16_t nr = 0;
  SyscallId id{};
  std::string_view name;
  ArgKind result = ArgKind::Int;
  uint8_t nargs = 0;
  std::array<ArgKind, 6> args{};
};

// The table rows of an ABI, in number order.
std::span<const SyscallDesc> syscall_table(SyscallAbi abi);

// The row for a guest syscall number, or nullptr when the ABI has no such syscall.
const SyscallDesc* find_syscall(SyscallAbi abi, uint64_t nr);

std::string_view syscall_name(SyscallId id);

}  // namespace xisa::os
