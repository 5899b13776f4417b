// SSE/SSE2 128-bit integer instructions (SDM vol. 1, 11.4.3) and their 64-bit MMX forms (9.4)
// on the IR's v128 ops: one table maps each lane-wise mnemonic to its op and lane width;
// shuffles become constant table lookups or byte concatenations; what the IR lacks runs in
// small helpers. An MMX operand is a v128 with the register in lane 0 (Lifter::vec), so the same
// code serves both forms; where 64-bit semantics differ (PUNPCKH*, PALIGNR, PSHUFB, word
// indexes) the handler says so.
#include <array>

#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

using ir::Opcode;
using ir::Type;
using ir::Value;

namespace {

struct LaneOp {
  ZydisMnemonic mnemonic;
  Opcode op;
  unsigned lane;
  bool swap;  // the IR op takes (src, dst): PANDN computes ~dst & src
};

constexpr LaneOp kLaneOps[] = {
    {ZYDIS_MNEMONIC_PADDB, Opcode::VAdd, 8, false},
    {ZYDIS_MNEMONIC_PADDW, Opcode::VAdd, 16, false},
    {ZYDIS_MNEMONIC_PADDD, Opcode::VAdd, 32, false},
    {ZYDIS_MNEMONIC_PADDQ, Opcode::VAdd, 64, false},
    {ZYDIS_MNEMONIC_PSUBB, Opcode::VSub, 8, false},
    {ZYDIS_MNEMONIC_PSUBW, Opcode::VSub, 16, false},
    {ZYDIS_MNEMONIC_PSUBD, Opcode::VSub, 32, false},
    {ZYDIS_MNEMONIC_PSUBQ, Opcode::VSub, 64, false},
    {ZYDIS_MNEMONIC_PADDSB, Opcode::VAddSatS, 8, false},
    {ZYDIS_MNEMONIC_PADDSW, Opcode::VAddSatS, 16, false},
    {ZYDIS_MNEMONIC_PADDUSB, Opcode::VAddSatU, 8, false},
    {ZYDIS_MNEMONIC_PADDUSW, Opcode::VAddSatU, 16, false},
    {ZYDIS_MNEMONIC_PSUBSB, Opcode::VSubSatS, 8, false},
    {ZYDIS_MNEMONIC_PSUBSW, Opcode::VSubSatS, 16, false},
    {ZYDIS_MNEMONIC_PSUBUSB, Opcode::VSubSatU, 8, false},
    {ZYDIS_MNEMONIC_PSUBUSW, Opcode::VSubSatU, 16, false},
    {ZYDIS_MNEMONIC_PCMPEQB, Opcode::VCmpEq, 8, false},
    {ZYDIS_MNEMONIC_PCMPEQW, Opcode::VCmpEq, 16, false},
    {ZYDIS_MNEMONIC_PCMPEQD, Opcode::VCmpEq, 32, false},
    {ZYDIS_MNEMONIC_PCMPGTB, Opcode::VCmpGtS, 8, false},
    {ZYDIS_MNEMONIC_PCMPGTW, Opcode::VCmpGtS, 16, false},
    {ZYDIS_MNEMONIC_PCMPGTD, Opcode::VCmpGtS, 32, false},
    {ZYDIS_MNEMONIC_PMINUB, Opcode::VMinU, 8, false},
    {ZYDIS_MNEMONIC_PMAXUB, Opcode::VMaxU, 8, false},
    {ZYDIS_MNEMONIC_PMINSW, Opcode::VMinS, 16, false},
    {ZYDIS_MNEMONIC_PMAXSW, Opcode::VMaxS, 16, false},
    {ZYDIS_MNEMONIC_PMULLW, Opcode::VMul, 16, false},
    {ZYDIS_MNEMONIC_PMULHW, Opcode::VMulHiS, 16, false},
    {ZYDIS_MNEMONIC_PMULHUW, Opcode::VMulHiU, 16, false},
    {ZYDIS_MNEMONIC_PMULUDQ, Opcode::VMulWideLoU, 64, false},
    {ZYDIS_MNEMONIC_PMADDWD, Opcode::VMulAddPairsS, 16, false},
    {ZYDIS_MNEMONIC_PAVGB, Opcode::VAvgRoundU, 8, false},
    {ZYDIS_MNEMONIC_PSADBW, Opcode::VSadU, 8, false},
    {ZYDIS_MNEMONIC_PAVGW, Opcode::VAvgRoundU, 16, false},
    {ZYDIS_MNEMONIC_PACKSSWB, Opcode::VPackSatS, 16, false},
    {ZYDIS_MNEMONIC_PACKSSDW, Opcode::VPackSatS, 32, false},
    {ZYDIS_MNEMONIC_PACKUSWB, Opcode::VPackSatSU, 16, false},
    {ZYDIS_MNEMONIC_PAND, Opcode::VAnd, 8, false},
    {ZYDIS_MNEMONIC_ANDPS, Opcode::VAnd, 8, false},
    {ZYDIS_MNEMONIC_ANDPD, Opcode::VAnd, 8, false},
    {ZYDIS_MNEMONIC_POR, Opcode::VOr, 8, false},
    {ZYDIS_MNEMONIC_ORPS, Opcode::VOr, 8, false},
    {ZYDIS_MNEMONIC_ORPD, Opcode::VOr, 8, false},
    {ZYDIS_MNEMONIC_PXOR, Opcode::VXor, 8, false},
    {ZYDIS_MNEMONIC_XORPS, Opcode::VXor, 8, false},
    {ZYDIS_MNEMONIC_XORPD, Opcode::VXor, 8, false},
    {ZYDIS_MNEMONIC_PANDN, Opcode::VAndNot, 8, true},
    {ZYDIS_MNEMONIC_ANDNPS, Opcode::VAndNot, 8, true},
    {ZYDIS_MNEMONIC_ANDNPD, Opcode::VAndNot, 8, true},
    {ZYDIS_MNEMONIC_PUNPCKLBW, Opcode::VZipLo, 8, false},
    {ZYDIS_MNEMONIC_PUNPCKLWD, Opcode::VZipLo, 16, false},
    {ZYDIS_MNEMONIC_PUNPCKLDQ, Opcode::VZipLo, 32, false},
    {ZYDIS_MNEMONIC_PUNPCKLQDQ, Opcode::VZipLo, 64, false},
    {ZYDIS_MNEMONIC_UNPCKLPS, Opcode::VZipLo, 32, false},
    {ZYDIS_MNEMONIC_UNPCKLPD, Opcode::VZipLo, 64, false},
    {ZYDIS_MNEMONIC_PUNPCKHBW, Opcode::VZipHi, 8, false},
    {ZYDIS_MNEMONIC_PUNPCKHWD, Opcode::VZipHi, 16, false},
    {ZYDIS_MNEMONIC_PUNPCKHDQ, Opcode::VZipHi, 32, false},
    {ZYDIS_MNEMONIC_PUNPCKHQDQ, Opcode::VZipHi, 64, false},
    {ZYDIS_MNEMONIC_UNPCKHPS, Opcode::VZipHi, 32, false},
    {ZYDIS_MNEMONIC_UNPCKHPD, Opcode::VZipHi, 64, false},
    // SSE4.1 / SSE4.2
    {ZYDIS_MNEMONIC_PMINSB, Opcode::VMinS, 8, false},
    {ZYDIS_MNEMONIC_PMINSD, Opcode::VMinS, 32, false},
    {ZYDIS_MNEMONIC_PMINUW, Opcode::VMinU, 16, false},
    {ZYDIS_MNEMONIC_PMINUD, Opcode::VMinU, 32, false},
    {ZYDIS_MNEMONIC_PMAXSB, Opcode::VMaxS, 8, false},
    {ZYDIS_MNEMONIC_PMAXSD, Opcode::VMaxS, 32, false},
    {ZYDIS_MNEMONIC_PMAXUW, Opcode::VMaxU, 16, false},
    {ZYDIS_MNEMONIC_PMAXUD, Opcode::VMaxU, 32, false},
    {ZYDIS_MNEMONIC_PMULLD, Opcode::VMul, 32, false},
    {ZYDIS_MNEMONIC_PMULDQ, Opcode::VMulWideLoS, 64, false},
    {ZYDIS_MNEMONIC_PACKUSDW, Opcode::VPackSatSU, 32, false},
    {ZYDIS_MNEMONIC_PCMPEQQ, Opcode::VCmpEq, 64, false},
    {ZYDIS_MNEMONIC_PCMPGTQ, Opcode::VCmpGtS, 64, false},
};

const LaneOp* find_lane_op(ZydisMnemonic m) {
  for (const LaneOp& op : kLaneOps)
    if (op.mnemonic == m) return &op;
  return nullptr;
}

// A byte-index vector for VTableLookup: byte i of the result comes from byte idx[i].
Value byte_indices(ir::Builder& b, const std::array<uint8_t, 16>& idx) {
  uint64_t lo = 0, hi = 0;
  for (unsigned i = 0; i < 8; ++i) {
    lo |= uint64_t{idx[i]} << (8 * i);
    hi |= uint64_t{idx[i + 8]} << (8 * i);
  }
  return b.vconst(lo, hi);
}

constexpr uint8_t kNoByte = 0x80;  // an out-of-range index: take the fallback's byte

// Indices selecting, for lanes first..first+count-1 of width lane_bytes, lane sel(k) of the
// table; other lanes keep kNoByte.
template <typename Sel>
void select_lanes(std::array<uint8_t, 16>& idx, unsigned lane_bytes, unsigned first, unsigned count,
                  Sel sel) {
  for (unsigned k = first; k < first + count; ++k)
    for (unsigned byte = 0; byte < lane_bytes; ++byte)
      idx[k * lane_bytes + byte] = static_cast<uint8_t>(sel(k) * lane_bytes + byte);
}

Value lookup(ir::Builder& b, Value table, const std::array<uint8_t, 16>& idx, Value fallback) {
  return b.vternary(Opcode::VTableLookup, table, byte_indices(b, idx), fallback);
}

uint64_t imm8(const Lifter& l, unsigned i) {
  return l.op(i).imm.value.u & 0xff;
}

// PMOVMSKB and MOVMSKPS/PD: the sign bit of each lane (an MMX source has zeros above).
bool movmsk(Lifter& l, unsigned lane_bits) {
  ir::Builder& b = l.b;
  if (!l.is_vec_reg(1)) return false;
  const Value mask = b.vreduce(Opcode::VMoveMask, Type::I32, lane_bits, l.vec(1));
  l.write(0, b.zext(l.type(0), mask));
  return true;
}

bool shift_imm(Lifter& l, Opcode op, unsigned lane) {
  if (!l.is_imm(1)) {  // the count is the low 64 bits of a register or memory operand
    const Opcode by_count = op == Opcode::VShlImm    ? Opcode::VShlS
                            : op == Opcode::VShrLImm ? Opcode::VShrLS
                                                     : Opcode::VShrAS;
    l.set_vec(0, l.b.vbinary(by_count, lane, l.vec(0), l.vec(1)));
    return true;
  }
  l.set_vec(0, l.b.vunary(op, lane, l.vec(0), imm8(l, 1)));
  return true;
}

}  // namespace

