// The cryptographic extension, Arm ARM C4.1.90 "Cryptographic AES", "Cryptographic three-register
// SHA", "Cryptographic two-register SHA", "Cryptographic three-register SHA512", "two-register
// SHA512", "four-register" and "XAR": FEAT_AES, FEAT_SHA1, FEAT_SHA256, FEAT_SHA512, FEAT_SHA3
// (the SM3/SM4 instructions of these classes are in translate_crypto_sm.cpp).
// AES runs in the AES helper shared with x86 (frontend/common/aes_round.h); the SHA hash and
// schedule updates read three vector registers, more than a helper's arguments carry, so they
// run in a64_sha(state, op | d << 8 | n << 16 | m << 24) on the registers in the state, with the
// logical functions shared with x86 (frontend/common/sha_functions.h). SHA1H and the SHA3
// instructions are a few lane ops.
#include <bit>
#include <cstring>

#include "frontend/aarch64/crypto_sm.h"
#include "frontend/aarch64/simd_common.h"
#include "frontend/common/aes_round.h"
#include "frontend/common/sha_functions.h"

namespace xisa::aarch64 {

namespace sha = frontend::sha;

namespace {

enum class ShaOp : uint8_t {
  Sha1C,
  Sha1P,
  Sha1M,
  Sha1Su0,
  Sha256H,
  Sha256H2,
  Sha256Su1,
  Sha1Su1,
  Sha256Su0,
  Sha512H,
  Sha512H2,
  Sha512Su1,
  Sha512Su0,
};

struct Words {
  uint32_t w[4];  // w[0] is bits 31:0
};
struct Doublewords {
  uint64_t d[2];
};

template <typename T>
T read_v(const Aarch64State& st, unsigned r) {
  T out;
  std::memcpy(&out, &st.v[r], 16);
  return out;
}

// SHA1C/SHA1P/SHA1M: four rounds on X = Vd with Y = Sn and the schedule words W = Vm.
Words sha1_hash(Words x, uint32_t y, const Words& w, unsigned fn) {
  for (unsigned e = 0; e < 4; ++e) {
    y += std::rotl(x.w[0], 5) + sha::sha1_f(fn, x.w[1], x.w[2], x.w[3]) + w.w[e];
    x.w[1] = std::rotl(x.w[1], 30);
    // <Y, X> = ROL(Y:X, 32)
    const uint32_t top = x.w[3];
    x = {{y, x.w[0], x.w[1], x.w[2]}};
    y = top;
  }
  return x;
}

// SHA256hash(X, Y, W, part1): four rounds; X holds A..D, Y holds E..H (element 0 first).
Words sha256_hash(Words x, Words y, const Words& w, bool part1) {
  for (unsigned e = 0; e < 4; ++e) {
    const uint32_t t =
        y.w[3] + sha::sha256_big_sigma1(y.w[0]) + sha::choose(y.w[0], y.w[1], y.w[2]) + w.w[e];
    x.w[3] += t;
    y.w[3] = t + sha::sha256_big_sigma0(x.w[0]) + sha::majority(x.w[0], x.w[1], x.w[2]);
    // Y:X = ROL(Y:X, 32)
    const Words nx{{y.w[3], x.w[0], x.w[1], x.w[2]}}, ny{{x.w[3], y.w[0], y.w[1], y.w[2]}};
    x = nx;
    y = ny;
  }
  return part1 ? x : y;
}

Words sha1_su0(const Words& d, const Words& n, const Words& m) {
  return {{d.w[2] ^ d.w[0] ^ m.w[0], d.w[3] ^ d.w[1] ^ m.w[1], n.w[0] ^ d.w[2] ^ m.w[2],
           n.w[1] ^ d.w[3] ^ m.w[3]}};
}

Words sha1_su1(const Words& d, const Words& n) {
  const Words t{{d.w[0] ^ n.w[1], d.w[1] ^ n.w[2], d.w[2] ^ n.w[3], d.w[3]}};
  return {{std::rotl(t.w[0], 1), std::rotl(t.w[1], 1), std::rotl(t.w[2], 1),
           std::rotl(t.w[3], 1) ^ std::rotl(t.w[0], 2)}};
}

Words sha256_su0(const Words& d, const Words& n) {
  const uint32_t t[4] = {d.w[1], d.w[2], d.w[3], n.w[0]};
  Words r;
  for (unsigned e = 0; e < 4; ++e) r.w[e] = sha::sha256_sigma0(t[e]) + d.w[e];
  return r;
}

Words sha256_su1(const Words& d, const Words& n, const Words& m) {
  const uint32_t t0[4] = {n.w[1], n.w[2], n.w[3], m.w[0]};
  Words r;
  r.w[0] = sha::sha256_sigma1(m.w[2]) + d.w[0] + t0[0];
  r.w[1] = sha::sha256_sigma1(m.w[3]) + d.w[1] + t0[1];
  r.w[2] = sha::sha256_sigma1(r.w[0]) + d.w[2] + t0[2];
  r.w[3] = sha::sha256_sigma1(r.w[1]) + d.w[3] + t0[3];
  return r;
}

// SHA512H Qd, Qn, Vm.2D: X = Vn, Y = Vm, W = Vd.
Doublewords sha512_h(const Doublewords& x, const Doublewords& y, const Doublewords& w) {
  Doublewords r;
  r.d[1] = sha::choose(y.d[1], x.d[0], x.d[1]) + sha::sha512_big_sigma1(y.d[1]) + w.d[1];
  const uint64_t tmp = r.d[1] + y.d[0];
  r.d[0] = sha::choose(tmp, y.d[1], x.d[0]) + sha::sha512_big_sigma1(tmp) + w.d[0];
  return r;
}

// SHA512H2 Qd, Qn, Vm.2D: X = Vn, Y = Vm, W = Vd.
Doublewords sha512_h2(const Doublewords& x, const Doublewords& y, const Doublewords& w) {
  Doublewords r;
  r.d[1] = sha::majority(x.d[0], y.d[1], y.d[0]) + sha::sha512_big_sigma0(y.d[0]) + w.d[1];
  r.d[0] = sha::majority(r.d[1], y.d[0], y.d[1]) + sha::sha512_big_sigma0(r.d[1]) + w.d[0];
  return r;
}

uint64_t helper_sha(void* state, uint64_t desc, uint64_t, uint64_t) {
  auto& st = *static_cast<Aarch64State*>(state);
  const auto op = static_cast<ShaOp>(desc & 0xff);
  const unsigned d = (desc >> 8) & 31, n = (desc >> 16) & 31, m = (desc >> 24) & 31;
  const auto wd = read_v<Words>(st, d), wn = read_v<Words>(st, n), wm = read_v<Words>(st, m);
  const auto qd = read_v<Doublewords>(st, d), qn = read_v<Doublewords>(st, n),
             qm = read_v<Doublewords>(st, m);
  Words r{};
  Doublewords q{};
  bool doublewords = false;
  switch (op) {
    case ShaOp::Sha1C:
    case ShaOp::Sha1P:
    case ShaOp::Sha1M:
      r = sha1_hash(wd, wn.w[0], wm, static_cast<unsigned>(op));
      break;
    case ShaOp::Sha1Su0:
      r = sha1_su0(wd, wn, wm);
      break;
    case ShaOp::Sha256H:
      r = sha256_hash(wd, wn, wm, true);
      break;
    case ShaOp::Sha256H2:
      r = sha256_hash(wn, wd, wm, false);
      break;
    case ShaOp::Sha256Su1:
      r = sha256_su1(wd, wn, wm);
      break;
    case ShaOp::Sha1Su1:
      r = sha1_su1(wd, wn);
      break;
    case ShaOp::Sha256Su0:
      r = sha256_su0(wd, wn);
      break;
    case ShaOp::Sha512H:
      q = sha512_h(qn, qm, qd);
      doublewords = true;
      break;
    case ShaOp::Sha512H2:
      q = sha512_h2(qn, qm, qd);
      doublewords = true;
      break;
    case ShaOp::Sha512Su1:
      q = {{qd.d[0] + sha::sha512_sigma1(qn.d[0]) + qm.d[0],
            qd.d[1] + sha::sha512_sigma1(qn.d[1]) + qm.d[1]}};
      doublewords = true;
      break;
    case ShaOp::Sha512Su0:
      q = {{qd.d[0] + sha::sha512_sigma0(qd.d[1]), qd.d[1] + sha::sha512_sigma0(qn.d[0])}};
      doublewords = true;
      break;
  }
  if (doublewords)
    std::memcpy(&st.v[d], &q, 16);
  else
    std::memcpy(&st.v[d], &r, 16);
  return 0;
}
const ir::HelperInfo kSha{"a64_sha", helper_sha};

bool sha_in_state(Lifter& l, ShaOp op, uint32_t insn) {
  const uint64_t desc =
      static_cast<uint64_t>(op) | rd(insn) << 8 | rn(insn) << 16 | uint64_t{rm(insn)} << 24;
  l.b.call(kSha, {l.b.imm64(desc)});
  return true;
}

}  // namespace

// AESE, AESD: AddRoundKey (Vd ^ Vn), then (Inv)ShiftRows and (Inv)SubBytes; AESMC, AESIMC:
// (Inv)MixColumns of Vn.
bool lift_CRYPTO_aes(Lifter& l, uint32_t insn) {
  using frontend::AesStep;
  ir::Builder& b = l.b;
  const unsigned opcode = bits(insn, 12, 5);
  Value r;
  switch (opcode) {
    case 4:
    case 5:
      r = frontend::aes_step(b, opcode == 4 ? AesStep::EncLast : AesStep::DecLast,
                             b.vbinary(Opcode::VXor, 64, l.v(rd(insn)), l.v(rn(insn))));
      break;
    case 6:
    case 7:
      r = frontend::aes_step(b, opcode == 6 ? AesStep::MixColumns : AesStep::InvMixColumns,
                             l.v(rn(insn)));
      break;
    default:
      return false;
  }
  l.set_v(rd(insn), r);
  return true;
}

// SHA1C, SHA1P, SHA1M, SHA1SU0, SHA256H, SHA256H2, SHA256SU1.
bool lift_CRYPTO_sha3reg(Lifter& l, uint32_t insn) {
  const unsigned opcode = bits(insn, 12, 3);
  if (opcode == 7) return false;
  return sha_in_state(l, static_cast<ShaOp>(opcode), insn);
}

// SHA1H (a rotate), SHA1SU1, SHA256SU0.
bool lift_CRYPTO_sha2reg(Lifter& l, uint32_t insn) {
  switch (bits(insn, 12, 5)) {
    case 0:
      l.set_v_scalar(rd(insn), l.b.rotl(l.v_scalar(rn(insn), 32), l.b.imm32(30)));
      return true;
    case 1:
      return sha_in_state(l, ShaOp::Sha1Su1, insn);
    case 2:
      return sha_in_state(l, ShaOp::Sha256Su0, insn);
    default:
      return false;
  }
}

// SHA512H, SHA512H2, SHA512SU1, RAX1 (O = 0); SM3PARTW1/2, SM4EKEY (O = 1).
bool lift_CRYPTO_sha512_3reg(Lifter& l, uint32_t insn) {
  if (bits(insn, 14, 1)) return lift_sm3partw_sm4ekey(l, insn);
  switch (bits(insn, 10, 2)) {
    case 0:
      return sha_in_state(l, ShaOp::Sha512H, insn);
    case 1:
      return sha_in_state(l, ShaOp::Sha512H2, insn);
    case 2:
      return sha_in_state(l, ShaOp::Sha512Su1, insn);
    default: {  // RAX1: Vn ^ ROL(Vm, 1) in each doubleword
      ir::Builder& b = l.b;
      const Value m = l.v(rm(insn));
      const Value rotated = b.vbinary(Opcode::VOr, 64, b.vunary(Opcode::VShlImm, 64, m, 1),
                                      b.vunary(Opcode::VShrLImm, 64, m, 63));
      l.set_v(rd(insn), b.vbinary(Opcode::VXor, 64, l.v(rn(insn)), rotated));
      return true;
    }
  }
}

// SHA512SU0, SM4E.
bool lift_CRYPTO_sha512_2reg(Lifter& l, uint32_t insn) {
  if (bits(insn, 10, 2) == 1) return lift_sm4e(l, insn);
  if (bits(insn, 10, 2) != 0) return false;
  return sha_in_state(l, ShaOp::Sha512Su0, insn);
}

// EOR3 (Vn ^ Vm ^ Va), BCAX (Vn ^ (Vm & ~Va)), SM3SS1.
bool lift_CRYPTO_4reg(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const Value n = l.v(rn(insn)), m = l.v(rm(insn)), a = l.v(ra(insn));
  switch (bits(insn, 21, 2)) {
    case 0:
      l.set_v(rd(insn), b.vbinary(Opcode::VXor, 64, n, b.vbinary(Opcode::VXor, 64, m, a)));
      return true;
    case 1:
      l.set_v(rd(insn), b.vbinary(Opcode::VXor, 64, n, b.vbinary(Opcode::VAndNot, 64, m, a)));
      return true;
    case 2:
      return lift_sm3ss1(l, insn);
    default:
      return false;
  }
}

// XAR: ROR(Vn ^ Vm, imm6) in each doubleword.
bool lift_CRYPTO_xar(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const unsigned amount = bits(insn, 10, 6);
  const Value x = b.vbinary(Opcode::VXor, 64, l.v(rn(insn)), l.v(rm(insn)));
  Value r = x;
  if (amount != 0)
    r = b.vbinary(Opcode::VOr, 64, b.vunary(Opcode::VShrLImm, 64, x, amount),
                  b.vunary(Opcode::VShlImm, 64, x, 64 - amount));
  l.set_v(rd(insn), r);
  return true;
}

}  // namespace xisa::aarch64
