// V 1.0 (Volume I, "V" Standard Extension for Vector Operations). With the vtype known in the
// block, the common instructions are v128 IR (vector/vector_ir.h); every other one is one call
// of the vector unit's helper for its format (frontend/riscv64/vector/), which executes every
// element under the current vtype and vl and answers whether the encoding was legal; an illegal
// one leaves the state untouched and the guest gets SIGILL (ADR 0008).
#include "frontend/riscv64/lifter.h"
#include "frontend/riscv64/vector/vector_ir.h"
#include "frontend/riscv64/vector/vector_unit.h"

namespace xisa::riscv64 {

using ir::Value;

namespace {

Riscv64State& st(void* s) {
  return *static_cast<Riscv64State*>(s);
}

template <bool (*Exec)(vector::VectorUnit&)>
uint64_t run_format(void* s, uint64_t insn, uint64_t, uint64_t) {
  vector::VectorUnit u(st(s), static_cast<uint32_t>(insn));
  return Exec(u) ? 0 : 1;
}
template <bool Store>
uint64_t run_memory(void* s, uint64_t insn, uint64_t, uint64_t) {
  vector::VectorUnit u(st(s), static_cast<uint32_t>(insn));
  return vector::exec_load_store(u, Store) ? 0 : 1;
}
uint64_t run_vset(void* s, uint64_t insn, uint64_t, uint64_t) {
  return vector::exec_vset(st(s), static_cast<uint32_t>(insn));
}

const ir::HelperInfo kVset{"riscv64.vset", run_vset};
const ir::HelperInfo kOpi{"riscv64.v_opi", run_format<vector::exec_opi>};
const ir::HelperInfo kOpm{"riscv64.v_opm", run_format<vector::exec_opm>};
const ir::HelperInfo kOpf{"riscv64.v_opf", run_format<vector::exec_opf>};
const ir::HelperInfo kLoad{"riscv64.v_load", run_memory<false>};
const ir::HelperInfo kStore{"riscv64.v_store", run_memory<true>};

bool lift_vector(Lifter& l, uint32_t insn, const ir::HelperInfo& h) {
  if (!l.slow_path) vector::assume_entry_vtype(l);
  if (vector::lift_vector_ir(l, insn)) return true;
  // A fault-only-first load (unit-stride, lumop 10000) may trim vl: the IR path no longer
  // knows it. Other accesses leave vl and vtype as they were.
  const bool unit_stride = ((insn >> 26) & 3) == 0;
  if (&h == &kLoad && unit_stride && vector::f_rs2(insn) == 0x10) l.vector.valid = false;
  const Value illegal = l.b.call(h, {l.b.imm64(insn)});
  l.b.trap_if(l.b.ne(illegal, l.b.imm64(0)), ir::TrapKind::IllegalInstruction, l.pc);
  return true;
}

bool lift_vset(Lifter& l, uint32_t insn) {
  l.vtype_hint.reset();
  if (vector::lift_vset_ir(l, insn)) return true;
  l.vector.valid = false;
  l.set_x(vector::f_vd(insn), l.b.call(kVset, {l.b.imm64(insn)}));
  return true;
}

}  // namespace

bool lift_vsetvli(Lifter& l, uint32_t i) {
  return lift_vset(l, i);
}
bool lift_vsetivli(Lifter& l, uint32_t i) {
  return lift_vset(l, i);
}
bool lift_vsetvl(Lifter& l, uint32_t i) {
  return lift_vset(l, i);
}
bool lift_v_opivv(Lifter& l, uint32_t i) {
  return lift_vector(l, i, kOpi);
}
bool lift_v_opivx(Lifter& l, uint32_t i) {
  return lift_vector(l, i, kOpi);
}
bool lift_v_opivi(Lifter& l, uint32_t i) {
  return lift_vector(l, i, kOpi);
}
bool lift_v_opmvv(Lifter& l, uint32_t i) {
  return lift_vector(l, i, kOpm);
}
bool lift_v_opmvx(Lifter& l, uint32_t i) {
  return lift_vector(l, i, kOpm);
}
bool lift_v_opfvv(Lifter& l, uint32_t i) {
  return lift_vector(l, i, kOpf);
}
bool lift_v_opfvf(Lifter& l, uint32_t i) {
  return lift_vector(l, i, kOpf);
}
bool lift_vload_e8(Lifter& l, uint32_t i) {
  return lift_vector(l, i, kLoad);
}
bool lift_vload_e16(Lifter& l, uint32_t i) {
  return lift_vector(l, i, kLoad);
}
bool lift_vload_e32(Lifter& l, uint32_t i) {
  return lift_vector(l, i, kLoad);
}
bool lift_vload_e64(Lifter& l, uint32_t i) {
  return lift_vector(l, i, kLoad);
}
bool lift_vstore_e8(Lifter& l, uint32_t i) {
  return lift_vector(l, i, kStore);
}
bool lift_vstore_e16(Lifter& l, uint32_t i) {
  return lift_vector(l, i, kStore);
}
bool lift_vstore_e32(Lifter& l, uint32_t i) {
  return lift_vector(l, i, kStore);
}
bool lift_vstore_e64(Lifter& l, uint32_t i) {
  return lift_vector(l, i, kStore);
}

}  // namespace xisa::riscv64
