// The RISC-V vector length VLEN: 128 bits unless --rvv-vlen 256 chose otherwise for the
// process. Set once, before the first guest thread runs, and only read afterwards: by the
// vector unit's helpers (register stride, VLMAX), the translator (the vlenb CSR, whether the
// v128 IR path applies) and the signal frame (its V context's size).
#pragma once

namespace xisa::riscv64 {

unsigned vlen_bytes();  // VLEN / 8: 16 or 32
// Chooses VLEN (128 or 256); false for any other value, which changes nothing.
bool set_vlen_bits(unsigned bits);

}  // namespace xisa::riscv64
