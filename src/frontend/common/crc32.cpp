#include "frontend/common/crc32.h"

#include <array>

namespace xisa::frontend {

namespace {

constexpr std::array<uint32_t, 256> make_table(CrcPolynomial poly) {
  std::array<uint32_t, 256> t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (static_cast<uint32_t>(poly) & (0u - (c & 1)));
    t[i] = c;
  }
  return t;
}
constexpr std::array<uint32_t, 256> kIso = make_table(CrcPolynomial::Iso);
constexpr std::array<uint32_t, 256> kCastagnoli = make_table(CrcPolynomial::Castagnoli);
static_assert(kIso[1] == 0x77073096 && kCastagnoli[1] == 0xF26B8303);

uint64_t helper_crc32(void*, uint64_t crc, uint64_t value, uint64_t desc) {
  const auto& table = (desc >> 8) & 1 ? kCastagnoli : kIso;
  uint32_t c = static_cast<uint32_t>(crc);
  for (unsigned i = 0; i < (desc & 0xff); ++i)
    c = (c >> 8) ^ table[(c ^ (value >> (8 * i))) & 0xff];
  return c;
}

}  // namespace

const ir::HelperInfo kCrc32{"crc32", helper_crc32, true};

}  // namespace xisa::frontend
