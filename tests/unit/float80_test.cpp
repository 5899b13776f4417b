// Float80 (src/common/float80.h) against the host x87 on x86-64 hosts, the oracle: results and
// exception flags (IE DE ZE OE UE PE and C1) bit-exact under every rounding and precision
// control, on random and edge-case operands. A few hand-computed cases run on every host.
#include "common/float80.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace xisa::softfp {
namespace {

constexpr uint16_t kFlagMask = 0x3f | kFlagC1;

Float80 f80(uint16_t se, uint64_t m) {
  return {m, se};
}

// ---- Hand-computed cases: these run on every host. ----

TEST(Float80, HandComputedArithmetic) {
  Env env;
  const Float80 one = f80(0x3fff, 1ull << 63), two = f80(0x4000, 1ull << 63);
  const Float80 three = f80(0x4000, 0xC000000000000000ull);
  EXPECT_EQ(add(one, two, env), three);
  EXPECT_EQ(env.flags, 0);
  EXPECT_EQ(mul(three, three, env), f80(0x4002, 0x9000000000000000ull));  // 9
  EXPECT_EQ(sqrt(f80(0x4002, 0x9000000000000000ull), env), three);
  EXPECT_EQ(env.flags, 0);
  // 1/3 = 0.AAAA...: nearest rounds down (C1 clear), upward rounds up (C1 set).
  EXPECT_EQ(div(one, three, env), f80(0x3ffd, 0xAAAAAAAAAAAAAAABull));
  EXPECT_EQ(env.flags, kFlagPE | kFlagC1);
  Env down{1, 3, 0};
  EXPECT_EQ(div(one, three, down), f80(0x3ffd, 0xAAAAAAAAAAAAAAAAull));
  EXPECT_EQ(down.flags, kFlagPE);
  // PC 24: 1/3 to 24 bits.
  Env single{0, 0, 0};
  EXPECT_EQ(div(one, three, single), f80(0x3ffd, 0xAAAAAB0000000000ull));
  // Invalid operations give the QNaN indefinite; x/0 gives infinity and ZE.
  Env e2;
  EXPECT_EQ(sub(f80(0x7fff, 1ull << 63), f80(0x7fff, 1ull << 63), e2), kIndefinite);
  EXPECT_EQ(e2.flags, kFlagIE);
  Env e3;
  EXPECT_EQ(div(one, f80(0x8000, 0), e3), f80(0xffff, 1ull << 63));
  EXPECT_EQ(e3.flags, kFlagZE);
  // Largest normal times 2 overflows: infinity when nearest, largest finite toward zero.
  Env e4, e5{3, 3, 0};
  const Float80 max = f80(0x7ffe, ~0ull);
  EXPECT_EQ(mul(max, two, e4), f80(0x7fff, 1ull << 63));
  EXPECT_EQ(e4.flags, kFlagOE | kFlagPE | kFlagC1);
  EXPECT_EQ(mul(max, two, e5), max);
  EXPECT_EQ(e5.flags, kFlagOE | kFlagPE);
  // Smallest normal / 2 is an exact denormal: no UE (masked underflow needs inexactness).
  Env e6;
  EXPECT_EQ(div(f80(0x0001, 1ull << 63), two, e6), f80(0x0000, 1ull << 62));
  EXPECT_EQ(e6.flags, 0);
}

TEST(Float80, HandComputedConversions) {
  Env env;
  EXPECT_EQ(from_int(-5), f80(0xc001, 0xA000000000000000ull));
  EXPECT_EQ(from_int(INT64_MIN), f80(0xc03e, 1ull << 63));
  EXPECT_EQ(to_int32(f80(0x4000, 0xA000000000000000ull), false, env), 2);  // 2.5 -> 2
  EXPECT_EQ(env.flags, kFlagPE);
  Env up{2, 3, 0};
  EXPECT_EQ(to_int16(f80(0x4000, 0xA000000000000000ull), false, up), 3);
  EXPECT_EQ(up.flags, kFlagPE | kFlagC1);
  Env big;
  EXPECT_EQ(to_int16(f80(0x400e, 1ull << 63), false, big), INT16_MIN);  // 32768
  EXPECT_EQ(big.flags, kFlagIE);
  Env t;
  EXPECT_EQ(to_int64(f80(0xc000, 0xE000000000000000ull), true, t), -3);  // -3.5 truncates
  EXPECT_EQ(round_to_int(f80(0xc000, 0xE000000000000000ull), t), f80(0xc001, 1ull << 63));
  Env c;
  EXPECT_EQ(to_f32(f80(0x3fff, 1ull << 63), c), 0x3f800000u);
  EXPECT_EQ(to_f64(f80(0x3ffd, 0xAAAAAAAAAAAAAAABull), c), 0x3fd5555555555555ull);
  EXPECT_EQ(from_f64(0x3ff8000000000000ull, c), f80(0x3fff, 0xC000000000000000ull));
  EXPECT_EQ(from_f32(0x00000001u, c), f80(0x3f6a, 1ull << 63));  // 2^-149, DE
  EXPECT_EQ(c.flags, kFlagDE | kFlagPE);
  Env n;
  EXPECT_EQ(compare(kIndefinite, f80(0, 0), true, n), Ordering::Unordered);
  EXPECT_EQ(n.flags, 0);
  EXPECT_EQ(compare(kIndefinite, f80(0, 0), false, n), Ordering::Unordered);
  EXPECT_EQ(n.flags, kFlagIE);
  EXPECT_EQ(compare(f80(0x8000, 0), f80(0, 0), false, n), Ordering::Equal);
  EXPECT_EQ(compare(f80(0x8000, 1), f80(0, 0), false, n), Ordering::Less);
}

#if defined(__x86_64__)

// ---- The host x87 as the oracle. ----

std::string hex(Float80 v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04x:%016llx", v.sign_exponent,
                static_cast<unsigned long long>(v.mantissa));
  return buf;
}

