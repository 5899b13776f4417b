// Zimop may-be-operations (Volume I, chapter "May-Be-Operations"): until an extension gives
// one of them a meaning, MOP.R.n and MOP.RR.n write 0 to rd and do nothing else. Zcmop's
// C.MOP.n, which do not even write a register, are expanded to a NOP in translate_rvc.cpp.
#include "frontend/riscv64/fields.h"
#include "frontend/riscv64/lifter.h"

namespace xisa::riscv64 {

namespace {
bool write_zero(Lifter& l, uint32_t insn) {
  l.set_x(rd(insn), l.b.imm64(0));
  return true;
}
}  // namespace

bool lift_mop_r(Lifter& l, uint32_t i) {
  return write_zero(l, i);
}
bool lift_mop_rr(Lifter& l, uint32_t i) {
  return write_zero(l, i);
}

}  // namespace xisa::riscv64
