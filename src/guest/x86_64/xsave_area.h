// The x86-64 guest's XSAVE area (SDM vol. 1 13): the state components xisa implements, x87 (0),
// SSE (1) and AVX (2), in the layouts FXSAVE, XSAVE (standard) and XSAVEC (compacted) use. One
// writer and one reader serve the instructions and the signal frames, which the kernel lays out
// as a standard-format XSAVE area.
#pragma once

#include <cstddef>
#include <cstdint>

#include "guest/x86_64/x86_64_state.h"

namespace xisa::x86_64 {

inline constexpr uint64_t kXcr0 = 7;  // x87 | SSE | AVX: XGETBV(0), CPUID leaf 0xD
inline constexpr size_t kFxsaveSize = 512, kFxsaveWritten = 416;  // 416-511: software's
inline constexpr size_t kXsaveHeaderOffset = 512, kXsaveAvxOffset = 576;
inline constexpr size_t kXsaveSize = 832;  // standard and compacted alike for these components
inline constexpr uint64_t kXcompBvCompacted = uint64_t{1} << 63;

// The FXSAVE image: bytes 0-415 (x87, MXCSR, MXCSR_MASK, XMM0-15), kFxsaveWritten of them.
void write_fxsave(const X86_64State& s, uint8_t* area);
void read_fxsave(X86_64State& s, const uint8_t* area);

// XSAVE/XSAVEOPT (compacted false) or XSAVEC: the components in rfbm (already masked by XCR0)
// and the header's XSTATE_BV (and XCOMP_BV when compacted). Other bytes stay as they were.
void write_xsave(const X86_64State& s, uint8_t* area, uint64_t rfbm, bool compacted);
// Whether XRSTOR would raise #GP for this header (reserved bits, features beyond XCR0, a
// compacted area missing a feature XSTATE_BV names).
bool xsave_header_valid(const uint8_t* area);
// XRSTOR: each component in rfbm from the area when XSTATE_BV has it, else its initial state.
// The area's format follows XCOMP_BV bit 63.
void read_xsave(X86_64State& s, const uint8_t* area, uint64_t rfbm);

// Every component in its initial state: x87 after FNINIT, MXCSR default, XMM and YMM zero.
void init_xstate(X86_64State& s);

}  // namespace xisa::x86_64
