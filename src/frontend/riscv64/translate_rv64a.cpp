// RV64A atomics (Volume I, chapter 14). AMOs map to the IR's atomic read-modify-write; LR/SC
// follow the design's compare-and-swap scheme: LR records the address and the value it loaded,
// SC stores only if the reservation names its address and memory still holds that value.
// All atomics are sequentially consistent, so the aq/rl bits need no handling.
// Not done: a misaligned AMO/LR/SC should raise SIGBUS; here it runs as a host atomic.
#include <cstddef>

#include "frontend/riscv64/fields.h"
#include "frontend/riscv64/lifter.h"

namespace xisa::riscv64 {

using ir::AtomicOp;
using ir::Type;
using ir::Value;

namespace {

constexpr uint32_t kReservationAddr = offsetof(Riscv64State, reservation_addr);
constexpr uint32_t kReservationValue = offsetof(Riscv64State, reservation_value);

// LR, SC and AMOs need natural alignment: otherwise an address-misaligned exception, which
// Linux reports as SIGBUS (BUS_ADRALN). Host atomics would do the access.
Value aligned_address(Lifter& l, uint32_t insn, Type t) {
  const Value addr = l.x(rs1(insn));
  const uint64_t mask = ir::type_bytes(t) - 1;
  l.b.trap_if(l.b.ne(l.b.and_(addr, l.b.imm64(mask)), l.b.imm64(0)), ir::TrapKind::MisalignedAtomic,
              l.pc);
  return addr;
}

// rd = sign-extended old memory value; memory = op(old, rs2).
bool lift_amo(Lifter& l, uint32_t insn, Type t, AtomicOp op) {
  const Value addr = aligned_address(l, insn, t);
  const Value operand = l.b.trunc(t, l.x(rs2(insn)));
  const Value old = l.b.atomic_rmw(op, addr, operand);
  l.set_x(rd(insn), l.b.sext(Type::I64, old));
  return true;
}

bool lift_load_reserved(Lifter& l, uint32_t insn, Type t) {
  const Value addr = aligned_address(l, insn, t);
  const Value loaded = l.b.sext(Type::I64, l.b.load(t, addr));
  l.b.set_reg(kReservationAddr, addr);
  l.b.set_reg(kReservationValue, loaded);
  l.set_x(rd(insn), loaded);
  return true;
}

bool lift_store_conditional(Lifter& l, uint32_t insn, Type t) {
  auto& b = l.b;
  const Value addr = aligned_address(l, insn, t);
  const Value value = b.trunc(t, l.x(rs2(insn)));
  const Value reserved = b.trunc(t, b.get_reg(Type::I64, kReservationValue));
  const Value match = b.eq(b.get_reg(Type::I64, kReservationAddr), addr);
  // Without a matching reservation the CAS writes back what it expects: memory is unchanged.
  const Value desired = b.select(match, value, reserved);
  const Value old = b.atomic_cas(addr, reserved, desired);
  const Value success = b.and_(match, b.eq(old, reserved));
  b.set_reg(kReservationAddr, b.imm64(kNoReservation));
  l.set_x(rd(insn), b.zext(Type::I64, b.xor_(success, b.imm8(1))));
  return true;
}

}  // namespace

bool lift_lr_w(Lifter& l, uint32_t i) {
  return lift_load_reserved(l, i, Type::I32);
}
bool lift_lr_d(Lifter& l, uint32_t i) {
  return lift_load_reserved(l, i, Type::I64);
}
bool lift_sc_w(Lifter& l, uint32_t i) {
  return lift_store_conditional(l, i, Type::I32);
}
bool lift_sc_d(Lifter& l, uint32_t i) {
  return lift_store_conditional(l, i, Type::I64);
}

bool lift_amoswap_w(Lifter& l, uint32_t i) {
  return lift_amo(l, i, Type::I32, AtomicOp::Swap);
}
bool lift_amoadd_w(Lifter& l, uint32_t i) {
  return lift_amo(l, i, Type::I32, AtomicOp::Add);
}
bool lift_amoxor_w(Lifter& l, uint32_t i) {
  return lift_amo(l, i, Type::I32, AtomicOp::Xor);
}
bool lift_amoand_w(Lifter& l, uint32_t i) {
  return lift_amo(l, i, Type::I32, AtomicOp::And);
}
bool lift_amoor_w(Lifter& l, uint32_t i) {
  return lift_amo(l, i, Type::I32, AtomicOp::Or);
}
bool lift_amomin_w(Lifter& l, uint32_t i) {
  return lift_amo(l, i, Type::I32, AtomicOp::MinS);
}
bool lift_amomax_w(Lifter& l, uint32_t i) {
  return lift_amo(l, i, Type::I32, AtomicOp::MaxS);
}
bool lift_amominu_w(Lifter& l, uint32_t i) {
  return lift_amo(l, i, Type::I32, AtomicOp::MinU);
}
bool lift_amomaxu_w(Lifter& l, uint32_t i) {
  return lift_amo(l, i, Type::I32, AtomicOp::MaxU);
}
bool lift_amoswap_d(Lifter& l, uint32_t i) {
  return lift_amo(l, i, Type::I64, AtomicOp::Swap);
}
bool lift_amoadd_d(Lifter& l, uint32_t i) {
  return lift_amo(l, i, Type::I64, AtomicOp::Add);
}
bool lift_amoxor_d(Lifter& l, uint32_t i) {
  return lift_amo(l, i, Type::I64, AtomicOp::Xor);
}
bool lift_amoand_d(Lifter& l, uint32_t i) {
  return lift_amo(l, i, Type::I64, AtomicOp::And);
}
bool lift_amoor_d(Lifter& l, uint32_t i) {
  return lift_amo(l, i, Type::I64, AtomicOp::Or);
}
bool lift_amomin_d(Lifter& l, uint32_t i) {
  return lift_amo(l, i, Type::I64, AtomicOp::MinS);
}
bool lift_amomax_d(Lifter& l, uint32_t i) {
  return lift_amo(l, i, Type::I64, AtomicOp::MaxS);
}
bool lift_amominu_d(Lifter& l, uint32_t i) {
  return lift_amo(l, i, Type::I64, AtomicOp::MinU);
}
bool lift_amomaxu_d(Lifter& l, uint32_t i) {
  return lift_amo(l, i, Type::I64, AtomicOp::MaxU);
}

}  // namespace xisa::riscv64
