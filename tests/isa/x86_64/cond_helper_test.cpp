// compute_cond (one condition from the lazy flag state, for readers in a later block) must
// agree with the SDM's condition table applied to the full EFLAGS that compute_eflags builds.
#include <gtest/gtest.h>

#include <random>

#include "frontend/x86_64/flags_formulas.h"

namespace xisa::x86_64 {
namespace {

bool sdm_condition(uint64_t fl, Cond c) {
  const bool cf = fl >> kCF & 1, pf = fl >> kPF & 1, zf = fl >> kZF & 1, sf = fl >> kSF & 1,
             of = fl >> kOF & 1;
  bool v = false;
  switch (static_cast<Cond>(static_cast<unsigned>(c) & ~1u)) {
    case Cond::O: v = of; break;
    case Cond::B: v = cf; break;
    case Cond::E: v = zf; break;
    case Cond::BE: v = cf || zf; break;
    case Cond::S: v = sf; break;
    case Cond::P: v = pf; break;
    case Cond::L: v = sf != of; break;
    case Cond::LE: v = zf || sf != of; break;
    default: break;
  }
  return (static_cast<unsigned>(c) & 1) ? !v : v;
}

TEST(X86Flags, ConditionFromLazyStateMatchesTheEflagsTable) {
  std::mt19937_64 rng(7);
  const uint64_t edges[] = {0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff,
                            0x80000000, 0xffffffff, 0x7fffffffffffffff, 0x8000000000000000,
                            ~uint64_t{0}};
  auto pick = [&] { return rng() % 3 ? edges[rng() % std::size(edges)] : rng(); };
  for (unsigned kind = 0; kind <= static_cast<unsigned>(CcKind::Mul); ++kind) {
    for (unsigned bits : {8u, 16u, 32u, 64u}) {
      for (int n = 0; n < 2000; ++n) {
        const uint64_t mask = bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
        const uint64_t s1 = pick() & mask, s2 = pick() & mask;
        uint64_t res = pick() & mask;
        const auto k = static_cast<CcKind>(kind);
        if (k == CcKind::Add) res = (s1 + s2) & mask;
        if (k == CcKind::Sub) res = (s1 - s2) & mask;
        if (k == CcKind::Inc) res = (s1 + 1) & mask;
        if (k == CcKind::Dec) res = (s1 - 1) & mask;
        const uint64_t op = cc_op_code(k, bits);
        const uint64_t src2 = (k == CcKind::Inc || k == CcKind::Dec) ? (s2 & 1) : s2;
        const uint64_t fl = compute_eflags(op, s1, src2, res);
        for (unsigned c = 0; c < 16; ++c)
          ASSERT_EQ(compute_cond(op, s1, src2, res, static_cast<Cond>(c)),
                    sdm_condition(fl, static_cast<Cond>(c)))
              << "kind " << kind << " bits " << bits << " cond " << c << " s1 " << s1 << " s2 "
              << src2 << " res " << res;
      }
    }
  }
}

}  // namespace
}  // namespace xisa::x86_64
