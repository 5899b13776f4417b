// Compile-time instruction patterns: "0000000 ????? ????? 000 ????? 0110011" gives the mask and
// match of one encoding. '0'/'1' are fixed bits, any letter or '?' is an operand bit, spaces
// and underscores separate fields for the reader. The most significant bit comes first.
#pragma once

#include <cstdint>
#include <string_view>

namespace xisa::frontend {

struct BitPattern {
  uint32_t mask = 0;
  uint32_t match = 0;
  unsigned bits = 0;
};

consteval BitPattern parse_pattern(std::string_view text) {
  BitPattern p;
  for (char c : text) {
    if (c == ' ' || c == '_') continue;
    p.mask <<= 1;
    p.match <<= 1;
    if (c == '0' || c == '1') {
      p.mask |= 1;
      p.match |= (c == '1') ? 1u : 0u;
    }
    ++p.bits;
  }
  if (p.bits != 32 && p.bits != 16) throw "an instruction pattern must have 16 or 32 bits";
  return p;
}

// Extracts bits [lo, lo+len) of v.
constexpr uint32_t bits(uint32_t v, unsigned lo, unsigned len) {
  return (v >> lo) & ((len >= 32) ? ~0u : ((1u << len) - 1));
}
constexpr int64_t sign_extend(uint64_t v, unsigned width) {
  const unsigned s = 64 - width;
  return static_cast<int64_t>(v << s) >> s;
}

// A decoding table: entries tried in order, the first whose mask/match fits wins.
template <typename Handler>
struct DecoderEntry {
  std::string_view name;
  BitPattern pattern;
  Handler handler;
};

template <typename Handler, size_t N>
const DecoderEntry<Handler>* decode(const DecoderEntry<Handler> (&table)[N], uint32_t insn) {
  for (const auto& e : table)
    if ((insn & e.pattern.mask) == e.pattern.match) return &e;
  return nullptr;
}

}  // namespace xisa::frontend
