// The state one x86-64 instruction is lifted with: the decoded instruction (Zydis), operand
// access with the partial-register rules, effective addresses, and the lazy flag state known at
// lift time. Handlers (translate_*.cpp, listed in x86_table.inc) return false when they cannot
// lift the instruction; the guest then gets SIGILL.
#pragma once

#include <Zydis/Zydis.h>

#include <cstdint>

#include "frontend/x86_64/flags_formulas.h"
#include "guest/x86_64/x86_64_state.h"
#include "ir/builder.h"

namespace xisa::x86_64 {

// An integer constant of type t. The IR keeps Const values masked to their type (constant
// folding reads them as stored), so every constant the lifter makes goes through here.
inline ir::Value int_const(ir::Builder& b, ir::Type t, uint64_t v) {
  const unsigned bits = ir::type_bits(t);
  return b.constant(t, bits >= 64 ? v : v & ((uint64_t{1} << bits) - 1));
}

struct Insn {
  ZydisDecodedInstruction d;
  ZydisDecodedOperand op[ZYDIS_MAX_OPERAND_COUNT];
  uint64_t pc = 0;
  uint64_t next_pc() const { return pc + d.length; }
  bool has(uint64_t attribute) const { return (d.attributes & attribute) != 0; }
  // The condition of Jcc/SETcc/CMOVcc: the low nibble of the opcode in every encoding.
  Cond cond() const { return static_cast<Cond>(d.opcode & 15); }
};

class Lifter;
using LiftFn = bool (*)(Lifter&);

class Lifter {
 public:
  explicit Lifter(ir::Builder& builder) : b(builder) {}

  ir::Builder& b;
  const Insn* in = nullptr;
  bool slow_path = false;      // FP on the exact (helper) path only: no guarded fast path
  bool track_inexact = false;  // FP fast paths run with the inexact flag clear (FpFastPath)

  // Starts lifting one instruction.
  void begin(const Insn* insn);
  // Whether the instruction names a register class no handler knows (checked by begin), or an
  // operand accessor met an operand it cannot handle (a register class or operand type the
  // handler did not expect). The frontend then drops the lift and raises SIGILL, so no operand
  // can become a stray state offset or a missing IR value.
  bool refused() const { return refused_; }
  // Emits what comes before the handler's IR: an MMX instruction's #MF check.
  void prologue();
  // Completes a lifted instruction: an MMX instruction puts the x87 unit in MMX mode.
  void finish();

  const ZydisDecodedOperand& op(unsigned i) const { return in->op[i]; }
  unsigned bits(unsigned i) const { return in->op[i].size; }
  ir::Type type(unsigned i) const { return ir::int_type_of_bits(in->op[i].size); }

  // General-purpose registers. Writing 32 bits zero-extends to 64; 8 and 16 bits merge.
  ir::Value gpr(unsigned r, ir::Type t = ir::Type::I64);
  void set_gpr(unsigned r, ir::Value v);
  ir::Value read_reg(ZydisRegister reg);
  void write_reg(ZydisRegister reg, ir::Value v);

  // Operand i (register, memory or immediate) at its own size; immediates sign-extended.
  ir::Value read(unsigned i);
  ir::Value read_as(unsigned i, ir::Type t);  // immediates/registers read at type t
  void write(unsigned i, ir::Value v);
  // VEX forms of SSE instructions (x86_table.inc's VEX_SSE rows) run through the SSE handler on
  // a legacy view of the instruction. When VEX.vvvv names a source, the view drops that operand
  // and the destination starts as its value: the SSE handler, which reads and writes its first
  // operand, then computes the VEX result. A 256-bit form runs the handler twice, on the low and
  // then the high 128-bit halves of every 256-bit operand (the YMM register's upper slot, or
  // memory 16 bytes on); 128-bit operands such as shift counts stay whole. Where a restart (a
  // guard exit to the exact FP path) could read a source the destination already overwrote, the
  // destination is computed in scratch slots and written last. A 128-bit form zeroes the upper
  // halves of the YMM registers it writes; legacy SSE forms leave them alone.
  // A 256-bit form's shape: Lanes, two independent halves; Widen, a half-width source whose
  // halves feed the destination's (VPMOVZXBW ymm, xmm); Narrow, a half-width destination filled
  // 64 bits per source half (VCVTPD2PS xmm, ymm). keep_vvvv: the handler is an AVX one that
  // takes the VEX operands as they are (FMA reads its destination and two sources); the
  // destination then starts as its own value.
  enum class VexShape : uint8_t { Lanes, Widen, Narrow };
  struct VexView {
    LiftFn handler;
    ZydisMnemonic mnemonic;  // the one the handler sees
    VexShape shape;
    bool keep_vvvv;
  };
  bool lift_vex_view(const VexView& how);
  // Whether operand i is a YMM register or 256-bit memory; whether any visible operand is.
  bool is_256_operand(unsigned i) const;
  bool is_256() const;
  // 256-bit operands (and XMM ones, with zeros above) as two v128 halves, for the handlers of
  // AVX instructions that cross 128-bit lanes.
  ir::Value ymm_half(unsigned i, unsigned half);
  // Writes a YMM (or, zeroing the upper half as VEX does, an XMM) register.
  void set_ymm(unsigned i, ir::Value lo, ir::Value hi);
  // Register number of a vector register operand (XMM or YMM), or -1.
  int vector_reg(unsigned i) const;

