// CRC-32 steps of the guests' CRC instructions (x86 CRC32, AArch64 CRC32 and CRC32C): the
// bit-reflected CRC of the low bytes of a value, without the initial or final inversion, with
// one of the two polynomials they use. A pure helper, table-driven a byte at a time.
#pragma once

#include <cstdint>

#include "ir/builder.h"
#include "ir/helpers.h"

namespace xisa::frontend {

// The reflected polynomials.
enum class CrcPolynomial : uint32_t {
  Iso = 0xEDB88320,         // CRC-32 (ISO-HDLC, zlib): AArch64 CRC32*
  Castagnoli = 0x82F63B78,  // CRC-32C: x86 CRC32, AArch64 CRC32C*
};

// crc32(crc, value, bytes | castagnoli << 8): crc (low 32 bits) updated with the low `bytes`
// bytes of value, least significant first. Pure.
extern const ir::HelperInfo kCrc32;

// The updated CRC as an i64 (its upper 32 bits zero); crc and value are i64.
inline ir::Value crc32(ir::Builder& b, CrcPolynomial poly, ir::Value crc, ir::Value value,
                       unsigned bytes) {
  const uint64_t castagnoli = poly == CrcPolynomial::Castagnoli ? 1 : 0;
  return b.call(kCrc32, {crc, value, b.imm64(bytes | castagnoli << 8)});
}

}  // namespace xisa::frontend
