// Structs whose layout differs between the guest ABIs and the host, converted field by field
// (never memcpy'd: the host may have any of the three layouts). Layouts from the kernel's
// include/uapi/asm-generic/stat.h, arch/x86/include/uapi/asm/stat.h, include/uapi/linux/
// sysinfo.h and the per-arch struct sigaction. statx, timespec, rlimit, utsname, termios,
// winsize, linux_dirent64 and stack_t are the same on every 64-bit ABI and need no converter.
#pragma once

#include <sys/stat.h>
#include <sys/sysinfo.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "guest/guest_arch.h"
#include "linux/process_state.h"

namespace xisa::os {

// struct stat: 128 bytes (asm-generic) or 144 bytes (x86-64).
size_t guest_stat_size(SyscallAbi abi);
std::vector<uint8_t> guest_stat(SyscallAbi abi, const struct stat& st);

// struct sysinfo: the same fields on every 64-bit ABI (112 bytes); built from host fields.
inline constexpr size_t kGuestSysinfoSize = 112;
std::vector<uint8_t> guest_sysinfo(const struct sysinfo& si);

// The kernel's struct sigaction as the guest passes it to rt_sigaction: handler, flags,
// restorer (absent on RISC-V, which has no SA_RESTORER), mask.
size_t guest_sigaction_size(GuestIsa guest);
GuestSigaction decode_sigaction(GuestIsa guest, const uint8_t* bytes);
std::vector<uint8_t> encode_sigaction(GuestIsa guest, const GuestSigaction& sa);

// struct epoll_event: packed on x86-64 (events, then data at offset 4: 12 bytes); naturally
// aligned everywhere else (data at offset 8: 16 bytes).
struct GuestEpollEvent {
  uint32_t events;
  uint64_t data;
};
size_t guest_epoll_event_size(SyscallAbi abi);
GuestEpollEvent decode_epoll_event(SyscallAbi abi, const uint8_t* bytes);
void encode_epoll_event(SyscallAbi abi, const GuestEpollEvent& e, uint8_t* bytes);

}  // namespace xisa::os
