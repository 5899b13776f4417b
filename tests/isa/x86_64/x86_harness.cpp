// The x86-64 test harness: the emulated run, and a native trampoline for the oracle run.
// The native oracle needs an x86-64 host; elsewhere these tests are not built.
#if defined(__x86_64__)
#include "x86_harness.h"

#include <cpuid.h>
#include <elf.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <vector>

#include "common/host_fp_env.h"
#include "guest/slow_path_retry.h"
#include "runtime/engine_jit.h"
#include "runtime/guest_fault.h"

namespace xisa::x86_64::testing {

// native_run(Regs* regs, void* code): loads every register but rsp and RFLAGS from regs, calls
// code, and stores them back.
asm(R"(
.text
.globl xisa_x86_native_run
xisa_x86_native_run:
  push %rbx
  push %rbp
  push %r12
  push %r13
  push %r14
  push %r15
  push %rdi
  push %rsi
  pushq 128(%rdi)
  popfq
  mov 0(%rdi), %rax
  mov 8(%rdi), %rcx
  mov 16(%rdi), %rdx
  mov 24(%rdi), %rbx
  mov 40(%rdi), %rbp
  mov 48(%rdi), %rsi
  mov 64(%rdi), %r8
  mov 72(%rdi), %r9
  mov 80(%rdi), %r10
  mov 88(%rdi), %r11
  mov 96(%rdi), %r12
  mov 104(%rdi), %r13
  mov 112(%rdi), %r14
  mov 120(%rdi), %r15
  mov 56(%rdi), %rdi
  call *(%rsp)
  pushfq
  xchg %rdi, 16(%rsp)
  popq 128(%rdi)
  mov %rax, 0(%rdi)
  mov %rcx, 8(%rdi)
  mov %rdx, 16(%rdi)
  mov %rbx, 24(%rdi)
  mov %rbp, 40(%rdi)
  mov %rsi, 48(%rdi)
  mov %r8, 64(%rdi)
  mov %r9, 72(%rdi)
  mov %r10, 80(%rdi)
  mov %r11, 88(%rdi)
  mov %r12, 96(%rdi)
  mov %r13, 104(%rdi)
  mov %r14, 112(%rdi)
  mov %r15, 120(%rdi)
  pop %rax
  pop %rax
  mov %rax, 56(%rdi)
  pop %r15
  pop %r14
  pop %r13
  pop %r12
  pop %rbp
  pop %rbx
  ret
)");
extern "C" void xisa_x86_native_run(Regs* regs, void* code);

bool host_has(const std::string& cpuinfo_flag) {
  // Some hypervisors leave "abm" out of the flags line while CPUID reports LZCNT.
  if (cpuinfo_flag == "abm") {
    unsigned eax, ebx, ecx, edx;
    return __get_cpuid(0x80000001, &eax, &ebx, &ecx, &edx) && (ecx & (1u << 5)) != 0;
  }
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("flags", 0) != 0) continue;
    std::istringstream words(line.substr(line.find(':') + 1));
    std::string word;
    while (words >> word)
      if (word == cpuinfo_flag) return true;
    return false;
  }
  return false;
}

namespace {
constexpr size_t kStackSize = 16 * 4096;

// Blocks lifted and optimized as the dispatcher does, verified, for the JIT to compile.
class HarnessBlocks final : public runtime::BlockSource {
 public:
  HarnessBlocks(X86_64Frontend& frontend, std::string& error)
      : frontend_(frontend), error_(error) {}
  const ir::Block& block_at(uint64_t pc) override {
    auto& slot = blocks_[pc];
    if (!slot) {
      slot = std::make_unique<ir::Block>();
      frontend_.translate(pc, *slot);
      ir::optimize(*slot);
      const std::string problem = ir::verify_block(*slot);
      if (!problem.empty()) {
        error_ = problem;
        ADD_FAILURE() << problem << "\n" << ir::print_block(*slot);
      }
    }
    return *slot;
  }
  void forget(uint64_t, uint64_t) override { blocks_.clear(); }

 private:
  X86_64Frontend& frontend_;
  std::string& error_;
  std::map<uint64_t, std::unique_ptr<ir::Block>> blocks_;
};
}  // namespace

