// Labels, fix-ups and the multi-instruction idioms of the RISC-V64 Assembler.
#include "backend/riscv64/assembler.h"

#include <fmt/format.h>

namespace xisa::backend::riscv64 {

namespace {

constexpr bool fits_signed(int64_t v, unsigned bits) {
  return v >= -(int64_t{1} << (bits - 1)) && v < (int64_t{1} << (bits - 1));
}

// The low 12 bits of v as the sign-extended immediate addi adds.
constexpr int64_t low12(int64_t v) {
  return static_cast<int64_t>(static_cast<uint64_t>(v) << 52) >> 52;
}

}  // namespace

Label Assembler::new_label() {
  bound_.push_back(~0u);
  return Label{static_cast<uint32_t>(bound_.size() - 1)};
}

void Assembler::bind(Label l) {
  bound_[l.id] = offset();
}

void Assembler::align(uint32_t bytes) {
  while (offset() % bytes != 0) emit(enc::addi(0, 0, 0));
}

void Assembler::data64(uint64_t value) {
  emit(static_cast<uint32_t>(value));
  emit(static_cast<uint32_t>(value >> 32));
}

// lui+addiw covers every sign-extended 32-bit value; above that, the value without its low 12
// bits is built recursively (with its trailing zeros shifted out), shifted up and the low 12
// bits added: the usual RISC-V "li" expansion.
void Assembler::li(uint32_t rd, uint64_t imm) {
  const auto v = static_cast<int64_t>(imm);
  if (fits_signed(v, 12)) {
    emit(enc::addi(rd, 0, static_cast<int32_t>(v)));
    return;
  }
  if (fits_signed(v, 32)) {
    const int64_t lo = low12(v);
    const auto hi = static_cast<int32_t>(((v - lo) >> 12) & 0xfffff);
    emit(enc::lui(rd, hi));
    if (lo != 0) emit(enc::addiw(rd, rd, static_cast<int32_t>(lo)));
    return;
  }
  const int64_t lo = low12(v);
  int64_t hi = (v - lo) >> 12;  // arithmetic: the sign carries up
  unsigned shift = 12;
  while ((hi & 1) == 0) {
    hi >>= 1;
    ++shift;
  }
  li(rd, static_cast<uint64_t>(hi));
  emit(enc::slli(rd, rd, shift));
  if (lo != 0) emit(enc::addi(rd, rd, static_cast<int32_t>(lo)));
}

void Assembler::add_imm(uint32_t rd, uint32_t rs, int64_t imm, uint32_t tmp) {
  if (fits_signed(imm, 12)) {
    if (imm != 0 || rd != rs) emit(enc::addi(rd, rs, static_cast<int32_t>(imm)));
    return;
  }
  li(tmp, static_cast<uint64_t>(imm));
  emit(enc::op(enc::kAdd, rd, rs, tmp));
}

void Assembler::j(Label target) {
  fixups_.push_back({static_cast<uint32_t>(code_.size()), target, Fix::Jal});
  emit(enc::jal(0, 0));
}

void Assembler::branch(enc::Cond c, uint32_t rs1, uint32_t rs2, Label target) {
  const uint32_t to = bound_[target.id];
  if (to != ~0u && fits_signed(int64_t{to} - offset(), 13)) {
    emit(enc::branch(c, rs1, rs2, static_cast<int32_t>(int64_t{to} - offset())));
    return;
  }
  emit(enc::branch(enc::invert(c), rs1, rs2, 8));  // over the jal
  j(target);
}

void Assembler::la(uint32_t rd, Label target) {
  fixups_.push_back({static_cast<uint32_t>(code_.size()), target, Fix::AuipcAddi});
  emit(enc::auipc(rd, 0));
  emit(enc::addi(rd, rd, 0));
}

std::string Assembler::finish() {
  for (const Fixup& f : fixups_) {
    const uint32_t to = bound_[f.target.id];
    if (to == ~0u) return "a label was never bound";
    const int64_t delta = int64_t{to} - int64_t{f.at} * 4;
    uint32_t& insn = code_[f.at];
    switch (f.kind) {
      case Fix::Jal:
        if (!fits_signed(delta, 21)) return fmt::format("jal out of range ({} bytes)", delta);
        insn = enc::jal((insn >> 7) & 31, static_cast<int32_t>(delta));
        break;
      case Fix::AuipcAddi: {
        const int64_t lo = low12(delta);
        const uint32_t rd = (insn >> 7) & 31;
        insn = enc::auipc(rd, static_cast<int32_t>((delta - lo) >> 12));
        code_[f.at + 1] = enc::addi(rd, rd, static_cast<int32_t>(lo));
        break;
      }
    }
  }
  return {};
}

}  // namespace xisa::backend::riscv64
