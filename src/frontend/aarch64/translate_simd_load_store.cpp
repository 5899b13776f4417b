// Advanced SIMD structure loads and stores, Arm ARM C4.1.88: LD1-LD4/ST1-ST4 (multiple
// structures), LD1-LD4/ST1-ST4 (single structure, one lane) and LD1R-LD4R, with post-index.
#include "frontend/aarch64/lifter.h"

namespace xisa::aarch64 {

namespace {

// The post-index writeback: Xn + Xm, or Xn + the bytes transferred when Rm is 31.
void post_index(Lifter& l, uint32_t insn, Value base, unsigned transferred) {
  if (!bits(insn, 23, 1)) return;
  const unsigned m = rm(insn);
  const Value step = m == 31 ? l.b.imm64(transferred) : l.x(m);
  l.set_x_sp(rn(insn), l.b.add(base, step));
}

}  // namespace

bool lift_SIMD_LDST_multi(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const bool q = bits(insn, 30, 1), load = bits(insn, 22, 1);
  const unsigned opcode = bits(insn, 12, 4), size = bits(insn, 10, 2);
  if (!bits(insn, 23, 1) && rm(insn) != 0) return false;
  unsigned regs, selem;
  switch (opcode) {
    case 0:
      regs = 4;
      selem = 4;
      break;
    case 2:
      regs = 4;
      selem = 1;
      break;
    case 4:
      regs = 3;
      selem = 3;
      break;
    case 6:
      regs = 3;
      selem = 1;
      break;
    case 7:
      regs = 1;
      selem = 1;
      break;
    case 8:
      regs = 2;
      selem = 2;
      break;
    case 10:
      regs = 2;
      selem = 1;
      break;
    default:
      return false;
  }
  if (size == 3 && !q && selem != 1) return false;
  const unsigned reg_bytes = q ? 16 : 8;
  const Value base = l.x_sp(rn(insn));
  const unsigned first = rt(insn);
  if (selem == 1) {  // LD1/ST1: whole registers, one after the other
    for (unsigned r = 0; r < regs; ++r) {
      const unsigned reg = (first + r) % 32;
      const Value addr = b.add(base, b.imm64(r * reg_bytes));
      if (load)
        l.set_v_scalar(reg, b.load(q ? Type::V128 : Type::I64, addr));
      else
        b.store(addr, q ? l.v(reg) : l.v_scalar(reg, 64));
    }
  } else {  // interleaved structures: element e of register r at (e * selem + r) * esize
    const unsigned ebits = 8u << size, ebytes = ebits / 8, elems = reg_bytes / ebytes;
    const Type et = ir::int_type_of_bits(ebits);
    for (unsigned r = 0; r < selem; ++r) {
      const unsigned reg = (first + r) % 32;
      Value vec = load ? l.vzero() : l.v(reg);
      for (unsigned e = 0; e < elems; ++e) {
        const Value addr = b.add(base, b.imm64((e * selem + r) * ebytes));
        if (load)
          vec = b.vinsert_lane(ebits, vec, b.load(et, addr), e);
        else
          b.store(addr, b.vextract_lane(et, ebits, vec, e));
      }
      if (load) l.set_v(reg, vec);
    }
  }
  post_index(l, insn, base, regs * reg_bytes);
  return true;
}

bool lift_SIMD_LDST_single(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const bool q = bits(insn, 30, 1), load = bits(insn, 22, 1), r_bit = bits(insn, 21, 1);
  const unsigned opcode = bits(insn, 13, 3), s = bits(insn, 12, 1), size = bits(insn, 10, 2);
  if (!bits(insn, 23, 1) && rm(insn) != 0) return false;
  const unsigned selem = (((opcode & 1) << 1) | r_bit) + 1;
  unsigned scale = opcode >> 1, index = 0;
  bool replicate = false;
  switch (scale) {
    case 0:
      index = (q << 3) | (s << 2) | size;
      break;
    case 1:
      if (size & 1) return false;
      index = (q << 2) | (s << 1) | (size >> 1);
      break;
    case 2:
      if (size & 2) return false;
      if (size & 1) {
        if (s) return false;
        index = q;
        scale = 3;
      } else {
        index = (q << 1) | s;
      }
      break;
    default:
      if (!load || s) return false;
      scale = size;
      replicate = true;
      break;
  }
  const unsigned ebits = 8u << scale, ebytes = ebits / 8;
  const Type et = ir::int_type_of_bits(ebits);
  const Value base = l.x_sp(rn(insn));
  for (unsigned k = 0; k < selem; ++k) {
    const unsigned reg = (rt(insn) + k) % 32;
    const Value addr = b.add(base, b.imm64(k * ebytes));
    if (replicate) {
      l.set_v(reg, l.clear_upper_if(q, b.vdup(ebits, b.load(et, addr))));
    } else if (load) {
      l.set_v(reg, b.vinsert_lane(ebits, l.v(reg), b.load(et, addr), index));
    } else {
      b.store(addr, b.vextract_lane(et, ebits, l.v(reg), index));
    }
  }
  post_index(l, insn, base, selem * ebytes);
  return true;
}

}  // namespace xisa::aarch64
