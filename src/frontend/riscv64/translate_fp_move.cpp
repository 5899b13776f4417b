// RV64 F/D instructions that move bits without rounding or flags: FLW/FLD/FSW/FSD, FSGNJ*,
// FMV.X.W/FMV.W.X/FMV.X.D/FMV.D.X (Volume I, F and D chapters). All inline IR, no helpers.
#include <type_traits>

#include "frontend/riscv64/translate_fp.h"

namespace xisa::riscv64 {

namespace {

using ir::Type;

constexpr Type int_type_of_format(bool single) {
  return single ? Type::I32 : Type::I64;
}

// The register image of a single held in the low 32 bits of v (i32): NaN-boxed.
ir::Value box_single(ir::Builder& b, ir::Value v) {
  return b.or_(b.zext(Type::I64, v), b.imm64(fp::Format<float>::kBox));
}

// FLW NaN-boxes the loaded word; FLD loads the register image.
template <typename T>
bool load(Lifter& l, uint32_t insn) {
  constexpr bool kSingle = std::is_same_v<T, float>;
  ir::Builder& b = l.b;
  const ir::Value addr = b.add(l.x(rs1(insn)), b.imm64(static_cast<uint64_t>(imm_i(insn))));
  const ir::Value v = b.load(int_type_of_format(kSingle), addr);
  l.set_f(rd(insn), kSingle ? box_single(b, v) : v);
  return true;
}

// FSW stores the low 32 bits as they are, boxed or not (a transfer, not an operation).
template <typename T>
bool store(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const ir::Value addr = b.add(l.x(rs1(insn)), b.imm64(static_cast<uint64_t>(imm_s(insn))));
  b.store(addr, b.trunc(int_type_of_format(std::is_same_v<T, float>), l.f(rs2(insn))));
  return true;
}

// f[r] as an operand of format T, as a 64-bit register image: a single that is not properly
// NaN-boxed reads as the (boxed) canonical NaN. Doubles pass through.
template <typename T>
ir::Value read_operand(Lifter& l, unsigned r) {
  const ir::Value raw = l.f(r);
  if constexpr (std::is_same_v<T, float>) {
    ir::Builder& b = l.b;
    const ir::Value boxed = b.eq(b.shr(raw, b.imm64(32)), b.imm64(0xffffffffu));
    return b.select(boxed, raw, b.imm64(fp::box(fp::canonical_nan<float>())));
  } else {
    return raw;
  }
}

enum class SignSource { Rs2, NotRs2, XorRs2 };

// FSGNJ/FSGNJN/FSGNJX: rs1 with a sign from rs2. Unlike the moves these read their operands
// as values, so a broken NaN box reads as the canonical NaN.
template <typename T>
bool sign_inject(Lifter& l, uint32_t insn, SignSource kind) {
  ir::Builder& b = l.b;
  const uint64_t sign_bit = fp::kSignBit<T>;
  const ir::Value a = read_operand<T>(l, rs1(insn));
  ir::Value sign = read_operand<T>(l, rs2(insn));
  if (kind == SignSource::NotRs2) sign = b.not_(sign);
  sign = b.and_(sign, b.imm64(sign_bit));
  const ir::Value result =
      kind == SignSource::XorRs2 ? b.xor_(a, sign) : b.or_(b.and_(a, b.imm64(~sign_bit)), sign);
  l.set_f(rd(insn), result);
  return true;
}

}  // namespace

bool lift_flw(Lifter& l, uint32_t i) {
  return load<float>(l, i);
}
bool lift_fld(Lifter& l, uint32_t i) {
  return load<double>(l, i);
}
bool lift_fsw(Lifter& l, uint32_t i) {
  return store<float>(l, i);
}
bool lift_fsd(Lifter& l, uint32_t i) {
  return store<double>(l, i);
}

bool lift_fsgnj_s(Lifter& l, uint32_t i) {
  return sign_inject<float>(l, i, SignSource::Rs2);
}
bool lift_fsgnjn_s(Lifter& l, uint32_t i) {
  return sign_inject<float>(l, i, SignSource::NotRs2);
}
bool lift_fsgnjx_s(Lifter& l, uint32_t i) {
  return sign_inject<float>(l, i, SignSource::XorRs2);
}
bool lift_fsgnj_d(Lifter& l, uint32_t i) {
  return sign_inject<double>(l, i, SignSource::Rs2);
}
bool lift_fsgnjn_d(Lifter& l, uint32_t i) {
  return sign_inject<double>(l, i, SignSource::NotRs2);
}
bool lift_fsgnjx_d(Lifter& l, uint32_t i) {
  return sign_inject<double>(l, i, SignSource::XorRs2);
}

// FMV.X.W sign-extends the low 32 bits of f[rs1], unchecked; FMV.W.X NaN-boxes x[rs1][31:0].
bool lift_fmv_x_w(Lifter& l, uint32_t i) {
  l.set_x(rd(i), l.b.sext(Type::I64, l.b.trunc(Type::I32, l.f(rs1(i)))));
  return true;
}
bool lift_fmv_w_x(Lifter& l, uint32_t i) {
  l.set_f(rd(i), box_single(l.b, l.b.trunc(Type::I32, l.x(rs1(i)))));
  return true;
}
bool lift_fmv_x_d(Lifter& l, uint32_t i) {
  l.set_x(rd(i), l.f(rs1(i)));
  return true;
}
bool lift_fmv_d_x(Lifter& l, uint32_t i) {
  l.set_f(rd(i), l.x(rs1(i)));
  return true;
}

}  // namespace xisa::riscv64
