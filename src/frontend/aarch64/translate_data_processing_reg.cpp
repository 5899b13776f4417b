// Data processing (register), Arm ARM C4.1.89: logical and add/subtract (shifted and extended
// register), add/subtract with carry, conditional compare and select, 1-, 2- and 3-source, and
// the flag manipulation of FEAT_FlagM (RMIF, SETF8, SETF16).
#include "frontend/aarch64/lifter.h"
#include "frontend/common/crc32.h"

namespace xisa::aarch64 {

// AND, BIC, ORR, ORN, EOR, EON, ANDS, BICS (shifted register).
bool lift_LOGICAL_shifted(Lifter& l, uint32_t insn) {
  const bool is64 = sf(insn);
  const unsigned amount = bits(insn, 10, 6);
  if (!is64 && amount >= 32) return false;
  const unsigned opc = bits(insn, 29, 2);
  Value m = shifted_reg(l, is64, rm(insn), bits(insn, 22, 2), amount);
  if (bits(insn, 21, 1)) m = l.b.not_(m);
  const Value a = l.reg(is64, rn(insn));
  Value r;
  switch (opc) {
    case 0:
    case 3:
      r = l.b.and_(a, m);
      break;
    case 1:
      r = l.b.or_(a, m);
      break;
    default:
      r = l.b.xor_(a, m);
      break;
  }
  if (opc == 3) l.set_nz_clear_cv(r);
  l.set_x(rd(insn), r);
  return true;
}

namespace {
// ADD/ADDS/SUB/SUBS once the second operand is known.
void add_sub(Lifter& l, uint32_t insn, Value a, Value m, bool rd_may_be_sp) {
  const bool sub = bits(insn, 30, 1), set_flags = bits(insn, 29, 1);
  Value r;
  if (set_flags) {
    r = l.add_sub_flags(a, m, sub);
  } else {
    r = sub ? l.b.sub(a, m) : l.b.add(a, m);
  }
  if (rd_may_be_sp && !set_flags)
    l.set_x_sp(rd(insn), r);
  else
    l.set_x(rd(insn), r);
}
}  // namespace

bool lift_ADDSUB_shifted(Lifter& l, uint32_t insn) {
  const bool is64 = sf(insn);
  const unsigned shift = bits(insn, 22, 2), amount = bits(insn, 10, 6);
  if (shift == 3 || (!is64 && amount >= 32)) return false;
  add_sub(l, insn, l.reg(is64, rn(insn)), shifted_reg(l, is64, rm(insn), shift, amount), false);
  return true;
}

bool lift_ADDSUB_ext(Lifter& l, uint32_t insn) {
  const bool is64 = sf(insn);
  const unsigned amount = bits(insn, 10, 3);
  if (amount > 4) return false;
  const Value m = extended_reg(l, is64, rm(insn), bits(insn, 13, 3), amount);
  add_sub(l, insn, l.reg_sp(is64, rn(insn)), m, true);
  return true;
}

// ADC, ADCS, SBC, SBCS.
bool lift_ADC_SBC(Lifter& l, uint32_t insn) {
  const bool is64 = sf(insn), sub = bits(insn, 30, 1), set_flags = bits(insn, 29, 1);
  Value m = l.reg(is64, rm(insn));
  if (sub) m = l.b.not_(m);
  const Value carry = l.b.get_reg(Type::I8, kOffC);
  l.set_x(rd(insn), l.add_with_carry(l.reg(is64, rn(insn)), m, carry, set_flags));
  return true;
}

// CCMN, CCMP (register and immediate): flags of the compare if cond holds, else #nzcv.
bool lift_CCMP(Lifter& l, uint32_t insn) {
  const bool is64 = sf(insn), sub = bits(insn, 30, 1);
  ir::Builder& b = l.b;
  const Value holds = l.condition(cond_field(insn, 12));
  const Value m = bits(insn, 11, 1) ? l.imm(is64, bits(insn, 16, 5)) : l.reg(is64, rm(insn));
  const Value a = l.reg(is64, rn(insn));
  // Compute the compare's flags into the state, then pick between them and the immediate.
  l.add_sub_flags(a, m, sub);
  const unsigned nzcv = bits(insn, 0, 4);
  static constexpr uint32_t kFlags[4] = {kOffN, kOffZ, kOffC, kOffV};
  Value flags[4];
  for (unsigned i = 0; i < 4; ++i)
    flags[i] = b.select(holds, b.get_reg(Type::I8, kFlags[i]), b.imm8((nzcv >> (3 - i)) & 1));
  l.set_nzcv(flags[0], flags[1], flags[2], flags[3]);
  return true;
}

// CSEL, CSINC, CSINV, CSNEG.
bool lift_CSEL(Lifter& l, uint32_t insn) {
  const bool is64 = sf(insn), inv = bits(insn, 30, 1), inc = bits(insn, 10, 1);
  const Value holds = l.condition(cond_field(insn, 12));
  Value m = l.reg(is64, rm(insn));
  if (inv) m = l.b.not_(m);
  if (inc) m = l.b.add(m, l.imm(is64, 1));
  l.set_x(rd(insn), l.b.select(holds, l.reg(is64, rn(insn)), m));
  return true;
}

// UDIV, SDIV, LSLV, LSRV, ASRV, RORV; CRC32 and CRC32C (FEAT_CRC32), through the helper shared with
// x86.
bool lift_DP_2src(Lifter& l, uint32_t insn) {
  const bool is64 = sf(insn);
  const unsigned opcode = bits(insn, 10, 6);
  if ((opcode & 0x38) == 0x10) {  // CRC32B/H/W/X, CRC32CB/H/W/X (FEAT_CRC32)
    const unsigned size = opcode & 3;
    if ((size == 3) != is64) return false;
    ir::Builder& b = l.b;
    const auto poly =
        (opcode & 4) ? frontend::CrcPolynomial::Castagnoli : frontend::CrcPolynomial::Iso;
    const Value crc = b.zext(Type::I64, l.reg(false, rn(insn)));
    l.set_x(rd(insn), b.trunc(Type::I32, frontend::crc32(b, poly, crc, l.x(rm(insn)), 1u << size)));
    return true;
  }
  const Value a = l.reg(is64, rn(insn)), m = l.reg(is64, rm(insn));
  Value r;
  switch (opcode) {
    case 2:
      r = l.b.divu(a, m);
      break;  // the IR's x/0 = 0 is A64's
    case 3:
      r = l.b.divs(a, m);
      break;
    case 8:
      r = l.b.shl(a, m);
      break;  // shift counts are taken modulo the width, as in A64
    case 9:
      r = l.b.shr(a, m);
      break;
    case 10:
      r = l.b.sar(a, m);
      break;
    case 11:
      r = l.b.rotr(a, m);
      break;
    default:
      return false;
  }
  l.set_x(rd(insn), r);
  return true;
}

// RBIT, REV16, REV32, REV, CLZ, CLS.
bool lift_DP_1src(Lifter& l, uint32_t insn) {
  const bool is64 = sf(insn);
  const unsigned opcode = bits(insn, 10, 6);
  ir::Builder& b = l.b;
  const Value a = l.reg(is64, rn(insn));
  // Swaps adjacent groups of `width` bits selected by mask (one step of a bit reversal).
  auto swap = [&](Value v, unsigned width, uint64_t mask) {
    const Value m = l.imm(is64, mask), n = l.imm(is64, width);
    return b.or_(b.and_(b.shr(v, n), m), b.shl(b.and_(v, m), n));
  };
  Value r;
  switch (opcode) {
    case 0:  // RBIT: reverse the bits in each byte, then the bytes
      r = swap(a, 1, 0x5555555555555555);
      r = swap(r, 2, 0x3333333333333333);
      r = swap(r, 4, 0x0f0f0f0f0f0f0f0f);
      r = b.bswap(r);
      break;
    case 1:
      r = swap(a, 8, 0x00ff00ff00ff00ff);
      break;  // REV16
    case 2:   // REV32 (64-bit) or REV (32-bit)
      r = is64 ? b.rotr(b.bswap(a), b.imm64(32)) : b.bswap(a);
      break;
    case 3:
      if (!is64) return false;
      r = b.bswap(a);
      break;
    case 4:
      r = b.clz(a);
      break;
    case 5: {  // CLS = CLZ(x ^ (x >> 1)) - 1, over the width
      const Value x = b.xor_(a, b.sar(a, l.imm(is64, 1)));
      r = b.sub(b.clz(x), l.imm(is64, 1));
      break;
    }
    default:
      return false;
  }
  l.set_x(rd(insn), r);
  return true;
}

// MADD, MSUB, SMADDL, SMSUBL, SMULH, UMADDL, UMSUBL, UMULH.
bool lift_DP_3src(Lifter& l, uint32_t insn) {
  const bool is64 = sf(insn);
  const unsigned op31 = bits(insn, 21, 3), o0 = bits(insn, 15, 1);
  ir::Builder& b = l.b;
  if (op31 == 0) {
    const Value p = b.mul(l.reg(is64, rn(insn)), l.reg(is64, rm(insn)));
    const Value acc = l.reg(is64, ra(insn));
    l.set_x(rd(insn), o0 ? b.sub(acc, p) : b.add(acc, p));
    return true;
  }
  if (!is64) return false;
  switch (op31) {
    case 1:
    case 5: {  // SMADDL/SMSUBL, UMADDL/UMSUBL: 32 x 32 -> 64
      const bool sign = op31 == 1;
      auto ext = [&](unsigned r) {
        const Value w = b.trunc(Type::I32, l.x(r));
        return sign ? b.sext(Type::I64, w) : b.zext(Type::I64, w);
      };
      const Value p = b.mul(ext(rn(insn)), ext(rm(insn)));
      const Value acc = l.x(ra(insn));
      l.set_x(rd(insn), o0 ? b.sub(acc, p) : b.add(acc, p));
      return true;
    }
    case 2:
    case 6:
      if (o0) return false;
      l.set_x(rd(insn), op31 == 2 ? b.mulhs(l.x(rn(insn)), l.x(rm(insn)))
                                  : b.mulhu(l.x(rn(insn)), l.x(rm(insn))));
      return true;
    default:
      return false;
  }
}

}  // namespace xisa::aarch64

