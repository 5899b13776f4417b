// AArch64 signal frames. Offsets from the kernel's uapi asm/ucontext.h and asm/sigcontext.h.
#include "guest/aarch64/aarch64_signal_frame.h"

#include <cstring>

#include "guest/aarch64/aarch64_state.h"
#include "guest/byte_fields.h"

namespace xisa::aarch64 {

namespace {

// rt_sigframe: siginfo at 0, ucontext at 128.
constexpr size_t kUcontext = 128;
constexpr size_t kUcSigmask = 40, kUcMcontext = 176;
// sigcontext: fault_address, regs[31], sp, pc, pstate, __reserved[4096] (16-aligned).
constexpr size_t kScFaultAddress = 0, kScRegs = 8, kScSp = 256, kScPc = 264, kScPstate = 272;
constexpr size_t kScReserved = 288, kReservedSize = 4096;
constexpr size_t kFrameSize = kUcontext + kUcMcontext + kScReserved + kReservedSize;  // 4688
constexpr size_t kFrameRecordSize = 16;
constexpr uint32_t kFpsimdMagic = 0x46508001, kFpsimdSize = 528;
constexpr uint32_t kEsrMagic = 0x45535201, kEsrSize = 16;
// ESR_ELx for a data abort from EL0 (EC 0x24), as the kernel reports a user fault.
constexpr uint64_t kEsrDataAbortEl0 = uint64_t{0x24} << 26;

uint64_t pstate_of(const Aarch64State& s) {
  return (uint64_t{s.nf} << 31) | (uint64_t{s.zf} << 30) | (uint64_t{s.cf} << 29) |
         (uint64_t{s.vf} << 28);
}

}  // namespace

bool push_signal_frame(void* state, const SignalFrameSpec& spec, GuestMemoryWrite write) {
  auto& s = *static_cast<Aarch64State*>(state);
  const uint64_t top = spec.stack_top ? spec.stack_top : s.x[kSp];
  const uint64_t record = (top - kFrameRecordSize) & ~uint64_t{15};
  const uint64_t frame = (record - kFrameSize) & ~uint64_t{15};
  static thread_local uint8_t b[kFrameSize + kFrameRecordSize];
  std::memset(b, 0, sizeof b);
  std::memcpy(b, spec.siginfo, 128);
  uint8_t* uc = b + kUcontext;
  put_ucontext_stack(uc, spec);
  put_field<uint64_t>(uc, kUcSigmask, spec.saved_mask);
  uint8_t* sc = uc + kUcMcontext;
  uint64_t fault_address = 0;
  std::memcpy(&fault_address, static_cast<const uint8_t*>(spec.siginfo) + 16, 8);  // si_addr
  put_field<uint64_t>(sc, kScFaultAddress, spec.fault ? fault_address : 0);
  for (unsigned r = 0; r < 31; ++r) put_field<uint64_t>(sc, kScRegs + 8 * r, s.x[r]);
  put_field<uint64_t>(sc, kScSp, s.x[kSp]);
  put_field<uint64_t>(sc, kScPc, s.header.pc);
  put_field<uint64_t>(sc, kScPstate, pstate_of(s));
  uint8_t* rec = sc + kScReserved;
  put_field<uint32_t>(rec, 0, kFpsimdMagic);
  put_field<uint32_t>(rec, 4, kFpsimdSize);
  put_field<uint32_t>(rec, 8, s.fpsr);
  put_field<uint32_t>(rec, 12, s.fpcr);
  std::memcpy(rec + 16, s.v, sizeof s.v);
  rec += kFpsimdSize;
  if (spec.fault) {
    put_field<uint32_t>(rec, 0, kEsrMagic);
    put_field<uint32_t>(rec, 4, kEsrSize);
    put_field<uint64_t>(rec, 8, kEsrDataAbortEl0);
    rec += kEsrSize;
  }
  // The terminator record is the zeroed bytes that follow.
  put_field<uint64_t>(b, record - frame, s.x[29]);
  put_field<uint64_t>(b, record - frame + 8, s.x[30]);
  if (!write(frame, b, record + kFrameRecordSize - frame)) return false;
  s.x[0] = static_cast<uint64_t>(spec.signo);
  s.x[1] = frame;
  s.x[2] = frame + kUcontext;
  s.x[29] = record;
  s.x[30] = spec.restorer;
  s.x[kSp] = frame;
  s.header.pc = spec.handler;
  return true;
}

std::optional<uint64_t> pop_signal_frame(void* state, GuestMemoryRead read) {
  auto& s = *static_cast<Aarch64State*>(state);
  const uint64_t frame = s.x[kSp];
  if (frame & 15) return std::nullopt;
  static thread_local uint8_t b[kFrameSize];
  if (!read(b, frame, sizeof b)) return std::nullopt;
  const uint8_t* uc = b + kUcontext;
  const uint8_t* sc = uc + kUcMcontext;
  for (unsigned r = 0; r < 31; ++r) s.x[r] = get_field<uint64_t>(sc, kScRegs + 8 * r);
  s.x[kSp] = get_field<uint64_t>(sc, kScSp);
  s.header.pc = get_field<uint64_t>(sc, kScPc);
  const uint64_t pstate = get_field<uint64_t>(sc, kScPstate);
  s.nf = (pstate >> 31) & 1;
  s.zf = (pstate >> 30) & 1;
  s.cf = (pstate >> 29) & 1;
  s.vf = (pstate >> 28) & 1;
  // Walk the records for the FP/SIMD state; a frame without one is refused, as the kernel does.
  bool have_fpsimd = false;
  for (size_t off = kScReserved; off + 8 <= kScReserved + kReservedSize;) {
    const uint32_t magic = get_field<uint32_t>(sc, off);
    const uint32_t size = get_field<uint32_t>(sc, off + 4);
    if (magic == 0) break;
    if (size < 8 || off + size > kScReserved + kReservedSize) return std::nullopt;
    if (magic == kFpsimdMagic && size == kFpsimdSize) {
      s.fpsr = get_field<uint32_t>(sc, off + 8);
      s.fpcr = get_field<uint32_t>(sc, off + 12);
      std::memcpy(s.v, sc + off + 16, sizeof s.v);
      have_fpsimd = true;
    }
    off += size;
  }
  if (!have_fpsimd) return std::nullopt;
  s.excl_addr = kNoExclusive;  // an exception return clears the exclusive monitor
  return get_field<uint64_t>(uc, kUcSigmask);
}

std::span<const uint8_t> sigreturn_code() {
  static constexpr uint8_t kCode[] = {0x68, 0x11, 0x80, 0xd2,   // mov x8, #139
                                      0x01, 0x00, 0x00, 0xd4};  // svc #0
  return kCode;
}

}  // namespace xisa::aarch64
