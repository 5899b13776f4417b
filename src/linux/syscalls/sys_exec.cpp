// execve and execveat: the new program runs under xisa again (xisa's own executable with the
// same engine, sysroot, strace and log options), whatever guest ISA it is built for, so a
// process tree stays under xisa without binfmt_misc. #! scripts are resolved here, the
// interpreter looked up in the sysroot first, as the kernel and qemu-user's -L do. Ignored
// signals stay ignored and the signal mask carries over, as execve(2) says: the new xisa
// reads both from its host state at start.
#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <climits>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "linux/guest_memory.h"
#include "linux/guest_paths.h"
#include "linux/host_signals.h"
#include "linux/syscalls/syscall_handlers.h"

namespace xisa::os {

namespace {

constexpr size_t kMaxStrings = 1u << 17;  // the kernel's MAX_ARG_STRINGS is larger; E2BIG here
constexpr int kMaxInterpreterDepth = 4;   // #! scripts naming #! scripts (the kernel allows 4)

// A NULL-terminated array of guest strings (argv, envp); nullopt on a bad pointer.
std::optional<std::vector<std::string>> read_string_array(uint64_t addr, int64_t* error) {
  std::vector<std::string> out;
  if (addr == 0) return out;
  for (size_t i = 0;; ++i) {
    if (i == kMaxStrings) {
      *error = -E2BIG;
      return std::nullopt;
    }
    uint64_t ptr;
    if (!read_guest(addr + 8 * i, ptr)) {
      *error = -EFAULT;
      return std::nullopt;
    }
    if (ptr == 0) return out;
    auto s = read_guest_string(ptr, 128 * 1024);
    if (!s) {
      *error = -EFAULT;
      return std::nullopt;
    }
    out.push_back(std::move(*s));
  }
}

// The host path of a guest path: /proc/self/exe is the guest's program (busybox runs its
// applets that way), and absolute paths that exist in the sysroot come from there.
std::string host_path_of(const ProcessState& p, const std::string& path) {
  if (is_proc_self_exe(path)) return p.exe_abs_path;
  if (path.empty() || path[0] != '/' || p.config.sysroot.empty()) return path;
  const std::string in_sysroot = p.config.sysroot + path;
  struct stat st;
  return lstat(in_sysroot.c_str(), &st) == 0 ? in_sysroot : path;
}

struct Program {
  std::string host_path;          // the file xisa loads
  std::vector<std::string> argv;  // the guest's argv (argv[0] as the guest passes it)
};

// Follows #! lines to the ELF file that runs; -errno when there is none.
int64_t resolve_program(const ProcessState& p, const std::string& guest_path, Program& prog) {
  for (int depth = 0; depth <= kMaxInterpreterDepth; ++depth) {
    const int fd = open(prog.host_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -errno;
    struct stat st;
    if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
      close(fd);
      return -EACCES;
    }
    char head[256] = {};
    const ssize_t n = read(fd, head, sizeof head - 1);
    close(fd);
    if (access(prog.host_path.c_str(), X_OK) != 0) return -EACCES;
    if (n >= 4 && std::memcmp(head, ELFMAG, SELFMAG) == 0) return 0;
    if (n < 2 || head[0] != '#' || head[1] != '!') return -ENOEXEC;
    // "#! interpreter [one argument]" up to the end of the line. The script's path follows
    // them, as the guest named it (for the first script).
    const std::string script_path = depth == 0 ? guest_path : prog.host_path;
    std::string line(head + 2, static_cast<size_t>(n - 2));
    line = line.substr(0, line.find('\n'));
    const size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos) return -ENOEXEC;
    const size_t end = line.find_first_of(" \t", start);
    const std::string interpreter = line.substr(start, end - start);
    std::string arg;
    if (end != std::string::npos) {
      const size_t a = line.find_first_not_of(" \t", end);
      if (a != std::string::npos) arg = line.substr(a, line.find_last_not_of(" \t\r") + 1 - a);
    }
    std::vector<std::string> argv = {interpreter};
    if (!arg.empty()) argv.push_back(arg);
    argv.push_back(script_path);
    for (size_t i = 1; i < prog.argv.size(); ++i) argv.push_back(prog.argv[i]);
    prog.argv = std::move(argv);
    prog.host_path = host_path_of(p, interpreter);
  }
  return -ELOOP;
}

// The host's signal state for the new xisa: ignored signals ignored, the thread's mask
// blocked. Undone when the exec fails.
class ExecSignalState {
 public:
  ExecSignalState(ProcessState& p, uint64_t mask) {
    for (int sig = 1; sig <= kGuestSignals; ++sig) {
      if (sig == SIGKILL || sig == SIGSTOP || sig == 32 || sig == 33) continue;
      if (p.sigactions[sig].handler != 1) continue;  // SIG_IGN
      struct sigaction ign {};
      ign.sa_handler = SIG_IGN;
      sigaction(sig, &ign, &saved_[sig]);
      changed_ |= signal_bit(sig);
    }
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, &old_mask_, sizeof mask);
  }
  ~ExecSignalState() {  // only reached when the exec failed
    for (int sig = 1; sig <= kGuestSignals; ++sig)
      if (changed_ & signal_bit(sig)) sigaction(sig, &saved_[sig], nullptr);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &old_mask_, nullptr, sizeof old_mask_);
  }

 private:
  struct sigaction saved_[kGuestSignals + 1] = {};
  uint64_t changed_ = 0;
  uint64_t old_mask_ = 0;
};

