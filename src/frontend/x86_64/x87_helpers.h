// The x87 FPU for long double: one helper runs each x87 instruction on the guest state's
// register stack (X86_64State::st_regs, ftop, ftw, fsw, fcw).
//
// Arithmetic: on an x86-64 host the host's own x87 computes on the 80-bit values under the
// guest's control word (precision and rounding exact); on other hosts the basic operations
// (FADD/FSUB/FMUL/FDIV/FSQRT/FRNDINT, FCOM/FUCOM/FTST, FLD/FST m32/m64, FILD/FIST/FISTTP) use
// the software 80-bit arithmetic (x87_soft.h, bit-exact), and the rest (transcendentals,
// FSCALE, FPREM, FXTRACT, FCHS/FABS) the host's binary128 long double, which can differ from
// the x87 in the last bit and does not keep NaN payloads.
#pragma once

#include <cstdint>

#include "ir/helpers.h"

namespace xisa::x86_64 {

enum class X87Op : uint8_t {
  Load,
  LoadConst,
  Store,
  StoreInt,
  StoreIntTrunc,
  Add,
  Sub,
  Mul,
  Div,  // with X87Desc::reverse for FSUBR/FDIVR
  Compare,
  CompareUnordered,
  CompareFlags,
  CompareFlagsUnordered,
  Test,
  Examine,
  Chs,
  Abs,
  Sqrt,
  RoundInt,
  Scale,
  Prem,
  Prem1,
  Extract,
  LoadBcd,   // FBLD
  StoreBcd,  // FBSTP
  F2xm1,
  Yl2x,
  Yl2xp1,
  Ptan,
  Patan,
  Sin,
  Cos,
  SinCos,
  Exchange,
  Free,
  IncStp,
  DecStp,
  CondMove,
  StoreStatus,
  StoreControl,
  LoadControl,
  Init,
  ClearExceptions,
  StoreEnv,
  LoadEnv,
  Save,
  Restore,
  FxSave,
  FxRestore,
};

// Where the operand of an x87 instruction comes from. Image16: FNSTENV/FLDENV/FNSAVE/FRSTOR
// with an operand-size prefix, whose memory image has the 16-bit layout (see x87_helpers.cpp).
enum class X87Form : uint8_t { None, F32, F64, F80, I16, I32, I64, Sti, Image16 };

struct X87Desc {
  X87Op op;
  X87Form form;
  uint8_t dst;       // st(dst) receives the result (arithmetic); the register operand otherwise
  uint8_t src;       // st(src) when form is Sti
  uint8_t pops;      // stack pops after the operation
  bool reverse;      // FSUBR/FDIVR: src op dst
  uint8_t constant;  // LoadConst: 0 one, 1 l2t, 2 l2e, 3 pi, 4 lg2, 5 ln2, 6 zero

  constexpr uint64_t pack() const {
    return static_cast<uint64_t>(op) | (static_cast<uint64_t>(form) << 8) | (uint64_t{dst} << 16) |
           (uint64_t{src} << 24) | (uint64_t{pops} << 32) | (uint64_t{reverse} << 40) |
           (uint64_t{constant} << 48);
  }
  static X87Desc unpack(uint64_t v) {
    return {static_cast<X87Op>(v & 0xff),           static_cast<X87Form>((v >> 8) & 0xff),
            static_cast<uint8_t>((v >> 16) & 0xff), static_cast<uint8_t>((v >> 24) & 0xff),
            static_cast<uint8_t>((v >> 32) & 0xff), ((v >> 40) & 1) != 0,
            static_cast<uint8_t>((v >> 48) & 0xff)};
  }
};

// x86_x87(state, desc, address, arg): address is the memory operand (0 when none); arg is the
// condition for CondMove. Returns RFLAGS bits for CompareFlags*, the status word for
// StoreStatus, else 0.
extern const ir::HelperInfo kX87Helper;

}  // namespace xisa::x86_64
