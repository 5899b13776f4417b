// The x86 arithmetic flags as functions of the last flag-producing operation, written once
// over an abstract "domain" so the same formulas run as C++ (the x86_eflags helper that reads
// lazily stored flag state at a block's start) and emit IR (flag readers inside a block).
//
// Why lazy flags: almost every integer instruction writes six flags and almost none are read.
// Each flag producer stores (kind, src1, src2, result) in the state; a reader recomputes just
// the flags it needs. Inside a block the kind is known at lift time, so readers become a few IR
// ops (a Jcc after CMP is one compare); stores overwritten in the block are dropped by the
// forward_registers pass, which is our dead-flag elimination. Only a reader whose producer was
// in an earlier block calls the helper, which computes all flags from the stored state.
//
// Undefined flags follow what QEMU (and so Unicorn) computes: AF=0 after logic ops and shifts,
// OF from MSB(result) xor CF for every shift count, SF/ZF/PF from the low half after MUL.
#pragma once

#include <cstdint>

namespace xisa::x86_64 {

enum class CcKind : uint8_t {
  Eflags = 0,  // res holds the flags themselves (bit positions as in RFLAGS)
  Add,         // res = src1 + src2
  Sub,         // res = src1 - src2
  Logic,       // res = AND/OR/XOR/TEST result; CF = OF = 0
  Inc,         // res = src1 + 1; src2 = CF before the INC
  Dec,         // res = src1 - 1; src2 = CF before the DEC
  Shl,         // src2 = src1 << (count - 1): CF is its top bit
  Shr,         // src2 = src1 >> (count - 1) (logical or arithmetic): CF is its bit 0
  Mul,         // res = low half; src2 != 0 when the high half is significant (CF = OF)
};

enum FlagBit : unsigned { kCF = 0, kPF = 2, kAF = 4, kZF = 6, kSF = 7, kOF = 11 };
inline constexpr uint64_t kArithFlagsMask =
    (1u << kCF) | (1u << kPF) | (1u << kAF) | (1u << kZF) | (1u << kSF) | (1u << kOF);

// Condition codes in the encoding's order (the low nibble of Jcc/SETcc/CMOVcc).
enum class Cond : uint8_t { O, NO, B, AE, E, NE, BE, A, S, NS, P, NP, L, GE, LE, G };

constexpr uint64_t cc_op_code(CcKind k, unsigned bits) {
  const unsigned log2 = bits == 8 ? 0 : bits == 16 ? 1 : bits == 32 ? 2 : 3;
  return static_cast<uint64_t>(k) | (log2 << 4);
}
constexpr CcKind cc_op_kind(uint64_t op) {
  return static_cast<CcKind>(op & 15);
}
constexpr unsigned cc_op_bits(uint64_t op) {
  return 8u << ((op >> 4) & 3);
}

// D supplies: W (a value of the operation's width) and F (a 0/1 flag), and
//   k(u64) -> W, xor_(W,W), and_(W,W), bit(W, n) -> F, eq(W,W), ne(W,W), ltu(W,W), lts(W,W),
//   les(W,W) -> F, parity(W) -> F (1 when the low byte has an even number of ones),
//   f(bool) -> F, fxor(F,F), forr(F,F), bits (the width).
template <typename D>
struct FlagFormulas {
  using W = typename D::W;
  using F = typename D::F;
  D& d;
  CcKind kind;
  W s1, s2, r;

  F sign(W v) { return d.bit(v, d.bits - 1); }
  uint64_t sign_min() const { return uint64_t{1} << (d.bits - 1); }

  F cf() {
    switch (kind) {
      case CcKind::Add:
        return d.ltu(r, s1);
      case CcKind::Sub:
        return d.ltu(s1, s2);
      case CcKind::Logic:
        return d.f(false);
      case CcKind::Inc:
      case CcKind::Dec:
      case CcKind::Shr:
        return d.bit(s2, 0);
      case CcKind::Shl:
        return d.bit(s2, d.bits - 1);
      case CcKind::Mul:
        return d.ne(s2, d.k(0));
      case CcKind::Eflags:
        break;
    }
    return d.bit(r, kCF);
  }
  F pf() { return kind == CcKind::Eflags ? d.bit(r, kPF) : d.parity(r); }
  F af() {
    switch (kind) {
      case CcKind::Add:
      case CcKind::Sub:
        return d.bit(d.xor_(d.xor_(s1, s2), r), 4);
      case CcKind::Inc:
      case CcKind::Dec:
        return d.bit(d.xor_(s1, r), 4);
      case CcKind::Eflags:
        return d.bit(r, kAF);
      default:
        return d.f(false);
    }
  }
  F zf() { return kind == CcKind::Eflags ? d.bit(r, kZF) : d.eq(r, d.k(0)); }
  F sf() { return kind == CcKind::Eflags ? d.bit(r, kSF) : sign(r); }
  F of() {
    switch (kind) {
      case CcKind::Add:
        return sign(d.and_(d.xor_(s1, r), d.xor_(s2, r)));
      case CcKind::Sub:
        return sign(d.and_(d.xor_(s1, s2), d.xor_(s1, r)));
      case CcKind::Logic:
        return d.f(false);
      case CcKind::Inc:
        return d.eq(r, d.k(sign_min()));
      case CcKind::Dec:
        return d.eq(s1, d.k(sign_min()));
      case CcKind::Shl:
      case CcKind::Shr:
        return sign(d.xor_(s2, r));
      case CcKind::Mul:
        return d.ne(s2, d.k(0));
      case CcKind::Eflags:
        break;
    }
    return d.bit(r, kOF);
  }
  F flag(FlagBit f) {
    switch (f) {
      case kCF:
        return cf();
      case kPF:
        return pf();
      case kAF:
        return af();
      case kZF:
        return zf();
      case kSF:
        return sf();
      case kOF:
        return of();
    }
    return d.f(false);
  }

