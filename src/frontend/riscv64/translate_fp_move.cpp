// RV64 F/D/Zfh instructions that move bits without rounding or flags: FLH/FLW/FLD/FSH/FSW/FSD,
// FSGNJ*, FMV.X.H/FMV.H.X/FMV.X.W/FMV.W.X/FMV.X.D/FMV.D.X (Volume I, F, D and Zfh chapters).
// All inline IR, no helpers.
#include <type_traits>

#include "frontend/riscv64/translate_fp.h"

namespace xisa::riscv64 {

namespace {

using ir::Type;

// The integer type of a format's bits, and its register image with the NaN box (none for a
// double).
template <typename T>
constexpr Type int_type_of_format() {
  return sizeof(T) == 2 ? Type::I16 : sizeof(T) == 4 ? Type::I32 : Type::I64;
}

template <typename T>
ir::Value box_bits(ir::Builder& b, ir::Value v) {
  if constexpr (fp::Format<T>::kBox == 0) return v;
  return b.or_(b.zext(Type::I64, v), b.imm64(fp::Format<T>::kBox));
}

// FLH and FLW NaN-box the loaded bits; FLD loads the register image.
template <typename T>
bool load(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const ir::Value addr = b.add(l.x(rs1(insn)), b.imm64(static_cast<uint64_t>(imm_i(insn))));
  l.set_f(rd(insn), box_bits<T>(b, b.load(int_type_of_format<T>(), addr)));
  return true;
}

// FSH and FSW store the low bits as they are, boxed or not (a transfer, not an operation).
template <typename T>
bool store(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const ir::Value addr = b.add(l.x(rs1(insn)), b.imm64(static_cast<uint64_t>(imm_s(insn))));
  b.store(addr, b.trunc(int_type_of_format<T>(), l.f(rs2(insn))));
  return true;
}

// f[r] as an operand of format T, as a 64-bit register image: a half or single that is not
// properly NaN-boxed reads as the (boxed) canonical NaN. Doubles pass through.
template <typename T>
ir::Value read_operand(Lifter& l, unsigned r) {
  const ir::Value raw = l.f(r);
  if constexpr (fp::Format<T>::kBox != 0) {
    ir::Builder& b = l.b;
    constexpr unsigned kBits = sizeof(T) * 8;
    const ir::Value boxed = b.eq(b.shr(raw, b.imm64(kBits)), b.imm64(~uint64_t{0} >> kBits));
    return b.select(boxed, raw, b.imm64(fp::box(fp::canonical_nan<T>())));
  } else {
    return raw;
  }
}

// FMV.X.H and FMV.X.W sign-extend the low bits of f[rs1], unchecked; FMV.H.X and FMV.W.X
// NaN-box the low bits of x[rs1].
template <typename T>
bool move_to_x(Lifter& l, uint32_t insn) {
  l.set_x(rd(insn), l.b.sext(Type::I64, l.b.trunc(int_type_of_format<T>(), l.f(rs1(insn)))));
  return true;
}
template <typename T>
bool move_from_x(Lifter& l, uint32_t insn) {
  l.set_f(rd(insn), box_bits<T>(l.b, l.b.trunc(int_type_of_format<T>(), l.x(rs1(insn)))));
  return true;
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

bool lift_fmv_x_w(Lifter& l, uint32_t i) {
  return move_to_x<float>(l, i);
}
bool lift_fmv_w_x(Lifter& l, uint32_t i) {
  return move_from_x<float>(l, i);
}
bool lift_fmv_x_d(Lifter& l, uint32_t i) {
  l.set_x(rd(i), l.f(rs1(i)));
  return true;
}
bool lift_fmv_d_x(Lifter& l, uint32_t i) {
  l.set_f(rd(i), l.x(rs1(i)));
  return true;
}

// --- Zfhmin, Zfh ---
bool lift_flh(Lifter& l, uint32_t i) {
  return load<fp::Half>(l, i);
}
bool lift_fsh(Lifter& l, uint32_t i) {
  return store<fp::Half>(l, i);
}
bool lift_fmv_x_h(Lifter& l, uint32_t i) {
  return move_to_x<fp::Half>(l, i);
}
bool lift_fmv_h_x(Lifter& l, uint32_t i) {
  return move_from_x<fp::Half>(l, i);
}
bool lift_fsgnj_h(Lifter& l, uint32_t i) {
  return sign_inject<fp::Half>(l, i, SignSource::Rs2);
}
bool lift_fsgnjn_h(Lifter& l, uint32_t i) {
  return sign_inject<fp::Half>(l, i, SignSource::NotRs2);
}
bool lift_fsgnjx_h(Lifter& l, uint32_t i) {
  return sign_inject<fp::Half>(l, i, SignSource::XorRs2);
}

}  // namespace xisa::riscv64
