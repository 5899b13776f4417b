// Processor extended states (SDM vol. 1 13): XGETBV and the XSAVE family on the guest's x87, SSE
// and AVX components (guest/x86_64/xsave_area.h). Each runs in a helper on a copy of the area.
#include "common/guest_access.h"
#include "frontend/common/fp_fast_path.h"
#include "frontend/x86_64/lifter.h"
#include "guest/x86_64/xsave_area.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

namespace {

enum class XsaveOp : uint64_t { Save, SaveCompacted, Restore };

// The requested-feature bitmap: EDX:EAX masked by XCR0.
uint64_t rfbm(const X86_64State& s) {
  return ((s.gpr[kRdx] << 32) | (s.gpr[kRax] & 0xffffffff)) & kXcr0;
}

// x86_xsave(state, op, address): returns 1 when XRSTOR must raise #GP (an invalid header),
// having changed nothing.
uint64_t helper_xsave(void* state, uint64_t op, uint64_t address, uint64_t) {
  auto& s = *static_cast<X86_64State*>(state);
  uint8_t area[kXsaveSize];
  guest_read(area, address, sizeof area);
  if (static_cast<XsaveOp>(op) == XsaveOp::Restore) {
    if (!xsave_header_valid(area)) return 1;
    read_xsave(s, area, rfbm(s));
    return 0;
  }
  write_xsave(s, area, rfbm(s), static_cast<XsaveOp>(op) == XsaveOp::SaveCompacted);
  guest_write(address, area, sizeof area);
  return 0;
}
const ir::HelperInfo kXsaveHelper{"x86_xsave", helper_xsave};

bool xsave_op(Lifter& l, XsaveOp op) {
  ir::Builder& b = l.b;
  frontend::accrue_pending_fp_exceptions(b, kFpStatus);  // MXCSR is saved or replaced
  const Value address = l.address(0);
  // The area must be 64-byte aligned (#GP, SIGSEGV).
  b.trap_if(b.ne(b.and_(address, b.imm64(63)), b.imm64(0)), ir::TrapKind::Halt, l.in->pc);
  const Value bad = b.call(kXsaveHelper, {b.imm64(static_cast<uint64_t>(op)), address});
  if (op == XsaveOp::Restore) b.trap_if(b.trunc(Type::I8, bad), ir::TrapKind::Halt, l.in->pc);
  return true;
}

}  // namespace

// XSAVE and XSAVEOPT (which may skip unmodified components; saving them all is allowed).
bool lift_xsave(Lifter& l) {
  return xsave_op(l, XsaveOp::Save);
}

bool lift_xsavec(Lifter& l) {
  return xsave_op(l, XsaveOp::SaveCompacted);
}

bool lift_xrstor(Lifter& l) {
  return xsave_op(l, XsaveOp::Restore);
}

// XGETBV: XCR0 for ECX 0; for ECX 1 (CPUID.(0DH,1):EAX[2]) the components in use, all of them
// here; #GP for any other ECX.
bool lift_xgetbv(Lifter& l) {
  ir::Builder& b = l.b;
  const Value ecx = l.gpr(kRcx, Type::I32);
  b.trap_if(b.ltu(b.imm32(1), ecx), ir::TrapKind::Halt, l.in->pc);
  l.set_gpr(kRax, b.imm32(static_cast<uint32_t>(kXcr0)));
  l.set_gpr(kRdx, b.imm32(static_cast<uint32_t>(kXcr0 >> 32)));
  return true;
}

}  // namespace xisa::x86_64
