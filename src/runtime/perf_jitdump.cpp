// Writes the jitdump header and JIT_CODE_LOAD records; timestamps are CLOCK_MONOTONIC, which
// `perf record -k mono` uses too.
#include "runtime/perf_jitdump.h"

#include <elf.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <mutex>

#include "common/log.h"

namespace xisa::runtime {

namespace {

constexpr uint32_t kMagic = 0x4A695444;  // "JiTD" as the file's first 4 bytes, little-endian
constexpr uint32_t kVersion = 1;
constexpr uint32_t kCodeLoad = 0;

struct FileHeader {
  uint32_t magic, version, total_size, elf_mach, pad1, pid;
  uint64_t timestamp, flags;
};
struct RecordHeader {
  uint32_t id, total_size;
  uint64_t timestamp;
};
struct CodeLoad {
  RecordHeader header;
  uint32_t pid, tid;
  uint64_t vma, code_addr, code_size, code_index;
};

uint64_t now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + static_cast<uint64_t>(ts.tv_nsec);
}

// The file this process made (a forked child makes its own jit-<pid>.dump).
std::mutex g_create_mutex;
std::string g_created;
std::atomic<uint64_t> g_code_index{0};

}  // namespace

uint32_t host_elf_machine() {
#if defined(__x86_64__)
  return EM_X86_64;
#elif defined(__aarch64__)
  return EM_AARCH64;
#elif defined(__riscv)
  return EM_RISCV;
#else
  return EM_NONE;
#endif
}

PerfJitDump::PerfJitDump(const std::string& dir)
    : path_(fmt::format("{}/jit-{}.dump", dir, getpid())) {
  std::lock_guard lock(g_create_mutex);
  if (g_created == path_) {
    ok_ = true;
    return;
  }
  const int fd = open(path_.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    log::warn("--perf: cannot create {}", path_);
    return;
  }
  const FileHeader h{kMagic,
                     kVersion,
                     sizeof(FileHeader),
                     host_elf_machine(),
                     0,
                     static_cast<uint32_t>(getpid()),
                     now_ns(),
                     0};
  ok_ = write(fd, &h, sizeof h) == static_cast<ssize_t>(sizeof h);
  // perf finds the dump through this mmap event of the file (it must be executable); the
  // mapping stays, the descriptor does not.
  mmap(nullptr, static_cast<size_t>(sysconf(_SC_PAGESIZE)), PROT_READ | PROT_EXEC, MAP_PRIVATE, fd,
       0);
  close(fd);
  if (ok_) g_created = path_;
}

PerfJitDump::~PerfJitDump() = default;

void PerfJitDump::add(const void* code, uint32_t size, uint64_t guest_pc) {
  if (!ok_) return;
  const std::string name = fmt::format("guest_{:x}", guest_pc);
  CodeLoad r{};
  r.header = {kCodeLoad, static_cast<uint32_t>(sizeof r + name.size() + 1 + size), now_ns()};
  r.pid = static_cast<uint32_t>(getpid());
  r.tid = static_cast<uint32_t>(syscall(SYS_gettid));
  r.vma = r.code_addr = reinterpret_cast<uint64_t>(code);
  r.code_size = size;
  r.code_index = g_code_index.fetch_add(1);
  std::string record(reinterpret_cast<const char*>(&r), sizeof r);
  record.append(name.c_str(), name.size() + 1);
  record.append(static_cast<const char*>(code), size);
  const int fd = open(path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) return;
  [[maybe_unused]] const ssize_t n = write(fd, record.data(), record.size());
  close(fd);
}

}  // namespace xisa::runtime
