// FMA3 (SDM vol. 2, VFMADD132PS ... VFNMSUB231SD, VFMADDSUB/VFMSUBADD): a * b + c rounded once,
// with the product or the addend negated. What the lifter and the exact helper share: which
// operands are a, b and c, and which lanes negate what.
#pragma once

#include <cstdint>

#include "frontend/x86_64/sse_fp_helpers.h"
#include "ir/helpers.h"

namespace xisa::x86_64 {

enum class FmaKind : uint8_t {
  MulAdd,     // VFMADD: a * b + c
  MulSub,     // VFMSUB: a * b - c
  NegMulAdd,  // VFNMADD: -(a * b) + c
  NegMulSub,  // VFNMSUB: -(a * b) - c
  AddSub,     // VFMADDSUB: even lanes a * b - c, odd lanes a * b + c
  SubAdd,     // VFMSUBADD: even lanes a * b + c, odd lanes a * b - c
};

// The digits of the mnemonic: which operands (1 = destination, 2 = VEX.vvvv, 3 = r/m) are
// multiplied and which one is added.
enum class FmaOrder : uint8_t { k132, k213, k231 };

struct FmaRoles {
  uint8_t a, b, c;  // operand indexes 0-2 (destination, vvvv, r/m)
};
constexpr FmaRoles fma_roles(FmaOrder order) {
  switch (order) {
    case FmaOrder::k132:
      return {0, 2, 1};
    case FmaOrder::k213:
      return {1, 0, 2};
    default:
      return {1, 2, 0};
  }
}

constexpr bool fma_negates_product(FmaKind k) {
  return k == FmaKind::NegMulAdd || k == FmaKind::NegMulSub;
}
constexpr bool fma_negates_addend(FmaKind k, unsigned lane) {
  switch (k) {
    case FmaKind::MulSub:
    case FmaKind::NegMulSub:
      return true;
    case FmaKind::AddSub:
      return lane % 2 == 0;
    case FmaKind::SubAdd:
      return lane % 2 == 1;
    default:
      return false;
  }
}

// x86_fma(state, desc, src3_lo, src3_hi): the destination slot (X86_64State::vec) becomes the
// result; the vvvv source is read from its slot, the r/m source comes as its bits.
constexpr uint64_t fma_desc(FmaKind kind, FmaOrder order, SseFormat format, unsigned dst_slot,
                            unsigned src2_slot) {
  return static_cast<uint64_t>(kind) | (static_cast<uint64_t>(order) << 8) |
         (static_cast<uint64_t>(format) << 16) | (uint64_t{dst_slot} << 24) |
         (uint64_t{src2_slot} << 32);
}
extern const ir::HelperInfo kFmaHelper;

}  // namespace xisa::x86_64
