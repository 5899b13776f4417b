// SSSE3 and SSE4.1 integer instructions the IR's lane ops do not express (the horizontal ops,
// signs, byte multiply-adds, PMULHRSW, PHMINPOSUW, MPSADBW) run in one helper on the guest state:
// x86_sse_int(state, op | dst << 8, src_lo, src_hi). Their MMX forms run the same operations in
// x86_mmx_int(state, op, dst, src), which returns the 64-bit result.
#include <algorithm>
#include <cstring>
#include <limits>
#include <type_traits>

#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

namespace {

enum class IntOp : uint8_t {
  // SSSE3
  Phaddw,
  Phaddd,
  Phaddsw,
  Phsubw,
  Phsubd,
  Phsubsw,
  Pmaddubsw,
  Pmulhrsw,
  Psignb,
  Psignw,
  Psignd,
  // SSE4.1
  Phminposuw,
  Mpsadbw,
};

struct Lanes {
  uint8_t b[16];
  template <typename T>
  T get(unsigned i) const {
    T v;
    std::memcpy(&v, b + i * sizeof(T), sizeof v);
    return v;
  }
  template <typename T>
  void set(unsigned i, T v) {
    std::memcpy(b + i * sizeof(T), &v, sizeof v);
  }
};

template <typename T, typename From>
T saturate(From v) {
  return static_cast<T>(
      std::clamp<From>(v, std::numeric_limits<T>::min(), std::numeric_limits<T>::max()));
}

// PHADD*/PHSUB*: pairwise results of dst, then of src; Sat saturates to int16.
template <typename T, bool Sub, bool Sat>
void horizontal(Lanes& d, const Lanes& s) {
  constexpr unsigned n = 16 / sizeof(T);
  Lanes r;
  for (unsigned i = 0; i < n / 2; ++i) {
    for (unsigned half = 0; half < 2; ++half) {
      const Lanes& src = half ? s : d;
      const int64_t a = src.get<T>(2 * i), b = src.get<T>(2 * i + 1);
      const int64_t v = Sub ? a - b : a + b;
      r.set<T>(i + half * n / 2, Sat ? saturate<T>(v) : static_cast<T>(v));
    }
  }
  d = r;
}

template <typename T>
void sign(Lanes& d, const Lanes& s) {
  for (unsigned i = 0; i < 16 / sizeof(T); ++i) {
    const T v = s.get<T>(i);
    if (v < 0)
      d.set<T>(i, static_cast<T>(-static_cast<std::make_unsigned_t<T>>(d.get<T>(i))));
    else if (v == 0)
      d.set<T>(i, 0);
  }
}

// The operation on 128-bit lanes: d = d op s.
void apply(IntOp op, unsigned imm, Lanes& d, const Lanes& s) {
  switch (op) {
    case IntOp::Phaddw:
      horizontal<int16_t, false, false>(d, s);
      break;
    case IntOp::Phaddd:
      horizontal<int32_t, false, false>(d, s);
      break;
    case IntOp::Phaddsw:
      horizontal<int16_t, false, true>(d, s);
      break;
    case IntOp::Phsubw:
      horizontal<int16_t, true, false>(d, s);
      break;
    case IntOp::Phsubd:
      horizontal<int32_t, true, false>(d, s);
      break;
    case IntOp::Phsubsw:
      horizontal<int16_t, true, true>(d, s);
      break;
    case IntOp::Pmaddubsw:
      for (unsigned i = 0; i < 8; ++i) {
        const int32_t v = int32_t{d.b[2 * i]} * s.get<int8_t>(2 * i) +
                          int32_t{d.b[2 * i + 1]} * s.get<int8_t>(2 * i + 1);
        d.set<int16_t>(i, saturate<int16_t>(v));
      }
      break;
    case IntOp::Pmulhrsw:
      for (unsigned i = 0; i < 8; ++i) {
        const int32_t p = int32_t{d.get<int16_t>(i)} * s.get<int16_t>(i);
        d.set<int16_t>(i, static_cast<int16_t>(((p >> 14) + 1) >> 1));
      }
      break;
    case IntOp::Psignb:
      sign<int8_t>(d, s);
      break;
    case IntOp::Psignw:
      sign<int16_t>(d, s);
      break;
    case IntOp::Psignd:
      sign<int32_t>(d, s);
      break;
    case IntOp::Phminposuw: {
      unsigned best = 0;
      for (unsigned i = 1; i < 8; ++i)
        if (s.get<uint16_t>(i) < s.get<uint16_t>(best)) best = i;
      const uint16_t value = s.get<uint16_t>(best);
      std::memset(d.b, 0, 16);
      d.set<uint16_t>(0, value);
      d.set<uint16_t>(1, static_cast<uint16_t>(best));
      break;
    }
    case IntOp::Mpsadbw: {
      // Eight sums of absolute differences of 4-byte groups: dst bytes from offset
      // imm[2] * 4 + i against the source group imm[1:0].
      Lanes r;
      const unsigned doff = ((imm >> 2) & 1) * 4, soff = (imm & 3) * 4;
      for (unsigned i = 0; i < 8; ++i) {
        unsigned sum = 0;
        for (unsigned k = 0; k < 4; ++k) {
          const int a = d.b[doff + i + k], b = s.b[soff + k];
          sum += static_cast<unsigned>(a > b ? a - b : b - a);
        }
        r.set<uint16_t>(i, static_cast<uint16_t>(sum));
      }
      d = r;
      break;
    }
  }
}

uint64_t helper_sse_int(void* state, uint64_t desc, uint64_t lo, uint64_t hi) {
  auto& st = *static_cast<X86_64State*>(state);
  const auto op = static_cast<IntOp>(desc & 0xff);
  const unsigned dst = (desc >> 8) & 0x3f;
  const unsigned imm = (desc >> 16) & 0xff;
  Lanes d, s;
  std::memcpy(d.b, st.vec[dst], 16);
  s.set<uint64_t>(0, lo);
  s.set<uint64_t>(1, hi);
  apply(op, imm, d, s);
  std::memcpy(st.vec[dst], d.b, 16);
  return 0;
}
const ir::HelperInfo kSseIntHelper{"x86_sse_int", helper_sse_int};

// PHADD*/PHSUB* fill the low half of the result from dst and the high half from src.
bool halves_from_both(IntOp op) {
  switch (op) {
    case IntOp::Phaddw:
    case IntOp::Phaddd:
    case IntOp::Phaddsw:
    case IntOp::Phsubw:
    case IntOp::Phsubd:
    case IntOp::Phsubsw:
      return true;
    default:
      return false;
  }
}

// The MMX forms: 64-bit operands in lane 0, zeros above; the result is lane 0. For the
// operations that take half the result from each operand, the 128-bit operation on the one
// register dst:src gives the 64-bit answer in its low half.
uint64_t helper_mmx_int(void*, uint64_t op_code, uint64_t dst, uint64_t src) {
  const auto op = static_cast<IntOp>(op_code);
  Lanes d{}, s{};
  d.set<uint64_t>(0, dst);
  s.set<uint64_t>(0, src);
  if (halves_from_both(op)) {
    d.set<uint64_t>(1, src);
    s = d;
  }
  apply(op, 0, d, s);
  return d.get<uint64_t>(0);
}
// Pure: the operands come as arguments and the result is returned.
const ir::HelperInfo kMmxIntHelper{"x86_mmx_int", helper_mmx_int, true};

struct Entry {
  ZydisMnemonic mnemonic;
  IntOp op;
};
constexpr Entry kEntries[] = {
    {ZYDIS_MNEMONIC_PHADDW, IntOp::Phaddw},       {ZYDIS_MNEMONIC_PHADDD, IntOp::Phaddd},
    {ZYDIS_MNEMONIC_PHADDSW, IntOp::Phaddsw},     {ZYDIS_MNEMONIC_PHSUBW, IntOp::Phsubw},
    {ZYDIS_MNEMONIC_PHSUBD, IntOp::Phsubd},       {ZYDIS_MNEMONIC_PHSUBSW, IntOp::Phsubsw},
    {ZYDIS_MNEMONIC_PMADDUBSW, IntOp::Pmaddubsw}, {ZYDIS_MNEMONIC_PMULHRSW, IntOp::Pmulhrsw},
    {ZYDIS_MNEMONIC_PSIGNB, IntOp::Psignb},       {ZYDIS_MNEMONIC_PSIGNW, IntOp::Psignw},
    {ZYDIS_MNEMONIC_PSIGND, IntOp::Psignd},       {ZYDIS_MNEMONIC_PHMINPOSUW, IntOp::Phminposuw},
    {ZYDIS_MNEMONIC_MPSADBW, IntOp::Mpsadbw},
};

}  // namespace

