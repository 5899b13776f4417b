// The frame of the AVX native-diff tests: each snippet loads all sixteen YMM registers and
// MXCSR from a random image (AVX_LOAD), runs its body on them and on operands in memory, and
// stores every YMM register and MXCSR back (AVX_STORE); the buffer and the general registers
// are then compared with the host's run under the interpreter and the JIT.
#pragma once

#if defined(__x86_64__)

#include <cstddef>
#include <cstdint>
#include <random>

#include "x86_harness.h"

namespace xisa::x86_64::testing {

// Buffer (rdi): [0, 512) the YMM registers loaded; [512, 516) MXCSR loaded; [576, 832) memory
// operands; [1024, 1536) the YMM registers stored; [1536, 1540) MXCSR stored; [1600, 1728)
// stores of the body.
inline constexpr size_t kAvxMxcsr = 512, kAvxOperands = 576, kAvxCompared = 1728;

#define AVX_LOAD                                                                         \
  "ldmxcsr 512(%rdi)\n vmovdqu 0(%rdi), %ymm0\n vmovdqu 32(%rdi), %ymm1\n"               \
  " vmovdqu 64(%rdi), %ymm2\n vmovdqu 96(%rdi), %ymm3\n vmovdqu 128(%rdi), %ymm4\n"      \
  " vmovdqu 160(%rdi), %ymm5\n vmovdqu 192(%rdi), %ymm6\n vmovdqu 224(%rdi), %ymm7\n"    \
  " vmovdqu 256(%rdi), %ymm8\n vmovdqu 288(%rdi), %ymm9\n vmovdqu 320(%rdi), %ymm10\n"   \
  " vmovdqu 352(%rdi), %ymm11\n vmovdqu 384(%rdi), %ymm12\n vmovdqu 416(%rdi), %ymm13\n" \
  " vmovdqu 448(%rdi), %ymm14\n vmovdqu 480(%rdi), %ymm15\n"
#define AVX_STORE                                                                           \
  "\n vmovdqu %ymm0, 1024(%rdi)\n vmovdqu %ymm1, 1056(%rdi)\n vmovdqu %ymm2, 1088(%rdi)\n"  \
  " vmovdqu %ymm3, 1120(%rdi)\n vmovdqu %ymm4, 1152(%rdi)\n vmovdqu %ymm5, 1184(%rdi)\n"    \
  " vmovdqu %ymm6, 1216(%rdi)\n vmovdqu %ymm7, 1248(%rdi)\n vmovdqu %ymm8, 1280(%rdi)\n"    \
  " vmovdqu %ymm9, 1312(%rdi)\n vmovdqu %ymm10, 1344(%rdi)\n vmovdqu %ymm11, 1376(%rdi)\n"  \
  " vmovdqu %ymm12, 1408(%rdi)\n vmovdqu %ymm13, 1440(%rdi)\n vmovdqu %ymm14, 1472(%rdi)\n" \
  " vmovdqu %ymm15, 1504(%rdi)\n stmxcsr 1536(%rdi)"

// A 64-bit pattern: random integer lanes, small lanes, sign-heavy lanes, or two floats or a
// double with special values (zeros, infinities, NaNs, subnormals) mixed in.
uint64_t avx_random_bits(std::mt19937_64& rng, unsigned kind);
// The buffer and general registers of one trial: avx_random_bits everywhere, MXCSR with
// exceptions masked and, every fourth trial, another rounding mode, DAZ or FTZ.
void avx_random_input(std::mt19937_64& rng, unsigned trial, uint8_t* data, Regs& in);

using AvxInputFn = void (*)(std::mt19937_64& rng, unsigned trial, uint8_t* data, Regs& in);
// Runs the snippet natively and under both engines from `trials` inputs (rdi = the buffer):
// every byte of the buffer and every general register but rsp must match the host's.
void expect_avx_snippet_matches_host(const SnippetCase& c, uint64_t seed, unsigned trials,
                                     AvxInputFn input);

}  // namespace xisa::x86_64::testing

#endif  // defined(__x86_64__)
