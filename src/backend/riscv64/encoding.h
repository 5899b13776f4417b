// RV64GC instruction encodings, one constexpr encoder per format (R/I/S/B/U/J, R4 for fused
// FP, AMO) and one line per instruction on top of them. Only what the backend emits; immediates
// are taken as the instruction wants them (range checks are the Assembler's). The field layout
// is the RISC-V unprivileged manual's, chapter 2 and 34 ("RV32/64G Instruction Set Listings").
#pragma once

#include <cstdint>

namespace xisa::backend::riscv64::enc {

// --- formats ---
constexpr uint32_t r_type(uint32_t op, uint32_t f3, uint32_t f7, uint32_t rd, uint32_t rs1,
                          uint32_t rs2) {
  return op | rd << 7 | f3 << 12 | rs1 << 15 | rs2 << 20 | f7 << 25;
}
constexpr uint32_t i_type(uint32_t op, uint32_t f3, uint32_t rd, uint32_t rs1, int32_t imm) {
  return op | rd << 7 | f3 << 12 | rs1 << 15 | (static_cast<uint32_t>(imm) & 0xfffu) << 20;
}
constexpr uint32_t s_type(uint32_t op, uint32_t f3, uint32_t rs1, uint32_t rs2, int32_t imm) {
  const auto u = static_cast<uint32_t>(imm);
  return op | (u & 0x1fu) << 7 | f3 << 12 | rs1 << 15 | rs2 << 20 | ((u >> 5) & 0x7fu) << 25;
}
// imm: a byte offset, even, within +-4 KiB.
constexpr uint32_t b_type(uint32_t f3, uint32_t rs1, uint32_t rs2, int32_t imm) {
  const auto u = static_cast<uint32_t>(imm);
  return 0x63u | ((u >> 11) & 1u) << 7 | ((u >> 1) & 0xfu) << 8 | f3 << 12 | rs1 << 15 | rs2 << 20 |
         ((u >> 5) & 0x3fu) << 25 | ((u >> 12) & 1u) << 31;
}
// imm: the upper 20 bits (already shifted down by 12).
constexpr uint32_t u_type(uint32_t op, uint32_t rd, int32_t imm20) {
  return op | rd << 7 | (static_cast<uint32_t>(imm20) & 0xfffffu) << 12;
}
// imm: a byte offset, even, within +-1 MiB.
constexpr uint32_t j_type(uint32_t rd, int32_t imm) {
  const auto u = static_cast<uint32_t>(imm);
  return 0x6fu | rd << 7 | ((u >> 12) & 0xffu) << 12 | ((u >> 11) & 1u) << 20 |
         ((u >> 1) & 0x3ffu) << 21 | ((u >> 20) & 1u) << 31;
}
constexpr uint32_t r4_type(uint32_t op, uint32_t fmt, uint32_t rd, uint32_t rs1, uint32_t rs2,
                           uint32_t rs3, uint32_t rm) {
  return op | rd << 7 | rm << 12 | rs1 << 15 | rs2 << 20 | fmt << 25 | rs3 << 27;
}

// Decoded back (patch_jump checks what it rewrites; the tests check the round trip).
constexpr int32_t j_offset(uint32_t insn) {
  const uint32_t u = ((insn >> 31) & 1u) << 20 | ((insn >> 12) & 0xffu) << 12 |
                     ((insn >> 20) & 1u) << 11 | ((insn >> 21) & 0x3ffu) << 1;
  return static_cast<int32_t>(u << 11) >> 11;
}
constexpr int32_t b_offset(uint32_t insn) {
  const uint32_t u = ((insn >> 31) & 1u) << 12 | ((insn >> 7) & 1u) << 11 |
                     ((insn >> 25) & 0x3fu) << 5 | ((insn >> 8) & 0xfu) << 1;
  return static_cast<int32_t>(u << 19) >> 19;
}
constexpr bool is_jal(uint32_t insn) {
  return (insn & 0x7fu) == 0x6fu;
}

// --- major opcodes ---
inline constexpr uint32_t kLoad = 0x03, kLoadFp = 0x07, kMiscMem = 0x0f, kOpImm = 0x13,
                          kAuipc = 0x17, kOpImm32 = 0x1b, kStore = 0x23, kStoreFp = 0x27,
                          kAmo = 0x2f, kOp = 0x33, kLui = 0x37, kOp32 = 0x3b, kMadd = 0x43,
                          kOpFp = 0x53, kJalr = 0x67, kSystem = 0x73;

// --- RV64I ---
constexpr uint32_t lui(uint32_t rd, int32_t imm20) {
  return u_type(kLui, rd, imm20);
}
constexpr uint32_t auipc(uint32_t rd, int32_t imm20) {
  return u_type(kAuipc, rd, imm20);
}
constexpr uint32_t jal(uint32_t rd, int32_t off) {
  return j_type(rd, off);
}
constexpr uint32_t jalr(uint32_t rd, uint32_t rs1, int32_t off) {
  return i_type(kJalr, 0, rd, rs1, off);
}
// Branch conditions (funct3).
enum class Cond : uint32_t { Eq = 0, Ne = 1, Lt = 4, Ge = 5, Ltu = 6, Geu = 7 };
constexpr Cond invert(Cond c) {
  return static_cast<Cond>(static_cast<uint32_t>(c) ^ 1u);
}
constexpr uint32_t branch(Cond c, uint32_t rs1, uint32_t rs2, int32_t off) {
  return b_type(static_cast<uint32_t>(c), rs1, rs2, off);
}
// Loads by size (funct3): lb lh lw ld, lbu lhu lwu.
constexpr uint32_t load(uint32_t f3, uint32_t rd, uint32_t rs1, int32_t off) {
  return i_type(kLoad, f3, rd, rs1, off);
}
inline constexpr uint32_t kLb = 0, kLh = 1, kLw = 2, kLd = 3, kLbu = 4, kLhu = 5, kLwu = 6;
constexpr uint32_t store(uint32_t f3, uint32_t rs2, uint32_t rs1, int32_t off) {
  return s_type(kStore, f3, rs1, rs2, off);
}
inline constexpr uint32_t kSb = 0, kSh = 1, kSw = 2, kSd = 3;
constexpr uint32_t addi(uint32_t rd, uint32_t rs1, int32_t imm) {
  return i_type(kOpImm, 0, rd, rs1, imm);
}
constexpr uint32_t slti(uint32_t rd, uint32_t rs1, int32_t imm) {
  return i_type(kOpImm, 2, rd, rs1, imm);
}
constexpr uint32_t sltiu(uint32_t rd, uint32_t rs1, int32_t imm) {
  return i_type(kOpImm, 3, rd, rs1, imm);
}
constexpr uint32_t xori(uint32_t rd, uint32_t rs1, int32_t imm) {
  return i_type(kOpImm, 4, rd, rs1, imm);
}
constexpr uint32_t ori(uint32_t rd, uint32_t rs1, int32_t imm) {
  return i_type(kOpImm, 6, rd, rs1, imm);
}
constexpr uint32_t andi(uint32_t rd, uint32_t rs1, int32_t imm) {
  return i_type(kOpImm, 7, rd, rs1, imm);
}
constexpr uint32_t slli(uint32_t rd, uint32_t rs1, uint32_t sh) {
  return i_type(kOpImm, 1, rd, rs1, static_cast<int32_t>(sh & 63));
}
constexpr uint32_t srli(uint32_t rd, uint32_t rs1, uint32_t sh) {
  return i_type(kOpImm, 5, rd, rs1, static_cast<int32_t>(sh & 63));
}
constexpr uint32_t srai(uint32_t rd, uint32_t rs1, uint32_t sh) {
  return i_type(kOpImm, 5, rd, rs1, static_cast<int32_t>(0x400 | (sh & 63)));
}
constexpr uint32_t addiw(uint32_t rd, uint32_t rs1, int32_t imm) {
  return i_type(kOpImm32, 0, rd, rs1, imm);
}
constexpr uint32_t slliw(uint32_t rd, uint32_t rs1, uint32_t sh) {
  return i_type(kOpImm32, 1, rd, rs1, static_cast<int32_t>(sh & 31));
}
constexpr uint32_t srliw(uint32_t rd, uint32_t rs1, uint32_t sh) {
  return i_type(kOpImm32, 5, rd, rs1, static_cast<int32_t>(sh & 31));
}
constexpr uint32_t sraiw(uint32_t rd, uint32_t rs1, uint32_t sh) {
  return i_type(kOpImm32, 5, rd, rs1, static_cast<int32_t>(0x400 | (sh & 31)));
}
// Register-register ops: {funct3, funct7} on OP or OP-32.
struct RegOp {
  uint32_t f3, f7;
};
inline constexpr RegOp kAdd{0, 0}, kSub{0, 0x20}, kSll{1, 0}, kSlt{2, 0}, kSltu{3, 0}, kXor{4, 0},
    kSrl{5, 0}, kSra{5, 0x20}, kOr{6, 0}, kAnd{7, 0},
    // M extension
    kMul{0, 1}, kMulh{1, 1}, kMulhsu{2, 1}, kMulhu{3, 1}, kDiv{4, 1}, kDivu{5, 1}, kRem{6, 1},
    kRemu{7, 1},
    // Zbb / Zba (used only when the host has them: host_features.h)
    kAndn{7, 0x20}, kOrn{6, 0x20}, kXnor{4, 0x20}, kMin{4, 0x05}, kMinu{5, 0x05}, kMax{6, 0x05},
    kMaxu{7, 0x05}, kRol{1, 0x30}, kRor{5, 0x30}, kSh1add{2, 0x10}, kSh2add{4, 0x10},
    kSh3add{6, 0x10};
constexpr uint32_t op(RegOp o, uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r_type(kOp, o.f3, o.f7, rd, rs1, rs2);
}
constexpr uint32_t op32(RegOp o, uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r_type(kOp32, o.f3, o.f7, rd, rs1, rs2);
}
// Zbb unary ops (OP-IMM, funct12 in the immediate) and Zba's add.uw (zext.w with rs2 = x0).
constexpr uint32_t clz(uint32_t rd, uint32_t rs1) {
  return i_type(kOpImm, 1, rd, rs1, 0x600);
}
constexpr uint32_t ctz(uint32_t rd, uint32_t rs1) {
  return i_type(kOpImm, 1, rd, rs1, 0x601);
}
constexpr uint32_t cpop(uint32_t rd, uint32_t rs1) {
  return i_type(kOpImm, 1, rd, rs1, 0x602);
}
constexpr uint32_t clzw(uint32_t rd, uint32_t rs1) {
  return i_type(kOpImm32, 1, rd, rs1, 0x600);
}
constexpr uint32_t ctzw(uint32_t rd, uint32_t rs1) {
  return i_type(kOpImm32, 1, rd, rs1, 0x601);
}
constexpr uint32_t sext_b(uint32_t rd, uint32_t rs1) {
  return i_type(kOpImm, 1, rd, rs1, 0x604);
}
constexpr uint32_t sext_h(uint32_t rd, uint32_t rs1) {
  return i_type(kOpImm, 1, rd, rs1, 0x605);
}
constexpr uint32_t rev8(uint32_t rd, uint32_t rs1) {
  return i_type(kOpImm, 5, rd, rs1, 0x6b8);
}
constexpr uint32_t rori(uint32_t rd, uint32_t rs1, uint32_t sh) {
  return i_type(kOpImm, 5, rd, rs1, static_cast<int32_t>(0x600 | (sh & 63)));
}
constexpr uint32_t zext_h(uint32_t rd, uint32_t rs1) {
  return r_type(kOp32, 4, 0x04, rd, rs1, 0);
}
constexpr uint32_t zext_w(uint32_t rd, uint32_t rs1) {
  return r_type(kOp32, 0, 0x04, rd, rs1, 0);
}

// --- A: AMOs and LR/SC, always with aq and rl (sequentially consistent) ---
enum class Amo : uint32_t {
  Add = 0x00,
  Swap = 0x01,
  Lr = 0x02,
  Sc = 0x03,
  Xor = 0x04,
  Or = 0x08,
  And = 0x0c,
  Min = 0x10,
  Max = 0x14,
  Minu = 0x18,
  Maxu = 0x1c
};
// bytes: 4 (.w) or 8 (.d).
constexpr uint32_t amo(Amo f, unsigned bytes, uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return r_type(kAmo, bytes == 8 ? 3 : 2, static_cast<uint32_t>(f) << 2 | 3u, rd, rs1, rs2);
}

// --- fences and CSRs ---
// fence pred, succ: bit 3 I, 2 O, 1 R, 0 W.
inline constexpr uint32_t kR = 2, kW = 1, kRW = 3;
constexpr uint32_t fence(uint32_t pred, uint32_t succ) {
  return i_type(kMiscMem, 0, 0, 0, static_cast<int32_t>(pred << 4 | succ));
}
inline constexpr uint32_t kFflags = 0x001;
constexpr uint32_t csrrs(uint32_t rd, uint32_t csr, uint32_t rs1) {  // csrr rd, csr: rs1 = x0
  return i_type(kSystem, 2, rd, rs1, static_cast<int32_t>(csr));
}
constexpr uint32_t csrrw(uint32_t rd, uint32_t csr, uint32_t rs1) {
  return i_type(kSystem, 1, rd, rs1, static_cast<int32_t>(csr));
}

// --- F and D: fmt 0 single, 1 double; rm 0 = round to nearest even ---
inline constexpr uint32_t kRne = 0;
constexpr uint32_t fp_op(uint32_t f5, uint32_t fmt, uint32_t rd, uint32_t rs1, uint32_t rs2,
                         uint32_t rm) {
  return r_type(kOpFp, rm, f5 << 2 | fmt, rd, rs1, rs2);
}
// Sign injection with rs1 = rs2 = a: FSGNJN negates, FSGNJX takes the magnitude.
constexpr uint32_t fneg(uint32_t fmt, uint32_t rd, uint32_t a) {
  return fp_op(0x04, fmt, rd, a, a, 1);
}
constexpr uint32_t fabs(uint32_t fmt, uint32_t rd, uint32_t a) {
  return fp_op(0x04, fmt, rd, a, a, 2);
}
constexpr uint32_t fadd(uint32_t fmt, uint32_t rd, uint32_t a, uint32_t b) {
  return fp_op(0x00, fmt, rd, a, b, kRne);
}
constexpr uint32_t fsub(uint32_t fmt, uint32_t rd, uint32_t a, uint32_t b) {
  return fp_op(0x01, fmt, rd, a, b, kRne);
}
constexpr uint32_t fmul(uint32_t fmt, uint32_t rd, uint32_t a, uint32_t b) {
  return fp_op(0x02, fmt, rd, a, b, kRne);
}
constexpr uint32_t fdiv(uint32_t fmt, uint32_t rd, uint32_t a, uint32_t b) {
  return fp_op(0x03, fmt, rd, a, b, kRne);
}
constexpr uint32_t fsqrt(uint32_t fmt, uint32_t rd, uint32_t a) {
  return fp_op(0x0b, fmt, rd, a, 0, kRne);
}
constexpr uint32_t fmadd(uint32_t fmt, uint32_t rd, uint32_t a, uint32_t b, uint32_t c) {
  return r4_type(kMadd, fmt, rd, a, b, c, kRne);
}
// Compares into an integer register: feq (quiet), flt, fle.
constexpr uint32_t feq(uint32_t fmt, uint32_t rd, uint32_t a, uint32_t b) {
  return fp_op(0x14, fmt, rd, a, b, 2);
}
constexpr uint32_t flt(uint32_t fmt, uint32_t rd, uint32_t a, uint32_t b) {
  return fp_op(0x14, fmt, rd, a, b, 1);
}
constexpr uint32_t fle(uint32_t fmt, uint32_t rd, uint32_t a, uint32_t b) {
  return fp_op(0x14, fmt, rd, a, b, 0);
}
// Bit moves: fmv.x.w/fmv.x.d (to integer), fmv.w.x/fmv.d.x (to FP).
constexpr uint32_t fmv_x(uint32_t fmt, uint32_t rd, uint32_t fs) {
  return fp_op(0x1c, fmt, rd, fs, 0, 0);
}
constexpr uint32_t fmv_f(uint32_t fmt, uint32_t fd, uint32_t rs) {
  return fp_op(0x1e, fmt, fd, rs, 0, 0);
}

}  // namespace xisa::backend::riscv64::enc