struct HostResult {
  Float80 value;
  uint16_t sw;
};

uint16_t control_word(unsigned rc, unsigned pc) {
  return static_cast<uint16_t>(0x3f | (pc << 8) | (rc << 10));
}

Float80 from_mem(const unsigned char (&m)[10]) {
  Float80 r{};
  std::memcpy(&r.mantissa, m, 8);
  std::memcpy(&r.sign_exponent, m + 8, 2);
  return r;
}
void to_mem(Float80 v, unsigned char (&m)[10]) {
  std::memcpy(m, &v.mantissa, 8);
  std::memcpy(m + 8, &v.sign_exponent, 2);
}

// st(0) = a, st(1) = b, then INSN; the status word right after it and the new st(0).
#define HOST_X87(insn)                                                                 \
  [](Float80 a, Float80 b, uint16_t cw) {                                              \
    unsigned char ma[10], mb[10], mr[10];                                              \
    to_mem(a, ma);                                                                     \
    to_mem(b, mb);                                                                     \
    uint16_t sw, old;                                                                  \
    asm volatile("fnstcw %[old]\n fldcw %[cw]\n fnclex\n fldt %[b]\n fldt %[a]\n" insn \
                 "\n fnstsw %[sw]\n fstpt %[r]\n fstp %%st(0)\n fldcw %[old]"          \
                 : [sw] "=m"(sw), [r] "=m"(mr), [old] "=m"(old)                        \
                 : [a] "m"(ma), [b] "m"(mb), [cw] "m"(cw)                              \
                 : "st", "st(1)", "memory");                                           \
    return HostResult{from_mem(mr), static_cast<uint16_t>(sw & kFlagMask)};            \
  }