bool lift_sse_lanes(Lifter& l) {
  const LaneOp* op = find_lane_op(l.in->d.mnemonic);
  if (!op || !l.is_vec_reg(0)) return false;
  Value dst = l.vec(0);
  Value src = l.vec(1);
  Opcode code = op->op;
  if (code == Opcode::VZipHi && l.vec_bits() == 64) {
    // MMX PUNPCKH*: the high halves of the 64-bit operands, interleaved.
    dst = l.b.vunary(Opcode::VShrLImm, 64, dst, 32);
    src = l.b.vunary(Opcode::VShrLImm, 64, src, 32);
    code = Opcode::VZipLo;
  }
  if ((code == Opcode::VPackSatS || code == Opcode::VPackSatSU) && l.vec_bits() == 64) {
    // MMX PACK*: dst's lanes, then src's, in the low 64 bits: pack the register dst:src.
    dst = l.b.vbinary(Opcode::VZipLo, 64, dst, src);
    src = l.b.vconst(0, 0);
  }
  l.set_vec(
      0, op->swap ? l.b.vbinary(code, op->lane, src, dst) : l.b.vbinary(code, op->lane, dst, src));
  return true;
}

bool lift_pmovmskb(Lifter& l) {
  return movmsk(l, 8);
}
bool lift_movmskps(Lifter& l) {
  return movmsk(l, 32);
}
bool lift_movmskpd(Lifter& l) {
  return movmsk(l, 64);
}

