// Scalar cryptography, RV64 forms (Volume I, "Scalar Cryptography" chapter): Zkne/Zknd's AES
// steps on the 128-bit state rs2:rs1 (rs1 holds columns 0 and 1) through the AES helper the
// x86 and AArch64 AES instructions share (frontend/common/aes_round.h), and Zknh's SHA-256 and
// SHA-512 sigma functions in plain IR (rotations and shifts the JIT compiles inline).
#include "frontend/common/aes_round.h"
#include "frontend/riscv64/translate_int_common.h"

namespace xisa::riscv64 {

using frontend::AesStep;
using ir::Builder;
using ir::Type;
using ir::Value;

namespace {

// The low 64 bits (columns 0 and 1) of step on the state hi:lo.
Value aes_low_half(Builder& b, AesStep step, Value lo, Value hi, uint64_t imm = 0) {
  return b.call(frontend::kAes, {b.imm64(static_cast<uint64_t>(step) | imm << 16), lo, hi});
}

template <AesStep Step>
Value aes_round_half(Builder& b, Value rs1, Value rs2) {
  return aes_low_half(b, Step, rs1, rs2);
}

// ror(x, a) ^ ror(x, b) ^ (ror(x, c) or, with kShift, x >> c): FIPS 180-4's Sigma and sigma.
template <unsigned A, unsigned B, unsigned C, bool kShift>
Value sigma(Builder& b, Value x) {
  const Type t = x.type;
  auto imm = [&](unsigned n) { return b.constant(t, n); };
  const Value last = kShift ? b.shr(x, imm(C)) : b.rotr(x, imm(C));
  return b.xor_(b.xor_(b.rotr(x, imm(A)), b.rotr(x, imm(B))), last);
}

// The SHA-256 forms work on the low word and sign-extend, the SHA-512 ones on the doubleword.
template <unsigned A, unsigned B, unsigned C, bool kShift>
bool sha256(Lifter& l, uint32_t insn) {
  const Value x = low32(l, l.x(rs1(insn)));
  l.set_x(rd(insn), l.b.sext(Type::I64, sigma<A, B, C, kShift>(l.b, x)));
  return true;
}
template <unsigned A, unsigned B, unsigned C, bool kShift>
bool sha512(Lifter& l, uint32_t insn) {
  l.set_x(rd(insn), sigma<A, B, C, kShift>(l.b, l.x(rs1(insn))));
  return true;
}

// aes64ks1i's round constants, by rnum 0..9 (rnum 10 takes none and no rotation).
constexpr uint64_t kRoundConstant[10] = {0x01, 0x02, 0x04, 0x08, 0x10,
                                         0x20, 0x40, 0x80, 0x1b, 0x36};

}  // namespace

bool lift_aes64es(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, aes_round_half<AesStep::EncLast>);
}
bool lift_aes64esm(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, aes_round_half<AesStep::Enc>);
}
bool lift_aes64ds(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, aes_round_half<AesStep::DecLast>);
}
bool lift_aes64dsm(Lifter& l, uint32_t i) {
  return lift_reg_reg(l, i, aes_round_half<AesStep::Dec>);
}
bool lift_aes64im(Lifter& l, uint32_t i) {
  const Value x = l.x(rs1(i));
  l.set_x(rd(i), aes_low_half(l.b, AesStep::InvMixColumns, x, x));
  return true;
}

// tmp = SubWord(rs1[63:32]), rotated right by 8 and XORed with the round constant for rnum < 10;
// rd = tmp:tmp. The key-generation step yields SubWord(X) in its low word and
// RotWord(SubWord(X)) ^ rcon in its high word for X = bits 63:32 of its low half.
bool lift_aes64ks1i(Lifter& l, uint32_t i) {
  const unsigned rnum = frontend::bits(i, 20, 4);
  if (rnum > 10) return false;  // reserved
  Builder& b = l.b;
  const Value x = l.x(rs1(i));
  const uint64_t rcon = rnum < 10 ? kRoundConstant[rnum] : 0;
  const Value r = aes_low_half(b, AesStep::KeygenAssist, x, x, rcon);
  const Value word = rnum < 10 ? b.shr(r, b.imm64(32)) : b.and_(r, b.imm64(0xffffffff));
  l.set_x(rd(i), b.or_(word, b.shl(word, b.imm64(32))));
  return true;
}

// w0 = rs1[63:32] ^ rs2[31:0], w1 = w0 ^ rs2[63:32]; rd = w1:w0.
bool lift_aes64ks2(Lifter& l, uint32_t i) {
  Builder& b = l.b;
  const Value rs2v = l.x(rs2(i));
  const Value w0 = b.and_(b.xor_(b.shr(l.x(rs1(i)), b.imm64(32)), rs2v), b.imm64(0xffffffff));
  const Value w1 = b.xor_(w0, b.shr(rs2v, b.imm64(32)));
  l.set_x(rd(i), b.or_(w0, b.shl(w1, b.imm64(32))));
  return true;
}

bool lift_sha256sum0(Lifter& l, uint32_t i) {
  return sha256<2, 13, 22, false>(l, i);
}
bool lift_sha256sum1(Lifter& l, uint32_t i) {
  return sha256<6, 11, 25, false>(l, i);
}
bool lift_sha256sig0(Lifter& l, uint32_t i) {
  return sha256<7, 18, 3, true>(l, i);
}
bool lift_sha256sig1(Lifter& l, uint32_t i) {
  return sha256<17, 19, 10, true>(l, i);
}
bool lift_sha512sum0(Lifter& l, uint32_t i) {
  return sha512<28, 34, 39, false>(l, i);
}
bool lift_sha512sum1(Lifter& l, uint32_t i) {
  return sha512<14, 18, 41, false>(l, i);
}
bool lift_sha512sig0(Lifter& l, uint32_t i) {
  return sha512<1, 8, 7, true>(l, i);
}
bool lift_sha512sig1(Lifter& l, uint32_t i) {
  return sha512<19, 61, 6, true>(l, i);
}

}  // namespace xisa::riscv64
