// Lifting patterns the F and D translators share; templates over float and double so each
// instruction's handler names its format and operation and nothing else.
#pragma once

#include <type_traits>

#include "frontend/common/fp_fast_path.h"
#include "frontend/riscv64/fields.h"
#include "frontend/riscv64/fp_format.h"
#include "frontend/riscv64/fp_helpers.h"
#include "frontend/riscv64/lifter.h"

namespace xisa::riscv64::fp {

// Formats the host computes in, so the guarded fast path can take them (not Zfh's halves).
template <typename T>
inline constexpr bool kHostFormat = !std::is_same_v<T, Half>;

// How an instruction feeds its helper: the source registers (as 64-bit images), where rd
// lives, and whether funct3 is a rounding mode. A reserved rm (5, 6) makes it illegal.
enum class Src : uint8_t { F1, F1F2, X1 };  // f[rs1]; f[rs1], f[rs2]; x[rs1]
enum class Dest : uint8_t { F, X };
struct HelperCall {
  Src src;
  Dest dest;
  bool has_rm;
};

// Checks an instruction's rm field: false (illegal) for the reserved 5 and 6. A dynamic rm (7)
// is illegal too when frm holds a reserved value at run time: that becomes a guarded trap.
inline bool check_rounding_mode(Lifter& l, unsigned rm) {
  if (!is_valid_rm_field(rm)) return false;
  if (rm == kDyn) {
    ir::Builder& b = l.b;
    const ir::Value frm = b.get_reg(ir::Type::I32, offsetof(Riscv64State, frm));
    b.trap_if(b.ltu(b.imm32(kRmm), frm), ir::TrapKind::IllegalInstruction, l.pc);
  }
  return true;
}

// Every F/D instruction but the bit moves and the fused multiply-adds.
template <typename T>
bool lift_helper_call(Lifter& l, uint32_t insn, FpOp op, HelperCall call) {
  const unsigned rm = funct3(insn);
  if (call.has_rm && !check_rounding_mode(l, rm)) return false;
  ir::Builder& b = l.b;
  ir::Value args[3];
  unsigned n = 0;
  args[n++] = call.src == Src::X1 ? l.x(rs1(insn)) : l.f(rs1(insn));
  if (call.src == Src::F1F2) args[n++] = l.f(rs2(insn));
  if (call.has_rm) args[n++] = b.imm64(rm);
  ir::Value result;
  switch (n) {
    case 1:
      result = b.call(helper<T>(op), {args[0]});
      break;
    case 2:
      result = b.call(helper<T>(op), {args[0], args[1]});
      break;
    default:
      result = b.call(helper<T>(op), {args[0], args[1], args[2]});
      break;
  }
  if (call.dest == Dest::F)
    l.set_f(rd(insn), result);
  else
    l.set_x(rd(insn), result);  // the call stays even for x0: it raises flags
  return true;
}

// --- the guarded fast path (frontend/common/fp_fast_path.h) ---

// Whether an instruction with this rm can take it: RNE, or dynamic (then frm must be RNE).
inline bool fast_rm(unsigned rm) {
  return rm == kRne || rm == kDyn;
}

// Its environment: the rounding is RNE (static, or frm = 0 for a dynamic rm). RISC-V flushes
// nothing and traps nothing. It raises fflags.NX (bit 0).
inline ir::Value fast_env(Lifter& l, unsigned rm) {
  ir::Builder& b = l.b;
  if (rm != kDyn) return b.imm8(1);
  return b.eq(b.get_reg(ir::Type::I32, offsetof(Riscv64State, frm)), b.imm32(kRne));
}
inline constexpr frontend::InexactFlag kFflagsInexact{offsetof(Riscv64State, fflags), 0};

// f[r] as a T. A single must be NaN-boxed (else it reads as the canonical NaN): the guard
// requires the box.
template <typename T>
ir::Value fast_operand(Lifter& l, frontend::FpFastPath& fast, unsigned r) {
  ir::Builder& b = l.b;
  const ir::Value v = l.f(r);
  if constexpr (sizeof(T) == 8) {
    return frontend::fp_value(b, ir::Type::F64, v);
  } else {
    fast.require(b.eq(b.shr(v, b.imm64(32)), b.imm64(0xffffffff)));
    return frontend::fp_value(b, ir::Type::F32, b.trunc(ir::Type::I32, v));
  }
}

// A T result as the 64-bit image f registers hold (singles NaN-boxed).
template <typename T>
ir::Value fast_image(Lifter& l, ir::Value r) {
  ir::Builder& b = l.b;
  const ir::Value bits = frontend::fp_bits(b, r);
  if constexpr (sizeof(T) == 8) return bits;
  return b.or_(b.zext(ir::Type::I64, bits), b.imm64(0xffffffff00000000));
}

// FADD, FSUB, FMUL, FDIV (two sources) and FSQRT (one), fast. The rm check comes first.
template <typename T>
void lift_fast_rounded(Lifter& l, uint32_t insn, ir::Opcode op) {
  const unsigned rm = funct3(insn);
  frontend::FpFastPath fast(l.b, fast_env(l, rm), l.pc, frontend::kRiscv64FpRules, &kFflagsInexact,
                            l.track_inexact);
  const ir::Value a = fast_operand<T>(l, fast, rs1(insn));
  const ir::Value r = op == ir::Opcode::FSqrt
                          ? fast.apply(op, {a})
                          : fast.apply(op, {a, fast_operand<T>(l, fast, rs2(insn))});
  fast.guard();
  l.set_f(rd(insn), fast_image<T>(l, r));
}

}  // namespace xisa::riscv64::fp
