// The V 1.0 vector unit (VLEN 128 or 256, ELEN 64) as whole-instruction helpers: one call executes
// every element of one instruction on the guest state (ADR 0008). This header holds what
// all instruction groups share: vtype decoding, element and mask access, the legality rules of
// register groups, and the element loop with vstart, masking and the tail.
//
// Policy: tail and inactive elements are always left undisturbed, which the spec allows for
// both the agnostic and undisturbed settings of vta/vma (and qemu 7.2 does the same).
#pragma once

#include <array>
#include <cstdint>
#include <cstring>

#include "guest/riscv64/riscv64_state.h"
#include "guest/riscv64/riscv64_vlen.h"

namespace xisa::riscv64::vector {

constexpr unsigned kElen = 64;

// The fields of a legal vtype; sew in bits, lmul as log2 (-3..3).
struct Vtype {
  unsigned sew = 8;
  int lmul_log2 = 0;
  bool vta = false, vma = false;
};

// Whether a vtype value is legal for ELEN 64 (else vsetvl sets vill); VLEN does not matter.
bool vtype_legal(uint64_t raw);
inline Vtype decode_vtype(uint64_t raw) {
  const unsigned lmul = raw & 7;
  return {8u << ((raw >> 3) & 7), lmul >= 4 ? static_cast<int>(lmul) - 8 : static_cast<int>(lmul),
          ((raw >> 6) & 1) != 0, ((raw >> 7) & 1) != 0};
}
// VLMAX = LMUL * VLEN / SEW, for any sew/lmul pair (EMUL of loads too).
inline uint64_t vlmax(unsigned sew, int lmul_log2) {
  const int log2 = lmul_log2 + __builtin_ctz(vlen_bytes() * 8) - __builtin_ctz(sew);
  return log2 < 0 ? 0 : uint64_t{1} << log2;
}

inline uint64_t sext(uint64_t v, unsigned bits) {
  return bits >= 64 ? v
                    : static_cast<uint64_t>(static_cast<int64_t>(v << (64 - bits)) >> (64 - bits));
}
inline uint64_t zext(uint64_t v, unsigned bits) {
  return bits >= 64 ? v : v & ((uint64_t{1} << bits) - 1);
}

// Instruction fields of the vector formats (Volume I, chapter "Vector Instruction Formats").
inline unsigned f_vd(uint32_t i) {
  return (i >> 7) & 31;
}
inline unsigned f_rs1(uint32_t i) {
  return (i >> 15) & 31;
}
inline unsigned f_rs2(uint32_t i) {
  return (i >> 20) & 31;
}
inline bool f_vm(uint32_t i) {
  return ((i >> 25) & 1) != 0;
}  // 1: unmasked
inline unsigned f_funct6(uint32_t i) {
  return i >> 26;
}
inline unsigned f_funct3(uint32_t i) {
  return (i >> 12) & 7;
}

// The state one vector instruction works on.
class VectorUnit {
 public:
  VectorUnit(Riscv64State& s, uint32_t insn) : s_(s), insn_(insn), vlenb_(vlen_bytes()) {}

  Riscv64State& state() { return s_; }
  uint32_t insn() const { return insn_; }
  bool vill() const { return (s_.vtype & kVtypeVill) != 0; }
  Vtype vtype() const { return decode_vtype(s_.vtype); }
  uint64_t vl() const { return s_.vl; }
  uint64_t vstart() const { return s_.vstart; }
  bool unmasked() const { return f_vm(insn_); }

  uint8_t* bytes(unsigned reg) { return s_.v[0] + reg * vlenb_; }
  // Element i (of `bits` bits) of the register group starting at reg, zero-extended.
  uint64_t get(unsigned reg, uint64_t i, unsigned bits) {
    uint64_t v = 0;
    std::memcpy(&v, bytes(reg) + i * (bits / 8), bits / 8);
    return v;
  }
  void set(unsigned reg, uint64_t i, unsigned bits, uint64_t v) {
    std::memcpy(bytes(reg) + i * (bits / 8), &v, bits / 8);
  }
  bool mask_bit(unsigned reg, uint64_t i) { return (bytes(reg)[i / 8] >> (i % 8)) & 1; }
  void set_mask_bit(unsigned reg, uint64_t i, bool bit) {
    uint8_t& b = bytes(reg)[i / 8];
    b = static_cast<uint8_t>((b & ~(1u << (i % 8))) | (unsigned{bit} << (i % 8)));
  }
  // Element i takes part: unmasked, or its v0 bit is set.
  bool active(uint64_t i) { return unmasked() || mask_bit(0, i); }

