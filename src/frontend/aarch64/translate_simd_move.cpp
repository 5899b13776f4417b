// Advanced SIMD moves and permutes, Arm ARM C4.1.90: modified immediate (MOVI, MVNI, ORR, BIC,
// FMOV), copy (DUP, INS, UMOV, SMOV), ZIP/UZP/TRN, TBL/TBX, EXT and scalar DUP.
#include "frontend/aarch64/simd_common.h"

namespace xisa::aarch64 {

bool lift_SIMD_modimm(Lifter& l, uint32_t insn) {
  const bool q = bits(insn, 30, 1), op = bits(insn, 29, 1);
  const unsigned cmode = bits(insn, 12, 4);
  const auto imm8 = static_cast<uint8_t>((bits(insn, 16, 3) << 5) | bits(insn, 5, 5));
  if (bits(insn, 11, 1)) {  // o2: FMOV (vector, immediate), half precision (FEAT_FP16)
    if (cmode != 15 || op) return false;
    const uint64_t imm = expand_fp_imm(16, imm8) * 0x0001000100010001;  // in every lane
    l.set_v(rd(insn), l.b.vconst(imm, q ? imm : 0));
    return true;
  }
  if (cmode == 15 && op && !q) return false;
  uint64_t imm = expand_simd_imm(op, cmode, imm8);
  const bool shifted32 = cmode < 8, shifted16 = cmode >= 8 && cmode < 12;
  const bool orr_bic = (shifted32 || shifted16) && (cmode & 1);
  const bool invert = op && (shifted32 || shifted16 || cmode == 12 || cmode == 13);
  if (invert) imm = ~imm;
  const Value v = l.b.vconst(imm, q ? imm : 0);
  if (!orr_bic) {
    l.set_v(rd(insn), v);
    return true;
  }
  const Value d = l.v(rd(insn));
  // ORR: d | imm; BIC: d & ~imm, where imm is already inverted for BIC.
  const Value r = op ? l.b.vbinary(Opcode::VAnd, 8, d, v) : l.b.vbinary(Opcode::VOr, 8, d, v);
  write_vec(l, rd(insn), q, r);
  return true;
}

bool lift_SIMD_copy(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const bool q = bits(insn, 30, 1), op = bits(insn, 29, 1);
  const unsigned imm5 = bits(insn, 16, 5), imm4 = bits(insn, 11, 4);
  if ((imm5 & 0xf) == 0) return false;
  const unsigned size = static_cast<unsigned>(__builtin_ctz(imm5));
  const unsigned esize = esize_of(size), index = imm5 >> (size + 1);
  const Type et = ir::int_type_of_bits(esize);
  if (op) {  // INS (element)
    if (!q) return false;
    const Value e = b.vextract_lane(et, esize, l.v(rn(insn)), imm4 >> size);
    l.set_v(rd(insn), b.vinsert_lane(esize, l.v(rd(insn)), e, index));
    return true;
  }
  switch (imm4) {
    case 0: {  // DUP (element)
      if (size == 3 && !q) return false;
      const Value e = b.vextract_lane(et, esize, l.v(rn(insn)), index);
      write_vec(l, rd(insn), q, b.vdup(esize, e));
      return true;
    }
    case 1:  // DUP (general)
      if (size == 3 && !q) return false;
      write_vec(l, rd(insn), q, b.vdup(esize, b.trunc(et, l.x(rn(insn)))));
      return true;
    case 3:  // INS (general)
      if (!q) return false;
      l.set_v(rd(insn), b.vinsert_lane(esize, l.v(rd(insn)), b.trunc(et, l.x(rn(insn))), index));
      return true;
    case 5:
    case 7: {  // SMOV, UMOV
      const bool is_signed = imm4 == 5;
      if (is_signed ? (size >= 2u + q) : (q != (size == 3))) return false;
      const Value e = b.vextract_lane(et, esize, l.v(rn(insn)), index);
      const Type dt = q ? Type::I64 : Type::I32;
      l.set_x(rd(insn), is_signed ? b.sext(dt, e) : b.zext(dt, e));
      return true;
    }
    default:
      return false;
  }
}

// UZP1, TRN1, ZIP1, UZP2, TRN2, ZIP2.
bool lift_SIMD_permute(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const bool q = bits(insn, 30, 1);
  const unsigned size = bits(insn, 22, 2), opcode = bits(insn, 12, 3), esize = esize_of(size);
  if (size == 3 && !q) return false;
  const Value n = l.v(rn(insn)), m = l.v(rm(insn));
  Value r;
  switch (opcode) {
    case 1:
    case 5: {
      const Opcode op = opcode == 1 ? Opcode::VUnzipEven : Opcode::VUnzipOdd;
      if (q) {
        r = b.vbinary(op, esize, n, m);
      } else {
        const Value c = join_low_halves(l, n, m);
        r = b.vbinary(op, esize, c, c);
      }
      break;
    }
    case 2:
      r = b.vbinary(Opcode::VTrnEven, esize, n, m);
      break;
    case 6:
      r = b.vbinary(Opcode::VTrnOdd, esize, n, m);
      break;
    case 3:
      r = b.vbinary(Opcode::VZipLo, esize, n, m);
      break;
    case 7:
      if (q) {
        r = b.vbinary(Opcode::VZipHi, esize, n, m);
      } else {  // the upper half of ZIP1 of the full registers is ZIP2 of the low halves
        r = b.vbinary(Opcode::VConcatBytes, 8, b.vbinary(Opcode::VZipLo, esize, n, m), l.vzero());
      }
      break;
    default:
      return false;
  }
  write_vec(l, rd(insn), q, r);
  return true;
}

// TBL, TBX with one to four table registers.
bool lift_SIMD_tbl(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const bool q = bits(insn, 30, 1), tbx = bits(insn, 12, 1);
  const unsigned len = bits(insn, 13, 2) + 1;
  const Value idx = l.v(rm(insn));
  Value r = tbx ? l.v(rd(insn)) : l.vzero();
  for (unsigned k = 0; k < len; ++k) {
    // Indices of table register k are idx - 16k; others wrap to >= 16 and keep r.
    const Value idx_k = k ? b.vbinary(Opcode::VSub, 8, idx, b.vdup(8, b.imm8(16 * k))) : idx;
    r = b.vternary(Opcode::VTableLookup, l.v((rn(insn) + k) % 32), idx_k, r);
  }
  write_vec(l, rd(insn), q, r);
  return true;
}

// EXT: bytes imm4.. of Vm:Vn.
bool lift_SIMD_ext(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const bool q = bits(insn, 30, 1);
  const unsigned pos = bits(insn, 11, 4);
  if (!q && pos >= 8) return false;
  const Value n = l.v(rn(insn)), m = l.v(rm(insn));
  Value r;
  if (q) {
    r = b.vbinary(Opcode::VConcatBytes, pos, n, m);
  } else {
    r = b.vbinary(Opcode::VConcatBytes, pos, join_low_halves(l, n, m), l.vzero());
  }
  write_vec(l, rd(insn), q, r);
  return true;
}

// DUP (element, scalar form), alias MOV Bd/Hd/Sd/Dd, Vn.T[i].
bool lift_SIMD_scalar_copy(Lifter& l, uint32_t insn) {
  const unsigned imm5 = bits(insn, 16, 5);
  if ((imm5 & 0xf) == 0) return false;
  const unsigned size = static_cast<unsigned>(__builtin_ctz(imm5)), esize = esize_of(size);
  const Value e =
      l.b.vextract_lane(ir::int_type_of_bits(esize), esize, l.v(rn(insn)), imm5 >> (size + 1));
  l.set_v_scalar(rd(insn), e);
  return true;
}

}  // namespace xisa::aarch64
