// XSAVE, XSAVEOPT, XSAVEC and XRSTOR against the host CPU, under the interpreter and the JIT,
// with the requested-feature bitmap EDX:EAX = 7 (x87, SSE, AVX), which both this host and xisa's
// guest support. Each snippet loads a random x87/SSE state (FXRSTOR) and random YMM registers,
// then saves them, or restores a random area and dumps the state with FXSAVE and YMM stores.
// The native oracle needs an x86-64 host with AVX and XSAVEC; elsewhere these tests skip or are
// not built.
#if defined(__x86_64__)
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "x86_harness.h"

namespace xisa::x86_64::testing {
namespace {

// Buffer (rdi): [0, 512) FXRSTOR image; [512, 1024) YMM registers; [1024, 1856) the XSAVE area;
// [1920, 2432) FXSAVE dump; [2432, 2944) YMM dump.
constexpr size_t kArea = 1024, kFxDump = 1920, kYmmDump = 2432, kCompared = 2944;

#define XSAVE_LOAD                                                                       \
  "fxrstor (%rdi)\n vmovdqu 512(%rdi), %ymm0\n vmovdqu 544(%rdi), %ymm1\n"               \
  " vmovdqu 576(%rdi), %ymm2\n vmovdqu 608(%rdi), %ymm3\n vmovdqu 640(%rdi), %ymm4\n"    \
  " vmovdqu 672(%rdi), %ymm5\n vmovdqu 704(%rdi), %ymm6\n vmovdqu 736(%rdi), %ymm7\n"    \
  " vmovdqu 768(%rdi), %ymm8\n vmovdqu 800(%rdi), %ymm9\n vmovdqu 832(%rdi), %ymm10\n"   \
  " vmovdqu 864(%rdi), %ymm11\n vmovdqu 896(%rdi), %ymm12\n vmovdqu 928(%rdi), %ymm13\n" \
  " vmovdqu 960(%rdi), %ymm14\n vmovdqu 992(%rdi), %ymm15\n mov $7, %eax\n xor %edx, %edx\n"
#define XSAVE_DUMP                                                                          \
  "\n fxsave 1920(%rdi)\n vmovdqu %ymm0, 2432(%rdi)\n vmovdqu %ymm1, 2464(%rdi)\n"          \
  " vmovdqu %ymm2, 2496(%rdi)\n vmovdqu %ymm3, 2528(%rdi)\n vmovdqu %ymm4, 2560(%rdi)\n"    \
  " vmovdqu %ymm5, 2592(%rdi)\n vmovdqu %ymm6, 2624(%rdi)\n vmovdqu %ymm7, 2656(%rdi)\n"    \
  " vmovdqu %ymm8, 2688(%rdi)\n vmovdqu %ymm9, 2720(%rdi)\n vmovdqu %ymm10, 2752(%rdi)\n"   \
  " vmovdqu %ymm11, 2784(%rdi)\n vmovdqu %ymm12, 2816(%rdi)\n vmovdqu %ymm13, 2848(%rdi)\n" \
  " vmovdqu %ymm14, 2880(%rdi)\n vmovdqu %ymm15, 2912(%rdi)"

X86_SNIPPET(xsave_standard, XSAVE_LOAD "xsave 1024(%rdi)")
X86_SNIPPET(xsave_opt, XSAVE_LOAD "xsaveopt64 1024(%rdi)")
X86_SNIPPET(xsave_compacted, XSAVE_LOAD "xsavec 1024(%rdi)")
X86_SNIPPET(xsave_restore, XSAVE_LOAD "xrstor 1024(%rdi)" XSAVE_DUMP)
X86_SNIPPET(xsave_round_trip,
            XSAVE_LOAD "xsavec 1024(%rdi)\n vzeroall\n fninit\n xrstor64 1024(%rdi)" XSAVE_DUMP)

// A valid FXSAVE image: all exceptions masked, random registers, tags, TOP and MXCSR modes.
void random_fx_image(std::mt19937_64& rng, uint8_t* img) {
  const auto fcw = static_cast<uint16_t>(0x037f | (rng() & 0x0c00));
  const auto fsw = static_cast<uint16_t>((rng() & 0x4700) | ((rng() & 7) << 11));
  const auto mxcsr = static_cast<uint32_t>(0x1f80 | (rng() & 0x6000) | (rng() & 0x3f));
  std::memset(img, 0, 512);
  std::memcpy(img, &fcw, 2);
  std::memcpy(img + 2, &fsw, 2);
  img[4] = static_cast<uint8_t>(rng() | 1);  // at least one register valid: x87 in use
  std::memcpy(img + 24, &mxcsr, 4);
  for (unsigned r = 0; r < 8; ++r) {
    const uint64_t mantissa = rng() | (uint64_t{1} << 63);
    const auto exponent = static_cast<uint16_t>(rng());
    std::memcpy(img + 32 + 16 * r, &mantissa, 8);
    std::memcpy(img + 40 + 16 * r, &exponent, 2);
  }
  for (size_t i = 160; i < 416; i += 8) {
    const uint64_t v = rng();
    std::memcpy(img + i, &v, 8);
  }
}

void random_input(std::mt19937_64& rng, unsigned trial, uint8_t* data) {
  for (size_t i = 0; i < kCompared; i += 8) {
    const uint64_t v = rng();
    std::memcpy(data + i, &v, 8);
  }
  random_fx_image(rng, data);
  // The area to restore: a valid legacy region and header; XSTATE_BV picks the components
  // loaded (the others return to their initial state). Odd trials use the compacted format.
  random_fx_image(rng, data + kArea);
  std::memset(data + kArea + 512, 0, 64);
  const uint64_t xstate_bv = rng() & 7, xcomp_bv = trial % 2 ? (uint64_t{1} << 63) | 7 : 0;
  std::memcpy(data + kArea + 512, &xstate_bv, 8);
  std::memcpy(data + kArea + 520, &xcomp_bv, 8);
}

// Bytes xisa does not model or that are this CPU's: FOP/FIP/FDP (x87 last-instruction
// pointers), MXCSR_MASK.
bool ignored(size_t offset_in_image) {
  return (offset_in_image >= 6 && offset_in_image < 24) ||
         (offset_in_image >= 28 && offset_in_image < 32);
}

class XsaveNativeDiff : public ::testing::TestWithParam<SnippetCase> {};

TEST_P(XsaveNativeDiff, MatchesHost) {
  if (!__builtin_cpu_supports("avx")) GTEST_SKIP() << "the host has no AVX to compare with";
  const SnippetCase& c = GetParam();
  X86Harness h;
  std::mt19937_64 rng(78);
  for (unsigned trial = 0; trial < 24; ++trial) {
    uint8_t input[kCompared];
    random_input(rng, trial, input);
    Regs in;
    in.gpr[kRdi] = h.data_addr();
    std::memcpy(h.data(), input, kCompared);
    h.native(c.begin, c.end, in);
    uint8_t want[kCompared];
    std::memcpy(want, h.data(), kCompared);
    for (const auto engine : {X86Harness::Engine::Interp, X86Harness::Engine::Jit}) {
      const char* engine_name = engine == X86Harness::Engine::Jit ? "jit" : "interp";
      std::memcpy(h.data(), input, kCompared);
      const interp::BlockExit exit = h.emulate(c.begin, c.end, in, engine);
      ASSERT_EQ(exit.kind, interp::ExitKind::Jump)
          << c.name << " (" << engine_name << "): fault " << h.fault_signo;
      for (size_t i = 0; i < kCompared; ++i) {
        if ((i >= kArea && ignored(i - kArea)) || (i >= kFxDump && ignored(i - kFxDump))) continue;
        ASSERT_EQ(h.data()[i], want[i])
            << c.name << " (" << engine_name << "): byte " << i << " trial " << trial;
      }
    }
  }
}

const SnippetCase kCases[] = {X86_SNIPPET_CASE(xsave_standard), X86_SNIPPET_CASE(xsave_opt),
                              X86_SNIPPET_CASE(xsave_compacted), X86_SNIPPET_CASE(xsave_restore),
                              X86_SNIPPET_CASE(xsave_round_trip)};

INSTANTIATE_TEST_SUITE_P(X86_64, XsaveNativeDiff, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<SnippetCase>& i) {
                           return std::string(i.param.name).substr(6);  // without "xsave_"
                         });

X86_SNIPPET(xsave_misaligned, "xsave 1032(%rdi)")
X86_SNIPPET(xrstor_bad_header, "movq $8, 1536(%rdi)\n xrstor 1024(%rdi)")  // XSTATE_BV bit 3

// #GP (a trap that Linux delivers as SIGSEGV) for a misaligned area or an invalid header, with
// nothing changed.
TEST(XsaveFaults, MisalignedAreaAndBadHeaderFault) {
  X86Harness h;
  Regs in;
  in.gpr[kRdi] = h.data_addr();
  in.gpr[kRax] = 7;
  for (const auto engine : {X86Harness::Engine::Interp, X86Harness::Engine::Jit}) {
    std::memset(h.data(), 0, kCompared);
    interp::BlockExit exit = h.emulate(xsave_misaligned_start, xsave_misaligned_end, in, engine);
    EXPECT_EQ(exit.kind, interp::ExitKind::Trap);
    EXPECT_EQ(exit.trap, ir::TrapKind::Halt);
    for (size_t i = 0; i < kCompared; ++i) ASSERT_EQ(h.data()[i], 0) << "byte " << i;
    const uint64_t mxcsr = h.state.mxcsr;
    exit = h.emulate(xrstor_bad_header_start, xrstor_bad_header_end, in, engine);
    EXPECT_EQ(exit.kind, interp::ExitKind::Trap);
    EXPECT_EQ(exit.trap, ir::TrapKind::Halt);
    EXPECT_EQ(h.state.mxcsr, mxcsr);
  }
}

}  // namespace
}  // namespace xisa::x86_64::testing

#endif  // defined(__x86_64__)
