// Checks a block against the op table's type rules before any engine sees it.
#include <fmt/format.h>

#include "ir/block.h"

namespace xisa::ir {

namespace {

// v128 ops: the lane width in imm and the operand types of each vector signature.
std::string check_vector_inst(const Block& block, const Inst& inst) {
  auto arg_type = [&](unsigned a) { return block.insts[inst.args[a]].type; };
  const uint64_t lane = inst.imm;
  const bool lane_free = inst.op == Opcode::VAnd || inst.op == Opcode::VOr ||
                         inst.op == Opcode::VXor || inst.op == Opcode::VAndNot ||
                         inst.op == Opcode::VNot || inst.op == Opcode::VBitSelect ||
                         inst.op == Opcode::VTableLookup || inst.op == Opcode::VConcatBytes;
  if (!lane_free && lane != 8 && lane != 16 && lane != 32 && lane != 64)
    return "vector op needs a lane width of 8, 16, 32 or 64 in imm";
  const Signature sig = op_info(inst.op).signature;
  const bool v_result = sig != Signature::VExtract;
  if (v_result != (inst.type == Type::V128)) return "vector op result type is wrong";
  if (sig == Signature::VDup) {
    if (!is_int(arg_type(0))) return "vdup takes an integer scalar";
    return {};
  }
  if (arg_type(0) != Type::V128) return "vector operand 0 must be v128";
  switch (sig) {
    case Signature::VExtract:
      if (inst.op == Opcode::VMoveMask) {
        if (!is_int(inst.type) || type_bits(inst.type) < 128 / lane) return "mask does not fit";
        break;
      }
      if (!is_int(inst.type) || type_bits(inst.type) < lane) return "lane does not fit the result";
      if (inst.op == Opcode::VExtractLane && inst.aux >= 128 / lane)
        return "lane index out of range";
      break;
    case Signature::VInsert:
      if (!is_int(arg_type(1))) return "vinsert takes an integer scalar";
      if (inst.aux >= 128 / lane) return "lane index out of range";
      break;
    case Signature::VBinary:
    case Signature::VTernary:
      for (unsigned a = 1; a < inst.nargs; ++a)
        if (arg_type(a) != Type::V128) return "vector operands must be v128";
      break;
    default:
      break;
  }
  return {};
}

std::string check_inst(const Block& block, size_t index) {
  const Inst& inst = block.insts[index];
  const OpInfo& info = op_info(inst.op);
  auto arg_type = [&](unsigned a) { return block.insts[inst.args[a]].type; };
  const unsigned arity = signature_arity(info.signature);
  if (info.signature == Signature::Call ? inst.nargs > arity : inst.nargs != arity)
    return fmt::format("{} takes {} operands, has {}", info.name, arity, inst.nargs);
  for (unsigned a = 0; a < inst.nargs; ++a) {
    if (inst.args[a] >= index) return fmt::format("operand {} is not defined before use", a);
    const Inst& def = block.insts[inst.args[a]];
    if (def.type == Type::Void || def.op == Opcode::SetReg || def.op == Opcode::Store)
      return fmt::format("operand {} yields no value", a);
  }
  const bool last = index + 1 == block.insts.size();
  if (has_flag(inst.op, kTerminator) != last)
    return last ? "block does not end in a terminator" : "terminator before the end of the block";
  switch (info.signature) {
    case Signature::Binary:
      if (!is_int(inst.type) || arg_type(0) != inst.type || arg_type(1) != inst.type)
        return "binary op operands must match the integer result type";
      break;
    case Signature::Unary:
      if (!is_int(inst.type) || arg_type(0) != inst.type) return "unary op type mismatch";
      break;
    case Signature::FBinary:
    case Signature::FUnary:
    case Signature::FTernary:
      if (!is_float(inst.type)) return "floating-point op needs an f32 or f64 result";
      for (unsigned a = 0; a < inst.nargs; ++a)
        if (arg_type(a) != inst.type) return "floating-point operands must match the result type";
      break;
    case Signature::FCompare:
      if (inst.type != Type::I8 || !is_float(arg_type(0)) || arg_type(1) != arg_type(0))
        return "fp compare needs two floats of one type and yields i8";
      break;
    case Signature::Compare:
      if (inst.type != Type::I8 || arg_type(0) != arg_type(1) || !is_int(arg_type(0)))
        return "compare needs two integers of one type and yields i8";
      break;
    case Signature::Flags:
      if (inst.type != Type::I32 || arg_type(0) != arg_type(1) ||
          (arg_type(0) != Type::I32 && arg_type(0) != Type::I64))
        return "flags op needs two i32 or i64 operands of one type and yields i32";
      break;
    case Signature::Select:
      if (arg_type(0) != Type::I8 || arg_type(1) != inst.type || arg_type(2) != inst.type)
        return "select needs an i8 condition and two operands of the result type";
      break;
    case Signature::Convert: {
      const unsigned from = type_bits(arg_type(0)), to = type_bits(inst.type);
      if (!is_int(arg_type(0)) || !is_int(inst.type)) return "conversion between non-integers";
      if (inst.op == Opcode::Trunc ? to >= from : to <= from)
        return "conversion goes the wrong way";
      break;
    }
    case Signature::Bitcast:
      if (type_bits(arg_type(0)) != type_bits(inst.type)) return "bitcast changes the width";
      break;
    case Signature::Load:
      if (arg_type(0) != Type::I64 || inst.type == Type::Void) return "load needs an i64 address";
      break;
    case Signature::Store:
      if (arg_type(0) != Type::I64 || arg_type(1) != inst.type) return "store type mismatch";
      break;
    case Signature::AtomicRmw:
      if (arg_type(0) != Type::I64 || arg_type(1) != inst.type || !is_int(inst.type))
        return "atomic rmw type mismatch";
      break;
    case Signature::AtomicCas:
      if (arg_type(0) != Type::I64 || arg_type(1) != inst.type || arg_type(2) != inst.type)
        return "atomic cas type mismatch";
      break;
    case Signature::StateSet:
      if (arg_type(0) != inst.type) return "setreg type mismatch";
      break;
    case Signature::Call:
      for (unsigned a = 0; a < inst.nargs; ++a)
        if (arg_type(a) != Type::I64) return "helper arguments are i64";
      break;
    case Signature::Guard:
      if (arg_type(0) != Type::I8) return "trap_if needs an i8 condition";
      break;
    case Signature::Exit1:
      if (inst.op == Opcode::Branch && arg_type(0) != Type::I8) return "branch needs an i8";
      if (inst.op == Opcode::JumpIndirect && arg_type(0) != Type::I64)
        return "indirect jump needs an i64";
      break;
    case Signature::VBinary:
    case Signature::VUnary:
    case Signature::VTernary:
    case Signature::VDup:
    case Signature::VExtract:
    case Signature::VInsert:
      return check_vector_inst(block, inst);
    default:
      break;
  }
  return {};
}

}  // namespace

std::string verify_block(const Block& block) {
  if (block.insts.empty()) return "empty block";
  for (size_t i = 0; i < block.insts.size(); ++i) {
    std::string err = check_inst(block, i);
    if (!err.empty())
      return fmt::format("inst %{} ({}): {}", i, op_info(block.insts[i].op).name, err);
  }
  return {};
}

}  // namespace xisa::ir
