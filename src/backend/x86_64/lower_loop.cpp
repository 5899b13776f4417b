// The x86-64 side of self-loops (backend/common/self_loop.h): the loads, stores and moves the
// shared emission asks for.
#include <algorithm>

#include "backend/x86_64/emitter.h"
#include "guest/cpu_header.h"

namespace xisa::backend::x86_64 {

using ir::Opcode;

void Emitter::branch_if_exit_requested(const asmjit::Label& l) {
  as_.cmp(x86::dword_ptr(kStateReg, offsetof(CpuHeader, exit_request)), 0);
  as_.jne(l);
}

void Emitter::load_promoted(const common::PromotedSlot& p) {
  const unsigned bytes = ir::type_bytes(p.type);
  if (!p.vector) {
    load_state(x86::gpq(p.reg), p.offset, bytes);
    return;
  }
  const x86::Xmm x = x86::xmm(p.reg);
  if (bytes == 16)
    as_.movdqu(x, state_mem(p.offset, 16));
  else if (bytes == 8)
    as_.movq(x, state_mem(p.offset, 8));
  else
    as_.movd(x, state_mem(p.offset, 4));
}

void Emitter::store_promoted(const common::PromotedSlot& p) {
  const unsigned bytes = ir::type_bytes(p.type);
  if (!p.vector) {
    as_.mov(state_mem(p.offset, bytes), gp_of_bytes(p.reg, bytes));
    return;
  }
  const x86::Xmm x = x86::xmm(p.reg);
  if (bytes == 16)
    as_.movdqu(state_mem(p.offset, 16), x);
  else if (bytes == 8)
    as_.movq(state_mem(p.offset, 8), x);
  else
    as_.movd(state_mem(p.offset, 4), x);
}

// Promoted slots in xmm registers: those every access of which reads or writes FP bits or a
// vector (the reads go straight into xmm registers, the writes come from them), in blocks
// without host calls (every xmm register is caller-saved), in the registers the block's own
// vector values leave free.
const common::VectorClass* Emitter::vector_class() {
  for (size_t i = 0; i < block_.insts.size(); ++i) {
    const ir::Inst& inst = block_.insts[i];
    if (!lowers_natively(i) || inst.op == Opcode::CallHelper || inst.op == Opcode::Fence ||
        (inst.op == Opcode::FMulAdd && !HostFeatures::get().fma))
      return nullptr;
  }
  // As many as the block's own vector values leave free at their peak.
  const size_t peak = peak_live_values(true);
  const size_t spare = kAllocatableVec.size() > peak ? kAllocatableVec.size() - peak : 0;
  vector_class_.regs = std::span(kPromotedVecRegs).first(std::min(spare, kPromotedVecRegs.size()));
  vector_class_.owner = vec_owner_;
  vector_class_.fits = [this](uint64_t offset, ir::Type type) {
    return slot_fits_vector_register(offset, type);
  };
  vector_class_.scratch = 7;  // xmm0-xmm7 hold nothing between instructions
  return &vector_class_;
}

bool Emitter::slot_fits_vector_register(uint64_t offset, ir::Type type) const {
  if (type == ir::Type::V128) return true;
  if (type != ir::Type::I64 && type != ir::Type::I32) return false;
  for (size_t i = 0; i < block_.insts.size(); ++i) {
    const ir::Inst& inst = block_.insts[i];
    if ((inst.op != Opcode::GetReg && inst.op != Opcode::SetReg) || inst.imm != offset) continue;
    if (inst.op == Opcode::GetReg && !load_into_xmm_[i]) return false;
    if (inst.op == Opcode::SetReg) {
      const ir::ValueId v = bits_of(inst.args[0]);
      if (!fp_in_xmm_[v] && !load_into_xmm_[v]) return false;
    }
  }
  return true;
}

void Emitter::move_to_vec(uint8_t reg, const Loc& src) {
  const x86::Xmm dst = x86::xmm(reg);
  switch (src.kind) {
    case Loc::VecReg:
      as_.movaps(dst, x86::xmm(src.reg));
      return;
    case Loc::Reg:
      as_.movq(dst, x86::gpq(src.reg));
      return;
    case Loc::Slot:  // 16 bytes: what a 64-bit value adds above its bits is never read
      as_.movdqu(dst, slot_mem(src.slot, 16));
      return;
    default:
      as_.movdqa(dst, literal(src));
      return;
  }
}

void Emitter::move_to_reg(uint8_t reg, const Loc& src) {
  const x86::Gp dst = x86::gpq(reg);
  switch (src.kind) {
    case Loc::Reg:
      as_.mov(dst, x86::gpq(src.reg));
      return;
    case Loc::VecReg:  // FP bits
      as_.movq(dst, x86::xmm(src.reg));
      return;
    case Loc::Slot:
      as_.mov(dst, slot_mem(src.slot, 8));
      return;
    default:
      as_.mov(dst, src.imm);
      return;
  }
}

}  // namespace xisa::backend::x86_64
