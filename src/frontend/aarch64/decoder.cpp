// The A64 decoding table, built at compile time from a64_table.inc.
#include "frontend/aarch64/lifter.h"
#include "frontend/common/bit_pattern.h"

namespace xisa::aarch64 {

namespace {
constexpr frontend::DecoderEntry<LiftFn> kTable[] = {
#define INST(name, pattern) {#name, frontend::parse_pattern(pattern), &lift_##name},
#include "frontend/aarch64/a64_table.inc"
#undef INST
};
}  // namespace

LiftFn decode_a64(uint32_t insn, const char** name) {
  const auto* e = frontend::decode(kTable, insn);
  if (name) *name = e ? e->name.data() : nullptr;
  return e ? e->handler : nullptr;
}

}  // namespace xisa::aarch64
