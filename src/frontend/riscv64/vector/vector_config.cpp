// vsetvli, vsetivli and vsetvl (configuration-setting instructions), and the register-group
// overlap rule the instruction groups share.
#include "frontend/riscv64/vector/vector_unit.h"

namespace xisa::riscv64::vector {

namespace {
constexpr uint64_t kVtypeKnownBits = 0xff;  // vlmul, vsew, vta, vma; bits 8..62 are reserved
}

bool vtype_legal(uint64_t raw) {
  if (raw & ~kVtypeKnownBits) return false;  // vill, or a reserved bit
  const unsigned vsew = (raw >> 3) & 7, vlmul = raw & 7;
  if (vsew > 3 || vlmul == 4) return false;
  // Fractional LMUL must leave room for one element of SEW at ELEN: SEW <= LMUL * ELEN.
  const Vtype t = decode_vtype(raw);
  return t.lmul_log2 >= 0 || (kElen >> -t.lmul_log2) >= t.sew;
}

// AVL: rs1 when it is not x0 (vsetvli, vsetvl) or the 5-bit immediate (vsetivli); with rs1 = x0
// it is VLMAX when rd is not x0, and the current vl when both are x0 (keep vl, change vtype).
// vl = min(AVL, VLMAX), the choice qemu makes among those the spec allows.
uint64_t exec_vset(Riscv64State& s, uint32_t insn) {  // the lifter writes vl to rd
  const unsigned rd = f_vd(insn), rs1 = f_rs1(insn);
  uint64_t raw;
  uint64_t avl;
  if ((insn >> 30) == 3) {  // vsetivli
    raw = (insn >> 20) & 0x3ff;
    avl = rs1;
  } else {
    raw = (insn >> 31) == 0 ? (insn >> 20) & 0x7ff : s.x[f_rs2(insn)];
    avl = rs1 != 0 ? s.x[rs1] : rd != 0 ? ~uint64_t{0} : s.vl;
  }
  s.vstart = 0;
  if (!vtype_legal(raw)) {
    s.vtype = kVtypeVill;
    s.vl = 0;
  } else {
    const Vtype t = decode_vtype(raw);
    const uint64_t max = vlmax(t.sew, t.lmul_log2);
    s.vtype = raw;
    s.vl = avl < max ? avl : max;
  }
  return s.vl;
}

bool overlap_allowed(unsigned dst, int dst_emul_log2, unsigned src, int src_emul_log2) {
  const unsigned dn = group_size(dst_emul_log2), sn = group_size(src_emul_log2);
  if (!overlaps(dst, dn, src, sn)) return true;
  if (dst_emul_log2 > src_emul_log2)  // wider destination: only the source's highest part
    return src_emul_log2 >= 0 && dst < src && !overlaps(dst, dn, src + sn, sn) &&
           src + sn == dst + dn;
  if (dst_emul_log2 < src_emul_log2) return dst == src;  // narrower: the lowest part
  return false;
}

}  // namespace xisa::riscv64::vector
