// Guest path mapping (sysroot first for absolute paths) and the /proc names xisa answers itself.
#include "linux/guest_paths.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "linux/guest_memory.h"

namespace xisa::os {

HostPath map_guest_path(const ProcessState& p, uint64_t guest_ptr) {
  if (p.config.sysroot.empty() || guest_ptr == 0) return HostPath(guest_ptr);
  const auto path = read_guest_string(guest_ptr, 4096);
  if (!path || path->empty() || (*path)[0] != '/') return HostPath(guest_ptr);
  std::string in_sysroot = p.config.sysroot + *path;
  struct stat st;
  if (lstat(in_sysroot.c_str(), &st) != 0) return HostPath(guest_ptr);
  return HostPath(std::move(in_sysroot));
}

bool is_proc_self_exe(const std::string& path) {
  return path == "/proc/self/exe" || path == fmt::format("/proc/{}/exe", getpid()) ||
         path == "/proc/thread-self/exe";
}

}  // namespace xisa::os