int64_t exec_guest(ProcessState& p, const std::string& path, uint64_t argv_ptr, uint64_t envp_ptr) {
  int64_t error = 0;
  auto argv = read_string_array(argv_ptr, &error);
  if (!argv) return error;
  auto envp = read_string_array(envp_ptr, &error);
  if (!envp) return error;
  if (path.empty()) return -ENOENT;
  if (p.config.xisa_exe.empty()) return -ENOEXEC;
  Program prog{host_path_of(p, path), *argv};
  if (const int64_t r = resolve_program(p, path, prog); r < 0) return r;

  std::vector<std::string> args = {p.config.xisa_exe, "--engine", p.config.engine};
  if (!p.config.sysroot.empty()) args.insert(args.end(), {"-L", p.config.sysroot});
  if (p.config.strace) args.push_back("--strace");
  if (!p.config.tso) args.push_back("--no-tso");
  if (p.config.rvv_vlen != 128)
    args.insert(args.end(), {"--rvv-vlen", std::to_string(p.config.rvv_vlen)});
  args.insert(args.end(), {"--translation-cache", p.config.translation_cache.empty()
                                                      ? std::string("off")
                                                      : p.config.translation_cache});
  if (!p.config.log_level.empty()) args.insert(args.end(), {"--log", p.config.log_level});
  if (!prog.argv.empty()) args.insert(args.end(), {"-0", prog.argv[0]});
  args.push_back("--");
  args.push_back(prog.host_path);
  for (size_t i = 1; i < prog.argv.size(); ++i) args.push_back(prog.argv[i]);
  std::vector<char*> c_args, c_env;
  for (auto& a : args) c_args.push_back(a.data());
  c_args.push_back(nullptr);
  for (auto& e : *envp) c_env.push_back(e.data());
  c_env.push_back(nullptr);

  ExecSignalState signals(p, p.thread().sigmask.load());
  execve(p.config.xisa_exe.c_str(), c_args.data(), c_env.data());
  return -errno;
}

int64_t sys_execve(ProcessState& p, const Args& a) {
  const auto path = read_guest_string(a[0], PATH_MAX);
  if (!path) return -EFAULT;
  return exec_guest(p, *path, a[1], a[2]);
}

// execveat(dirfd, path, argv, envp, flags): a relative path from dirfd, or with AT_EMPTY_PATH
// the file dirfd is, through /proc/self/fd.
int64_t sys_execveat(ProcessState& p, const Args& a) {
  const auto path = read_guest_string(a[1], PATH_MAX);
  if (!path) return -EFAULT;
  const int dirfd = static_cast<int>(a[0]);
  const uint64_t flags = a[4];
  if (flags & ~uint64_t{AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW}) return -EINVAL;
  std::string full = *path;
  if (path->empty() && (flags & AT_EMPTY_PATH))
    full = "/proc/self/fd/" + std::to_string(dirfd);
  else if (!path->empty() && (*path)[0] != '/' && dirfd != AT_FDCWD)
    full = "/proc/self/fd/" + std::to_string(dirfd) + "/" + *path;
  return exec_guest(p, full, a[2], a[3]);
}

constexpr HandlerRow kHandlers[] = {
    {SyscallId::execve, sys_execve},
    {SyscallId::execveat, sys_execveat},
};

}  // namespace

HandlerSet exec_syscalls() {
  return {kHandlers, {}};
}

}  // namespace xisa::os
