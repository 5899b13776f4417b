// The AVX and AVX2 instructions SSE has no form of (SDM vol. 1 14, vol. 2): upper-half
// clearing, broadcasts, 128-bit lane inserts, extracts and permutes, cross-lane permutes,
// in-lane permutes and variable shifts, dword blends, masked moves, YMM forms of the mask
// extractions and tests. Lane-wise ones (AVX_LANES rows) see one 128-bit half at a time through
// Lifter::lift_vex_view; the others read and write both halves (Lifter::ymm_half, set_ymm).
#include <algorithm>

#include "common/guest_access.h"
#include "frontend/x86_64/lifter.h"
#include "frontend/x86_64/masked_memory.h"

namespace xisa::x86_64 {

using ir::Opcode;
using ir::Type;
using ir::Value;

namespace {

unsigned imm8(const Lifter& l, unsigned i) {
  return static_cast<unsigned>(l.op(i).imm.value.u & 0xff);
}

Value zero(ir::Builder& b) {
  return b.vconst(0, 0);
}

// Bytes of the 32-byte value hi:lo picked by index (0-31), as VTableLookup on each half.
Value pick_bytes(ir::Builder& b, Value lo, Value hi, Value index) {
  const Value from_lo = b.vternary(Opcode::VTableLookup, lo, index, zero(b));
  const Value high_index = b.vbinary(Opcode::VSub, 8, index, b.vdup(8, b.imm8(16)));
  return b.vternary(Opcode::VTableLookup, hi, high_index, from_lo);
}

// Byte indexes that pick element e[i] (of `bytes` bytes) into element i, for 16 bytes.
Value element_byte_index(ir::Builder& b, const unsigned* e, unsigned bytes) {
  uint64_t half[2] = {0, 0};
  for (unsigned byte = 0; byte < 16; ++byte) {
    const uint64_t from = e[byte / bytes] * bytes + byte % bytes;
    half[byte / 8] |= from << (8 * (byte % 8));
  }
  return b.vconst(half[0], half[1]);
}

// Byte indexes that copy each element's first byte over the element: 0,0,0,0,4,4,4,4...
Value element_byte_index_of_first(ir::Builder& b, unsigned bytes) {
  uint64_t half[2] = {0, 0};
  for (unsigned byte = 0; byte < 16; ++byte)
    half[byte / 8] |= uint64_t{byte / bytes * bytes} << (8 * (byte % 8));
  return b.vconst(half[0], half[1]);
}

// Element indexes (v, lanes of `bytes` bytes, only the low index_bits used) as byte indexes.
Value byte_index_of(ir::Builder& b, Value v, unsigned bytes, unsigned index_bits) {
  const unsigned lane = 8 * bytes;
  const Value idx = b.vbinary(Opcode::VAnd, lane, v, b.vdup(lane, b.imm64((1u << index_bits) - 1)));
  const Value first = b.vunary(Opcode::VShlImm, lane, idx, __builtin_ctz(bytes));
  // Each element's first byte index into all its bytes, plus 0, 1, 2... for the bytes after.
  const Value spread =
      b.vternary(Opcode::VTableLookup, first, element_byte_index_of_first(b, bytes), zero(b));
  const uint64_t steps = bytes == 4 ? 0x0302010003020100 : 0x0706050403020100;
  return b.vbinary(Opcode::VAdd, 8, spread, b.vconst(steps, steps));
}

// Gathers (AVX2): desc packs the destination, index and mask registers, log2 of the scale, the
// element and index sizes, the element count and whether the destination and mask are YMM.
struct GatherDesc {
  unsigned dst, index, mask, scale_log2, elem_bytes, index_bytes, count;
};
uint64_t pack(const GatherDesc& d) {
  return d.dst | d.index << 4 | d.mask << 8 | d.scale_log2 << 12 | d.elem_bytes << 16 |
         d.index_bytes << 20 | uint64_t{d.count} << 24;
}
GatherDesc unpack(uint64_t v) {
  auto field = [&](unsigned shift) { return static_cast<unsigned>((v >> shift) & 15); };
  return {field(0), field(4), field(8), field(12), field(16), field(20), field(24)};
}

// Byte `offset` (0-31) of YMM register r in the state.
uint8_t* ymm_byte(X86_64State& s, unsigned r, unsigned offset) {
  const unsigned slot = offset < 16 ? r : kYmmHighSlot + r;
  return reinterpret_cast<uint8_t*>(s.vec[slot]) + offset % 16;
}

// x86_gather(state, desc, base): element by element, as the hardware does, so that a fault
// leaves the finished elements loaded and their mask elements cleared (the instruction then
// restarts where it stopped). Bits above the elements, up to bit 255, are cleared at the end.
uint64_t helper_gather(void* state, uint64_t packed, uint64_t base, uint64_t) {
  auto& s = *static_cast<X86_64State*>(state);
  const GatherDesc d = unpack(packed);
  for (unsigned i = 0; i < d.count; ++i) {
    uint8_t* mask = ymm_byte(s, d.mask, i * d.elem_bytes);
    if ((mask[d.elem_bytes - 1] & 0x80) == 0) continue;
    int64_t index = 0;
    if (d.index_bytes == 4) {
      int32_t v;
      std::memcpy(&v, ymm_byte(s, d.index, 4 * i), 4);
      index = v;
    } else {
      std::memcpy(&index, ymm_byte(s, d.index, 8 * i), 8);
    }
    const uint64_t address = base + (static_cast<uint64_t>(index) << d.scale_log2);
    guest_read(ymm_byte(s, d.dst, i * d.elem_bytes), address, d.elem_bytes);
    std::memset(mask, 0, d.elem_bytes);
  }
  for (unsigned byte = d.count * d.elem_bytes; byte < 32; ++byte) *ymm_byte(s, d.dst, byte) = 0;
  for (unsigned byte = 0; byte < 32; ++byte) *ymm_byte(s, d.mask, byte) = 0;
  return 0;
}
const ir::HelperInfo kGatherHelper{"x86_gather", helper_gather};

}  // namespace

bool lift_vzeroupper(Lifter& l) {
  for (unsigned r = 0; r < kXmmRegs; ++r) l.b.set_reg(xmm_offset(kYmmHighSlot + r), zero(l.b));
  return true;
}

bool lift_vzeroall(Lifter& l) {
  for (unsigned r = 0; r < kXmmRegs; ++r) l.b.set_reg(xmm_offset(r), zero(l.b));
  return lift_vzeroupper(l);
}

// VBROADCASTSS/SD/F128/I128, VPBROADCASTB/W/D/Q: the source element (or 128 bits) in every
// element of the destination.
bool lift_vbroadcast(Lifter& l) {
  ir::Builder& b = l.b;
  unsigned lane = 0;
  switch (l.in->d.mnemonic) {
    case ZYDIS_MNEMONIC_VPBROADCASTB:
      lane = 8;
      break;
    case ZYDIS_MNEMONIC_VPBROADCASTW:
      lane = 16;
      break;
    case ZYDIS_MNEMONIC_VPBROADCASTD:
    case ZYDIS_MNEMONIC_VBROADCASTSS:
      lane = 32;
      break;
    case ZYDIS_MNEMONIC_VPBROADCASTQ:
    case ZYDIS_MNEMONIC_VBROADCASTSD:
      lane = 64;
      break;
    default:
      lane = 128;  // VBROADCASTF128/I128: memory only
      break;
  }
  Value v;
  if (lane == 128) {
    if (!l.is_mem(1) || l.in->d.address_width != 64) return false;
    v = b.load(Type::V128, l.address(1));
  } else {
    const Type t = ir::int_type_of_bits(lane);
    const Value element = l.is_mem(1) ? b.load(t, l.address(1)) : l.read_as(1, t);
    v = b.vdup(lane, element);
  }
  l.set_ymm(0, v, v);
  return true;
}

// VINSERTF128/I128 ymm1, ymm2, xmm3/m128, imm8: ymm2 with the half imm8[0] replaced.
bool lift_vinsert128(Lifter& l) {
  Value lo = l.ymm_half(1, 0), hi = l.ymm_half(1, 1);
  const Value part = l.ymm_half(2, 0);
  (imm8(l, 3) & 1 ? hi : lo) = part;
  l.set_ymm(0, lo, hi);
  return true;
}

// VEXTRACTF128/I128 xmm1/m128, ymm2, imm8: the half imm8[0].
bool lift_vextract128(Lifter& l) {
  const Value v = l.ymm_half(1, imm8(l, 2) & 1);
  if (l.is_mem(0))
    l.b.store(l.address(0), v);
  else
    l.set_ymm(0, v, zero(l.b));
  return true;
}

// VPERM2F128/I128 ymm1, ymm2, ymm3/m256, imm8: each half is one of the four source halves, or
// zero (imm8 bits 3 and 7).
bool lift_vperm2x128(Lifter& l) {
  const Value halves[4] = {l.ymm_half(1, 0), l.ymm_half(1, 1), l.ymm_half(2, 0), l.ymm_half(2, 1)};
  const unsigned imm = imm8(l, 3);
  auto pick = [&](unsigned control) { return control & 8 ? zero(l.b) : halves[control & 3]; };
  l.set_ymm(0, pick(imm), pick(imm >> 4));
  return true;
}

// VPERMQ/VPERMPD ymm1, ymm2/m256, imm8: qword i = source qword imm8[2i+1:2i].
bool lift_vpermq(Lifter& l) {
  ir::Builder& b = l.b;
  const Value lo = l.ymm_half(1, 0), hi = l.ymm_half(1, 1);
  const unsigned imm = imm8(l, 2);
  Value out[2];
  for (unsigned half = 0; half < 2; ++half) {
    const unsigned e[2] = {(imm >> (4 * half)) & 3, (imm >> (4 * half + 2)) & 3};
    out[half] = pick_bytes(b, lo, hi, element_byte_index(b, e, 8));
  }
  l.set_ymm(0, out[0], out[1]);
  return true;
}

// VPERMD/VPERMPS ymm1, ymm2, ymm3/m256: dword i = source (ymm3) dword ymm2[i] & 7.
bool lift_vpermd(Lifter& l) {
  ir::Builder& b = l.b;
  const Value lo = l.ymm_half(2, 0), hi = l.ymm_half(2, 1);
  Value out[2];
  for (unsigned half = 0; half < 2; ++half)
    out[half] = pick_bytes(b, lo, hi, byte_index_of(b, l.ymm_half(1, half), 4, 3));
  l.set_ymm(0, out[0], out[1]);
  return true;
}

// VPERMILPS/VPERMILPD (one 128-bit half, AVX_LANES): elements of the source picked inside the
// half by an immediate (2 bits per dword; 1 bit per qword, the view shifting it per half) or by
// a control vector (bits 1:0 of each dword; bit 1 of each qword).
bool permil(Lifter& l, unsigned bytes) {
  ir::Builder& b = l.b;
  const unsigned count = 16 / bytes;
  Value index;
  if (l.is_imm(2)) {
    const unsigned imm = imm8(l, 2);
    unsigned e[4];
    for (unsigned i = 0; i < count; ++i) e[i] = bytes == 4 ? (imm >> (2 * i)) & 3 : (imm >> i) & 1;
    index = element_byte_index(b, e, bytes);
  } else {
    Value control = l.read_as(2, Type::V128);
    if (bytes == 8) control = b.vunary(Opcode::VShrLImm, 64, control, 1);
    index = byte_index_of(b, control, bytes, bytes == 4 ? 2 : 1);
  }
  l.set_xmm(0, b.vternary(Opcode::VTableLookup, l.read_as(1, Type::V128), index, zero(b)));
  return true;
}
bool lift_vpermilps(Lifter& l) {
  return permil(l, 4);
}
bool lift_vpermilpd(Lifter& l) {
  return permil(l, 8);
}

// VPSLLVD/Q, VPSRLVD/Q, VPSRAVD (one half, AVX_LANES): each element shifted by the matching
// element of the count; counts past the element width give 0 (or the sign).
bool lift_vshiftv(Lifter& l) {
  Opcode op = Opcode::VShlV;
  unsigned lane = 32;
  switch (l.in->d.mnemonic) {
    case ZYDIS_MNEMONIC_VPSLLVQ:
      lane = 64;
      break;
    case ZYDIS_MNEMONIC_VPSRLVD:
      op = Opcode::VShrLV;
      break;
    case ZYDIS_MNEMONIC_VPSRLVQ:
      op = Opcode::VShrLV, lane = 64;
      break;
    case ZYDIS_MNEMONIC_VPSRAVD:
      op = Opcode::VShrAV;
      break;
    default:
      break;
  }
  l.set_xmm(0, l.b.vbinary(op, lane, l.read_as(1, Type::V128), l.read_as(2, Type::V128)));
  return true;
}

// VPBLENDD (one half, AVX_LANES; the view shifts imm8 per half): dword i from the second source
// where imm8 bit i is set.
bool lift_vpblendd(Lifter& l) {
  ir::Builder& b = l.b;
  const unsigned imm = imm8(l, 3);
  uint64_t half[2] = {0, 0};
  for (unsigned i = 0; i < 4; ++i)
    if ((imm >> i) & 1) half[i / 2] |= uint64_t{0xffffffff} << (32 * (i % 2));
  l.set_xmm(0, b.vternary(Opcode::VBitSelect, b.vconst(half[0], half[1]), l.read_as(2, Type::V128),
                          l.read_as(1, Type::V128)));
  return true;
}

// VPMOVMSKB/VMOVMSKPS/VMOVMSKPD r32, ymm: the sign bits of all 32, 8 or 4 elements.
bool lift_vmovmsk256(Lifter& l) {
  ir::Builder& b = l.b;
  const unsigned lane = l.in->d.mnemonic == ZYDIS_MNEMONIC_VPMOVMSKB   ? 8
                        : l.in->d.mnemonic == ZYDIS_MNEMONIC_VMOVMSKPS ? 32
                                                                       : 64;
  const Value lo = b.vreduce(Opcode::VMoveMask, Type::I64, lane, l.ymm_half(1, 0));
  const Value hi = b.vreduce(Opcode::VMoveMask, Type::I64, lane, l.ymm_half(1, 1));
  l.write(0, b.trunc(l.type(0), b.or_(lo, b.shl(hi, b.imm64(128 / lane)))));
  return true;
}

// VPTEST ymm (and VTESTPS/VTESTPD, either width, on the element sign bits only): ZF when
// src & dst is zero, CF when src & ~dst is zero.
bool lift_vtest(Lifter& l) {
  ir::Builder& b = l.b;
  const ZydisMnemonic m = l.in->d.mnemonic;
  // The bits tested: all, or the sign bit of each dword or qword.
  const uint64_t sign = m == ZYDIS_MNEMONIC_VTESTPS   ? 0x8000000080000000
                        : m == ZYDIS_MNEMONIC_VTESTPD ? 0x8000000000000000
                                                      : ~uint64_t{0};
  Value and_bits = zero(b), andn_bits = zero(b);
  for (unsigned half = 0; half < 2; ++half) {
    const Value dst = l.ymm_half(0, half), src = l.ymm_half(1, half);
    and_bits = b.vbinary(Opcode::VOr, 8, and_bits, b.vbinary(Opcode::VAnd, 8, dst, src));
    andn_bits = b.vbinary(Opcode::VOr, 8, andn_bits, b.vbinary(Opcode::VAndNot, 8, src, dst));
  }
  auto none = [&](Value v) {
    const Value masked = b.vbinary(Opcode::VAnd, 8, v, b.vconst(sign, sign));
    const Value any =
        b.or_(b.vextract_lane(Type::I64, 64, masked, 0), b.vextract_lane(Type::I64, 64, masked, 1));
    return b.zext(Type::I64, b.eq(any, b.imm64(0)));
  };
  l.set_eflags(b.or_(none(andn_bits), b.shl(none(and_bits), b.imm64(kZF))));
  return true;
}

// VMASKMOVPS/PD, VPMASKMOVD/Q: a load where the mask element's sign is set (zero elsewhere), or
// a store of just those elements; masked-off elements are never touched, so cannot fault.
bool lift_vmaskmov(Lifter& l) {
  ir::Builder& b = l.b;
  const ZydisMnemonic m = l.in->d.mnemonic;
  const unsigned lane = m == ZYDIS_MNEMONIC_VMASKMOVPD || m == ZYDIS_MNEMONIC_VPMASKMOVQ ? 64 : 32;
  const bool store = l.is_mem(0);
  const unsigned mem = store ? 0 : 2, mask_op = 1;
  const Value address = l.address(mem);
  Value out[2];
  for (unsigned half = 0; half < 2; ++half) {
    // Each element's sign over all its bytes, so bit 7 of every byte says whether it moves.
    const Value mask = b.vunary(Opcode::VShrAImm, lane, l.ymm_half(mask_op, half), lane - 1);
    const Value data = store ? l.ymm_half(2, half) : Value{};
    Value result = zero(b);
    for (unsigned q = 0; q < 2; ++q) {
      const Value at = b.add(address, b.imm64(16 * half + 8 * q));
      const Value mask_q = b.vextract_lane(Type::I64, 64, mask, q);
      if (store)
        b.call(kMaskStoreHelper, {at, b.vextract_lane(Type::I64, 64, data, q), mask_q});
      else
        result = b.vinsert_lane(64, result, b.call(kMaskLoadHelper, {at, mask_q}), q);
    }
    out[half] = result;
    if (!l.is_256()) break;
  }
  if (!store) l.set_ymm(0, out[0], l.is_256() ? out[1] : zero(b));
  return true;
}

// VPGATHERDD/DQ/QD/QQ, VGATHERDPS/DPD/QPS/QPD (AVX2) dst, [base + index*scale], mask.
bool lift_vgather(Lifter& l) {
  ir::Builder& b = l.b;
  if (!l.is_mem(1) || l.in->d.address_width != 64) return false;
  const auto& mem = l.op(1).mem;
  const int dst = l.vector_reg(0), mask = l.vector_reg(2);
  const ZydisRegister index_reg = mem.index;
  const ZydisRegisterClass index_class = ZydisRegisterGetClass(index_reg);
  if (dst < 0 || mask < 0 || dst == mask ||
      (index_class != ZYDIS_REGCLASS_XMM && index_class != ZYDIS_REGCLASS_YMM))
    return false;
  const unsigned index = static_cast<unsigned>(
      index_reg - (index_class == ZYDIS_REGCLASS_XMM ? ZYDIS_REGISTER_XMM0 : ZYDIS_REGISTER_YMM0));
  if (index == static_cast<unsigned>(dst) || index == static_cast<unsigned>(mask)) return false;
  const ZydisMnemonic m = l.in->d.mnemonic;
  const bool index_qwords = m == ZYDIS_MNEMONIC_VPGATHERQD || m == ZYDIS_MNEMONIC_VPGATHERQQ ||
                            m == ZYDIS_MNEMONIC_VGATHERQPS || m == ZYDIS_MNEMONIC_VGATHERQPD;
  const bool elem_qwords = m == ZYDIS_MNEMONIC_VPGATHERDQ || m == ZYDIS_MNEMONIC_VPGATHERQQ ||
                           m == ZYDIS_MNEMONIC_VGATHERDPD || m == ZYDIS_MNEMONIC_VGATHERQPD;
  const unsigned elem_bytes = elem_qwords ? 8 : 4;
  const unsigned index_bytes = index_qwords ? 8 : 4;
  const unsigned dst_bytes = l.is_256_operand(0) ? 32 : 16;
  const unsigned index_vector_bytes = index_class == ZYDIS_REGCLASS_YMM ? 32 : 16;
  const unsigned count = std::min(dst_bytes / elem_bytes, index_vector_bytes / index_bytes);
  Value base = b.imm64(static_cast<uint64_t>(mem.disp.value));
  if (mem.base != ZYDIS_REGISTER_NONE) base = b.add(b.zext(Type::I64, l.read_reg(mem.base)), base);
  if (mem.segment == ZYDIS_REGISTER_FS)
    base = b.add(base, b.get_reg(Type::I64, XISA_X86_FIELD(fs_base)));
  if (mem.segment == ZYDIS_REGISTER_GS)
    base = b.add(base, b.get_reg(Type::I64, XISA_X86_FIELD(gs_base)));
  const GatherDesc d{static_cast<unsigned>(dst),
                     index,
                     static_cast<unsigned>(mask),
                     static_cast<unsigned>(__builtin_ctz(mem.scale ? mem.scale : 1)),
                     elem_bytes,
                     index_bytes,
                     count};
  b.call(kGatherHelper, {b.imm64(pack(d)), base});
  return true;
}

}  // namespace xisa::x86_64
