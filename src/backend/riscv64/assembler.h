// A RISC-V64 code buffer: 32-bit instructions appended in order, labels bound to offsets and
// the PC-relative fix-ups that refer to them, resolved by finish(). Everything the backend
// emits is position independent (PC-relative branches, absolute addresses built in registers),
// so the finished bytes run wherever they are copied. The instruction encodings are
// encoding.h's; this class adds ranges, labels and the multi-instruction idioms (li, far
// branches).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "backend/riscv64/encoding.h"

namespace xisa::backend::riscv64 {

struct Label {
  uint32_t id = ~0u;
};

class Assembler {
 public:
  Label new_label();
  void bind(Label l);
  uint32_t offset() const { return static_cast<uint32_t>(code_.size() * 4); }
  uint32_t label_offset(Label l) const { return bound_[l.id]; }

  void emit(uint32_t insn) { code_.push_back(insn); }
  // Pads with nops to a multiple of `bytes` (4 or 8).
  void align(uint32_t bytes);
  // An 8-byte data word at the current offset (which must be 8-byte aligned).
  void data64(uint64_t value);

  // rd = imm, in at most 8 instructions (fewer for the usual small or 32-bit values).
  void li(uint32_t rd, uint64_t imm);
  // rd = rs + imm, through `tmp` when imm does not fit 12 bits.
  void add_imm(uint32_t rd, uint32_t rs, int64_t imm, uint32_t tmp);
  void mv(uint32_t rd, uint32_t rs) {
    if (rd != rs) emit(enc::addi(rd, rs, 0));
  }

  // Jumps and branches to labels. A conditional branch reaches +-4 KiB, less than a long
  // block: it is emitted as the inverted branch over a jal (+-1 MiB) unless the label is bound
  // already and near.
  void j(Label target);
  void branch(enc::Cond c, uint32_t rs1, uint32_t rs2, Label target);
  void beqz(uint32_t rs, Label target) { branch(enc::Cond::Eq, rs, 0, target); }
  void bnez(uint32_t rs, Label target) { branch(enc::Cond::Ne, rs, 0, target); }
  // rd = the address of `target` (auipc + addi).
  void la(uint32_t rd, Label target);

  // Resolves the fix-ups; "" or why not (a label never bound, a target out of range).
  std::string finish();
  const std::vector<uint32_t>& words() const { return code_; }
  size_t size_bytes() const { return code_.size() * 4; }

 private:
  enum class Fix : uint8_t { Jal, AuipcAddi };
  struct Fixup {
    uint32_t at;  // instruction index
    Label target;
    Fix kind;
  };
  std::vector<uint32_t> code_;
  std::vector<uint32_t> bound_;  // byte offset per label, ~0u until bound
  std::vector<Fixup> fixups_;
};

}  // namespace xisa::backend::riscv64
