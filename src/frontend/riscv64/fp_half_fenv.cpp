// The Zfh helpers: half-precision arithmetic rounded in software (common/binary16) from the
// host's double result rounded to odd, which a half's operands never overflow or underflow in;
// everything exact (min/max, compares, rounding to integral, conversions to integers) widens the
// halves to doubles, runs the double helper and narrows its result back, which is exact too.
// Halves are NaN-boxed in 64-bit registers: anything else reads as the canonical NaN.
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <string>

#include "common/binary16.h"
#include "frontend/riscv64/fp_env.h"
#include "frontend/riscv64/fp_helpers_internal.h"

namespace xisa::riscv64::fp {

namespace {

constexpr uint16_t kHalfNaN = Format<Half>::kCanonicalNaN;

uint16_t unbox_half(uint64_t reg) {
  return (reg >> 16) == 0xffffffffffffull ? static_cast<uint16_t>(reg) : kHalfNaN;
}
uint64_t box_half(uint16_t h) {
  return Format<Half>::kBox | h;
}

binary16::Rounding rounding_of(unsigned rm) {
  constexpr binary16::Rounding kModes[] = {binary16::Rounding::NearestEven,
                                           binary16::Rounding::TowardZero, binary16::Rounding::Down,
                                           binary16::Rounding::Up, binary16::Rounding::NearestAway};
  return kModes[rm];
}

uint32_t fflags_of(uint32_t raised) {
  return ((raised & binary16::kInexact) ? kNX : 0) | ((raised & binary16::kUnderflow) ? kUF : 0) |
         ((raised & binary16::kOverflow) ? kOF : 0);
}

// x (not a NaN) rounded to a half under the instruction's rm, flags into fflags.
uint64_t round_to_half(Riscv64State& s, double x, uint64_t rm_field) {
  uint32_t raised = 0;
  const uint16_t h = binary16::from_double(x, rounding_of(resolve_rm(s, rm_field)), raised);
  s.fflags |= fflags_of(raised);
  return box_half(h);
}

// The double register image of f[r] read as a half: its value, exactly; a NaN keeps its sign,
// its quiet bit and a payload, so the double helpers see a signaling NaN as one.
uint64_t widen(uint64_t reg) {
  const uint16_t h = unbox_half(reg);
  if (binary16::is_nan(h))
    return (uint64_t{h & 0x8000u} << 48) | 0x7ff0000000000000ull | (uint64_t{h & 0x3ffu} << 42);
  return std::bit_cast<uint64_t>(binary16::to_double(h));
}

// A double helper's result that is a half's value (or a NaN) as the half register image.
uint64_t narrow_exact(uint64_t double_reg) {
  const double v = std::bit_cast<double>(double_reg);
  if (std::isnan(v)) return box_half(kHalfNaN);
  uint32_t ignored = 0;
  return box_half(binary16::from_double(v, binary16::Rounding::NearestEven, ignored));
}

template <FpOp Op>
uint64_t via_double(void* state, uint64_t a, uint64_t b, uint64_t c) {
  const ir::HelperFn fn =
      arith_helper_fn<double>(Op) ? arith_helper_fn<double>(Op) : convert_helper_fn<double>(Op);
  constexpr bool kTwoHalves = Op == FpOp::Min || Op == FpOp::Max || Op == FpOp::MinM ||
                              Op == FpOp::MaxM || Op == FpOp::Eq || Op == FpOp::Lt ||
                              Op == FpOp::Le || Op == FpOp::Leq || Op == FpOp::Ltq;
  constexpr bool kHalfResult = Op == FpOp::Min || Op == FpOp::Max || Op == FpOp::MinM ||
                               Op == FpOp::MaxM || Op == FpOp::Round || Op == FpOp::RoundNx;
  const uint64_t r = fn(state, widen(a), kTwoHalves ? widen(b) : b, c);
  return kHalfResult ? narrow_exact(r) : r;
}

// Any NaN operand: the canonical NaN, NV for a signaling one (or for inf * 0 in a fused
// multiply-add, whatever its addend).
bool nan_result(Riscv64State& s, std::initializer_list<uint16_t> ops) {
  bool nan = false;
  for (const uint16_t h : ops) {
    if (binary16::is_signaling_nan(h)) s.fflags |= kNV;
    nan |= binary16::is_nan(h);
  }
  return nan;
}

// op() on doubles rounded toward zero, then to odd: the last bit set when inexact. NV and DZ are
// the host's; a half's operands never make the double overflow or underflow. An exact zero sum
// takes its sign from the rounding mode (-0 only when rounding down), so it is computed again
// in the instruction's mode.
template <typename Op>
double to_odd(Riscv64State& s, uint64_t rm_field, const Op& op) {
  uint32_t flags = 0;
  const double r = eval_in_mode<double>(FE_TOWARDZERO, op, flags);
  s.fflags |= flags & (kNV | kDZ);
  if (r == 0 && !(flags & kNX)) {
    uint32_t ignored = 0;
    return eval_in_mode<double>(host_rounding_mode(resolve_rm(s, rm_field)), op, ignored);
  }
  if (!(flags & kNX) || std::isnan(r) || std::isinf(r)) return r;
  return std::bit_cast<double>(std::bit_cast<uint64_t>(r) | 1);
}

uint64_t rounded_result(Riscv64State& s, double r, uint64_t rm_field) {
  return std::isnan(r) ? box_half(kHalfNaN) : round_to_half(s, r, rm_field);
}

template <FpOp Op>
uint64_t arith(void* state, uint64_t a_reg, uint64_t b_reg, uint64_t rm_arg) {
  Riscv64State& s = state_of(state);
  const uint16_t a = unbox_half(a_reg);
  const uint16_t b = unbox_half(b_reg);
  if (nan_result(s, Op == FpOp::Sqrt ? std::initializer_list<uint16_t>{a}
                                     : std::initializer_list<uint16_t>{a, b}))
    return box_half(kHalfNaN);
  const double x = binary16::to_double(a);
  const double y = binary16::to_double(b);
  const uint64_t rm_field = Op == FpOp::Sqrt ? b_reg : rm_arg;
  const double r = to_odd(s, rm_field, [x, y] {
    const double p = opaque(x), q = opaque(y);
    if constexpr (Op == FpOp::Add)
      return p + q;
    else if constexpr (Op == FpOp::Sub)
      return p - q;
    else if constexpr (Op == FpOp::Mul)
      return p * q;
    else if constexpr (Op == FpOp::Div)
      return p / q;
    else
      return std::sqrt(p);
  });
  return rounded_result(s, r, rm_field);
}

template <unsigned RmField>
uint64_t fused(void* state, uint64_t a_reg, uint64_t b_reg, uint64_t c_reg) {
  Riscv64State& s = state_of(state);
  const uint16_t a = unbox_half(a_reg), b = unbox_half(b_reg), c = unbox_half(c_reg);
  const auto is_inf = [](uint16_t h) { return (h & 0x7fff) == 0x7c00; };
  const auto is_zero = [](uint16_t h) { return (h & 0x7fff) == 0; };
  if ((is_inf(a) && is_zero(b)) || (is_zero(a) && is_inf(b))) s.fflags |= kNV;
  if (nan_result(s, {a, b, c})) return box_half(kHalfNaN);
  const double x = binary16::to_double(a), y = binary16::to_double(b);
  const double z = binary16::to_double(c);
  const double r =
      to_odd(s, RmField, [x, y, z] { return std::fma(opaque(x), opaque(y), opaque(z)); });
  return rounded_result(s, r, RmField);
}

// fcvt.h.{w,wu,l,lu}: 64-bit integers may need rounding on the way to a double too: to odd.
template <typename I>
uint64_t from_int(void* state, uint64_t x_reg, uint64_t rm_field, uint64_t) {
  Riscv64State& s = state_of(state);
  const I v = static_cast<I>(x_reg);
  return round_to_half(s, to_odd(s, rm_field, [v] { return static_cast<double>(opaque(v)); }),
                       rm_field);
}

template <typename From>
uint64_t narrow(void* state, uint64_t a_reg, uint64_t rm_field, uint64_t) {
  Riscv64State& s = state_of(state);
  const From a = unbox<From>(a_reg);
  if (std::isnan(a)) {
    if (is_snan(a)) s.fflags |= kNV;
    return box_half(kHalfNaN);
  }
  return round_to_half(s, static_cast<double>(a), rm_field);
}

// fclass.h, from the bits (a subnormal half is a normal double).
uint64_t fclass(void*, uint64_t a_reg, uint64_t, uint64_t) {
  const uint16_t h = unbox_half(a_reg);
  const bool neg = h & 0x8000;
  const unsigned exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
  if (exp == 0x1f && mant == 0) return neg ? 1u << 0 : 1u << 7;
  if (exp == 0x1f) return (mant & 0x200) ? 1u << 9 : 1u << 8;
  if (exp != 0) return neg ? 1u << 1 : 1u << 6;
  if (mant != 0) return neg ? 1u << 2 : 1u << 5;
  return neg ? 1u << 3 : 1u << 4;
}

template <typename T>
uint64_t widen_half(void* state, uint64_t a_reg, uint64_t, uint64_t) {
  const uint16_t h = unbox_half(a_reg);
  if (binary16::is_nan(h)) {
    if (binary16::is_signaling_nan(h)) state_of(state).fflags |= kNV;
    return box(canonical_nan<T>());
  }
  return box(static_cast<T>(binary16::to_double(h)));
}

ir::HelperFn half_fn(FpOp op) {
  switch (op) {
    case FpOp::Add:
      return &arith<FpOp::Add>;
    case FpOp::Sub:
      return &arith<FpOp::Sub>;
    case FpOp::Mul:
      return &arith<FpOp::Mul>;
    case FpOp::Div:
      return &arith<FpOp::Div>;
    case FpOp::Sqrt:
      return &arith<FpOp::Sqrt>;
    case FpOp::Min:
      return &via_double<FpOp::Min>;
    case FpOp::Max:
      return &via_double<FpOp::Max>;
    case FpOp::Eq:
      return &via_double<FpOp::Eq>;
    case FpOp::Lt:
      return &via_double<FpOp::Lt>;
    case FpOp::Le:
      return &via_double<FpOp::Le>;
    case FpOp::Class:
      return &fclass;
    case FpOp::ToW:
      return &via_double<FpOp::ToW>;
    case FpOp::ToWu:
      return &via_double<FpOp::ToWu>;
    case FpOp::ToL:
      return &via_double<FpOp::ToL>;
    case FpOp::ToLu:
      return &via_double<FpOp::ToLu>;
    case FpOp::FromW:
      return &from_int<int32_t>;
    case FpOp::FromWu:
      return &from_int<uint32_t>;
    case FpOp::FromL:
      return &from_int<int64_t>;
    case FpOp::FromLu:
      return &from_int<uint64_t>;
    case FpOp::FmaRne:
      return &fused<kRne>;
    case FpOp::FmaRtz:
      return &fused<kRtz>;
    case FpOp::FmaRdn:
      return &fused<kRdn>;
    case FpOp::FmaRup:
      return &fused<kRup>;
    case FpOp::FmaRmm:
      return &fused<kRmm>;
    case FpOp::FmaDyn:
      return &fused<kDyn>;
    case FpOp::MinM:
      return &via_double<FpOp::MinM>;
    case FpOp::MaxM:
      return &via_double<FpOp::MaxM>;
    case FpOp::Leq:
      return &via_double<FpOp::Leq>;
    case FpOp::Ltq:
      return &via_double<FpOp::Ltq>;
    case FpOp::Round:
      return &via_double<FpOp::Round>;
    case FpOp::RoundNx:
      return &via_double<FpOp::RoundNx>;
    default:
      return nullptr;  // FromOther, FromHalf: kFcvtHS, kFcvtHD
  }
}

// "riscv64.<name of the single-precision helper with _s changed to _h>"
struct HalfTable {
  std::array<std::string, static_cast<size_t>(FpOp::Count)> names;
  std::array<ir::HelperInfo, static_cast<size_t>(FpOp::Count)> infos{};