// Operands: a mix of classes with the exponents and significands where rounding is delicate.
class Gen {
 public:
  explicit Gen(uint32_t seed) : rng_(seed) {}
  uint64_t bits() { return rng_(); }
  uint64_t significand() {
    switch (rng_() % 7) {
      case 5: {  // a short odd integer at the top: products of two land on exact ties
        const unsigned k = 1 + rng_() % 40;
        return ((rng_() | 1 | (1ull << 63)) >> (64 - k)) << (64 - k);
      }
      case 0:
        return (1ull << 63) | (rng_() & 0xff);  // near a power of two
      case 1:
        return ~0ull ^ (rng_() & 0xff);  // near the next one
      case 2:
        return (1ull << 63) | (rng_() << 40 >> 40) << (rng_() % 40);  // few low bits set
      default:
        return (1ull << 63) | rng_();
    }
  }
  uint16_t exponent() {
    switch (rng_() % 8) {
      case 0:
        return static_cast<uint16_t>(1 + rng_() % 80);  // near the denormal range
      case 1:
        return static_cast<uint16_t>(0x7ffe - rng_() % 80);  // near overflow
      case 2:
        return static_cast<uint16_t>(16383 - 126 + rng_() % 5 - 70);  // binary32 edges
      case 3:
        return static_cast<uint16_t>(16383 - 1022 - rng_() % 60);  // binary64 denormals
      default:
        return static_cast<uint16_t>(16383 - 40 + rng_() % 80);
    }
  }
  Float80 value() {
    const uint16_t sign = (rng_() & 1) ? 0x8000 : 0;
    const unsigned k = rng_() % 64;
    if (k == 0) return f80(sign, 0);
    if (k == 1) return f80(sign | 0x7fff, 1ull << 63);
    if (k == 2) return f80(sign | 0x7fff, (3ull << 62) | (rng_() >> 2));      // QNaN
    if (k == 3) return f80(sign | 0x7fff, (1ull << 63) | (rng_() >> 3) | 1);  // SNaN
    if (k <= 6) return f80(sign, rng_() >> (rng_() % 63 + 1));                // denormal
    if (k == 7) return f80(static_cast<uint16_t>(sign | (1 + rng_() % 0x7ffd)), rng_() >> 1);
    return f80(static_cast<uint16_t>(sign | exponent()), significand());
  }
  // Boundary operands: every pair of them is checked.
  static std::vector<Float80> edges() {
    std::vector<Float80> v;
    const uint64_t top = 1ull << 63;
    for (uint16_t sign : {0, 0x8000}) {
      for (const auto& [e, m] : std::initializer_list<std::pair<uint16_t, uint64_t>>{
               {0, 0},
               {0, 1},
               {0, top - 1},
               {0, top >> 1},
               {0, top | 1},  // zero, denormals,
               {1, top},
               {1, ~0ull},
               {2, top},
               {0x7ffe, ~0ull},
               {0x7ffe, top},  // pseudo-denormal
               {0x3fff, top},
               {0x3fff, top | 1},
               {0x3fff, ~0ull},
               {0x3ffe, ~0ull},
               {0x4000, 0xC000000000000000ull},
               {0x3fff, 0xC000000000000000ull},
               {0x3fff - 64, top},
               {0x3fff - 65, top},
               {0x3fff - 64, top | 1},
               {0x3ffe, 0xA000000000000000ull},
               {0x403e, top},
               {0x401d, top},
               {0x400e, top},
               {0x3fff + 16383, ~0ull},
               {0x3fff - 16382, ~0ull},
               {16383 - 126, top},
               {16383 - 127, ~0ull},
               {16383 - 149, top},
               {16383 - 150, top},
               {16383 + 128, top},
               {16383 - 1022, top},
               {16383 - 1075, top},
               {16383 + 1024, top},
               {0x7fff, top},
               {0x7fff, 0xC000000000000000ull},
               {0x7fff, top | 1},
               {0x7fff, 0},
               {0x3fff, 1}}) {  // inf, QNaN, SNaN, pseudo-inf, unnormal
        v.push_back(f80(static_cast<uint16_t>(sign | e), m));
      }
    }
    return v;
  }

  // A partner for a: often with a close exponent, so that sums cancel and products border.
  Float80 partner(Float80 a) {
    Float80 b = value();
    const unsigned k = rng_() % 4;
    const uint16_t ea = a.sign_exponent & 0x7fff;
    if (k == 0 && ea > 2 && ea < 0x7ffd) {
      b.sign_exponent = static_cast<uint16_t>((b.sign_exponent & 0x8000) | (ea + rng_() % 5 - 2));
      b.mantissa = (rng_() & 1) ? a.mantissa ^ (rng_() & 0xffff) : significand();
      if (!(b.mantissa >> 63)) b.mantissa |= 1ull << 63;
    }
    return b;
  }

