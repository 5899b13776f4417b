// The IR path of V (ADR 0008): with the vtype known at translation (a vsetvli or vsetivli
// earlier in the same block, vstart 0 since), the common integer instructions and unit-stride
// loads and stores become v128 IR ops, one per register of the group, with the tail kept by a
// lane mask computed from vl. Everything else, and every instruction without a known vtype,
// goes through the whole-instruction helpers (vector_unit.h).
#pragma once

#include <cstdint>

namespace xisa::riscv64 {
struct Lifter;
}

namespace xisa::riscv64::vector {

// vsetvli/vsetivli with a legal immediate vtype: vl computed in IR and the config recorded.
// False when the helper must run it (vsetvl, an illegal vtype).
bool lift_vset_ir(Lifter& l, uint32_t insn);
// With no vtype known yet in the block, assumes the one the block was translated under (the
// lifter's vtype_hint), guarded: the block leaves through TrapIf(SlowPathRetry) at this
// instruction when vtype differs or vstart is not 0 (after 16 such exits the pc is lifted
// without the assumption). No-op without a hint.
void assume_entry_vtype(Lifter& l);
// An OP-V, LOAD-FP or STORE-FP vector instruction as IR; false: not a case the IR path covers.
bool lift_vector_ir(Lifter& l, uint32_t insn);

}  // namespace xisa::riscv64::vector
