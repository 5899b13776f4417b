#include "guest/x86_64/xsave_area.h"

#include <cstring>

#include "guest/byte_fields.h"

namespace xisa::x86_64 {

namespace {

constexpr uint64_t kX87 = 1, kSse = 2, kAvx = 4;
constexpr uint32_t kMxcsrMask = 0xffff;  // every MXCSR bit but the reserved ones is writable

void write_x87(const X86_64State& s, uint8_t* area) {
  put_field<uint16_t>(area, 0, s.fcw);
  put_field<uint16_t>(area, 2, static_cast<uint16_t>((s.fsw & ~0x3800u) | ((s.ftop & 7u) << 11)));
  put_field<uint8_t>(area, 4, static_cast<uint8_t>(s.ftw));  // abridged, by physical register
  std::memset(area + 5, 0, 19);  // FOP, FIP, FDP: xisa keeps no last-instruction pointers
  for (unsigned i = 0; i < 8; ++i) {
    const Float80& r = s.st_regs[(s.ftop + i) & 7];
    std::memset(area + 32 + 16 * i, 0, 16);
    put_field<uint64_t>(area, 32 + 16 * i, r.mantissa);
    put_field<uint16_t>(area, 40 + 16 * i, r.sign_exponent);
  }
}

void read_x87(X86_64State& s, const uint8_t* area) {
  s.fcw = get_field<uint16_t>(area, 0);
  const uint16_t fsw = get_field<uint16_t>(area, 2);
  s.ftop = static_cast<uint8_t>((fsw >> 11) & 7);
  s.fsw = static_cast<uint16_t>(fsw & ~0x3800u);
  s.ftw = get_field<uint8_t>(area, 4);
  for (unsigned i = 0; i < 8; ++i) {
    Float80& r = s.st_regs[(s.ftop + i) & 7];
    r.mantissa = get_field<uint64_t>(area, 32 + 16 * i);
    r.sign_exponent = get_field<uint16_t>(area, 40 + 16 * i);
  }
}

void init_x87(X86_64State& s) {
  s.fcw = kDefaultFcw;
  s.fsw = 0;
  s.ftw = 0;
  s.ftop = 0;
  for (Float80& r : s.st_regs) r = {};
}

void write_mxcsr(const X86_64State& s, uint8_t* area) {
  put_field<uint32_t>(area, 24, s.mxcsr);
  put_field<uint32_t>(area, 28, kMxcsrMask);
}

}  // namespace

void write_fxsave(const X86_64State& s, uint8_t* area) {
  uint8_t image[kFxsaveWritten];
  write_x87(s, image);
  write_mxcsr(s, image);
  std::memcpy(image + 160, s.vec, 16 * kXmmRegs);
  std::memcpy(area, image, sizeof image);
}

void read_fxsave(X86_64State& s, const uint8_t* area) {
  read_x87(s, area);
  s.mxcsr = get_field<uint32_t>(area, 24) & kMxcsrMask;
  std::memcpy(s.vec, area + 160, 16 * kXmmRegs);
}

void write_xsave(const X86_64State& s, uint8_t* area, uint64_t rfbm, bool compacted) {
  if (rfbm & kX87) write_x87(s, area);
  if (rfbm & (kSse | kAvx)) write_mxcsr(s, area);
  if (rfbm & kSse) std::memcpy(area + 160, s.vec, 16 * kXmmRegs);
  // AVX is the first extended component: at 576 in both formats.
  if (rfbm & kAvx) std::memcpy(area + kXsaveAvxOffset, s.vec[kYmmHighSlot], 16 * kXmmRegs);
  // Every component counts as in use (XINUSE all ones), so XSTATE_BV gets the saved ones.
  uint64_t xstate_bv = get_field<uint64_t>(area, kXsaveHeaderOffset);
  xstate_bv = compacted ? rfbm : (xstate_bv & ~kXcr0) | rfbm;
  put_field<uint64_t>(area, kXsaveHeaderOffset, xstate_bv);
  if (compacted) put_field<uint64_t>(area, kXsaveHeaderOffset + 8, kXcompBvCompacted | rfbm);
}

bool xsave_header_valid(const uint8_t* area) {
  const uint64_t xstate_bv = get_field<uint64_t>(area, kXsaveHeaderOffset);
  const uint64_t xcomp_bv = get_field<uint64_t>(area, kXsaveHeaderOffset + 8);
  if (xstate_bv & ~kXcr0) return false;
  if (xcomp_bv & kXcompBvCompacted) {
    if ((xcomp_bv & ~(kXcompBvCompacted | kXcr0)) || (xstate_bv & ~xcomp_bv)) return false;
  } else if (xcomp_bv != 0) {
    return false;
  }
  // Bytes 16-63 of the header are reserved and must be zero.
  for (size_t i = 16; i < 64; ++i)
    if (area[kXsaveHeaderOffset + i] != 0) return false;
  return true;
}

void read_xsave(X86_64State& s, const uint8_t* area, uint64_t rfbm) {
  const uint64_t xstate_bv = get_field<uint64_t>(area, kXsaveHeaderOffset);
  const bool compacted = get_field<uint64_t>(area, kXsaveHeaderOffset + 8) & kXcompBvCompacted;
  if (rfbm & kX87) {
    if (xstate_bv & kX87)
      read_x87(s, area);
    else
      init_x87(s);
  }
  // The standard form loads MXCSR with either SSE or AVX; the compacted form only with the
  // SSE component present.
  if (rfbm & (kSse | kAvx))
    s.mxcsr = !compacted || (xstate_bv & kSse) ? get_field<uint32_t>(area, 24) & kMxcsrMask
                                               : kDefaultMxcsr;
  if (rfbm & kSse) {
    if (xstate_bv & kSse)
      std::memcpy(s.vec, area + 160, 16 * kXmmRegs);
    else
      std::memset(s.vec, 0, 16 * kXmmRegs);
  }
  if (rfbm & kAvx) {
    if (xstate_bv & kAvx)
      std::memcpy(s.vec[kYmmHighSlot], area + kXsaveAvxOffset, 16 * kXmmRegs);
    else
      std::memset(s.vec[kYmmHighSlot], 0, 16 * kXmmRegs);
  }
}

void init_xstate(X86_64State& s) {
  // A compacted area with XSTATE_BV 0: every component, MXCSR included, from its initial state.
  uint8_t area[kXsaveSize] = {};
  put_field<uint64_t>(area, kXsaveHeaderOffset + 8, kXcompBvCompacted);
  read_xsave(s, area, kXcr0);
}

}  // namespace xisa::x86_64
