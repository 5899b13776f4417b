// RV64C (Volume I, chapter 16) and Zcb: every compressed instruction expands to the one 32-bit
// instruction it stands for, which the RV64GC table then lifts. The encodings are in
// rvc_table.inc; this file holds the operand field extractors, the 32-bit encoders and one
// expander per line.
#include "frontend/common/bit_pattern.h"
#include "frontend/riscv64/lifter.h"

namespace xisa::riscv64 {

namespace {

using frontend::bits;
using frontend::sign_extend;

// --- 32-bit major opcodes and formats (chapter 2.2-2.3, table 24.1) ---
enum : uint32_t {
  kLoad = 0x03,
  kLoadFp = 0x07,
  kOpImm = 0x13,
  kOpImm32 = 0x1b,
  kStore = 0x23,
  kStoreFp = 0x27,
  kOp = 0x33,
  kLui = 0x37,
  kOp32 = 0x3b,
  kBranch = 0x63,
  kJalr = 0x67,
  kJal = 0x6f,
};
constexpr uint32_t kEbreak = 0x00100073;

constexpr uint32_t u32(int64_t v) {
  return static_cast<uint32_t>(v);
}

constexpr uint32_t enc_r(uint32_t funct7, unsigned rs2, unsigned rs1, uint32_t funct3, unsigned rd,
                         uint32_t opcode) {
  return funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
}
constexpr uint32_t enc_i(int64_t imm, unsigned rs1, uint32_t funct3, unsigned rd, uint32_t opcode) {
  return (u32(imm) & 0xfff) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
}
constexpr uint32_t enc_s(int64_t imm, unsigned rs2, unsigned rs1, uint32_t funct3,
                         uint32_t opcode) {
  const uint32_t v = u32(imm);
  return bits(v, 5, 7) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | bits(v, 0, 5) << 7 | opcode;
}
constexpr uint32_t enc_b(int64_t imm, unsigned rs2, unsigned rs1, uint32_t funct3) {
  const uint32_t v = u32(imm);
  return bits(v, 12, 1) << 31 | bits(v, 5, 6) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 |
         bits(v, 1, 4) << 8 | bits(v, 11, 1) << 7 | kBranch;
}
constexpr uint32_t enc_j(int64_t imm, unsigned rd) {
  const uint32_t v = u32(imm);
  return bits(v, 20, 1) << 31 | bits(v, 1, 10) << 21 | bits(v, 11, 1) << 20 | bits(v, 12, 8) << 12 |
         rd << 7 | kJal;
}

// --- compressed operand fields (chapter 16.2) ---
constexpr unsigned full_rd(uint32_t c) {
  return bits(c, 7, 5);
}  // also rs1 of CR/CI
constexpr unsigned full_rs2(uint32_t c) {
  return bits(c, 2, 5);
}
constexpr unsigned prime_rs1(uint32_t c) {
  return 8 + bits(c, 7, 3);
}  // rs1'/rd' at 9:7
constexpr unsigned prime_rs2(uint32_t c) {
  return 8 + bits(c, 2, 3);
}  // rs2'/rd' at 4:2
constexpr unsigned bit(uint32_t c, unsigned n) {
  return bits(c, n, 1);
}

// CI immediate imm[5] at 12, imm[4:0] at 6:2; also the shift amount of C.SLLI/SRLI/SRAI.
constexpr uint32_t ci_uimm6(uint32_t c) {
  return bit(c, 12) << 5 | bits(c, 2, 5);
}
constexpr int64_t ci_imm6(uint32_t c) {
  return sign_extend(ci_uimm6(c), 6);
}
// CL/CS offsets: [5:3] at 12:10 and [7:6] at 6:5 (doubleword), [2|6] at 6:5 (word).
constexpr uint32_t cl_offset_d(uint32_t c) {
  return bits(c, 10, 3) << 3 | bits(c, 5, 2) << 6;
}
constexpr uint32_t cl_offset_w(uint32_t c) {
  return bits(c, 10, 3) << 3 | bit(c, 6) << 2 | bit(c, 5) << 6;
}
// CI stack-pointer loads: [5] at 12, then [4:3|8:6] (doubleword) or [4:2|7:6] (word) at 6:2.
constexpr uint32_t ci_sp_offset_d(uint32_t c) {
  return bit(c, 12) << 5 | bits(c, 5, 2) << 3 | bits(c, 2, 3) << 6;
}
constexpr uint32_t ci_sp_offset_w(uint32_t c) {
  return bit(c, 12) << 5 | bits(c, 4, 3) << 2 | bits(c, 2, 2) << 6;
}
// CSS stack-pointer stores: [5:3|8:6] (doubleword) or [5:2|7:6] (word) at 12:7.
constexpr uint32_t css_offset_d(uint32_t c) {
  return bits(c, 10, 3) << 3 | bits(c, 7, 3) << 6;
}
constexpr uint32_t css_offset_w(uint32_t c) {
  return bits(c, 9, 4) << 2 | bits(c, 7, 2) << 6;
}

constexpr uint32_t kSp = 2, kRa = 1;

// --- expanders, one per rvc_table.inc line ---
uint32_t expand_c_addi4spn(uint32_t c) {
  // nzuimm[5:4|9:6|2|3] at 12:5
  const uint32_t imm = bits(c, 11, 2) << 4 | bits(c, 7, 4) << 6 | bit(c, 6) << 2 | bit(c, 5) << 3;
  return imm == 0 ? 0 : enc_i(imm, kSp, 0, prime_rs2(c), kOpImm);
}
uint32_t expand_c_fld(uint32_t c) {
  return enc_i(cl_offset_d(c), prime_rs1(c), 3, prime_rs2(c), kLoadFp);
}
uint32_t expand_c_lw(uint32_t c) {
  return enc_i(cl_offset_w(c), prime_rs1(c), 2, prime_rs2(c), kLoad);
}
uint32_t expand_c_ld(uint32_t c) {
  return enc_i(cl_offset_d(c), prime_rs1(c), 3, prime_rs2(c), kLoad);
}
uint32_t expand_c_fsd(uint32_t c) {
  return enc_s(cl_offset_d(c), prime_rs2(c), prime_rs1(c), 3, kStoreFp);
}
uint32_t expand_c_sw(uint32_t c) {
  return enc_s(cl_offset_w(c), prime_rs2(c), prime_rs1(c), 2, kStore);
}
uint32_t expand_c_sd(uint32_t c) {
  return enc_s(cl_offset_d(c), prime_rs2(c), prime_rs1(c), 3, kStore);
}

// Zcb loads and stores: uimm[0|1] at 6:5 (byte), uimm[1] at 5 (halfword; bit 6 selects C.LH).
constexpr uint32_t zcb_offset_b(uint32_t c) {
  return bit(c, 6) | bit(c, 5) << 1;
}
constexpr uint32_t zcb_offset_h(uint32_t c) {
  return bit(c, 5) << 1;
}
uint32_t expand_c_lbu(uint32_t c) {
  return enc_i(zcb_offset_b(c), prime_rs1(c), 4, prime_rs2(c), kLoad);
}
uint32_t expand_c_lhu(uint32_t c) {
  return enc_i(zcb_offset_h(c), prime_rs1(c), 5, prime_rs2(c), kLoad);
}
uint32_t expand_c_lh(uint32_t c) {
  return enc_i(zcb_offset_h(c), prime_rs1(c), 1, prime_rs2(c), kLoad);
}
uint32_t expand_c_sb(uint32_t c) {
  return enc_s(zcb_offset_b(c), prime_rs2(c), prime_rs1(c), 0, kStore);
}
uint32_t expand_c_sh(uint32_t c) {
  return enc_s(zcb_offset_h(c), prime_rs2(c), prime_rs1(c), 1, kStore);
}

// C.NOP and the C.ADDI hints (rd = 0 or imm = 0) are legal and expand like C.ADDI.
uint32_t expand_c_addi(uint32_t c) {
  return enc_i(ci_imm6(c), full_rd(c), 0, full_rd(c), kOpImm);
}
uint32_t expand_c_addiw(uint32_t c) {
  return full_rd(c) == 0 ? 0 : enc_i(ci_imm6(c), full_rd(c), 0, full_rd(c), kOpImm32);
}
uint32_t expand_c_li(uint32_t c) {
  return enc_i(ci_imm6(c), 0, 0, full_rd(c), kOpImm);
}
uint32_t expand_c_addi16sp(uint32_t c) {
  // nzimm[9] at 12, nzimm[4|6|8:7|5] at 6:2
  const uint32_t raw =
      bit(c, 12) << 9 | bit(c, 6) << 4 | bit(c, 5) << 6 | bits(c, 3, 2) << 7 | bit(c, 2) << 5;
  return raw == 0 ? 0 : enc_i(sign_extend(raw, 10), kSp, 0, kSp, kOpImm);
}
// Zcmop: C.MOP.n take the reserved C.LUI encodings with an odd rd below x16 and a zero
// immediate, and do nothing (unlike MOP.R.n they write no register).
uint32_t expand_c_mop(uint32_t) {
  return enc_i(0, 0, 0, 0, kOpImm);  // addi x0, x0, 0
}
uint32_t expand_c_lui(uint32_t c) {
  // nzimm[17] at 12, nzimm[16:12] at 6:2: the sign-extended value fills LUI's imm[31:12].
  const uint32_t raw = ci_uimm6(c);
  return raw == 0 ? 0 : u32(sign_extend(raw, 6)) << 12 | full_rd(c) << 7 | kLui;
}
uint32_t expand_c_srli(uint32_t c) {
  return enc_i(ci_uimm6(c), prime_rs1(c), 5, prime_rs1(c), kOpImm);
}
uint32_t expand_c_srai(uint32_t c) {
  return enc_i(0x400 | ci_uimm6(c), prime_rs1(c), 5, prime_rs1(c), kOpImm);
}
uint32_t expand_c_andi(uint32_t c) {
  return enc_i(ci_imm6(c), prime_rs1(c), 7, prime_rs1(c), kOpImm);
}

// CA format: rd'/rs1' at 9:7, rs2' at 4:2.
constexpr uint32_t ca(uint32_t c, uint32_t funct7, uint32_t funct3, uint32_t opcode) {
  return enc_r(funct7, prime_rs2(c), prime_rs1(c), funct3, prime_rs1(c), opcode);
}
uint32_t expand_c_sub(uint32_t c) {
  return ca(c, 0x20, 0, kOp);
}
uint32_t expand_c_xor(uint32_t c) {
  return ca(c, 0, 4, kOp);
}
uint32_t expand_c_or(uint32_t c) {
  return ca(c, 0, 6, kOp);
}
uint32_t expand_c_and(uint32_t c) {
  return ca(c, 0, 7, kOp);
}
uint32_t expand_c_subw(uint32_t c) {
  return ca(c, 0x20, 0, kOp32);
}
uint32_t expand_c_addw(uint32_t c) {
  return ca(c, 0, 0, kOp32);
}
uint32_t expand_c_mul(uint32_t c) {
  return ca(c, 1, 0, kOp);
}

// Zcb one-register forms on rd'/rs1' (9:7): rd' = op(rd').
constexpr uint32_t cu_imm(uint32_t c, int64_t imm, uint32_t funct3) {
  return enc_i(imm, prime_rs1(c), funct3, prime_rs1(c), kOpImm);
}
constexpr uint32_t cu_reg(uint32_t c, uint32_t funct7, unsigned rs2, uint32_t funct3) {
  return enc_r(funct7, rs2, prime_rs1(c), funct3, prime_rs1(c), kOp32);
}
uint32_t expand_c_zext_b(uint32_t c) {
  return cu_imm(c, 0xff, 7);  // andi rd', rd', 255
}
uint32_t expand_c_sext_b(uint32_t c) {
  return cu_imm(c, 0x604, 1);  // sext.b (Zbb)
}
uint32_t expand_c_zext_h(uint32_t c) {
  return cu_reg(c, 0x04, 0, 4);  // zext.h (Zbb)
}
uint32_t expand_c_sext_h(uint32_t c) {
  return cu_imm(c, 0x605, 1);  // sext.h (Zbb)
}
uint32_t expand_c_zext_w(uint32_t c) {
  return cu_reg(c, 0x04, 0, 0);  // add.uw rd', rd', x0 (Zba)
}
uint32_t expand_c_not(uint32_t c) {
  return cu_imm(c, -1, 4);  // xori rd', rd', -1
}

uint32_t expand_c_j(uint32_t c) {
  // offset[11|4|9:8|10|6|7|3:1|5] at 12:2
  const uint32_t raw = bit(c, 12) << 11 | bit(c, 11) << 4 | bits(c, 9, 2) << 8 | bit(c, 8) << 10 |
                       bit(c, 7) << 6 | bit(c, 6) << 7 | bits(c, 3, 3) << 1 | bit(c, 2) << 5;
  return enc_j(sign_extend(raw, 12), 0);
}
// offset[8|4:3] at 12:10, offset[7:6|2:1|5] at 6:2
constexpr int64_t cb_offset(uint32_t c) {
  return sign_extend(bit(c, 12) << 8 | bits(c, 10, 2) << 3 | bits(c, 5, 2) << 6 |
                         bits(c, 3, 2) << 1 | bit(c, 2) << 5,
                     9);
}
uint32_t expand_c_beqz(uint32_t c) {
  return enc_b(cb_offset(c), 0, prime_rs1(c), 0);
}
uint32_t expand_c_bnez(uint32_t c) {
  return enc_b(cb_offset(c), 0, prime_rs1(c), 1);
}

uint32_t expand_c_slli(uint32_t c) {
  return enc_i(ci_uimm6(c), full_rd(c), 1, full_rd(c), kOpImm);
}
uint32_t expand_c_fldsp(uint32_t c) {
  return enc_i(ci_sp_offset_d(c), kSp, 3, full_rd(c), kLoadFp);
}
uint32_t expand_c_lwsp(uint32_t c) {
  return full_rd(c) == 0 ? 0 : enc_i(ci_sp_offset_w(c), kSp, 2, full_rd(c), kLoad);
}
uint32_t expand_c_ldsp(uint32_t c) {
  return full_rd(c) == 0 ? 0 : enc_i(ci_sp_offset_d(c), kSp, 3, full_rd(c), kLoad);
}
uint32_t expand_c_jr(uint32_t c) {
  return full_rd(c) == 0 ? 0 : enc_i(0, full_rd(c), 0, 0, kJalr);
}
uint32_t expand_c_mv(uint32_t c) {
  return enc_r(0, full_rs2(c), 0, 0, full_rd(c), kOp);
}
uint32_t expand_c_ebreak(uint32_t) {
  return kEbreak;
}
uint32_t expand_c_jalr(uint32_t c) {
  return enc_i(0, full_rd(c), 0, kRa, kJalr);
}
uint32_t expand_c_add(uint32_t c) {
  return enc_r(0, full_rs2(c), full_rd(c), 0, full_rd(c), kOp);
}
uint32_t expand_c_fsdsp(uint32_t c) {
  return enc_s(css_offset_d(c), full_rs2(c), kSp, 3, kStoreFp);
}
uint32_t expand_c_swsp(uint32_t c) {
  return enc_s(css_offset_w(c), full_rs2(c), kSp, 2, kStore);
}
uint32_t expand_c_sdsp(uint32_t c) {
  return enc_s(css_offset_d(c), full_rs2(c), kSp, 3, kStore);
}

using ExpandFn = uint32_t (*)(uint32_t);

constexpr frontend::DecoderEntry<ExpandFn> kRvcTable[] = {
#define RVC(name, pattern) {#name, frontend::parse_pattern(pattern), &expand_##name},
#include "frontend/riscv64/rvc_table.inc"
#undef RVC
};

}  // namespace

uint32_t expand_rvc(uint16_t insn) {
  const auto* e = frontend::decode(kRvcTable, insn);
  return e ? e->handler(insn) : 0;
}

}  // namespace xisa::riscv64
