// Data processing (immediate), Arm ARM C4.1.86: PC-relative addressing, add/subtract,
// logical, move wide, bitfield and extract.
#include "frontend/aarch64/lifter.h"

namespace xisa::aarch64 {

bool lift_ADR(Lifter& l, uint32_t insn) {
  const int64_t off = sign_extend((bits(insn, 5, 19) << 2) | bits(insn, 29, 2), 21);
  l.set_x(rd(insn), l.b.imm64(l.pc + off));
  return true;
}

bool lift_ADRP(Lifter& l, uint32_t insn) {
  const int64_t off = sign_extend((bits(insn, 5, 19) << 2) | bits(insn, 29, 2), 21) * 4096;
  l.set_x(rd(insn), l.b.imm64((l.pc & ~uint64_t{0xfff}) + off));
  return true;
}

// ADD, ADDS, SUB, SUBS (immediate). Rn may be SP; Rd is SP unless flags are set.
bool lift_ADDSUB_imm(Lifter& l, uint32_t insn) {
  const bool is64 = sf(insn), sub = bits(insn, 30, 1), set_flags = bits(insn, 29, 1);
  const uint64_t imm = uint64_t{bits(insn, 10, 12)} << (bits(insn, 22, 1) ? 12 : 0);
  const Value a = l.reg_sp(is64, rn(insn));
  Value result;
  if (set_flags) {
    result = l.add_sub_flags(a, l.imm(is64, imm), sub);
    l.set_x(rd(insn), result);
  } else {
    result = sub ? l.b.sub(a, l.imm(is64, imm)) : l.b.add(a, l.imm(is64, imm));
    l.set_x_sp(rd(insn), result);
  }
  return true;
}

// AND, ORR, EOR, ANDS (immediate). Rd is SP except for ANDS.
bool lift_LOGICAL_imm(Lifter& l, uint32_t insn) {
  const bool is64 = sf(insn);
  const unsigned opc = bits(insn, 29, 2), n = bits(insn, 22, 1);
  if (!is64 && n) return false;
  const auto masks =
      decode_bit_masks(n, bits(insn, 10, 6), bits(insn, 16, 6), true, is64 ? 64 : 32);
  if (!masks) return false;
  const Value a = l.reg(is64, rn(insn)), imm = l.imm(is64, masks->wmask);
  Value r;
  switch (opc) {
    case 0:
    case 3:
      r = l.b.and_(a, imm);
      break;
    case 1:
      r = l.b.or_(a, imm);
      break;
    default:
      r = l.b.xor_(a, imm);
      break;
  }
  if (opc == 3) {
    l.set_nz_clear_cv(r);
    l.set_x(rd(insn), r);
  } else {
    l.set_x_sp(rd(insn), r);
  }
  return true;
}

// MOVN, MOVZ, MOVK.
bool lift_MOVE_wide(Lifter& l, uint32_t insn) {
  const bool is64 = sf(insn);
  const unsigned opc = bits(insn, 29, 2), hw = bits(insn, 21, 2);
  if (opc == 1 || (!is64 && hw > 1)) return false;
  const unsigned shift = hw * 16;
  const uint64_t imm = uint64_t{bits(insn, 5, 16)} << shift;
  switch (opc) {
    case 0:
      l.set_x(rd(insn), l.imm(is64, ~imm));
      break;
    case 2:
      l.set_x(rd(insn), l.imm(is64, imm));
      break;
    default: {
      const Value kept = l.b.and_(l.reg(is64, rd(insn)), l.imm(is64, ~(uint64_t{0xffff} << shift)));
      l.set_x(rd(insn), l.b.or_(kept, l.imm(is64, imm)));
      break;
    }
  }
  return true;
}

// SBFM, BFM, UBFM (and their aliases: ASR, LSL, LSR, SXT*, UXT*, BFI, BFXIL, UBFX, ...).
bool lift_BITFIELD(Lifter& l, uint32_t insn) {
  const bool is64 = sf(insn);
  const unsigned opc = bits(insn, 29, 2), n = bits(insn, 22, 1);
  const unsigned immr = bits(insn, 16, 6), imms = bits(insn, 10, 6);
  const unsigned datasize = is64 ? 64 : 32;
  if (opc == 3 || n != static_cast<unsigned>(is64)) return false;
  if (!is64 && (immr >= 32 || imms >= 32)) return false;
  const auto masks = decode_bit_masks(n, imms, immr, false, datasize);
  if (!masks) return false;
  ir::Builder& b = l.b;
  const Value src = l.reg(is64, rn(insn));
  if (opc != 1) {
    // UBFM/SBFM are a field moved and zero- or sign-extended: two shifts. The field is
    // src<imms:immr> at bit 0 (UBFX, LSR, ASR, SXT*, UXT*) when imms >= immr, else
    // src<imms:0> at bit datasize - immr (UBFIZ, SBFIZ, LSL).
    const unsigned width = imms >= immr ? imms - immr + 1 : imms + 1;
    const unsigned lsb = imms >= immr ? 0 : datasize - immr;
    const Value up = b.shl(src, l.imm(is64, datasize - 1 - imms));  // field top to the top
    const Value down = l.imm(is64, datasize - width - lsb);
    l.set_x(rd(insn), opc == 0 ? b.sar(up, down) : b.shr(up, down));
    return true;
  }
  const Value rotated = immr ? b.rotr(src, l.imm(is64, immr)) : src;
  const Value wmask = l.imm(is64, masks->wmask), tmask = l.imm(is64, masks->tmask);
  // BFM: bits outside the field keep Rd.
  const Value dst = l.reg(is64, rd(insn));
  const Value bot = b.or_(b.and_(dst, b.not_(wmask)), b.and_(rotated, wmask));
  l.set_x(rd(insn), b.or_(b.and_(dst, b.not_(tmask)), b.and_(bot, tmask)));
  return true;
}

// EXTR (and ROR immediate): bits lsb.. of Rn:Rm.
bool lift_EXTR(Lifter& l, uint32_t insn) {
  const bool is64 = sf(insn);
  const unsigned lsb = bits(insn, 10, 6), datasize = is64 ? 64 : 32;
  if (bits(insn, 22, 1) != static_cast<unsigned>(is64) || lsb >= datasize) return false;
  const Value lo = l.reg(is64, rm(insn));
  if (lsb == 0) {
    l.set_x(rd(insn), lo);
    return true;
  }
  const Value hi = l.reg(is64, rn(insn));
  const Value r = l.b.or_(l.b.shr(lo, l.imm(is64, lsb)), l.b.shl(hi, l.imm(is64, datasize - lsb)));
  l.set_x(rd(insn), r);
  return true;
}

}  // namespace xisa::aarch64