  // Runs body(i) for every active element in [vstart, vl), then clears vstart.
  template <typename Body>
  void for_each_active(Body&& body) {
    for (uint64_t i = s_.vstart; i < s_.vl; ++i)
      if (active(i)) body(i);
    s_.vstart = 0;
  }

 private:
  Riscv64State& s_;
  uint32_t insn_;
  unsigned vlenb_;
};

// Register-group legality (the spec's section "Vector Operands"), emul as log2.
inline bool aligned(unsigned reg, int emul_log2) {
  return emul_log2 <= 0 || reg % (1u << emul_log2) == 0;
}
inline unsigned group_size(int emul_log2) {
  return emul_log2 <= 0 ? 1 : 1u << emul_log2;
}
inline bool overlaps(unsigned a, unsigned a_size, unsigned b, unsigned b_size) {
  return a < b + b_size && b < a + a_size;
}
// A destination group may overlap a source group of another EEW only where the spec allows:
// the source's highest part for a wider destination (source EMUL >= 1), the destination's
// lowest part for a narrower one.
bool overlap_allowed(unsigned dst, int dst_emul_log2, unsigned src, int src_emul_log2);
// A masked instruction's destination (other than a mask) must not be v0.
inline bool mask_overlap_ok(const VectorUnit& u, unsigned vd) {
  return u.unmasked() || vd != 0;
}

// A compare's mask destination may overlap a source group only where it is that group's
// first register (or the whole of a one-register group).
inline bool mask_destination_ok(unsigned vd, unsigned vs2, unsigned vs1, bool vs1_is_vector,
                                int lmul) {
  return overlap_allowed(vd, 0, vs2, lmul) && (!vs1_is_vector || overlap_allowed(vd, 0, vs1, lmul));
}

// A widening instruction's register rules: SEW <= 32 and LMUL <= 4 (2*SEW, 2*LMUL exist), the
// destination group at 2*LMUL may overlap a SEW source only in its highest part; vs2 may
// already be wide (the .w forms).
inline bool widening_ok(const VectorUnit& u, unsigned vd, unsigned vs2, unsigned vs1,
                        bool vs1_is_vector, bool vs2_wide) {
  const Vtype t = u.vtype();
  const int lmul = t.lmul_log2;
  return t.sew < 64 && lmul < 3 && aligned(vd, lmul + 1) &&
         aligned(vs2, vs2_wide ? lmul + 1 : lmul) && (!vs1_is_vector || aligned(vs1, lmul)) &&
         mask_overlap_ok(u, vd) && (!vs1_is_vector || overlap_allowed(vd, lmul + 1, vs1, lmul)) &&
         (vs2_wide || overlap_allowed(vd, lmul + 1, vs2, lmul));
}

// vslide1up / vslide1down and their FP forms: the scalar (already SEW bits) enters at element
// 0 or vl - 1. False for an illegal register use.
inline bool slide1(VectorUnit& u, bool up, uint64_t scalar) {
  const uint32_t insn = u.insn();
  const unsigned vd = f_vd(insn), vs2 = f_rs2(insn), sew = u.vtype().sew;
  const int lmul = u.vtype().lmul_log2;
  if (!aligned(vd, lmul) || !aligned(vs2, lmul) || !mask_overlap_ok(u, vd)) return false;
  if (up && overlaps(vd, group_size(lmul), vs2, group_size(lmul))) return false;
  const uint64_t vl = u.vl();
  u.for_each_active([&](uint64_t i) {
    const uint64_t v = up ? (i == 0 ? scalar : u.get(vs2, i - 1, sew))
                          : (i + 1 == vl ? scalar : u.get(vs2, i + 1, sew));
    u.set(vd, i, sew, v);
  });
  return true;
}

// The helpers, one per major group; each returns 0, or 1 when the instruction is illegal (the
// lifter then raises SIGILL before the state changed). Arguments: the instruction word.
uint64_t exec_vset(Riscv64State& s, uint32_t insn);  // returns the new vl (never illegal)
bool exec_load_store(VectorUnit& u, bool store);
bool exec_opi(VectorUnit& u);  // OPIVV, OPIVX, OPIVI
bool exec_opm(VectorUnit& u);  // OPMVV, OPMVX
bool exec_opf(VectorUnit& u);  // OPFVV, OPFVF

// Zvbb (vector_zvbb.cpp): rotations of a SEW-bit element, the unary bit operations of the
// VXUNARY0 space (vbrev8, vrev8, vbrev, vclz, vctz, vcpop.v: OPMVV funct6 010010, vs1 8..14)
// and vwsll.
uint64_t rotate_right(uint64_t a, uint64_t amount, unsigned sew);
bool exec_bit_unary(VectorUnit& u);
bool exec_widening_shift(VectorUnit& u, uint64_t scalar);  // scalar: rs1 or the immediate

}  // namespace xisa::riscv64::vector
