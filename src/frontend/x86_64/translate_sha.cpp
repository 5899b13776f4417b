// SHA-NI (SDM vol. 2, "SHA1RNDS4" ... "SHA256RNDS2"), in portable C++. SHA1MSG1 and SHA1NEXTE
// are a few lane ops; the rounds and the other message schedules read more than one helper
// argument can carry, so they run in x86_sha(state, op | dst << 8 | imm8 << 16, src_lo, src_hi)
// on the destination register (and XMM0 for SHA256RNDS2) in the state. SHA-NI has no VEX forms.
#include <bit>
#include <cstring>

#include "frontend/common/sha_functions.h"
#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

using ir::Opcode;
using ir::Type;
using ir::Value;

namespace sha = frontend::sha;

namespace {

enum class ShaOp : uint8_t { Sha1Rnds4, Sha1Msg2, Sha256Rnds2, Sha256Msg1, Sha256Msg2 };

// The four dwords of an XMM value; w[3] is bits 127:96.
struct Dwords {
  uint32_t w[4];
};

// Four SHA-1 rounds on A:B:C:D = s (A in w[3]) with W0+E, W1, W2, W3 in m (W0+E in w[3]).
Dwords sha1_rounds4(const Dwords& s, const Dwords& m, unsigned fn) {
  static constexpr uint32_t kK[4] = {0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6};
  uint32_t a = s.w[3], b = s.w[2], c = s.w[1], d = s.w[0], e = 0;
  for (unsigned i = 0; i < 4; ++i) {
    const uint32_t next = sha::sha1_f(fn, b, c, d) + std::rotl(a, 5) + m.w[3 - i] + e + kK[fn];
    e = d;
    d = c;
    c = std::rotl(b, 30);
    b = a;
    a = next;
  }
  return {{d, c, b, a}};
}

Dwords sha1_msg2(const Dwords& s, const Dwords& m) {
  const uint32_t w16 = std::rotl(s.w[3] ^ m.w[2], 1);
  const uint32_t w17 = std::rotl(s.w[2] ^ m.w[1], 1);
  const uint32_t w18 = std::rotl(s.w[1] ^ m.w[0], 1);
  const uint32_t w19 = std::rotl(s.w[0] ^ w16, 1);
  return {{w19, w18, w17, w16}};
}

// Two SHA-256 rounds: C:D:G:H in s (C in w[3]), A:B:E:F in m (A in w[3]), WK0 and WK1 in the
// low dwords of wk. The result is A:B:E:F after the rounds.
Dwords sha256_rounds2(const Dwords& s, const Dwords& m, const Dwords& wk) {
  uint32_t a = m.w[3], b = m.w[2], c = s.w[3], d = s.w[2];
  uint32_t e = m.w[1], f = m.w[0], g = s.w[1], h = s.w[0];
  for (unsigned i = 0; i < 2; ++i) {
    const uint32_t t = sha::choose(e, f, g) + sha::sha256_big_sigma1(e) + wk.w[i] + h;
    const uint32_t t2 = sha::sha256_big_sigma0(a) + sha::majority(a, b, c);
    h = g;
    g = f;
    f = e;
    e = t + d;
    d = c;
    c = b;
    b = a;
    a = t + t2;
  }
  return {{f, e, b, a}};
}

Dwords sha256_msg1(const Dwords& s, const Dwords& m) {
  return {{s.w[0] + sha::sha256_sigma0(s.w[1]), s.w[1] + sha::sha256_sigma0(s.w[2]),
           s.w[2] + sha::sha256_sigma0(s.w[3]), s.w[3] + sha::sha256_sigma0(m.w[0])}};
}

Dwords sha256_msg2(const Dwords& s, const Dwords& m) {
  const uint32_t w16 = s.w[0] + sha::sha256_sigma1(m.w[2]);
  const uint32_t w17 = s.w[1] + sha::sha256_sigma1(m.w[3]);
  const uint32_t w18 = s.w[2] + sha::sha256_sigma1(w16);
  const uint32_t w19 = s.w[3] + sha::sha256_sigma1(w17);
  return {{w16, w17, w18, w19}};
}

uint64_t helper_sha(void* state, uint64_t desc, uint64_t lo, uint64_t hi) {
  auto& st = *static_cast<X86_64State*>(state);
  const auto op = static_cast<ShaOp>(desc & 0xff);
  const unsigned dst = (desc >> 8) & 0x3f, imm = (desc >> 16) & 0xff;
  Dwords s, m, wk;
  std::memcpy(s.w, st.vec[dst], 16);
  std::memcpy(m.w, &lo, 8);
  std::memcpy(m.w + 2, &hi, 8);
  std::memcpy(wk.w, st.vec[0], 16);
  Dwords r{};
  switch (op) {
    case ShaOp::Sha1Rnds4:
      r = sha1_rounds4(s, m, imm & 3);
      break;
    case ShaOp::Sha1Msg2:
      r = sha1_msg2(s, m);
      break;
    case ShaOp::Sha256Rnds2:
      r = sha256_rounds2(s, m, wk);
      break;
    case ShaOp::Sha256Msg1:
      r = sha256_msg1(s, m);
      break;
    case ShaOp::Sha256Msg2:
      r = sha256_msg2(s, m);
      break;
  }
  std::memcpy(st.vec[dst], r.w, 16);
  return 0;
}
const ir::HelperInfo kSha{"x86_sha", helper_sha};

bool sha_in_state(Lifter& l, ShaOp op) {
  if (!l.is_xmm(0)) return false;
  call_xmm_helper(l, kSha, static_cast<uint64_t>(op));
  return true;
}

}  // namespace

bool lift_sha1rnds4(Lifter& l) {
  return l.is_imm(2) && sha_in_state(l, ShaOp::Sha1Rnds4);
}
bool lift_sha1msg2(Lifter& l) {
  return sha_in_state(l, ShaOp::Sha1Msg2);
}
bool lift_sha256rnds2(Lifter& l) {
  return sha_in_state(l, ShaOp::Sha256Rnds2);
}
bool lift_sha256msg1(Lifter& l) {
  return sha_in_state(l, ShaOp::Sha256Msg1);
}
bool lift_sha256msg2(Lifter& l) {
  return sha_in_state(l, ShaOp::Sha256Msg2);
}

// SHA1MSG1: dst ^ (dst's low quadword above src's high one), dword by dword.
bool lift_sha1msg1(Lifter& l) {
  if (!l.is_xmm(0)) return false;
  const Value dst = l.read_as(0, Type::V128), src = l.read_as(1, Type::V128);
  const Value mixed = l.b.vbinary(Opcode::VConcatBytes, 8, src, dst);
  l.set_xmm(0, l.b.vbinary(Opcode::VXor, 64, dst, mixed));
  return true;
}

// SHA1NEXTE: src with ROL30(dst[127:96]) added to its top dword (the next round's E).
bool lift_sha1nexte(Lifter& l) {
  if (!l.is_xmm(0)) return false;
  ir::Builder& b = l.b;
  const Value dst = l.read_as(0, Type::V128), src = l.read_as(1, Type::V128);
  const Value e = b.rotl(b.vextract_lane(Type::I32, 32, dst, 3), b.imm32(30));
  const Value top = b.add(b.vextract_lane(Type::I32, 32, src, 3), e);
  l.set_xmm(0, b.vinsert_lane(32, src, top, 3));
  return true;
}

}  // namespace xisa::x86_64
