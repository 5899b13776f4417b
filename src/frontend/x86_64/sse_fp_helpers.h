// SSE/SSE2 floating point, run by one helper on the guest state with the host's IEEE
// arithmetic under MXCSR's rounding mode; x86's own rules (NaN propagation, the default NaN,
// DAZ/FTZ, the denormal-operand flag, integer indefinite) are applied here, not left to the host.
#pragma once

#include <cstdint>

#include "ir/helpers.h"

namespace xisa::x86_64 {

enum class SseOp : uint8_t {
  Add,
  Sub,
  Mul,
  Div,
  Min,
  Max,
  Sqrt,
  Cmp,    // CMPccSS/SD/PS/PD: imm = predicate 0..31 (0..7 for legacy SSE)
  Ucomi,  // returns the RFLAGS bits
  Comi,
  CvtToInt,    // CVTSx2SI (MXCSR rounding); returns the integer; imm = 1 for a 64-bit result
  CvtTToInt,   // CVTTSx2SI (truncating)
  CvtFromInt,  // CVTSI2Sx: src_lo = the integer; imm = 1 for a 64-bit source
  CvtScalar,   // CVTSS2SD / CVTSD2SS (format = destination)
  CvtPs2Pd,
  CvtPd2Ps,
  CvtDq2Ps,
  CvtDq2Pd,
  CvtPs2Dq,
  CvtTPs2Dq,
  CvtPd2Dq,
  CvtTPd2Dq,
  CvtPi2Ps,  // CVTPI2PS: lanes 0-1 from the two source int32s; lanes 2-3 kept
  CvtToPi,   // CVTPS2PI/CVTPD2PI (format Ps/Pd): returns the two int32s, MXCSR rounding
  CvtTToPi,  // CVTTPS2PI/CVTTPD2PI (truncating)
  AddSub,    // SSE3 ADDSUBPS/PD: even lanes subtract, odd lanes add
  HAdd,      // SSE3 HADDPS/PD: pairwise sums of dst, then of src
  HSub,
  Round,  // SSE4.1 ROUNDSS/SD/PS/PD: imm[1:0] mode unless imm[2] (MXCSR); imm[3] no PE
  Dot,    // SSE4.1 DPPS/DPPD: imm[7:4] lanes multiplied, imm[3:0] lanes receiving the sum
};

enum class SseFormat : uint8_t { Ss, Sd, Ps, Pd };

constexpr bool is_double_format(SseFormat f) {
  return f == SseFormat::Sd || f == SseFormat::Pd;
}
// Elements an instruction of the format computes in a 128-bit register.
constexpr unsigned lane_count(SseFormat f) {
  return f == SseFormat::Ps ? 4 : f == SseFormat::Pd ? 2 : 1;
}

constexpr uint64_t sse_desc(SseOp op, SseFormat f, unsigned dst_xmm, unsigned imm) {
  return static_cast<uint64_t>(op) | (static_cast<uint64_t>(f) << 8) | (uint64_t{dst_xmm} << 16) |
         (uint64_t{imm} << 24);
}

// x86_sse(state, desc, src_lo, src_hi): the operation on vector slot dst (X86_64State::vec) and the
// source bits.
extern const ir::HelperInfo kSseHelper;
// The same for ADD/SUB/MUL/DIV/SQRT, with a cheaper round-to-nearest path.
extern const ir::HelperInfo kSseArithHelper;

}  // namespace xisa::x86_64
