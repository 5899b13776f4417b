// x87 instructions against the host CPU: operands are 80-bit values in a data buffer (rdi),
// results are stored back with FSTP m80 and the status word with FNSTSW; buffer and registers
// must match the native run bit for bit. Each snippet starts and ends with FNINIT.
// The native oracle needs an x86-64 host; elsewhere these tests are not built.
#if defined(__x86_64__)
#include <gtest/gtest.h>

#include <random>

#include "x86_harness.h"

namespace xisa::x86_64::testing {
namespace {

// st0 = [rdi+16], st1 = [rdi]; OP; st0 -> [rdi+32], st0 -> [rdi+48]; status -> ax, cw -> 64.
#define X87_CASE(name, op)                                                        \
  X86_SNIPPET(name, "fninit\n fldcw 66(%rdi)\n fldt (%rdi)\n fldt 16(%rdi)\n " op \
                    "\n fnstsw %ax\n fstpt 32(%rdi)\n fstpt 48(%rdi)\n fnstcw 64(%rdi)\n fninit")

X87_CASE(fadd, "fadd %st(1), %st")
X87_CASE(fsubp, "fsubp %st, %st(1)\n fld1")
X87_CASE(fsubr, "fsubr %st(1), %st")
X87_CASE(fmul, "fmul %st, %st(1)")
X87_CASE(fdivrp, "fdivrp %st, %st(1)\n fldz")
X87_CASE(fdiv_mem, "fdivl 8(%rdi)")
X87_CASE(fiadd, "fiaddl 4(%rdi)")
X87_CASE(fsqrt, "fsqrt")
X87_CASE(fchs_fabs, "fchs\n fxch\n fabs")
X87_CASE(frndint, "frndint")
X87_CASE(fcom,
         "fcom %st(1)\n fnstsw %ax\n mov %eax, %ecx\n fucomi %st(1), %st\n setb %dl\n"
         " setz %dh\n setp %bl")
X87_CASE(fxam, "fxam\n fnstsw %ax\n mov %eax, %ecx\n ftst")
X87_CASE(fist, "fistl 68(%rdi)\n fistpll 72(%rdi)\n fisttpl 80(%rdi)\n fld1\n fld1")
X87_CASE(fst_mem, "fsts 68(%rdi)\n fstl 72(%rdi)\n flds 68(%rdi)\n fldl 72(%rdi)\n faddp\n faddp")
X87_CASE(fconst, "fldpi\n faddp\n fldln2\n fmulp\n fldl2e\n fldz\n fld1\n faddp\n faddp\n faddp")
X87_CASE(fscale, "fscale")
X87_CASE(fprem, "fprem\n fnstsw %ax\n mov %eax, %ecx")
X87_CASE(fcmov, "fcomi %st(1), %st\n fcmovb %st(1), %st")

using Case = SnippetCase;
#define CASE(n) X86_SNIPPET_CASE(n)

const Case kCases[] = {CASE(fadd),     CASE(fsubp), CASE(fsubr), CASE(fmul),      CASE(fdivrp),
                       CASE(fdiv_mem), CASE(fiadd), CASE(fsqrt), CASE(fchs_fabs), CASE(frndint),
                       CASE(fcom),     CASE(fxam),  CASE(fist),  CASE(fst_mem),   CASE(fconst),
                       CASE(fscale),   CASE(fprem), CASE(fcmov)};

Float80 random_value(std::mt19937_64& rng) {
  static const Float80 kSpecial[] = {{0, 0, {}},
                                     {0, 0x8000, {}},
                                     {0x8000000000000000, 0x3fff, {}},
                                     {0x8000000000000000, 0xbfff, {}},
                                     {0x8000000000000000, 0x7fff, {}},
                                     {0xC000000000000000, 0x7fff, {}},
                                     {0xC000000000000000, 0x4002, {}} /* 12 */,
                                     {0xAAAAAAAAAAAAAAAB, 0x3ffd, {}},
                                     {0x8000000000000001, 0x403e, {}},
                                     {0xffffffffffffffff, 0x400a, {}},
                                     {0x0000000000000001, 0x0000, {}} /* denormal */};
  if (rng() % 2) return kSpecial[rng() % (sizeof kSpecial / sizeof kSpecial[0])];
  Float80 f{};
  f.mantissa = rng() | 0x8000000000000000ull;
  f.sign_exponent = static_cast<uint16_t>(0x3fff + static_cast<int>(rng() % 130) - 65);
  if (rng() % 4 == 0) f.sign_exponent |= 0x8000;
  return f;
}

class X87NativeDiff : public ::testing::TestWithParam<Case> {};

TEST_P(X87NativeDiff, MatchesHost) {
  const Case& c = GetParam();
  X86Harness h;
  std::mt19937_64 rng(3);
  for (unsigned trial = 0; trial < 300; ++trial) {
    uint8_t input[96] = {};
    const Float80 a = random_value(rng), b = random_value(rng);
    std::memcpy(input, &a, 10);
    std::memcpy(input + 16, &b, 10);
    // Control word: all masked; precision extended or double; every rounding mode.
    const uint16_t cw =
        static_cast<uint16_t>(0x007f | ((trial & 1) ? 0x300 : 0x200) | (((trial >> 1) & 3) << 10));
    std::memcpy(input + 66, &cw, 2);
    Regs in;
    in.gpr[kRdi] = h.data_addr();
    std::memcpy(h.data(), input, sizeof input);
    const Regs want = h.native(c.begin, c.end, in);
    uint8_t want_data[96];
    std::memcpy(want_data, h.data(), sizeof want_data);
    std::memcpy(h.data(), input, sizeof input);
    const interp::BlockExit exit = h.emulate(c.begin, c.end, in);
    ASSERT_EQ(exit.kind, interp::ExitKind::Jump) << c.name;
    for (unsigned i = 0; i < sizeof want_data; ++i)
      ASSERT_EQ(h.data()[i], want_data[i]) << c.name << ": byte " << i << " trial " << trial;
    for (unsigned r = 0; r < 16; ++r) {
      if (r == kRsp) continue;
      ASSERT_EQ(h.state.gpr[r], want.gpr[r])
          << c.name << ": register " << r << " trial " << trial << std::hex << " got "
          << h.state.gpr[r] << " want " << want.gpr[r];
    }
  }
}

INSTANTIATE_TEST_SUITE_P(X86_64, X87NativeDiff, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& i) { return i.param.name; });

}  // namespace
}  // namespace xisa::x86_64::testing

#endif  // defined(__x86_64__)
