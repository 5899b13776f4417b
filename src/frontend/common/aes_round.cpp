#include "frontend/common/aes_round.h"

#include <cstring>

namespace xisa::frontend {

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

// Half h of the result is columns 2h and 2h + 1, each of which only needs the four bytes
// (Inv)ShiftRows brings to it.
uint64_t helper_aes(void*, uint64_t desc, uint64_t lo, uint64_t hi) {
  const auto op = static_cast<AesStep>(desc & 0xff);
  const unsigned half = (desc >> 8) & 1;
  uint8_t in[16], out[8];
  std::memcpy(in, &lo, 8);
  std::memcpy(in + 8, &hi, 8);
  if (op == AesStep::KeygenAssist) {
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
        case AesStep::Enc:
        case AesStep::EncLast:  // ShiftRows: row r moves r columns left
          t[r] = kSBoxes.forward[in[r + 4 * ((col + r) & 3)]];
          break;
        case AesStep::Dec:
        case AesStep::DecLast:
          t[r] = kSBoxes.inverse[in[r + 4 * ((col - r) & 3)]];
          break;
        default:
          t[r] = in[r + 4 * col];
          break;
      }
    }
    if (op == AesStep::Enc || op == AesStep::MixColumns) mix_column(t, kMix);
    if (op == AesStep::Dec || op == AesStep::InvMixColumns) mix_column(t, kInvMix);
  }
  uint64_t r;
  std::memcpy(&r, out, 8);
  return r;
}

}  // namespace

const ir::HelperInfo kAes{"aes", helper_aes, true};

ir::Value aes_step(ir::Builder& b, AesStep step, ir::Value state, uint64_t imm) {
  const ir::Value lo = b.vextract_lane(ir::Type::I64, 64, state, 0);
  const ir::Value hi = b.vextract_lane(ir::Type::I64, 64, state, 1);
  auto half = [&](uint64_t h) {
    return b.call(kAes, {b.imm64(static_cast<uint64_t>(step) | h << 8 | imm << 16), lo, hi});
  };
  return b.vfrom_halves(half(0), half(1));
}

}  // namespace xisa::frontend
