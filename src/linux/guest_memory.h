// Fault-safe access to guest memory from xisa's own code (struct conversion, strace strings).
// Guest pointers are host pointers (1:1), but a bad one must become -EFAULT, never a crash of
// xisa: the guest mapping set is checked first, and a fault in the copy itself ends it early.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace xisa::os {

class VmaSet;

// From now on, copies reach only the guest's own mappings (with the protection they need):
// a guest pointer into xisa's memory is as bad as an unmapped one. nullptr: any host memory
// (unit tests, and the loader before the guest exists).
void restrict_guest_memory_to(const VmaSet* guest);
const VmaSet* guest_mappings();

// The host SIGSEGV/SIGBUS handlers call leave_faulting_guest_copy first: from then on a fault
// in a copy makes it return false (before, copies go through the kernel, which checks them).
void enable_recoverable_guest_copies();
// In a host fault handler: if this thread faulted in a guest copy, leave it (no return).
void leave_faulting_guest_copy();

// False (nothing or part copied) when any byte of the guest range is not accessible.
bool copy_from_guest(void* dst, uint64_t guest_src, size_t n);
bool copy_to_guest(uint64_t guest_dst, const void* src, size_t n);

// The NUL-terminated string at addr, at most max_len bytes (without the NUL); nullopt when the
// memory is not readable before the NUL or the limit. *truncated says the limit was hit.
std::optional<std::string> read_guest_string(uint64_t addr, size_t max_len,
                                             bool* truncated = nullptr);

template <typename T>
bool read_guest(uint64_t addr, T& out) {
  return copy_from_guest(&out, addr, sizeof(T));
}
template <typename T>
bool write_guest(uint64_t addr, const T& value) {
  return copy_to_guest(addr, &value, sizeof(T));
}

}  // namespace xisa::os