  // The condition, computed from as few flags as the producer allows.
  F cond(Cond c) {
    const bool negate = (static_cast<unsigned>(c) & 1) != 0;
    const F v = cond_positive(static_cast<Cond>(static_cast<unsigned>(c) & ~1u));
    return negate ? d.fxor(v, d.f(true)) : v;
  }

 private:
  F cond_positive(Cond c) {
    if (kind == CcKind::Sub) {  // CMP/SUB: compare the operands directly
      switch (c) {
        case Cond::B:
          return d.ltu(s1, s2);
        case Cond::E:
          return d.eq(s1, s2);
        case Cond::BE:
          return d.fxor(d.ltu(s2, s1), d.f(true));
        case Cond::L:
          return d.lts(s1, s2);
        case Cond::LE:
          return d.les(s1, s2);
        default:
          break;
      }
    }
    switch (c) {
      case Cond::O:
        return of();
      case Cond::B:
        return cf();
      case Cond::E:
        return zf();
      case Cond::BE:
        return d.forr(cf(), zf());
      case Cond::S:
        return sf();
      case Cond::P:
        return pf();
      case Cond::L:
        return d.fxor(sf(), of());
      case Cond::LE:
        return d.forr(zf(), d.fxor(sf(), of()));
      default:
        return d.f(false);
    }
  }
};

// The C++ domain, for the helper.
struct CppFlagDomain {
  using W = uint64_t;
  using F = uint64_t;
  unsigned bits;
  uint64_t mask() const { return bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1; }
  int64_t sx(W v) const {
    const unsigned s = 64 - bits;
    return static_cast<int64_t>(v << s) >> s;
  }
  W k(uint64_t v) const { return v & mask(); }
  W xor_(W a, W b) const { return a ^ b; }
  W and_(W a, W b) const { return a & b; }
  F bit(W v, unsigned n) const { return (v >> n) & 1; }
  F eq(W a, W b) const { return a == b; }
  F ne(W a, W b) const { return a != b; }
  F ltu(W a, W b) const { return a < b; }
  F lts(W a, W b) const { return sx(a) < sx(b); }
  F les(W a, W b) const { return sx(a) <= sx(b); }
  F parity(W v) const { return (__builtin_popcountll(v & 0xff) & 1) == 0; }
  F f(bool v) const { return v; }
  F fxor(F a, F b) const { return a ^ b; }
  F forr(F a, F b) const { return a | b; }
};

// All six arithmetic flags at their RFLAGS positions, from a stored lazy flag state.
inline uint64_t compute_eflags(uint64_t cc_op, uint64_t src1, uint64_t src2, uint64_t res) {
  CppFlagDomain d{cc_op_bits(cc_op)};
  FlagFormulas<CppFlagDomain> f{d, cc_op_kind(cc_op), d.k(src1), d.k(src2), d.k(res)};
  if (f.kind == CcKind::Eflags) return res & kArithFlagsMask;
  return (f.cf() << kCF) | (f.pf() << kPF) | (f.af() << kAF) | (f.zf() << kZF) | (f.sf() << kSF) |
         (f.of() << kOF);
}

// One condition from the lazy state: what Jcc/SETcc/CMOVcc need when the flags come from an
// earlier block, without building all of EFLAGS.
inline bool compute_cond(uint64_t cc_op, uint64_t src1, uint64_t src2, uint64_t res, Cond c) {
  CppFlagDomain d{cc_op_bits(cc_op)};
  FlagFormulas<CppFlagDomain> f{d, cc_op_kind(cc_op), d.k(src1), d.k(src2), d.k(res)};
  return f.cond(c) != 0;
}

}  // namespace xisa::x86_64
