// xisa's own file descriptors that must outlive anything the guest does with its fds (the KVM
// engine's VM and vCPU descriptors): guest fds are host fds, so close, close_range, dup2 and
// dup3 onto one of these would pull the ground from under the engine. The guest is told such an
// fd is not open (EBADF), as if xisa's descriptors were not there at all.
#pragma once

#include <cstdint>

namespace xisa::os {

void reserve_fd(int fd);
void release_fd(int fd);
bool is_reserved_fd(uint64_t fd);
// close_range(lo, hi, flags) over every fd in [lo, hi] but the reserved ones.
int64_t close_range_sparing_reserved(uint64_t lo, uint64_t hi, uint64_t flags);

}  // namespace xisa::os
