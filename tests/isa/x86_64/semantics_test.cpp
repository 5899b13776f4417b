// Hand-computed expectations (from the SDM, and from QEMU where the SDM leaves a flag
// undefined) for what a native run cannot check: traps, SYSCALL, CPUID, undefined flags.
// The snippets are assembled by the host assembler, so these tests need an x86-64 host too.
#if defined(__x86_64__)
#include <gtest/gtest.h>

#include "x86_harness.h"

namespace xisa::x86_64::testing {
namespace {

X86_SNIPPET(div_zero, "xor %ecx, %ecx\n mov $5, %eax\n div %ecx\n mov $1, %eax")
X86_SNIPPET(idiv_overflow, "mov $-1, %rcx\n mov $0x8000000000000000, %rax\n cqo\n idiv %rcx")
X86_SNIPPET(ud2, "mov $3, %eax\n ud2")
X86_SNIPPET(int3, "int3")
X86_SNIPPET(hlt, "hlt")
X86_SNIPPET(bad_opcode, ".byte 0x06")  // PUSH ES: invalid in 64-bit mode
X86_SNIPPET(syscall, "mov $60, %eax\n stc\n syscall\n nop")
X86_SNIPPET(cpuid0, "xor %eax, %eax\n cpuid")
X86_SNIPPET(cpuid1, "mov $1, %eax\n cpuid")
X86_SNIPPET(xgetbv0, "xor %ecx, %ecx\n xgetbv")
X86_SNIPPET(cpuid_d0, "mov $0xd, %eax\n xor %ecx, %ecx\n cpuid")
X86_SNIPPET(and_af, "mov $0x0f, %al\n add $1, %al\n and $0xff, %al")
X86_SNIPPET(shl3_of, "mov $0x30, %bl\n shl $3, %bl")
X86_SNIPPET(mul_sf, "mov $0x80, %al\n mov $3, %bl\n mul %bl")
X86_SNIPPET(lock_ops,
            "lock addq $5, (%rdi)\n lock incl 8(%rdi)\n mov $7, %eax\n"
            " lock xaddl %eax, 12(%rdi)\n mov $9, %ecx\n mov 16(%rdi), %rax\n"
            " lock cmpxchg %rcx, 16(%rdi)\n lock btsq $3, 24(%rdi)\n setc %dl")
X86_SNIPPET(flags_across_blocks, "cmp $5, %eax\n jmp 1f\n1: setl %cl\n setb %ch")

#define RUN(h, name, ...) h.emulate(name##_start, name##_end, ##__VA_ARGS__)

TEST(X86Semantics, DivideByZeroTrapsAtTheDiv) {
  X86Harness h;
  const interp::BlockExit exit = RUN(h, div_zero, Regs{});
  ASSERT_EQ(exit.kind, interp::ExitKind::Trap);
  EXPECT_EQ(exit.trap, ir::TrapKind::DivideError);
  EXPECT_EQ(h.state.gpr[kRax], 5u);  // the DIV changed nothing; the MOV after it never ran
  // The trapping pc is the DIV's: xor ecx,ecx (2 bytes) + mov $5,%eax (5 bytes).
  EXPECT_EQ(exit.pc & 0xfff, 7u);
}

TEST(X86Semantics, IdivOverflowTraps) {
  X86Harness h;
  const interp::BlockExit exit = RUN(h, idiv_overflow, Regs{});
  ASSERT_EQ(exit.kind, interp::ExitKind::Trap);
  EXPECT_EQ(exit.trap, ir::TrapKind::DivideError);
}

TEST(X86Semantics, Ud2Int3HltAndBadBytesTrap) {
  X86Harness h;
  interp::BlockExit exit = RUN(h, ud2, Regs{});
  ASSERT_EQ(exit.kind, interp::ExitKind::Trap);
  EXPECT_EQ(exit.trap, ir::TrapKind::IllegalInstruction);
  EXPECT_EQ(h.state.gpr[kRax], 3u);
  exit = RUN(h, int3, Regs{});
  EXPECT_EQ(exit.trap, ir::TrapKind::Breakpoint);
  exit = RUN(h, hlt, Regs{});
  EXPECT_EQ(exit.trap, ir::TrapKind::Halt);
  exit = RUN(h, bad_opcode, Regs{});
  ASSERT_EQ(exit.kind, interp::ExitKind::Trap);
  EXPECT_EQ(exit.trap, ir::TrapKind::IllegalInstruction);
}

TEST(X86Semantics, SyscallSavesRipAndRflags) {
  X86Harness h;
  const interp::BlockExit exit = RUN(h, syscall, Regs{});
  ASSERT_EQ(exit.kind, interp::ExitKind::Syscall);
  // mov $60,%eax (5) + stc (1) + syscall (2): the next pc is at offset 8.
  EXPECT_EQ(exit.pc & 0xfff, 8u);
  EXPECT_EQ(h.state.gpr[kRcx], exit.pc);
  EXPECT_EQ(h.state.gpr[11], 0x203u);  // CF, the reserved bit 1, IF
  EXPECT_EQ(h.state.gpr[kRax], 60u);
}

TEST(X86Semantics, CpuidAdvertisesOnlyWhatIsImplemented) {
  X86Harness h;
  RUN(h, cpuid0, Regs{});
  char vendor[13] = {};
  std::memcpy(vendor, &h.state.gpr[kRbx], 4);
  std::memcpy(vendor + 4, &h.state.gpr[kRdx], 4);
  std::memcpy(vendor + 8, &h.state.gpr[kRcx], 4);
  EXPECT_STREQ(vendor, "GenuineIntel");
  RUN(h, cpuid1, Regs{});
  const uint64_t edx = h.state.gpr[kRdx], ecx = h.state.gpr[kRcx];
  EXPECT_TRUE(edx & (1u << 26));  // SSE2
  EXPECT_TRUE(edx & (1u << 15));  // CMOV
  EXPECT_TRUE(ecx & (1u << 0));   // SSE3
  EXPECT_TRUE(ecx & (1u << 9));   // SSSE3
  EXPECT_TRUE(edx & (1u << 23));  // MMX
  EXPECT_TRUE(ecx & (1u << 19));  // SSE4.1
  EXPECT_TRUE(ecx & (1u << 20));  // SSE4.2
  EXPECT_TRUE(ecx & (1u << 27));  // OSXSAVE: XGETBV tells which states the OS saves
  EXPECT_TRUE(ecx & (1u << 28));  // AVX
  EXPECT_TRUE(ecx & (1u << 12));  // FMA
  EXPECT_TRUE(ecx & (1u << 29));  // F16C
  // XCR0 = x87 | SSE | AVX (this host's own has AVX-512 too), and the XSAVE area those take.
  RUN(h, xgetbv0, Regs{});
  EXPECT_EQ(h.state.gpr[kRax], 7u);
  EXPECT_EQ(h.state.gpr[kRdx], 0u);
  RUN(h, cpuid_d0, Regs{});
  EXPECT_EQ(h.state.gpr[kRax], 7u);
  EXPECT_EQ(h.state.gpr[kRbx], 832u);
}

TEST(X86Semantics, UndefinedFlagsFollowQemu) {
  X86Harness h;
  // AND: AF undefined in the SDM, 0 in QEMU; 0x10 & 0xff = 0x10: ZF=0, SF=0, PF=0 (one bit).
  RUN(h, and_af, Regs{});
  EXPECT_EQ(h.flags() & kStatusFlags, 0u);
  // SHL 0x30 by 3 (8-bit): result 0x80, CF = bit 5 of 0x30 = 1, OF (undefined for count > 1)
  // = MSB(result) xor CF = 0; AF = 0; SF = 1; PF: 0x80 has one bit: 0.
  RUN(h, shl3_of, Regs{});
  EXPECT_EQ(h.flags() & kStatusFlags, (1u << kCF) | (1u << kSF));
  // MUL 0x80 * 3 = 0x180: CF = OF = 1 (AH != 0); QEMU's SF/ZF/PF come from AL = 0x80.
  RUN(h, mul_sf, Regs{});
  EXPECT_EQ(h.state.gpr[kRax] & 0xffff, 0x180u);
  EXPECT_EQ(h.flags() & kStatusFlags, (1u << kCF) | (1u << kOF) | (1u << kSF));
}

TEST(X86Semantics, LockedOperationsUpdateMemory) {
  X86Harness h;
  uint64_t mem[4] = {10, 0xffffffff, 0x100, 0x40};
  std::memcpy(h.data(), mem, sizeof mem);
  Regs in;
  in.gpr[kRdi] = h.data_addr();
  RUN(h, lock_ops, in);
  std::memcpy(mem, h.data(), sizeof mem);
  EXPECT_EQ(mem[0], 15u);
  EXPECT_EQ(mem[1], 0x700000000ull);     // incl: 0xffffffff -> 0; xadd: 0 + 7 in the high half
  EXPECT_EQ(h.state.gpr[kRax], 0x100u);  // cmpxchg matched: rax keeps the expected value
  EXPECT_EQ(mem[2], 9u);
  EXPECT_EQ(mem[3], 0x48u);
  EXPECT_EQ(h.state.gpr[kRdx] & 0xff, 0u);  // bit 3 was clear
}

TEST(X86Semantics, FlagsSurviveABlockBoundary) {
  X86Harness h;
  Regs in;
  in.gpr[kRax] = 3;
  RUN(h, flags_across_blocks, in);
  EXPECT_EQ(h.state.gpr[kRcx] & 0xffff, 0x0101u);  // 3 < 5 signed and unsigned
  in.gpr[kRax] = static_cast<uint64_t>(-1);
  RUN(h, flags_across_blocks, in);
  EXPECT_EQ(h.state.gpr[kRcx] & 0xffff, 0x0001u);  // -1 < 5 signed, not unsigned
}

}  // namespace
}  // namespace xisa::x86_64::testing

#endif  // defined(__x86_64__)
