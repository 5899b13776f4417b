// Integer and system instructions against the host CPU, under the interpreter and the JIT:
// string instructions with the 0x67 address size, ENTER with nesting levels and the 16-bit
// ENTER/LEAVE/PUSHF/POPF, a REX prefix before 0x66, CMPXCHG's failing 32-bit form, far
// transfers to the user code segment, the prefetch and hint-space NOPs, cache-line flushes and
// RCP/RSQRT estimates. Snippets use a 1024-byte buffer at rdi (often as their stack, so pushed
// values compare byte for byte) and one below 4 GiB at r15 for 32-bit addresses. Where the host
// cannot be the oracle (UMIP values, RDTSCP's TSC_AUX, faults), the expected values are stated.
// The native oracle needs an x86-64 host; elsewhere these tests are not built.
#if defined(__x86_64__)
#include <gtest/gtest.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>

#include <random>
#include <vector>

#include "x86_harness.h"

namespace xisa::x86_64::testing {
namespace {

constexpr size_t kBuffer = 1024;
constexpr unsigned kR9 = 9, kR10 = 10, kR15 = 15;

// --- 0x67: ESI/EDI/ECX, updates zero-extended; r9 holds garbage for bits 63:32 ---
#define A32_CASE(name, body)                                                           \
  X86_SNIPPET(name,                                                                    \
              "lea 64(%r15), %esi\n or %r9, %rsi\n lea 3(%r15), %edi\n or %r9, %rdi\n" \
              " mov %edx, %ecx\n and $31, %ecx\n or %r9, %rcx\n " body "\n cld")
A32_CASE(a32_rep_movsb, "addr32 rep movsb")
A32_CASE(a32_rep_movsq, "and $7, %ecx\n addr32 rep movsq")
A32_CASE(a32_rep_stosl_back, "std\n add $200, %edi\n addr32 rep stosl")
A32_CASE(a32_rep_stosb_zero, "and $0, %ecx\n addr32 rep stosb")
A32_CASE(a32_repe_cmpsb, "addr32 repe cmpsb\n setz %al\n setb %ah")
A32_CASE(a32_repne_scasw, "mov 70(%r15), %ax\n addr32 repne scasw\n setz %dl")
A32_CASE(a32_lods_scas_cmps,
         "addr32 lodsl\n addr32 lodsw\n addr32 scasb\n seta %dl\n"
         " addr32 cmpsq\n setl %dh\n addr32 movsw\n addr32 stosb")

// --- ENTER/LEAVE with the buffer as the stack, rbp pointing into it ---
#define FRAME_CASE(name, body)                                                           \
  X86_SNIPPET(name, "mov %rsp, %r8\n lea 1000(%rdi), %rsp\n lea 512(%rdi), %rbp\n " body \
                    "\n"                                                                 \
                    " mov %rsp, %r11\n mov %r8, %rsp\n mov $0, %r8d")
FRAME_CASE(enter_level1, "enter $16, $1")
FRAME_CASE(enter_level3, "enter $24, $3")
FRAME_CASE(enter_level31, "enter $0, $31")
FRAME_CASE(enter_level33, "enter $8, $33")  // the level is taken modulo 32
FRAME_CASE(enterw_level2, "enterw $6, $2")
FRAME_CASE(enterw_level0, "enterw $0x312, $0")
FRAME_CASE(enter_leave, "enter $16, $2\n mov %rbp, %r12\n leave")
FRAME_CASE(leavew, "lea 64(%rdi), %rbp\n leavew")
FRAME_CASE(leaveq, "lea 64(%rdi), %rbp\n leave")

// --- PUSHFW/POPFW (POPFW with the status flags and DF from dx) ---
FRAME_CASE(pushfw_popfw,
           "pushfw\n and $0xcd5, %dx\n push %dx\n popfw\n pushfq\n pushfw\n"
           " .byte 0x48, 0x66, 0x9c\n .byte 0x66, 0x9d\n pushfq\n cld")

// --- a REX prefix before 0x66 is not the last prefix: ignored ---
X86_SNIPPET(rex_before_66,
            ".byte 0x48, 0x66, 0x01, 0xc3\n .byte 0x49, 0x66, 0x89, 0xc2\n"
            " .byte 0x4c, 0x66, 0x0f, 0xb7, 0xf0\n .byte 0x66, 0x48, 0x01, 0xc7")

// --- CMPXCHG with every operand size; ecx low half sometimes equal to eax's ---
X86_SNIPPET(cmpxchg32_reg, "cmpxchg %ecx, %ebx\n setz %dl\n cmpxchg %r8d, %r10d\n setz %dh")
X86_SNIPPET(cmpxchg32_acc, "cmpxchg %ecx, %eax")
X86_SNIPPET(cmpxchg16_8_reg, "cmpxchg %cx, %bx\n setz %dl\n cmpxchg %r8b, %r10b\n setz %dh")
X86_SNIPPET(cmpxchg32_mem, "cmpxchg %ecx, 8(%rdi)\n setz %dl\n lock cmpxchg %ebx, 8(%rdi)")

// --- far RET to CS 0x33 (AMD hosts ignore REX.W on far JMP/CALL, so those are tested below) ---
FRAME_CASE(far_ret,
           "lea 1f(%rip), %rax\n pushq $0x33\n push %rax\n lretq\n ud2\n1: lea 2f(%rip), %rax\n"
           " sub $16, %rsp\n pushq $0x33\n push %rax\n lretq $16\n ud2\n2: mov $1, %r12d")

// --- NOPs: prefetches, the 0F 18-1F hint space without MPX; cache-line flushes ---
X86_SNIPPET(
    hint_nops,
    "prefetchw (%rdi)\n prefetch 64(%rdi)\n .byte 0x0f, 0x0d, 0x10\n"
    " .byte 0x0f, 0x0d, 0x38\n .byte 0x0f, 0x1a, 0x00\n"
    " .byte 0x0f, 0x1b, 0x00\n .byte 0x66, 0x0f, 0x1a, 0x00\n .byte 0xf3, 0x0f, 0x1b, 0x00\n"
    " .byte 0xf2, 0x0f, 0x1a, 0xc0\n .byte 0xf3, 0x0f, 0x1a, 0x01\n .byte 0x0f, 0x18, 0x20\n"
    " .byte 0x0f, 0x19, 0x00\n .byte 0x0f, 0x1c, 0x00\n .byte 0x0f, 0x1d, 0xc0\n"
    " .byte 0x0f, 0x1e, 0x00\n .byte 0x0f, 0x1f, 0x00\n prefetcht0 (%rax)")
X86_SNIPPET(cache_flushes, "clflush (%rdi)\n clflushopt 64(%rdi)\n clwb 128(%rdi)\n sfence")

// --- RCP/RSQRT estimates: the host's bits (operands in the buffer, results stored back) ---
X86_SNIPPET(rsqrt_rcp,
            "movups (%rdi), %xmm0\n rsqrtps %xmm0, %xmm1\n movups %xmm1, 64(%rdi)\n"
            " rcpps 16(%rdi), %xmm2\n movups %xmm2, 80(%rdi)\n movups 32(%rdi), %xmm3\n"
            " rsqrtss 48(%rdi), %xmm3\n movups %xmm3, 96(%rdi)\n movups 16(%rdi), %xmm4\n"
            " rcpss %xmm0, %xmm4\n movups %xmm4, 112(%rdi)\n rcpss 4(%rdi), %xmm0\n"
            " movups %xmm0, 128(%rdi)")

using Case = SnippetCase;
#define CASE(n) X86_SNIPPET_CASE(n)
const Case kCases[] = {CASE(a32_rep_movsb),
                       CASE(a32_rep_movsq),
                       CASE(a32_rep_stosl_back),
                       CASE(a32_rep_stosb_zero),
                       CASE(a32_repe_cmpsb),
                       CASE(a32_repne_scasw),
                       CASE(a32_lods_scas_cmps),
                       CASE(enter_level1),
                       CASE(enter_level3),
                       CASE(enter_level31),
                       CASE(enter_level33),
                       CASE(enterw_level2),
                       CASE(enterw_level0),
                       CASE(enter_leave),
                       CASE(leavew),
                       CASE(leaveq),
                       CASE(pushfw_popfw),
                       CASE(rex_before_66),
                       CASE(cmpxchg32_reg),
                       CASE(cmpxchg32_acc),
                       CASE(cmpxchg16_8_reg),
                       CASE(cmpxchg32_mem),
                       CASE(far_ret),
                       CASE(hint_nops),
                       CASE(cache_flushes),
                       CASE(rsqrt_rcp)};

// A buffer below 4 GiB, for the 0x67 forms.
struct LowBuffer {
  LowBuffer()
      : data(static_cast<uint8_t*>(mmap(nullptr, X86Harness::kPage, PROT_READ | PROT_WRITE,
                                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0))) {}
  ~LowBuffer() { munmap(data, X86Harness::kPage); }
  LowBuffer(const LowBuffer&) = delete;
  LowBuffer& operator=(const LowBuffer&) = delete;
  uint8_t* data;
};

// Floats worth estimating: every class (zeros, denormals, infinities, NaNs, negatives) and
// random normal numbers of any exponent.
uint32_t random_float_bits(std::mt19937_64& rng) {
  static constexpr uint32_t kSpecial[] = {0,          0x80000000, 0x00000001, 0x807fffff,
                                          0x00800000, 0x7f7fffff, 0x7f800000, 0xff800000,
                                          0x7fc00001, 0xff800001, 0x3f800000, 0xbf800000,
                                          0x7e800000, 0x00400000, 0x01000000, 0x3f7fffff};
  const uint64_t r = rng();
  if (r % 4 == 0) return kSpecial[(r >> 8) % std::size(kSpecial)];
  return static_cast<uint32_t>(r >> 16);
}

void random_input(std::mt19937_64& rng, unsigned trial, uint8_t* data, uint8_t* low, Regs& in) {
  for (size_t i = 0; i < kBuffer; ++i)
    data[i] = static_cast<uint8_t>(rng() % (trial % 2 ? 4 : 256));
  for (size_t i = 0; i < 64; i += 4) {
    const uint32_t f = random_float_bits(rng);
    std::memcpy(data + i, &f, 4);
  }
  for (size_t i = 0; i < kBuffer; ++i) low[i] = static_cast<uint8_t>(rng() % (trial % 2 ? 2 : 256));
  if (trial % 3 == 0) std::memcpy(low + 3, low + 64, 40);  // long equal runs for CMPS
  for (unsigned r = 0; r < 16; ++r) in.gpr[r] = rng();
  // CMPXCHG's destinations (rbx, r10, memory) sometimes equal the accumulator's low half.
  constexpr uint64_t kHigh = ~0xffffffffull;
  if (trial % 4 == 1) in.gpr[kRbx] = (in.gpr[kRbx] & kHigh) | (in.gpr[kRax] & ~kHigh);
  if (trial % 4 == 3) in.gpr[kR10] = (in.gpr[kR10] & kHigh) | (in.gpr[kRax] & ~kHigh);
  if (trial % 4 == 2) std::memcpy(data + 8, &in.gpr[kRax], 4);
  in.gpr[kR9] &= kHigh;
  in.rflags = 2 | (trial % 5 == 0 ? kStatusFlags : 0);
}

class SystemNativeDiff : public ::testing::TestWithParam<Case> {};

TEST_P(SystemNativeDiff, MatchesHost) {
  const Case& c = GetParam();
  X86Harness h;
  LowBuffer low;
  ASSERT_NE(low.data, MAP_FAILED);
  std::mt19937_64 rng(21);
  for (unsigned trial = 0; trial < 48; ++trial) {
    uint8_t input[kBuffer], low_input[kBuffer];
    Regs in;
    random_input(rng, trial, input, low_input, in);
    in.gpr[kRdi] = h.data_addr();
    in.gpr[kR15] = reinterpret_cast<uint64_t>(low.data);
    std::memcpy(h.data(), input, kBuffer);
    std::memcpy(low.data, low_input, kBuffer);
    const Regs want = h.native(c.begin, c.end, in);
    std::vector<uint8_t> want_data(h.data(), h.data() + kBuffer);
    std::vector<uint8_t> want_low(low.data, low.data + kBuffer);
    for (const auto engine : {X86Harness::Engine::Interp, X86Harness::Engine::Jit}) {
      const char* engine_name = engine == X86Harness::Engine::Jit ? "jit" : "interp";
      std::memcpy(h.data(), input, kBuffer);
      std::memcpy(low.data, low_input, kBuffer);
      const interp::BlockExit exit = h.emulate(c.begin, c.end, in, engine);
      ASSERT_EQ(exit.kind, interp::ExitKind::Jump)
          << c.name << " (" << engine_name << "): fault " << h.fault_signo << " at " << std::hex
          << h.fault_address;
      for (size_t i = 0; i < kBuffer; ++i) {
        ASSERT_EQ(h.data()[i], want_data[i])
            << c.name << " (" << engine_name << "): byte " << i << " trial " << trial;
        ASSERT_EQ(low.data[i], want_low[i])
            << c.name << " (" << engine_name << "): low byte " << i << " trial " << trial;
      }
      for (unsigned r = 0; r < 16; ++r) {
        if (r == kRsp) continue;
        ASSERT_EQ(h.state.gpr[r], want.gpr[r])
            << c.name << " (" << engine_name << "): register " << r << " trial " << trial
            << std::hex << " in " << in.gpr[r];
      }
      const uint64_t mask = kStatusFlags | (1u << 10);
      ASSERT_EQ(h.flags() & mask, want.rflags & mask)
          << c.name << " (" << engine_name << "): flags, trial " << trial;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(X86_64, SystemNativeDiff, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& i) { return i.param.name; });

// --- Where the host is no oracle: the expected values come from the SDM and Linux ---

constexpr X86Harness::Engine kEngines[] = {X86Harness::Engine::Interp, X86Harness::Engine::Jit};

// Runs name's snippet under both engines from in (rdi = the buffer); check(h) inspects each run.
template <typename Check>
void expect_emulated(const Case& c, Regs in, Check check) {
  X86Harness h;
  in.gpr[kRdi] = h.data_addr();
  for (const auto engine : kEngines) {
    SCOPED_TRACE(engine == X86Harness::Engine::Jit ? "jit" : "interp");
    std::memset(h.data(), 0xaa, kBuffer);
    const interp::BlockExit exit = h.emulate(c.begin, c.end, in, engine);
    check(h, exit);
  }
}

template <typename T>
T load(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
const auto load16 = load<uint16_t>;
const auto load64 = load<uint64_t>;

// SGDT/SIDT/SMSW/STR/SLDT give what Linux's UMIP emulation gives a 64-bit process
// (arch/x86/kernel/umip.c): limits 0, bases 0xfffffffffffe0000 (GDT) and 0xffffffffffff0000
// (IDT), CR0 0x80050033, TR 0x40, LDTR 0; register results only as wide as the operand, the
// rest of the register kept. (This host has no UMIP: natively they give its real tables.)
X86_SNIPPET(umip,
            "sgdt (%rdi)\n sidt 16(%rdi)\n smsw %eax\n smsw %bx\n smsw %rcx\n str %edx\n"
            " sldt %esi\n smsw 32(%rdi)\n str 40(%rdi)\n sldt 48(%rdi)")
TEST(SystemEmulated, UmipValuesAreLinuxs) {
  Regs in;
  for (unsigned r = 0; r < 16; ++r) in.gpr[r] = 0x1111111111111111ull * (r + 1);
  expect_emulated(X86_SNIPPET_CASE(umip), in, [&](X86Harness& h, const interp::BlockExit& exit) {
    ASSERT_EQ(exit.kind, interp::ExitKind::Jump);
    EXPECT_EQ(load16(h.data()), 0);
    EXPECT_EQ(load64(h.data() + 2), 0xfffffffffffe0000ull);
    EXPECT_EQ(load16(h.data() + 16), 0);
    EXPECT_EQ(load64(h.data() + 18), 0xffffffffffff0000ull);
    EXPECT_EQ(h.state.gpr[kRax], 0x1111111180050033ull);
    EXPECT_EQ(h.state.gpr[kRbx], 0x4444444444440033ull);
    EXPECT_EQ(h.state.gpr[kRcx], 0x80050033ull);
    EXPECT_EQ(h.state.gpr[kRdx], 0x3333333300000040ull);
    EXPECT_EQ(h.state.gpr[kRsi], 0x7777777700000000ull);
    EXPECT_EQ(load16(h.data() + 32), 0x0033);
    EXPECT_EQ(load16(h.data() + 40), 0x0040);
    EXPECT_EQ(load16(h.data() + 48), 0);
    EXPECT_EQ(h.data()[50], 0xaa);  // two bytes only
  });
}

// RDTSCP: EDX:EAX a time stamp no earlier than RDTSC's before it, ECX = IA32_TSC_AUX, which
// Linux sets to (node << 12) | cpu (as getcpu reports); RDPID reads the same value. (This
// nested VM's TSC_AUX is not Linux's, so the host is no oracle.)
X86_SNIPPET(rdtscp,
            "rdtsc\n shl $32, %rdx\n or %rdx, %rax\n mov %rax, %r8\n rdtscp\n"
            " shl $32, %rdx\n or %rdx, %rax\n rdpid %r9")
TEST(SystemEmulated, RdtscpAndRdpidGiveLinuxsTscAux) {
  Regs in;
  in.gpr[kRcx] = ~0ull;
  expect_emulated(X86_SNIPPET_CASE(rdtscp), in, [&](X86Harness& h, const interp::BlockExit& exit) {
    ASSERT_EQ(exit.kind, interp::ExitKind::Jump);
    EXPECT_LE(h.state.gpr[8], h.state.gpr[kRax]);
    unsigned cpu = 0, node = 0;
    ASSERT_EQ(getcpu(&cpu, &node), 0);
    // The thread may have moved between CPUs since: the node and a CPU number in range.
    const uint64_t aux = h.state.gpr[kRcx];
    EXPECT_EQ(aux >> 12, node);
    EXPECT_LT(aux & 0xfff, static_cast<uint64_t>(CPU_SETSIZE));
    EXPECT_EQ(h.state.gpr[9] >> 12, node);
  });
}

// Far JMP/CALL through m16:64 (REX.W; Intel reads the 8-byte offset, AMD hosts m16:32, so the
// host is no oracle) to CS 0x33 go there, the CALL pushing CS and the return offset.
X86_SNIPPET(far_jmp_call,
            "lea 1f(%rip), %rax\n mov %rax, (%rdi)\n movw $0x33, 8(%rdi)\n rex64 ljmp *(%rdi)\n"
            " ud2\n1: mov %rsp, %r8\n lea 1000(%rdi), %rsp\n lea 2f(%rip), %rax\n"
            " mov %rax, 16(%rdi)\n movw $0x33, 24(%rdi)\n rex64 lcall *16(%rdi)\n jmp 3f\n"
            "2: mov (%rsp), %r12\n mov 8(%rsp), %r13\n lretq\n3: mov %rsp, %r14\n mov %r8, %rsp")
TEST(SystemEmulated, FarJmpAndCallToUserCs) {
  expect_emulated(X86_SNIPPET_CASE(far_jmp_call), Regs{},
                  [&](X86Harness& h, const interp::BlockExit& exit) {
                    ASSERT_EQ(exit.kind, interp::ExitKind::Jump);
                    EXPECT_EQ(h.state.gpr[13], 0x33u);
                    EXPECT_NE(h.state.gpr[12], 0u);
                    EXPECT_EQ(h.state.gpr[14], h.data_addr() + 1000);
                  });
}

// Far transfers to any other selector fault with #GP: natively SIGSEGV, si_code SI_KERNEL
// (0x80), si_addr 0, which is TrapKind::Halt's signal. Nothing is pushed first.
X86_SNIPPET(far_jmp_null, "movw $0, 4(%rdi)\n ljmp *(%rdi)")
X86_SNIPPET(far_jmp_compat, "movw $0x23, 4(%rdi)\n ljmp *(%rdi)")
X86_SNIPPET(far_call_data, "mov %rsp, %rbx\n movw $0x2b, 8(%rdi)\n rex64 lcall *(%rdi)")
X86_SNIPPET(far_ret_compat, "pushq $0x23\n pushq $0x1000\n lretq")
TEST(SystemEmulated, FarTransfersToOtherSelectorsFault) {
  for (const Case& c : {X86_SNIPPET_CASE(far_jmp_null), X86_SNIPPET_CASE(far_jmp_compat),
                        X86_SNIPPET_CASE(far_call_data), X86_SNIPPET_CASE(far_ret_compat)}) {
    SCOPED_TRACE(c.name);
    expect_emulated(c, Regs{}, [&](X86Harness& h, const interp::BlockExit& exit) {
      ASSERT_EQ(exit.kind, interp::ExitKind::Trap);
      EXPECT_EQ(exit.trap, ir::TrapKind::Halt);
      EXPECT_EQ(exit.pc, h.state.header.pc);
      if (std::string(c.name) == "far_call_data") {
        EXPECT_EQ(h.state.gpr[kRsp], h.state.gpr[kRbx]);
      }
    });
  }
}

// CLFLUSH of an unmapped line faults as a read would (natively SIGSEGV, SEGV_MAPERR, at the
// operand's address); a prefetch of it does not.
X86_SNIPPET(clflush_unmapped, "prefetchw (%rax)\n prefetcht0 (%rax)\n clflush (%rax)")
// 0F 0D with a register operand is #UD natively (SIGILL, ILL_ILLOPN), not a NOP.
X86_SNIPPET(prefetch_register, ".byte 0x0f, 0x0d, 0xc0")
TEST(SystemEmulated, PrefetchOfARegisterIsIllegal) {
  expect_emulated(X86_SNIPPET_CASE(prefetch_register), Regs{},
                  [&](X86Harness&, const interp::BlockExit& exit) {
                    ASSERT_EQ(exit.kind, interp::ExitKind::Trap);
                    EXPECT_EQ(exit.trap, ir::TrapKind::IllegalInstruction);
                  });
}
TEST(SystemEmulated, ClflushOfUnmappedLineFaults) {
  Regs in;
  in.gpr[kRax] = 16;
  expect_emulated(X86_SNIPPET_CASE(clflush_unmapped), in,
                  [&](X86Harness& h, const interp::BlockExit& exit) {
                    ASSERT_EQ(exit.kind, interp::ExitKind::Trap);
                    EXPECT_EQ(h.fault_signo, SIGSEGV);
                    EXPECT_EQ(h.fault_address, 16u);
                  });
}

}  // namespace
}  // namespace xisa::x86_64::testing

#endif  // defined(__x86_64__)
