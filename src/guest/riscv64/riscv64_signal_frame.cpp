// RISC-V signal frames. Offsets from the kernel's uapi asm/ucontext.h and asm/sigcontext.h:
// sc_regs is user_regs_struct (pc, ra, sp, ... t6), sc_fpregs the D state (f[32], fcsr) in
// the space of the Q state, whose 16-byte alignment places uc_mcontext at 176. The last 8 bytes
// of that space are the first extension header (__riscv_extra_ext_header): here always the V
// state (RISCV_V_MAGIC, then __riscv_v_ext_state: vstart, vl, vtype, vcsr, vlenb, datap, with
// v0..v31 at datap, right after it), then an END header (magic 0, size 0).
#include "guest/riscv64/riscv64_signal_frame.h"

#include <cstring>

#include "frontend/riscv64/vector/vector_unit.h"
#include "guest/byte_fields.h"
#include "guest/riscv64/riscv64_state.h"
#include "guest/riscv64/riscv64_vlen.h"

namespace xisa::riscv64 {

namespace {

constexpr size_t kUcontext = 128;  // after siginfo
constexpr size_t kUcSigmask = 40, kUcMcontext = 176;
constexpr size_t kScFpregs = 256, kFpStateSize = 528, kFcsr = 256;
constexpr size_t kExtReserved = kScFpregs + 516;  // must read 0 (sc_extdesc.reserved)
constexpr size_t kExtHeader = kScFpregs + 520;    // first __riscv_ctx_hdr: magic, size
constexpr uint32_t kRiscvVMagic = 0x53465457;
constexpr size_t kVStateSize = 6 * 8;  // vstart, vl, vtype, vcsr, vlenb, datap

// The V context and the frame grow with VLEN (32 registers of vlenb bytes).
size_t v_regs_size() {
  return 32 * size_t{vlen_bytes()};
}
size_t v_context_size() {  // riscv_v_sc_size
  return 8 + kVStateSize + v_regs_size();
}
size_t frame_size() {
  return (kUcontext + kUcMcontext + kScFpregs + kFpStateSize + v_context_size() + 15) & ~size_t{15};
}
constexpr size_t kMaxFrameSize = (kUcontext + kUcMcontext + kScFpregs + kFpStateSize + 8 +
                                  kVStateSize + 32 * kMaxVlenBytes + 15) &
                                 ~size_t{15};

}  // namespace

bool push_signal_frame(void* state, const SignalFrameSpec& spec, GuestMemoryWrite write) {
  auto& s = *static_cast<Riscv64State*>(state);
  const uint64_t top = spec.stack_top ? spec.stack_top : s.x[2];
  const size_t size = frame_size(), v_size = v_regs_size();
  const uint64_t frame = (top - size) & ~uint64_t{15};
  uint8_t b[kMaxFrameSize] = {};
  std::memcpy(b, spec.siginfo, 128);
  uint8_t* uc = b + kUcontext;
  put_ucontext_stack(uc, spec);
  put_field<uint64_t>(uc, kUcSigmask, spec.saved_mask);
  uint8_t* sc = uc + kUcMcontext;
  put_field<uint64_t>(sc, 0, s.header.pc);
  for (unsigned r = 1; r < 32; ++r) put_field<uint64_t>(sc, 8 * r, s.x[r]);
  std::memcpy(sc + kScFpregs, s.f, sizeof s.f);
  put_field<uint32_t>(sc + kScFpregs, kFcsr, (s.frm << 5) | (s.fflags & 0x1f));
  put_field<uint32_t>(sc, kExtReserved, 0);
  put_field<uint32_t>(sc, kExtHeader, kRiscvVMagic);
  put_field<uint32_t>(sc, kExtHeader + 4, static_cast<uint32_t>(v_context_size()));
  uint8_t* v_state = sc + kExtHeader + 8;
  const uint64_t datap = frame + static_cast<uint64_t>(v_state - b) + kVStateSize;
  const uint64_t v_fields[6] = {s.vstart,     s.vl, s.vtype, uint64_t{s.vxrm} << 1 | s.vxsat,
                                vlen_bytes(), datap};
  for (unsigned i = 0; i < 6; ++i) put_field<uint64_t>(v_state, 8 * i, v_fields[i]);
  std::memcpy(v_state + kVStateSize, s.v, v_size);
  put_field<uint64_t>(v_state + kVStateSize + v_size, 0, 0);  // END header
  if (!write(frame, b, size)) return false;
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
  uint8_t b[kMaxFrameSize];
  if (!read(b, s.x[2], frame_size())) return std::nullopt;
  const uint8_t* uc = b + kUcontext;
  const uint8_t* sc = uc + kUcMcontext;
  s.header.pc = get_field<uint64_t>(sc, 0);
  for (unsigned r = 1; r < 32; ++r) s.x[r] = get_field<uint64_t>(sc, 8 * r);
  std::memcpy(s.f, sc + kScFpregs, sizeof s.f);
  const uint32_t fcsr = get_field<uint32_t>(sc + kScFpregs, kFcsr);
  s.fflags = fcsr & 0x1f;
  s.frm = (fcsr >> 5) & 7;
  s.reservation_addr = kNoReservation;
  // The V context, if the handler left its header in place; the registers come from datap,
  // wherever the handler pointed it (as the kernel reads them).
  if (get_field<uint32_t>(sc, kExtHeader) == kRiscvVMagic) {
    const uint8_t* v_state = sc + kExtHeader + 8;
    s.vstart = get_field<uint64_t>(v_state, 0);
    // The kernel restores vl and vtype with vsetvl: an illegal vtype sets vill, vl is clamped.
    const uint64_t vtype = get_field<uint64_t>(v_state, 16), vl = get_field<uint64_t>(v_state, 8);
    const vector::Vtype t = vector::decode_vtype(vtype);
    const uint64_t vlmax = vector::vlmax(t.sew, t.lmul_log2);
    const bool legal = vector::vtype_legal(vtype);
    s.vtype = legal ? vtype : kVtypeVill;
    s.vl = legal ? (vl < vlmax ? vl : vlmax) : 0;
    const uint64_t vcsr = get_field<uint64_t>(v_state, 24);
    s.vxsat = vcsr & 1;
    s.vxrm = (vcsr >> 1) & 3;
    if (!read(s.v, get_field<uint64_t>(v_state, 40), v_regs_size())) return std::nullopt;
  }
  return get_field<uint64_t>(uc, kUcSigmask);
}

std::span<const uint8_t> sigreturn_code() {
  static constexpr uint8_t kCode[] = {0x93, 0x08, 0xb0, 0x08,   // li a7, 139
                                      0x73, 0x00, 0x00, 0x00};  // ecall
  return kCode;
}

}  // namespace xisa::riscv64
