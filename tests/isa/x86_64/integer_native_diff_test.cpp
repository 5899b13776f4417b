// Integer instructions against the host CPU: each snippet runs natively and under the
// interpreter from the same registers and flags, over a grid of boundary operands, and every
// register and every architecturally defined flag must match. Flags the SDM leaves undefined
// for an instruction are masked per case (their values follow QEMU; see flags_formulas.h).
// The native oracle needs an x86-64 host; elsewhere these tests are not built.
#if defined(__x86_64__)
#include <gtest/gtest.h>

#include <vector>

#include "x86_harness.h"

namespace xisa::x86_64::testing {
namespace {

constexpr uint64_t CF = 1u << kCF, PF = 1u << kPF, AF = 1u << kAF, ZF = 1u << kZF, SF = 1u << kSF,
                   OF = 1u << kOF;
constexpr uint64_t kAll = kStatusFlags;

X86_SNIPPET(add64, "add %rax, %rbx")
X86_SNIPPET(add32, "add %eax, %ebx")
X86_SNIPPET(add16, "add %ax, %bx")
X86_SNIPPET(add8, "add %al, %bl")
X86_SNIPPET(add8h, "add %bl, %ah")
X86_SNIPPET(add_imm8, "add $-3, %rbx")
X86_SNIPPET(adc64, "adc %rax, %rbx")
X86_SNIPPET(adc8, "adc %al, %bl")
X86_SNIPPET(sbb32, "sbb %eax, %ebx")
X86_SNIPPET(sbb16, "sbb %ax, %bx")
X86_SNIPPET(sub64, "sub %rax, %rbx")
X86_SNIPPET(sub8, "sub %al, %bl")
X86_SNIPPET(cmp_setcc,
            "cmp %rax, %rbx\n seto %cl\n setb %ch\n setz %dl\n setbe %dh\n"
            " sets %r8b\n setp %r9b\n setl %r10b\n setle %r11b\n"
            " setno %r12b\n setae %r13b\n setnz %r14b\n seta %r15b")
X86_SNIPPET(cmp32_setcc,
            "cmp %eax, %ebx\n setl %cl\n setle %ch\n setg %dl\n setge %dh\n setb %r8b\n"
            " seta %r9b")
X86_SNIPPET(cmp8_jcc,
            "xor %ecx, %ecx\n cmp %al, %bl\n jl 1f\n or $1, %ecx\n1: jbe 2f\n or $2, %ecx\n"
            "2: jo 3f\n or $4, %ecx\n3: jp 4f\n or $8, %ecx\n4: nop")
X86_SNIPPET(and64, "and %rax, %rbx")
X86_SNIPPET(or16, "or %ax, %bx")
X86_SNIPPET(xor8, "xor %al, %bl")
X86_SNIPPET(test32, "test %eax, %ebx")
X86_SNIPPET(inc64, "inc %rbx")
X86_SNIPPET(inc8, "inc %bl")
X86_SNIPPET(dec32, "dec %ebx")
X86_SNIPPET(dec16, "dec %bx")
X86_SNIPPET(neg64, "neg %rbx")
X86_SNIPPET(neg8, "neg %bl")
X86_SNIPPET(not32, "not %ebx")
X86_SNIPPET(imul2_64, "imul %rax, %rbx")
X86_SNIPPET(imul3_32, "imul $-7, %eax, %ebx")
X86_SNIPPET(imul1_16, "imul %bx")
X86_SNIPPET(mul64, "mul %rbx")
X86_SNIPPET(mul8, "mul %bl")
X86_SNIPPET(shl1_64, "shl $1, %rbx")
X86_SNIPPET(shl5_32, "shl $5, %ebx")
X86_SNIPPET(shr1_8, "shr $1, %bl")
X86_SNIPPET(sar3_16, "sar $3, %bx")
X86_SNIPPET(shl_cl_8, "shl %cl, %bl")
X86_SNIPPET(shr_cl_64, "shr %cl, %rbx")
X86_SNIPPET(sar_cl_32, "sar %cl, %ebx")
X86_SNIPPET(rol1_64, "rol $1, %rbx")
// A zero immediate count changes no flag, but a 32-bit destination is still written.
X86_SNIPPET(shift_zero, "shl $0, %eax\n rol $0, %ebx\n shld $0, %ecx, %edx\n sar $32, %r8d")
X86_SNIPPET(ror_cl_8, "ror %cl, %bl")
X86_SNIPPET(rol_cl_32, "rol %cl, %ebx")
X86_SNIPPET(rcl1_32, "rcl $1, %ebx")
X86_SNIPPET(rcr_cl_16, "rcr %cl, %bx")
X86_SNIPPET(shld_cl_64, "shld %cl, %rax, %rbx")
X86_SNIPPET(shrd_imm_32, "shrd $7, %eax, %ebx")
X86_SNIPPET(bt64, "bt %rax, %rbx")
X86_SNIPPET(bts32, "bts %eax, %ebx")
X86_SNIPPET(btr_imm, "btr $13, %rbx")
X86_SNIPPET(btc16, "btc %ax, %bx")
X86_SNIPPET(bsf64, "mov %rax, %rcx\n bsf %rbx, %rcx")
X86_SNIPPET(bsr32, "mov %rax, %rcx\n bsr %ebx, %ecx")
X86_SNIPPET(lzcnt64, "lzcnt %rbx, %rcx")
X86_SNIPPET(tzcnt32, "tzcnt %ebx, %ecx")
X86_SNIPPET(popcnt64, "popcnt %rbx, %rcx")
X86_SNIPPET(movx,
            "movzbl %bl, %ecx\n movzwq %bx, %rdx\n movsbq %al, %r8\n movswl %ax, %r9d\n"
            " movslq %eax, %r10\n mov %bl, %ah\n mov %eax, %r11d\n mov %bx, %r12w")
X86_SNIPPET(cbw_cqo,
            "mov %rax, %rbx\n cbw\n xchg %rax, %rbx\n cwde\n mov %rax, %rcx\n"
            " mov %rbx, %rax\n cdqe\n cqo\n mov %rbx, %rax\n cdq")
X86_SNIPPET(cmov,
            "cmp %rax, %rbx\n mov $0, %ecx\n cmovl %rax, %rcx\n mov %rax, %rdx\n"
            " cmovae %ebx, %edx\n cmovz %ax, %r8w\n cmovs %rbx, %r9")
X86_SNIPPET(xchg_xadd, "xchg %rax, %rbx\n xadd %ecx, %eax\n xchg %dl, %dh")
X86_SNIPPET(cmpxchg_reg, "cmpxchg %rcx, %rbx")
X86_SNIPPET(cmpxchg32, "mov %ebx, %r8d\n cmpxchg %ecx, %r8d\n mov %eax, %r9d\n cmpxchg %edx, %ebx")
// Negative immediates with 8/16/32-bit operands (sign-extended by the encoding, then cut).
X86_SNIPPET(narrow_imm,
            "mov $0xcccccccd, %r9d\n imul %r9, %rcx\n cmp $-1, %eax\n sete %dl\n"
            " add $-2, %ebx\n mov $-7, %r8w\n cmpb $-128, %al\n setl %dh\n"
            " mov $0x80000000, %r10d\n and $-16, %r11d")
X86_SNIPPET(segment_reads, "mov %cs, %eax\n mov %ss, %ebx\n mov %ds, %ecx\n mov %es, %dx")
X86_SNIPPET(lea, "lea 12(%rax,%rbx,4), %rcx\n lea -1(%eax), %edx\n lea (%rbx,%rbx,8), %r8w")
X86_SNIPPET(bswap, "bswap %rbx\n bswap %eax\n .byte 0x66, 0x0f, 0xc9")  // + bswap %cx
X86_SNIPPET(div32, "mov %ebx, %ecx\n or $1, %ecx\n xor %edx, %edx\n div %ecx")
X86_SNIPPET(idiv64, "mov %rbx, %rcx\n and $-2, %rcx\n or $2, %rcx\n cqo\n idiv %rcx")
X86_SNIPPET(div8, "mov %bl, %cl\n or $0x81, %cl\n movzbl %al, %eax\n div %cl")
// rDX nonzero (a 128-bit dividend, quotient still fits): the slow path.
X86_SNIPPET(div64_wide, "mov %rbx, %rcx\n or $1, %rcx\n mov %rcx, %rdx\n shr $1, %rdx\n div %rcx")
X86_SNIPPET(idiv32, "mov %ebx, %ecx\n and $0x7ffffff0, %ecx\n or $3, %ecx\n cdq\n idiv %ecx")
X86_SNIPPET(idiv64_neg, "mov %rbx, %rcx\n shr $2, %rcx\n or $2, %rcx\n neg %rcx\n cqo\n idiv %rcx")
X86_SNIPPET(push_pop, "push %rax\n push %bx\n pop %cx\n pop %rdx\n pushfq\n pop %r8")
X86_SNIPPET(lahf_sahf, "cmp %rax, %rbx\n lahf\n mov %ah, %cl\n mov %bl, %ah\n sahf\n setb %dl")
X86_SNIPPET(flagops, "stc\n setb %cl\n cmc\n setb %ch\n clc\n adc $0, %edx")
// MOVSXD with a 16-bit operand size: 32 bits read, the low 16 kept (memory and register).
X86_SNIPPET(movsxd16,
            "push %rax\n .byte 0x66, 0x63, 0x1c, 0x24\n pop %rax\n .byte 0x66, 0x63, 0xc8")
X86_SNIPPET(loop_sum, "mov $5, %ecx\n xor %edx, %edx\n1: add %rcx, %rdx\n loop 1b")

struct Case {
  const char* name;
  const uint8_t* begin;
  const uint8_t* end;
  uint64_t undefined;  // flags the SDM leaves undefined after this snippet
};

#define CASE(n, undef)            \
  Case {                          \
#n, n##_start, n##_end, undef \
  }

const Case kCases[] = {
    CASE(add64, 0),
    CASE(add32, 0),
    CASE(add16, 0),
    CASE(add8, 0),
    CASE(add8h, 0),
    CASE(add_imm8, 0),
    CASE(adc64, 0),
    CASE(adc8, 0),
    CASE(sbb32, 0),
    CASE(sbb16, 0),
    CASE(sub64, 0),
    CASE(sub8, 0),
    CASE(cmp_setcc, 0),
    CASE(cmp32_setcc, 0),
    CASE(cmp8_jcc, 0),
    CASE(and64, AF),
    CASE(or16, AF),
    CASE(xor8, AF),
    CASE(test32, AF),
    CASE(inc64, 0),
    CASE(inc8, 0),
    CASE(dec32, 0),
    CASE(dec16, 0),
    CASE(neg64, 0),
    CASE(neg8, 0),
    CASE(not32, 0),
    CASE(imul2_64, SF | ZF | AF | PF),
    CASE(imul3_32, SF | ZF | AF | PF),
    CASE(imul1_16, SF | ZF | AF | PF),
    CASE(mul64, SF | ZF | AF | PF),
    CASE(mul8, SF | ZF | AF | PF),
    CASE(shl1_64, AF),
    CASE(shl5_32, AF | OF),
    CASE(shr1_8, AF),
    CASE(sar3_16, AF | OF),
    CASE(shl_cl_8, AF | OF | CF),
    CASE(shr_cl_64, AF | OF),
    CASE(sar_cl_32, AF | OF),
    CASE(rol1_64, 0),
    CASE(shift_zero, 0),
    CASE(ror_cl_8, OF),
    CASE(rol_cl_32, OF),
    CASE(rcl1_32, 0),
    CASE(rcr_cl_16, OF),
    CASE(shld_cl_64, AF | OF),
    CASE(shrd_imm_32, AF | OF),
    CASE(bt64, OF | SF | AF | PF),
    CASE(bts32, OF | SF | AF | PF),
    CASE(btr_imm, OF | SF | AF | PF),
    CASE(btc16, OF | SF | AF | PF),
    CASE(bsf64, kAll & ~ZF),
    CASE(bsr32, kAll & ~ZF),
    CASE(lzcnt64, OF | SF | PF | AF),
    CASE(tzcnt32, OF | SF | PF | AF),
    CASE(popcnt64, 0),
    CASE(movx, 0),
    CASE(cbw_cqo, 0),
    CASE(cmov, 0),
    CASE(xchg_xadd, 0),
    CASE(cmpxchg_reg, 0),
    CASE(cmpxchg32, 0),
    CASE(narrow_imm, 0),
    CASE(segment_reads, 0),
    CASE(lea, 0),
    CASE(bswap, 0),
    CASE(div32, kAll),
    CASE(idiv64, kAll),
    CASE(div8, kAll),
    CASE(div64_wide, kAll),
    CASE(idiv32, kAll),
    CASE(idiv64_neg, kAll),
    CASE(push_pop, 0),
    CASE(lahf_sahf, 0),
    CASE(flagops, 0),
    CASE(loop_sum, 0),
    CASE(movsxd16, 0),
};

const uint64_t kValues[] = {0,
                            1,
                            2,
                            0x7f,
                            0x80,
                            0xff,
                            0x7fff,
                            0x8000,
                            0xffff,
                            0x7fffffff,
                            0x80000000,
                            0xffffffff,
                            0x7fffffffffffffff,
                            0x8000000000000000,
                            0xffffffffffffffff,
                            0x0123456789abcdef,
                            0xfedcba9876543219,
                            0x0000000f0000fff0};

class IntegerNativeDiff : public ::testing::TestWithParam<Case> {};

TEST_P(IntegerNativeDiff, MatchesHost) {
  const Case& c = GetParam();
  X86Harness h;
  const uint64_t compared = (kStatusFlags & ~c.undefined) | (uint64_t{1} << 10);
  unsigned runs = 0;
  for (uint64_t a : kValues) {
    for (uint64_t b : kValues) {
      for (uint64_t flags_in : {uint64_t{2}, uint64_t{2 | kAll}}) {
        Regs in;
        for (unsigned r = 0; r < 16; ++r) in.gpr[r] = 0x1111111111111111ull * r;
        in.gpr[kRax] = a;
        in.gpr[kRbx] = b;
        in.gpr[kRcx] = (a ^ b) & 0xff;  // shift counts 0..255 appear
        in.gpr[kRdx] = a + b;
        in.rflags = flags_in;
        const Regs want = h.native(c.begin, c.end, in);
        const interp::BlockExit exit = h.emulate(c.begin, c.end, in);
        ASSERT_EQ(exit.kind, interp::ExitKind::Jump) << c.name;
        const Regs got = h.emulated_regs();
        for (unsigned r = 0; r < 16; ++r) {
          if (r == kRsp) continue;
          ASSERT_EQ(got.gpr[r], want.gpr[r])
              << c.name << ": register " << r << " for a=" << std::hex << a << " b=" << b
              << " flags_in=" << flags_in;
        }
        ASSERT_EQ(got.rflags & compared, want.rflags & compared)
            << c.name << ": flags for a=" << std::hex << a << " b=" << b << " flags_in=" << flags_in
            << " (got " << got.rflags << ", host " << want.rflags << ")";
        ++runs;
      }
    }
  }
  EXPECT_GT(runs, 0u);
}

INSTANTIATE_TEST_SUITE_P(X86_64, IntegerNativeDiff, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& i) { return i.param.name; });

}  // namespace
}  // namespace xisa::x86_64::testing

#endif  // defined(__x86_64__)
