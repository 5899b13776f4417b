// The AArch64 backend's reading of a host fault, on that host only: without the kernel's
// syndrome record (qemu-user writes none) whether a fault was a write comes from the faulting
// instruction, which may be the compiler's in xisa itself (the interpreter's LSE atomics).
#include <gtest/gtest.h>

#if defined(__aarch64__)

#include <ucontext.h>

#include <cstdint>
#include <cstring>

#include "backend/aarch64/aarch64_backend.h"

namespace xisa::backend_test {
namespace {

// A fault at `insn` on data address 0x1000, in a context without records.
bool decoded_as_write(uint32_t insn) {
  alignas(4) static uint32_t code[1];
  code[0] = insn;
  ucontext_t uc;
  std::memset(&uc, 0, sizeof uc);
  uc.uc_mcontext.pc = reinterpret_cast<uint64_t>(code);
  uc.uc_mcontext.fault_address = 0x1000;
  return backend::aarch64::read_fault_context(&uc).write;
}

TEST(Aarch64FaultContext, WriteOrReadFromTheInstructionWithoutASyndrome) {
  // Encodings from the Arm ARM (checked with GNU as).
  EXPECT_TRUE(decoded_as_write(0xb9000822));   // str w2, [x1, #8]
  EXPECT_TRUE(decoded_as_write(0x39002422));   // strb w2, [x1, #9]
  EXPECT_TRUE(decoded_as_write(0x889ffc22));   // stlr w2, [x1]
  EXPECT_TRUE(decoded_as_write(0xe400e000));   // st1b {z0.b}, p0, [x0]
  EXPECT_TRUE(decoded_as_write(0x38e00020));   // ldaddalb w0, w0, [x1]: R set in bit 22
  EXPECT_TRUE(decoded_as_write(0xb8208020));   // swp w0, w0, [x1]
  EXPECT_TRUE(decoded_as_write(0x88e0fc22));   // casal w0, w2, [x1]
  EXPECT_TRUE(decoded_as_write(0x08207c22));   // casp w0, w1, w2, w3, [x1]
  EXPECT_FALSE(decoded_as_write(0xb9400822));  // ldr w2, [x1, #8]
  EXPECT_FALSE(decoded_as_write(0x885ffc22));  // ldaxr w2, [x1]
  EXPECT_FALSE(decoded_as_write(0xb8bfc022));  // ldapr w2, [x1]
}

}  // namespace
}  // namespace xisa::backend_test

#endif  // __aarch64__