  // XMM operands: whole registers as v128 (read_as(i, V128) also loads 128-bit memory).
  bool is_xmm(unsigned i) const;
  unsigned xmm_index(unsigned i);
  ir::Value xmm(unsigned i);
  void set_xmm(unsigned i, ir::Value v);
  // MMX operands (i64). MMi is the significand of physical x87 register i; writing it sets that
  // register's sign and exponent bits to all ones. An instruction with an MMX register operand
  // also sets TOP to 0 and every tag to valid (finish()); read_as and write handle MMX too.
  bool is_mmx(unsigned i) const;
  unsigned mmx_index(unsigned i);
  ir::Value mmx(unsigned i);
  void set_mmx(unsigned i, ir::Value v);
  // Packed-integer operands of the SSE and MMX forms alike, as v128. An instruction is in MMX
  // form when one of its operands is an MMX register: its register and memory operands are
  // then 64 bits, held in lane 0 with zeros above, and set_vec keeps lane 0.
  bool mmx_form() const { return mmx_form_; }
  unsigned vec_bits() const { return mmx_form_ ? 64 : 128; }
  bool is_vec_reg(unsigned i) const { return is_xmm(i) || is_mmx(i); }
  ir::Value vec(unsigned i);
  void set_vec(unsigned i, ir::Value v);
  // A 64-bit integer in lane 0 of an otherwise zero v128.
  ir::Value to_vec(ir::Value v64);
  // Effective address of memory operand i, with FS/GS base and 32-bit address size applied.
  ir::Value address(unsigned i);
  bool is_mem(unsigned i) const { return in->op[i].type == ZYDIS_OPERAND_TYPE_MEMORY; }
  bool is_reg(unsigned i) const { return in->op[i].type == ZYDIS_OPERAND_TYPE_REGISTER; }
  bool is_imm(unsigned i) const { return in->op[i].type == ZYDIS_OPERAND_TYPE_IMMEDIATE; }
  uint64_t imm8(unsigned i) const { return in->op[i].imm.value.u & 0xff; }

  // Stack.
  void push(ir::Value v);
  ir::Value pop(ir::Type t);

  // Flags. set_cc records a producer (storing it in the state); the readers compute from it.
  void set_cc(CcKind kind, ir::Value src1, ir::Value src2, ir::Value res);
  void set_eflags(ir::Value flags);  // all six arithmetic flags, i64 at RFLAGS positions
  // The six flags kind would give for these values, as i64; with cf valid, CF is replaced by it
  // (ADC, SBB, TZCNT).
  ir::Value eflags_with_cf(CcKind kind, ir::Value src1, ir::Value src2, ir::Value res,
                           ir::Value cf);
  ir::Value eflags_of(CcKind kind, ir::Value src1, ir::Value src2, ir::Value res) {
    return eflags_with_cf(kind, src1, src2, res, {});
  }
  // Replaces the flags in mask by bits (both i64, RFLAGS positions); the rest stay.
  void update_flags(uint64_t mask, ir::Value bits) {
    const ir::Value kept = b.and_(eflags(), b.imm64(~mask));
    set_eflags(b.or_(kept, bits));
  }
  ir::Value flag(FlagBit f);  // i8 0/1
  ir::Value cond(Cond c);     // i8 0/1
  ir::Value eflags();         // i64: the six arithmetic flags at their positions
  // A helper wrote the flag state: forget what was known at lift time.
  void forget_cc() { cc_.known = false; }

  ir::Value constant(ir::Type t, uint64_t v) { return int_const(b, t, v); }
  // Ends the block with a trap at this instruction.
  void trap(ir::TrapKind kind) { b.trap(kind, in->pc); }
  // #MF: an MMX instruction or a waiting x87 instruction first traps (SIGFPE) when the x87
  // status word holds an exception that the control word unmasks.
  void raise_pending_x87_exception();

 private:
  struct KnownCc {
    bool known = false;
    CcKind kind = CcKind::Eflags;
    unsigned bits = 64;
    ir::Value s1, s2, res;
  };
  void materialize_cc();
  // Marks the lift as refused; returns a zero of type t so the IR stays well formed until the
  // frontend drops it.
  ir::Value refuse(ir::Type t);
  KnownCc cc_;
  bool refused_ = false;
  // The state slot an operand's XMM register is read from and written to (kOwnSlot: its own).
  static constexpr uint8_t kOwnSlot = 0xff;
  uint8_t slot_[ZYDIS_MAX_OPERAND_COUNT];
  Insn view_{};  // the view lift_vex_view shows a handler
  // Copies vector slot `from` to `to` in pieces of type piece.
  void copy_slot(unsigned from, unsigned to, ir::Type piece);
  bool mmx_form_ = false;
  ir::Value addr_cache_[ZYDIS_MAX_OPERAND_COUNT];
};

#define INST(mnemonic, handler) bool lift_##handler(Lifter& l);
#define AVX_LANES(mnemonic, handler) INST(mnemonic, handler)
#include "frontend/x86_64/x86_table.inc"
#undef AVX_LANES
#undef INST

// SSE2 integer operations run by a helper (translate_sse_int_helpers.cpp), shared by handlers.
bool lift_sse_int_helper(Lifter& l);
// Calls helper(state, op | dst << 8 | imm8 << 16, src_lo, src_hi) for an instruction whose XMM
// destination (operand 0) the helper reads and writes in the state, with the 128-bit source
// operand 1 (register or memory) passed by value and imm8 from operand 2 when there is one.
void call_xmm_helper(Lifter& l, const ir::HelperInfo& helper, uint64_t op);

// Lifts the instruction l.begin() was given through its x86_table.inc row; false when no handler
// takes it (the guest then gets SIGILL).
bool lift_instruction(Lifter& l);

}  // namespace xisa::x86_64
