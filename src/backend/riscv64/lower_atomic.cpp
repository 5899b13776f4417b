// Guest atomics: 32- and 64-bit read-modify-writes are single AMOs, compare-and-swap an LR/SC
// loop, all with aq and rl (sequentially consistent: enough for x86 locked instructions, the
// AArch64 acquire-release forms and RISC-V's own). 8- and 16-bit ones call the interpreter's
// (common/atomic_call.h), since RISC-V has no byte or halfword atomics; so do misaligned ones,
// which an x86-64 guest may make and RISC-V atomics fault on (AArch64 and RISC-V guests trap
// on them before).
#include "backend/common/atomic_call.h"
#include "backend/riscv64/emitter.h"

namespace xisa::backend::riscv64 {

using ir::AtomicOp;
using ir::Opcode;

namespace {

enc::Amo amo_of(AtomicOp op) {
  switch (op) {
    case AtomicOp::Add:
      return enc::Amo::Add;
    case AtomicOp::Swap:
      return enc::Amo::Swap;
    case AtomicOp::And:
      return enc::Amo::And;
    case AtomicOp::Or:
      return enc::Amo::Or;
    case AtomicOp::Xor:
      return enc::Amo::Xor;
    case AtomicOp::MinS:
      return enc::Amo::Min;
    case AtomicOp::MaxS:
      return enc::Amo::Max;
    case AtomicOp::MinU:
      return enc::Amo::Minu;
    case AtomicOp::MaxU:
      break;
  }
  return enc::Amo::Maxu;
}

}  // namespace

void Emitter::lower_atomic(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const unsigned bytes = ir::type_bytes(inst.type);
  if (bytes < 4) {
    lower_narrow_atomic(i);
    return;
  }
  // The old value lands in dst, which is none of the operands' registers (they stay live).
  const Reg dst = def_reg(i, false);
  const Reg addr = in_reg(arg(i, 0), kAddrScratch);
  const Label aligned = as_.new_label(), done = as_.new_label();
  as_.emit(enc::andi(kScratch0, addr, static_cast<int32_t>(bytes - 1)));
  as_.beqz(kScratch0, aligned);
  call_atomic(i);
  as_.mv(dst, kScratch1);
  as_.j(done);
  as_.bind(aligned);
  if (inst.op == Opcode::AtomicRmw) {
    // .w AMOs use the low 32 bits of the operand and sign-extend the old value. The operand
    // goes in sign-extended too: qemu-user (7.2) compares it whole with the sign-extended
    // memory word for min/max, and sign extension keeps both the signed and unsigned orders.
    Reg v = in_reg(arg(i, 1), kScratch1);
    if (bytes == 4) {
      as_.emit(enc::addiw(kScratch1, v, 0));
      v = kScratch1;
    }
    record_fault_site(inst);
    as_.emit(enc::amo(amo_of(static_cast<AtomicOp>(inst.imm)), bytes, dst, addr, v));
  } else {
    Reg expected = in_reg(arg(i, 1), kScratch1);
    if (bytes == 4) {  // lr.w sign-extends: compare with the sign-extended expected value
      as_.emit(enc::addiw(kScratch1, expected, 0));
      expected = kScratch1;
    }
    const Reg desired = in_reg(arg(i, 2), kScratch0);
    const Label retry = as_.new_label();
    as_.bind(retry);
    record_fault_site(inst);
    as_.emit(enc::amo(enc::Amo::Lr, bytes, dst, addr, kZero));
    as_.branch(enc::Cond::Ne, dst, expected, done);
    record_fault_site(inst);
    as_.emit(enc::amo(enc::Amo::Sc, bytes, kScratch3, addr, desired));
    as_.bnez(kScratch3, retry);
  }
  as_.bind(done);
  if (bytes == 4) zero_extend(dst, dst, inst.type);
}

// Through a host call, like a helper's: the state is made exact first (dirty registers written
// back, which leaves them dirty, and the pc), so that a fault inside the call is reported as
// one outside translated code.
void Emitter::call_atomic(size_t i) {
  for (const DirtyEntry& e : dirty_) write_back(e);
  store_pc(guest_pc_);
  const common::AtomicCall call = common::atomic_call_for(block_.insts[i]);
  call_for(i, call.fn, false, call.first);
}

void Emitter::lower_narrow_atomic(size_t i) {
  call_atomic(i);
  as_.mv(def_reg(i, false), kScratch1);
}

}  // namespace xisa::backend::riscv64