 private:
  std::mt19937_64 rng_;
};

// Runs `count` random operand pairs under every RC and PC, comparing value and flags.
template <typename Soft, typename Host>
void check_binary(const char* name, Soft soft, Host host, int count, bool all_pc) {
  Gen gen(12345);
  const std::vector<Float80> edges = Gen::edges();
  const int n_edges = static_cast<int>(edges.size());
  int failures = 0;
  for (int i = 0; i < n_edges * n_edges + count && failures < 10; ++i) {
    const bool edge = i < n_edges * n_edges;
    const Float80 a = edge ? edges[i / n_edges] : gen.value();
    const Float80 b = edge ? edges[i % n_edges] : gen.partner(a);
    for (unsigned rc = 0; rc < 4; ++rc) {
      for (unsigned pc : {3u, 2u, 0u}) {
        if (!all_pc && pc != 3) continue;
        Env env{static_cast<uint8_t>(rc), static_cast<uint8_t>(pc), 0};
        const Float80 got = soft(a, b, env);
        const HostResult want = host(a, b, control_word(rc, pc));
        if (got != want.value || env.flags != want.sw) {
          ++failures;
          ADD_FAILURE() << name << "(" << hex(a) << ", " << hex(b) << ") rc=" << rc << " pc=" << pc
                        << ": got " << hex(got) << " flags " << std::hex << env.flags << ", x87 "
                        << hex(want.value) << " flags " << want.sw;
        }
      }
    }
  }
}

constexpr int kCases = 40000;

TEST(Float80VsX87, Add) {
  check_binary(
      "add", [](Float80 a, Float80 b, Env& e) { return add(a, b, e); },
      HOST_X87("fadd %%st(1), %%st"), kCases, true);
}
TEST(Float80VsX87, Sub) {
  check_binary(
      "sub", [](Float80 a, Float80 b, Env& e) { return sub(a, b, e); },
      HOST_X87("fsub %%st(1), %%st"), kCases, true);
}
TEST(Float80VsX87, Mul) {
  check_binary(
      "mul", [](Float80 a, Float80 b, Env& e) { return mul(a, b, e); },
      HOST_X87("fmul %%st(1), %%st"), kCases, true);
}
TEST(Float80VsX87, Div) {
  check_binary(
      "div", [](Float80 a, Float80 b, Env& e) { return div(a, b, e); },
      HOST_X87("fdiv %%st(1), %%st"), kCases, true);
}
TEST(Float80VsX87, Sqrt) {
  check_binary(
      "sqrt", [](Float80 a, Float80, Env& e) { return sqrt(a, e); }, HOST_X87("fsqrt"), kCases,
      true);
}
TEST(Float80VsX87, RoundToInt) {
  check_binary(
      "frndint", [](Float80 a, Float80, Env& e) { return round_to_int(a, e); }, HOST_X87("frndint"),
      kCases, false);
}

// FCOM/FUCOM: C3 C2 C0 as the ordering.
template <bool kQuiet>
HostResult host_compare(Float80 a, Float80 b, uint16_t cw) {
  unsigned char ma[10], mb[10];
  to_mem(a, ma);
  to_mem(b, mb);
  uint16_t sw, old;
  if constexpr (kQuiet)
    asm volatile(
        "fnstcw %[old]\n fldcw %[cw]\n fnclex\n fldt %[b]\n fldt %[a]\n fucompp\n"
        " fnstsw %[sw]\n fldcw %[old]"
        : [sw] "=m"(sw), [old] "=m"(old)
        : [a] "m"(ma), [b] "m"(mb), [cw] "m"(cw)
        : "st", "st(1)", "memory");
  else
    asm volatile(
        "fnstcw %[old]\n fldcw %[cw]\n fnclex\n fldt %[b]\n fldt %[a]\n fcompp\n"
        " fnstsw %[sw]\n fldcw %[old]"
        : [sw] "=m"(sw), [old] "=m"(old)
        : [a] "m"(ma), [b] "m"(mb), [cw] "m"(cw)
        : "st", "st(1)", "memory");
  const unsigned cc = ((sw >> 14) & 1) << 2 | ((sw >> 10) & 1) << 1 | ((sw >> 8) & 1);
  const uint64_t ord = cc == 0 ? 2 : cc == 1 ? 0 : cc == 4 ? 1 : 3;  // as Ordering
  return {f80(0, ord), static_cast<uint16_t>(sw & 0x3f)};
}

