// What the runtime and the Linux layer need to know about one guest ISA. Each guest
// (src/guest/<isa>/) provides one GuestArch; nothing outside a guest's folders knows its registers.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

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
  virtual uint64_t hwcap() const = 0;             // AT_HWCAP: only what xisa implements
  virtual std::string_view platform() const = 0;  // AT_PLATFORM
  virtual std::string format_registers(const void* state) const = 0;
  virtual std::unique_ptr<Frontend> make_frontend() const = 0;
};

// The guest for an ELF e_machine, or nullptr.
const GuestArch* guest_for_elf_machine(uint16_t machine);

}  // namespace xisa
