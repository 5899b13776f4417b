// String instructions (SDM vol. 1, 7.3.9): MOVS, STOS, LODS, SCAS, CMPS with REP/REPE/REPNE.
// One helper runs the whole (repeated) instruction on the state, updating rSI/rDI/rCX after
// every element, or for forward REP MOVS/STOS after every run that stays inside one page of
// each operand, so a fault in the middle leaves the registers as the hardware would. With the
// 0x67 prefix the addresses are ESI/EDI, the count ECX, and their updates zero-extend.
#include <algorithm>
#include <cstring>

#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

namespace {

enum class StrOp : uint64_t { Movs, Stos, Lods, Scas, Cmps };
enum class Rep : uint64_t { None, Rep, RepE, RepNE };

constexpr uint64_t kPage = 4096;

// rSI, rDI and rCX at the instruction's address size: 64 bits, or 32 (0x67), where reads see
// the low half and writes zero-extend.
struct StringRegs {
  uint64_t* g;
  uint64_t mask;
  uint64_t get(unsigned r) const { return g[r] & mask; }
  void set(unsigned r, uint64_t v) const { g[r] = v & mask; }
  void add(unsigned r, int64_t d) const { set(r, get(r) + static_cast<uint64_t>(d)); }
};

// Forward REP MOVS/STOS in runs: each run stays inside one page of the source and one of the
// destination, so a fault can only hit its first element, with nothing of the run done yet.
// Stops early (leaving the rest to the element loop) where a MOVS destination overlaps its
// source ahead of it: element order then shows in the result.
void bulk_rep(const StringRegs& r, StrOp op, unsigned size) {
  while (r.get(kRcx) != 0) {
    const uint64_t di = r.get(kRdi), si = r.get(kRsi);
    uint64_t room = kPage - (di & (kPage - 1));
    if (op == StrOp::Movs) room = std::min(room, kPage - (si & (kPage - 1)));
    // An element straddling two pages goes alone (a fault there leaves it undone too).
    const uint64_t n = std::max<uint64_t>(std::min<uint64_t>(r.get(kRcx), room / size), 1);
    const uint64_t bytes = n * size;
    auto* dst = reinterpret_cast<uint8_t*>(di);
    if (op == StrOp::Movs) {
      if (di > si && di - si < bytes) return;
      std::memmove(dst, reinterpret_cast<const void*>(si), bytes);
      r.add(kRsi, static_cast<int64_t>(bytes));
    } else if (size == 1) {
      std::memset(dst, static_cast<int>(r.g[kRax] & 0xff), bytes);
    } else {
      for (uint64_t i = 0; i < n; ++i) std::memcpy(dst + i * size, &r.g[kRax], size);
    }
    r.add(kRdi, static_cast<int64_t>(bytes));
    r.set(kRcx, r.get(kRcx) - n);
  }
}

// mode: op | size << 4 | rep << 12 | addr32 << 14
uint64_t helper_string(void* state, uint64_t mode, uint64_t, uint64_t) {
  auto& s = *static_cast<X86_64State*>(state);
  auto& g = s.gpr;
  const auto op = static_cast<StrOp>(mode & 15);
  const unsigned size = (mode >> 4) & 0xff;
  const auto rep = static_cast<Rep>((mode >> 12) & 3);
  const StringRegs r{g, (mode >> 14) & 1 ? 0xffffffffu : ~uint64_t{0}};
  const uint64_t mask = size == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * size)) - 1;
  const int64_t step = s.df ? -int64_t{size} : int64_t{size};
  auto load = [&](uint64_t addr) {
    uint64_t v = 0;
    std::memcpy(&v, reinterpret_cast<const void*>(addr), size);
    return v;
  };
  auto store = [&](uint64_t addr, uint64_t v) {
    std::memcpy(reinterpret_cast<void*>(addr), &v, size);
  };
  if (rep == Rep::Rep && !s.df && (op == StrOp::Movs || op == StrOp::Stos)) bulk_rep(r, op, size);
  bool compared = false;
  uint64_t a = 0, b = 0;
  for (;;) {
    if (rep != Rep::None && r.get(kRcx) == 0) break;
    switch (op) {
      case StrOp::Movs:
        store(r.get(kRdi), load(r.get(kRsi)));
        r.add(kRsi, step);
        r.add(kRdi, step);
        break;
      case StrOp::Stos:
        store(r.get(kRdi), g[kRax] & mask);
        r.add(kRdi, step);
        break;
      case StrOp::Lods: {
        const uint64_t v = load(r.get(kRsi));
        if (size >= 4)
          g[kRax] = v;  // a 32-bit load zero-extends
        else
          g[kRax] = (g[kRax] & ~mask) | v;
        r.add(kRsi, step);
        break;
      }
      case StrOp::Scas:
        a = g[kRax] & mask;
        b = load(r.get(kRdi));
        r.add(kRdi, step);
        compared = true;
        break;
      case StrOp::Cmps:
        a = load(r.get(kRsi));
        b = load(r.get(kRdi));
        r.add(kRsi, step);
        r.add(kRdi, step);
        compared = true;
        break;
    }
    if (rep == Rep::None) break;
    r.set(kRcx, r.get(kRcx) - 1);
    if (rep == Rep::RepE && a != b) break;
    if (rep == Rep::RepNE && a == b) break;
  }
  if (compared) {
    s.cc_op = cc_op_code(CcKind::Sub, 8 * size);
    s.cc_src1 = a;
    s.cc_src2 = b;
    s.cc_res = (a - b) & mask;
  }
  return 0;
}
const ir::HelperInfo kStringHelper{"x86_string", helper_string};

