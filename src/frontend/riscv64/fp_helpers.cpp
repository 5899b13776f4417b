// The named helper tables for the F and D extensions: one HelperInfo per (format, FpOp), named
// after the instruction ("riscv64.fadd_s", "riscv64.fcvt_w_d", "riscv64.fma_d.rmm").
#include "frontend/riscv64/fp_helpers.h"

#include <array>
#include <cassert>
#include <string>
#include <string_view>
#include <type_traits>

#include "frontend/riscv64/fp_helpers_internal.h"

namespace xisa::riscv64::fp {

namespace {

constexpr size_t kOpCount = static_cast<size_t>(FpOp::Count);

// '%' stands for the helper's format suffix and '#' for the other format's (fcvt.s.d).
constexpr std::array<std::string_view, kOpCount> kNamePatterns = {
    "fadd_%",    "fsub_%",    "fmul_%",    "fdiv_%",     "fsqrt_%",   "fmin_%",    "fmax_%",
    "feq_%",     "flt_%",     "fle_%",     "fclass_%",   "fcvt_w_%",  "fcvt_wu_%", "fcvt_l_%",
    "fcvt_lu_%", "fcvt_%_w",  "fcvt_%_wu", "fcvt_%_l",   "fcvt_%_lu", "fcvt_%_#",  "fma_%.rne",
    "fma_%.rtz", "fma_%.rdn", "fma_%.rup", "fma_%.rmm",  "fma_%.dyn", "fminm_%",   "fmaxm_%",
    "fleq_%",    "fltq_%",    "fround_%",  "froundnx_%", "fcvt_%_h"};

template <typename T>
struct HelperTable {
  std::array<std::string, kOpCount> names;
  std::array<ir::HelperInfo, kOpCount> infos;

  HelperTable() {
    using Other = std::conditional_t<std::is_same_v<T, float>, double, float>;
    for (size_t i = 0; i < kOpCount; ++i) {
      std::string name = "riscv64.";
      for (char c : kNamePatterns[i]) {
        if (c == '%')
          name += Format<T>::kSuffix;
        else if (c == '#')
          name += Format<Other>::kSuffix;
        else
          name += c;
      }
      names[i] = std::move(name);
      const auto op = static_cast<FpOp>(i);
      ir::HelperFn fn = arith_helper_fn<T>(op);
      if (!fn) fn = convert_helper_fn<T>(op);
      if (!fn) fn = widen_half_helper_fn<T>(op);
      assert(fn && "every FpOp has a helper");
      infos[i] = ir::HelperInfo{names[i].c_str(), fn};
    }
  }
};

template <typename T>
const HelperTable<T>& table() {
  static const HelperTable<T> instance;  // helpers live in static storage, as CallHelper needs
  return instance;
}
// Built at start-up, not on first use: a block from the translation store calls helpers
// before anything is lifted (ir/helpers.h).
[[maybe_unused]] const bool kTablesBuilt = (table<float>(), table<double>(), true);

}  // namespace

template <typename T>
const ir::HelperInfo& helper(FpOp op) {
  return table<T>().infos[static_cast<size_t>(op)];
}

template <typename T>
const ir::HelperInfo& fma_helper(unsigned rm) {
  assert(is_valid_rm_field(rm));
  const unsigned index = rm == kDyn ? 5 : rm;  // FmaRne..FmaRmm, then FmaDyn
  return helper<T>(static_cast<FpOp>(static_cast<unsigned>(FpOp::FmaRne) + index));
}

template const ir::HelperInfo& helper<float>(FpOp);
template const ir::HelperInfo& helper<double>(FpOp);
template const ir::HelperInfo& fma_helper<float>(unsigned);
template const ir::HelperInfo& fma_helper<double>(unsigned);

}  // namespace xisa::riscv64::fp
