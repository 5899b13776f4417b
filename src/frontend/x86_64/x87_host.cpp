// The host side of the x87 helper (see x87_host.h).
#include "frontend/x86_64/x87_host.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "frontend/x86_64/x87_soft.h"

namespace xisa::x86_64::x87 {

namespace {
constexpr bool kHostX87 = std::numeric_limits<LD>::digits == 64;
}  // namespace

Float80 indefinite() {
  return {0xC000000000000000ull, 0xffff, {}};
}

Float80 to80(LD v) {
  Float80 f{};
  if constexpr (kHostX87) {
    std::memcpy(&f, &v, 10);
  } else {
    const uint16_t sign = std::signbit(v) ? 0x8000 : 0;
    if (std::isnan(v)) return {0xC000000000000000ull, static_cast<uint16_t>(sign | 0x7fff), {}};
    if (std::isinf(v)) return {0x8000000000000000ull, static_cast<uint16_t>(sign | 0x7fff), {}};
    if (v == 0) return {0, sign, {}};
    int e = 0;
    const LD m = std::frexp(std::fabs(v), &e);  // m in [0.5, 1)
    int biased = e - 1 + 16383;
    LD scaled = std::nearbyint(std::ldexp(m, 64));
    if (scaled >= std::ldexp(LD{1}, 64)) {
      scaled /= 2;
      ++biased;
    }
    if (biased <= 0) {  // denormal: shift the significand down
      scaled = std::nearbyint(std::ldexp(m, 64 + biased - 1));
      biased = 0;
    }
    f.mantissa = static_cast<uint64_t>(scaled);
    f.sign_exponent = static_cast<uint16_t>(sign | (biased >= 0x7fff ? 0x7fff : biased));
    if (biased >= 0x7fff) f.mantissa = 0x8000000000000000ull;
  }
  return f;
}

LD from80(const Float80& f) {
  if constexpr (kHostX87) {
    LD v = 0;
    std::memcpy(&v, &f, 10);
    return v;
  } else {
    const bool neg = (f.sign_exponent & 0x8000) != 0;
    const int exp = f.sign_exponent & 0x7fff;
    LD v;
    if (exp == 0x7fff) {
      v = (f.mantissa << 1) == 0 ? std::numeric_limits<LD>::infinity()
                                 : std::numeric_limits<LD>::quiet_NaN();
    } else {
      v = std::ldexp(static_cast<LD>(f.mantissa), (exp == 0 ? 1 : exp) - 16383 - 63);
    }
    return neg ? -v : v;
  }
}

// FLD1, FLDL2T, ... : the x87 rounds these constants per the rounding control, so on an
// x86-64 host the host's own instructions load them; elsewhere the nearest values.
LD constant(unsigned which) {
  LD r = 0;
#if defined(__x86_64__)
  switch (which) {
    case 0:
      asm volatile("fld1" : "=t"(r));
      break;
    case 1:
      asm volatile("fldl2t" : "=t"(r));
      break;
    case 2:
      asm volatile("fldl2e" : "=t"(r));
      break;
    case 3:
      asm volatile("fldpi" : "=t"(r));
      break;
    case 4:
      asm volatile("fldlg2" : "=t"(r));
      break;
    case 5:
      asm volatile("fldln2" : "=t"(r));
      break;
    default:
      asm volatile("fldz" : "=t"(r));
      break;
  }
#else
  switch (which) {
    case 0:
      r = 1;
      break;
    case 1:
      r = 3.321928094887362347870319429489390175865L;
      break;
    case 2:
      r = 1.442695040888963407359924681001892137427L;
      break;
    case 3:
      r = 3.141592653589793238462643383279502884197L;
      break;
    case 4:
      r = 0.301029995663981195213738894724493026768L;
      break;
    case 5:
      r = 0.693147180559945309417232121458176568076L;
      break;
    default:
      r = 0;
      break;
  }
#endif
  return r;
}

// The core operations. On an x86-64 host they are the host's own x87 instructions, and the
// status word (exceptions, and C1 = rounded up) is read right after them, before any store
// could change C1. Elsewhere they are C operations and the status comes from <cfenv>.
#if defined(__x86_64__)
#define XISA_X87_BINARY(insn) \
  asm volatile(insn " %%st(1), %%st(0)\n\tfnstsw %1" : "=t"(r), "=m"(sw) : "0"(a), "u"(b))
#define XISA_X87_UNARY(insn) asm volatile(insn "\n\tfnstsw %1" : "=t"(r), "=m"(sw) : "0"(a))
#define XISA_X87_IMPLICIT(insn) \
  asm volatile(insn "\n\tfnstsw %1" : "=t"(r), "=m"(sw) : "0"(a), "u"(b))
#endif

LD arith(X87Op op, LD a, LD b, uint16_t& status) {
  LD r;
#if defined(__x86_64__)
  uint16_t sw = 0;
  switch (op) {
    case X87Op::Add:
      XISA_X87_BINARY("fadd");
      break;
    case X87Op::Sub:
      XISA_X87_BINARY("fsub");
      break;
    case X87Op::Mul:
      XISA_X87_BINARY("fmul");
      break;
    case X87Op::Div:
      XISA_X87_BINARY("fdiv");
      break;
    case X87Op::Scale:
      XISA_X87_IMPLICIT("fscale");
      break;
    case X87Op::Sqrt:
      XISA_X87_UNARY("fsqrt");
      break;
    default:
      XISA_X87_UNARY("frndint");
      break;
  }
  status = static_cast<uint16_t>(sw & (0x3f | kC1));
#else
  volatile LD x = a, y = b;
  switch (op) {
    case X87Op::Add:
      r = x + y;
      break;
    case X87Op::Sub:
      r = x - y;
      break;
    case X87Op::Mul:
      r = x * y;
      break;
    case X87Op::Div:
      r = x / y;
      break;
    case X87Op::Scale:
      r = std::scalbn(x, static_cast<int>(std::trunc(y)));
      break;
    case X87Op::Sqrt:
      r = std::sqrt(x);
      break;
    default:
      r = std::rint(x);
      break;
  }
  status = HostFpu::status();
#endif
  return r;
}

// FPREM/FPREM1: the partial remainder and the condition codes (C2 = incomplete, C0 C3 C1 =
// quotient bits 2, 1, 0... as the SDM orders them).
LD partial_remainder(bool ieee, LD a, LD b, uint16_t& status) {
  LD r;
#if defined(__x86_64__)
  uint16_t sw = 0;
  if (ieee)
    XISA_X87_IMPLICIT("fprem1");
  else
    XISA_X87_IMPLICIT("fprem");
  status = static_cast<uint16_t>(sw & (0x3f | kC0 | kC1 | kC2 | kC3));
#else
  int q = 0;
  if (ieee) {
    r = std::remquo(a, b, &q);
  } else {
    r = std::fmod(a, b);
    q = std::isfinite(a / b) ? static_cast<int>(std::fmod(std::trunc(a / b), LD{8})) : 0;
  }
  q = q < 0 ? -q : q;
  status = static_cast<uint16_t>((HostFpu::status() & 0x3f) | ((q & 4) ? kC0 : 0) |
                                 ((q & 2) ? kC3 : 0) | ((q & 1) ? kC1 : 0));
#endif
  return r;
}

namespace {
template <typename T>
T narrow(LD v, uint16_t& status) {
  T out;
#if defined(__x86_64__)
  uint16_t sw = 0;
  if constexpr (sizeof(T) == 4)
    asm volatile("fsts %0\n\tfnstsw %1" : "=m"(out), "=m"(sw) : "t"(v));
  else
    asm volatile("fstl %0\n\tfnstsw %1" : "=m"(out), "=m"(sw) : "t"(v));
  status = static_cast<uint16_t>(sw & (0x3f | kC1));
#else
  volatile T x = static_cast<T>(v);
  out = x;
  status = HostFpu::status();
#endif
  return out;
}
}  // namespace

float narrow_to_float(LD v, uint16_t& status) {
  return narrow<float>(v, status);
}
double narrow_to_double(LD v, uint16_t& status) {
  return narrow<double>(v, status);
}

bool host_runs(X87Op op) {
  if (kSoftX87) return false;
  switch (op) {
    case X87Op::Extract:
    case X87Op::F2xm1:
    case X87Op::Yl2x:
    case X87Op::Yl2xp1:
    case X87Op::Ptan:
    case X87Op::Patan:
    case X87Op::Sin:
    case X87Op::Cos:
    case X87Op::SinCos:
    case X87Op::Prem:
    case X87Op::Prem1:
    case X87Op::LoadBcd:
    case X87Op::StoreBcd:
      return true;
    default:
      return false;
  }
}

#if defined(__x86_64__)
namespace {
struct SaveImage {
  uint8_t bytes[kSaveImageBytes];
};
struct Bcd {
  uint8_t bytes[10];
};
}  // namespace

// Every x87 register is clobbered: FRSTOR replaces them and FNSAVE leaves the unit empty.
#define XISA_X87_ON_IMAGE(insn)                     \
  asm volatile("frstor %0\n\t" insn "\n\tfnsave %0" \
               : "+m"(*img), "+m"(*mem)             \
               :                                    \
               : "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)", "memory")

void run_on_host(X87Op op, uint8_t* image, uint8_t* bcd) {
  auto* img = reinterpret_cast<SaveImage*>(image);
  Bcd scratch{};
  auto* mem = bcd ? reinterpret_cast<Bcd*>(bcd) : &scratch;
  switch (op) {
    case X87Op::Extract:
      XISA_X87_ON_IMAGE("fxtract");
      break;
    case X87Op::F2xm1:
      XISA_X87_ON_IMAGE("f2xm1");
      break;
    case X87Op::Yl2x:
      XISA_X87_ON_IMAGE("fyl2x");
      break;
    case X87Op::Yl2xp1:
      XISA_X87_ON_IMAGE("fyl2xp1");
      break;
    case X87Op::Ptan:
      XISA_X87_ON_IMAGE("fptan");
      break;
    case X87Op::Patan:
      XISA_X87_ON_IMAGE("fpatan");
      break;
    case X87Op::Sin:
      XISA_X87_ON_IMAGE("fsin");
      break;
    case X87Op::Cos:
      XISA_X87_ON_IMAGE("fcos");
      break;
    case X87Op::SinCos:
      XISA_X87_ON_IMAGE("fsincos");
      break;
    case X87Op::Prem:
      XISA_X87_ON_IMAGE("fprem");
      break;
    case X87Op::Prem1:
      XISA_X87_ON_IMAGE("fprem1");
      break;
    case X87Op::LoadBcd:
      XISA_X87_ON_IMAGE("fbld %1");
      break;
    case X87Op::StoreBcd:
      XISA_X87_ON_IMAGE("fbstp %1");
      break;
    default:
      std::abort();  // not one of host_runs
  }
}
#undef XISA_X87_ON_IMAGE
#else
void run_on_host(X87Op, uint8_t*, uint8_t*) {
  std::abort();  // host_runs is false on this host
}
#endif

}  // namespace xisa::x86_64::x87
