// AES round steps (FIPS-197) for the guests' AES instructions: x86 AES-NI (AESENC ... AESIMC,
// AESKEYGENASSIST) and AArch64 AESE/AESD/AESMC/AESIMC. Portable C++ in a pure helper that
// yields one 64-bit half of the 128-bit result; round keys are XORed in IR by the callers.
#pragma once

#include <cstdint>

#include "ir/builder.h"
#include "ir/helpers.h"

namespace xisa::frontend {

enum class AesStep : uint8_t {
  Enc,            // ShiftRows, SubBytes, MixColumns
  EncLast,        // ShiftRows, SubBytes
  Dec,            // InvShiftRows, InvSubBytes, InvMixColumns
  DecLast,        // InvShiftRows, InvSubBytes
  InvMixColumns,  // alone
  MixColumns,     // alone
  KeygenAssist,   // x86 AESKEYGENASSIST with round constant imm
};

// aes(desc = step | half << 8 | imm << 16, lo, hi): half 0 or 1 of the step on the state lo:hi.
extern const ir::HelperInfo kAes;

// The step on a v128 state (byte 4c + r is row r of column c).
ir::Value aes_step(ir::Builder& b, AesStep step, ir::Value state, uint64_t imm = 0);

}  // namespace xisa::frontend
