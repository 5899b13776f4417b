// x86-64 signal frames. Offsets are the kernel's (uapi asm/sigcontext.h, asm/ucontext.h,
// asm/sigframe.h); glibc's ucontext_t and mcontext_t gregs have the same layout.
#include "guest/x86_64/x86_64_signal_frame.h"

#include <cstring>

#include "guest/byte_fields.h"
#include "guest/x86_64/x86_64_rflags.h"
#include "guest/x86_64/x86_64_state.h"
#include "guest/x86_64/xsave_area.h"

namespace xisa::x86_64 {

namespace {

// rt_sigframe: pretcode at 0, ucontext at 8, siginfo after it.
constexpr size_t kUcontext = 8;
constexpr size_t kUcFlags = 0, kUcMcontext = 40, kUcSigmask = 296;
constexpr size_t kUcontextSize = 304;
constexpr size_t kSiginfo = kUcontext + kUcontextSize;
constexpr size_t kFrameSize = kSiginfo + 128;
constexpr uint64_t kUcSigcontextSs = 2, kUcStrictRestoreSs = 4;

// sigcontext: r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags, cs/gs/fs/ss, err,
// trapno, oldmask, cr2, fpstate (8 bytes each; cs/gs/fs/ss share one). kSigcontextGpr[i] is
// where ModRM register i goes.
constexpr size_t kSigcontextGpr[16] = {13 * 8, 14 * 8, 12 * 8, 11 * 8, 15 * 8, 10 * 8, 9 * 8, 8 * 8,
                                       0,      8,      16,     24,     32,     40,     48,    56};
constexpr size_t kScRip = 16 * 8, kScEflags = 17 * 8, kScCsgsfs = 18 * 8, kScFpstate = 23 * 8;
constexpr uint64_t kUserCs = 0x33, kUserDs = 0x2b;
// The flags rt_sigreturn takes from the frame (the kernel's FIX_EFLAGS).
constexpr uint64_t kRestorableFlags = 0x50dd5;

// The fpstate is a standard XSAVE area with the kernel's software-reserved bytes (struct
// _fpx_sw_bytes at 464 of the FXSAVE region) and FP_XSTATE_MAGIC2 after it, so that sigreturn
// can tell it from a bare FXSAVE image (arch/x86/kernel/fpu/signal.c).
constexpr size_t kSwBytes = 464;
constexpr uint32_t kFpXstateMagic1 = 0x46505853, kFpXstateMagic2 = 0x46505845;
constexpr size_t kFpstateSize = kXsaveSize + 4;
constexpr uint64_t kUcFpXstate = 1;

void save_fpstate(const X86_64State& s, uint8_t* fp) {
  std::memset(fp, 0, kFpstateSize);
  write_xsave(s, fp, kXcr0, false);
  put_field<uint32_t>(fp, kSwBytes, kFpXstateMagic1);
  put_field<uint32_t>(fp, kSwBytes + 4, static_cast<uint32_t>(kFpstateSize));
  put_field<uint64_t>(fp, kSwBytes + 8, kXcr0);
  put_field<uint32_t>(fp, kSwBytes + 16, static_cast<uint32_t>(kXsaveSize));
  put_field<uint32_t>(fp, kXsaveSize, kFpXstateMagic2);
}

// An fpstate without the magic numbers (a handler may have built its own) is an FXSAVE image;
// the AVX state then returns to its initial state, as the kernel does.
void restore_fpstate(X86_64State& s, const uint8_t* fp) {
  const bool xstate = get_field<uint32_t>(fp, kSwBytes) == kFpXstateMagic1 &&
                      get_field<uint32_t>(fp, kSwBytes + 4) == kFpstateSize &&
                      get_field<uint32_t>(fp, kXsaveSize) == kFpXstateMagic2 &&
                      xsave_header_valid(fp);
  if (xstate) {
    read_xsave(s, fp, kXcr0 & get_field<uint64_t>(fp, kSwBytes + 8));
  } else {
    read_fxsave(s, fp);
    std::memset(s.vec[kYmmHighSlot], 0, 16 * kXmmRegs);
  }
}

}  // namespace

bool push_signal_frame(void* state, const SignalFrameSpec& spec, GuestMemoryWrite write) {
  auto& s = *static_cast<X86_64State*>(state);
  // Below the red zone unless on a fresh alternate stack; fpstate 64-aligned above the frame;
  // the frame so that the handler sees rsp + 8 16-aligned, as after a call.
  uint64_t sp = spec.stack_top ? spec.stack_top : s.gpr[kRsp] - 128;
  const uint64_t fpstate = (sp - kFpstateSize) & ~uint64_t{63};
  const uint64_t frame = ((fpstate - kFrameSize) & ~uint64_t{15}) - 8;
  uint8_t b[kFrameSize + 64 + kFpstateSize] = {};
  const size_t fp_off = fpstate - frame;
  put_field<uint64_t>(b, 0, spec.restorer);
  uint8_t* uc = b + kUcontext;
  put_field<uint64_t>(uc, kUcFlags, kUcFpXstate | kUcSigcontextSs | kUcStrictRestoreSs);
  put_ucontext_stack(uc, spec);
  uint8_t* sc = uc + kUcMcontext;
  for (unsigned r = 0; r < 16; ++r) put_field<uint64_t>(sc, kSigcontextGpr[r], s.gpr[r]);
  put_field<uint64_t>(sc, kScRip, s.header.pc);
  put_field<uint64_t>(sc, kScEflags, read_rflags(s));
  put_field<uint64_t>(sc, kScCsgsfs, kUserCs | (kUserDs << 48));
  put_field<uint64_t>(sc, kScFpstate, fpstate);
  put_field<uint64_t>(uc, kUcSigmask, spec.saved_mask);
  std::memcpy(b + kSiginfo, spec.siginfo, 128);
  save_fpstate(s, b + fp_off);
  if (!write(frame, b, fp_off + kFpstateSize)) return false;
  // The handler starts with the FPU and vector state initial, as Linux gives it
  // (fpu__clear_user_states): an unmasked pending x87 exception must not follow it in.
  init_xstate(s);
  s.gpr[kRsp] = frame;
  s.gpr[kRdi] = static_cast<uint64_t>(spec.signo);
  s.gpr[kRsi] = frame + kSiginfo;
  s.gpr[kRdx] = frame + kUcontext;
  s.gpr[kRax] = 0;
  s.df = 0;
  s.header.pc = spec.handler;
  return true;
}

std::optional<uint64_t> pop_signal_frame(void* state, GuestMemoryRead read) {
  auto& s = *static_cast<X86_64State*>(state);
  // The handler's ret popped pretcode: rsp points at the ucontext.
  const uint64_t uc_addr = s.gpr[kRsp];
  uint8_t uc[kUcontextSize];
  if (!read(uc, uc_addr, sizeof uc)) return std::nullopt;
  const uint8_t* sc = uc + kUcMcontext;
  const uint64_t fpstate = get_field<uint64_t>(sc, kScFpstate);
  uint8_t fx[kFpstateSize];
  if (fpstate && !read(fx, fpstate, sizeof fx)) return std::nullopt;
  for (unsigned r = 0; r < 16; ++r) s.gpr[r] = get_field<uint64_t>(sc, kSigcontextGpr[r]);
  s.header.pc = get_field<uint64_t>(sc, kScRip);
  const uint64_t flags = get_field<uint64_t>(sc, kScEflags);
  write_rflags(s, (read_rflags(s) & ~kRestorableFlags) | (flags & kRestorableFlags));
  if (fpstate) restore_fpstate(s, fx);
  return get_field<uint64_t>(uc, kUcSigmask);
}

std::span<const uint8_t> sigreturn_code() {
  static constexpr uint8_t kCode[] = {0xb8, 0x0f, 0x00, 0x00, 0x00,  // mov eax, 15
                                      0x0f, 0x05};                   // syscall
  return kCode;
}

}  // namespace xisa::x86_64
