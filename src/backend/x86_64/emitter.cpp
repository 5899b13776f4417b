// The x86-64 emitter's driver: which ops it lowers, the walk over the block, dispatch by family.
#include "backend/x86_64/emitter.h"

#include <fmt/format.h>

#include <algorithm>

namespace xisa::backend::x86_64 {

using ir::Opcode;
using ir::Type;

namespace {

// Ops this backend lowers. An op added to ops.def later is absent here until someone lowers
// it, so its blocks fall back to the interpreter instead of being miscompiled.
constexpr bool lowered(Opcode op) {
  switch (op) {
    case Opcode::Const:
    case Opcode::GetReg:
    case Opcode::SetReg:
    case Opcode::GuestInsn:
    case Opcode::Add:
    case Opcode::Sub:
    case Opcode::Mul:
    case Opcode::MulHiU:
    case Opcode::MulHiS:
    case Opcode::MulHiSU:
    case Opcode::DivU:
    case Opcode::DivS:
    case Opcode::RemU:
    case Opcode::RemS:
    case Opcode::And:
    case Opcode::Or:
    case Opcode::Xor:
    case Opcode::Shl:
    case Opcode::ShrL:
    case Opcode::ShrA:
    case Opcode::RotL:
    case Opcode::RotR:
    case Opcode::Not:
    case Opcode::Neg:
    case Opcode::Clz:
    case Opcode::Ctz:
    case Opcode::Popcnt:
    case Opcode::Bswap:
    case Opcode::CmpEq:
    case Opcode::CmpNe:
    case Opcode::CmpLtS:
    case Opcode::CmpLtU:
    case Opcode::CmpLeS:
    case Opcode::CmpLeU:
    case Opcode::NzcvAdd:
    case Opcode::NzcvSub:
    case Opcode::Select:
    case Opcode::ZExt:
    case Opcode::SExt:
    case Opcode::Trunc:
    case Opcode::Bitcast:
    case Opcode::Load:
    case Opcode::Store:
    case Opcode::AtomicRmw:
    case Opcode::AtomicCas:
    case Opcode::Fence:
    case Opcode::CallHelper:
    case Opcode::Jump:
    case Opcode::Branch:
    case Opcode::JumpIndirect:
    case Opcode::Syscall:
    case Opcode::Trap:
    case Opcode::TrapIf:
    case Opcode::ExitIf:
    case Opcode::FAdd:
    case Opcode::FSub:
    case Opcode::FMul:
    case Opcode::FDiv:
    case Opcode::FSqrt:
    case Opcode::FMulAdd:
    case Opcode::FAbs:
    case Opcode::FNeg:
    case Opcode::FCmpEq:
    case Opcode::FCmpLt:
    case Opcode::FCmpLe:
    case Opcode::FCmpUnordered:
    case Opcode::FCmpUeq:
    case Opcode::FpFlagsClear:
    case Opcode::FpInexact:
      return true;
    default:
      return false;
  }
}

bool is_wide(Type t) {
  return t == Type::I128 || t == Type::V128;
}

bool is_vector_op(Opcode op) {
  return ir::is_vector_signature(ir::op_info(op).signature);
}

// An op on 128-bit values (other than moves, loads, stores and width changes): no native form.
bool wide_without_lowering(const ir::Block& block, const ir::Inst& inst) {
  bool wide_arg = false;
  for (unsigned a = 0; a < inst.nargs; ++a) wide_arg |= is_wide(block.insts[inst.args[a]].type);
  const bool wide_ok = inst.op == Opcode::Const || inst.op == Opcode::GetReg ||
                       inst.op == Opcode::SetReg || inst.op == Opcode::Load ||
                       inst.op == Opcode::Store || inst.op == Opcode::Select ||
                       inst.op == Opcode::Bitcast || inst.op == Opcode::ZExt ||
                       inst.op == Opcode::SExt || inst.op == Opcode::Trunc;
  return (is_wide(inst.type) || wide_arg) && !wide_ok && !is_vector_op(inst.op);
}

}  // namespace

const HostFeatures& HostFeatures::get() {
  static const HostFeatures features = [] {
    const auto& f = asmjit::CpuInfo::host().features().x86();
    HostFeatures h;
    h.lzcnt = f.hasLZCNT();
    h.bmi1 = f.hasBMI();
    h.popcnt = f.hasPOPCNT();
    h.ssse3 = f.hasSSSE3();
    h.sse41 = f.hasSSE4_1();
    h.sse42 = f.hasSSE4_2();
    h.fma = f.hasFMA() && f.hasAVX();
    h.avx = f.hasAVX();
    return h;
  }();
  return features;
}

Emitter::Emitter(const ir::Block& block, const CompileConfig& config, x86::Assembler& as)
    : block_(block), config_(config), as_(as), guest_pc_(block.guest_pc) {}

std::string Emitter::unsupported_reason() const {
  const HostFeatures& host = HostFeatures::get();
  for (const ir::Inst& inst : block_.insts) {
    const ir::OpInfo& info = ir::op_info(inst.op);
    if (is_vector_op(inst.op)) {
      if (!vector_lowered(inst) && !pure_call_lowerable(inst))
        return fmt::format("op {} (lane {}) is not lowered", info.name, inst.imm);
      continue;
    }
    if (!lowered(inst.op)) return fmt::format("op {} is not lowered", info.name);
    if (wide_without_lowering(block_, inst) && inst.op != Opcode::Store &&
        !pure_call_lowerable(inst))
      return fmt::format("128-bit {}", info.name);
    if (inst.op == Opcode::Store && is_wide(block_.insts[inst.args[0]].type))
      return "128-bit address";
    if ((inst.op == Opcode::Clz && !host.lzcnt) || (inst.op == Opcode::Ctz && !host.bmi1) ||
        (inst.op == Opcode::Popcnt && !host.popcnt))
      return fmt::format("{} needs a host feature this CPU lacks", info.name);
  }
  return {};
}

// The most values the block keeps in general (or vector) registers at once: values read
// from guest registers and constants aside (a loop's reads become its promoted registers,
// constants fold into instructions). Each counts from its definition to its last operand use.
size_t Emitter::peak_live_values(bool in_vector_registers) const {
  const ir::Block& block = block_;
  std::vector<int> change(block.insts.size() + 1, 0);
  for (size_t v = 0; v < block.insts.size(); ++v) {
    const ir::Inst& inst = block.insts[v];
    if (!common::yields_value(inst) || folded_[v] || inst.op == Opcode::Const ||
        inst.op == Opcode::GetReg)
      continue;
    const bool vector = ir::type_bytes(inst.type) == 16 || fp_in_xmm_[v] || load_into_xmm_[v];
    if (vector != in_vector_registers || ir::type_bytes(inst.type) > 16) continue;
    ++change[v];
    --change[std::max<size_t>(live_.last_operand_use[v], v) + 1];
  }
  size_t peak = 0;
  int live = 0;
  for (size_t i = 0; i < block.insts.size(); ++i) {
    live += change[i];
    peak = std::max(peak, static_cast<size_t>(live));
  }
  return peak;
}

// How many of kPromotedRegs a self-loop may keep guest registers in: beyond the first
// kPromotedRegsAlways, those the block's own values would leave free at their peak.
size_t Emitter::promotable_registers() {
  analyze();
  const size_t peak = peak_live_values(false);
  const size_t spare = kAllocatable.size() > peak ? kAllocatable.size() - peak : 0;
  return std::clamp(spare, kPromotedRegsAlways, kPromotedRegs.size());
}

std::string Emitter::emit() {
  const size_t promotable = promotable_registers();
  std::string why = emit_block(std::span(kPromotedRegs).first(promotable));
  literals_.emit();
  return why;
}

void Emitter::lower_at(size_t i) {
  pos_ = i;
  if (!keeps_xmm0(i)) xmm0_holds_ = ir::kNoValue;
  step_dirty_and_write_back(i);
  lower(i);
  release_dead(i);
}

// Scalar integer and FP lowerings, which leave xmm0 alone or (FP) say what they put there. A
// write-back of a 128-bit value on the way (step_dirty) forgets it in load128.
bool Emitter::keeps_xmm0(size_t i) const {
  const ir::Inst& inst = block_.insts[i];
  if (!lowers_natively(i) || ir::type_bytes(inst.type) > 8) return false;
  for (unsigned a = 0; a < inst.nargs; ++a)
    if (ir::type_bytes(arg_inst(i, a).type) > 8) return false;
  switch (common::op_family(inst.op)) {
    case common::OpFamily::Constant:
    case common::OpFamily::State:
    case common::OpFamily::Marker:
    case common::OpFamily::Binary:
    case common::OpFamily::Shift:
    case common::OpFamily::Unary:
    case common::OpFamily::Compare:
    case common::OpFamily::Flags:
    case common::OpFamily::Select:
    case common::OpFamily::Convert:
    case common::OpFamily::SideExit:  // the exit's path is cold: it never comes back
    case common::OpFamily::Float:
    case common::OpFamily::FloatCompare:
      return inst.op != Opcode::FMulAdd || HostFeatures::get().fma;  // else a call
    case common::OpFamily::Memory:
      return inst.op == Opcode::Load || inst.op == Opcode::Store;
    default:
      return false;
  }
}

bool Emitter::lowers_natively(size_t i) const {
  const ir::Inst& inst = block_.insts[i];
  return !(is_vector_op(inst.op) && !vector_lowered(inst)) && !wide_without_lowering(block_, inst);
}

}  // namespace xisa::backend::x86_64
