// The AArch64 emitter's driver: which ops it lowers natively, the walk over the block, dispatch
// by family. Pure ops without a native lowering go through the pure-call path.
#include "backend/aarch64/emitter.h"

#include <fmt/format.h>

#include "backend/common/pure_call.h"

namespace xisa::backend::aarch64 {

using ir::Opcode;
using ir::Type;

namespace {

bool is_wide(Type t) {
  return t == Type::I128 || t == Type::V128;
}

// Ops lowered natively here. An op added to ops.def later is absent until someone lowers it:
// its blocks take the pure-call path or fall back to the interpreter, never a miscompile.
bool native(const ir::Block& block, const ir::Inst& inst) {
  bool wide_arg = false;
  for (unsigned a = 0; a < inst.nargs; ++a) wide_arg |= is_wide(block.insts[inst.args[a]].type);
  const unsigned bits = ir::type_bits(inst.type);
  switch (inst.op) {
    case Opcode::Const:
    case Opcode::GetReg:
    case Opcode::SetReg:
    case Opcode::GuestInsn:
    case Opcode::Fence:
    case Opcode::CallHelper:
    case Opcode::Jump:
    case Opcode::Branch:
    case Opcode::JumpIndirect:
    case Opcode::Syscall:
    case Opcode::Trap:
    case Opcode::TrapIf:
    case Opcode::ExitIf:
      return true;
    case Opcode::Load:
      return true;
    case Opcode::Store:
      return !is_wide(block.insts[inst.args[0]].type);
    case Opcode::RotL:
    case Opcode::RotR:
      return bits >= 32;
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
    case Opcode::Add:
    case Opcode::Sub:
    case Opcode::Mul:
    case Opcode::MulHiU:
    case Opcode::MulHiS:
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
    case Opcode::Not:
    case Opcode::Neg:
    case Opcode::Clz:
    case Opcode::Ctz:
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
    case Opcode::AtomicRmw:
    case Opcode::AtomicCas:
      return !is_wide(inst.type) && !wide_arg;
    default:
      return ir::is_vector_signature(ir::op_info(inst.op).signature) && vector_lowered(inst);
  }
}

}  // namespace

Emitter::Emitter(const ir::Block& block, const CompileConfig& config, a64::Assembler& as)
    : block_(block), config_(config), as_(as), guest_pc_(block.guest_pc) {}

std::string Emitter::unsupported_reason() const {
  for (const ir::Inst& inst : block_.insts)
    if (!native(block_, inst) && !common::pure_call_lowerable(inst))
      return fmt::format("op {} ({} bits) is not lowered", ir::op_info(inst.op).name,
                         ir::type_bits(inst.type));
  return {};
}

std::string Emitter::emit() {
  return emit_block(kPromotedRegs);
}

void Emitter::begin_block() {
  loc_.assign(block_.insts.size(), Loc{});
  live_.analyze(block_);
  reg_owner_.fill(ir::kNoValue);
}

void Emitter::lower_at(size_t i) {
  pos_ = i;
  step_dirty_and_write_back(i);
  lower(i);
  common::release_dead(i, live_, loc_, reg_owner_, slot_used_);
}

bool Emitter::lowers_natively(size_t i) const {
  return native(block_, block_.insts[i]);
}

}  // namespace xisa::backend::aarch64
