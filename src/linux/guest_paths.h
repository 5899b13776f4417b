// The one place where a guest path becomes the path the host opens. Without a sysroot the
// guest's own string is passed (so the kernel validates the pointer); with one (-L DIR), an
// absolute path that exists under the sysroot is served from there, as qemu-user does.
#pragma once

#include <cstdint>
#include <string>

#include "linux/process_state.h"

namespace xisa::os {

class HostPath {
 public:
  HostPath() = default;
  explicit HostPath(uint64_t guest_ptr) : guest_ptr_(guest_ptr) {}
  explicit HostPath(std::string translated) : translated_(std::move(translated)) {}
  // What to pass to the host syscall; valid while this object lives.
  uint64_t ptr() const {
    return translated_.empty() ? guest_ptr_ : reinterpret_cast<uint64_t>(translated_.c_str());
  }

 private:
  uint64_t guest_ptr_ = 0;
  std::string translated_;
};

HostPath map_guest_path(const ProcessState& p, uint64_t guest_ptr);

// True when path names this process's executable (/proc/self/exe, /proc/<pid>/exe).
bool is_proc_self_exe(const std::string& path);

}  // namespace xisa::os
