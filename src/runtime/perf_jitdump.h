// A jitdump file for Linux perf (tools/perf/Documentation/jitdump-specification.txt): one
// JIT_CODE_LOAD record per compiled block, named after its guest pc, with the code bytes.
// Profile with `perf record -k mono -- xisa --perf ...`, then `perf inject --jit` and
// `perf report`: samples in translated code land on guest_<pc> symbols.
// One file per process, shared by every thread's JIT: the first engine of a process creates
// it, each record is appended with one write. No descriptor stays open (the guest must not see
// or take one): each record opens, appends and closes.
#pragma once

#include <cstdint>
#include <string>

namespace xisa::runtime {

// The ELF machine of the host xisa runs on (the jitdump header's e_machine: perf disassembles
// the dumped code as that ISA).
uint32_t host_elf_machine();

class PerfJitDump {
 public:
  // Creates <dir>/jit-<pid>.dump; without it, add() does nothing (and a warning says why).
  explicit PerfJitDump(const std::string& dir = "/tmp");
  ~PerfJitDump();
  PerfJitDump(const PerfJitDump&) = delete;
  PerfJitDump& operator=(const PerfJitDump&) = delete;

  bool ok() const { return ok_; }
  const std::string& path() const { return path_; }
  void add(const void* code, uint32_t size, uint64_t guest_pc);

 private:
  std::string path_;
  bool ok_ = false;
};

}  // namespace xisa::runtime