X86Harness::X86Harness() {
  code_ = static_cast<uint8_t*>(
      mmap(nullptr, kPage, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  data_ = static_cast<uint8_t*>(
      mmap(nullptr, kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  stack_ = static_cast<uint8_t*>(
      mmap(nullptr, kStackSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  runtime::install_guest_fault_handlers();
}

X86Harness::~X86Harness() {
  munmap(code_, kPage);
  munmap(data_, kPage);
  munmap(stack_, kStackSize);
}

size_t X86Harness::place(const uint8_t* begin, const uint8_t* end) {
  const size_t len = static_cast<size_t>(end - begin);
  std::memcpy(code_, begin, len);
  code_[len] = 0xc3;  // ret
  return len;
}

interp::BlockExit X86Harness::emulate(const uint8_t* begin, const uint8_t* end, const Regs& in,
                                      Engine engine) {
  const size_t len = place(begin, end);
  state = X86_64State{};
  std::memcpy(state.gpr, in.gpr, sizeof state.gpr);
  // The trailing RET returns, as natively, to a return address on the stack: one past it.
  const uint64_t stop = reinterpret_cast<uint64_t>(code_) + len + 1;
  state.gpr[kRsp] = reinterpret_cast<uint64_t>(stack_) + kStackSize - 64;
  std::memcpy(reinterpret_cast<void*>(state.gpr[kRsp]), &stop, sizeof stop);
  state.cc_op = cc_op_code(CcKind::Eflags, 64);
  state.cc_res = in.rflags & kStatusFlags;
  state.df = (in.rflags >> 10) & 1;
  state.mxcsr = kDefaultMxcsr;
  state.fcw = kDefaultFcw;
  state.header.pc = reinterpret_cast<uint64_t>(code_);
  interp::BlockExit exit{};
  X86_64Frontend frontend;
  last_ir_error.clear();
  fault_signo = 0;
  fault_address = 0;
  HarnessBlocks blocks(frontend, last_ir_error);
  Options options;
  options.jit_compile_after = 1;  // compiled code from the first run: what the JIT run tests
  runtime::Metrics metrics;
  std::unique_ptr<runtime::JitEngine> jit;
  if (engine == Engine::Jit) jit = std::make_unique<runtime::JitEngine>(blocks, options, metrics);
  runtime::GuestFaultScope scope;
  if (sigsetjmp(scope.jump_buffer(), 0) != 0) {
    fault_signo = scope.fault().signo;
    fault_address = scope.fault().address;
    exit.kind = interp::ExitKind::Trap;
    exit.pc = state.header.pc;
    return exit;
  }
  const GuestArch& arch = *guest_for_elf_machine(EM_X86_64);
  for (unsigned guard = 0; guard < 100000 && state.header.pc != stop; ++guard) {
    host_fp::discard_pending();  // as the dispatcher does
    if (jit) {
      exit = jit->run(&state);
    } else {
      const ir::Block& block = blocks.block_at(state.header.pc);
      exit = interp::run_block(block, &state);
    }
    exit = accrue_after_run(arch, exit, &state);
    if (!last_ir_error.empty()) break;
    if (is_slow_path_retry(exit)) exit = run_slow_path_retry(frontend, exit.pc, &state);
    state.header.pc = exit.pc;
    if (exit.kind != interp::ExitKind::Jump) break;
  }
  return exit;
}

Regs X86Harness::native(const uint8_t* begin, const uint8_t* end, const Regs& in) {
  place(begin, end);
  Regs r = in;
  // The code may leave the host's x87 unit in MMX mode (every tag valid) or MXCSR in another
  // mode; the emulator's x87 and SSE helpers run on the same host unit afterwards, so the x87
  // unit is reset (as the x87 snippets' closing FNINIT does) and MXCSR restored.
  uint32_t mxcsr;
  asm volatile("stmxcsr %0" : "=m"(mxcsr));
  xisa_x86_native_run(&r, code_);
  asm volatile("fninit\n ldmxcsr %0" : : "m"(mxcsr));
  return r;
}

uint64_t X86Harness::flags() const {
  return compute_eflags(state.cc_op, state.cc_src1, state.cc_src2, state.cc_res) |
         (state.df << 10) | 2;
}

Regs X86Harness::emulated_regs() const {
  Regs r;
  std::memcpy(r.gpr, state.gpr, sizeof r.gpr);
  r.rflags = flags();
  return r;
}

void expect_matches_native(X86Harness& h, const uint8_t* begin, const uint8_t* end, const Regs& in,
                           const uint8_t* input, size_t bytes, uint64_t flags,
                           const std::string& context, const Region& region,
                           const std::function<void()>& normalise) {
  const auto reset = [&] {
    std::memcpy(h.data(), input, bytes);
    if (region.data) std::memcpy(region.data, region.input, region.size);
  };
  reset();
  const Regs want = h.native(begin, end, in);
  if (normalise) normalise();
  const std::vector<uint8_t> want_data(h.data(), h.data() + bytes);
  const std::vector<uint8_t> want_region(region.data, region.data + region.size);
  for (const auto engine : {X86Harness::Engine::Interp, X86Harness::Engine::Jit}) {
    const std::string where =
        context + (engine == X86Harness::Engine::Jit ? " (jit)" : " (interp)");
    reset();
    const interp::BlockExit exit = h.emulate(begin, end, in, engine);
    ASSERT_EQ(exit.kind, interp::ExitKind::Jump)
        << where << ": fault " << h.fault_signo << " at " << std::hex << h.fault_address;
    if (normalise) normalise();
    const Regs got = h.emulated_regs();
    for (unsigned r = 0; r < 16; ++r) {
      if (r == kRsp) continue;
      ASSERT_EQ(got.gpr[r], want.gpr[r]) << where << ": register " << r;
    }
    ASSERT_EQ(got.rflags & flags, want.rflags & flags)
        << where << std::hex << ": flags (got " << got.rflags << ", host " << want.rflags << ")";
    for (size_t i = 0; i < bytes; ++i)
      ASSERT_EQ(h.data()[i], want_data[i]) << where << ": byte " << i;
    for (size_t i = 0; i < region.size; ++i)
      ASSERT_EQ(region.data[i], want_region[i]) << where << ": region byte " << i;
  }
}

}  // namespace xisa::x86_64::testing

#endif  // defined(__x86_64__)
