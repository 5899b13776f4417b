// The guest's /proc/self/maps, cmdline, environ and auxv.
#include "linux/proc_files.h"

#include <fmt/format.h>
#include <sys/mman.h>
#include <unistd.h>

#include <mutex>

namespace xisa::os {

namespace {

// "/proc/self/NAME", "/proc/thread-self/NAME", "/proc/<our pid>/NAME",
// "/proc/<pid>/task/<tid>/NAME": the NAME this process is asked about, or empty.
std::string own_proc_entry(const std::string& path) {
  constexpr std::string_view kProc = "/proc/";
  if (path.rfind(kProc, 0) != 0) return {};
  std::string rest = path.substr(kProc.size());
  const size_t slash = rest.find('/');
  if (slash == std::string::npos) return {};
  const std::string who = rest.substr(0, slash);
  rest = rest.substr(slash + 1);
  if (who != "self" && who != "thread-self" && who != std::to_string(getpid())) return {};
  if (rest.rfind("task/", 0) == 0) {
    const size_t next = rest.find('/', 5);
    if (next == std::string::npos) return {};
    rest = rest.substr(next + 1);
  }
  return rest;
}

std::string maps(const ProcessState& p) {
  std::lock_guard lock(p.mutex);
  std::string out;
  for (const auto& [start, vma] : p.vmas.map()) {
    std::string line =
        fmt::format("{:08x}-{:08x} {}{}{}p 00000000 00:00 0", start, vma.end,
                    (vma.prot & PROT_READ) ? 'r' : '-', (vma.prot & PROT_WRITE) ? 'w' : '-',
                    (vma.prot & PROT_EXEC) ? 'x' : '-');
    if (!vma.name.empty()) {
      constexpr size_t kNameColumn = 73;  // where the kernel starts the name
      if (line.size() < kNameColumn) line.append(kNameColumn - line.size(), ' ');
      line += vma.name == "[stack guard]" ? std::string() : vma.name;
    }
    out += line;
    out += '\n';
  }
  return out;
}

// cmdline and environ: NUL-terminated strings one after the other.
std::string nul_separated(const std::vector<std::string>& strings) {
  std::string out;
  for (const std::string& s : strings) {
    out += s;
    out += '\0';
  }
  return out;
}

}  // namespace

std::optional<std::string> emulated_proc_file(const ProcessState& p, const std::string& path) {
  const std::string entry = own_proc_entry(path);
  if (entry == "maps") return maps(p);
  if (entry == "cmdline") return nul_separated(p.argv);
  if (entry == "environ") return nul_separated(p.envp);
  if (entry == "auxv") return p.auxv;
  return std::nullopt;
}

}  // namespace xisa::os