  HalfTable() {
    for (size_t i = 0; i < names.size(); ++i) {
      const auto op = static_cast<FpOp>(i);
      if (!half_fn(op)) continue;
      std::string name = helper<float>(op).name;
      name.replace(name.find("_s"), 2, "_h");
      names[i] = std::move(name);
      infos[i] = ir::HelperInfo{names[i].c_str(), half_fn(op)};
    }
  }
};

const HalfTable& half_table() {
  static const HalfTable instance;  // helpers live in static storage, as CallHelper needs
  return instance;
}
// Built at start-up, not on first use: a block from the translation store calls helpers
// before anything is lifted (ir/helpers.h).
[[maybe_unused]] const bool kHalfTableBuilt = (half_table(), true);

}  // namespace

template <>
const ir::HelperInfo& helper<Half>(FpOp op) {
  return half_table().infos[static_cast<size_t>(op)];
}

template <>
const ir::HelperInfo& fma_helper<Half>(unsigned rm) {
  const unsigned index = rm == kDyn ? 5 : rm;  // FmaRne..FmaRmm, then FmaDyn
  return helper<Half>(static_cast<FpOp>(static_cast<unsigned>(FpOp::FmaRne) + index));
}

const ir::HelperInfo kFcvtHS{"riscv64.fcvt_h_s", &narrow<float>};
const ir::HelperInfo kFcvtHD{"riscv64.fcvt_h_d", &narrow<double>};

template <typename T>
ir::HelperFn widen_half_helper_fn(FpOp op) {
  return op == FpOp::FromHalf ? &widen_half<T> : nullptr;
}

template ir::HelperFn widen_half_helper_fn<float>(FpOp);
template ir::HelperFn widen_half_helper_fn<double>(FpOp);

}  // namespace xisa::riscv64::fp
