// RISC-V signal frames. Offsets from the kernel's uapi asm/ucontext.h and asm/sigcontext.h:
// sc_regs is user_regs_struct (pc, ra, sp, ... t6), sc_fpregs the D state (f[32], fcsr) in
// the space of the Q state, whose 16-byte alignment places uc_mcontext at 176.
#include "guest/riscv64/riscv64_signal_frame.h"

#include <cstring>

#include "guest/byte_fields.h"
#include "guest/riscv64/riscv64_state.h"

namespace xisa::riscv64 {

namespace {

constexpr size_t kUcontext = 128;  // after siginfo
constexpr size_t kUcSigmask = 40, kUcMcontext = 176;
constexpr size_t kScFpregs = 256, kFpStateSize = 528, kFcsr = 256;
constexpr size_t kFrameSize = kUcontext + kUcMcontext + kScFpregs + kFpStateSize;

}  // namespace

bool push_signal_frame(void* state, const SignalFrameSpec& spec, GuestMemoryWrite write) {
  auto& s = *static_cast<Riscv64State*>(state);
  const uint64_t top = spec.stack_top ? spec.stack_top : s.x[2];
  const uint64_t frame = (top - kFrameSize) & ~uint64_t{15};
  uint8_t b[kFrameSize] = {};
  std::memcpy(b, spec.siginfo, 128);
  uint8_t* uc = b + kUcontext;
  put_ucontext_stack(uc, spec);
  put_field<uint64_t>(uc, kUcSigmask, spec.saved_mask);
  uint8_t* sc = uc + kUcMcontext;
  put_field<uint64_t>(sc, 0, s.header.pc);
  for (unsigned r = 1; r < 32; ++r) put_field<uint64_t>(sc, 8 * r, s.x[r]);
  std::memcpy(sc + kScFpregs, s.f, sizeof s.f);
  put_field<uint32_t>(sc + kScFpregs, kFcsr, (s.frm << 5) | (s.fflags & 0x1f));
  if (!write(frame, b, sizeof b)) return false;
  s.x[1] = spec.restorer;  // ra
  s.x[2] = frame;
  s.x[10] = static_cast<uint64_t>(spec.signo);
  s.x[11] = frame;
  s.x[12] = frame + kUcontext;
  s.header.pc = spec.handler;
  return true;
}

std::optional<uint64_t> pop_signal_frame(void* state, GuestMemoryRead read) {
  auto& s = *static_cast<Riscv64State*>(state);
  uint8_t b[kFrameSize];
  if (!read(b, s.x[2], sizeof b)) return std::nullopt;
  const uint8_t* uc = b + kUcontext;
  const uint8_t* sc = uc + kUcMcontext;
  s.header.pc = get_field<uint64_t>(sc, 0);
  for (unsigned r = 1; r < 32; ++r) s.x[r] = get_field<uint64_t>(sc, 8 * r);
  std::memcpy(s.f, sc + kScFpregs, sizeof s.f);
  const uint32_t fcsr = get_field<uint32_t>(sc + kScFpregs, kFcsr);
  s.fflags = fcsr & 0x1f;
  s.frm = (fcsr >> 5) & 7;
  s.reservation_addr = kNoReservation;
  return get_field<uint64_t>(uc, kUcSigmask);
}

std::span<const uint8_t> sigreturn_code() {
  static constexpr uint8_t kCode[] = {0x93, 0x08, 0xb0, 0x08,   // li a7, 139
                                      0x73, 0x00, 0x00, 0x00};  // ecall
  return kCode;
}

}  // namespace xisa::riscv64