// The lane ops above.
bool lift_sse_int_helper(Lifter& l) {
  const Entry* e = nullptr;
  for (const Entry& x : kEntries)
    if (x.mnemonic == l.in->d.mnemonic) e = &x;
  if (!e || !l.is_vec_reg(0) || l.is_imm(1)) return false;
  ir::Builder& b = l.b;
  if (l.mmx_form()) {
    const Value src = l.read_as(1, Type::I64);  // an MMX register or m64
    l.set_mmx(0, b.call(kMmxIntHelper, {b.imm64(static_cast<uint64_t>(e->op)), l.mmx(0), src}));
    return true;
  }
  call_xmm_helper(l, kSseIntHelper, static_cast<uint64_t>(e->op));
  return true;
}

void call_xmm_helper(Lifter& l, const ir::HelperInfo& helper, uint64_t op) {
  ir::Builder& b = l.b;
  const Value src = l.read_as(1, Type::V128);
  const Value lo = b.vextract_lane(Type::I64, 64, src, 0);
  const Value hi = b.vextract_lane(Type::I64, 64, src, 1);
  const uint64_t imm = l.in->d.operand_count_visible > 2 && l.is_imm(2) ? l.imm8(2) : 0;
  const uint64_t desc = op | (l.xmm_index(0) << 8) | (imm << 16);
  b.call(helper, {b.imm64(desc), lo, hi});
}

// PEXTRW/PINSRW: the word index is imm8 mod 8, or mod 4 in the MMX form.
namespace {
unsigned word_index(const Lifter& l) {
  return static_cast<unsigned>(l.op(2).imm.value.u & (l.vec_bits() == 64 ? 3 : 7));
}
}  // namespace

bool lift_pextrw(Lifter& l) {
  if (!l.is_vec_reg(1)) return false;
  const Value w = l.b.vextract_lane(Type::I16, 16, l.vec(1), word_index(l));
  l.write(0, l.b.zext(l.type(0), w));
  return true;
}

bool lift_pinsrw(Lifter& l) {
  if (!l.is_vec_reg(0)) return false;
  const Value w = l.read_as(1, Type::I16);
  l.set_vec(0, l.b.vinsert_lane(16, l.vec(0), w, word_index(l)));
  return true;
}

}  // namespace xisa::x86_64
