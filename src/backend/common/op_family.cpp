// The op families of op_family.h, from each op's signature in ops.def and a few named ops.
#include "backend/common/op_family.h"

namespace xisa::backend::common {

OpFamily op_family(ir::Opcode op) {
  using ir::Opcode;
  switch (op) {
    case Opcode::Const:
      return OpFamily::Constant;
    case Opcode::GetReg:
    case Opcode::SetReg:
      return OpFamily::State;
    case Opcode::GuestInsn:
      return OpFamily::Marker;
    case Opcode::Shl:
    case Opcode::ShrL:
    case Opcode::ShrA:
    case Opcode::RotL:
    case Opcode::RotR:
      return OpFamily::Shift;
    case Opcode::Load:
    case Opcode::Store:
    case Opcode::Fence:
      return OpFamily::Memory;
    case Opcode::AtomicRmw:
    case Opcode::AtomicCas:
      return OpFamily::Atomic;
    case Opcode::CallHelper:
      return OpFamily::Call;
    case Opcode::TrapIf:
    case Opcode::ExitIf:
      return OpFamily::SideExit;
    case Opcode::FpFlagsClear:
    case Opcode::FpInexact:
      return OpFamily::FpFlags;
    default:
      break;
  }
  const ir::Signature s = ir::op_info(op).signature;
  if (ir::is_vector_signature(s)) return OpFamily::Vector;
  switch (s) {
    case ir::Signature::Binary:
      return OpFamily::Binary;
    case ir::Signature::Unary:
      return OpFamily::Unary;
    case ir::Signature::Compare:
      return OpFamily::Compare;
    case ir::Signature::Flags:
      return OpFamily::Flags;
    case ir::Signature::Select:
      return OpFamily::Select;
    case ir::Signature::Convert:
    case ir::Signature::Bitcast:
      return OpFamily::Convert;
    case ir::Signature::FBinary:
    case ir::Signature::FUnary:
    case ir::Signature::FTernary:
      return OpFamily::Float;
    case ir::Signature::FCompare:
      return OpFamily::FloatCompare;
    default:
      return OpFamily::Terminator;
  }
}

}  // namespace xisa::backend::common
