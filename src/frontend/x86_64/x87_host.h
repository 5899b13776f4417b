// The x87 operations the host computes for the x87 helper: 80-bit <-> host long double
// conversion, the guest control word applied to the host FPU, and the arithmetic cores. On an
// x86-64 host these are the host's own x87 instructions (bit-exact, status word included);
// elsewhere C long double operations with <cfenv> flags (binary128 on AArch64/RISC-V hosts:
// conversions exact, results rounded twice, so the last bit can differ; C1 is not reported),
// which the helper uses there only for what x87_soft.h does not cover (FSCALE, FPREM...).
#pragma once

#include <cfenv>
#include <cstddef>
#include <cstdint>

#include "frontend/x86_64/x87_helpers.h"
#include "guest/x86_64/x86_64_state.h"

namespace xisa::x86_64::x87 {

using LD = long double;

// Status word bits (TOP lives in X86_64State::ftop).
constexpr uint16_t kIE = 1, kZE = 4, kOE = 8, kUE = 16, kPE = 32, kSF = 64, kES = 128,
                   kC0 = 1u << 8, kC1 = 1u << 9, kC2 = 1u << 10, kC3 = 1u << 14, kBusy = 1u << 15;
constexpr uint16_t kConditionBits = kC0 | kC1 | kC2 | kC3;

Float80 indefinite();
Float80 to80(LD v);
LD from80(const Float80& f);

// The host FPU set up as the guest's control word says, for the lifetime of one operation;
// end() gives the exception bits (and C1, "rounded up") the operation raised, in FSW format.
class HostFpu {
 public:
  explicit HostFpu(uint16_t fcw) {
#if defined(__x86_64__)
    asm volatile("fnstcw %0" : "=m"(saved_));
    const uint16_t cw = static_cast<uint16_t>(fcw | 0x3f);  // guest traps are not delivered
    asm volatile("fldcw %0\n fnclex" : : "m"(cw));
#else
    saved_round_ = std::fegetround();
    static constexpr int kModes[4] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
    std::fesetround(kModes[(fcw >> 10) & 3]);
    std::feclearexcept(FE_ALL_EXCEPT);
#endif
  }
  ~HostFpu() {
#if defined(__x86_64__)
    asm volatile("fnclex\n fldcw %0" : : "m"(saved_));
#else
    std::fesetround(saved_round_);
#endif
  }
  HostFpu(const HostFpu&) = delete;
  HostFpu& operator=(const HostFpu&) = delete;

  static uint16_t status() {
#if defined(__x86_64__)
    uint16_t sw;
    asm volatile("fnstsw %0" : "=m"(sw));
    return static_cast<uint16_t>(sw & (0x3f | kC1));
#else
    const int e = std::fetestexcept(FE_ALL_EXCEPT);
    uint16_t r = 0;
    if (e & FE_INVALID) r |= kIE;
    if (e & FE_DIVBYZERO) r |= kZE;
    if (e & FE_OVERFLOW) r |= kOE;
    if (e & FE_UNDERFLOW) r |= kUE;
    if (e & FE_INEXACT) r |= kPE;
    return r;
#endif
  }

 private:
#if defined(__x86_64__)
  uint16_t saved_ = 0;
#else
  int saved_round_ = 0;
#endif
};

// The cores: each returns its result and reports the exceptions it raised (and C1, "rounded
// up", on an x86-64 host) in status, in FSW format.
LD arith(X87Op op, LD a, LD b, uint16_t& status);  // Add/Sub/Mul/Div/Scale/Sqrt/RoundInt
// FPREM/FPREM1: the partial remainder; status also holds C0 C1 C2 C3.
LD partial_remainder(bool ieee, LD a, LD b, uint16_t& status);
// FST m32/m64: the conversion's rounding raises PE/UE/OE and sets C1.
float narrow_to_float(LD v, uint16_t& status);
double narrow_to_double(LD v, uint16_t& status);
// FLD1, FLDL2T, FLDL2E, FLDPI, FLDLG2, FLDLN2, FLDZ (0..6), rounded per the control word.
LD constant(unsigned which);

// The instructions an x86-64 host runs itself on the guest's whole x87 state (run_on_host):
// those whose results, condition codes and stack effects the helper could otherwise only
// approximate (transcendentals, FXTRACT, FPREM/FPREM1, FBLD/FBSTP).
bool host_runs(X87Op op);
// FNSAVE's image in the 32-bit layout: the 28-byte environment, then ST0..ST7, 10 bytes each.
inline constexpr size_t kSaveImageBytes = 108;
// Loads image into the host x87 (FRSTOR), runs op's instruction (pops included) and saves the
// state back into image (FNSAVE, which also reinitialises the host x87). bcd is FBLD's source or
// FBSTP's destination (10 bytes). Only on an x86-64 host, for host_runs(op).
void run_on_host(X87Op op, uint8_t* image, uint8_t* bcd);

}  // namespace xisa::x86_64::x87