template <bool kQuiet>
Float80 soft_compare(Float80 a, Float80 b, Env& e) {
  const auto ord = compare(a, b, kQuiet, e);
  e.flags &= 0x3f;  // C1 is not part of a comparison's result
  return f80(0, static_cast<uint64_t>(ord));
}

// FIST/FISTP (truncate=false) and FISTTP: the integer in the result's mantissa.
template <typename I, bool kTruncate>
HostResult host_to_int(Float80 a, Float80, uint16_t cw) {
  unsigned char ma[10];
  to_mem(a, ma);
  I out = 0;
  uint16_t sw, old;
#define XISA_FIST(insn)                                                  \
  asm volatile("fnstcw %[old]\n fldcw %[cw]\n fnclex\n fldt %[a]\n" insn \
               " %[out]\n"                                               \
               " fnstsw %[sw]\n fldcw %[old]"                            \
               : [sw] "=m"(sw), [old] "=m"(old), [out] "=m"(out)         \
               : [a] "m"(ma), [cw] "m"(cw)                               \
               : "st", "memory")
  if constexpr (sizeof(I) == 2) {
    if constexpr (kTruncate)
      XISA_FIST("fisttps");
    else
      XISA_FIST("fistps");
  } else if constexpr (sizeof(I) == 4) {
    if constexpr (kTruncate)
      XISA_FIST("fisttpl");
    else
      XISA_FIST("fistpl");
  } else {
    if constexpr (kTruncate)
      XISA_FIST("fisttpll");
    else
      XISA_FIST("fistpll");
  }
#undef XISA_FIST
  return {f80(0, static_cast<uint64_t>(static_cast<int64_t>(out))),
          static_cast<uint16_t>(sw & kFlagMask)};
}

template <typename I, bool kTruncate>
Float80 soft_to_int(Float80 a, Float80, Env& e) {
  int64_t v;
  if constexpr (sizeof(I) == 2)
    v = to_int16(a, kTruncate, e);
  else if constexpr (sizeof(I) == 4)
    v = to_int32(a, kTruncate, e);
  else
    v = to_int64(a, kTruncate, e);
  return f80(0, static_cast<uint64_t>(v));
}

// FST m32/m64: the stored bits in the result's mantissa.
template <typename T>
HostResult host_store(Float80 a, Float80, uint16_t cw) {
  unsigned char ma[10];
  to_mem(a, ma);
  T out = 0;
  uint16_t sw, old;
  if constexpr (sizeof(T) == 4)
    asm volatile(
        "fnstcw %[old]\n fldcw %[cw]\n fnclex\n fldt %[a]\n fstps %[out]\n"
        " fnstsw %[sw]\n fldcw %[old]"
        : [sw] "=m"(sw), [old] "=m"(old), [out] "=m"(out)
        : [a] "m"(ma), [cw] "m"(cw)
        : "st", "memory");
  else
    asm volatile(
        "fnstcw %[old]\n fldcw %[cw]\n fnclex\n fldt %[a]\n fstpl %[out]\n"
        " fnstsw %[sw]\n fldcw %[old]"
        : [sw] "=m"(sw), [old] "=m"(old), [out] "=m"(out)
        : [a] "m"(ma), [cw] "m"(cw)
        : "st", "memory");
  uint64_t bits = 0;
  std::memcpy(&bits, &out, sizeof out);
  return {f80(0, bits), static_cast<uint16_t>(sw & kFlagMask)};
}

