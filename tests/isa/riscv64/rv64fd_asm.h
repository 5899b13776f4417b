// The F and D instructions for the tests' RV64 assembler (rv64_asm.h), written from the ISA
// manual's opcode map (Volume I, "RV32/64G Instruction Set Listings"). rv64fd_asm_test.cpp
// checks the words against riscv64-linux-gnu-as. Operands in assembly order; rm last.
#pragma once

#include "rv64_asm.h"

namespace xisa::riscv64::testing::rvasm {

inline constexpr unsigned kRne = 0, kRtz = 1, kRdn = 2, kRup = 3, kRmm = 4, kDyn = 7;

struct FpRoundedType {  // op rd, rs1, rs2, rm (fadd, fsub, fmul, fdiv)
  uint32_t funct7;
  constexpr uint32_t operator()(unsigned rd, unsigned rs1, unsigned rs2, unsigned rm) const {
    return funct7 << 25 | rs2 << 20 | rs1 << 15 | rm << 12 | rd << 7 | 0x53;
  }
};
struct FpUnaryType {  // op rd, rs1, rm (fsqrt, fcvt): rs2 selects the operation
  uint32_t funct7, rs2;
  constexpr uint32_t operator()(unsigned rd, unsigned rs1, unsigned rm) const {
    return funct7 << 25 | rs2 << 20 | rs1 << 15 | rm << 12 | rd << 7 | 0x53;
  }
};
struct FpMoveType {  // op rd, rs1 (fmv, fclass): fixed funct3
  uint32_t funct7, funct3;
  constexpr uint32_t operator()(unsigned rd, unsigned rs1) const {
    return funct7 << 25 | rs1 << 15 | funct3 << 12 | rd << 7 | 0x53;
  }
};
struct FpFusedType {  // op rd, rs1, rs2, rs3, rm; fmt 0 = S, 1 = D
  uint32_t opcode, fmt;
  constexpr uint32_t operator()(unsigned rd, unsigned rs1, unsigned rs2, unsigned rs3,
                                unsigned rm) const {
    return rs3 << 27 | fmt << 25 | rs2 << 20 | rs1 << 15 | rm << 12 | rd << 7 | opcode;
  }
};

inline constexpr IType flw{2, 0x07}, fld{3, 0x07};
inline constexpr SType fsw{2, 0x27}, fsd{3, 0x27};
inline constexpr FpFusedType fmadd_s{0x43, 0}, fmsub_s{0x47, 0}, fnmsub_s{0x4b, 0},
    fnmadd_s{0x4f, 0}, fmadd_d{0x43, 1}, fmsub_d{0x47, 1}, fnmsub_d{0x4b, 1}, fnmadd_d{0x4f, 1};
// funct7 low bits are the format (00 = S, 01 = D).
inline constexpr FpRoundedType fadd_s{0x00}, fsub_s{0x04}, fmul_s{0x08}, fdiv_s{0x0c}, fadd_d{0x01},
    fsub_d{0x05}, fmul_d{0x09}, fdiv_d{0x0d};
inline constexpr FpUnaryType fsqrt_s{0x2c, 0}, fsqrt_d{0x2d, 0};
inline constexpr RType fsgnj_s{0x10, 0, 0x53}, fsgnjn_s{0x10, 1, 0x53}, fsgnjx_s{0x10, 2, 0x53},
    fsgnj_d{0x11, 0, 0x53}, fsgnjn_d{0x11, 1, 0x53}, fsgnjx_d{0x11, 2, 0x53}, fmin_s{0x14, 0, 0x53},
    fmax_s{0x14, 1, 0x53}, fmin_d{0x15, 0, 0x53}, fmax_d{0x15, 1, 0x53}, feq_s{0x50, 2, 0x53},
    flt_s{0x50, 1, 0x53}, fle_s{0x50, 0, 0x53}, feq_d{0x51, 2, 0x53}, flt_d{0x51, 1, 0x53},
    fle_d{0x51, 0, 0x53};
inline constexpr FpUnaryType fcvt_w_s{0x60, 0}, fcvt_wu_s{0x60, 1}, fcvt_l_s{0x60, 2},
    fcvt_lu_s{0x60, 3}, fcvt_w_d{0x61, 0}, fcvt_wu_d{0x61, 1}, fcvt_l_d{0x61, 2},
    fcvt_lu_d{0x61, 3}, fcvt_s_w{0x68, 0}, fcvt_s_wu{0x68, 1}, fcvt_s_l{0x68, 2},
    fcvt_s_lu{0x68, 3}, fcvt_d_w{0x69, 0}, fcvt_d_wu{0x69, 1}, fcvt_d_l{0x69, 2},
    fcvt_d_lu{0x69, 3}, fcvt_s_d{0x20, 1}, fcvt_d_s{0x21, 0};
inline constexpr FpMoveType fmv_x_w{0x70, 0}, fclass_s{0x70, 1}, fmv_w_x{0x78, 0}, fmv_x_d{0x71, 0},
    fclass_d{0x71, 1}, fmv_d_x{0x79, 0};

}  // namespace xisa::riscv64::testing::rvasm
