// Integer arithmetic, shifts and bit counts. i8..i32 values live zero-extended: 64-bit
// operations on them keep that for And/Or/Xor/DivU/RemU, the others zero-extend their result
// again (the 32-bit "W" instructions sign-extend theirs); signed 8/16-bit operations
// sign-extend their operands first.
#include "backend/riscv64/emitter.h"

namespace xisa::backend::riscv64 {

using ir::Opcode;

namespace {

// Whether the result of op on zero-extended operands is zero-extended already.
bool keeps_zero_extension(Opcode op) {
  return op == Opcode::And || op == Opcode::Or || op == Opcode::Xor || op == Opcode::DivU ||
         op == Opcode::RemU;
}

}  // namespace

void Emitter::lower_binary(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const ir::Type t = inst.type;
  const unsigned bits = ir::type_bits(t);
  const Reg dst = def_reg(i, true);
  const Reg a = in_reg(arg(i, 0), kScratch0);
  const Loc& bl = loc(arg(i, 1));
  // Small positive immediates go into the instruction.
  if (bl.kind == Loc::Imm && bl.imm < 2048 &&
      (inst.op == Opcode::Add || inst.op == Opcode::Sub || inst.op == Opcode::And ||
       inst.op == Opcode::Or || inst.op == Opcode::Xor)) {
    const auto imm = static_cast<int32_t>(bl.imm);
    switch (inst.op) {
      case Opcode::Add:
        as_.emit(bits == 32 ? enc::addiw(dst, a, imm) : enc::addi(dst, a, imm));
        break;
      case Opcode::Sub:
        as_.emit(bits == 32 ? enc::addiw(dst, a, -imm) : enc::addi(dst, a, -imm));
        break;
      case Opcode::And:
        as_.emit(enc::andi(dst, a, imm));
        break;
      case Opcode::Or:
        as_.emit(enc::ori(dst, a, imm));
        break;
      default:
        as_.emit(enc::xori(dst, a, imm));
        break;
    }
    if (bits < 64 && !keeps_zero_extension(inst.op)) zero_extend(dst, dst, t);
    return;
  }
  const Reg b = in_reg(arg(i, 1), kScratch1);
  const bool w = bits == 32;  // the W form gives the low 32 bits of the operation
  switch (inst.op) {
    case Opcode::Add:
      as_.emit(w ? enc::op32(enc::kAdd, dst, a, b) : enc::op(enc::kAdd, dst, a, b));
      break;
    case Opcode::Sub:
      as_.emit(w ? enc::op32(enc::kSub, dst, a, b) : enc::op(enc::kSub, dst, a, b));
      break;
    case Opcode::Mul:
      as_.emit(w ? enc::op32(enc::kMul, dst, a, b) : enc::op(enc::kMul, dst, a, b));
      break;
    case Opcode::And:
      as_.emit(enc::op(enc::kAnd, dst, a, b));
      break;
    case Opcode::Or:
      as_.emit(enc::op(enc::kOr, dst, a, b));
      break;
    case Opcode::Xor:
      as_.emit(enc::op(enc::kXor, dst, a, b));
      break;
    case Opcode::MulHiU:
      if (bits == 64) {
        as_.emit(enc::op(enc::kMulhu, dst, a, b));
      } else {  // the whole product of zero-extended operands fits 64 bits
        as_.emit(enc::op(enc::kMul, dst, a, b));
        as_.emit(enc::srli(dst, dst, bits));
      }
      break;
    case Opcode::MulHiS:
      if (bits == 64) {
        as_.emit(enc::op(enc::kMulh, dst, a, b));
      } else {
        sign_extend(kScratch0, a, t);
        sign_extend(kScratch1, b, t);
        as_.emit(enc::op(enc::kMul, dst, kScratch0, kScratch1));
        as_.emit(enc::srai(dst, dst, bits));
      }
      break;
    default:
      lower_divide(i, dst, a, b);
      break;
  }
  if (bits < 64 && !keeps_zero_extension(inst.op)) zero_extend(dst, dst, t);
}

// RISC-V gives x/0 = all ones where the IR wants 0 (the quotient is masked with b != 0), and
// x%0 = x, MIN/-1 = MIN, MIN%-1 = 0 as the IR does. Narrow signed operands are sign-extended
// to 64 bits, where MIN/-1 does not overflow and truncates to MIN.
void Emitter::lower_divide(size_t i, Reg dst, Reg a, Reg b) {
  const ir::Inst& inst = block_.insts[i];
  const ir::Type t = inst.type;
  const unsigned bits = ir::type_bits(t);
  const bool is_signed = inst.op == Opcode::DivS || inst.op == Opcode::RemS;
  const bool is_div = inst.op == Opcode::DivS || inst.op == Opcode::DivU;
  if (is_div) {  // the mask, before dst (which may be b's register) is written
    as_.emit(enc::op(enc::kSltu, kAddrScratch, kZero, b));
    as_.emit(enc::op(enc::kSub, kAddrScratch, kZero, kAddrScratch));
  }
  Reg x = a, y = b;
  if (is_signed && bits < 32) {
    sign_extend(kScratch0, a, t);
    sign_extend(kScratch1, b, t);
    x = kScratch0;
    y = kScratch1;
  }
  const bool w = is_signed && bits == 32;
  switch (inst.op) {
    case Opcode::DivU:
      as_.emit(enc::op(enc::kDivu, dst, x, y));
      break;
    case Opcode::DivS:
      as_.emit(w ? enc::op32(enc::kDiv, dst, x, y) : enc::op(enc::kDiv, dst, x, y));
      break;
    case Opcode::RemU:
      as_.emit(enc::op(enc::kRemu, dst, x, y));
      break;
    default:
      as_.emit(w ? enc::op32(enc::kRem, dst, x, y) : enc::op(enc::kRem, dst, x, y));
      break;
  }
  if (is_div) as_.emit(enc::op(enc::kAnd, dst, dst, kAddrScratch));
}

void Emitter::lower_shift(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const ir::Type t = inst.type;
  const unsigned bits = ir::type_bits(t);
  const Reg dst = def_reg(i, true);
  Reg a = in_reg(arg(i, 0), kScratch0);
  if (inst.op == Opcode::ShrA && bits < 64) {  // shift the sign-extended value
    sign_extend(kScratch0, a, t);
    a = kScratch0;
  }
  const Loc& cl = loc(arg(i, 1));
  const bool rotate = inst.op == Opcode::RotL || inst.op == Opcode::RotR;
  if (cl.kind == Loc::Imm) {
    unsigned c = static_cast<unsigned>(cl.imm & (bits - 1));
    if (rotate) {  // a rotate right by c; a left one is a right one by bits - c
      if (inst.op == Opcode::RotL) c = (bits - c) & (bits - 1);
      if (c == 0) {
        as_.mv(dst, a);
      } else if (bits == 64 && features_.zbb) {
        as_.emit(enc::rori(dst, a, c));
      } else {  // (a >> c) | (a << (bits - c)), then cut to the width
        as_.emit(enc::srli(kScratch1, a, c));
        as_.emit(enc::slli(dst, a, 64 - bits + (bits - c)));
        if (bits < 64) as_.emit(enc::srli(dst, dst, 64 - bits));
        as_.emit(enc::op(enc::kOr, dst, dst, kScratch1));
      }
      return;
    }
    switch (inst.op) {
      case Opcode::Shl:
        as_.emit(enc::slli(dst, a, c));
        break;
      case Opcode::ShrL:
        as_.emit(enc::srli(dst, a, c));
        break;
      default:
        as_.emit(enc::srai(dst, a, c));
        break;
    }
    if (bits < 64) zero_extend(dst, dst, t);
    return;
  }
  Reg n = in_reg(arg(i, 1), kScratch1);
  if (bits < 32 || rotate) {  // 32/64-bit shifts take the count modulo the width themselves
    as_.emit(enc::andi(kAddrScratch, n, static_cast<int32_t>(bits - 1)));
    n = kAddrScratch;
  }
  if (rotate) {
    // Right by n, left by bits - n (kScratch1 = bits - n, which may be bits: then the left part
    // is cut off by the width, or a 64-bit shift by 64 & 63 = 0 repeats a, harmless for or).
    if (bits == 64 && features_.zbb) {
      as_.emit(enc::op(inst.op == Opcode::RotL ? enc::kRol : enc::kRor, dst, a, n));
      return;
    }
    if (inst.op == Opcode::RotL) {  // left by n is right by (bits - n) mod bits
      as_.emit(enc::op(enc::kSub, kAddrScratch, kZero, n));
      as_.emit(enc::andi(kAddrScratch, kAddrScratch, static_cast<int32_t>(bits - 1)));
    }
    as_.emit(enc::op(enc::kSub, kScratch1, kZero, kAddrScratch));
    as_.emit(enc::andi(kScratch1, kScratch1, static_cast<int32_t>(bits - 1)));
    as_.emit(enc::op(enc::kSll, kScratch1, a, kScratch1));
    as_.emit(enc::op(enc::kSrl, dst, a, kAddrScratch));
    as_.emit(enc::op(enc::kOr, dst, dst, kScratch1));
    if (bits < 64) zero_extend(dst, dst, t);
    return;
  }
  const bool w = bits == 32;
  switch (inst.op) {
    case Opcode::Shl:
      as_.emit(w ? enc::op32(enc::kSll, dst, a, n) : enc::op(enc::kSll, dst, a, n));
      break;
    case Opcode::ShrL:
      as_.emit(w ? enc::op32(enc::kSrl, dst, a, n) : enc::op(enc::kSrl, dst, a, n));
      break;
    default:
      as_.emit(w ? enc::op32(enc::kSra, dst, a, n) : enc::op(enc::kSra, dst, a, n));
      break;
  }
  if (bits < 64) zero_extend(dst, dst, t);
}

// Not and Neg everywhere; Clz, Ctz, Popcnt and Bswap only with Zbb (native() says so).
void Emitter::lower_unary(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const ir::Type t = inst.type;
  const unsigned bits = ir::type_bits(t);
  const Reg dst = def_reg(i, true);
  const Reg a = in_reg(arg(i, 0), kScratch0);
  switch (inst.op) {
    case Opcode::Not:
      as_.emit(enc::xori(dst, a, -1));
      break;
    case Opcode::Neg:
      as_.emit(enc::op(enc::kSub, dst, kZero, a));
      break;
    case Opcode::Clz:
      as_.emit(bits == 64 ? enc::clz(dst, a) : enc::clzw(dst, a));
      if (bits < 32) as_.emit(enc::addi(dst, dst, -static_cast<int32_t>(32 - bits)));
      return;
    case Opcode::Ctz:
      if (bits < 32) {  // a bit just above the value stops the count at the width
        as_.li(kScratch1, uint64_t{1} << bits);
        as_.emit(enc::op(enc::kOr, kScratch1, a, kScratch1));
        as_.emit(enc::ctzw(dst, kScratch1));
      } else {
        as_.emit(bits == 64 ? enc::ctz(dst, a) : enc::ctzw(dst, a));
      }
      return;
    case Opcode::Popcnt:
      as_.emit(enc::cpop(dst, a));
      return;
    default:  // Bswap
      if (bits == 8) {
        as_.mv(dst, a);
        return;
      }
      as_.emit(enc::rev8(dst, a));
      if (bits < 64) as_.emit(enc::srli(dst, dst, 64 - bits));
      return;
  }
  if (bits < 64) zero_extend(dst, dst, t);
}

}  // namespace xisa::backend::riscv64