// FLD m32/m64 of the low bits of a's mantissa.
template <typename T>
HostResult host_load(Float80 a, Float80, uint16_t cw) {
  T in;
  std::memcpy(&in, &a.mantissa, sizeof in);
  unsigned char mr[10];
  uint16_t sw, old;
  if constexpr (sizeof(T) == 4)
    asm volatile(
        "fnstcw %[old]\n fldcw %[cw]\n fnclex\n flds %[in]\n fnstsw %[sw]\n"
        " fstpt %[r]\n fldcw %[old]"
        : [sw] "=m"(sw), [old] "=m"(old), [r] "=m"(mr)
        : [in] "m"(in), [cw] "m"(cw)
        : "st", "memory");
  else
    asm volatile(
        "fnstcw %[old]\n fldcw %[cw]\n fnclex\n fldl %[in]\n fnstsw %[sw]\n"
        " fstpt %[r]\n fldcw %[old]"
        : [sw] "=m"(sw), [old] "=m"(old), [r] "=m"(mr)
        : [in] "m"(in), [cw] "m"(cw)
        : "st", "memory");
  return {from_mem(mr), static_cast<uint16_t>(sw & kFlagMask)};
}

TEST(Float80VsX87, Compare) {
  check_binary("fcom", soft_compare<false>, host_compare<false>, kCases, false);
  check_binary("fucom", soft_compare<true>, host_compare<true>, kCases, false);
}

TEST(Float80VsX87, ToInt) {
  check_binary("fist16", soft_to_int<int16_t, false>, host_to_int<int16_t, false>, kCases, false);
  check_binary("fist32", soft_to_int<int32_t, false>, host_to_int<int32_t, false>, kCases, false);
  check_binary("fist64", soft_to_int<int64_t, false>, host_to_int<int64_t, false>, kCases, false);
  check_binary("fisttp16", soft_to_int<int16_t, true>, host_to_int<int16_t, true>, kCases, false);
  check_binary("fisttp32", soft_to_int<int32_t, true>, host_to_int<int32_t, true>, kCases, false);
  check_binary("fisttp64", soft_to_int<int64_t, true>, host_to_int<int64_t, true>, kCases, false);
}

TEST(Float80VsX87, ToFloatAndDouble) {
  check_binary(
      "fst32", [](Float80 a, Float80, Env& e) { return f80(0, to_f32(a, e)); }, host_store<float>,
      kCases, false);
  check_binary(
      "fst64", [](Float80 a, Float80, Env& e) { return f80(0, to_f64(a, e)); }, host_store<double>,
      kCases, false);
}

TEST(Float80VsX87, FromFloatAndDouble) {
  // The mantissa's low bits are the binary32/64 pattern; the generator's exponents and
  // significands make every class of them.
  check_binary(
      "fld32",
      [](Float80 a, Float80, Env& e) { return from_f32(static_cast<uint32_t>(a.mantissa), e); },
      host_load<float>, kCases, false);
  check_binary(
      "fld64", [](Float80 a, Float80, Env& e) { return from_f64(a.mantissa, e); },
      host_load<double>, kCases, false);
}

TEST(Float80VsX87, FromInt) {
  Gen gen(7);
  for (int i = 0; i < kCases; ++i) {
    const auto v = static_cast<int64_t>(gen.bits() >> (gen.bits() % 64));
    const int64_t w = (i & 1) ? -v : v;
    long double host = static_cast<long double>(w);  // FILD
    Float80 want{};
    std::memcpy(&want, &host, 10);
    ASSERT_EQ(from_int(w), want) << w;
  }
}

// FXTRACT: the significand (the new st(0)) and the exponent (st(1)), with the flags.
HostResult host_extract(Float80 a, bool want_exponent, uint16_t cw) {
  unsigned char ma[10], sig[10], exp[10];
  to_mem(a, ma);
  uint16_t sw, old;
  asm volatile(
      "fnstcw %[old]\n fldcw %[cw]\n fnclex\n fldt %[a]\n fxtract\n fnstsw %[sw]\n"
      " fstpt %[sig]\n fstpt %[exp]\n fldcw %[old]"
      : [sw] "=m"(sw), [old] "=m"(old), [sig] "=m"(sig), [exp] "=m"(exp)
      : [a] "m"(ma), [cw] "m"(cw)
      : "st", "st(1)", "memory");
  return {from_mem(want_exponent ? exp : sig), static_cast<uint16_t>(sw & 0x3f)};
}

