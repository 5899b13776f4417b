// v128 ops on Advanced SIMD. The IR's lane ops map almost one to one onto NEON: operands are
// loaded from their frame slots into v0..v2, the result goes back to a slot (or a general
// register for lane extracts and reductions). Ops or lane widths NEON has no single
// instruction for (64-bit min/max/mul, variable shifts, 64-bit reductions, wide move masks)
// take the pure-call path.
#include "backend/aarch64/emitter.h"

namespace xisa::backend::aarch64 {

using ir::Opcode;
using Id = a64::Inst::Id;

namespace {

constexpr unsigned kAll = 0xf, k8to32 = 0x7, k8 = 0x1, kWhole = 0x10;  // bit n: lane 8 << n

struct VectorOp {
  Opcode op;
  Id id;
  unsigned lanes;  // kWhole: a bitwise op on the whole register (the lane width is ignored)
};
constexpr VectorOp kOps[] = {
    {Opcode::VAdd, a64::Inst::kIdAdd_v, kAll},
    {Opcode::VSub, a64::Inst::kIdSub_v, kAll},
    {Opcode::VMul, a64::Inst::kIdMul_v, k8to32},
    {Opcode::VMinS, a64::Inst::kIdSmin_v, k8to32},
    {Opcode::VMinU, a64::Inst::kIdUmin_v, k8to32},
    {Opcode::VMaxS, a64::Inst::kIdSmax_v, k8to32},
    {Opcode::VMaxU, a64::Inst::kIdUmax_v, k8to32},
    {Opcode::VAddSatS, a64::Inst::kIdSqadd_v, kAll},
    {Opcode::VAvgRoundU, a64::Inst::kIdUrhadd_v, k8to32},
    {Opcode::VAddSatU, a64::Inst::kIdUqadd_v, kAll},
    {Opcode::VSubSatS, a64::Inst::kIdSqsub_v, kAll},
    {Opcode::VSubSatU, a64::Inst::kIdUqsub_v, kAll},
    {Opcode::VCmpEq, a64::Inst::kIdCmeq_v, kAll},
    {Opcode::VCmpGtS, a64::Inst::kIdCmgt_v, kAll},
    {Opcode::VCmpGtU, a64::Inst::kIdCmhi_v, kAll},
    {Opcode::VCmpGeS, a64::Inst::kIdCmge_v, kAll},
    {Opcode::VCmpGeU, a64::Inst::kIdCmhs_v, kAll},
    {Opcode::VCmpTest, a64::Inst::kIdCmtst_v, kAll},
    {Opcode::VAnd, a64::Inst::kIdAnd_v, kWhole},
    {Opcode::VOr, a64::Inst::kIdOrr_v, kWhole},
    {Opcode::VXor, a64::Inst::kIdEor_v, kWhole},
    {Opcode::VAndNot, a64::Inst::kIdBic_v, kWhole},
    {Opcode::VZipLo, a64::Inst::kIdZip1_v, kAll},
    {Opcode::VZipHi, a64::Inst::kIdZip2_v, kAll},
    {Opcode::VUnzipEven, a64::Inst::kIdUzp1_v, kAll},
    {Opcode::VUnzipOdd, a64::Inst::kIdUzp2_v, kAll},
    {Opcode::VTrnEven, a64::Inst::kIdTrn1_v, kAll},
    {Opcode::VTrnOdd, a64::Inst::kIdTrn2_v, kAll},
    {Opcode::VNot, a64::Inst::kIdMvn_v, kWhole},
    {Opcode::VNeg, a64::Inst::kIdNeg_v, kAll},
    {Opcode::VAbs, a64::Inst::kIdAbs_v, kAll},
    {Opcode::VPopcnt, a64::Inst::kIdCnt_v, k8},
    {Opcode::VClz, a64::Inst::kIdClz_v, k8to32},
    {Opcode::VCls, a64::Inst::kIdCls_v, k8to32},
    {Opcode::VRbit, a64::Inst::kIdRbit_v, k8},
    {Opcode::VReduceAdd, a64::Inst::kIdAddv_v, k8to32},
    {Opcode::VReduceMaxU, a64::Inst::kIdUmaxv_v, k8to32},
    {Opcode::VReduceMinU, a64::Inst::kIdUminv_v, k8to32},
    {Opcode::VReduceMaxS, a64::Inst::kIdSmaxv_v, k8to32},
    {Opcode::VReduceMinS, a64::Inst::kIdSminv_v, k8to32},
};

const VectorOp* table_op(const ir::Inst& inst) {
  for (const VectorOp& v : kOps)
    if (v.op == inst.op) return &v;
  return nullptr;
}

unsigned lane_bit(uint64_t bits) {
  switch (bits) {
    case 8:
      return 1;
    case 16:
      return 2;
    case 32:
      return 4;
    case 64:
      return 8;
    default:
      return 0;
  }
}

// v<id> arranged in lanes of `bits`.
a64::Vec lanes(uint32_t id, uint64_t bits) {
  switch (bits) {
    case 16:
      return a64::v(id).h8();
    case 32:
      return a64::v(id).s4();
    case 64:
      return a64::v(id).d2();
    default:
      return a64::v(id).b16();
  }
}

// v<id>'s low 64 bits in lanes of `bits` (8, 16 or 32): the source of a widening op.
a64::Vec half_lanes(uint32_t id, uint64_t bits) {
  return bits == 8 ? a64::v(id).b8() : bits == 16 ? a64::v(id).h4() : a64::v(id).s2();
}

// Lane `index` of v<id>, an element of `bits`.
a64::Vec element(uint32_t id, uint64_t bits, uint32_t index) {
  switch (bits) {
    case 16:
      return a64::v(id).h(index);
    case 32:
      return a64::v(id).s(index);
    case 64:
      return a64::v(id).d(index);
    default:
      return a64::v(id).b(index);
  }
}

}  // namespace

bool vector_lowered(const ir::Inst& inst) {
  const unsigned lane = lane_bit(inst.imm);
  if (const VectorOp* v = table_op(inst)) return (v->lanes & kWhole) || (v->lanes & lane);
  switch (inst.op) {
    case Opcode::VConcatBytes:
    case Opcode::VBitSelect:
    case Opcode::VTableLookup:
      return true;
    case Opcode::VShlImm:
    case Opcode::VShrLImm:
    case Opcode::VShrAImm:
    case Opcode::VDup:
    case Opcode::VExtractLane:
    case Opcode::VInsertLane:
      return lane != 0;
    case Opcode::VReverse:  // REV16/32/64: lanes smaller than the container
      return lane != 0 && inst.imm < inst.aux &&
             (inst.aux == 16 || inst.aux == 32 || inst.aux == 64);
    case Opcode::VNarrow:  // the source lane width
    case Opcode::VWidenLoU:
    case Opcode::VWidenLoS:
    case Opcode::VWidenHiU:
    case Opcode::VWidenHiS:
      return inst.op == Opcode::VNarrow ? (lane & 0xe) != 0 : (lane & 0x7) != 0;
    case Opcode::VMoveMask:
      return inst.imm == 8;
    case Opcode::VMulHiS:  // SMULL/SMULL2 and the high halves: 8-32-bit lanes
    case Opcode::VMulHiU:
      return (lane & 0x7) != 0;
    case Opcode::VMulWideLoS:  // XTN both, then SMULL: 16-64-bit lanes
    case Opcode::VMulWideLoU:
    case Opcode::VPackSatS:  // SQXTN and SQXTN2 (SQXTUN, SQXTUN2) from 16-64-bit lanes
    case Opcode::VPackSatSU:
      return (lane & 0xe) != 0;
    case Opcode::VMulAddPairsS:  // SMULL, SMULL2, ADDP
      return (lane & 0x7) != 0;
    case Opcode::VSadU:  // UABD, then pairwise widening adds up to 64 bits
      return inst.imm == 8;
    default:
      return false;
  }
}

void Emitter::lower_vector(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const uint64_t bits = inst.imm;
  const ir::Signature sig = ir::op_info(inst.op).signature;
  for (unsigned a = 0; a < inst.nargs; ++a)
    if (ir::type_bits(arg_inst(i, a).type) == 128) load128(arg(i, a), a);
  const a64::Vec r = lanes(0, bits);
  if (sig == ir::Signature::VExtract) {
    const a64::GpX dst = def_reg(i, false);
    if (inst.op == Opcode::VExtractLane) {
      const a64::Gp d = bits == 64 ? a64::Gp(dst) : a64::Gp(dst.w());
      as_.umov(d, element(0, bits, static_cast<uint32_t>(inst.aux)));
      return;
    }
    if (inst.op == Opcode::VMoveMask) {  // byte sign bits: weight them 1..128 per half, add
      as_.emit(a64::Inst::kIdCmlt_v, a64::v(0).b16(), a64::v(0).b16(), 0);
      mov_imm(kScratch0, 0x8040201008040201);
      as_.dup(a64::v(1).d2(), kScratch0);
      as_.and_(a64::v(0).b16(), a64::v(0).b16(), a64::v(1).b16());
      as_.ext(a64::v(1).b16(), a64::v(0).b16(), a64::v(0).b16(), 8);
      as_.zip1(a64::v(0).b16(), a64::v(0).b16(), a64::v(1).b16());
      as_.addv(a64::h0, a64::v(0).h8());
      as_.umov(dst.w(), a64::v(0).h(0));
      return;
    }
    // Reductions (8-32-bit lanes): a lane-sized scalar, zero-extended by UMOV.
    const a64::Vec scalar = bits == 8    ? a64::Vec(a64::b0)
                            : bits == 16 ? a64::Vec(a64::h0)
                                         : a64::Vec(a64::s0);
    as_.emit(table_op(inst)->id, scalar, r);
    as_.umov(dst.w(), element(0, bits, 0));
    return;
  }
  switch (inst.op) {
    case Opcode::VConcatBytes:
      as_.ext(a64::v(0).b16(), a64::v(0).b16(), a64::v(1).b16(), inst.imm & 15);
      break;
    case Opcode::VBitSelect:  // v0 is the mask: (v0 & v1) | (~v0 & v2)
      as_.bsl(a64::v(0).b16(), a64::v(1).b16(), a64::v(2).b16());
      break;
    case Opcode::VTableLookup:  // TBX keeps the fallback byte for an index >= 16
      as_.tbx(a64::v(2).b16(), a64::v(0).b16(), a64::v(1).b16());
      as_.mov(a64::v(0).b16(), a64::v(2).b16());
      break;
    case Opcode::VShlImm:
    case Opcode::VShrLImm:
    case Opcode::VShrAImm: {
      const uint64_t count = inst.aux;
      if (count == 0) break;
      if (inst.op == Opcode::VShrAImm)
        as_.sshr(r, r, count < bits ? count : bits);  // the sign fills a lane from `bits` on
      else if (count >= bits)
        as_.movi(a64::v(0).b16(), 0);
      else if (inst.op == Opcode::VShlImm)
        as_.shl(r, r, count);
      else
        as_.ushr(r, r, count);
      break;
    }
    case Opcode::VDup: {
      const a64::GpX s = in_reg(arg(i, 0), kScratch0);
      as_.dup(r, bits == 64 ? a64::Gp(s) : a64::Gp(s.w()));
      break;
    }
    case Opcode::VInsertLane: {
      const a64::GpX s = in_reg(arg(i, 1), kScratch0);
      as_.mov(element(0, bits, static_cast<uint32_t>(inst.aux)),
              bits == 64 ? a64::Gp(s) : a64::Gp(s.w()));
      break;
    }
    case Opcode::VReverse: {
      const Id id = inst.aux == 16   ? a64::Inst::kIdRev16_v
                    : inst.aux == 32 ? a64::Inst::kIdRev32_v
                                     : a64::Inst::kIdRev64_v;
      as_.emit(id, r, r);
      break;
    }
    case Opcode::VMulHiS:  // the double-width products of both halves, then their high halves
    case Opcode::VMulHiU: {
      const bool sign = inst.op == Opcode::VMulHiS;
      as_.emit(sign ? a64::Inst::kIdSmull_v : a64::Inst::kIdUmull_v, lanes(2, bits * 2),
               half_lanes(0, bits), half_lanes(1, bits));
      as_.emit(sign ? a64::Inst::kIdSmull2_v : a64::Inst::kIdUmull2_v, lanes(3, bits * 2), r,
               lanes(1, bits));
      as_.uzp2(r, lanes(2, bits), lanes(3, bits));
      break;
    }
    case Opcode::VMulWideLoS:  // each lane's low half, narrowed, then the widening multiply
    case Opcode::VMulWideLoU:
      as_.xtn(half_lanes(0, bits / 2), r);
      as_.xtn(half_lanes(1, bits / 2), lanes(1, bits));
      as_.emit(inst.op == Opcode::VMulWideLoS ? a64::Inst::kIdSmull_v : a64::Inst::kIdUmull_v, r,
               half_lanes(0, bits / 2), half_lanes(1, bits / 2));
      break;
    case Opcode::VPackSatS:  // a's lanes narrowed into the low half, b's into the high half
    case Opcode::VPackSatSU: {
      const bool su = inst.op == Opcode::VPackSatSU;
      as_.emit(su ? a64::Inst::kIdSqxtun_v : a64::Inst::kIdSqxtn_v, half_lanes(2, bits / 2), r);
      as_.emit(su ? a64::Inst::kIdSqxtun2_v : a64::Inst::kIdSqxtn2_v, lanes(2, bits / 2),
               lanes(1, bits));
      as_.mov(a64::v(0).b16(), a64::v(2).b16());
      break;
    }
    case Opcode::VSadU:
      as_.uabd(a64::v(2).b16(), a64::v(0).b16(), a64::v(1).b16());
      as_.uaddlp(a64::v(2).h8(), a64::v(2).b16());
      as_.uaddlp(a64::v(2).s4(), a64::v(2).h8());
      as_.uaddlp(a64::v(0).d2(), a64::v(2).s4());
      break;
    case Opcode::VMulAddPairsS:  // the products of both halves, then sums of neighbours
      as_.smull(lanes(2, bits * 2), half_lanes(0, bits), half_lanes(1, bits));
      as_.smull2(lanes(3, bits * 2), r, lanes(1, bits));
      as_.addp(lanes(0, bits * 2), lanes(2, bits * 2), lanes(3, bits * 2));
      break;
    case Opcode::VNarrow:  // XTN writes the low 64 bits and clears the high ones
      as_.xtn(bits == 16 ? a64::v(0).b8() : bits == 32 ? a64::v(0).h4() : a64::v(0).s2(), r);
      break;
    case Opcode::VWidenLoU:
    case Opcode::VWidenLoS:
    case Opcode::VWidenHiU:
    case Opcode::VWidenHiS: {
      const bool hi = inst.op == Opcode::VWidenHiU || inst.op == Opcode::VWidenHiS;
      const bool sign = inst.op == Opcode::VWidenLoS || inst.op == Opcode::VWidenHiS;
      const Id id = sign ? (hi ? a64::Inst::kIdSshll2_v : a64::Inst::kIdSshll_v)
                         : (hi ? a64::Inst::kIdUshll2_v : a64::Inst::kIdUshll_v);
      const a64::Vec src = hi           ? r
                           : bits == 8  ? a64::Vec(a64::v(0).b8())
                           : bits == 16 ? a64::Vec(a64::v(0).h4())
                                        : a64::Vec(a64::v(0).s2());
      as_.emit(id, lanes(0, bits * 2), src, 0);
      break;
    }
    default: {
      const VectorOp* v = table_op(inst);
      const uint64_t lane = (v->lanes & kWhole) ? 8 : bits;
      if (sig == ir::Signature::VUnary)
        as_.emit(v->id, lanes(0, lane), lanes(0, lane));
      else
        as_.emit(v->id, lanes(0, lane), lanes(0, lane), lanes(1, lane));
      break;
    }
  }
  as_.str(a64::v(0), a64::ptr(a64::sp, def_slot128(i)));
}

}  // namespace xisa::backend::aarch64
