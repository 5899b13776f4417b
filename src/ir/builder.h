// Appends typed IR instructions to a Block. Frontends lift guest instructions through this.
#pragma once

#include <cassert>
#include <initializer_list>

#include "ir/block.h"
#include "ir/helpers.h"

namespace xisa::ir {

class Builder {
 public:
  // Room for a typical block up front: growing the vector instruction by instruction was a
  // tenth of translation time (each step copies it into fresh memory).
  explicit Builder(Block& block) : block_(block) { block_.insts.reserve(256); }

  Block& block() { return block_; }
  bool terminated() const {
    return !block_.insts.empty() && has_flag(block_.insts.back().op, kTerminator);
  }

  Value emit(Opcode op, Type type, std::initializer_list<Value> args, uint64_t imm = 0,
             uint64_t aux = 0);

  // values and state
  Value constant(Type t, uint64_t v) { return emit(Opcode::Const, t, {}, v); }
  Value imm64(uint64_t v) { return constant(Type::I64, v); }
  Value imm32(uint32_t v) { return constant(Type::I32, v); }
  Value imm8(uint8_t v) { return constant(Type::I8, v); }
  Value get_reg(Type t, uint32_t offset) { return emit(Opcode::GetReg, t, {}, offset); }
  void set_reg(uint32_t offset, Value v) { emit(Opcode::SetReg, v.type, {v}, offset); }
  void guest_insn(uint64_t pc) { emit(Opcode::GuestInsn, Type::Void, {}, pc); }

#define XISA_BINARY(fn, op)                  \
  Value fn(Value a, Value b) {               \
    return emit(Opcode::op, a.type, {a, b}); \
  }
  XISA_BINARY(add, Add)
  XISA_BINARY(sub, Sub)
  XISA_BINARY(mul, Mul)
  XISA_BINARY(mulhu, MulHiU)
  XISA_BINARY(mulhs, MulHiS)
  XISA_BINARY(mulhsu, MulHiSU)
  XISA_BINARY(divu, DivU)
  XISA_BINARY(divs, DivS)
  XISA_BINARY(remu, RemU)
  XISA_BINARY(rems, RemS)
  XISA_BINARY(and_, And)
  XISA_BINARY(or_, Or)
  XISA_BINARY(xor_, Xor)
  XISA_BINARY(shl, Shl)
  XISA_BINARY(shr, ShrL)
  XISA_BINARY(sar, ShrA)
  XISA_BINARY(rotl, RotL)
  XISA_BINARY(rotr, RotR)
#undef XISA_BINARY
#define XISA_UNARY(fn, op)                \
  Value fn(Value a) {                     \
    return emit(Opcode::op, a.type, {a}); \
  }
  XISA_UNARY(not_, Not)
  XISA_UNARY(neg, Neg)
  XISA_UNARY(clz, Clz)
  XISA_UNARY(ctz, Ctz)
  XISA_UNARY(popcnt, Popcnt)
  XISA_UNARY(bswap, Bswap)
#undef XISA_UNARY
#define XISA_COMPARE(fn, op)                   \
  Value fn(Value a, Value b) {                 \
    return emit(Opcode::op, Type::I8, {a, b}); \
  }
  XISA_COMPARE(eq, CmpEq)
  XISA_COMPARE(ne, CmpNe)
  XISA_COMPARE(lts, CmpLtS)
  XISA_COMPARE(ltu, CmpLtU)
  XISA_COMPARE(les, CmpLeS)
  XISA_COMPARE(leu, CmpLeU)
#undef XISA_COMPARE
  // Scalar IEEE arithmetic (f32/f64): op is FAdd, FSub, FMul, FDiv, FSqrt, FMulAdd, FAbs or FNeg.
  Value fp(Opcode op, std::initializer_list<Value> args) {
    return emit(op, args.begin()->type, args);
  }
  // op is FCmpEq, FCmpLt, FCmpLe, FCmpUnordered or FCmpUeq: i8 0 or 1.
  Value fcmp(Opcode op, Value a, Value b) {
    return emit(op, Type::I8, {a, b});
  }
  Value select(Value c, Value a, Value b) {
    return emit(Opcode::Select, a.type, {c, a, b});
  }

