// Runs x86-64 code through the frontend and the interpreter, and (the host being x86-64) the
// same code natively, for per-instruction tests. Snippets are written in assembly inside the
// test files (X86_SNIPPET), so the host assembler encodes them; the native run is the oracle
// for every architecturally defined result, hand-computed values cover the rest.
#pragma once

#if defined(__x86_64__)

#include <sys/mman.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>

#include "frontend/x86_64/flags_formulas.h"
#include "frontend/x86_64/x86_64_frontend.h"
#include "guest/x86_64/x86_64_state.h"
#include "interp/interpreter.h"
#include "ir/passes/passes.h"

// Defines extern "C" byte ranges name_start..name_end holding the assembled body.
#define X86_SNIPPET(name, body)                                                    \
  asm(".pushsection .rodata\n.globl " #name "_start\n.globl " #name "_end\n" #name \
      "_start:\n" body "\n" #name "_end:\n.popsection\n");                         \
  extern "C" const uint8_t name##_start[], name##_end[];

namespace xisa::x86_64::testing {

// One snippet of a parameterised native-diff test: its name and its bytes.
struct SnippetCase {
  const char* name;
  const uint8_t* begin;
  const uint8_t* end;
};
// The SnippetCase of X86_SNIPPET(name, ...).
#define X86_SNIPPET_CASE(name)           \
  ::xisa::x86_64::testing::SnippetCase { \
#name, name##_start, name##_end      \
  }

// A snippet that needs a host CPU feature (named by its /proc/cpuinfo flag) for its native
// run, and the RFLAGS bits the SDM leaves undefined after it (not compared).
struct FeatureCase {
  const char* name;
  const uint8_t* begin;
  const uint8_t* end;
  const char* feature;
  uint64_t undefined;
};
#define X86_FEATURE_CASE(name, feature, undefined)      \
  ::xisa::x86_64::testing::FeatureCase {                \
#name, name##_start, name##_end, feature, undefined \
  }

// Register file for a run: gpr[kRsp] is ignored (each run gets its own stack).
struct Regs {
  uint64_t gpr[16] = {};
  uint64_t rflags = 2;
};

inline constexpr uint64_t kStatusFlags = kArithFlagsMask;

// Whether the host CPU has a feature, by its /proc/cpuinfo flag name ("bmi2", "sha_ni"): a
// native oracle for an instruction the host lacks would die of SIGILL, so such cases skip.
bool host_has(const std::string& cpuinfo_flag);

class X86Harness {
 public:
  static constexpr size_t kPage = 4096;

  X86Harness();
  ~X86Harness();
  X86Harness(const X86Harness&) = delete;
  X86Harness& operator=(const X86Harness&) = delete;

  uint8_t* data() { return data_; }
  uint64_t data_addr() const { return reinterpret_cast<uint64_t>(data_); }

  enum class Engine { Interp, Jit };
  // Runs the code (a trailing RET is added) under the interpreter or the JIT from the given
  // registers; returns how the run ended. state holds the result; flags() gives RFLAGS. A guest
  // memory fault ends the run with fault_signo/fault_address set (0 otherwise).
  interp::BlockExit emulate(const uint8_t* begin, const uint8_t* end, const Regs& in,
                            Engine engine = Engine::Interp);
  // Runs the same code natively on the host; returns the registers and flags after it.
  Regs native(const uint8_t* begin, const uint8_t* end, const Regs& in);

  uint64_t flags() const;
  Regs emulated_regs() const;

  X86_64State state;
  std::string last_ir_error;
  int fault_signo = 0;
  uint64_t fault_address = 0;

 private:
  size_t place(const uint8_t* begin, const uint8_t* end);
  uint8_t* code_;
  uint8_t* data_;
  uint8_t* stack_;
};

// Memory the code may change besides the data buffer: reset from input before each run, compared.
struct Region {
  uint8_t* data = nullptr;
  size_t size = 0;
  const uint8_t* input = nullptr;
};

// Runs the code natively from `in` with the data buffer starting with `bytes` of `input` (and
// the region reset from its input), then under the interpreter and the JIT from the same start:
// the registers (rsp aside), the RFLAGS bits in `flags`, those bytes of the buffer and the
// region must match the native run. normalise, when given, runs after every run to clear what
// differs by design (a CPU property, a field xisa does not track). Failures are fatal and name
// `context`.
void expect_matches_native(X86Harness& h, const uint8_t* begin, const uint8_t* end, const Regs& in,
                           const uint8_t* input, size_t bytes, uint64_t flags,
                           const std::string& context, const Region& region = {},
                           const std::function<void()>& normalise = {});

// A readable and writable page followed by an inaccessible one, which stays reserved
// (PROT_NONE) so that no later mapping can fill the hole: end() is the boundary.
class PageBeforeHole {
 public:
  PageBeforeHole()
      : pages_(static_cast<uint8_t*>(mmap(nullptr, 2 * X86Harness::kPage, PROT_READ | PROT_WRITE,
                                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))) {
    if (pages_ != MAP_FAILED) mprotect(pages_ + X86Harness::kPage, X86Harness::kPage, PROT_NONE);
  }
  ~PageBeforeHole() {
    if (pages_ != MAP_FAILED) munmap(pages_, 2 * X86Harness::kPage);
  }
  PageBeforeHole(const PageBeforeHole&) = delete;
  PageBeforeHole& operator=(const PageBeforeHole&) = delete;
  bool mapped() const { return pages_ != MAP_FAILED; }
  uint8_t* end() const { return pages_ + X86Harness::kPage; }

 private:
  uint8_t* pages_;
};

}  // namespace xisa::x86_64::testing

#endif  // defined(__x86_64__)
