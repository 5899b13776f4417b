// The x86-64 guest: register ABI for syscalls and entry, FS base, AT_HWCAP, register dumps.
#include <elf.h>
#include <fmt/format.h>
#include <signal.h>

#include <cstring>

#include "frontend/x86_64/flags_formulas.h"
#include "frontend/x86_64/x86_64_frontend.h"
#include "guest/guest_arch.h"
#include "guest/x86_64/cpuid.h"
#include "guest/x86_64/x86_64_rflags.h"
#include "guest/x86_64/x86_64_signal_frame.h"
#include "guest/x86_64/x86_64_state.h"

namespace xisa::x86_64 {

namespace {

X86_64State& st(void* s) {
  return *static_cast<X86_64State*>(s);
}
const X86_64State& st(const void* s) {
  return *static_cast<const X86_64State*>(s);
}

// The si_code of an x87 #MF, as Linux derives it (fpu__exception_code): the unmasked pending
// exceptions, invalid operation first, then division by zero, overflow, denormal or underflow,
// precision.
int x87_error_code(uint16_t fsw, uint16_t fcw) {
  constexpr int kFpeFltdiv = 3, kFpeFltovf = 4, kFpeFltund = 5, kFpeFltres = 6, kFpeFltinv = 7;
  const unsigned pending = fsw & ~fcw & 0x3fu;
  if (pending & 0x01) return kFpeFltinv;
  if (pending & 0x04) return kFpeFltdiv;
  if (pending & 0x08) return kFpeFltovf;
  if (pending & 0x12) return kFpeFltund;
  return kFpeFltres;
}

constexpr const char* kGprNames[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                       "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};

class X86_64Guest final : public GuestArch {
 public:
  GuestIsa isa() const override { return GuestIsa::X86_64; }
  std::string_view name() const override { return "x86_64"; }
  uint16_t elf_machine() const override { return EM_X86_64; }
  SyscallAbi syscall_abi() const override { return SyscallAbi::X86_64; }
  size_t state_size() const override { return sizeof(X86_64State); }
  void init_state(void* s) const override {
    std::memset(s, 0, sizeof(X86_64State));
    st(s).mxcsr = kDefaultMxcsr;
    st(s).fcw = kDefaultFcw;
  }
  void set_entry(void* s, uint64_t pc, uint64_t sp) const override {
    st(s).header.pc = pc;
    st(s).gpr[kRsp] = sp;
  }
  SyscallArgs syscall_args(const void* s) const override {
    const auto& g = st(s).gpr;
    return {g[kRax], {g[kRdi], g[kRsi], g[kRdx], g[10], g[8], g[9]}};
  }
  void set_syscall_result(void* s, uint64_t v) const override { st(s).gpr[kRax] = v; }
  void set_thread_pointer(void* s, uint64_t tp) const override { st(s).fs_base = tp; }
  uint64_t stack_pointer(const void* s) const override { return st(s).gpr[kRsp]; }
  unsigned insn_alignment() const override { return 1; }
  uint64_t hwcap() const override { return cpuid1_edx(); }
  std::string_view platform() const override { return "x86_64"; }
  std::string cpuinfo(unsigned cpus) const override { return x86_64::cpuinfo(cpus); }
  std::string format_registers(const void* s) const override {
    const auto& r = st(s);
    std::string out = fmt::format("rip {:016x}  rflags {:08x}  fs_base {:016x}\n", r.header.pc,
                                  read_rflags(r), r.fs_base);
    for (unsigned i = 0; i < 16; ++i)
      out += fmt::format("{:<3} {:016x}{}", kGprNames[i], r.gpr[i], i % 4 == 3 ? "\n" : "  ");
    return out;
  }
  bool push_signal_frame(void* s, const SignalFrameSpec& spec,
                         GuestMemoryWrite write) const override {
    return x86_64::push_signal_frame(s, spec, write);
  }
  std::optional<uint64_t> pop_signal_frame(void* s, GuestMemoryRead read) const override {
    return x86_64::pop_signal_frame(s, read);
  }
  std::span<const uint8_t> sigreturn_code() const override { return x86_64::sigreturn_code(); }
  // The vsyscall page of kernels with vsyscall=emulate (Documentation/ABI: gettimeofday at
  // 0xffffffffff600000, time at +0x400, getcpu at +0x800): each entry makes its syscall and
  // returns, as the kernel's emulation does.
  std::optional<VsyscallPage> vsyscall_page() const override {
    static constexpr uint8_t kStubs[] = {
        0xb8, 0x60, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xc3,  // mov eax, 96 (gettimeofday); syscall; ret
        0xb8, 0xc9, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xc3,  // mov eax, 201 (time)
        0xb8, 0x35, 0x01, 0x00, 0x00, 0x0f, 0x05, 0xc3,  // mov eax, 309 (getcpu)
    };
    return VsyscallPage{0xffffffffff600000, 0x400, 8, kStubs};
  }
  // int3 reports the instruction after it, with SI_KERNEL, and #UD is ILL_ILLOPN, as the x86
  // kernel does.
  TrapSignal trap_signal(void* s, ir::TrapKind kind) const override {
    if (kind == ir::TrapKind::IllegalInstruction) return {SIGILL, 2, st(s).header.pc};
    if (kind == ir::TrapKind::X87Error)
      return {SIGFPE, x87_error_code(st(s).fsw, st(s).fcw), st(s).header.pc};
    if (kind != ir::TrapKind::Breakpoint) return GuestArch::trap_signal(s, kind);
    const auto* insn = reinterpret_cast<const uint8_t*>(st(s).header.pc);
    st(s).header.pc += insn[0] == 0xcc ? 1 : 2;
    return {SIGTRAP, 0x80, 0};
  }
  // x86 LOCK operations work at any alignment: no misaligned-atomic trap is lifted.
  uint64_t atomic_address(const void*) const override { return 0; }
  FpStatusLayout fp_status() const override { return kFpStatus; }
  void restart_syscall(void* s, const SyscallArgs& args) const override {
    st(s).gpr[kRax] = args.nr;
    st(s).header.pc -= 2;  // syscall
  }
  std::unique_ptr<Frontend> make_frontend() const override {
    return std::make_unique<X86_64Frontend>();
  }
};

}  // namespace

const GuestArch& x86_64_guest() {
  static const X86_64Guest guest;
  return guest;
}

}  // namespace xisa::x86_64
