// v128 ops with SSE2..SSE4.1. Vectors live in xmm8-xmm15 or, spilled, in 16-byte frame slots
// (aligned, so they can be SSE memory operands); xmm0-xmm7 are scratch. Each op computes in
// its result's register, which is its first operand's when that value dies there; constants
// are memory operands in the block's literal pool (16-byte aligned too). Lane widths
// x86 lacks (e.g. 64-bit min/max), the rarer permutes and the reductions have no native form
// here: lower_pure_call evaluates them.
#include <algorithm>
#include <cstring>

#include "backend/x86_64/emitter.h"

namespace xisa::backend::x86_64 {

using ir::Opcode;
using InstId = x86::Inst::Id;

namespace {

constexpr InstId kNone = x86::Inst::kIdNone;

unsigned lane_index(unsigned bits) {
  switch (bits) {
    case 8:
      return 0;
    case 16:
      return 1;
    case 32:
      return 2;
    case 64:
      return 3;
    default:
      return 4;
  }
}

// Lane-wise ops that are `xmm0 = a; op xmm0, b`, by lane width 8/16/32/64.
InstId simple_binary(Opcode op, unsigned bits) {
  namespace I = asmjit::x86::Inst;
  struct Row {
    Opcode op;
    InstId by_lane[4];
  };
  static constexpr Row kRows[] = {
      {Opcode::VAdd, {I::kIdPaddb, I::kIdPaddw, I::kIdPaddd, I::kIdPaddq}},
      {Opcode::VSub, {I::kIdPsubb, I::kIdPsubw, I::kIdPsubd, I::kIdPsubq}},
      {Opcode::VMul, {kNone, I::kIdPmullw, I::kIdPmulld, kNone}},
      {Opcode::VMulHiS, {kNone, I::kIdPmulhw, kNone, kNone}},
      {Opcode::VMulHiU, {kNone, I::kIdPmulhuw, kNone, kNone}},
      {Opcode::VMulWideLoS, {kNone, kNone, kNone, I::kIdPmuldq}},
      {Opcode::VMulWideLoU, {kNone, kNone, kNone, I::kIdPmuludq}},
      {Opcode::VMulAddPairsS, {kNone, I::kIdPmaddwd, kNone, kNone}},
      {Opcode::VShlS, {kNone, I::kIdPsllw, I::kIdPslld, I::kIdPsllq}},
      {Opcode::VShrLS, {kNone, I::kIdPsrlw, I::kIdPsrld, I::kIdPsrlq}},
      {Opcode::VShrAS, {kNone, I::kIdPsraw, I::kIdPsrad, kNone}},
      {Opcode::VSadU, {I::kIdPsadbw, kNone, kNone, kNone}},
      {Opcode::VAvgRoundU, {I::kIdPavgb, I::kIdPavgw, kNone, kNone}},
      {Opcode::VPackSatS, {kNone, I::kIdPacksswb, I::kIdPackssdw, kNone}},
      {Opcode::VPackSatSU, {kNone, I::kIdPackuswb, I::kIdPackusdw, kNone}},
      {Opcode::VMinS, {I::kIdPminsb, I::kIdPminsw, I::kIdPminsd, kNone}},
      {Opcode::VMinU, {I::kIdPminub, I::kIdPminuw, I::kIdPminud, kNone}},
      {Opcode::VMaxS, {I::kIdPmaxsb, I::kIdPmaxsw, I::kIdPmaxsd, kNone}},
      {Opcode::VMaxU, {I::kIdPmaxub, I::kIdPmaxuw, I::kIdPmaxud, kNone}},
      {Opcode::VAddSatS, {I::kIdPaddsb, I::kIdPaddsw, kNone, kNone}},
      {Opcode::VAddSatU, {I::kIdPaddusb, I::kIdPaddusw, kNone, kNone}},
      {Opcode::VSubSatS, {I::kIdPsubsb, I::kIdPsubsw, kNone, kNone}},
      {Opcode::VSubSatU, {I::kIdPsubusb, I::kIdPsubusw, kNone, kNone}},
      {Opcode::VCmpEq, {I::kIdPcmpeqb, I::kIdPcmpeqw, I::kIdPcmpeqd, I::kIdPcmpeqq}},
      {Opcode::VCmpGtS, {I::kIdPcmpgtb, I::kIdPcmpgtw, I::kIdPcmpgtd, I::kIdPcmpgtq}},
      {Opcode::VZipLo, {I::kIdPunpcklbw, I::kIdPunpcklwd, I::kIdPunpckldq, I::kIdPunpcklqdq}},
      {Opcode::VZipHi, {I::kIdPunpckhbw, I::kIdPunpckhwd, I::kIdPunpckhdq, I::kIdPunpckhqdq}},
  };
  const unsigned li = lane_index(bits);
  if (op == Opcode::VAnd) return I::kIdPand;
  if (op == Opcode::VOr) return I::kIdPor;
  if (op == Opcode::VXor) return I::kIdPxor;
  if (li > 3) return kNone;
  for (const Row& r : kRows)
    if (r.op == op) return r.by_lane[li];
  return kNone;
}

InstId by_lane(unsigned bits, InstId b8, InstId b16, InstId b32, InstId b64) {
  const InstId ids[4] = {b8, b16, b32, b64};
  const unsigned li = lane_index(bits);
  return li > 3 ? kNone : ids[li];
}

InstId cmp_eq(unsigned bits) {
  namespace I = asmjit::x86::Inst;
  return by_lane(bits, I::kIdPcmpeqb, I::kIdPcmpeqw, I::kIdPcmpeqd, I::kIdPcmpeqq);
}
InstId max_u(unsigned bits) {
  namespace I = asmjit::x86::Inst;
  return by_lane(bits, I::kIdPmaxub, I::kIdPmaxuw, I::kIdPmaxud, kNone);
}
InstId shift_imm(Opcode op, unsigned bits) {
  namespace I = asmjit::x86::Inst;
  switch (op) {
    case Opcode::VShlImm:
      return by_lane(bits, kNone, I::kIdPsllw, I::kIdPslld, I::kIdPsllq);
    case Opcode::VShrLImm:
      return by_lane(bits, kNone, I::kIdPsrlw, I::kIdPsrld, I::kIdPsrlq);
    default:
      return by_lane(bits, kNone, I::kIdPsraw, I::kIdPsrad, kNone);
  }
}
InstId widen(Opcode op, unsigned bits) {
  namespace I = asmjit::x86::Inst;
  if (op == Opcode::VWidenLoU || op == Opcode::VWidenHiU)
    return by_lane(bits, I::kIdPmovzxbw, I::kIdPmovzxwd, I::kIdPmovzxdq, kNone);
  return by_lane(bits, I::kIdPmovsxbw, I::kIdPmovsxwd, I::kIdPmovsxdq, kNone);
}

// A pshufb control that gathers lanes parity, parity + 2, ... (lanes of `lane_bits`) into the
// low 64 bits and zeroes the high 64 bits.
std::pair<uint64_t, uint64_t> gather_mask(unsigned lane_bits, unsigned parity) {
  const unsigned bytes = lane_bits / 8;
  uint8_t m[16];
  std::memset(m, 0x80, sizeof m);  // bit 7 set: the byte becomes 0
  for (unsigned j = 0; j < 8 / bytes; ++j)
    for (unsigned k = 0; k < bytes; ++k)
      m[j * bytes + k] = static_cast<uint8_t>((2 * j + parity) * bytes + k);
  uint64_t lo, hi;
  std::memcpy(&lo, m, 8);
  std::memcpy(&hi, m + 8, 8);
  return {lo, hi};
}

// The PSHUFD immediate of a byte permute that moves whole dwords, or -1.
int dword_order(const uint8_t (&bytes)[16]) {
  int order = 0;
  for (unsigned d = 0; d < 4; ++d) {
    const unsigned from = bytes[4 * d] / 4;
    if (bytes[4 * d] % 4 != 0) return -1;
    for (unsigned k = 1; k < 4; ++k)
      if (bytes[4 * d + k] != 4 * from + k) return -1;
    order |= static_cast<int>(from << (2 * d));
  }
  return order;
}

}  // namespace

bool vector_lowered(const ir::Inst& inst) {
  const HostFeatures& host = HostFeatures::get();
  if (!host.sse41) return false;  // every lowering below may use up to SSE4.1
  const auto bits = static_cast<unsigned>(inst.imm);
  switch (inst.op) {
    case Opcode::VAnd:
    case Opcode::VOr:
    case Opcode::VXor:
    case Opcode::VAndNot:
    case Opcode::VNot:
    case Opcode::VBitSelect:
      return true;
    case Opcode::VConcatBytes:
    case Opcode::VTableLookup:
      return host.ssse3;
    case Opcode::VUnzipEven:
    case Opcode::VUnzipOdd:
      return host.ssse3 && lane_index(bits) < 4;
    case Opcode::VNarrow:
      return host.ssse3 && bits >= 16 && lane_index(bits) < 4;
    case Opcode::VCmpGtS:
      return bits != 64 || host.sse42;
    case Opcode::VCmpGeS:
      return bits != 64 ? simple_binary(Opcode::VCmpGtS, bits) != kNone : host.sse42;
    case Opcode::VCmpGeU:
    case Opcode::VCmpGtU:
      return max_u(bits) != kNone;
    case Opcode::VCmpTest:
    case Opcode::VNeg:
      return cmp_eq(bits) != kNone;
    case Opcode::VAbs:
      return host.ssse3 && bits <= 32 && lane_index(bits) < 4;
    case Opcode::VShlImm:
    case Opcode::VShrLImm:
    case Opcode::VShrAImm:
      return shift_imm(inst.op, bits) != kNone;
    case Opcode::VWidenLoU:
    case Opcode::VWidenLoS:
    case Opcode::VWidenHiU:
    case Opcode::VWidenHiS:
      return widen(inst.op, bits) != kNone;
    case Opcode::VDup:
      return lane_index(bits) < 4 && (bits != 8 || host.ssse3);
    case Opcode::VExtractLane:
    case Opcode::VInsertLane:
      return lane_index(bits) < 4 && inst.aux < 128 / bits;
    case Opcode::VMoveMask:
      return lane_index(bits) < 4;
    case Opcode::VFAdd:
    case Opcode::VFSub:
    case Opcode::VFMul:
      return bits == 32 || bits == 64;
    case Opcode::VFMulAdd:
      return (bits == 32 || bits == 64) && host.fma;
    case Opcode::VFWidenLo:
      return bits == 32;
    default:
      return simple_binary(inst.op, bits) != kNone;
  }
}

void Emitter::lower_vector(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const auto bits = static_cast<unsigned>(inst.imm);
  const x86::Xmm x0 = x86::xmm0, x1 = x86::xmm1;
  // The second operand: its register or frame slot, or the value built in xmm1.
  auto operand = [&](ir::ValueId v) { return vec_operand(v, x1); };
  auto all_ones = [&](const x86::Xmm& x) { as_.pcmpeqd(x, x); };

  if (inst.op == Opcode::VMoveMask) {
    const x86::Xmm src = bits == 16 ? x0 : vec_reg(arg(i, 0), x0);
    if (bits == 16) load128(arg(i, 0), x0);
    const x86::Gp dst = def_reg(i, false, 32);
    switch (bits) {
      case 8:
        as_.pmovmskb(dst, src);
        break;
      case 16:  // signed saturation keeps each word's sign in a byte: the low 8 bytes
        as_.packsswb(x0, x0);
        as_.pmovmskb(dst, x0);
        as_.movzx(dst, dst.r8());
        break;
      case 32:
        as_.movmskps(dst, src);
        break;
      default:
        as_.movmskpd(dst, src);
        break;
    }
    return;
  }
  if (inst.op == Opcode::VExtractLane) {
    const unsigned bytes = bits / 8, index = static_cast<unsigned>(inst.aux);
    const Loc& l = loc(arg(i, 0));
    const x86::Gp dst = def_reg(i, false, 64);
    if (l.kind == Loc::Imm) {
      uint8_t raw[16];
      std::memcpy(raw, &l.imm, 8);
      std::memcpy(raw + 8, &l.imm_hi, 8);
      uint64_t lane = 0;
      std::memcpy(&lane, raw + index * bytes, bytes);
      as_.mov(dst, lane);
    } else if (l.kind == Loc::VecReg) {
      const x86::Xmm src = x86::xmm(l.reg);
      switch (bytes) {
        case 1:
          as_.pextrb(dst.r32(), src, index);
          break;
        case 2:
          as_.pextrw(dst.r32(), src, index);
          break;
        case 4:
          if (index == 0)
            as_.movd(dst.r32(), src);
          else
            as_.pextrd(dst.r32(), src, index);
          break;
        default:
          if (index == 0)
            as_.movq(dst, src);
          else
            as_.pextrq(dst, src, index);
          break;
      }
    } else {
      x86::Mem src = slot_mem(l.slot, bytes);
      src.addOffset(static_cast<int64_t>(index * bytes));
      if (bytes < 4)
        as_.movzx(dst.r32(), src);
      else if (bytes == 4)
        as_.mov(dst.r32(), src);
      else
        as_.mov(dst, src);
    }
    return;
  }
  if (inst.op == Opcode::VDup) {
    const x86::Xmm d = def_vec(i);
    if (is_imm(arg(i, 0))) {  // a constant splat: from the literal pool
      const unsigned bytes = bits / 8;
      const uint64_t lane = loc(arg(i, 0)).imm;
      uint8_t raw[16];
      for (unsigned k = 0; k < 16; k += bytes) std::memcpy(raw + k, &lane, bytes);
      Loc c{Loc::Imm};
      std::memcpy(&c.imm, raw, 8);
      std::memcpy(&c.imm_hi, raw + 8, 8);
      as_.movdqa(d, literal(c));
      return;
    }
    mov_to(kScratch0, arg(i, 0));
    as_.movq(d, kScratch0);
    switch (bits) {
      case 8:
        as_.pxor(x1, x1);
        as_.pshufb(d, x1);
        break;
      case 16:
        as_.pshuflw(d, d, 0);
        as_.punpcklqdq(d, d);
        break;
      case 32:
        as_.pshufd(d, d, 0);
        break;
      default:
        as_.punpcklqdq(d, d);
        break;
    }
    return;
  }

  // A 128-bit constant operand, from the block's literal pool.
  auto constant = [&](std::pair<uint64_t, uint64_t> v) {
    Loc c{Loc::Imm};
    c.imm = v.first;
    c.imm_hi = v.second;
    return literal(c);
  };

  // Each case defines the result register d first, in the register of the operand it reads
  // first where that value dies here (def_vec_over), and computes in it.
  switch (inst.op) {
    case Opcode::VUnzipEven:  // even (odd) lanes of a, then of b: gather each, join halves
    case Opcode::VUnzipOdd: {
      const x86::Mem mask = constant(gather_mask(bits, inst.op == Opcode::VUnzipOdd ? 1 : 0));
      const x86::Xmm d = def_vec_over(i, 0);
      load128(arg(i, 0), d);
      load128(arg(i, 1), x1);
      as_.pshufb(d, mask);
      as_.pshufb(x1, mask);
      as_.punpcklqdq(d, x1);
      break;
    }
    case Opcode::VNarrow: {  // the low half of each lane: the even half-lanes, high 64 bits zero
      const x86::Xmm d = def_vec_over(i, 0);
      load128(arg(i, 0), d);
      as_.pshufb(d, constant(gather_mask(bits / 2, 0)));
      break;
    }
    case Opcode::VTableLookup: {  // idx < 16 ? table[idx] : fallback
      const x86::Xmm idx = x86::xmm4, fallback = x86::xmm5, mask = x86::xmm2;
      if (is_imm(arg(i, 1))) {
        // A constant permute (PSHUFD, PSHUFLW...): no fallback byte is taken when every
        // index is below 16, and one that moves whole dwords is a PSHUFD.
        const Loc& c = loc(arg(i, 1));
        uint8_t bytes[16];
        std::memcpy(bytes, &c.imm, 8);
        std::memcpy(bytes + 8, &c.imm_hi, 8);
        if (std::all_of(bytes, bytes + 16, [](uint8_t b) { return b < 16; })) {
          const x86::Xmm d = def_vec_over(i, 0);
          if (const int order = dword_order(bytes); order >= 0) {
            const asmjit::Operand table = vec_operand(arg(i, 0), x1);
            if (table.isReg())
              as_.pshufd(d, table.as<x86::Xmm>(), order);
            else
              as_.pshufd(d, table.as<x86::Mem>(), order);
          } else {
            load128(arg(i, 0), d);
            as_.pshufb(d, literal(c));
          }
          break;
        }
      }
      const x86::Xmm d = def_vec_over(i, 0);
      load128(arg(i, 0), d);
      load128(arg(i, 1), idx);
      load128(arg(i, 2), fallback);
      as_.pshufb(d, idx);  // table[idx & 15], or 0 when bit 7 is set
      as_.movdqa(x1, constant({0x0f0f0f0f0f0f0f0full, 0x0f0f0f0f0f0f0f0full}));
      as_.pminub(x1, idx);
      as_.movdqa(mask, idx);
      as_.pcmpeqb(mask, x1);  // min(idx, 15) == idx: idx < 16
      as_.pand(d, mask);
      as_.pandn(mask, fallback);
      as_.por(d, mask);
      break;
    }
    case Opcode::VInsertLane: {
      const x86::Gp s = in_reg(arg(i, 1), kScratch1, 64);
      const x86::Xmm d = def_vec_over(i, 0);
      load128(arg(i, 0), d);
      const asmjit::Imm lane(inst.aux);
      switch (bits) {
        case 8:
          as_.pinsrb(d, s.r32(), lane);
          break;
        case 16:
          as_.pinsrw(d, s.r32(), lane);
          break;
        case 32:
          as_.pinsrd(d, s.r32(), lane);
          break;
        default:
          as_.pinsrq(d, s, lane);
          break;
      }
      break;
    }
    case Opcode::VFAdd:
    case Opcode::VFSub:
    case Opcode::VFMul: {
      namespace I = asmjit::x86::Inst;
      const bool f64 = bits == 64;
      const InstId id = inst.op == Opcode::VFAdd   ? (f64 ? I::kIdAddpd : I::kIdAddps)
                        : inst.op == Opcode::VFSub ? (f64 ? I::kIdSubpd : I::kIdSubps)
                                                   : (f64 ? I::kIdMulpd : I::kIdMulps);
      const x86::Xmm d = def_vec_over(i, 0);
      load128(arg(i, 0), d);
      as_.emit(id, d, operand(arg(i, 1)));
      break;
    }
    case Opcode::VFWidenLo: {
      const x86::Xmm d = def_vec_over(i, 0);
      as_.cvtps2pd(d, vec_reg(arg(i, 0), x1));
      break;
    }
    case Opcode::VFMulAdd: {  // d = a * b + c
      const x86::Xmm d = def_vec_over(i, 0);
      load128(arg(i, 0), d);
      as_.emit(bits == 64 ? x86::Inst::kIdVfmadd213pd : x86::Inst::kIdVfmadd213ps, d,
               vec_reg(arg(i, 1), x1), vec_operand(arg(i, 2), x86::xmm2));
      break;
    }
    case Opcode::VAndNot: {  // a & ~b = pandn(b, a)
      const x86::Xmm d = def_vec_over(i, 1);
      load128(arg(i, 1), d);
      as_.emit(x86::Inst::kIdPandn, d, operand(arg(i, 0)));
      break;
    }
    case Opcode::VConcatBytes: {  // bytes n.. of b:a = palignr(b, a, n)
      const x86::Xmm d = def_vec_over(i, 1);
      load128(arg(i, 1), d);
      as_.emit(x86::Inst::kIdPalignr, d, operand(arg(i, 0)), asmjit::Imm(inst.imm & 15));
      break;
    }
    case Opcode::VCmpGeS: {  // a >= b = !(b > a)
      const x86::Xmm d = def_vec_over(i, 1);
      load128(arg(i, 1), d);
      as_.emit(simple_binary(Opcode::VCmpGtS, bits), d, operand(arg(i, 0)));
      all_ones(x1);
      as_.pxor(d, x1);
      break;
    }
    case Opcode::VCmpGeU:    // a >= b = (max(a, b) == a)
    case Opcode::VCmpGtU: {  // a > b = !(b >= a)
      const bool gt = inst.op == Opcode::VCmpGtU;
      const ir::ValueId p = gt ? arg(i, 1) : arg(i, 0), q = gt ? arg(i, 0) : arg(i, 1);
      const x86::Xmm d = def_vec(i);  // p is read twice: not over it
      load128(p, d);
      as_.emit(max_u(bits), d, operand(q));
      as_.emit(cmp_eq(bits), d, operand(p));
      if (gt) {
        all_ones(x1);
        as_.pxor(d, x1);
      }
      break;
    }
    case Opcode::VCmpTest: {  // (a & b) != 0 = !((a & b) == 0)
      const x86::Xmm d = def_vec_over(i, 0);
      load128(arg(i, 0), d);
      as_.emit(x86::Inst::kIdPand, d, operand(arg(i, 1)));
      as_.pxor(x1, x1);
      as_.emit(cmp_eq(bits), d, x1);
      all_ones(x1);
      as_.pxor(d, x1);
      break;
    }
    case Opcode::VNot: {
      const x86::Xmm d = def_vec_over(i, 0);
      load128(arg(i, 0), d);
      all_ones(x1);
      as_.pxor(d, x1);
      break;
    }
    case Opcode::VNeg: {
      const x86::Xmm d = def_vec(i);  // zeroed before a is read: not over it
      as_.pxor(d, d);
      as_.emit(simple_binary(Opcode::VSub, bits), d, operand(arg(i, 0)));
      break;
    }
    case Opcode::VAbs: {
      const x86::Xmm d = def_vec_over(i, 0);
      as_.emit(by_lane(bits, x86::Inst::kIdPabsb, x86::Inst::kIdPabsw, x86::Inst::kIdPabsd, kNone),
               d, operand(arg(i, 0)));
      break;
    }
    case Opcode::VShlImm:
    case Opcode::VShrLImm:
    case Opcode::VShrAImm: {
      // x86 gives 0 (or the sign for arithmetic shifts) for counts >= the lane width, as the IR.
      const uint64_t count = inst.aux < bits ? inst.aux : bits;
      const x86::Xmm d = def_vec_over(i, 0);
      load128(arg(i, 0), d);
      as_.emit(shift_imm(inst.op, bits), d, asmjit::Imm(count));
      break;
    }
    case Opcode::VWidenLoU:
    case Opcode::VWidenLoS:
    case Opcode::VWidenHiU:
    case Opcode::VWidenHiS: {
      const x86::Xmm d = def_vec_over(i, 0);
      load128(arg(i, 0), d);
      if (inst.op == Opcode::VWidenHiU || inst.op == Opcode::VWidenHiS) as_.psrldq(d, 8);
      as_.emit(widen(inst.op, bits), d, d);
      break;
    }
    case Opcode::VBitSelect: {  // (c & t) | (~c & f)
      const x86::Xmm d = def_vec_over(i, 0);
      load128(arg(i, 0), d);
      as_.movdqa(x86::xmm2, d);
      as_.emit(x86::Inst::kIdPand, d, operand(arg(i, 1)));
      as_.emit(x86::Inst::kIdPandn, x86::xmm2, operand(arg(i, 2)));
      as_.por(d, x86::xmm2);
      break;
    }
    default: {
      const x86::Xmm d = def_vec_over(i, 0);
      load128(arg(i, 0), d);
      as_.emit(simple_binary(inst.op, bits), d, operand(arg(i, 1)));
      break;
    }
  }
}

}  // namespace xisa::backend::x86_64
