// The AVX native-diff frame (avx_snippet.h): inputs and the comparison with the host.
#if defined(__x86_64__)
#include "avx_snippet.h"

#include <gtest/gtest.h>

#include <cstring>

namespace xisa::x86_64::testing {

// A 64-bit pattern: random integer lanes, small lanes, sign-heavy lanes, or two floats or a
// double with special values (zeros, infinities, NaNs, subnormals) mixed in.
uint64_t avx_random_bits(std::mt19937_64& rng, unsigned kind) {
  switch (kind % 5) {
    case 1:
      return rng() & 0x0101010101010101;
    case 2:
      return rng() | 0x8080808080808080;
    case 3: {
      static constexpr float kSpecial[] = {0.0f,
                                           -0.0f,
                                           1.0f,
                                           -2.5f,
                                           1e-40f,
                                           3e38f,
                                           __builtin_inff(),
                                           -__builtin_inff(),
                                           __builtin_nanf("")};
      float f[2];
      for (float& v : f)
        v = rng() % 4 == 0
                ? kSpecial[rng() % std::size(kSpecial)]
                : static_cast<float>(static_cast<int64_t>(rng() % 2000001) - 1000000) / 997.0f;
      uint64_t r;
      std::memcpy(&r, f, 8);
      return r;
    }
    case 4: {
      static constexpr double kSpecial[] = {0.0,
                                            -0.0,
                                            1.0,
                                            -3.0,
                                            4e-310,
                                            1e308,
                                            __builtin_inf(),
                                            -__builtin_inf(),
                                            __builtin_nan("")};
      const double d =
          rng() % 4 == 0
              ? kSpecial[rng() % std::size(kSpecial)]
              : static_cast<double>(static_cast<int64_t>(rng() % 2000001) - 1000000) / 1009.0;
      uint64_t r;
      std::memcpy(&r, &d, 8);
      return r;
    }
    default:
      return rng();
  }
}

void avx_random_input(std::mt19937_64& rng, unsigned trial, uint8_t* data, Regs& in) {
  std::memset(data, 0, kAvxCompared);
  for (size_t i = 0; i < kAvxCompared; i += 8) {
    const uint64_t v = avx_random_bits(rng, trial + static_cast<unsigned>(i / 8) % 2);
    std::memcpy(data + i, &v, 8);
  }
  // Exceptions masked; every fourth trial another rounding mode, DAZ or FTZ.
  uint32_t mxcsr = 0x1f80;
  if (trial % 4 == 3) mxcsr |= (rng() & 0x6000) | (rng() & 0x8040);
  std::memcpy(data + kAvxMxcsr, &mxcsr, 4);
  for (unsigned r = 0; r < 16; ++r) in.gpr[r] = avx_random_bits(rng, trial + r);
}

void expect_avx_snippet_matches_host(const SnippetCase& c, uint64_t seed, unsigned trials,
                                     AvxInputFn input) {
  X86Harness h;
  std::mt19937_64 rng(seed);
  for (unsigned trial = 0; trial < trials; ++trial) {
    uint8_t data[kAvxCompared];
    Regs in;
    input(rng, trial, data, in);
    in.gpr[kRdi] = h.data_addr();
    std::memcpy(h.data(), data, kAvxCompared);
    const Regs want = h.native(c.begin, c.end, in);
    uint8_t want_data[kAvxCompared];
    std::memcpy(want_data, h.data(), kAvxCompared);
    for (const auto engine : {X86Harness::Engine::Interp, X86Harness::Engine::Jit}) {
      const char* engine_name = engine == X86Harness::Engine::Jit ? "jit" : "interp";
      std::memcpy(h.data(), data, kAvxCompared);
      const interp::BlockExit exit = h.emulate(c.begin, c.end, in, engine);
      ASSERT_EQ(exit.kind, interp::ExitKind::Jump)
          << c.name << " (" << engine_name << "): fault " << h.fault_signo << " at " << std::hex
          << h.fault_address << " " << h.last_ir_error;
      for (size_t i = 0; i < kAvxCompared; ++i) {
        uint64_t got_word, want_word, mxcsr;  // the aligned 8 bytes around i, MXCSR's input
        std::memcpy(&got_word, h.data() + i / 8 * 8, 8);
        std::memcpy(&want_word, want_data + i / 8 * 8, 8);
        std::memcpy(&mxcsr, data + kAvxMxcsr, 4);
        ASSERT_EQ(h.data()[i], want_data[i])
            << c.name << " (" << engine_name << "): byte " << i << " trial " << trial << std::hex
            << ": got " << got_word << " want " << want_word << " mxcsr in " << (mxcsr & 0xffff);
      }
      for (unsigned r = 0; r < 16; ++r) {
        if (r == kRsp) continue;
        ASSERT_EQ(h.state.gpr[r], want.gpr[r])
            << c.name << " (" << engine_name << "): register " << r << " trial " << trial;
      }
    }
  }
}

}  // namespace xisa::x86_64::testing

#endif  // defined(__x86_64__)
