// AES-NI (SDM vol. 2, "AESENC" ... "AESKEYGENASSIST") and PCLMULQDQ, in portable C++ so they
// run on any host. Each result is computed as two 64-bit halves by pure helpers on operands
// read through the lifter (never from the state by register number), so the VEX forms can reuse
// these handlers with other operands; the round key is XORed in IR.
#include <cstring>

#include "frontend/common/carryless_multiply.h"
#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

using ir::Opcode;
using ir::Type;
using ir::Value;

namespace {

// GF(2^8) modulo the AES polynomial x^8 + x^4 + x^3 + x + 1.
constexpr uint8_t xtime(uint8_t x) {
  return static_cast<uint8_t>((x << 1) ^ ((x >> 7) * 0x1b));
}
constexpr uint8_t gf_mul(uint8_t a, uint8_t b) {
  uint8_t p = 0;
  for (; b != 0; b >>= 1, a = xtime(a))
    if (b & 1) p ^= a;
  return p;
}
constexpr uint8_t rotl8(uint8_t x, unsigned n) {
  return static_cast<uint8_t>((x << n) | (x >> (8 - n)));
}

struct SBoxes {
  uint8_t forward[256];
  uint8_t inverse[256];
};

// The S-box: the multiplicative inverse (x^254) followed by the affine map (FIPS-197 5.1.1).
constexpr SBoxes make_sboxes() {
  SBoxes s{};
  for (unsigned x = 0; x < 256; ++x) {
    uint8_t inv = 1, base = static_cast<uint8_t>(x);
    for (unsigned e = 254; e != 0; e >>= 1, base = gf_mul(base, base))
      if (e & 1) inv = gf_mul(inv, base);
    const uint8_t y = inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^ rotl8(inv, 4) ^ 0x63;
    s.forward[x] = y;
    s.inverse[y] = static_cast<uint8_t>(x);
  }
  return s;
}
constexpr SBoxes kSBoxes = make_sboxes();
static_assert(kSBoxes.forward[0x00] == 0x63 && kSBoxes.forward[0x53] == 0xed &&
              kSBoxes.inverse[0x63] == 0x00);

enum class AesOp : uint8_t { Enc, EncLast, Dec, DecLast, Imc, KeygenAssist };

// One column of (Inv)MixColumns: out[r] = sum over k of coef[k] * t[(r + k) mod 4].
void mix_column(uint8_t* col, const uint8_t (&coef)[4]) {
  uint8_t out[4];
  for (unsigned r = 0; r < 4; ++r) {
    out[r] = 0;
    for (unsigned k = 0; k < 4; ++k) out[r] ^= gf_mul(col[(r + k) & 3], coef[k]);
  }
  std::memcpy(col, out, 4);
}

uint32_t sub_word(uint32_t w) {
  uint32_t out = 0;
  for (unsigned i = 0; i < 4; ++i)
    out |= uint32_t{kSBoxes.forward[(w >> (8 * i)) & 0xff]} << (8 * i);
  return out;
}

// x86_aes(desc = op | half << 8 | imm8 << 16, lo, hi): half 0 or 1 of the round (without the
// round key) on the state lo:hi. Byte 4c + r of the state is row r of column c; half h is
// columns 2h and 2h + 1, each of which only needs the four bytes (Inv)ShiftRows brings to it.
uint64_t helper_aes(void*, uint64_t desc, uint64_t lo, uint64_t hi) {
  const auto op = static_cast<AesOp>(desc & 0xff);
  const unsigned half = (desc >> 8) & 1;
  uint8_t in[16], out[8];
  std::memcpy(in, &lo, 8);
  std::memcpy(in + 8, &hi, 8);
  if (op == AesOp::KeygenAssist) {
    // SubWord(X) and RotWord(SubWord(X)) ^ RCON for X = dword 1 (low half) or 3 (high half).
    uint32_t x;
    std::memcpy(&x, in + 4 + 8 * half, 4);
    const uint32_t sub = sub_word(x), rcon = static_cast<uint32_t>(desc >> 16) & 0xff;
    const uint64_t r = sub | uint64_t{((sub >> 8) | (sub << 24)) ^ rcon} << 32;
    return r;
  }
  static constexpr uint8_t kMix[4] = {2, 3, 1, 1}, kInvMix[4] = {14, 11, 13, 9};
  for (unsigned c = 0; c < 2; ++c) {
    const unsigned col = 2 * half + c;
    uint8_t* t = out + 4 * c;
    for (unsigned r = 0; r < 4; ++r) {
      switch (op) {
        case AesOp::Enc:
        case AesOp::EncLast:  // ShiftRows: row r moves r columns left
          t[r] = kSBoxes.forward[in[r + 4 * ((col + r) & 3)]];
          break;
        case AesOp::Dec:
        case AesOp::DecLast:
          t[r] = kSBoxes.inverse[in[r + 4 * ((col - r) & 3)]];
          break;
        default:
          t[r] = in[r + 4 * col];
          break;
      }
    }
    if (op == AesOp::Enc) mix_column(t, kMix);
    if (op == AesOp::Dec || op == AesOp::Imc) mix_column(t, kInvMix);
  }
  uint64_t r;
  std::memcpy(&r, out, 8);
  return r;
}
const ir::HelperInfo kAes{"x86_aes", helper_aes, true};

Value join_halves(ir::Builder& b, Value lo, Value hi) {
  return b.vinsert_lane(64, b.vinsert_lane(64, b.vconst(0, 0), lo, 0), hi, 1);
}

Value aes_round(Lifter& l, AesOp op, Value state, uint64_t imm) {
  ir::Builder& b = l.b;
  const Value lo = b.vextract_lane(Type::I64, 64, state, 0);
  const Value hi = b.vextract_lane(Type::I64, 64, state, 1);
  auto half = [&](uint64_t h) {
    return b.call(kAes, {b.imm64(static_cast<uint64_t>(op) | h << 8 | imm << 16), lo, hi});
  };
  return join_halves(b, half(0), half(1));
}

// AESENC/AESENCLAST/AESDEC/AESDECLAST xmm1, xmm2/m128: one round of the state xmm1 with the
// round key xmm2/m128.
bool aes_with_key(Lifter& l, AesOp op) {
  if (!l.is_xmm(0)) return false;
  const Value key = l.read_as(1, Type::V128);
  const Value round = aes_round(l, op, l.read_as(0, Type::V128), 0);
  l.set_xmm(0, l.b.vbinary(Opcode::VXor, 64, round, key));
  return true;
}

}  // namespace

