// strace formatting. Flag and constant names are the kernel's; their values are the same on
// every 64-bit ABI except open(2) flags, which guest_flags.cpp decodes per guest.
#include "linux/syscalls/strace.h"

#include <fmt/format.h>

#include <cstring>

#include "linux/guest_memory.h"
#include "linux/syscalls/guest_flags.h"

namespace xisa::os {

namespace {

constexpr size_t kMaxString = 64;  // characters shown before "..."
constexpr size_t kMaxBuffer = 32;

struct Name {
  uint64_t value;
  const char* name;
};

std::string quote(const std::string& s, bool truncated) {
  std::string out = "\"";
  for (unsigned char ch : s) {
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (ch >= 0x20 && ch < 0x7f)
          out += static_cast<char>(ch);
        else
          out += fmt::format("\\{:o}", ch);
    }
  }
  out += '"';
  if (truncated) out += "...";
  return out;
}

std::string hex(uint64_t v) {
  return v == 0 ? "0" : fmt::format("{:#x}", v);
}
std::string pointer(uint64_t v) {
  return v == 0 ? "NULL" : fmt::format("{:#x}", v);
}

// Bits by name, the rest in hex; zero_name for 0.
std::string bits(uint64_t v, std::initializer_list<Name> names, const char* zero_name) {
  if (v == 0) return zero_name;
  std::string out;
  for (const Name& n : names) {
    if ((v & n.value) == n.value && n.value != 0) {
      if (!out.empty()) out += '|';
      out += n.name;
      v &= ~n.value;
    }
  }
  if (v) out += (out.empty() ? "" : "|") + hex(v);
  return out;
}

// One value by name, else decimal (or hex).
std::string one_of(uint64_t v, std::initializer_list<Name> names, bool as_hex = false) {
  for (const Name& n : names)
    if (n.value == v) return n.name;
  return as_hex ? hex(v) : fmt::format("{}", static_cast<int64_t>(v));
}

std::string map_flags(uint64_t v) {
  static constexpr const char* kType[] = {"0", "MAP_SHARED", "MAP_PRIVATE", "MAP_SHARED_VALIDATE"};
  std::string out = kType[v & 3];
  const uint64_t rest = v & ~uint64_t{3};
  if (rest)
    out += "|" + bits(rest,
                      {{0x10, "MAP_FIXED"},
                       {0x20, "MAP_ANONYMOUS"},
                       {0x40, "MAP_32BIT"},
                       {0x100, "MAP_GROWSDOWN"},
                       {0x800, "MAP_DENYWRITE"},
                       {0x1000, "MAP_EXECUTABLE"},
                       {0x2000, "MAP_LOCKED"},
                       {0x4000, "MAP_NORESERVE"},
                       {0x8000, "MAP_POPULATE"},
                       {0x10000, "MAP_NONBLOCK"},
                       {0x20000, "MAP_STACK"},
                       {0x40000, "MAP_HUGETLB"},
                       {0x80000, "MAP_SYNC"},
                       {0x100000, "MAP_FIXED_NOREPLACE"}},
                      "0");
  return out;
}

std::string signal_name(uint64_t v) {
  static constexpr const char* kNames[] = {
      nullptr,     "SIGHUP",  "SIGINT",    "SIGQUIT", "SIGILL",   "SIGTRAP", "SIGABRT", "SIGBUS",
      "SIGFPE",    "SIGKILL", "SIGUSR1",   "SIGSEGV", "SIGUSR2",  "SIGPIPE", "SIGALRM", "SIGTERM",
      "SIGSTKFLT", "SIGCHLD", "SIGCONT",   "SIGSTOP", "SIGTSTP",  "SIGTTIN", "SIGTTOU", "SIGURG",
      "SIGXCPU",   "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO",   "SIGPWR",  "SIGSYS"};
  if (v > 0 && v < std::size(kNames)) return kNames[v];
  if (v >= 32 && v <= 64) return fmt::format("SIGRT_{}", v - 32);
  return fmt::format("{}", static_cast<int64_t>(v));
}

std::string string_arg(uint64_t addr) {
  if (addr == 0) return "NULL";
  bool truncated = false;
  const auto s = read_guest_string(addr, kMaxString, &truncated);
  return s ? quote(*s, truncated) : pointer(addr);
}

std::string buffer_arg(uint64_t addr, uint64_t len) {
  const size_t n = static_cast<size_t>(std::min<uint64_t>(len, kMaxBuffer));
  std::string bytes(n, '\0');
  if (!copy_from_guest(bytes.data(), addr, n)) return pointer(addr);
  return quote(bytes, len > kMaxBuffer);
}

}  // namespace

