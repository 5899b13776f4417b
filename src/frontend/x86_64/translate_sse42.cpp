// SSE4.2 (SDM vol. 1, 12.12; vol. 2 "PCMPESTRI" ...): the packed string compares and CRC32C
// run in helpers; PCMPGTQ is a lane op (translate_sse_int.cpp) and POPCNT an integer one.
#include <cstring>

#include "frontend/common/crc32.h"
#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

namespace {

// desc: imm8 | dst xmm << 8 | explicit lengths << 12 | 64-bit lengths << 13 | mask form << 14.
struct StrDesc {
  unsigned imm, dst;
  bool explicit_len, wide_len, mask_out;
};

int64_t element(const uint8_t* v, unsigned i, unsigned imm) {
  switch (imm & 3) {
    case 0:
      return v[i];
    case 1: {
      uint16_t w;
      std::memcpy(&w, v + 2 * i, 2);
      return w;
    }
    case 2:
      return static_cast<int8_t>(v[i]);
    default: {
      int16_t w;
      std::memcpy(&w, v + 2 * i, 2);
      return w;
    }
  }
}

unsigned implicit_length(const uint8_t* v, unsigned n, unsigned imm) {
  for (unsigned i = 0; i < n; ++i)
    if (element(v, i, imm) == 0) return i;
  return n;
}

unsigned explicit_length(uint64_t reg, bool wide, unsigned n) {
  const int64_t v = wide ? static_cast<int64_t>(reg) : static_cast<int32_t>(reg);
  const uint64_t mag = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  return mag > n ? n : static_cast<unsigned>(mag);
}

uint64_t helper_pcmpstr(void* state, uint64_t packed, uint64_t lo, uint64_t hi) {
  auto& s = *static_cast<X86_64State*>(state);
  const StrDesc d{static_cast<unsigned>(packed & 0xff), static_cast<unsigned>((packed >> 8) & 15),
                  ((packed >> 12) & 1) != 0, ((packed >> 13) & 1) != 0, ((packed >> 14) & 1) != 0};
  const unsigned imm = d.imm, n = (imm & 1) ? 8 : 16;
  uint8_t a[16], b[16];
  std::memcpy(a, s.vec[d.dst], 16);
  std::memcpy(b, &lo, 8);
  std::memcpy(b + 8, &hi, 8);
  const unsigned la =
      d.explicit_len ? explicit_length(s.gpr[kRax], d.wide_len, n) : implicit_length(a, n, imm);
  const unsigned lb =
      d.explicit_len ? explicit_length(s.gpr[kRdx], d.wide_len, n) : implicit_length(b, n, imm);
  uint32_t res1 = 0;
  for (unsigned j = 0; j < n; ++j) {
    const bool vb = j < lb;
    bool r = false;
    switch ((imm >> 2) & 3) {
      case 0:  // equal any
        for (unsigned i = 0; i < la && vb && !r; ++i) r = element(a, i, imm) == element(b, j, imm);
        break;
      case 1:  // ranges: pairs (a[i], a[i+1]) bound b[j]
        for (unsigned i = 0; i + 1 < n && vb && !r; i += 2) {
          if (i + 1 >= la) break;
          const int64_t x = element(b, j, imm);
          r = element(a, i, imm) <= x && x <= element(a, i + 1, imm);
        }
        break;
      case 2: {  // equal each
        const bool va = j < la;
        r = (va && vb) ? element(a, j, imm) == element(b, j, imm) : (!va && !vb);
        break;
      }
      default:  // equal ordered: a occurs in b at j
        r = true;
        for (unsigned k = 0; k < n - j && r; ++k) {
          if (k >= la) break;
          if (j + k >= lb)
            r = false;
          else
            r = element(a, k, imm) == element(b, j + k, imm);
        }
        break;
    }
    if (r) res1 |= 1u << j;
  }
  const uint32_t all = (1u << n) - 1;
  uint32_t res2 = res1;
  switch ((imm >> 4) & 3) {
    case 1:
      res2 = ~res1 & all;
      break;
    case 3:
      res2 = res1 ^ ((1u << lb) - 1);
      break;
    default:
      break;
  }
  if (d.mask_out) {
    uint64_t out[2] = {0, 0};
    if (imm & 0x40) {
      const unsigned size = 16 / n;
      for (unsigned j = 0; j < n; ++j)
        if ((res2 >> j) & 1) std::memset(reinterpret_cast<uint8_t*>(out) + j * size, 0xff, size);
    } else {
      out[0] = res2;
    }
    std::memcpy(s.vec[0], out, 16);
  } else {
    unsigned index = n;
    if (res2)
      index = (imm & 0x40) ? 31u - static_cast<unsigned>(__builtin_clz(res2))
                           : static_cast<unsigned>(__builtin_ctz(res2));
    s.gpr[kRcx] = index;
  }
  const uint64_t flags = (res2 ? 1u << kCF : 0) | (lb < n ? 1u << kZF : 0) |
                         (la < n ? 1u << kSF : 0) | ((res2 & 1) ? 1u << kOF : 0);
  s.cc_op = cc_op_code(CcKind::Eflags, 64);
  s.cc_res = flags;
  return 0;
}
const ir::HelperInfo kPcmpstr{"x86_pcmpstr", helper_pcmpstr};

bool pcmpstr(Lifter& l, bool explicit_len, bool mask_out) {
  ir::Builder& b = l.b;
  if (!l.is_xmm(0)) return false;
  const Value src = l.read_as(1, Type::V128);
  const Value lo = b.vextract_lane(Type::I64, 64, src, 0);
  const Value hi = b.vextract_lane(Type::I64, 64, src, 1);
  const uint64_t wide = (l.in->d.attributes & ZYDIS_ATTRIB_HAS_REX) && l.in->d.raw.rex.W ? 1 : 0;
  const uint64_t desc = (l.op(2).imm.value.u & 0xff) | (uint64_t{l.xmm_index(0)} << 8) |
                        (uint64_t{explicit_len} << 12) | (wide << 13) | (uint64_t{mask_out} << 14);
  b.call(kPcmpstr, {b.imm64(desc), lo, hi});
  l.forget_cc();
  return true;
}

}  // namespace

bool lift_pcmpestri(Lifter& l) {
  return pcmpstr(l, true, false);
}
bool lift_pcmpestrm(Lifter& l) {
  return pcmpstr(l, true, true);
}
bool lift_pcmpistri(Lifter& l) {
  return pcmpstr(l, false, false);
}
bool lift_pcmpistrm(Lifter& l) {
  return pcmpstr(l, false, true);
}

bool lift_crc32(Lifter& l) {
  ir::Builder& b = l.b;
  const Value crc = b.zext(Type::I64, l.read_as(0, Type::I32));
  const Value value = b.zext(Type::I64, l.read(1));
  const Value r =
      frontend::crc32(b, frontend::CrcPolynomial::Castagnoli, crc, value, l.bits(1) / 8);
  l.write(0, b.trunc(l.type(0), r));  // a 64-bit destination gets the CRC zero-extended
  return true;
}

}  // namespace xisa::x86_64
