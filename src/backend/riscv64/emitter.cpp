// The RISC-V64 emitter's driver: which ops it lowers natively, the walk over the block, dispatch
// by family. Pure ops without a native lowering go through the pure-call path.
#include "backend/riscv64/emitter.h"

#include <fmt/format.h>

#include <initializer_list>

#include "backend/common/op_family.h"
#include "backend/common/pure_call.h"

namespace xisa::backend::riscv64 {

using ir::Opcode;
using ir::Type;

namespace {

bool is_wide(Type t) {
  return t == Type::I128 || t == Type::V128;
}

bool one_of(Opcode op, std::initializer_list<Opcode> ops) {
  for (Opcode o : ops)
    if (o == op) return true;
  return false;
}

// Ops lowered natively here, named one by one in the open families: an op added to ops.def
// later is absent until someone lowers it, and its blocks take the pure-call path or fall back
// to the interpreter, never a miscompile. Vector ops (but the few lower_vector.cpp handles) and
// 128-bit integer arithmetic take the pure-call path; so do MulHiSU, and Clz, Ctz, Popcnt and Bswap
// on a host without Zbb.
bool native(const ir::Block& block, const ir::Inst& inst, const HostFeatures& features) {
  bool wide = is_wide(inst.type);
  for (unsigned a = 0; a < inst.nargs; ++a) wide |= is_wide(block.insts[inst.args[a]].type);
  const Opcode op = inst.op;
  using common::OpFamily;
  switch (common::op_family(op)) {
    case OpFamily::Vector:
      return vector_lowered(inst);
    case OpFamily::Binary:
      return !wide && one_of(op, {Opcode::Add, Opcode::Sub, Opcode::Mul, Opcode::MulHiU,
                                  Opcode::MulHiS, Opcode::DivU, Opcode::DivS, Opcode::RemU,
                                  Opcode::RemS, Opcode::And, Opcode::Or, Opcode::Xor});
    case OpFamily::Unary:
      if (one_of(op, {Opcode::Not, Opcode::Neg})) return !wide;
      return features.zbb && !wide &&
             one_of(op, {Opcode::Clz, Opcode::Ctz, Opcode::Popcnt, Opcode::Bswap});
    case OpFamily::Float:
      return one_of(op, {Opcode::FAdd, Opcode::FSub, Opcode::FMul, Opcode::FDiv, Opcode::FSqrt,
                         Opcode::FMulAdd, Opcode::FAbs, Opcode::FNeg});
    case OpFamily::FloatCompare:
      return one_of(op, {Opcode::FCmpEq, Opcode::FCmpLt, Opcode::FCmpLe, Opcode::FCmpUnordered,
                         Opcode::FCmpUeq});
    case OpFamily::Compare:
      return !wide && one_of(op, {Opcode::CmpEq, Opcode::CmpNe, Opcode::CmpLtS, Opcode::CmpLtU,
                                  Opcode::CmpLeS, Opcode::CmpLeU});
    case OpFamily::Flags:  // NzcvAdd, NzcvSub: i32/i64 operands (verifier)
      return true;
    case OpFamily::Convert:
      return !wide && one_of(op, {Opcode::ZExt, Opcode::SExt, Opcode::Trunc, Opcode::Bitcast});
    case OpFamily::Shift:  // named ops only (op_family.h), as are the families below
    case OpFamily::Select:
    case OpFamily::Atomic:
      return !wide;
    default:  // constants, state, memory (128-bit too), calls, exits: closed families
      return true;
  }
}

}  // namespace

Emitter::Emitter(const ir::Block& block, const CompileConfig& config, Assembler& as)
    : block_(block),
      config_(config),
      as_(as),
      features_(host_features()),
      guest_pc_(block.guest_pc) {}

std::string Emitter::unsupported_reason() const {
  for (const ir::Inst& inst : block_.insts)
    if (!native(block_, inst, features_) && !common::pure_call_lowerable(inst))
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
  return native(block_, block_.insts[i], features_);
}

}  // namespace xisa::backend::riscv64
