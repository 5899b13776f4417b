// The guest's /proc/self/maps, cmdline, environ, auxv, stat and status, and /proc/cpuinfo.
#include "linux/proc_files.h"

#include <fmt/format.h>
#include <sys/mman.h>
#include <unistd.h>

#include <fstream>
#include <mutex>
#include <sstream>
#include <vector>

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

// The host's stat line for this process (or thread) with the address fields that describe
// xisa replaced by the guest's: 26-28 (startcode, endcode, startstack) and 45-51 (start_data
// .. env_end). Fields are counted from 1; the name (2) may hold spaces, so counting starts
// after its closing parenthesis.
std::optional<std::string> stat(const ProcessState& p, const std::string& host_path) {
  std::ifstream in(host_path);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  const size_t close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::vector<std::string> fields;  // fields[0] is field 3
  std::istringstream rest(line.substr(close + 2));
  for (std::string f; rest >> f;) fields.push_back(f);
  // Linux has written 52 fields since 3.5; an older kernel's line, or qemu-user's (44 fields
  // when xisa runs under it), gets the address fields anyway.
  constexpr size_t kFieldsUpToEnvEnd = 51 - 2;
  if (fields.size() < kFieldsUpToEnvEnd) fields.resize(kFieldsUpToEnvEnd, "0");
  auto set = [&](size_t field, uint64_t value) {
    if (field - 3 < fields.size()) fields[field - 3] = std::to_string(value);
  };
  const GuestMmLayout& mm = p.mm;
  set(26, mm.start_code);
  set(27, mm.end_code);
  set(28, mm.start_stack);
  set(45, mm.start_data);
  set(46, mm.end_data);
  set(47, mm.start_brk);
  set(48, mm.arg_start);
  set(49, mm.arg_end);
  set(50, mm.env_start);
  set(51, mm.env_end);
  std::string out = line.substr(0, close + 1);
  for (const std::string& f : fields) out += ' ' + f;
  return out + '\n';
}

// The host's status with the address-space sizes that would describe xisa (its code cache and
// reservations) replaced by the guest's: VmPeak/VmSize (every guest mapping but PROT_NONE
// reservations), VmExe (the program's code), VmStk. Resident sizes stay the host's: that
// memory is really used on the guest's behalf.
std::optional<std::string> status(const ProcessState& p, const std::string& host_path) {
  std::ifstream in(host_path);
  if (!in) return std::nullopt;
  uint64_t size = 0, stack = 0;
  {
    std::lock_guard lock(p.mutex);
    for (const auto& [start, vma] : p.vmas.map()) {
      if (vma.prot == PROT_NONE) continue;
      size += vma.end - start;
      if (vma.name == "[stack]") stack += vma.end - start;
    }
  }
  const uint64_t exe = p.mm.end_code > p.mm.start_code ? p.mm.end_code - p.mm.start_code : 0;
  auto kb = [](uint64_t bytes) { return fmt::format("{:>8} kB", (bytes + 1023) / 1024); };
  std::string out;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmPeak:", 0) == 0 || line.rfind("VmSize:", 0) == 0)
      line = line.substr(0, 7) + "\t" + kb(size);
    else if (line.rfind("VmExe:", 0) == 0)
      line = "VmExe:\t" + kb(exe);
    else if (line.rfind("VmStk:", 0) == 0)
      line = "VmStk:\t" + kb(stack);
    out += line;
    out += '\n';
  }
  return out;
}

}  // namespace

std::optional<std::string> emulated_proc_file(const ProcessState& p, const std::string& path) {
  if (path == "/proc/cpuinfo") {
    const long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return p.arch.cpuinfo(cpus > 0 ? static_cast<unsigned>(cpus) : 1);
  }
  const std::string entry = own_proc_entry(path);
  if (entry == "stat") return stat(p, path);
  if (entry == "status") return status(p, path);
  if (entry == "maps") return maps(p);
  if (entry == "cmdline") return nul_separated(p.argv);
  if (entry == "environ") return nul_separated(p.envp);
  if (entry == "auxv") return p.auxv;
  return std::nullopt;
}

}  // namespace xisa::os
