// RV64GC user-mode state, as the IR reads and writes it (GetReg/SetReg at these offsets).
#pragma once

#include <cstddef>
#include <cstdint>

#include "guest/cpu_header.h"
#include "guest/fp_status_layout.h"

namespace xisa::riscv64 {

inline constexpr unsigned kMaxVlenBytes = 32;  // VLEN 256 (--rvv-vlen)

struct Riscv64State {
  CpuHeader header;
  uint64_t x[32];              // x[0] is never written
  uint64_t f[32];              // FP registers; single precision values are NaN-boxed
  uint32_t fflags;             // accrued exceptions NV DZ OF UF NX (bits 4..0)
  uint32_t frm;                // dynamic rounding mode
  uint64_t reservation_addr;   // LR/SC: address of the reservation, or kNoReservation
  uint64_t reservation_value;  // value LR loaded; SC succeeds by compare-and-swap on it
  // V 1.0: v0..v31 as bytes, register r at byte r * VLEN/8 (riscv64_vlen.h: 16 by default, so
  // that v[r] is register r, or 32), element i of SEW bytes at i * SEW (little-endian). Sized
  // for the largest VLEN; the bytes past 32 registers of the chosen VLEN stay zero.
  alignas(16) uint8_t v[32 * kMaxVlenBytes / 16][16];
  uint64_t vtype;   // as vsetvl wrote it; vill (bit 63) alone when the last setting was illegal
  uint64_t vl;      // vector length
  uint64_t vstart;  // first element to process; set where a vector access faulted
  uint32_t vxrm;    // fixed-point rounding mode (2 bits)
  uint32_t vxsat;   // fixed-point saturation flag (1 bit)
};

inline constexpr uint64_t kVtypeVill = uint64_t{1} << 63;

inline constexpr uint64_t kNoReservation = ~uint64_t{0};

constexpr uint32_t x_offset(unsigned r) {
  return static_cast<uint32_t>(offsetof(Riscv64State, x) + 8 * r);
}
constexpr uint32_t f_offset(unsigned r) {
  return static_cast<uint32_t>(offsetof(Riscv64State, f) + 8 * r);
}

// fflags: NV, DZ, OF, UF, NX.
inline constexpr FpStatusLayout kFpStatus{
    static_cast<uint32_t>(offsetof(Riscv64State, fflags)), 16, 8, 4, 2, 1, 0};

}  // namespace xisa::riscv64
