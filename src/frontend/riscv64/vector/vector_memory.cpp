// Vector loads and stores (chapter "Vector Loads and Stores"): unit-stride, strided, indexed
// (ordered and unordered run in element order), segments (nf), fault-only-first,
// whole-register and mask. Elements are accessed one at a time in element order and vstart
// names the element about to be accessed, so a fault leaves the state as hardware would:
// earlier elements done, vstart at the faulting one (the guest gets SIGSEGV at this pc).
#include "frontend/riscv64/vector/vector_unit.h"
#include "linux/guest_memory.h"

namespace xisa::riscv64::vector {

namespace {

enum Mop : unsigned { kUnit = 0, kIndexedUnordered = 1, kStrided = 2, kIndexedOrdered = 3 };
enum Lumop : unsigned { kPlain = 0, kWholeRegister = 8, kMask = 11, kFaultOnlyFirst = 16 };

// EEW of the width field: 000 8, 101 16, 110 32, 111 64; 0 for the scalar FP widths.
unsigned width_eew(unsigned width) {
  switch (width) {
    case 0:
      return 8;
    case 5:
      return 16;
    case 6:
      return 32;
    case 7:
      return 64;
    default:
      return 0;
  }
}

uint64_t load_bits(uint64_t addr, unsigned bits) {
  uint64_t v = 0;
  std::memcpy(&v, reinterpret_cast<const void*>(addr), bits / 8);
  return v;
}
void store_bits(uint64_t addr, unsigned bits, uint64_t v) {
  std::memcpy(reinterpret_cast<void*>(addr), &v, bits / 8);
}

// Whole registers (vl<nf>re<eew>.v, vs<nf>r.v): nf * VLEN / EEW elements, vtype and mask ignored.
bool whole_register(VectorUnit& u, unsigned eew, unsigned nf, bool store) {
  const uint32_t insn = u.insn();
  const unsigned vd = f_vd(insn);
  if (!u.unmasked() || (nf & (nf - 1)) != 0 || vd % nf != 0 || (store && eew != 8)) return false;
  Riscv64State& s = u.state();
  const uint64_t base = s.x[f_rs1(insn)];
  const uint64_t count = nf * vlen_bytes() * 8 / eew;
  for (uint64_t i = s.vstart; i < count; ++i) {
    s.vstart = i;
    const uint64_t addr = base + i * (eew / 8);
    if (store)
      store_bits(addr, eew, u.get(vd, i, eew));
    else
      u.set(vd, i, eew, load_bits(addr, eew));
  }
  s.vstart = 0;
  return true;
}

// vlm.v / vsm.v: ceil(vl / 8) bytes, unmasked.
bool mask_transfer(VectorUnit& u, unsigned eew, unsigned nf, bool store) {
  if (eew != 8 || nf != 1 || !u.unmasked() || u.vill()) return false;
  Riscv64State& s = u.state();
  const unsigned vd = f_vd(u.insn());
  const uint64_t base = s.x[f_rs1(u.insn())];
  const uint64_t count = (s.vl + 7) / 8;
  for (uint64_t i = s.vstart; i < count; ++i) {
    s.vstart = i;
    if (store)
      store_bits(base + i, 8, u.get(vd, i, 8));
    else
      u.set(vd, i, 8, load_bits(base + i, 8));
  }
  s.vstart = 0;
  return true;
}

}  // namespace

bool exec_load_store(VectorUnit& u, bool store) {
  const uint32_t insn = u.insn();
  const unsigned eew = width_eew(f_funct3(insn));
  const unsigned nf = (insn >> 29) + 1;
  const unsigned mop = (insn >> 26) & 3;
  const bool mew = ((insn >> 28) & 1) != 0;
  const unsigned lumop = f_rs2(insn);
  if (eew == 0 || mew) return false;
  if (mop == kUnit && lumop == kWholeRegister) return whole_register(u, eew, nf, store);
  if (mop == kUnit && lumop == kMask) return mask_transfer(u, eew, nf, store);
  if (mop == kUnit && lumop != kPlain && (store || lumop != kFaultOnlyFirst)) return false;
  if (u.vill()) return false;
  const bool indexed = mop == kIndexedUnordered || mop == kIndexedOrdered;
  const bool fault_only_first = mop == kUnit && lumop == kFaultOnlyFirst;
  const Vtype t = u.vtype();
  // Data EEW and EMUL: the width for unit-stride and strided, SEW for indexed (whose width is
  // the index EEW, with its own EMUL).
  const unsigned data_eew = indexed ? t.sew : eew;
  const int data_emul = t.lmul_log2 + __builtin_ctz(data_eew) - __builtin_ctz(t.sew);
  const int index_emul = t.lmul_log2 + __builtin_ctz(eew) - __builtin_ctz(t.sew);
  if (data_emul < -3 || data_emul > 3 || (indexed && (index_emul < -3 || index_emul > 3)))
    return false;
  const unsigned vd = f_vd(insn), vs2 = f_rs2(insn);
  const unsigned group = group_size(data_emul);
  if (nf * group > 8 || vd + nf * group > 32 || !aligned(vd, data_emul)) return false;
  if (!store && !mask_overlap_ok(u, vd)) return false;
  if (indexed) {
    if (!aligned(vs2, index_emul)) return false;
    // A load's destination groups must not overlap the index group (but for the spec's
    // widening/narrowing exceptions, which apply when nf = 1).
    if (!store)
      for (unsigned f = 0; f < nf; ++f) {
        const unsigned d = vd + f * group;
        const bool ok =
            nf == 1 ? overlap_allowed(d, data_emul, vs2, index_emul) || data_emul == index_emul
                    : !overlaps(d, group, vs2, group_size(index_emul));
        if (!ok) return false;
      }
  }
  Riscv64State& s = u.state();
  const uint64_t base = s.x[f_rs1(insn)];
  const uint64_t stride = mop == kStrided ? s.x[vs2] : nf * data_eew / 8;
  const unsigned bytes = data_eew / 8;
  for (uint64_t i = s.vstart; i < s.vl; ++i) {
    if (!u.active(i)) continue;
    const uint64_t element_base = indexed ? base + u.get(vs2, i, eew) : base + i * stride;
    for (unsigned f = 0; f < nf; ++f) {
      const uint64_t addr = element_base + f * bytes;
      const unsigned reg = vd + f * group;
      if (store) {
        s.vstart = i;
        store_bits(addr, data_eew, u.get(reg, i, data_eew));
        continue;
      }
      if (fault_only_first && i > 0) {
        // A fault past element 0 trims vl to the elements before it instead of trapping.
        uint64_t v = 0;
        if (!os::copy_from_guest(&v, addr, bytes)) {
          s.vl = i;
          s.vstart = 0;
          return true;
        }
      }
      s.vstart = i;
      u.set(reg, i, data_eew, load_bits(addr, data_eew));
    }
  }
  s.vstart = 0;
  return true;
}

}  // namespace xisa::riscv64::vector
