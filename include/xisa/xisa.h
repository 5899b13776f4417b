// xisa's public API: the one entry point the CLI, the examples and the tests use.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace xisa {

enum class EngineKind { Auto, Interp, Jit, Kvm };

struct Options {
  EngineKind engine = EngineKind::Auto;
  std::string sysroot;     // -L: where a dynamic program's interpreter and libraries live
  bool strace = false;     // print every syscall, as qemu-user's -strace
  bool dump_ir = false;    // print the IR of every block translated
  bool dump_host = false;  // print the host code of every block the JIT compiles
  // The JIT compiles (and optimises) a block on its Nth run; the runs before interpret it as
  // lifted, which costs less than optimising and compiling code that runs a few times (most
  // of a program's start-up: the dynamic linker's lookups run hundreds of blocks a few
  // times). 1 compiles every block on first use.
  unsigned jit_compile_after = 32;
  bool perf = false;   // write /tmp/jit-<pid>.dump for perf (runtime/perf_jitdump.h)
  bool stats = false;  // metrics as JSON at exit
  // An x86-64 guest on a weakly ordered host (AArch64) keeps x86's memory order (TSO): every
  // load acquires, every store releases. false (--no-tso): plain accesses, faster, right only
  // for programs whose threads do not race on plain memory (docs/adr/0007).
  bool tso = true;
  // RISC-V guests: VLEN in bits, 128 or 256 (--rvv-vlen). Other guests ignore it.
  unsigned rvv_vlen = 128;
  std::string stats_file;  // where the JSON goes; stderr when empty
  // Where the program's lifted IR is kept for its next run (runtime/translation_store.h);
  // empty: nowhere.
  std::string translation_cache;
  std::string log_level = "warn";
  // --engine kvm: the KVM device; empty means $XISA_KVM_DEVICE, else /dev/kvm.
  std::string kvm_device;
  // Where KVM cannot run (or gives up mid-run), go on in the JIT; false: fail (for tests, so a
  // KVM test cannot pass on the JIT).
  bool kvm_fallback = true;
  // Test aid: after every syscall the KVM engine runs the guest in the JIT until it next
  // leaves for the dispatcher, so the state crosses between the engines all the time.
  bool kvm_alternate = false;
  // When the guest process ends, end the host process there (stats written, stdout flushed)
  // without tearing down translations and guest memory: the kernel frees them faster. For a
  // CLI; an embedder that calls run() and goes on leaves it false.
  bool exit_when_guest_exits = false;
};

struct Launch {
  std::string program;            // path of the guest executable
  std::vector<std::string> argv;  // argv[0] included
  std::vector<std::string> envp;  // "NAME=value"
  Options options;
};

struct RunResult {
  int exit_status = 0;  // the guest's exit status, when it exited
  int term_signal = 0;  // the signal that killed the guest, or 0
};

// Loads and runs a guest program to completion. Throws xisa::Error (from common/error.h) when the
// program cannot be loaded; everything the guest itself does is reported through RunResult.
RunResult run(const Launch& launch);

// Ends this process by signal signo, as a guest killed by it would end (no core file).
[[noreturn]] void die_of_signal(int signo);

// The version string printed by --version.
const char* version();

}  // namespace xisa