TEST(Float80VsX87, Extract) {
  check_binary(
      "fxtract significand",
      [](Float80 a, Float80, Env& e) {
        Float80 exponent;
        return extract(a, exponent, e);
      },
      [](Float80 a, Float80, uint16_t cw) { return host_extract(a, false, cw); }, kCases, false);
  check_binary(
      "fxtract exponent",
      [](Float80 a, Float80, Env& e) {
        Float80 exponent;
        extract(a, exponent, e);
        return exponent;
      },
      [](Float80 a, Float80, uint16_t cw) { return host_extract(a, true, cw); }, kCases, false);
}

Float80 bcd_bits(const uint8_t (&bcd)[kBcdBytes]) {
  Float80 r{};
  std::memcpy(&r.mantissa, bcd, 8);
  std::memcpy(&r.sign_exponent, bcd + 8, 2);
  return r;
}

// FBSTP: the 10 stored bytes in the result, with the flags (C1 included).
HostResult host_to_bcd(Float80 a, Float80, uint16_t cw) {
  unsigned char ma[10];
  uint8_t out[kBcdBytes];
  to_mem(a, ma);
  uint16_t sw, old;
  asm volatile(
      "fnstcw %[old]\n fldcw %[cw]\n fnclex\n fldt %[a]\n fbstp %[out]\n"
      " fnstsw %[sw]\n fldcw %[old]"
      : [sw] "=m"(sw), [old] "=m"(old), [out] "=m"(out)
      : [a] "m"(ma), [cw] "m"(cw)
      : "st", "memory");
  return {bcd_bits(out), static_cast<uint16_t>(sw & kFlagMask)};
}

TEST(Float80VsX87, ToBcd) {
  const auto soft = [](Float80 a, Float80, Env& e) {
    uint8_t out[kBcdBytes];
    to_bcd(a, out, e);
    return bcd_bits(out);
  };
  check_binary("fbstp", soft, host_to_bcd, kCases, false);
  // Around 10^18, the largest magnitude BCD holds, with fractions that round across it.
  Gen gen(99);
  for (int i = 0; i < kCases / 4; ++i) {
    const uint16_t sign = (gen.bits() & 1) ? 0x8000 : 0;
    const Float80 a = f80(static_cast<uint16_t>(sign | (16383 + 50 + gen.bits() % 13)),
                          (1ull << 63) | gen.bits());
    for (unsigned rc = 0; rc < 4; ++rc) {
      Env env{static_cast<uint8_t>(rc), 3, 0};
      const Float80 got = soft(a, a, env);
      const HostResult want = host_to_bcd(a, a, control_word(rc, 3));
      ASSERT_TRUE(got == want.value && env.flags == want.sw)
          << "fbstp(" << hex(a) << ") rc=" << rc << ": got " << hex(got) << " flags " << std::hex
          << env.flags << ", x87 " << hex(want.value) << " flags " << want.sw;
    }
  }
}

TEST(Float80VsX87, FromBcd) {
  Gen gen(5);
  for (int i = 0; i < kCases; ++i) {
    uint8_t bcd[kBcdBytes] = {};
    const int digits = static_cast<int>(gen.bits() % 19);
    for (int d = 0; d < digits; ++d)
      bcd[d / 2] = static_cast<uint8_t>(bcd[d / 2] | (gen.bits() % 10) << (4 * (d % 2)));
    bcd[9] = (gen.bits() & 1) ? 0x80 : 0;
    unsigned char mr[10];
    asm volatile("fbld %[in]\n fstpt %[r]" : [r] "=m"(mr) : [in] "m"(bcd) : "st", "memory");
    ASSERT_EQ(from_bcd(bcd), from_mem(mr)) << hex(bcd_bits(bcd));
  }
}

#endif  // defined(__x86_64__)

}  // namespace
}  // namespace xisa::softfp