// PSHUFD/PSHUFLW/PSHUFHW: lanes picked by 2-bit fields of the immediate.
bool lift_pshufd(Lifter& l) {
  const uint64_t imm = imm8(l, 2);
  std::array<uint8_t, 16> idx{};
  select_lanes(idx, 4, 0, 4, [&](unsigned k) { return (imm >> (2 * k)) & 3; });
  const Value src = l.read_as(1, Type::V128);
  l.set_xmm(0, lookup(l.b, src, idx, src));
  return true;
}

namespace {
bool shuffle_words(Lifter& l, unsigned half) {
  const uint64_t imm = imm8(l, 2);
  std::array<uint8_t, 16> idx{};
  idx.fill(kNoByte);
  select_lanes(idx, 2, 4 * half, 4,
               [&](unsigned k) { return 4 * half + ((imm >> (2 * (k - 4 * half))) & 3); });
  const Value src = l.read_as(1, Type::V128);
  l.set_xmm(0, lookup(l.b, src, idx, src));
  return true;
}
}  // namespace

// PSHUFW (MMX form, SSE): the four words picked by 2-bit fields of the immediate.
bool lift_pshufw(Lifter& l) {
  if (!l.is_mmx(0)) return false;
  const uint64_t imm = imm8(l, 2);
  std::array<uint8_t, 16> idx{};
  idx.fill(kNoByte);
  select_lanes(idx, 2, 0, 4, [&](unsigned k) { return (imm >> (2 * k)) & 3; });
  const Value src = l.vec(1);
  l.set_vec(0, lookup(l.b, src, idx, src));
  return true;
}

