// The state one A64 instruction is lifted with, shared helpers (registers, flags, conditions,
// vector registers), and the lift_<name> handlers of a64_table.inc. Handlers return false for
// an unallocated or unimplemented encoding (the guest gets SIGILL).
#pragma once

#include <cstdint>

#include "frontend/aarch64/fields.h"
#include "guest/aarch64/aarch64_state.h"
#include "ir/builder.h"

namespace xisa::aarch64 {

using ir::Opcode;
using ir::Type;
using ir::Value;

struct Lifter {
  ir::Builder& b;
  uint64_t pc = 0;             // address of the instruction being lifted
  bool slow_path = false;      // FP on the exact (helper) path only: no guarded fast path
  bool track_inexact = false;  // FP fast paths run with the inexact flag clear (FpFastPath)

  uint64_t next_pc() const { return pc + 4; }
  static Type int_type(bool sf) { return sf ? Type::I64 : Type::I32; }

  // --- general registers: r 31 is XZR here; the *_sp forms read or write SP instead ---
  Value x(unsigned r) { return r == 31 ? b.imm64(0) : b.get_reg(Type::I64, x_offset(r)); }
  Value x_sp(unsigned r) { return b.get_reg(Type::I64, x_offset(r)); }
  // The register as a value of the operation's width (i32 for W registers).
  Value reg(bool sf, unsigned r) { return sf ? x(r) : b.trunc(Type::I32, x(r)); }
  Value reg_sp(bool sf, unsigned r) { return sf ? x_sp(r) : b.trunc(Type::I32, x_sp(r)); }
  // Writes an i32 (zero-extended, as every W write is) or i64 value.
  void set_x(unsigned r, Value v) {
    if (r != 31) b.set_reg(x_offset(r), b.zext(Type::I64, v));
  }
  void set_x_sp(unsigned r, Value v) { b.set_reg(x_offset(r), b.zext(Type::I64, v)); }
  Value imm(bool sf, uint64_t v) { return b.constant(int_type(sf), sf ? v : v & 0xffffffffu); }

  // --- flags ---
  void set_nzcv(Value n, Value z, Value c, Value v) {
    b.set_reg(kOffN, n);
    b.set_reg(kOffZ, z);
    b.set_reg(kOffC, c);
    b.set_reg(kOffV, v);
    last_compare_ = {};
  }
  // N and Z of a result, C = V = 0 (logical ops).
  void set_nz_clear_cv(Value result);
  // a + b + carry with AddWithCarry's flags when set_flags; carry is an i8 0/1 value.
  Value add_with_carry(Value a, Value b_, Value carry, bool set_flags);
  // ADDS / SUBS (and CMN / CMP): AddWithCarry with a constant carry, in the short form.
  Value add_sub_flags(Value a, Value m, bool sub);
  // ConditionHolds(cond) as an i8 0/1. After a SUBS/CMP earlier in the block, the condition
  // is the compare of its operands itself (which the JIT fuses with the branch) instead of a
  // formula over the four flag bits.
  Value condition(unsigned cond);
  // NZCV from a 4-bit immediate (CCMP and friends).
  void set_nzcv_imm(unsigned nzcv) {
    set_nzcv(b.imm8((nzcv >> 3) & 1), b.imm8((nzcv >> 2) & 1), b.imm8((nzcv >> 1) & 1),
             b.imm8(nzcv & 1));
  }

  // --- SIMD&FP registers (V0..V31, 128 bits) ---
  Value v(unsigned r) { return b.get_reg(Type::V128, v_offset(r)); }
  void set_v(unsigned r, Value val) { b.set_reg(v_offset(r), val); }
  // The low `bits` of V[r] as an integer of that width (B, H, S, D scalar views).
  // Scalars are read and written as the register's low 64 bits (and a zero high half), so a
  // scalar result forwards to the next instruction's read inside a block.
  Value v_scalar(unsigned r, unsigned bits) {
    return b.trunc(ir::int_type_of_bits(bits), b.get_reg(Type::I64, v_offset(r)));
  }
  // Writes an integer scalar to V[r], zeroing the rest of the register.
  void set_v_scalar(unsigned r, Value val) {
    if (val.type == Type::V128) return set_v(r, val);
    b.set_reg(v_offset(r), b.zext(Type::I64, val));
    b.set_reg(v_offset(r) + 8, b.imm64(0));
  }
  // Clears the upper 64 bits of a vector result when Q == 0 (64-bit arrangement).
  Value clear_upper_if(bool q, Value val) {
    if (q) return val;
    return b.vbinary(Opcode::VAnd, 64, val, b.vconst(~uint64_t{0}, 0));
  }
  Value vzero() { return b.vconst(0, 0); }
  // A 64-bit integer as a v128 with a zero upper half.
  Value v_from_i64(Value val) { return b.bitcast(Type::V128, b.zext(Type::I128, val)); }
  Value v_lo64(Value vec) { return b.vextract_lane(Type::I64, 64, vec, 0); }

  // The SUBS/CMP whose flags are current, while no other instruction has set them (public
  // only so that Lifter stays an aggregate).
  struct Compare {
    Value a, m;
    bool valid = false;
  };
  Compare last_compare_{};
  Value compare_condition(unsigned cond) const;
};

using LiftFn = bool (*)(Lifter&, uint32_t insn);

#define INST(name, pattern) bool lift_##name(Lifter& l, uint32_t insn);
#include "frontend/aarch64/a64_table.inc"
#undef INST

// The handler for an instruction word, or nullptr when it is not a decodable A64 instruction.
LiftFn decode_a64(uint32_t insn, const char** name = nullptr);

// Shared by several translators.
// The value of register rm shifted by `shift` (LSL, LSR, ASR, ROR) by amount.
Value shifted_reg(Lifter& l, bool sf, unsigned rm, unsigned shift, unsigned amount);
// ExtendReg: register rm extended by option (UXTB..SXTX), then shifted left by amount.
Value extended_reg(Lifter& l, bool sf, unsigned rm, unsigned option, unsigned amount);

}  // namespace xisa::aarch64
