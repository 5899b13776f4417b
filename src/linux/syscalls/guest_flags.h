// Flag words whose bits differ between guest ABIs and the host: open(2) flags. AArch64 moves
// O_DIRECTORY, O_NOFOLLOW, O_DIRECT and O_LARGEFILE; x86-64 and RISC-V64 use the asm-generic
// values. Everything else in these words is the same on every 64-bit Linux ABI.
#pragma once

#include <cstdint>
#include <string>

#include "guest/guest_arch.h"

namespace xisa::os {

uint64_t open_flags_to_host(GuestIsa guest, uint64_t flags);
uint64_t open_flags_to_guest(GuestIsa guest, uint64_t host_flags);

// "O_RDONLY|O_CLOEXEC" in the guest's layout, unknown bits in hex.
std::string format_open_flags(GuestIsa guest, uint64_t flags);

}  // namespace xisa::os
