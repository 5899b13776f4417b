// BMI1, BMI2, LZCNT/TZCNT, MOVBE and ADX against the host CPU, under the interpreter and the
// JIT: each snippet runs natively and emulated from the same registers, flags and buffer (rdi),
// over a grid of boundary operands and random ones; registers, defined flags and the buffer
// must match. A case whose feature this host lacks skips. RDRAND/RDSEED (values cannot be
// compared) are checked for CF = 1 and changing values.
// The native oracle needs an x86-64 host; elsewhere these tests are not built.
#if defined(__x86_64__)
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "x86_harness.h"

namespace xisa::x86_64::testing {
namespace {

constexpr uint64_t CF = 1u << kCF, PF = 1u << kPF, AF = 1u << kAF, ZF = 1u << kZF, SF = 1u << kSF,
                   OF = 1u << kOF;

// Operands: rax, rbx random or boundary values; rcx a BEXTR control / BZHI index / shift
// count (start and length bytes around the operand widths); [rdi] = rax, [rdi+8] = rbx.
X86_SNIPPET(andn64, "andn %rax, %rbx, %rcx")
X86_SNIPPET(andn32, "andn (%rdi), %ebx, %ecx")
X86_SNIPPET(bextr64, "bextr %rcx, %rbx, %rdx")
X86_SNIPPET(bextr32, "bextr %ecx, 8(%rdi), %edx")
X86_SNIPPET(blsi64, "blsi %rbx, %rcx")
X86_SNIPPET(blsi32, "blsi 8(%rdi), %ecx")
X86_SNIPPET(blsmsk64, "blsmsk 8(%rdi), %rcx")
X86_SNIPPET(blsmsk32, "blsmsk %ebx, %ecx")
X86_SNIPPET(blsr64, "blsr %rbx, %rcx")
X86_SNIPPET(blsr32, "blsr %eax, %ecx")
X86_SNIPPET(bzhi64, "bzhi %rcx, %rbx, %rdx")
X86_SNIPPET(bzhi32, "bzhi %ecx, (%rdi), %edx")
X86_SNIPPET(tzcnt, "tzcnt %rbx, %rcx\n tzcnt %ax, %dx\n tzcnt 8(%rdi), %r8d")
X86_SNIPPET(tzcnt16, "tzcnt %bx, %cx")
X86_SNIPPET(lzcnt, "lzcnt %rbx, %rcx\n lzcnt %ax, %dx\n lzcnt 8(%rdi), %r8d")
X86_SNIPPET(lzcnt16, "lzcnt 8(%rdi), %cx")
// MULX: rdx is the implicit source; the same register as both destinations gets the high half.
X86_SNIPPET(mulx64, "mov %rax, %rdx\n mulx %rbx, %rcx, %r8\n mulx 8(%rdi), %r9, %r9")
X86_SNIPPET(mulx32, "mov %rax, %rdx\n mulx %ebx, %ecx, %r8d\n mulx 8(%rdi), %r9d, %r9d")
X86_SNIPPET(pdep,
            "pdep %rbx, %rax, %rcx\n pdep 8(%rdi), %eax, %edx\n pdep %rax, %rbx, %r8\n"
            " pdep %eax, %ebx, %r9d")
X86_SNIPPET(pext,
            "pext %rbx, %rax, %rcx\n pext 8(%rdi), %eax, %edx\n pext %rax, %rbx, %r8\n"
            " pext %eax, %ebx, %r9d")
X86_SNIPPET(rorx,
            "rorx $0, %rax, %rcx\n rorx $13, %rbx, %rdx\n rorx $63, 8(%rdi), %r8\n"
            " rorx $31, %eax, %r9d\n rorx $45, %ebx, %r10d")
X86_SNIPPET(shiftx64, "shlx %rcx, %rax, %rdx\n shrx %rcx, 8(%rdi), %r8\n sarx %rcx, %rbx, %r9")
X86_SNIPPET(shiftx32, "shlx %ecx, %eax, %edx\n shrx %ecx, %ebx, %r8d\n sarx %ecx, (%rdi), %r9d")
// Flags left by an earlier instruction must survive the flagless BMI2 forms.
X86_SNIPPET(bmi2_keeps_flags,
            "cmp %rax, %rbx\n shlx %rcx, %rax, %rdx\n mulx %rbx, %r8, %r9\n rorx $5, %rbx, %r10\n"
            " pdep %rax, %rbx, %r11\n seto %r12b\n setb %r13b\n setz %r14b\n setp %r15b")
X86_SNIPPET(movbe,
            "movbe (%rdi), %rcx\n movbe 8(%rdi), %edx\n movbe 4(%rdi), %r8w\n"
            " movbe %rbx, 16(%rdi)\n movbe %eax, 24(%rdi)\n movbe %bx, 30(%rdi)")
// ADCX/ADOX: CF and OF chains run independently; only the named flag changes.
X86_SNIPPET(adcx64, "adcx %rax, %rbx\n adcx 8(%rdi), %rcx")
X86_SNIPPET(adox32, "adox %eax, %ebx\n adox (%rdi), %ecx")
X86_SNIPPET(adx_chains,
            "mov %rax, %rdx\n adcx %rbx, %rax\n adox %rbx, %rdx\n adcx %rcx, %rbx\n"
            " adox %rcx, %rcx\n adcx %eax, %r8d\n adox %edx, %r9d")

using Case = FeatureCase;
#define CASE(n, feature, undefined) X86_FEATURE_CASE(n, feature, undefined)

// Undefined: AF and PF after the BMI1 logic (SF too for BEXTR), OF/SF/PF/AF after TZCNT and
// LZCNT. xisa computes them as the logic instructions do (AF 0, PF and SF from the result);
// CPUs differ (this AMD host sets AF after BEXTR and keeps the old flags after TZCNT/LZCNT).
const Case kCases[] = {
    CASE(andn64, "bmi1", AF | PF),
    CASE(andn32, "bmi1", AF | PF),
    CASE(bextr64, "bmi1", AF | PF | SF),
    CASE(bextr32, "bmi1", AF | PF | SF),
    CASE(blsi64, "bmi1", AF | PF),
    CASE(blsi32, "bmi1", AF | PF),
    CASE(blsmsk64, "bmi1", AF | PF),
    CASE(blsmsk32, "bmi1", AF | PF),
    CASE(blsr64, "bmi1", AF | PF),
    CASE(blsr32, "bmi1", AF | PF),
    CASE(bzhi64, "bmi2", AF | PF),
    CASE(bzhi32, "bmi2", AF | PF),
    CASE(tzcnt, "bmi1", OF | SF | PF | AF),
    CASE(tzcnt16, "bmi1", OF | SF | PF | AF),
    CASE(lzcnt, "abm", OF | SF | PF | AF),
    CASE(lzcnt16, "abm", OF | SF | PF | AF),
    CASE(mulx64, "bmi2", 0),
    CASE(mulx32, "bmi2", 0),
    CASE(pdep, "bmi2", 0),
    CASE(pext, "bmi2", 0),
    CASE(rorx, "bmi2", 0),
    CASE(shiftx64, "bmi2", 0),
    CASE(shiftx32, "bmi2", 0),
    CASE(bmi2_keeps_flags, "bmi2", 0),
    CASE(movbe, "movbe", 0),
    CASE(adcx64, "adx", 0),
    CASE(adox32, "adx", 0),
    CASE(adx_chains, "adx", 0),
};

const uint64_t kValues[] = {0,
                            1,
                            2,
                            0x7f,
                            0x80,
                            0xffff,
                            0x7fffffff,
                            0x80000000,
                            0xffffffff,
                            0x100000000,
                            0x7fffffffffffffff,
                            0x8000000000000000,
                            0xffffffffffffffff,
                            0x0123456789abcdef,
                            0xfedcba9876543210,
                            0x0000000f0000fff0};

// A BEXTR control / BZHI index / shift count: start and length bytes near 0, 32 and 64 (and
// past them), with random bits above.
uint64_t control(std::mt19937_64& rng) {
  static const uint8_t kBytes[] = {0, 1, 7, 31, 32, 33, 63, 64, 65, 100, 255};
  const uint64_t start = kBytes[rng() % std::size(kBytes)];
  const uint64_t len = kBytes[rng() % std::size(kBytes)];
  return start | len << 8 | (rng() % 4 == 0 ? rng() << 16 : 0);
}

class BmiNativeDiff : public ::testing::TestWithParam<Case> {};

TEST_P(BmiNativeDiff, MatchesHost) {
  const Case& c = GetParam();
  if (!host_has(c.feature)) GTEST_SKIP() << "host lacks " << c.feature;
  X86Harness h;
  std::mt19937_64 rng(7);
  const uint64_t compared = (kStatusFlags & ~c.undefined) | (uint64_t{1} << 10);
  std::vector<std::pair<uint64_t, uint64_t>> operands;
  for (uint64_t a : kValues)
    for (uint64_t b : kValues) operands.emplace_back(a, b);
  for (unsigned i = 0; i < 256; ++i) operands.emplace_back(rng(), rng() >> (rng() % 64));
  for (const auto& [a, b] : operands) {
    Regs in;
    for (unsigned r = 0; r < 16; ++r) in.gpr[r] = 0x1111111111111111ull * r;
    in.gpr[kRax] = a;
    in.gpr[kRbx] = b;
    in.gpr[kRcx] = control(rng);
    in.gpr[kRdi] = h.data_addr();
    in.rflags = 2 | (rng() & kStatusFlags);
    uint8_t input[64];
    for (unsigned i = 0; i < 64; i += 8) {
      const uint64_t v = i == 0 ? a : i == 8 ? b : rng();
      std::memcpy(input + i, &v, 8);
    }
    std::ostringstream context;
    context << c.name << std::hex << " a=" << a << " b=" << b << " rcx=" << in.gpr[kRcx]
            << " flags_in=" << in.rflags;
    expect_matches_native(h, c.begin, c.end, in, input, sizeof input, compared, context.str());
    if (::testing::Test::HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(X86_64, BmiNativeDiff, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& i) { return i.param.name; });

// Three reads per run: CF = 1 after each, the other status flags clear, and values that differ
// (equal 64-bit draws are a 2^-64 event; the 16-bit form is not compared). RDSEED is emulated
// even on a host without it, so it needs no native run.
X86_SNIPPET(rdrand,
            "stc\n rdrand %rax\n setc %r8b\n rdrand %ebx\n setc %r9b\n rdrand %cx\n"
            " setc %r10b\n rdrand %rdx\n pushfq\n pop %r11")
X86_SNIPPET(rdseed,
            "clc\n rdseed %rax\n setc %r8b\n rdseed %ebx\n setc %r9b\n rdseed %cx\n"
            " setc %r10b\n rdseed %rdx\n pushfq\n pop %r11")

void expect_random(const uint8_t* begin, const uint8_t* end, const char* name) {
  X86Harness h;
  for (const auto engine : {X86Harness::Engine::Interp, X86Harness::Engine::Jit}) {
    Regs in;
    in.gpr[kRbx] = ~uint64_t{0};
    in.gpr[kRcx] = ~uint64_t{0};
    in.rflags = 2 | kStatusFlags;
    ASSERT_EQ(h.emulate(begin, end, in, engine).kind, interp::ExitKind::Jump) << name;
    const auto& g = h.state.gpr;
    EXPECT_EQ(g[8] & 0xff, 1u) << name;
    EXPECT_EQ(g[9] & 0xff, 1u) << name;
    EXPECT_EQ(g[10] & 0xff, 1u) << name;
    EXPECT_EQ(g[11] & kStatusFlags, CF) << name;
    EXPECT_EQ(g[kRbx] >> 32, 0u) << name << ": a 32-bit destination is zero-extended";
    EXPECT_EQ(g[kRcx] >> 16, 0xffffffffffffu) << name << ": a 16-bit destination merges";
    EXPECT_NE(g[kRax], g[kRdx]) << name;
  }
}

TEST(BmiRandom, RdrandSetsCfAndVaries) {
  expect_random(rdrand_start, rdrand_end, "rdrand");
  if (!host_has("rdrand")) return;
  X86Harness h;
  Regs in;
  const Regs native = h.native(rdrand_start, rdrand_end, in);
  EXPECT_EQ(native.gpr[8] & 0xff, 1u) << "the snippet's own check, natively";
}

TEST(BmiRandom, RdseedSetsCfAndVaries) {
  expect_random(rdseed_start, rdseed_end, "rdseed");
}

}  // namespace
}  // namespace xisa::x86_64::testing

#endif  // defined(__x86_64__)
