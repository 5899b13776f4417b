// The SM3 and SM4 instructions that share their encoding classes with SHA512 and SHA3
// (translate_crypto_sm.cpp); translate_crypto.cpp hands them over.
#pragma once

#include "frontend/aarch64/lifter.h"

namespace xisa::aarch64 {

bool lift_sm3ss1(Lifter& l, uint32_t insn);            // four-register class, Op0 = 10
bool lift_sm3partw_sm4ekey(Lifter& l, uint32_t insn);  // three-register SHA512 class, O = 1
bool lift_sm4e(Lifter& l, uint32_t insn);              // two-register SHA512 class, opcode 01

}  // namespace xisa::aarch64
