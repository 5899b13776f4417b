// A tiny RV64 assembler for tests: one function object per mnemonic, written from the ISA
// manual's format tables (Volume I, chapter 24), so a test reads `add(7, 5, 6)` instead of a
// hex word. rv64_asm_test.cpp checks its output against words produced by riscv64-linux-gnu-as.
// Operand order follows assembly syntax: rd first, then sources; stores/branches as written.
#pragma once

#include <cstdint>

namespace xisa::riscv64::testing::rvasm {

constexpr uint32_t field(int64_t v, unsigned lo, unsigned len, unsigned at) {
  return ((static_cast<uint32_t>(v) >> lo) & ((1u << len) - 1)) << at;
}

struct RType {  // op rd, rs1, rs2
  uint32_t funct7, funct3, opcode;
  constexpr uint32_t operator()(unsigned rd, unsigned rs1, unsigned rs2) const {
    return funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
  }
};
struct IType {  // op rd, rs1, imm  (loads: op rd, imm(rs1); shifts: imm = shamt)
  uint32_t funct3, opcode, imm_high = 0;  // imm_high: SRAI's bit 30 and friends
  constexpr uint32_t operator()(unsigned rd, unsigned rs1, int64_t imm) const {
    return (imm_high | field(imm, 0, 12, 20)) | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
  }
};
struct SType {  // op rs2, imm(rs1)
  uint32_t funct3, opcode;
  constexpr uint32_t operator()(unsigned rs2, int64_t imm, unsigned rs1) const {
    return field(imm, 5, 7, 25) | rs2 << 20 | rs1 << 15 | funct3 << 12 | field(imm, 0, 5, 7) |
           opcode;
  }
};
struct BType {  // op rs1, rs2, offset
  uint32_t funct3;
  constexpr uint32_t operator()(unsigned rs1, unsigned rs2, int64_t off) const {
    return field(off, 12, 1, 31) | field(off, 5, 6, 25) | rs2 << 20 | rs1 << 15 | funct3 << 12 |
           field(off, 1, 4, 8) | field(off, 11, 1, 7) | 0x63;
  }
};
struct UType {  // op rd, imm20
  uint32_t opcode;
  constexpr uint32_t operator()(unsigned rd, uint32_t imm20) const {
    return (imm20 & 0xfffff) << 12 | rd << 7 | opcode;
  }
};
struct JType {  // jal rd, offset
  constexpr uint32_t operator()(unsigned rd, int64_t off) const {
    return field(off, 20, 1, 31) | field(off, 1, 10, 21) | field(off, 11, 1, 20) |
           field(off, 12, 8, 12) | rd << 7 | 0x6f;
  }
};
struct AmoType {  // op rd, rs2, (rs1); LR: rs2 = 0
  uint32_t funct5, funct3;
  constexpr uint32_t operator()(unsigned rd, unsigned rs2, unsigned rs1, bool aq = false,
                                bool rl = false) const {
    return funct5 << 27 | uint32_t{aq} << 26 | uint32_t{rl} << 25 | rs2 << 20 | rs1 << 15 |
           funct3 << 12 | rd << 7 | 0x2f;
  }
};
struct CsrType {  // op rd, csr, rs1 (or uimm for the *I forms)
  uint32_t funct3;
  constexpr uint32_t operator()(unsigned rd, unsigned csr, unsigned rs1) const {
    return csr << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | 0x73;
  }
};

// RV64I
inline constexpr UType lui{0x37}, auipc{0x17};
inline constexpr JType jal{};
inline constexpr IType jalr{0, 0x67};
inline constexpr BType beq{0}, bne{1}, blt{4}, bge{5}, bltu{6}, bgeu{7};
inline constexpr IType lb{0, 0x03}, lh{1, 0x03}, lw{2, 0x03}, ld{3, 0x03}, lbu{4, 0x03},
    lhu{5, 0x03}, lwu{6, 0x03};
inline constexpr SType sb{0, 0x23}, sh{1, 0x23}, sw{2, 0x23}, sd{3, 0x23};
inline constexpr IType addi{0, 0x13}, slti{2, 0x13}, sltiu{3, 0x13}, xori{4, 0x13}, ori{6, 0x13},
    andi{7, 0x13}, slli{1, 0x13}, srli{5, 0x13}, srai{5, 0x13, 0x40000000};
inline constexpr RType add{0, 0, 0x33}, sub{0x20, 0, 0x33}, sll{0, 1, 0x33}, slt{0, 2, 0x33},
    sltu{0, 3, 0x33}, xor_{0, 4, 0x33}, srl{0, 5, 0x33}, sra{0x20, 5, 0x33}, or_{0, 6, 0x33},
    and_{0, 7, 0x33};
inline constexpr IType addiw{0, 0x1b}, slliw{1, 0x1b}, srliw{5, 0x1b}, sraiw{5, 0x1b, 0x40000000};
inline constexpr RType addw{0, 0, 0x3b}, subw{0x20, 0, 0x3b}, sllw{0, 1, 0x3b}, srlw{0, 5, 0x3b},
    sraw{0x20, 5, 0x3b};
inline constexpr uint32_t kFence = 0x0ff0000f, kFenceI = 0x0000100f, kEcall = 0x00000073,
                          kEbreak = 0x00100073;

// M
inline constexpr RType mul{1, 0, 0x33}, mulh{1, 1, 0x33}, mulhsu{1, 2, 0x33}, mulhu{1, 3, 0x33},
    div{1, 4, 0x33}, divu{1, 5, 0x33}, rem{1, 6, 0x33}, remu{1, 7, 0x33}, mulw{1, 0, 0x3b},
    divw{1, 4, 0x3b}, divuw{1, 5, 0x3b}, remw{1, 6, 0x3b}, remuw{1, 7, 0x3b};

// A (funct3 2 = .W, 3 = .D)
inline constexpr AmoType lr_w{0x02, 2}, sc_w{0x03, 2}, amoswap_w{0x01, 2}, amoadd_w{0x00, 2},
    amoxor_w{0x04, 2}, amoand_w{0x0c, 2}, amoor_w{0x08, 2}, amomin_w{0x10, 2}, amomax_w{0x14, 2},
    amominu_w{0x18, 2}, amomaxu_w{0x1c, 2};
inline constexpr AmoType lr_d{0x02, 3}, sc_d{0x03, 3}, amoswap_d{0x01, 3}, amoadd_d{0x00, 3},
    amoxor_d{0x04, 3}, amoand_d{0x0c, 3}, amoor_d{0x08, 3}, amomin_d{0x10, 3}, amomax_d{0x14, 3},
    amominu_d{0x18, 3}, amomaxu_d{0x1c, 3};

// Zicsr
inline constexpr CsrType csrrw{1}, csrrs{2}, csrrc{3}, csrrwi{5}, csrrsi{6}, csrrci{7};

}  // namespace xisa::riscv64::testing::rvasm