std::string format_arg(const ProcessState& p, ArgKind kind, uint64_t v, uint64_t next) {
  switch (kind) {
    case ArgKind::Int:
      return fmt::format("{}", static_cast<int64_t>(v));
    case ArgKind::Hex:
      return hex(v);
    case ArgKind::Fd:
      return fmt::format("{}", static_cast<int32_t>(v));
    case ArgKind::DirFd:
      return static_cast<int32_t>(v) == -100 ? "AT_FDCWD"
                                             : fmt::format("{}", static_cast<int32_t>(v));
    case ArgKind::Ptr:
      return pointer(v);
    case ArgKind::Str:
      return string_arg(v);
    case ArgKind::Size:
      return fmt::format("{}", v);
    case ArgKind::Off:
      return fmt::format("{}", static_cast<int64_t>(v));
    case ArgKind::OpenFlags:
      return format_open_flags(p.arch.isa(), v);
    case ArgKind::Mode:
      return fmt::format("0{:o}", v);
    case ArgKind::Prot:
      return bits(v, {{1, "PROT_READ"}, {2, "PROT_WRITE"}, {4, "PROT_EXEC"}}, "PROT_NONE");
    case ArgKind::MapFlags:
      return map_flags(v);
    case ArgKind::AtFlags:
      return bits(v,
                  {{0x100, "AT_SYMLINK_NOFOLLOW"},
                   {0x200, "AT_REMOVEDIR"},
                   {0x400, "AT_SYMLINK_FOLLOW"},
                   {0x800, "AT_NO_AUTOMOUNT"},
                   {0x1000, "AT_EMPTY_PATH"}},
                  "0");
    case ArgKind::Signal:
      return signal_name(v);
    case ArgKind::CloneFlags: {
      std::string out = bits(v & ~uint64_t{0xff},
                             {{0x100, "CLONE_VM"},
                              {0x200, "CLONE_FS"},
                              {0x400, "CLONE_FILES"},
                              {0x800, "CLONE_SIGHAND"},
                              {0x1000, "CLONE_PIDFD"},
                              {0x4000, "CLONE_VFORK"},
                              {0x8000, "CLONE_PARENT"},
                              {0x10000, "CLONE_THREAD"},
                              {0x40000, "CLONE_SYSVSEM"},
                              {0x80000, "CLONE_SETTLS"},
                              {0x100000, "CLONE_PARENT_SETTID"},
                              {0x200000, "CLONE_CHILD_CLEARTID"},
                              {0x1000000, "CLONE_CHILD_SETTID"}},
                             "");
      if (v & 0xff) out += (out.empty() ? "" : "|") + signal_name(v & 0xff);
      return out.empty() ? "0" : out;
    }
    case ArgKind::ClockId:
      return one_of(v, {{0, "CLOCK_REALTIME"},
                        {1, "CLOCK_MONOTONIC"},
                        {2, "CLOCK_PROCESS_CPUTIME_ID"},
                        {3, "CLOCK_THREAD_CPUTIME_ID"},
                        {4, "CLOCK_MONOTONIC_RAW"},
                        {5, "CLOCK_REALTIME_COARSE"},
                        {6, "CLOCK_MONOTONIC_COARSE"},
                        {7, "CLOCK_BOOTTIME"}});
    case ArgKind::Whence:
      return one_of(
          v,
          {{0, "SEEK_SET"}, {1, "SEEK_CUR"}, {2, "SEEK_END"}, {3, "SEEK_DATA"}, {4, "SEEK_HOLE"}});
    case ArgKind::FcntlCmd:
      return one_of(v, {{0, "F_DUPFD"},
                        {1, "F_GETFD"},
                        {2, "F_SETFD"},
                        {3, "F_GETFL"},
                        {4, "F_SETFL"},
                        {5, "F_GETLK"},
                        {6, "F_SETLK"},
                        {7, "F_SETLKW"},
                        {1030, "F_DUPFD_CLOEXEC"}});
    case ArgKind::IoctlReq:
      return one_of(v,
                    {{0x5401, "TCGETS"},
                     {0x5402, "TCSETS"},
                     {0x5403, "TCSETSW"},
                     {0x5404, "TCSETSF"},
                     {0x540f, "TIOCGPGRP"},
                     {0x5410, "TIOCSPGRP"},
                     {0x5413, "TIOCGWINSZ"},
                     {0x5414, "TIOCSWINSZ"},
                     {0x541b, "FIONREAD"},
                     {0x5421, "FIONBIO"},
                     {0x5450, "FIONCLEX"},
                     {0x5451, "FIOCLEX"}},
                    true);
    case ArgKind::InBuf:
      return buffer_arg(v, next);
  }
  return hex(v);
}

std::string format_call(const ProcessState& p, const SyscallDesc& desc, const Args& args) {
  std::string out(desc.name);
  out += '(';
  for (size_t i = 0; i < desc.nargs; ++i) {
    // open's mode means something only with O_CREAT or O_TMPFILE: shown then, as strace does.
    constexpr uint64_t kCreatOrTmpfile = 0100 | 020000000;
    if (desc.args[i] == ArgKind::Mode && i > 0 && desc.args[i - 1] == ArgKind::OpenFlags &&
        !(args[i - 1] & kCreatOrTmpfile))
      continue;
    if (i) out += ',';
    out += format_arg(p, desc.args[i], args[i], i + 1 < args.size() ? args[i + 1] : 0);
  }
  out += ')';
  return out;
}

std::string format_result(ArgKind kind, int64_t r) {
  if (r < 0 && r >= -4095)
    return fmt::format("-1 errno={} ({})", -r, std::strerror(static_cast<int>(-r)));
  if (kind == ArgKind::Ptr) return pointer(static_cast<uint64_t>(r));
  return fmt::format("{}", r);
}

}  // namespace xisa::os
