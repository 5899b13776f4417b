// A jitdump file for Linux perf (tools/perf/Documentation/jitdump-specification.txt): one
// JIT_CODE_LOAD record per compiled block, named after its guest pc, with the code bytes.
// Profile with `perf record -k mono -- xisa --perf ...`, then `perf inject --jit` and
// `perf report`: samples in translated code land on guest_<pc> symbols.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace xisa::runtime {

class PerfJitDump {
 public:
  // Creates <dir>/jit-<pid>.dump; without it, add() does nothing (and a warning says why).
  explicit PerfJitDump(const std::string& dir = "/tmp");
  ~PerfJitDump();
  PerfJitDump(const PerfJitDump&) = delete;
  PerfJitDump& operator=(const PerfJitDump&) = delete;

  bool ok() const { return file_ != nullptr; }
  const std::string& path() const { return path_; }
  void add(const void* code, uint32_t size, uint64_t guest_pc);

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  void* marker_ = nullptr;  // the executable mapping of the file that tells perf it exists
  uint64_t index_ = 0;
};

}  // namespace xisa::runtime