StrOp string_op(ZydisMnemonic m) {
  switch (m) {
    case ZYDIS_MNEMONIC_MOVSB:
    case ZYDIS_MNEMONIC_MOVSW:
    case ZYDIS_MNEMONIC_MOVSD:
    case ZYDIS_MNEMONIC_MOVSQ:
      return StrOp::Movs;
    case ZYDIS_MNEMONIC_STOSB:
    case ZYDIS_MNEMONIC_STOSW:
    case ZYDIS_MNEMONIC_STOSD:
    case ZYDIS_MNEMONIC_STOSQ:
      return StrOp::Stos;
    case ZYDIS_MNEMONIC_LODSB:
    case ZYDIS_MNEMONIC_LODSW:
    case ZYDIS_MNEMONIC_LODSD:
    case ZYDIS_MNEMONIC_LODSQ:
      return StrOp::Lods;
    case ZYDIS_MNEMONIC_SCASB:
    case ZYDIS_MNEMONIC_SCASW:
    case ZYDIS_MNEMONIC_SCASD:
    case ZYDIS_MNEMONIC_SCASQ:
      return StrOp::Scas;
    default:
      return StrOp::Cmps;
  }
}

}  // namespace

bool lift_string(Lifter& l) {
  const uint64_t addr32 = l.in->d.address_width == 32 ? 1 : 0;
  const StrOp op = string_op(l.in->d.mnemonic);
  const bool compares = op == StrOp::Scas || op == StrOp::Cmps;
  Rep rep = Rep::None;
  if (l.in->has(ZYDIS_ATTRIB_HAS_REP)) rep = Rep::Rep;
  if (l.in->has(ZYDIS_ATTRIB_HAS_REPE)) rep = compares ? Rep::RepE : Rep::Rep;
  if (l.in->has(ZYDIS_ATTRIB_HAS_REPNE)) rep = compares ? Rep::RepNE : Rep::Rep;
  const uint64_t size = l.in->d.operand_width / 8;
  const uint64_t mode =
      static_cast<uint64_t>(op) | (size << 4) | (static_cast<uint64_t>(rep) << 12) | (addr32 << 14);
  l.b.call(kStringHelper, {l.b.imm64(mode)});
  if (compares) l.forget_cc();
  return true;
}

}  // namespace xisa::x86_64
