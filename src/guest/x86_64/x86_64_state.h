// x86-64 user-mode state, as the IR reads and writes it (GetReg/SetReg at these offsets).
// Arithmetic flags are kept lazily (see frontend/x86_64/flags.h): the last flag-producing
// operation and its operands, from which any flag can be recomputed on demand.
#pragma once

#include <cstddef>
#include <cstdint>

#include "guest/cpu_header.h"
#include "guest/fp_status_layout.h"

namespace xisa::x86_64 {

// Register numbers as in the ModRM/REX encoding.
enum Gpr : unsigned { kRax, kRcx, kRdx, kRbx, kRsp, kRbp, kRsi, kRdi };

// One 80-bit x87 register: 64-bit significand with explicit integer bit, sign+15-bit exponent.
struct Float80 {
  uint64_t mantissa;
  uint16_t sign_exponent;
  uint16_t pad[3];
};

inline constexpr unsigned kXmmRegs = 16, kYmmHighSlot = 16, kVecScratchSlot = 32, kVecSlots = 35;

struct X86_64State {
  CpuHeader header;  // header.pc is rip
  uint64_t gpr[16];
  // Lazy arithmetic flags: cc_op = CcKind | (log2(operand bytes) << 4); see flags.h.
  uint64_t cc_op;
  uint64_t cc_src1;
  uint64_t cc_src2;
  uint64_t cc_res;
  uint64_t df;            // direction flag, 0 or 1
  uint64_t rflags_other;  // the non-arithmetic RFLAGS bits POPF may set (AC, ID), DF excluded
  uint64_t fs_base;
  uint64_t gs_base;
  // 128-bit vector slots, low quadword first: XMMr (the low half of YMMr) in slot r, YMMr's
  // upper half in slot kYmmHighSlot + r, then the scratch slots of a VEX instruction: its
  // destination's two halves and a widened source's upper part.
  alignas(16) uint64_t vec[kVecSlots][2];
  uint32_t mxcsr;
  // x87: physical registers; st(i) is st_regs[(ftop + i) & 7]. MMX register i is the
  // significand of st_regs[i] (physical, not relative to TOP).
  uint16_t fcw;
  uint16_t fsw;  // without TOP, which lives in ftop
  uint16_t ftw;  // abridged tag word as FXSAVE stores it: bit i set = register i valid
  uint8_t ftop;
  uint8_t pad0[5];
  Float80 st_regs[8];
};

constexpr uint32_t gpr_offset(unsigned r) {
  return static_cast<uint32_t>(offsetof(X86_64State, gpr) + 8 * r);
}
// Vector slot r (XMMr for r < 16; see X86_64State::vec).
constexpr uint32_t xmm_offset(unsigned r) {
  return static_cast<uint32_t>(offsetof(X86_64State, vec) + 16 * r);
}
// MMX register r: the significand of physical x87 register r; its sign and exponent bits follow.
constexpr uint32_t mmx_offset(unsigned r) {
  return static_cast<uint32_t>(offsetof(X86_64State, st_regs) + sizeof(Float80) * r);
}
constexpr uint32_t mmx_exponent_offset(unsigned r) {
  return mmx_offset(r) + static_cast<uint32_t>(offsetof(Float80, sign_exponent));
}
#define XISA_X86_FIELD(name) static_cast<uint32_t>(offsetof(::xisa::x86_64::X86_64State, name))

inline constexpr uint32_t kDefaultMxcsr = 0x1f80;  // all exceptions masked, round to nearest
inline constexpr uint16_t kDefaultFcw = 0x037f;    // extended precision, all masked

// MXCSR's flags: IE, ZE, OE, UE, PE, DE.
inline constexpr FpStatusLayout kFpStatus{
    static_cast<uint32_t>(offsetof(X86_64State, mxcsr)), 1, 4, 8, 16, 32, 2};

}  // namespace xisa::x86_64
