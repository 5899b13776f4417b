// Cache-block operations, Zicbom and Zicboz (CMO specification 1.0), with 64-byte blocks
// (Zic64b). User-mode memory is coherent and has no cache to manage, so CBO.CLEAN, CBO.FLUSH
// and CBO.INVAL only check that the block may be accessed: a one-byte load whose value is
// dropped faults where the instruction would. CBO.ZERO writes zeros over the whole block.
// Zicbop's PREFETCH.* are ORI hints (rv64_table.inc) and need nothing here.
#include "frontend/riscv64/fields.h"
#include "frontend/riscv64/lifter.h"
#include "frontend/riscv64/riscv64_frontend.h"

namespace xisa::riscv64 {

using ir::Type;
using ir::Value;

namespace {

constexpr uint64_t kVectorBytes = 16;

// The block's first byte: rs1 with its offset inside the block dropped.
Value block_address(Lifter& l, uint32_t insn) {
  return l.b.and_(l.x(rs1(insn)), l.b.imm64(~(kCacheBlockBytes - 1)));
}

bool check_access(Lifter& l, uint32_t insn) {
  l.b.load(Type::I8, block_address(l, insn));
  return true;
}

}  // namespace

bool lift_cbo_inval(Lifter& l, uint32_t i) {
  return check_access(l, i);
}
bool lift_cbo_clean(Lifter& l, uint32_t i) {
  return check_access(l, i);
}
bool lift_cbo_flush(Lifter& l, uint32_t i) {
  return check_access(l, i);
}

// The block lies inside one page, so the first store faults or none does.
bool lift_cbo_zero(Lifter& l, uint32_t i) {
  const Value base = block_address(l, i);
  const Value zero = l.b.vconst(0, 0);
  for (uint64_t offset = 0; offset < kCacheBlockBytes; offset += kVectorBytes)
    l.b.store(offset == 0 ? base : l.b.add(base, l.b.imm64(offset)), zero);
  return true;
}

}  // namespace xisa::riscv64
