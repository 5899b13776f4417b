// String instructions against the host CPU: REP MOVS/STOS, REPE CMPS, REPNE SCAS, LODS, both
// directions, over a 256-byte buffer at rdi; buffer, registers and flags must match.
// The native oracle needs an x86-64 host; elsewhere these tests are not built.
#if defined(__x86_64__)
#include <gtest/gtest.h>

#include <random>

#include "x86_harness.h"

namespace xisa::x86_64::testing {
namespace {

// rbx = base of the buffer; rcx = count from rdx (0..31).
#define STR_CASE(name, body) \
  X86_SNIPPET(name, "mov %rdi, %rbx\n mov %rdx, %rcx\n and $31, %rcx\n " body "\n cld")

STR_CASE(rep_movsb, "lea 64(%rbx), %rsi\n lea 3(%rbx), %rdi\n rep movsb")
STR_CASE(rep_movsq_back,
         "and $15, %rcx\n std\n lea 200(%rbx), %rsi\n lea 250(%rbx), %rdi\n rep movsq")
STR_CASE(rep_stosd, "mov $0x11223344, %eax\n lea 130(%rbx), %rdi\n rep stosl")
// The destination just ahead of the source: element order replicates the first bytes.
STR_CASE(rep_movsb_overlap, "lea 40(%rbx), %rsi\n lea 45(%rbx), %rdi\n rep movsb")
STR_CASE(rep_movsl_overlap_behind, "lea 41(%rbx), %rsi\n lea 38(%rbx), %rdi\n rep movsl")
STR_CASE(rep_stosq, "mov $0x1122334455667788, %rax\n lea 17(%rbx), %rdi\n rep stosq")
STR_CASE(rep_stosb_zero, "xor %ecx, %ecx\n lea 10(%rbx), %rdi\n rep stosb\n setz %al")
STR_CASE(repe_cmpsb, "lea 32(%rbx), %rsi\n lea 96(%rbx), %rdi\n repe cmpsb\n setb %al\n setz %ah")
STR_CASE(repne_scasb, "movb 40(%rbx), %al\n lea 20(%rbx), %rdi\n repne scasb\n setz %ah\n seta %dl")
STR_CASE(repne_scasw_back,
         "std\n movw 60(%rbx), %ax\n lea 150(%rbx), %rdi\n repne scasw\n"
         " sete %dl")
STR_CASE(lods_movs,
         "lea 7(%rbx), %rsi\n lodsb\n lodsq\n lodsl\n lodsw\n lea 180(%rbx), %rdi\n"
         " movsw\n movsl\n cmpsq\n setl %dl\n scasb\n setg %dh")

// Not a string instruction, but memory-based in the same way: CMPXCHG16B/8B, hit and miss.
STR_CASE(cmpxchg16b,
         "mov %rdi, %r8\n mov 32(%r8), %rax\n mov 40(%r8), %rdx\n test $1, %cl\n"
         " jz 1f\n not %rax\n1: mov $0x1234, %rbx\n mov $0x5678, %rcx\n"
         " lock cmpxchg16b 32(%r8)\n setz %r9b\n lock cmpxchg8b 64(%r8)\n setz %r10b\n"
         " mov 64(%r8), %eax\n mov 68(%r8), %edx\n lock cmpxchg8b 64(%r8)\n setz %r11b")

// LOCK forms lifted as compare-and-swap loops (NEG, ADC, SBB) and as atomic RMW ops.
STR_CASE(locked_rmw,
         "lock negq 8(%rbx)\n setc %r8b\n sets %r9b\n lock adcl %edx, 16(%rbx)\n"
         " setc %r10b\n seto %r11b\n lock sbbw $5, 24(%rbx)\n setz %r12b\n"
         " lock negb 33(%rbx)\n lock sbbb %cl, 40(%rbx)\n lock xaddq %rdx, 48(%rbx)\n"
         " lock orl %ecx, 56(%rbx)\n lock btrq %rcx, 64(%rbx)")

using Case = SnippetCase;
#define CASE(n) X86_SNIPPET_CASE(n)

const Case kCases[] = {CASE(rep_movsb),
                       CASE(rep_movsq_back),
                       CASE(rep_stosd),
                       CASE(rep_movsb_overlap),
                       CASE(rep_movsl_overlap_behind),
                       CASE(rep_stosq),
                       CASE(rep_stosb_zero),
                       CASE(repe_cmpsb),
                       CASE(repne_scasb),
                       CASE(repne_scasw_back),
                       CASE(lods_movs),
                       CASE(cmpxchg16b),
                       CASE(locked_rmw)};

class StringNativeDiff : public ::testing::TestWithParam<Case> {};

TEST_P(StringNativeDiff, MatchesHost) {
  const Case& c = GetParam();
  X86Harness h;
  std::mt19937_64 rng(11);
  for (unsigned trial = 0; trial < 64; ++trial) {
    uint8_t input[256];
    for (auto& byte : input) byte = static_cast<uint8_t>(rng() % (trial % 2 ? 4 : 256));
    if (trial % 3 == 0) std::memcpy(input + 96, input + 32, 24);  // long equal runs for CMPS
    Regs in;
    in.gpr[kRdi] = h.data_addr();
    in.gpr[kRdx] = rng();
    in.rflags = 2 | (trial % 5 == 0 ? kStatusFlags : 0);
    std::memcpy(h.data(), input, sizeof input);
    const Regs want = h.native(c.begin, c.end, in);
    uint8_t want_data[256];
    std::memcpy(want_data, h.data(), sizeof want_data);
    std::memcpy(h.data(), input, sizeof input);
    const interp::BlockExit exit = h.emulate(c.begin, c.end, in);
    ASSERT_EQ(exit.kind, interp::ExitKind::Jump) << c.name;
    for (unsigned i = 0; i < sizeof want_data; ++i)
      ASSERT_EQ(h.data()[i], want_data[i]) << c.name << ": byte " << i << " trial " << trial;
    for (unsigned r = 0; r < 16; ++r) {
      if (r == kRsp) continue;
      ASSERT_EQ(h.state.gpr[r], want.gpr[r]) << c.name << ": register " << r << " trial " << trial;
    }
    const uint64_t mask = kStatusFlags | (1u << 10);
    ASSERT_EQ(h.flags() & mask, want.rflags & mask) << c.name << ": flags, trial " << trial;
  }
}

INSTANTIATE_TEST_SUITE_P(X86_64, StringNativeDiff, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& i) { return i.param.name; });

}  // namespace
}  // namespace xisa::x86_64::testing

#endif  // defined(__x86_64__)
