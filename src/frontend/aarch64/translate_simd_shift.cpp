// Advanced SIMD shift by immediate, Arm ARM C4.1.90, vector and scalar: SSHR/USHR, SSRA/USRA,
// SHL, SLI, SRI, SHRN, SSHLL/USHLL (SXTL/UXTL).
#include "frontend/aarch64/simd_common.h"

namespace xisa::aarch64 {

namespace {

// Lane size and the two shift amounts immh:immb encodes.
struct ShiftImm {
  unsigned esize;
  unsigned right;  // 2 * esize - immh:immb
  unsigned left;   // immh:immb - esize
};
ShiftImm decode_shift(uint32_t insn) {
  const unsigned immh = bits(insn, 19, 4), immhb = bits(insn, 16, 7);
  const unsigned esize = 8u << (31 - __builtin_clz(immh));
  return {esize, 2 * esize - immhb, immhb - esize};
}

// Lanes shifted right by n (1..esize), arithmetic when is_signed; rounding adds the last bit
// shifted out: (a >> n) + ((a >> (n - 1)) & 1).
Value shift_right(Lifter& l, bool is_signed, bool round, unsigned esize, Value a, unsigned n) {
  ir::Builder& b = l.b;
  const Value r = b.vunary(is_signed ? Opcode::VShrAImm : Opcode::VShrLImm, esize, a, n);
  if (!round) return r;
  const Value last_out =
      b.vunary(Opcode::VShrLImm, esize, b.vunary(Opcode::VShlImm, esize, a, esize - n), esize - 1);
  return b.vbinary(Opcode::VAdd, esize, r, last_out);
}

// The shift ops that work the same on vectors and on a D-register scalar.
bool shift_common(Lifter& l, unsigned opcode, bool u, bool q, const ShiftImm& s, Value a,
                  unsigned d, Value& r) {
  ir::Builder& b = l.b;
  switch (opcode) {
    case 0x00:
    case 0x04:  // SSHR, USHR, SRSHR, URSHR
      r = shift_right(l, !u, opcode == 0x04, s.esize, a, s.right);
      return true;
    case 0x02:
    case 0x06:  // SSRA, USRA, SRSRA, URSRA
      r = b.vbinary(Opcode::VAdd, s.esize, l.v(d),
                    shift_right(l, !u, opcode == 0x06, s.esize, a, s.right));
      return true;
    case 0x08: {  // SRI: the top `right` bits of each lane of Vd are kept
      if (!u) return false;
      const uint64_t lane_ones = s.esize == 64 ? ~uint64_t{0} : (uint64_t{1} << s.esize) - 1;
      const uint64_t keep = s.right >= s.esize ? lane_ones : lane_ones & ~(lane_ones >> s.right);
      const Value mask = b.vdup(s.esize, b.constant(ir::int_type_of_bits(s.esize), keep));
      r = b.vternary(Opcode::VBitSelect, mask, l.v(d),
                     b.vunary(Opcode::VShrLImm, s.esize, a, s.right));
      return true;
    }
    case 0x0a: {  // SHL, SLI
      const Value shifted = b.vunary(Opcode::VShlImm, s.esize, a, s.left);
      if (!u) {
        r = shifted;
        return true;
      }
      const uint64_t lane_ones = s.esize == 64 ? ~uint64_t{0} : (uint64_t{1} << s.esize) - 1;
      const uint64_t keep = s.left == 0 ? 0 : lane_ones >> (s.esize - s.left);
      const Value mask = b.vdup(s.esize, b.constant(ir::int_type_of_bits(s.esize), keep));
      r = b.vternary(Opcode::VBitSelect, mask, l.v(d), shifted);
      return true;
    }
    case 0x0c:
    case 0x0e: {  // SQSHLU (U, 0x0c); SQSHL, UQSHL (0x0e)
      if (opcode == 0x0c && !u) return false;
      const NarrowKind kind = opcode == 0x0c ? NarrowKind::SignedToUnsigned
                              : u            ? NarrowKind::Unsigned
                                             : NarrowKind::Signed;
      const Value count = b.vdup(s.esize, b.constant(ir::int_type_of_bits(s.esize), s.left));
      Value clipped;
      r = saturating_shift_left(l, kind, s.esize, a, count, clipped);
      accrue_any(l, q, clipped);
      return true;
    }
    default:
      return false;
  }
}

// SHRN, RSHRN; SQSHRUN, SQRSHRUN (U); SQSHRN, SQRSHRN; UQSHRN, UQRSHRN (U): lanes of twice
// s.esize (immh selects the narrow size) shifted right, then narrowed into the low 64 bits.
bool shift_narrow(Lifter& l, unsigned opcode, bool u, const ShiftImm& s, Value a, Value& out) {
  ir::Builder& b = l.b;
  if (s.esize == 64) return false;
  const unsigned wide = 2 * s.esize;
  const bool round = opcode & 1, saturate = u || opcode >= 0x12;
  const bool is_signed = opcode >= 0x12 ? !u : u;  // SQSHRUN reads signed lanes
  const Value shifted = shift_right(l, is_signed, round, wide, a, s.right);
  if (!saturate) {
    out = b.vunary(Opcode::VNarrow, wide, shifted);
  } else if (opcode < 0x12) {
    out = saturating_narrow(l, NarrowKind::SignedToUnsigned, s.esize, shifted);
  } else {
    out = saturating_narrow(l, u ? NarrowKind::Unsigned : NarrowKind::Signed, s.esize, shifted);
  }
  return true;
}

}  // namespace

bool lift_SIMD_shift_imm(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const bool q = bits(insn, 30, 1), u = bits(insn, 29, 1);
  const unsigned opcode = bits(insn, 11, 5);
  const ShiftImm s = decode_shift(insn);
  const Value a = l.v(rn(insn));
  Value r;
  switch (opcode) {
    case 0x10:
    case 0x11:
    case 0x12:
    case 0x13: {
      Value narrowed;
      if (!shift_narrow(l, opcode, u, s, a, narrowed)) return false;
      write_narrow(l, rd(insn), q, narrowed);
      return true;
    }
    case 0x14:  // SSHLL, USHLL (SXTL, UXTL)
      if (s.esize == 64) return false;
      l.set_v(rd(insn),
              b.vunary(Opcode::VShlImm, 2 * s.esize, widen(l, !u, q, s.esize, a), s.left));
      return true;
    case 0x1c:
    case 0x1f:
      return simd_fp_fixed(l, insn, false);
    default:
      if (s.esize == 64 && !q) return false;
      if (!shift_common(l, opcode, u, q, s, a, rd(insn), r)) return false;
      write_vec(l, rd(insn), q, r);
      return true;
  }
}

bool lift_SIMD_scalar_shift(Lifter& l, uint32_t insn) {
  const unsigned opcode = bits(insn, 11, 5);
  if (opcode == 0x1c || opcode == 0x1f) return simd_fp_fixed(l, insn, true);
  const ShiftImm s = decode_shift(insn);
  const bool u = bits(insn, 29, 1);
  if (opcode >= 0x10 && opcode <= 0x13) {  // the saturating narrows (not SHRN/RSHRN)
    if (!u && opcode < 0x12) return false;
    Value narrowed;
    if (!shift_narrow(l, opcode, u, s, lane0_only(l, 2 * s.esize, l.v(rn(insn))), narrowed))
      return false;
    set_lane0(l, rd(insn), s.esize, narrowed);
    return true;
  }
  if (s.esize != 64) {  // below D, only SQSHL, UQSHL, SQSHLU exist as scalars
    if (opcode != 0x0c && opcode != 0x0e) return false;
    Value r;
    if (!shift_common(l, opcode, u, false, s, lane0_only(l, s.esize, l.v(rn(insn))), rd(insn), r))
      return false;
    set_lane0(l, rd(insn), s.esize, r);
    return true;
  }
  Value r;
  if (!shift_common(l, opcode, bits(insn, 29, 1), false, s, l.v(rn(insn)), rd(insn), r))
    return false;
  l.set_v_scalar(rd(insn), l.v_lo64(r));
  return true;
}

}  // namespace xisa::aarch64
