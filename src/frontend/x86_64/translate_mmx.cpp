// MMX state and the moves only MMX has (SDM vol. 1, 9.4, 10.4.6.2, 11.6.8): EMMS, MOVQ2DQ,
// MOVDQ2Q, MOVNTQ and MASKMOVQ (and its SSE2 form on XMM registers, MASKMOVDQU). The MMX forms of
// the packed-integer instructions share the SSE handlers (translate_sse_int*.cpp), and MOVD/MOVQ
// theirs (translate_sse_move.cpp); the aliasing with the x87 registers lives in the Lifter's MMX
// accessors.
#include "frontend/x86_64/lifter.h"
#include "frontend/x86_64/masked_memory.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

// EMMS: every x87 tag empty, and (as this host's hardware does) TOP 0.
bool lift_emms(Lifter& l) {
  l.raise_pending_x87_exception();  // no MMX operand, yet it waits as MMX instructions do
  l.b.set_reg(XISA_X86_FIELD(ftw), l.b.constant(Type::I16, 0));
  l.b.set_reg(XISA_X86_FIELD(ftop), l.b.imm8(0));
  return true;
}

// MOVQ2DQ xmm, mm: the MMX register zero-extended into the XMM register.
bool lift_movq2dq(Lifter& l) {
  if (!l.is_mmx(1)) return false;
  l.set_xmm(0, l.to_vec(l.mmx(1)));
  return true;
}

// MOVDQ2Q mm, xmm: the low quadword.
bool lift_movdq2q(Lifter& l) {
  if (!l.is_xmm(1)) return false;
  l.set_mmx(0, l.b.vextract_lane(Type::I64, 64, l.xmm(1), 0));
  return true;
}

// MOVNTQ m64, mm: a plain store (the non-temporal hint has no architectural effect).
bool lift_movntq(Lifter& l) {
  if (!l.is_mem(0)) return false;
  l.b.store(l.address(0), l.mmx(1));
  return true;
}

// MASKMOVQ mm1, mm2: the bytes of mm1 whose mask byte in mm2 has its top bit set go to
// DS:rDI (the implicit memory operand, with the address size applied).
bool lift_maskmovq(Lifter& l) {
  unsigned mem = 0;
  while (mem < l.in->d.operand_count && !l.is_mem(mem)) ++mem;
  if (mem == l.in->d.operand_count) return false;
  ir::Builder& b = l.b;
  b.call(kMaskStoreHelper, {l.address(mem), l.mmx(0), l.mmx(1)});
  return true;
}

// MASKMOVDQU xmm1, xmm2 (SSE2): MASKMOVQ on 16 bytes, as two 8-byte halves.
bool lift_maskmovdqu(Lifter& l) {
  unsigned mem = 0;
  while (mem < l.in->d.operand_count && !l.is_mem(mem)) ++mem;
  if (mem == l.in->d.operand_count || !l.is_xmm(0) || !l.is_xmm(1)) return false;
  ir::Builder& b = l.b;
  const Value address = l.address(mem), data = l.xmm(0), mask = l.xmm(1);
  for (unsigned half = 0; half < 2; ++half) {
    b.call(kMaskStoreHelper,
           {half ? b.add(address, b.imm64(8)) : address, b.vextract_lane(Type::I64, 64, data, half),
            b.vextract_lane(Type::I64, 64, mask, half)});
  }
  return true;
}

}  // namespace xisa::x86_64
