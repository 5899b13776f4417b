// The Chinese national cryptographic instructions (FEAT_SM3, FEAT_SM4), Arm ARM C7.2: SM3SS1,
// SM3TT1A/1B, SM3TT2A/2B, SM3PARTW1/2, SM4E, SM4EKEY. Each reads up to three vector registers,
// so they run in a64_sm(state, op | d << 8 | n << 16 | m << 24 | imm2 << 32) on the registers in
// the state, by the pseudocode's word operations.
#include <array>
#include <bit>
#include <cstring>

#include "frontend/aarch64/crypto_sm.h"
#include "ir/helpers.h"

namespace xisa::aarch64 {

namespace {

enum class SmOp : uint8_t { Ss1, Tt1a, Tt1b, Tt2a, Tt2b, PartW1, PartW2, Sm4e, Sm4ekey };

struct Words {
  uint32_t w[4];  // w[0] is bits 31:0
};

// GF(2^8) modulo x^8 + x^7 + x^6 + x^5 + x^4 + x^2 + 1, the field of the SM4 S-box.
constexpr uint8_t sm4_mul(uint8_t a, uint8_t b) {
  uint8_t p = 0;
  for (; b != 0; b >>= 1) {
    if (b & 1) p ^= a;
    a = static_cast<uint8_t>((a << 1) ^ ((a >> 7) * 0xf5));
  }
  return p;
}
// The affine map of the S-box: bit i of the result is the parity of x AND (0xA7 rotated left by
// i), then XOR with 0xD3.
constexpr uint8_t sm4_affine(uint8_t x) {
  uint8_t y = 0;
  for (unsigned i = 0; i < 8; ++i) {
    const auto row = static_cast<uint8_t>((0xa7 << i) | (0xa7 >> ((8 - i) & 7)));
    y |= static_cast<uint8_t>((std::popcount(static_cast<unsigned>(row & x)) & 1) << i);
  }
  return y ^ 0xd3;
}
// S(x) = affine(affine(x)^-1), the inverse taken as x^254.
constexpr std::array<uint8_t, 256> make_sm4_sbox() {
  std::array<uint8_t, 256> s{};
  for (unsigned x = 0; x < 256; ++x) {
    const uint8_t a = sm4_affine(static_cast<uint8_t>(x));
    uint8_t inv = 1, base = a;
    for (unsigned e = 254; e != 0; e >>= 1, base = sm4_mul(base, base))
      if (e & 1) inv = sm4_mul(inv, base);
    s[x] = sm4_affine(inv);
  }
  return s;
}
constexpr std::array<uint8_t, 256> kSm4Sbox = make_sm4_sbox();
static_assert(kSm4Sbox[0x00] == 0xd6 && kSm4Sbox[0x01] == 0x90 && kSm4Sbox[0x02] == 0xe9 &&
              kSm4Sbox[0xff] == 0x48);

uint32_t sm4_sub(uint32_t x) {
  uint32_t out = 0;
  for (unsigned i = 0; i < 4; ++i) out |= uint32_t{kSm4Sbox[(x >> (8 * i)) & 0xff]} << (8 * i);
  return out;
}

// SM4E (round keys from Vn, linear map L) and SM4EKEY (constants from Vm, map L').
Words sm4_rounds(Words r, const Words& keys, bool key_schedule) {
  for (unsigned i = 0; i < 4; ++i) {
    uint32_t t = sm4_sub(r.w[3] ^ r.w[2] ^ r.w[1] ^ keys.w[i]);
    t = key_schedule ? t ^ std::rotl(t, 13) ^ std::rotl(t, 23)
                     : t ^ std::rotl(t, 2) ^ std::rotl(t, 10) ^ std::rotl(t, 18) ^ std::rotl(t, 24);
    r = {{r.w[1], r.w[2], r.w[3], t ^ r.w[0]}};
  }
  return r;
}

Words sm3_partw1(const Words& d, const Words& n, const Words& m) {
  Words r;
  for (unsigned i = 0; i < 3; ++i) r.w[i] = d.w[i] ^ n.w[i] ^ std::rotl(m.w[i + 1], 15);
  for (unsigned i = 0; i < 4; ++i) {
    if (i == 3) r.w[3] = d.w[3] ^ n.w[3] ^ std::rotl(r.w[0], 15);
    r.w[i] ^= std::rotl(r.w[i], 15) ^ std::rotl(r.w[i], 23);
  }
  return r;
}

Words sm3_partw2(const Words& d, const Words& n, const Words& m) {
  Words t, r;
  for (unsigned i = 0; i < 4; ++i) {
    t.w[i] = n.w[i] ^ std::rotl(m.w[i], 7);
    r.w[i] = d.w[i] ^ t.w[i];
  }
  uint32_t t2 = std::rotl(t.w[0], 15);
  t2 ^= std::rotl(t2, 15) ^ std::rotl(t2, 23);
  r.w[3] ^= t2;
  return r;
}

// SM3TT1A/1B/2A/2B with the word W'j = m.w[index].
Words sm3_tt(SmOp op, const Words& d, const Words& n, uint32_t wj) {
  const uint32_t a = d.w[3], b = d.w[2], c = d.w[1];
  uint32_t t;
  switch (op) {
    case SmOp::Tt1a:
    case SmOp::Tt2a:
      t = c ^ a ^ b;
      break;
    case SmOp::Tt1b:
      t = (a & c) | (a & b) | (c & b);
      break;
    default:  // TT2B
      t = (a & b) | (~a & c);
      break;
  }
  if (op == SmOp::Tt1a || op == SmOp::Tt1b) {
    const uint32_t ss2 = n.w[3] ^ std::rotl(a, 12);
    return {{c, std::rotl(b, 9), a, t + d.w[0] + ss2 + wj}};
  }
  t = t + d.w[0] + n.w[3] + wj;
  return {{c, std::rotl(b, 19), a, t ^ std::rotl(t, 9) ^ std::rotl(t, 17)}};
}

uint64_t helper_sm(void* state, uint64_t desc, uint64_t a_reg, uint64_t) {
  auto& st = *static_cast<Aarch64State*>(state);
  const auto op = static_cast<SmOp>(desc & 0xff);
  const unsigned d = (desc >> 8) & 31, n = (desc >> 16) & 31, m = (desc >> 24) & 31;
  const unsigned index = (desc >> 32) & 3;
  Words wd, wn, wm, wa;
  std::memcpy(&wd, &st.v[d], 16);
  std::memcpy(&wn, &st.v[n], 16);
  std::memcpy(&wm, &st.v[m], 16);
  std::memcpy(&wa, &st.v[a_reg & 31], 16);
  Words r{};
  switch (op) {
    case SmOp::Ss1:
      r.w[3] = std::rotl(std::rotl(wn.w[3], 12) + wm.w[3] + wa.w[3], 7);
      break;
    case SmOp::PartW1:
      r = sm3_partw1(wd, wn, wm);
      break;
    case SmOp::PartW2:
      r = sm3_partw2(wd, wn, wm);
      break;
    case SmOp::Sm4e:
      r = sm4_rounds(wd, wn, false);
      break;
    case SmOp::Sm4ekey:
      r = sm4_rounds(wn, wm, true);
      break;
    default:
      r = sm3_tt(op, wd, wn, wm.w[index]);
      break;
  }
  std::memcpy(&st.v[d], &r, 16);
  return 0;
}
const ir::HelperInfo kSm{"a64_sm", helper_sm};

}  // namespace

namespace {

bool call_sm(Lifter& l, uint32_t insn, SmOp op, unsigned a_reg = 0) {
  const uint64_t desc = static_cast<uint64_t>(op) | rd(insn) << 8 | rn(insn) << 16 |
                        uint64_t{rm(insn)} << 24 | uint64_t{bits(insn, 12, 2)} << 32;
  l.b.call(kSm, {l.b.imm64(desc), l.b.imm64(a_reg)});
  return true;
}

}  // namespace

bool lift_sm3ss1(Lifter& l, uint32_t insn) {
  return call_sm(l, insn, SmOp::Ss1, ra(insn));
}

bool lift_sm3partw_sm4ekey(Lifter& l, uint32_t insn) {
  static constexpr SmOp kOps[3] = {SmOp::PartW1, SmOp::PartW2, SmOp::Sm4ekey};
  const unsigned opcode = bits(insn, 10, 2);
  return opcode < 3 && call_sm(l, insn, kOps[opcode]);
}

bool lift_sm4e(Lifter& l, uint32_t insn) {
  return call_sm(l, insn, SmOp::Sm4e);
}

// SM3TT1A, SM3TT1B, SM3TT2A, SM3TT2B: Vm.S[imm2].
bool lift_CRYPTO_sm3tt(Lifter& l, uint32_t insn) {
  return call_sm(l, insn, static_cast<SmOp>(static_cast<unsigned>(SmOp::Tt1a) + bits(insn, 10, 2)));
}

}  // namespace xisa::aarch64
