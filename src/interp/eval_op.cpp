// Pure IR op semantics on 64-bit (and for a few ops 128-bit) slots.
#include "interp/eval_op.h"

#include <bit>
#include <cassert>
#include <cmath>

namespace xisa::interp {

using ir::Opcode;
using ir::Type;

uint64_t mask_to(Type t, uint64_t v) {
  switch (t) {
    case Type::I8:
      return v & 0xff;
    case Type::I16:
      return v & 0xffff;
    case Type::I32:
    case Type::F32:
      return v & 0xffffffffu;
    default:
      return v;
  }
}

namespace {

int64_t sext(unsigned bits, uint64_t v) {
  if (bits >= 64) return static_cast<int64_t>(v);
  const unsigned s = 64 - bits;
  return static_cast<int64_t>(v << s) >> s;
}

uint64_t mul_high(unsigned bits, uint64_t a, uint64_t b, bool a_signed, bool b_signed) {
  using i128 = __int128;
  using u128 = unsigned __int128;
  if (bits == 64) {
    // Full 128-bit product of 64-bit operands; signed/unsigned mixing needs care.
    u128 ua = a, ub = b;
    u128 p = ua * ub;
    uint64_t hi = static_cast<uint64_t>(p >> 64);
    if (a_signed && static_cast<int64_t>(a) < 0) hi -= b;
    if (b_signed && static_cast<int64_t>(b) < 0) hi -= a;
    return hi;
  }
  const i128 x = a_signed ? i128{sext(bits, a)} : static_cast<i128>(a);
  const i128 y = b_signed ? i128{sext(bits, b)} : static_cast<i128>(b);
  const i128 p = x * y;
  return static_cast<uint64_t>(static_cast<u128>(p) >> bits);
}

uint64_t int_binary(Opcode op, unsigned bits, uint64_t a, uint64_t b) {
  const uint64_t sh = b & (bits - 1);
  const int64_t sa = sext(bits, a), sb = sext(bits, b);
  const int64_t min = bits == 64 ? INT64_MIN : -(int64_t{1} << (bits - 1));
  switch (op) {
    case Opcode::Add:
      return a + b;
    case Opcode::Sub:
      return a - b;
    case Opcode::Mul:
      return a * b;
    case Opcode::MulHiU:
      return mul_high(bits, a, b, false, false);
    case Opcode::MulHiS:
      return mul_high(bits, a, b, true, true);
    case Opcode::MulHiSU:
      return mul_high(bits, a, b, true, false);
    case Opcode::DivU:
      return b == 0 ? 0 : a / b;
    case Opcode::RemU:
      return b == 0 ? a : a % b;
    case Opcode::DivS:
      if (sb == 0) return 0;
      if (sa == min && sb == -1) return static_cast<uint64_t>(min);
      return static_cast<uint64_t>(sa / sb);
    case Opcode::RemS:
      if (sb == 0) return a;
      if (sa == min && sb == -1) return 0;
      return static_cast<uint64_t>(sa % sb);
    case Opcode::And:
      return a & b;
    case Opcode::Or:
      return a | b;
    case Opcode::Xor:
      return a ^ b;
    case Opcode::Shl:
      return a << sh;
    case Opcode::ShrL:
      return a >> sh;
    case Opcode::ShrA:
      return static_cast<uint64_t>(sa >> sh);
    case Opcode::RotL:
      return sh == 0 ? a : (a << sh) | (a >> (bits - sh));
    case Opcode::RotR:
      return sh == 0 ? a : (a >> sh) | (a << (bits - sh));
    default:
      assert(false);
      return 0;
  }
}

// The same ops on i128 (no lifter emits them yet; the JIT leaves them to the interpreter).
// int_binary's 64-bit arithmetic would drop the high half and shift out of range.
Slot int_binary128(Opcode op, const Slot& x, const Slot& y) {
  using u128 = unsigned __int128;
  using i128 = __int128;
  const u128 a = (u128{x.hi} << 64) | x.lo, b = (u128{y.hi} << 64) | y.lo;
  const i128 sa = static_cast<i128>(a), sb = static_cast<i128>(b);
  const i128 min = static_cast<i128>(u128{1} << 127);
  const unsigned sh = static_cast<unsigned>(b & 127);
  u128 r = 0;
  switch (op) {
    case Opcode::Add:
      r = a + b;
      break;
    case Opcode::Sub:
      r = a - b;
      break;
    case Opcode::Mul:
      r = a * b;
      break;
    case Opcode::DivU:
      r = b == 0 ? 0 : a / b;
      break;
    case Opcode::RemU:
      r = b == 0 ? a : a % b;
      break;
    case Opcode::DivS:
      r = sb == 0 ? 0 : sa == min && sb == -1 ? a : static_cast<u128>(sa / sb);
      break;
    case Opcode::RemS:
      r = sb == 0 ? a : sa == min && sb == -1 ? 0 : static_cast<u128>(sa % sb);
      break;
    case Opcode::And:
      r = a & b;
      break;
    case Opcode::Or:
      r = a | b;
      break;
    case Opcode::Xor:
      r = a ^ b;
      break;
    case Opcode::Shl:
      r = a << sh;
      break;
    case Opcode::ShrL:
      r = a >> sh;
      break;
    case Opcode::ShrA:
      r = static_cast<u128>(sa >> sh);
      break;
    case Opcode::RotL:
      r = sh == 0 ? a : (a << sh) | (a >> (128 - sh));
      break;
    case Opcode::RotR:
      r = sh == 0 ? a : (a >> sh) | (a << (128 - sh));
      break;
    default:
      assert(false && "no 128-bit semantics for this op");
      break;
  }
  return Slot{static_cast<uint64_t>(r), static_cast<uint64_t>(r >> 64)};
}

uint64_t int_unary(Opcode op, unsigned bits, uint64_t a) {
  switch (op) {
    case Opcode::Not:
      return ~a;
    case Opcode::Neg:
      return 0 - a;
    case Opcode::Clz:
      return a == 0 ? bits : static_cast<uint64_t>(std::countl_zero(a) - (64 - bits));
    case Opcode::Ctz:
      return a == 0 ? bits : static_cast<uint64_t>(std::countr_zero(a));
    case Opcode::Popcnt:
      return static_cast<uint64_t>(std::popcount(a));
    case Opcode::Bswap:
      return __builtin_bswap64(a) >> (64 - bits);
    default:
      assert(false);
      return 0;
  }
}

bool int_compare(Opcode op, unsigned bits, uint64_t a, uint64_t b) {
  switch (op) {
    case Opcode::CmpEq:
      return a == b;
    case Opcode::CmpNe:
      return a != b;
    case Opcode::CmpLtS:
      return sext(bits, a) < sext(bits, b);
    case Opcode::CmpLtU:
      return a < b;
    case Opcode::CmpLeS:
      return sext(bits, a) <= sext(bits, b);
    case Opcode::CmpLeU:
      return a <= b;
    default:
      assert(false);
      return false;
  }
}

// NzcvAdd/NzcvSub: AArch64's AddWithCarry flags of a + b or a - b (= a + ~b + 1) at `bits`,
// operands already masked to that width.
uint64_t nzcv(bool sub, unsigned bits, uint64_t a, uint64_t b) {
  const uint64_t mask = bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
  const uint64_t r = (sub ? a - b : a + b) & mask;
  const uint64_t sign = uint64_t{1} << (bits - 1);
  const uint64_t n = (r & sign) != 0, z = r == 0;
  const uint64_t c = sub ? a >= b : r < a;
  // Overflow: the operands' signs agree (ADDS) or differ (SUBS), and the result's differs from a's.
  const uint64_t v = (((sub ? a ^ b : ~(a ^ b)) & (a ^ r) & sign) != 0);
  return n | z << 8 | c << 16 | v << 24;
}

// The host's own square root and fused multiply-add, so that the interpreter raises exactly
// the flags the JIT's instructions do: the flags carry FP exceptions to the guest
// (common/host_fp_env.h). std::sqrt may call libm, whose checks of the operand raise more;
// std::fma is a software routine unless the code is built for FMA.
#if defined(__x86_64__)
double host_sqrt(double a) {
  asm volatile("sqrtsd %1, %0" : "=x"(a) : "x"(a));
  return a;
}
float host_sqrt(float a) {
  asm volatile("sqrtss %1, %0" : "=x"(a) : "x"(a));
  return a;
}
__attribute__((target("fma"))) double fma_instruction(double a, double b, double c) {
  return __builtin_fma(a, b, c);
}
__attribute__((target("fma"))) float fma_instruction(float a, float b, float c) {
  return __builtin_fmaf(a, b, c);
}
template <typename T>
T host_fma(T a, T b, T c) {
  static const bool kFma = __builtin_cpu_supports("fma");
  return kFma ? fma_instruction(a, b, c) : std::fma(a, b, c);
}
// ADDSD ... DIVSS with a as the destination, so that a NaN result is SSE's as ops.def says (a
// compiler may swap the operands of a + b, which IEEE lets it do).
#define XISA_SSE_BINARY(name, sd, ss)                \
  template <typename T>                              \
  T name(T a, T b) {                                 \
    if constexpr (sizeof(T) == 8)                    \
      asm volatile(sd " %1, %0" : "+x"(a) : "x"(b)); \
    else                                             \
      asm volatile(ss " %1, %0" : "+x"(a) : "x"(b)); \
    return a;                                        \
  }
XISA_SSE_BINARY(host_add, "addsd", "addss")
XISA_SSE_BINARY(host_sub, "subsd", "subss")
XISA_SSE_BINARY(host_mul, "mulsd", "mulss")
XISA_SSE_BINARY(host_div, "divsd", "divss")
#undef XISA_SSE_BINARY
#else
template <typename T>
T host_add(T a, T b) {
  return a + b;
}
template <typename T>
T host_sub(T a, T b) {
  return a - b;
}
template <typename T>
T host_mul(T a, T b) {
  return a * b;
}
template <typename T>
T host_div(T a, T b) {
  return a / b;
}
template <typename T>
T host_sqrt(T a) {
  return std::sqrt(a);
}
template <typename T>
T host_fma(T a, T b, T c) {
  return std::fma(a, b, c);
}
#endif

template <typename T>
T fp_eval(Opcode op, T a, T b, T c) {
  switch (op) {
    case Opcode::FAdd:
      return host_add(a, b);
    case Opcode::FSub:
      return host_sub(a, b);
    case Opcode::FMul:
      return host_mul(a, b);
    case Opcode::FDiv:
      return host_div(a, b);
    case Opcode::FSqrt:
      return host_sqrt(a);
    case Opcode::FMulAdd:
      return host_fma(a, b, c);
    case Opcode::FAbs:
      return std::fabs(a);
    case Opcode::FNeg:
      return -a;
    default:
      assert(false);
      return a;
  }
}

template <typename T>
bool fp_compare(Opcode op, T a, T b) {
  switch (op) {
    case Opcode::FCmpEq:
      return a == b;
    case Opcode::FCmpLt:
      return std::isless(a, b);
    case Opcode::FCmpLe:
      return std::islessequal(a, b);
    case Opcode::FCmpUnordered:
      return std::isunordered(a, b);
    case Opcode::FCmpUeq:
      return std::isunordered(a, b) || a == b;
    default:
      assert(false);
      return false;
  }
}

}  // namespace

// The FP ops round to nearest even: the host environment xisa runs in.
uint64_t fp_op(Opcode op, Type t, const Slot* args, unsigned nargs) {
  uint64_t v[3] = {};
  for (unsigned a = 0; a < nargs; ++a) v[a] = args[a].lo;
  if (t == Type::F32) {
    auto f = [&](unsigned a) { return std::bit_cast<float>(static_cast<uint32_t>(v[a])); };
    return std::bit_cast<uint32_t>(fp_eval<float>(op, f(0), f(1), f(2)));
  }
  auto d = [&](unsigned a) { return std::bit_cast<double>(v[a]); };
  return std::bit_cast<uint64_t>(fp_eval<double>(op, d(0), d(1), d(2)));
}

Slot eval_pure(const ir::Inst& inst, Type arg_type, const Slot* args) {
  const Type t = inst.type;
  const unsigned bits = ir::type_bits(t);
  Slot r;
  switch (ir::op_info(inst.op).signature) {
    case ir::Signature::Nullary:
      r.lo = mask_to(t, inst.imm);
      r.hi = inst.aux;
      return r;
    case ir::Signature::Binary:
      if (t == Type::I128) return int_binary128(inst.op, args[0], args[1]);
      r.lo = mask_to(t, int_binary(inst.op, bits, args[0].lo, args[1].lo));
      return r;
    case ir::Signature::Unary:
      r.lo = mask_to(t, int_unary(inst.op, bits, args[0].lo));
      return r;
    case ir::Signature::Compare:
      r.lo = int_compare(inst.op, ir::type_bits(arg_type), args[0].lo, args[1].lo) ? 1 : 0;
      return r;
    case ir::Signature::Flags:
      r.lo = nzcv(inst.op == Opcode::NzcvSub, ir::type_bits(arg_type), args[0].lo, args[1].lo);
      return r;
    case ir::Signature::Select:
      return args[0].lo ? args[1] : args[2];
    case ir::Signature::Convert: {
      const unsigned from = ir::type_bits(arg_type);
      if (inst.op == Opcode::SExt) {
        const int64_t v = sext(from, args[0].lo);
        r.lo = mask_to(t, static_cast<uint64_t>(v));
        r.hi = t == Type::I128 && v < 0 ? ~uint64_t{0} : 0;
      } else {
        r.lo = mask_to(t, args[0].lo);
        r.hi = t == Type::I128 ? args[0].hi : 0;
      }
      return r;
    }
    case ir::Signature::Bitcast:
      return args[0];
    case ir::Signature::FBinary:
    case ir::Signature::FUnary:
    case ir::Signature::FTernary:
      r.lo = fp_op(inst.op, t, args, inst.nargs);
      return r;
    case ir::Signature::FCompare:
      if (arg_type == Type::F32)
        r.lo = fp_compare(inst.op, std::bit_cast<float>(static_cast<uint32_t>(args[0].lo)),
                          std::bit_cast<float>(static_cast<uint32_t>(args[1].lo)));
      else
        r.lo = fp_compare(inst.op, std::bit_cast<double>(args[0].lo),
                          std::bit_cast<double>(args[1].lo));
      return r;
    case ir::Signature::VBinary:
    case ir::Signature::VUnary:
    case ir::Signature::VTernary:
    case ir::Signature::VDup:
    case ir::Signature::VExtract:
    case ir::Signature::VInsert:
      return eval_vector(inst, args);
    default:
      assert(false && "eval_pure on an impure op");
      return r;
  }
}

}  // namespace xisa::interp
