// The v128 ops that x86-64 guests' string and memory code runs most (PXOR/PAND/POR/PANDN,
// PCMPEQB, PMOVMSKB, 64-bit lane add/sub, bit select), lowered without RVV as two 64-bit halves
// in general registers: the halves come from the frame slots 128-bit values live in, and byte
// equality and the byte mask are SWAR. Every other vector op takes the pure-call path.
#include "backend/riscv64/emitter.h"

namespace xisa::backend::riscv64 {

using ir::Opcode;

namespace {
constexpr uint64_t kLow7 = 0x7f7f7f7f7f7f7f7f;
// Times the byte-wise 0/1 flags of a word, it gathers flag k into bit 56 + k, and nothing else
// lands in bits 56-63 (each flag k meets the constant's byte 7 - k there, and no two products
// share a bit, so nothing carries).
constexpr uint64_t kGatherBytes = 0x0102040810204080;
}  // namespace

bool vector_lowered(const ir::Inst& inst) {
  const auto bits = static_cast<unsigned>(inst.imm);
  switch (inst.op) {
    case Opcode::VAnd:
    case Opcode::VOr:
    case Opcode::VXor:
    case Opcode::VAndNot:
    case Opcode::VNot:
    case Opcode::VBitSelect:
      return true;
    case Opcode::VAdd:
    case Opcode::VSub:
      return bits == 64;
    case Opcode::VCmpEq:
      return bits == 8 || bits == 64;
    case Opcode::VMoveMask:
      return bits == 8;
    default:
      return false;
  }
}

void Emitter::load_half(Reg dst, ir::ValueId v, int half) {
  const Loc& l = loc_[v];
  if (l.kind == Loc::Slot) {
    as_.emit(enc::load(enc::kLd, dst, kSp, spill_offset(l.slot) + 8 * half));
  } else if (l.kind == Loc::Imm) {
    as_.li(dst, half ? l.imm_hi : l.imm);
  } else if (half) {  // a narrower value, zero-extended
    as_.mv(dst, kZero);
  } else {
    mov_to(dst, v);
  }
}

// dst = 0xff in each byte of x that is zero, else 0 (x and dst may be one register; uses t3).
void Emitter::zero_bytes_mask(Reg dst, Reg x) {
  as_.li(kScratch3, kLow7);
  as_.emit(enc::op(enc::kAnd, kAddrScratch, x, kScratch3));
  as_.emit(enc::op(enc::kAdd, kAddrScratch, kAddrScratch, kScratch3));  // bit 7: low 7 bits set
  as_.emit(enc::op(enc::kOr, kAddrScratch, kAddrScratch, x));           // bit 7: byte != 0
  as_.emit(enc::xori(kScratch3, kScratch3, -1));                        // 0x80 in every byte
  as_.emit(enc::xori(kAddrScratch, kAddrScratch, -1));
  as_.emit(enc::op(enc::kAnd, kAddrScratch, kAddrScratch, kScratch3));  // 0x80: byte == 0
  as_.emit(enc::srli(kAddrScratch, kAddrScratch, 7));
  as_.emit(enc::slli(dst, kAddrScratch, 8));
  as_.emit(enc::op(enc::kSub, dst, dst, kAddrScratch));  // 0x01 -> 0xff, byte by byte
}

void Emitter::lower_vector(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const Reg a = kScratch0, b = kScratch1;
  if (inst.op == Opcode::VMoveMask) {  // bytes' top bits: 16 bits, low half first
    const Reg dst = def_reg(i, false);
    for (int half = 1; half >= 0; --half) {
      load_half(a, arg(i, 0), half);
      as_.emit(enc::srli(a, a, 7));
      as_.li(kScratch3, 0x0101010101010101);
      as_.emit(enc::op(enc::kAnd, a, a, kScratch3));
      as_.li(kScratch3, kGatherBytes);
      as_.emit(enc::op(enc::kMul, a, a, kScratch3));
      as_.emit(enc::srli(a, a, 56));
      if (half) {
        as_.emit(enc::slli(kAddrScratch, a, 8));
      } else {
        as_.emit(enc::op(enc::kOr, dst, kAddrScratch, a));
      }
    }
    return;
  }
  const int32_t out = def_slot128(i);
  for (int half = 0; half < 2; ++half) {
    load_half(a, arg(i, 0), half);
    if (inst.nargs > 1) load_half(b, arg(i, 1), half);
    switch (inst.op) {
      case Opcode::VAnd:
        as_.emit(enc::op(enc::kAnd, a, a, b));
        break;
      case Opcode::VOr:
        as_.emit(enc::op(enc::kOr, a, a, b));
        break;
      case Opcode::VXor:
        as_.emit(enc::op(enc::kXor, a, a, b));
        break;
      case Opcode::VAndNot:  // a & ~b
        as_.emit(enc::xori(b, b, -1));
        as_.emit(enc::op(enc::kAnd, a, a, b));
        break;
      case Opcode::VNot:
        as_.emit(enc::xori(a, a, -1));
        break;
      case Opcode::VAdd:
        as_.emit(enc::op(enc::kAdd, a, a, b));
        break;
      case Opcode::VSub:
        as_.emit(enc::op(enc::kSub, a, a, b));
        break;
      case Opcode::VBitSelect:  // (a & b) | (~a & c) = c ^ ((b ^ c) & a)
        load_half(kAddrScratch, arg(i, 2), half);
        as_.emit(enc::op(enc::kXor, b, b, kAddrScratch));
        as_.emit(enc::op(enc::kAnd, b, b, a));
        as_.emit(enc::op(enc::kXor, a, b, kAddrScratch));
        break;
      default:  // VCmpEq
        as_.emit(enc::op(enc::kXor, a, a, b));
        if (inst.imm == 64) {
          as_.emit(enc::sltiu(a, a, 1));
          as_.emit(enc::op(enc::kSub, a, kZero, a));
        } else {
          zero_bytes_mask(a, a);
        }
        break;
    }
    as_.emit(enc::store(enc::kSd, a, kSp, out + 8 * half));
  }
}

}  // namespace xisa::backend::riscv64
