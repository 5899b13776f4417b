// Writes the jitdump header and JIT_CODE_LOAD records; timestamps are CLOCK_MONOTONIC, which
// `perf record -k mono` uses too.
#include "runtime/perf_jitdump.h"

#include <elf.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

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

}  // namespace

PerfJitDump::PerfJitDump(const std::string& dir)
    : path_(fmt::format("{}/jit-{}.dump", dir, getpid())) {
  file_ = std::fopen(path_.c_str(), "w+");
  if (!file_) {
    log::warn("--perf: cannot create {}", path_);
    return;
  }
  const FileHeader h{kMagic,    kVersion, sizeof(FileHeader),
                     EM_X86_64, 0,        static_cast<uint32_t>(getpid()),
                     now_ns(),  0};
  std::fwrite(&h, sizeof h, 1, file_);
  std::fflush(file_);
  // perf finds the dump through this mmap event of the file (it must be executable).
  marker_ = mmap(nullptr, static_cast<size_t>(sysconf(_SC_PAGESIZE)), PROT_READ | PROT_EXEC,
                 MAP_PRIVATE, fileno(file_), 0);
  if (marker_ == MAP_FAILED) marker_ = nullptr;
}

PerfJitDump::~PerfJitDump() {
  if (marker_) munmap(marker_, static_cast<size_t>(sysconf(_SC_PAGESIZE)));
  if (file_) std::fclose(file_);
}

void PerfJitDump::add(const void* code, uint32_t size, uint64_t guest_pc) {
  if (!file_) return;
  const std::string name = fmt::format("guest_{:x}", guest_pc);
  CodeLoad r{};
  r.header = {kCodeLoad, static_cast<uint32_t>(sizeof r + name.size() + 1 + size), now_ns()};
  r.pid = static_cast<uint32_t>(getpid());
  r.tid = static_cast<uint32_t>(syscall(SYS_gettid));
  r.vma = r.code_addr = reinterpret_cast<uint64_t>(code);
  r.code_size = size;
  r.code_index = index_++;
  std::fwrite(&r, sizeof r, 1, file_);
  std::fwrite(name.c_str(), name.size() + 1, 1, file_);
  std::fwrite(code, size, 1, file_);
  std::fflush(file_);
}

}  // namespace xisa::runtime