bool lift_aesenc(Lifter& l) {
  return aes_with_key(l, AesOp::Enc);
}
bool lift_aesenclast(Lifter& l) {
  return aes_with_key(l, AesOp::EncLast);
}
bool lift_aesdec(Lifter& l) {
  return aes_with_key(l, AesOp::Dec);
}
bool lift_aesdeclast(Lifter& l) {
  return aes_with_key(l, AesOp::DecLast);
}

// AESIMC xmm1, xmm2/m128: InvMixColumns, to turn encryption round keys into decryption ones.
bool lift_aesimc(Lifter& l) {
  if (!l.is_xmm(0)) return false;
  l.set_xmm(0, aes_round(l, AesOp::Imc, l.read_as(1, Type::V128), 0));
  return true;
}

bool lift_aeskeygenassist(Lifter& l) {
  if (!l.is_xmm(0) || !l.is_imm(2)) return false;
  l.set_xmm(0, aes_round(l, AesOp::KeygenAssist, l.read_as(1, Type::V128), l.imm8(2)));
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
  l.set_xmm(0, join_halves(b, frontend::carryless_multiply(b, a, c, frontend::ClmulPart::Low),
                           frontend::carryless_multiply(b, a, c, frontend::ClmulPart::High)));
  return true;
}

}  // namespace xisa::x86_64
