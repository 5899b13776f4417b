// Semantics of the v128 IR ops (ops.def "vectors" section): lane-wise integer arithmetic,
// compares, logic, shifts, permutes, widening/narrowing and reductions on a 16-byte Slot.
#include <bit>
#include <cassert>
#include <cstring>

#include "interp/eval_op.h"

namespace xisa::interp {

using ir::Opcode;

namespace {

// A v128 value as lanes of a given width; lanes are held as uint64_t zero-extended.
struct Vec {
  uint8_t b[16] = {};

  static Vec of(const Slot& s) {
    Vec v;
    std::memcpy(v.b, &s.lo, 8);
    std::memcpy(v.b + 8, &s.hi, 8);
    return v;
  }
  Slot slot() const {
    Slot s;
    std::memcpy(&s.lo, b, 8);
    std::memcpy(&s.hi, b + 8, 8);
    return s;
  }
  uint64_t get(unsigned lane_bits, unsigned i) const {
    uint64_t v = 0;
    std::memcpy(&v, b + i * (lane_bits / 8), lane_bits / 8);
    return v;
  }
  void set(unsigned lane_bits, unsigned i, uint64_t v) {
    std::memcpy(b + i * (lane_bits / 8), &v, lane_bits / 8);
  }
};

uint64_t lane_mask(unsigned bits) {
  return bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
}
int64_t sx(unsigned bits, uint64_t v) {
  const unsigned s = 64 - bits;
  return static_cast<int64_t>(v << s) >> s;
}
uint64_t all_ones(bool c, unsigned bits) {
  return c ? lane_mask(bits) : 0;
}

uint64_t sat_signed(unsigned bits, __int128 v) {
  const __int128 max = (static_cast<__int128>(1) << (bits - 1)) - 1;
  const __int128 min = -max - 1;
  if (v > max) v = max;
  if (v < min) v = min;
  return static_cast<uint64_t>(v) & lane_mask(bits);
}
uint64_t sat_unsigned(unsigned bits, __int128 v) {
  const __int128 max = static_cast<__int128>(lane_mask(bits));
  if (v > max) v = max;
  if (v < 0) v = 0;
  return static_cast<uint64_t>(v);
}

uint64_t lane_binary(Opcode op, unsigned bits, uint64_t a, uint64_t b) {
  const int64_t sa = sx(bits, a), sb = sx(bits, b);
  switch (op) {
    case Opcode::VAdd:
      return a + b;
    case Opcode::VSub:
      return a - b;
    case Opcode::VMul:
      return a * b;
    case Opcode::VMulHiS:
      return static_cast<uint64_t>((static_cast<__int128>(sa) * sb) >> bits);
    case Opcode::VMulHiU:
      return static_cast<uint64_t>((static_cast<unsigned __int128>(a) * b) >> bits);
    case Opcode::VMulWideLoS:
      return static_cast<uint64_t>(sx(bits / 2, a & lane_mask(bits / 2)) *
                                   sx(bits / 2, b & lane_mask(bits / 2)));
    case Opcode::VMulWideLoU:
      return (a & lane_mask(bits / 2)) * (b & lane_mask(bits / 2));
    case Opcode::VAvgRoundU:
      return (a >> 1) + (b >> 1) + ((a | b) & 1);  // (a + b + 1) >> 1 without the carry out
    case Opcode::VMinS:
      return sa < sb ? a : b;
    case Opcode::VMinU:
      return a < b ? a : b;
    case Opcode::VMaxS:
      return sa > sb ? a : b;
    case Opcode::VMaxU:
      return a > b ? a : b;
    case Opcode::VAddSatS:
      return sat_signed(bits, static_cast<__int128>(sa) + sb);
    case Opcode::VAddSatU:
      return sat_unsigned(bits, static_cast<__int128>(a) + b);
    case Opcode::VSubSatS:
      return sat_signed(bits, static_cast<__int128>(sa) - sb);
    case Opcode::VSubSatU:
      return sat_unsigned(bits, static_cast<__int128>(a) - b);
    case Opcode::VCmpEq:
      return all_ones(a == b, bits);
    case Opcode::VCmpGtS:
      return all_ones(sa > sb, bits);
    case Opcode::VCmpGtU:
      return all_ones(a > b, bits);
    case Opcode::VCmpGeS:
      return all_ones(sa >= sb, bits);
    case Opcode::VCmpGeU:
      return all_ones(a >= b, bits);
    case Opcode::VCmpTest:
      return all_ones((a & b) != 0, bits);
    case Opcode::VShlV:
      return b >= bits ? 0 : a << b;
    case Opcode::VShrLV:
      return b >= bits ? 0 : a >> b;
    case Opcode::VShrAV:
      return static_cast<uint64_t>(sa >> (b >= bits ? bits - 1 : b));
    default:
      assert(false);
      return 0;
  }
}

uint64_t lane_unary(const ir::Inst& inst, unsigned bits, uint64_t a) {
  const uint64_t n = inst.aux;
  switch (inst.op) {
    case Opcode::VShlImm:
      return n >= bits ? 0 : a << n;
    case Opcode::VShrLImm:
      return n >= bits ? 0 : a >> n;
    case Opcode::VShrAImm:
      return static_cast<uint64_t>(sx(bits, a) >> (n >= bits ? bits - 1 : n));
    case Opcode::VNeg:
      return 0 - a;
    case Opcode::VAbs:
      return sx(bits, a) < 0 ? 0 - a : a;
    case Opcode::VPopcnt:
      return static_cast<uint64_t>(std::popcount(a));
    case Opcode::VClz:
      return a == 0 ? bits : static_cast<uint64_t>(std::countl_zero(a) - (64 - bits));
    case Opcode::VCls: {
      const uint64_t x = (a ^ (a >> 1)) & lane_mask(bits - 1);  // bits that differ from the next
      return x == 0 ? bits - 1 : static_cast<uint64_t>(std::countl_zero(x) - (64 - bits) - 1);
    }
    case Opcode::VRbit: {
      uint64_t r = 0;
      for (unsigned i = 0; i < bits; ++i) r |= ((a >> i) & 1) << (bits - 1 - i);
      return r;
    }
    default:
      assert(false);
      return 0;
  }
}

Vec permute(Opcode op, unsigned bits, const Vec& a, const Vec& b) {
  const unsigned n = 128 / bits, half = n / 2;
  Vec r;
  for (unsigned i = 0; i < n; ++i) {
    uint64_t v = 0;
    switch (op) {
      case Opcode::VZipLo:
        v = (i & 1 ? b : a).get(bits, i / 2);
        break;
      case Opcode::VZipHi:
        v = (i & 1 ? b : a).get(bits, half + i / 2);
        break;
      case Opcode::VUnzipEven:
        v = (i < half ? a : b).get(bits, 2 * (i % half));
        break;
      case Opcode::VUnzipOdd:
        v = (i < half ? a : b).get(bits, 2 * (i % half) + 1);
        break;
      case Opcode::VTrnEven:
        v = (i & 1 ? b : a).get(bits, i & ~1u);
        break;
      case Opcode::VTrnOdd:
        v = (i & 1 ? b : a).get(bits, i | 1u);
        break;
      default:
        assert(false);
    }
    r.set(bits, i, v);
  }
  return r;
}

Slot vbinary(const ir::Inst& inst, unsigned bits, const Slot* args) {
  const Vec a = Vec::of(args[0]), b = Vec::of(args[1]);
  switch (inst.op) {
    case Opcode::VAnd:
      return {args[0].lo & args[1].lo, args[0].hi & args[1].hi};
    case Opcode::VOr:
      return {args[0].lo | args[1].lo, args[0].hi | args[1].hi};
    case Opcode::VXor:
      return {args[0].lo ^ args[1].lo, args[0].hi ^ args[1].hi};
    case Opcode::VAndNot:
      return {args[0].lo & ~args[1].lo, args[0].hi & ~args[1].hi};
    case Opcode::VConcatBytes: {
      uint8_t both[32];
      std::memcpy(both, a.b, 16);
      std::memcpy(both + 16, b.b, 16);
      Vec r;
      std::memcpy(r.b, both + (inst.imm & 15), 16);
      return r.slot();
    }
    case Opcode::VShlS:
    case Opcode::VShrLS:
    case Opcode::VShrAS: {
      const uint64_t count = args[1].lo;
      Vec r;
      for (unsigned i = 0; i < 128 / bits; ++i) {
        const uint64_t v = a.get(bits, i);
        const uint64_t out =
            inst.op == Opcode::VShrAS
                ? static_cast<uint64_t>(sx(bits, v) >> (count >= bits ? bits - 1 : count))
            : count >= bits            ? 0
            : inst.op == Opcode::VShlS ? v << count
                                       : v >> count;
        r.set(bits, i, out);
      }
      return r.slot();
    }
    case Opcode::VSadU: {
      Vec r;
      for (unsigned h = 0; h < 2; ++h) {
        uint64_t sum = 0;
        for (unsigned k = 8 * h; k < 8 * h + 8; ++k) {
          const uint64_t x = a.get(8, k), y = b.get(8, k);
          sum += x > y ? x - y : y - x;
        }
        r.set(64, h, sum);
      }
      return r.slot();
    }
    case Opcode::VPackSatS:
    case Opcode::VPackSatSU: {
      const unsigned n = 128 / bits, half = bits / 2;
      Vec r;
      for (unsigned i = 0; i < 2 * n; ++i) {
        const int64_t v = sx(bits, (i < n ? a : b).get(bits, i % n));
        r.set(half, i, inst.op == Opcode::VPackSatS ? sat_signed(half, v) : sat_unsigned(half, v));
      }
      return r.slot();
    }
    case Opcode::VMulAddPairsS: {
      Vec r;
      for (unsigned i = 0; i < 64 / bits; ++i) {
        int64_t sum = 0;
        for (unsigned k = 2 * i; k < 2 * i + 2; ++k)
          sum += sx(bits, a.get(bits, k)) * sx(bits, b.get(bits, k));
        r.set(2 * bits, i, static_cast<uint64_t>(sum));
      }
      return r.slot();
    }
    case Opcode::VZipLo:
    case Opcode::VZipHi:
    case Opcode::VUnzipEven:
    case Opcode::VUnzipOdd:
    case Opcode::VTrnEven:
    case Opcode::VTrnOdd:
      return permute(inst.op, bits, a, b).slot();
    default:
      break;
  }
  Vec r;
  for (unsigned i = 0; i < 128 / bits; ++i)
    r.set(bits, i, lane_binary(inst.op, bits, a.get(bits, i), b.get(bits, i)));
  return r.slot();
}

Slot vunary(const ir::Inst& inst, unsigned bits, const Slot* args) {
  const Vec a = Vec::of(args[0]);
  const unsigned n = 128 / bits;
  Vec r;
  switch (inst.op) {
    case Opcode::VNot:
      return {~args[0].lo, ~args[0].hi};
    case Opcode::VReverse: {
      const unsigned per = static_cast<unsigned>(inst.aux) / bits;  // lanes per container
      for (unsigned i = 0; i < n; ++i)
        r.set(bits, i, a.get(bits, (i / per) * per + per - 1 - i % per));
      return r.slot();
    }
    case Opcode::VNarrow:
      for (unsigned i = 0; i < n; ++i) r.set(bits / 2, i, a.get(bits, i));
      return r.slot();
    case Opcode::VWidenLoU:
    case Opcode::VWidenLoS:
    case Opcode::VWidenHiU:
    case Opcode::VWidenHiS: {
      const bool hi = inst.op == Opcode::VWidenHiU || inst.op == Opcode::VWidenHiS;
      const bool sign = inst.op == Opcode::VWidenLoS || inst.op == Opcode::VWidenHiS;
      for (unsigned i = 0; i < n / 2; ++i) {
        const uint64_t v = a.get(bits, i + (hi ? n / 2 : 0));
        r.set(bits * 2, i, sign ? static_cast<uint64_t>(sx(bits, v)) : v);
      }
      return r.slot();
    }
    default:
      break;
  }
  for (unsigned i = 0; i < n; ++i) r.set(bits, i, lane_unary(inst, bits, a.get(bits, i)));
  return r.slot();
}

uint64_t vreduce(Opcode op, unsigned bits, const Vec& a) {
  const unsigned n = 128 / bits;
  uint64_t acc = a.get(bits, 0);
  for (unsigned i = 1; i < n; ++i) {
    const uint64_t v = a.get(bits, i);
    switch (op) {
      case Opcode::VReduceAdd:
        acc = (acc + v) & lane_mask(bits);
        break;
      case Opcode::VReduceMaxU:
        acc = v > acc ? v : acc;
        break;
      case Opcode::VReduceMinU:
        acc = v < acc ? v : acc;
        break;
      case Opcode::VReduceMaxS:
        acc = sx(bits, v) > sx(bits, acc) ? v : acc;
        break;
      case Opcode::VReduceMinS:
        acc = sx(bits, v) < sx(bits, acc) ? v : acc;
        break;
      default:
        assert(false);
    }
  }
  return acc;
}

}  // namespace

// VFAdd ... VFMulAdd: the scalar op lane by lane.
Slot vfloat(const ir::Inst& inst, unsigned bits, const Slot* args) {
  static constexpr Opcode kScalar[] = {Opcode::FAdd, Opcode::FSub, Opcode::FMul, Opcode::FMulAdd};
  const Opcode scalar =
      kScalar[static_cast<unsigned>(inst.op) - static_cast<unsigned>(Opcode::VFAdd)];
  const ir::Type t = bits == 64 ? ir::Type::F64 : ir::Type::F32;
  Vec in[3], r;
  for (unsigned a = 0; a < inst.nargs; ++a) in[a] = Vec::of(args[a]);
  for (unsigned i = 0; i < 128 / bits; ++i) {
    Slot lane[3];
    for (unsigned a = 0; a < inst.nargs; ++a) lane[a].lo = in[a].get(bits, i);
    r.set(bits, i, fp_op(scalar, t, lane, inst.nargs));
  }
  return r.slot();
}

Slot eval_vector(const ir::Inst& inst, const Slot* args) {
  const unsigned bits = static_cast<unsigned>(inst.imm);
  if (inst.op >= Opcode::VFAdd && inst.op <= Opcode::VFMulAdd) return vfloat(inst, bits, args);
  if (inst.op == Opcode::VFWidenLo) {
    const Vec a = Vec::of(args[0]);
    Vec r;
    for (unsigned i = 0; i < 2; ++i)
      r.set(64, i,
            std::bit_cast<uint64_t>(
                static_cast<double>(std::bit_cast<float>(static_cast<uint32_t>(a.get(32, i))))));
    return r.slot();
  }
  switch (ir::op_info(inst.op).signature) {
    case ir::Signature::VBinary:
      return vbinary(inst, bits, args);
    case ir::Signature::VUnary:
      return vunary(inst, bits, args);
    case ir::Signature::VTernary: {
      if (inst.op == Opcode::VBitSelect)
        return {(args[0].lo & args[1].lo) | (~args[0].lo & args[2].lo),
                (args[0].hi & args[1].hi) | (~args[0].hi & args[2].hi)};
      const Vec table = Vec::of(args[0]), idx = Vec::of(args[1]), fallback = Vec::of(args[2]);
      Vec r;
      for (unsigned i = 0; i < 16; ++i) r.b[i] = idx.b[i] < 16 ? table.b[idx.b[i]] : fallback.b[i];
      return r.slot();
    }
    case ir::Signature::VDup: {
      Vec r;
      for (unsigned i = 0; i < 128 / bits; ++i) r.set(bits, i, args[0].lo);
      return r.slot();
    }
    case ir::Signature::VExtract: {
      const Vec a = Vec::of(args[0]);
      if (inst.op == Opcode::VExtractLane) return {a.get(bits, static_cast<unsigned>(inst.aux)), 0};
      if (inst.op == Opcode::VMoveMask) {
        uint64_t mask = 0;
        for (unsigned i = 0; i < 128 / bits; ++i) mask |= (a.get(bits, i) >> (bits - 1)) << i;
        return {mask, 0};
      }
      return {vreduce(inst.op, bits, a), 0};
    }
    case ir::Signature::VInsert: {
      Vec r = Vec::of(args[0]);
      r.set(bits, static_cast<unsigned>(inst.aux), args[1].lo);
      return r.slot();
    }
    default:
      assert(false);
      return {};
  }
}

}  // namespace xisa::interp
