// x87 instructions against the host CPU, under the interpreter and the JIT, from a whole random
// x87 state: each snippet starts with FRSTOR of a random image (TOP and tags at random, every
// operand class in the registers: zeros, infinities, QNaNs, SNaNs, denormals, pseudo-denormals,
// unnormals, pseudo-infinities; condition codes and sticky flags at random; every precision and
// rounding control, exceptions masked) and ends with FNSAVE. The saved image shows results,
// tags, TOP, condition codes and flags together, so stack faults and stale condition codes show
// as well as wrong values. Stores land between random guard bytes that must stay as they were.
// The native oracle needs an x86-64 host; elsewhere these tests are not built.
#if defined(__x86_64__)
#include <gtest/gtest.h>
#include <sys/mman.h>

#include <random>
#include <vector>

#include "x86_harness.h"

namespace xisa::x86_64::testing {
namespace {

// Buffer (rdi): [0, 108) the image FRSTOR loads; [128, 236) the image FNSAVE stores;
// [256, 320) memory operands (an m80 value at 256, packed BCD at 272, a 16-bit environment at
// 288); [320, 512) where the snippets store, random guard bytes around each store.
constexpr size_t kSaved = 128, kOperands = 256, kStores = 320, kCompared = 512;

// The instruction and data pointers (FIP, FCS, FOP, FDP, FDS) of a stored environment: xisa
// does not track them (they read as zero), the host stores where its last x87 instruction was.
struct Ignored {
  size_t offset, size;
};
constexpr Ignored kPointers32{12, 14};  // in the 32-bit layout (the reserved top of FDS is kept)
constexpr Ignored kPointers16{6, 8};    // in the 16-bit layout

struct X87Case {
  SnippetCase snippet;
  Ignored in_buffer;  // a stored environment's pointers, or {0, 0}
  Ignored in_region;  // the same in the Region (page-end cases)
};

void PrintTo(const X87Case& c, std::ostream* os) {
  *os << c.snippet.name;
}

#define X87_STATE_SNIPPET(name, body) \
  X86_SNIPPET(x87s_##name, "frstor (%rdi)\n " body "\n fnsave 128(%rdi)")
#define CASE(name, ...)                                                     \
  X87Case {                                                                 \
    SnippetCase{#name, x87s_##name##_start, x87s_##name##_end}, __VA_ARGS__ \
  }
// A stored environment's pointers at offset env of the buffer or region.
constexpr Ignored pointers16(size_t env) {
  return {env + kPointers16.offset, kPointers16.size};
}
constexpr Ignored pointers32(size_t env) {
  return {env + kPointers32.offset, kPointers32.size};
}

// 80-bit stores write exactly 10 bytes (odd offsets, guard bytes between).
X87_STATE_SNIPPET(fstpt, "fstpt 321(%rdi)\n fstpt 333(%rdi)\n fld %st(3)\n fstpt 347(%rdi)")
X87_STATE_SNIPPET(fldt, "fldt 256(%rdi)\n fld %st(0)\n fstpt 325(%rdi)")
X87_STATE_SNIPPET(fbld, "fbld 272(%rdi)")
X87_STATE_SNIPPET(fbstp, "fbstp 321(%rdi)\n fbstp 333(%rdi)\n fbld 272(%rdi)\n fbstp 345(%rdi)")
X87_STATE_SNIPPET(ffreep, "ffreep %st(2)\n ffreep %st(0)")
X87_STATE_SNIPPET(fxtract, "fxtract")
X87_STATE_SNIPPET(fxtract_twice, "fxtract\n fxch %st(1)\n fxtract")
X87_STATE_SNIPPET(fsin, "fsin")
X87_STATE_SNIPPET(fcos, "fcos")
X87_STATE_SNIPPET(fsincos, "fsincos")
X87_STATE_SNIPPET(fptan, "fptan")
X87_STATE_SNIPPET(fpatan, "fpatan")
X87_STATE_SNIPPET(fyl2x, "fyl2x")
X87_STATE_SNIPPET(fyl2xp1, "fyl2xp1")
X87_STATE_SNIPPET(f2xm1, "f2xm1")
X87_STATE_SNIPPET(fprem, "fprem")
X87_STATE_SNIPPET(fprem1, "fprem1")
// Partial remainders: several steps, the condition codes read after each.
X87_STATE_SNIPPET(fprem_steps,
                  "fprem\n fnstsw %ax\n mov %eax, %ecx\n fprem1\n fnstsw %ax\n mov %eax, %edx\n"
                  " fprem\n fnstsw %ax\n mov %eax, %ebx\n fprem1")
// The environment and save-area layouts: 16-bit with an operand-size prefix, else 32-bit.
X87_STATE_SNIPPET(fnstenv16, ".byte 0x66\n fnstenv 322(%rdi)")
X87_STATE_SNIPPET(fldenv16, ".byte 0x66\n fldenv 288(%rdi)")
X87_STATE_SNIPPET(fnsave16, ".byte 0x66\n fnsave 322(%rdi)\n fld1\n .byte 0x66\n frstor 322(%rdi)")
X87_STATE_SNIPPET(fnstenv32, "fnstenv 322(%rdi)\n fld1\n fldenv 322(%rdi)")
X87_STATE_SNIPPET(fnsave32, "fnsave 322(%rdi)\n fldpi\n frstor 322(%rdi)")

const X87Case kCases[] = {
    CASE(fstpt, {}, {}),
    CASE(fldt, {}, {}),
    CASE(fbld, {}, {}),
    CASE(fbstp, {}, {}),
    CASE(ffreep, {}, {}),
    CASE(fxtract, {}, {}),
    CASE(fxtract_twice, {}, {}),
    CASE(fsin, {}, {}),
    CASE(fcos, {}, {}),
    CASE(fsincos, {}, {}),
    CASE(fptan, {}, {}),
    CASE(fpatan, {}, {}),
    CASE(fyl2x, {}, {}),
    CASE(fyl2xp1, {}, {}),
    CASE(f2xm1, {}, {}),
    CASE(fprem, {}, {}),
    CASE(fprem1, {}, {}),
    CASE(fprem_steps, {}, {}),
    CASE(fnstenv16, pointers16(322), {}),
    CASE(fldenv16, {}, {}),
    CASE(fnsave16, pointers16(322), {}),
    CASE(fnstenv32, pointers32(322), {}),
    CASE(fnsave32, pointers32(322), {}),
};

constexpr uint64_t kTop = 1ull << 63;

// A register value of any class; exponents spread for FPREM's huge differences, kept near 1
// for the transcendentals' domains, near 2^60 for FBSTP's range.
Float80 random_value(std::mt19937_64& rng) {
  const uint16_t sign = (rng() & 1) ? 0x8000 : 0;
  const auto make = [&](unsigned exp, uint64_t m) {
    return Float80{m, static_cast<uint16_t>(sign | exp), {}};
  };
  switch (rng() % 20) {
    case 0:
      return make(0, 0);
    case 1:
      return make(0x7fff, kTop);  // infinity
    case 2:
      return make(0x7fff, (3ull << 62) | (rng() >> 2 & -(rng() & 1)));  // QNaN, indefinite
    case 3:
      return make(0x7fff, kTop | (rng() >> 3) | 1);  // SNaN
    case 4:
      return make(0, rng() >> (1 + rng() % 63));  // denormal
    case 5:
      return make(0, kTop | rng());  // pseudo-denormal
    case 6:
      return make(1 + rng() % 0x7ffe, rng() >> 1);  // unnormal
    case 7:
      return make(0x7fff, rng() & 1 ? 0 : rng() >> 1 | 1);  // pseudo-infinity, pseudo-NaN
    case 8:
      return make(1 + rng() % 0x7ffe, kTop | rng());  // any exponent
    case 9:
    case 10:
      return make(0x3fff + 50 + rng() % 13, kTop | rng() << (rng() % 64));  // near 10^18
    case 11:
      return make(0x3fff + rng() % 63, kTop | (rng() << 30));  // an integer or close
    case 12:
      return make(0x3fff - 300 + rng() % 600, kTop | rng());
    default:
      return make(0x3fff - 70 + rng() % 140, kTop | rng());
  }
}

uint16_t random_control_word(std::mt19937_64& rng) {
  static constexpr uint16_t kPrecision[] = {0, 2, 3};
  return static_cast<uint16_t>(0x7f | kPrecision[rng() % 3] << 8 | (rng() % 4) << 10 |
                               (rng() & 1) << 12);
}

// Condition codes and SF at random, sticky exception flags sometimes, TOP at random.
uint16_t random_status_word(std::mt19937_64& rng) {
  const uint16_t flags = rng() % 4 == 0 ? rng() & 0x3f : 0;
  return static_cast<uint16_t>((rng() & 0x4740) | flags | (rng() % 8) << 11);
}

// An FRSTOR image (32-bit layout) of a random state; most registers full.
void random_image(std::mt19937_64& rng, uint8_t* img) {
  const uint16_t cw = random_control_word(rng), sw = random_status_word(rng);
  uint16_t tags = 0;
  for (unsigned p = 0; p < 8; ++p)
    if (rng() % 4 == 0) tags = static_cast<uint16_t>(tags | 3u << (2 * p));
  std::memset(img, 0, 28);
  std::memcpy(img, &cw, 2);
  std::memcpy(img + 4, &sw, 2);
  std::memcpy(img + 8, &tags, 2);
  for (unsigned i = 0; i < 8; ++i) {
    const Float80 v = random_value(rng);
    std::memcpy(img + 28 + 10 * i, &v, 10);
  }
}

// Packed BCD: 18 random digits (sometimes fewer), either sign.
void random_bcd(std::mt19937_64& rng, uint8_t* bcd) {
  std::memset(bcd, 0, 10);
  const unsigned digits = rng() % 19;
  for (unsigned d = 0; d < digits; ++d)
    bcd[d / 2] = static_cast<uint8_t>(bcd[d / 2] | (rng() % 10) << (4 * (d % 2)));
  bcd[9] = (rng() & 1) ? 0x80 : 0;
}

void random_input(std::mt19937_64& rng, uint8_t* data, Regs& in) {
  for (size_t i = 0; i < kCompared; ++i) data[i] = static_cast<uint8_t>(rng());
  random_image(rng, data);
  const Float80 v = random_value(rng);
  std::memcpy(data + kOperands, &v, 10);
  random_bcd(rng, data + kOperands + 16);
  // A 16-bit environment: control word (masked), status word, tags; pointers at random.
  const uint16_t env[3] = {random_control_word(rng), random_status_word(rng),
                           static_cast<uint16_t>(rng())};
  std::memcpy(data + kOperands + 32, env, sizeof env);
  for (unsigned r = 0; r < 16; ++r) in.gpr[r] = rng();
}

void clear(uint8_t* data, Ignored range) {
  std::memset(data + range.offset, 0, range.size);
}

// Runs the case natively, then under each engine; the environments' pointers are not compared.
void expect_matches_host(X86Harness& h, const X87Case& c, const uint8_t* input, const Regs& in,
                         unsigned trial, const Region& region = {}) {
  expect_matches_native(h, c.snippet.begin, c.snippet.end, in, input, kCompared, 0,
                        std::string(c.snippet.name) + " trial " + std::to_string(trial), region,
                        [&] {
                          clear(h.data(), pointers32(kSaved));
                          clear(h.data(), c.in_buffer);
                          if (region.data) clear(region.data, c.in_region);
                        });
}

class X87StateNativeDiff : public ::testing::TestWithParam<X87Case> {};

TEST_P(X87StateNativeDiff, MatchesHost) {
  X86Harness h;
  std::mt19937_64 rng(87);
  for (unsigned trial = 0; trial < 150; ++trial) {
    uint8_t input[kCompared];
    Regs in;
    random_input(rng, input, in);
    in.gpr[kRdi] = h.data_addr();
    expect_matches_host(h, GetParam(), input, in, trial);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(X86_64, X87StateNativeDiff, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<X87Case>& i) {
                           return std::string(i.param.snippet.name);
                         });

// Operands that end a readable page followed by an inaccessible one (rsi points at the
// boundary): each access must touch exactly its own bytes.
X87_STATE_SNIPPET(page_end_m80, "fldt -10(%rsi)\n fld %st(0)\n fstpt -10(%rsi)")
X87_STATE_SNIPPET(page_end_bcd, "fbld -10(%rsi)\n fbstp -10(%rsi)")
X87_STATE_SNIPPET(page_end_env16, ".byte 0x66\n fnstenv -14(%rsi)\n .byte 0x66\n fldenv -14(%rsi)")
X87_STATE_SNIPPET(page_end_save16, ".byte 0x66\n fnsave -94(%rsi)\n .byte 0x66\n frstor -94(%rsi)")
X87_STATE_SNIPPET(page_end_env32, "fnstenv -28(%rsi)\n fldenv -28(%rsi)")
X87_STATE_SNIPPET(page_end_save32, "fnsave -108(%rsi)\n frstor -108(%rsi)")

constexpr size_t kRegion = 128;  // the end of the page, compared
const X87Case kPageEndCases[] = {CASE(page_end_m80, {}, {}),
                                 CASE(page_end_bcd, {}, {}),
                                 CASE(page_end_env16, {}, pointers16(kRegion - 14)),
                                 CASE(page_end_save16, {}, pointers16(kRegion - 94)),
                                 CASE(page_end_env32, {}, pointers32(kRegion - 28)),
                                 CASE(page_end_save32, {}, pointers32(kRegion - 108))};

class X87PageEnd : public ::testing::TestWithParam<X87Case> {};

TEST_P(X87PageEnd, AccessesOnlyTheOperand) {
  X86Harness h;
  const PageBeforeHole page;
  ASSERT_TRUE(page.mapped());
  std::mt19937_64 rng(10);
  for (unsigned trial = 0; trial < 32; ++trial) {
    uint8_t input[kCompared];
    Regs in;
    random_input(rng, input, in);
    in.gpr[kRdi] = h.data_addr();
    in.gpr[kRsi] = reinterpret_cast<uint64_t>(page.end());
    uint8_t page_input[kRegion];
    for (auto& byte : page_input) byte = static_cast<uint8_t>(rng());
    const Float80 v = random_value(rng);
    std::memcpy(page_input + kRegion - 10, &v, 10);
    if (trial % 2) random_bcd(rng, page_input + kRegion - 10);
    expect_matches_host(h, GetParam(), input, in, trial,
                        Region{page.end() - kRegion, kRegion, page_input});
    if (::testing::Test::HasFatalFailure()) break;
  }
}

INSTANTIATE_TEST_SUITE_P(X86_64, X87PageEnd, ::testing::ValuesIn(kPageEndCases),
                         [](const ::testing::TestParamInfo<X87Case>& i) {
                           return std::string(i.param.snippet.name);
                         });

}  // namespace
}  // namespace xisa::x86_64::testing

#endif  // defined(__x86_64__)