namespace xisa::aarch64 {

// RMIF (FEAT_FlagM): Xn rotated right by imm6; its bits 3..0 replace the flags N, Z, C, V whose
// bits are set in the mask.
bool lift_RMIF(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const unsigned mask = bits(insn, 0, 4);
  const Value tmp = b.rotr(l.x(rn(insn)), b.imm64(bits(insn, 15, 6)));
  static constexpr uint32_t kFlag[4] = {kOffV, kOffC, kOffZ, kOffN};
  for (unsigned i = 0; i < 4; ++i) {
    if (!((mask >> i) & 1)) continue;
    b.set_reg(kFlag[i], b.trunc(Type::I8, b.and_(b.shr(tmp, b.imm64(i)), b.imm64(1))));
  }
  l.last_compare_ = {};
  return true;
}

// SETF8, SETF16 (FEAT_FlagM): N and Z of the low byte or halfword of Wn, V = the bit above it
// XOR its top bit; C unchanged.
bool lift_SETF(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const unsigned width = bits(insn, 14, 1) ? 16 : 8;
  const Value w = l.reg(false, rn(insn));
  auto bit = [&](unsigned i) {
    return b.trunc(Type::I8, b.and_(b.shr(w, b.imm32(i)), b.imm32(1)));
  };
  b.set_reg(kOffN, bit(width - 1));
  b.set_reg(kOffZ, b.eq(b.and_(w, b.imm32((1u << width) - 1)), b.imm32(0)));
  b.set_reg(kOffV, b.xor_(bit(width), bit(width - 1)));
  l.last_compare_ = {};
  return true;
}

}  // namespace xisa::aarch64