bool lift_pshuflw(Lifter& l) {
  return shuffle_words(l, 0);
}
bool lift_pshufhw(Lifter& l) {
  return shuffle_words(l, 1);
}

// SHUFPS/SHUFPD: the low half of the result from dst, the high half from src.
namespace {
bool shuffle_two(Lifter& l, unsigned lane_bytes) {
  const uint64_t imm = imm8(l, 2);
  const unsigned n = 16 / lane_bytes, bits_per = lane_bytes == 4 ? 2 : 1;
  const uint64_t field = (1u << bits_per) - 1;
  std::array<uint8_t, 16> from_src{}, from_dst{};
  from_src.fill(kNoByte);
  from_dst.fill(kNoByte);
  auto sel = [&](unsigned k) { return (imm >> (bits_per * k)) & field; };
  select_lanes(from_dst, lane_bytes, 0, n / 2, sel);
  select_lanes(from_src, lane_bytes, n / 2, n / 2, sel);
  const Value dst = l.xmm(0);
  const Value src = l.read_as(1, Type::V128);
  const Value high = lookup(l.b, src, from_src, l.b.vconst(0, 0));
  l.set_xmm(0, lookup(l.b, dst, from_dst, high));
  return true;
}
}  // namespace

bool lift_shufps(Lifter& l) {
  return shuffle_two(l, 4);
}
bool lift_shufpd(Lifter& l) {
  return shuffle_two(l, 8);
}

bool lift_psrldq(Lifter& l) {
  const uint64_t n = imm8(l, 1);
  const Value zero = l.b.vconst(0, 0);
  l.set_xmm(0, n >= 16
                   ? zero
                   : l.b.vbinary(Opcode::VConcatBytes, static_cast<unsigned>(n), l.xmm(0), zero));
  return true;
}

bool lift_pslldq(Lifter& l) {
  const uint64_t n = imm8(l, 1);
  const Value zero = l.b.vconst(0, 0);
  if (n == 0) return true;
  l.set_xmm(0, n >= 16 ? zero
                       : l.b.vbinary(Opcode::VConcatBytes, static_cast<unsigned>(16 - n), zero,
                                     l.xmm(0)));
  return true;
}

