// The RV64 decoding table, built at compile time from rv64_table.inc (RV64GC) and
// rv64_ext_table.inc (the extensions beyond it).
#include "frontend/common/bit_pattern.h"
#include "frontend/riscv64/lifter.h"

namespace xisa::riscv64 {

namespace {
constexpr frontend::DecoderEntry<LiftFn> kTable[] = {
#define INST(name, pattern) {#name, frontend::parse_pattern(pattern), &lift_##name},
#include "frontend/riscv64/rv64_ext_table.inc"
#include "frontend/riscv64/rv64_table.inc"
#undef INST
};
}  // namespace

LiftFn decode_rv64(uint32_t insn, const char** name) {
  const auto* e = frontend::decode(kTable, insn);
  if (name) *name = e ? e->name.data() : nullptr;
  return e ? e->handler : nullptr;
}

}  // namespace xisa::riscv64
