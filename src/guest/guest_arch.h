// What the runtime and the Linux layer need to know about one guest ISA. Each guest
// (src/guest/<isa>/) provides one GuestArch; nothing outside a guest's folders knows its registers.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>

#include "guest/fp_status_layout.h"
#include "ir/block.h"

namespace xisa {

enum class GuestIsa : uint8_t { Riscv64, Aarch64, X86_64 };
// Syscall numbering and struct layouts: RISC-V64 and AArch64 share the asm-generic ABI.
enum class SyscallAbi : uint8_t { Generic, X86_64 };

struct SyscallArgs {
  uint64_t nr = 0;
  std::array<uint64_t, 6> args{};
};

// How a block is to be lifted.
struct TranslateOptions {
  unsigned max_insns = 64;
  // Instructions with a guarded fast path (FP arithmetic, x86 DIV...) take their slow, exact
  // path instead (guest/slow_path_retry.h): everywhere, or at the listed instruction pcs.
  bool slow_path = false;
  const std::unordered_set<uint64_t>* slow_path_pcs = nullptr;
  bool slow_path_at(uint64_t pc) const {
    return slow_path || (slow_path_pcs && slow_path_pcs->count(pc) != 0);
  }
  // FP fast paths at these pcs run while the guest's inexact flag is still clear, raising it
  // from the host's (FpFastPath): for code whose results stay exact, which would otherwise
  // leave for the slow path every time.
  const std::unordered_set<uint64_t>* inexact_tracking_pcs = nullptr;
  bool track_inexact_at(uint64_t pc) const {
    return inexact_tracking_pcs && inexact_tracking_pcs->count(pc) != 0;
  }
  // The guest state the block is about to run on, or nullptr: a frontend may specialise on
  // what it holds (the RISC-V vtype) only behind a guard that checks it when the block runs.
  const void* entry_state = nullptr;
};

// Lifts guest code to IR. One per guest thread (it may keep decoding state).
class Frontend {
 public:
  virtual ~Frontend() = default;
  // Decodes guest instructions from pc into block (empty on entry) and ends it with a
  // terminator: after a control transfer, a syscall, a trap, or a size limit. Reads guest
  // memory directly (1:1); a fault on the fetch surfaces as a host SIGSEGV at CpuHeader::pc.
  virtual void translate(uint64_t pc, ir::Block& block, const TranslateOptions& options) = 0;
  void translate(uint64_t pc, ir::Block& block) { translate(pc, block, TranslateOptions{}); }
};

// What the Linux layer asks a guest to build when it runs a signal handler. The guest lays the
// frame out as its kernel does (src/guest/<isa>/<isa>_signal_frame.cpp).
struct SignalFrameSpec {
  int signo = 0;
  const void* siginfo = nullptr;  // 128 bytes: the siginfo layout all 64-bit ABIs share
  uint64_t handler = 0;
  uint64_t restorer = 0;     // where the handler returns: sa_restorer or the sigreturn code
  uint64_t saved_mask = 0;   // uc_sigmask: the mask rt_sigreturn restores
  uint64_t stack_top = 0;    // the alternate stack's top, or 0: below the current stack pointer
  uint64_t altstack_sp = 0;  // uc_stack
  uint64_t altstack_size = 0;
  int32_t altstack_flags = 2;
  bool fault = false;  // a synchronous fault: AArch64 adds an esr_context
};

// Fault-safe guest memory access (linux/guest_memory.h): false when any byte is inaccessible.
using GuestMemoryRead = bool (*)(void* dst, uint64_t guest_src, size_t n);
using GuestMemoryWrite = bool (*)(uint64_t guest_dst, const void* src, size_t n);

// The signal a trapping instruction raises, as the guest's kernel reports it.
struct TrapSignal {
  int signo = 0;
  int code = 0;          // si_code
  uint64_t address = 0;  // si_addr
};

class GuestArch {
 public:
  virtual ~GuestArch() = default;
  virtual GuestIsa isa() const = 0;
  virtual std::string_view name() const = 0;  // "riscv64", as in qemu-riscv64
  virtual uint16_t elf_machine() const = 0;   // EM_RISCV, ...
  virtual SyscallAbi syscall_abi() const = 0;
  virtual size_t state_size() const = 0;           // bytes; the struct starts with a CpuHeader
  virtual void init_state(void* state) const = 0;  // reset values (FP control, ...)
  virtual void set_entry(void* state, uint64_t pc, uint64_t sp) const = 0;
  virtual SyscallArgs syscall_args(const void* state) const = 0;
  virtual void set_syscall_result(void* state, uint64_t value) const = 0;
  virtual void set_thread_pointer(void* state, uint64_t tp) const = 0;
  virtual uint64_t stack_pointer(const void* state) const = 0;
  virtual uint64_t hwcap() const = 0;  // AT_HWCAP: only what xisa implements
  // AT_HWCAP2, for the guests whose kernel passes one (nullopt: no AT_HWCAP2 entry).
  virtual std::optional<uint64_t> hwcap2() const { return std::nullopt; }
  // RISC-V's riscv_hwprobe: the value of key, nullopt for an unknown key or another guest.
  virtual std::optional<uint64_t> hwprobe(int64_t /*key*/) const { return std::nullopt; }
  // The vector length of the ISAs where the implementation chooses it (RISC-V's VLEN, in
  // bits), for the whole process, before its first thread: false for a value the guest does
  // not support. The others ignore it.
  virtual bool set_vector_length(unsigned /*bits*/) const { return true; }
  virtual unsigned insn_alignment() const = 0;    // a pc not a multiple of it raises SIGBUS
  virtual std::string_view platform() const = 0;  // AT_PLATFORM
  // /proc/cpuinfo as the guest's kernel would print it for cpus processors of the CPU xisa
  // emulates (its features: those of hwcap, CPUID or riscv_hwprobe, nothing more).
  virtual std::string cpuinfo(unsigned cpus) const = 0;
  virtual std::string format_registers(const void* state) const = 0;
  // Signal frames: push writes the frame and points the registers at the handler (false: the
  // stack is not writable, state unchanged); pop is rt_sigreturn, restoring the registers from
  // the frame at the stack pointer and returning the saved mask (nullopt: a bad frame).
  virtual bool push_signal_frame(void* state, const SignalFrameSpec& spec,
                                 GuestMemoryWrite write) const = 0;
  virtual std::optional<uint64_t> pop_signal_frame(void* state, GuestMemoryRead read) const = 0;
  // Code that calls rt_sigreturn, for handlers without SA_RESTORER (the kernel's vDSO sigtramp).
  virtual std::span<const uint8_t> sigreturn_code() const = 0;
  // A page of fixed-address entry points that the ABI promises outside user space (x86-64's
  // vsyscall page): entry i at base + i * entry_stride runs stubs[i * stub_size ...], which
  // xisa maps in guest memory; any other address in the page faults.
  struct VsyscallPage {
    uint64_t base = 0;
    uint64_t entry_stride = 0;
    size_t stub_size = 0;
    std::span<const uint8_t> stubs;
  };
  virtual std::optional<VsyscallPage> vsyscall_page() const { return std::nullopt; }
  // Puts the state back at the syscall instruction with its registers as before the call (the
  // pc is just after it), so that the call is made again: SA_RESTART.
  virtual void restart_syscall(void* state, const SyscallArgs& args) const = 0;
  // The signal for a trap at the state's pc; may move the pc where the kernel reports it
  // (x86 int3 reports the next instruction).
  virtual TrapSignal trap_signal(void* state, ir::TrapKind kind) const;
  // The address the atomic or exclusive instruction at the state's pc accesses (its base
  // register), for the si_addr of a misaligned access.
  virtual uint64_t atomic_address(const void* state) const = 0;
  virtual std::unique_ptr<Frontend> make_frontend() const = 0;
  virtual FpStatusLayout fp_status() const = 0;
  // ORs exceptions the host raised (FE_* bits and host_fp::kDenormalOperand) into the guest's
  // flags: those FpFastPath left pending (common/host_fp_env.h).
  void accrue_fp_exceptions(void* state, int raised) const;
};

// After guest code ran (an engine's run, a lifted block in a test harness): ORs the FP
// exceptions the host holds for the guest into its flags (common/host_fp_env.h) and clears
// them. Before guest code runs, host_fp::discard_pending() drops what xisa's own code raised.
void accrue_pending_fp_exceptions(const GuestArch& arch, void* state);

// The guest for an ELF e_machine, or nullptr.
const GuestArch* guest_for_elf_machine(uint16_t machine);

}  // namespace xisa