bool lift_palignr(Lifter& l) {
  const uint64_t n = imm8(l, 2);
  const Value dst = l.vec(0), src = l.vec(1), zero = l.b.vconst(0, 0);
  Value r = zero;
  if (l.vec_bits() == 64) {
    // MMX: bytes n..n+7 of dst:src, zeros past the 16 bytes.
    const Value both = l.b.vbinary(Opcode::VZipLo, 64, src, dst);
    if (n < 16) r = l.b.vbinary(Opcode::VConcatBytes, static_cast<unsigned>(n), both, zero);
  } else if (n < 16)
    r = l.b.vbinary(Opcode::VConcatBytes, static_cast<unsigned>(n), src, dst);
  else if (n < 32)
    r = l.b.vbinary(Opcode::VConcatBytes, static_cast<unsigned>(n - 16), dst, zero);
  l.set_vec(0, r);
  return true;
}

// PSHUFB (SSSE3): byte i = idx[i] bit 7 ? 0 : dst[idx[i] & 15] (& 7 in the MMX form).
bool lift_pshufb(Lifter& l) {
  ir::Builder& b = l.b;
  const uint64_t mask = l.vec_bits() == 64 ? 0x8787878787878787ull : 0x8f8f8f8f8f8f8f8full;
  const Value idx = b.vbinary(Opcode::VAnd, 8, l.vec(1), b.vconst(mask, mask));
  l.set_vec(0, b.vternary(Opcode::VTableLookup, l.vec(0), idx, b.vconst(0, 0)));
  return true;
}

namespace {
bool absolute(Lifter& l, unsigned lane) {
  if (!l.is_vec_reg(0)) return false;
  l.set_vec(0, l.b.vunary(Opcode::VAbs, lane, l.vec(1)));
  return true;
}
}  // namespace
bool lift_pabsb(Lifter& l) {
  return absolute(l, 8);
}
bool lift_pabsw(Lifter& l) {
  return absolute(l, 16);
}
bool lift_pabsd(Lifter& l) {
  return absolute(l, 32);
}

// MOVSLDUP/MOVSHDUP/MOVDDUP (SSE3): duplicate even or odd dwords, or the low qword.
namespace {
bool duplicate(Lifter& l, unsigned lane_bytes, unsigned first) {
  std::array<uint8_t, 16> idx{};
  select_lanes(idx, lane_bytes, 0, 16 / lane_bytes, [&](unsigned k) { return (k & ~1u) + first; });
  Value src;
  if (l.is_mem(1) && lane_bytes == 8)
    src = l.b.vinsert_lane(64, l.b.vconst(0, 0), l.b.load(Type::I64, l.address(1)), 0);
  else
    src = l.read_as(1, Type::V128);
  l.set_xmm(0, lookup(l.b, src, idx, src));
  return true;
}
}  // namespace
bool lift_movsldup(Lifter& l) {
  return duplicate(l, 4, 0);
}
bool lift_movshdup(Lifter& l) {
  return duplicate(l, 4, 1);
}
bool lift_movddup(Lifter& l) {
  return duplicate(l, 8, 0);
}

bool lift_psllw(Lifter& l) {
  return shift_imm(l, Opcode::VShlImm, 16);
}
bool lift_pslld(Lifter& l) {
  return shift_imm(l, Opcode::VShlImm, 32);
}
bool lift_psllq(Lifter& l) {
  return shift_imm(l, Opcode::VShlImm, 64);
}
bool lift_psrlw(Lifter& l) {
  return shift_imm(l, Opcode::VShrLImm, 16);
}
bool lift_psrld(Lifter& l) {
  return shift_imm(l, Opcode::VShrLImm, 32);
}
bool lift_psrlq(Lifter& l) {
  return shift_imm(l, Opcode::VShrLImm, 64);
}
bool lift_psraw(Lifter& l) {
  return shift_imm(l, Opcode::VShrAImm, 16);
}
bool lift_psrad(Lifter& l) {
  return shift_imm(l, Opcode::VShrAImm, 32);
}

}  // namespace xisa::x86_64
