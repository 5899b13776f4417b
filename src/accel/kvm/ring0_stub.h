// The ring-0 side of a KVM vCPU: the only supervisor code and tables the vCPU has. The guest
// runs at CPL3; its `syscall` enters the stub at LSTAR, which exits to xisa with an OUT, and
// every CPU exception enters the stub through the IDT, which pushes the vector (and CR2) on the
// vCPU's kernel stack and exits the same way. xisa resumes the guest with an IRETQ from a frame
// it writes on that stack, so every user register is restored exactly. Layout (Linux's
// selectors, so a guest reading CS or SS sees what it would natively):
//   shared:  one page of code, one page holding the IDT (vectors 0-31)
//   per vCPU: one page holding the GDT and the TSS, one page of kernel stack
#pragma once

#include <cstdint>

namespace xisa::kvm {

inline constexpr uint16_t kKernelCs = 0x10, kKernelDs = 0x18, kUserCs = 0x33, kUserDs = 0x2b,
                          kUserCs32 = 0x23, kTssSelector = 0x40;
inline constexpr uint8_t kSyscallPort = 0xf0, kExceptionPort = 0xf1;
inline constexpr unsigned kStubVectors = 32;

// What the exception entry leaves on the kernel stack, lowest address first.
struct ExceptionFrame {
  uint64_t cr2, rax, vector, error_code;
  uint64_t rip, cs, rflags, rsp, ss;  // pushed by the CPU
};
// What IRETQ takes back to CPL3.
struct IretFrame {
  uint64_t rip, cs, rflags, rsp, ss;
};

class RingZeroStub {
 public:
  RingZeroStub();  // throws KvmUnavailable
  ~RingZeroStub();
  RingZeroStub(const RingZeroStub&) = delete;
  RingZeroStub& operator=(const RingZeroStub&) = delete;

  uint64_t code_page() const { return code_; }
  uint64_t idt() const { return idt_; }
  uint16_t idt_limit() const { return kStubVectors * 16 - 1; }
  uint64_t syscall_entry() const { return code_; }
  uint64_t iret_address() const { return code_ + kIretOffset; }
  // The same, after a CR3 reload: the guest's TLB forgets pages xisa unmapped.
  uint64_t flush_iret_address() const { return code_ + kFlushIretOffset; }
  uint64_t vector_entry(unsigned v) const { return code_ + kVectorsOffset + 16 * v; }
  // User code, mapped for the guest only while a new vCPU runs it: xor ecx, ecx; xgetbv;
  // syscall. The XCR0 the vCPU really runs on, as the guest's code would see it.
  uint64_t xcr0_probe_page() const { return probe_; }

  static constexpr uint64_t kIretOffset = 0x10, kFlushIretOffset = 0x20, kVectorsOffset = 0x100;

 private:
  uint64_t code_ = 0;
  uint64_t idt_ = 0;
  uint64_t probe_ = 0;
};

// One vCPU's GDT, TSS and kernel stack.
class VcpuTables {
 public:
  VcpuTables();  // throws KvmUnavailable
  ~VcpuTables();
  VcpuTables(const VcpuTables&) = delete;
  VcpuTables& operator=(const VcpuTables&) = delete;

  uint64_t gdt() const { return page_; }
  uint16_t gdt_limit() const { return 10 * 8 - 1; }
  uint64_t tss() const { return page_ + kTssOffset; }
  uint64_t stack_page() const { return page_ + 4096; }
  uint64_t stack_top() const { return page_ + 8192; }
  // Where the exception entry's frame is (the stack is empty when the CPU enters from CPL3).
  const ExceptionFrame* exception_frame() const {
    return reinterpret_cast<const ExceptionFrame*>(stack_top() - sizeof(ExceptionFrame));
  }
  IretFrame* iret_frame() const {
    return reinterpret_cast<IretFrame*>(stack_top() - sizeof(IretFrame));
  }

  static constexpr uint64_t kTssOffset = 0x100;

 private:
  uint64_t page_ = 0;  // two pages: tables, then the stack
};

}  // namespace xisa::kvm
