// AArch64 user-mode (EL0) state, as the IR reads and writes it (GetReg/SetReg at these offsets).
#pragma once

#include <cstddef>
#include <cstdint>

#include "guest/cpu_header.h"
#include "guest/fp_status_layout.h"

namespace xisa::aarch64 {

struct alignas(16) VReg {
  uint64_t lo;
  uint64_t hi;
};

struct Aarch64State {
  CpuHeader header;
  uint64_t x[32];  // x[31] is SP; the zero register is never stored
  // NZCV as four separate bytes (0 or 1), so each flag write is its own SetReg and register
  // forwarding drops flag writes that a later instruction overwrites (dead-flag elimination).
  uint8_t nf, zf, cf, vf;
  uint32_t fpcr;  // RMode (23:22), FZ (24), DN (25), AHP (26); trap enables read as zero
  uint32_t fpsr;  // cumulative flags IOC DZC OFC UFC IXC (bits 0..4), IDC (7), QC (27)
  uint32_t reserved;
  uint64_t tpidr_el0;
  // LDXR/STXR monitor: the address and value(s) LDXR saw; STXR succeeds by compare-and-swap.
  uint64_t excl_addr;
  uint64_t excl_value;
  uint64_t excl_value_hi;  // second register of LDXP
  uint64_t excl_size;      // bytes reserved (1..16)
  VReg v[32];
};

inline constexpr uint64_t kNoExclusive = ~uint64_t{0};
inline constexpr unsigned kSp = 31;

constexpr uint32_t x_offset(unsigned r) {
  return static_cast<uint32_t>(offsetof(Aarch64State, x) + 8 * r);
}
constexpr uint32_t v_offset(unsigned r) {
  return static_cast<uint32_t>(offsetof(Aarch64State, v) + 16 * r);
}
#define XISA_A64_FIELD(name) static_cast<uint32_t>(offsetof(Aarch64State, name))
inline constexpr uint32_t kOffN = XISA_A64_FIELD(nf);
inline constexpr uint32_t kOffZ = XISA_A64_FIELD(zf);
inline constexpr uint32_t kOffC = XISA_A64_FIELD(cf);
inline constexpr uint32_t kOffV = XISA_A64_FIELD(vf);
// NzcvAdd/NzcvSub write the four flags as one i32 at kOffN: they must be its bytes, in order.
static_assert(kOffZ == kOffN + 1 && kOffC == kOffN + 2 && kOffV == kOffN + 3);
inline constexpr uint32_t kOffFpcr = XISA_A64_FIELD(fpcr);
inline constexpr uint32_t kOffFpsr = XISA_A64_FIELD(fpsr);
inline constexpr uint32_t kOffTpidr = XISA_A64_FIELD(tpidr_el0);
inline constexpr uint32_t kOffExclAddr = XISA_A64_FIELD(excl_addr);
inline constexpr uint32_t kOffExclValue = XISA_A64_FIELD(excl_value);
inline constexpr uint32_t kOffExclValueHi = XISA_A64_FIELD(excl_value_hi);
inline constexpr uint32_t kOffExclSize = XISA_A64_FIELD(excl_size);
#undef XISA_A64_FIELD

// FPSR's cumulative flags: IOC, DZC, OFC, UFC, IXC (IDC only counts with FZ: the helpers').
inline constexpr FpStatusLayout kFpStatus{kOffFpsr, 1, 2, 4, 8, 16, 0};

}  // namespace xisa::aarch64