  Value zext(Type t, Value v) {
    return v.type == t ? v : emit(Opcode::ZExt, t, {v});
  }
  Value sext(Type t, Value v) {
    return v.type == t ? v : emit(Opcode::SExt, t, {v});
  }
  Value trunc(Type t, Value v) {
    return v.type == t ? v : emit(Opcode::Trunc, t, {v});
  }
  Value bitcast(Type t, Value v) {
    return v.type == t ? v : emit(Opcode::Bitcast, t, {v});
  }

  Value load(Type t, Value addr, uint64_t flags = 0) {
    return emit(Opcode::Load, t, {addr}, flags);
  }
  void store(Value addr, Value v, uint64_t flags = 0) {
    emit(Opcode::Store, v.type, {addr, v}, flags);
  }
  Value atomic_rmw(AtomicOp op, Value addr, Value v) {
    return emit(Opcode::AtomicRmw, v.type, {addr, v}, static_cast<uint64_t>(op));
  }
  Value atomic_cas(Value addr, Value expected, Value desired) {
    return emit(Opcode::AtomicCas, expected.type, {addr, expected, desired});
  }
  void fence(FenceKind k) {
    if (k == FenceKind::Instruction) block_.flushes_code = true;
    emit(Opcode::Fence, Type::Void, {}, static_cast<uint64_t>(k));
  }

  Value call(const HelperInfo& h, std::initializer_list<Value> args) {
    return emit(Opcode::CallHelper, Type::I64, args, reinterpret_cast<uint64_t>(&h));
  }

  // v128 ops (ops.def "vectors"); lane = lane width in bits.
  Value vconst(uint64_t lo, uint64_t hi) {
    return emit(Opcode::Const, Type::V128, {}, lo, hi);
  }
  Value vbinary(Opcode op, unsigned lane, Value a, Value b, uint64_t aux = 0) {
    return emit(op, Type::V128, {a, b}, lane, aux);
  }
  Value vunary(Opcode op, unsigned lane, Value a, uint64_t aux = 0) {
    return emit(op, Type::V128, {a}, lane, aux);
  }
  Value vternary(Opcode op, Value a, Value b, Value c) {
    return emit(op, Type::V128, {a, b, c}, 8);
  }
  Value vdup(unsigned lane, Value scalar) {
    return emit(Opcode::VDup, Type::V128, {scalar}, lane);
  }
  Value vextract_lane(Type t, unsigned lane, Value v, unsigned index) {
    return emit(Opcode::VExtractLane, t, {v}, lane, index);
  }
  Value vinsert_lane(unsigned lane, Value v, Value scalar, unsigned index) {
    return emit(Opcode::VInsertLane, Type::V128, {v, scalar}, lane, index);
  }
  // A v128 from two i64 halves (lo = bits 63:0).
  Value vfrom_halves(Value lo, Value hi) {
    return vinsert_lane(64, vinsert_lane(64, vconst(0, 0), lo, 0), hi, 1);
  }
  Value vreduce(Opcode op, Type t, unsigned lane, Value v) {
    return emit(op, t, {v}, lane);
  }

  void jump(uint64_t target) {
    emit(Opcode::Jump, Type::Void, {}, target);
  }
  void branch(Value cond, uint64_t taken, uint64_t not_taken) {
    emit(Opcode::Branch, Type::Void, {cond}, taken, not_taken);
  }
  void jump_indirect(Value target) {
    emit(Opcode::JumpIndirect, Type::Void, {target});
  }
  void syscall(uint64_t next_pc) {
    emit(Opcode::Syscall, Type::Void, {}, next_pc);
  }
  // Leaves the block with a trap at pc when cond (i8) is nonzero; execution goes on otherwise.
  void trap_if(Value cond, TrapKind kind, uint64_t pc) {
    emit(Opcode::TrapIf, Type::Void, {cond}, pc, static_cast<uint64_t>(kind));
  }
  // Leaves the block for guest pc `target` when cond (i8) is nonzero (a conditional branch
  // inside a block: the block goes on at the fall-through).
  void exit_if(Value cond, uint64_t target) {
    emit(Opcode::ExitIf, Type::Void, {cond}, target);
  }
  void trap(TrapKind kind, uint64_t pc) {
    emit(Opcode::Trap, Type::Void, {}, pc, static_cast<uint64_t>(kind));
  }

 private:
  Block& block_;
};

}  // namespace xisa::ir
