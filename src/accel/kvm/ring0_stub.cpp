// The ring-0 stub's code and tables, written byte by byte: a dozen instructions do not need an
// assembler, and the encodings below are the whole of xisa's supervisor code.
#include "accel/kvm/ring0_stub.h"

#include <sys/mman.h>

#include <cstring>

#include "accel/kvm/kvm_device.h"

namespace xisa::kvm {

namespace {

uint64_t map_pages(size_t n) {
  void* p = mmap(nullptr, n * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw KvmUnavailable("cannot map the ring-0 stub");
  std::memset(p, 0, n * 4096);
  return reinterpret_cast<uint64_t>(p);
}

// Vectors whose exception pushes an error code (SDM vol. 3, 6.13).
bool pushes_error_code(unsigned v) {
  return v == 8 || (v >= 10 && v <= 14) || v == 17 || v == 21 || v == 29 || v == 30;
}

void write_idt_gate(uint8_t* idt, unsigned v, uint64_t target, unsigned dpl) {
  uint8_t* g = idt + 16 * v;
  const uint16_t lo = static_cast<uint16_t>(target), mid = static_cast<uint16_t>(target >> 16);
  const uint32_t hi = static_cast<uint32_t>(target >> 32);
  std::memcpy(g, &lo, 2);
  const uint16_t cs = kKernelCs;
  std::memcpy(g + 2, &cs, 2);
  g[4] = 0;                                        // IST: none, the TSS's RSP0
  g[5] = static_cast<uint8_t>(0x8e | (dpl << 5));  // present, 64-bit interrupt gate
  std::memcpy(g + 6, &mid, 2);
  std::memcpy(g + 8, &hi, 4);
}

}  // namespace

RingZeroStub::RingZeroStub() {
  code_ = map_pages(1);
  idt_ = map_pages(1);
  auto* code = reinterpret_cast<uint8_t*>(code_);
  // LSTAR: out kSyscallPort, al. RCX and R11 hold the user rip and rflags, RSP the user's.
  code[0] = 0xe6;
  code[1] = kSyscallPort;
  code[2] = 0xf4;  // hlt: xisa always resumes at the IRETQ, never here
  // The way back to CPL3: iretq from the frame xisa wrote at RSP.
  code[kIretOffset] = 0x48;
  code[kIretOffset + 1] = 0xcf;
  // push rax; mov rax, cr3; mov cr3, rax; pop rax; iretq
  const uint8_t flush[] = {0x50, 0x0f, 0x20, 0xd8, 0x0f, 0x22, 0xd8, 0x58, 0x48, 0xcf};
  std::memcpy(code + kFlushIretOffset, flush, sizeof flush);
  auto* idt = reinterpret_cast<uint8_t*>(idt_);
  for (unsigned v = 0; v < kStubVectors; ++v) {
    uint8_t* p = code + kVectorsOffset + 16 * v;
    if (!pushes_error_code(v)) {
      *p++ = 0x6a;  // push 0: the same frame for every vector
      *p++ = 0;
    }
    *p++ = 0x6a;  // push vector
    *p++ = static_cast<uint8_t>(v);
    *p++ = 0x50;  // push rax
    *p++ = 0x0f;  // mov rax, cr2
    *p++ = 0x20;
    *p++ = 0xd0;
    *p++ = 0x50;  // push rax
    *p++ = 0xe6;  // out kExceptionPort, al
    *p++ = kExceptionPort;
    *p++ = 0xf4;  // hlt
    // int3 and into are allowed from CPL3 (DPL 3), as Linux allows them; any other INT n
    // from user code is a #GP.
    write_idt_gate(idt, v, vector_entry(v), v == 3 || v == 4 ? 3 : 0);
  }
  mprotect(code, 4096, PROT_READ | PROT_EXEC);  // xisa never writes it again
  probe_ = map_pages(1);
  const uint8_t probe[] = {0x31, 0xc9, 0x0f, 0x01, 0xd0, 0x0f, 0x05, 0xf4};
  std::memcpy(reinterpret_cast<void*>(probe_), probe, sizeof probe);
  mprotect(reinterpret_cast<void*>(probe_), 4096, PROT_READ | PROT_EXEC);
}

RingZeroStub::~RingZeroStub() {
  munmap(reinterpret_cast<void*>(code_), 4096);
  munmap(reinterpret_cast<void*>(idt_), 4096);
  munmap(reinterpret_cast<void*>(probe_), 4096);
}

VcpuTables::VcpuTables() {
  page_ = map_pages(2);
  auto* gdt = reinterpret_cast<uint64_t*>(page_);
  // Linux's flat descriptors (arch/x86/kernel/cpu/common.c).
  gdt[kKernelCs / 8] = 0x00af9b000000ffff;
  gdt[kKernelDs / 8] = 0x00cf93000000ffff;
  gdt[kUserCs32 / 8] = 0x00cffb000000ffff;
  gdt[kUserDs / 8] = 0x00cff3000000ffff;
  gdt[kUserCs / 8] = 0x00affb000000ffff;
  // The 16-byte TSS descriptor: limit 0x67, type 0xb (busy 64-bit TSS, as KVM_SET_SREGS's TR
  // says), present.
  const uint64_t base = tss();
  gdt[kTssSelector / 8] =
      0x67 | ((base & 0xffffff) << 16) | (uint64_t{0x8b} << 40) | ((base >> 24 & 0xff) << 56);
  gdt[kTssSelector / 8 + 1] = base >> 32;
  auto* tss_bytes = reinterpret_cast<uint8_t*>(base);
  const uint64_t rsp0 = stack_top();
  std::memcpy(tss_bytes + 4, &rsp0, 8);
  const uint16_t iomap = 0x68;  // beyond the limit: no I/O port is the user's
  std::memcpy(tss_bytes + 0x66, &iomap, 2);
}

VcpuTables::~VcpuTables() {
  munmap(reinterpret_cast<void*>(page_), 2 * 4096);
}

}  // namespace xisa::kvm
