// The exact FMA3 helper: the host's fused multiply-add under MXCSR's rounding mode, with x86's
// rules for NaN operands, DAZ/FTZ and the denormal-operand flag applied here.
#include "frontend/x86_64/fma_helpers.h"

#include <cmath>

#include "frontend/x86_64/mxcsr_fp_env.h"
#include "guest/x86_64/x86_64_state.h"

namespace xisa::x86_64 {

namespace {

using namespace sse_fp;  // the helpers' shared vocabulary (mxcsr_fp_env.h)

// As the host CPU does it: a NaN operand gives the first NaN of a, b, c (in the product's and
// then the addend's order, whatever the mnemonic's digits), quieted and never negated; IE only
// for a signalling one, so 0 * inf + QNaN raises nothing. An invalid result (0 * inf,
// inf - inf) reports no denormal operand.
template <typename F>
F fused(FpEnv& env, F a, F b, F c, bool negate_product, bool negate_addend) {
  a = env.flush(a);
  b = env.flush(b);
  c = env.flush(c);
  if (is_nan(a) || is_nan(b) || is_nan(c)) {
    if (is_snan(a) || is_snan(b) || is_snan(c)) env.raise(kIE);
    return quieted(is_nan(a) ? a : is_nan(b) ? b : c);
  }
  // Negating an operand is exact, so the one rounding of the fused result stays the only one.
  volatile F x = negate_product ? -a : a, y = b, z = negate_addend ? -c : c;
  volatile F r = std::fma(static_cast<F>(x), static_cast<F>(y), static_cast<F>(z));
  if (!env.collect_reports_invalid_or_zero_divide()) {
    env.check_denormal(a);
    env.check_denormal(b);
    env.check_denormal(c);
  }
  if (is_nan<F>(r)) return default_nan<F>();
  return env.output<F>(r);
}

template <typename F>
void fused_lanes(FpEnv& env, FmaKind kind, FmaOrder order, unsigned n, Vec& d, const Vec& src2,
                 const Vec& src3) {
  const FmaRoles roles = fma_roles(order);
  for (unsigned i = 0; i < n; ++i) {
    const F operand[3] = {d.get<F>(i), src2.get<F>(i), src3.get<F>(i)};
    d.set<F>(i, fused(env, operand[roles.a], operand[roles.b], operand[roles.c],
                      fma_negates_product(kind), fma_negates_addend(kind, i)));
  }
}

uint64_t helper_fma(void* state, uint64_t desc, uint64_t src3_lo, uint64_t src3_hi) {
  auto& s = *static_cast<X86_64State*>(state);
  const auto kind = static_cast<FmaKind>(desc & 0xff);
  const auto order = static_cast<FmaOrder>((desc >> 8) & 0xff);
  const auto format = static_cast<SseFormat>((desc >> 16) & 0xff);
  const unsigned dst = (desc >> 24) & 0xff, src2_slot = (desc >> 32) & 0xff;
  Vec d{{s.vec[dst][0], s.vec[dst][1]}};
  const Vec src2{{s.vec[src2_slot][0], s.vec[src2_slot][1]}}, src3{{src3_lo, src3_hi}};
  FpEnv env(s.mxcsr);
  if (is_double_format(format))
    fused_lanes<double>(env, kind, order, lane_count(format), d, src2, src3);
  else
    fused_lanes<float>(env, kind, order, lane_count(format), d, src2, src3);
  s.vec[dst][0] = d.q[0];
  s.vec[dst][1] = d.q[1];
  s.mxcsr |= env.flags();
  return 0;
}

}  // namespace

const ir::HelperInfo kFmaHelper{"x86_fma", helper_fma};

}  // namespace xisa::x86_64
