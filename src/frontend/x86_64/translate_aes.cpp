// AES-NI (SDM vol. 2, "AESENC" ... "AESKEYGENASSIST") and PCLMULQDQ, through the pure helpers
// shared with AArch64 (frontend/common/aes_round.h, carryless_multiply.h) on operands read
// through the lifter (never from the state by register number), so the VEX forms can reuse
// these handlers with other operands; the round key is XORed in IR.
#include "frontend/common/aes_round.h"
#include "frontend/common/carryless_multiply.h"
#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

using ir::Opcode;
using ir::Type;
using ir::Value;

using frontend::AesStep;

namespace {

// AESENC/AESENCLAST/AESDEC/AESDECLAST xmm1, xmm2/m128: one round of the state xmm1 with the
// round key xmm2/m128.
bool aes_with_key(Lifter& l, AesStep op) {
  if (!l.is_xmm(0)) return false;
  const Value key = l.read_as(1, Type::V128);
  const Value round = frontend::aes_step(l.b, op, l.read_as(0, Type::V128));
  l.set_xmm(0, l.b.vbinary(Opcode::VXor, 64, round, key));
  return true;
}

}  // namespace

bool lift_aesenc(Lifter& l) {
  return aes_with_key(l, AesStep::Enc);
}
bool lift_aesenclast(Lifter& l) {
  return aes_with_key(l, AesStep::EncLast);
}
bool lift_aesdec(Lifter& l) {
  return aes_with_key(l, AesStep::Dec);
}
bool lift_aesdeclast(Lifter& l) {
  return aes_with_key(l, AesStep::DecLast);
}

// AESIMC xmm1, xmm2/m128: InvMixColumns, to turn encryption round keys into decryption ones.
bool lift_aesimc(Lifter& l) {
  if (!l.is_xmm(0)) return false;
  l.set_xmm(0, frontend::aes_step(l.b, AesStep::InvMixColumns, l.read_as(1, Type::V128)));
  return true;
}

bool lift_aeskeygenassist(Lifter& l) {
  if (!l.is_xmm(0) || !l.is_imm(2)) return false;
  l.set_xmm(0, frontend::aes_step(l.b, AesStep::KeygenAssist, l.read_as(1, Type::V128), l.imm8(2)));
  return true;
}

// PCLMULQDQ xmm1, xmm2/m128, imm8: imm8 bit 0 picks xmm1's quadword, bit 4 the source's.
bool lift_pclmulqdq(Lifter& l) {
  if (!l.is_xmm(0) || !l.is_imm(2)) return false;
  ir::Builder& b = l.b;
  const uint64_t imm = l.imm8(2);
  const Value src = l.read_as(1, Type::V128);
  const Value a =
      b.vextract_lane(Type::I64, 64, l.read_as(0, Type::V128), static_cast<unsigned>(imm & 1));
  const Value c = b.vextract_lane(Type::I64, 64, src, static_cast<unsigned>((imm >> 4) & 1));
  l.set_xmm(0, frontend::carryless_multiply_128(b, a, c));
  return true;
}

}  // namespace xisa::x86_64
