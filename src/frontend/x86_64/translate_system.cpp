// Flag control (SDM vol. 1, 7.3.13) and the user-mode system instructions: SYSCALL, CPUID,
// RDTSC, fences, NOPs, and UD2/INT3/HLT as traps.
#include <chrono>

#include "frontend/x86_64/lifter.h"
#include "guest/x86_64/cpuid.h"
#include "guest/x86_64/x86_64_rflags.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

namespace {

constexpr uint64_t kReservedOne = 2;  // RFLAGS bit 1, which LAHF also sets

uint64_t helper_cpuid(void* state, uint64_t, uint64_t, uint64_t) {
  auto& g = static_cast<X86_64State*>(state)->gpr;
  const CpuidResult r = cpuid(static_cast<uint32_t>(g[kRax]), static_cast<uint32_t>(g[kRcx]));
  g[kRax] = r.eax;
  g[kRbx] = r.ebx;
  g[kRcx] = r.ecx;
  g[kRdx] = r.edx;
  return 0;
}
const ir::HelperInfo kCpuid{"x86_cpuid", helper_cpuid};

uint64_t helper_rdtsc(void* state, uint64_t, uint64_t, uint64_t) {
  // A 1 GHz counter from the host's monotonic clock.
  auto& g = static_cast<X86_64State*>(state)->gpr;
  const uint64_t t = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                               std::chrono::steady_clock::now().time_since_epoch())
                                               .count());
  g[kRax] = t & 0xffffffffu;
  g[kRdx] = t >> 32;
  return 0;
}
const ir::HelperInfo kRdtsc{"x86_rdtsc", helper_rdtsc};

Value rflags(Lifter& l) {
  ir::Builder& b = l.b;
  const Value df = b.shl(b.get_reg(Type::I64, XISA_X86_FIELD(df)), b.imm64(10));
  const Value other = b.get_reg(Type::I64, XISA_X86_FIELD(rflags_other));
  return b.or_(b.or_(l.eflags(), df), b.or_(other, b.imm64(kRflagsFixed)));
}

bool set_cf(Lifter& l, int how) {  // 0 clear, 1 set, 2 complement
  ir::Builder& b = l.b;
  Value cf = b.imm64(how == 1 ? 1 : 0);
  if (how == 2) cf = b.xor_(b.zext(Type::I64, l.flag(kCF)), b.imm64(1));
  l.update_flags(1u << kCF, cf);
  return true;
}

}  // namespace

bool lift_clc(Lifter& l) {
  return set_cf(l, 0);
}
bool lift_stc(Lifter& l) {
  return set_cf(l, 1);
}
bool lift_cmc(Lifter& l) {
  return set_cf(l, 2);
}

bool lift_cld(Lifter& l) {
  l.b.set_reg(XISA_X86_FIELD(df), l.b.imm64(0));
  return true;
}

bool lift_std(Lifter& l) {
  l.b.set_reg(XISA_X86_FIELD(df), l.b.imm64(1));
  return true;
}

bool lift_lahf(Lifter& l) {
  ir::Builder& b = l.b;
  const Value ah = b.trunc(Type::I8, b.or_(l.eflags(), b.imm64(kReservedOne)));
  l.write_reg(ZYDIS_REGISTER_AH, ah);
  return true;
}

bool lift_sahf(Lifter& l) {
  ir::Builder& b = l.b;
  const uint64_t mask = (1u << kCF) | (1u << kPF) | (1u << kAF) | (1u << kZF) | (1u << kSF);
  const Value ah = b.zext(Type::I64, l.read_reg(ZYDIS_REGISTER_AH));
  l.update_flags(mask, b.and_(ah, b.imm64(mask)));
  return true;
}

bool lift_pushfq(Lifter& l) {
  if (l.in->d.operand_width != 64) return false;
  l.push(rflags(l));
  return true;
}

bool lift_popfq(Lifter& l) {
  if (l.in->d.operand_width != 64) return false;
  ir::Builder& b = l.b;
  const Value v = l.pop(Type::I64);
  l.set_eflags(b.and_(v, b.imm64(kArithFlagsMask)));
  b.set_reg(XISA_X86_FIELD(df), b.and_(b.shr(v, b.imm64(10)), b.imm64(1)));
  b.set_reg(XISA_X86_FIELD(rflags_other), b.and_(v, b.imm64(kRflagsUserSettable)));
  return true;
}

bool lift_nop(Lifter&) {
  return true;
}

bool lift_fence(Lifter& l) {
  l.b.fence(ir::FenceKind::Full);
  return true;
}

bool lift_syscall(Lifter& l) {
  // The CPU puts the return address in rcx and RFLAGS in r11; the kernel returns in rax.
  l.set_gpr(kRcx, l.b.imm64(l.in->next_pc()));
  l.set_gpr(11, rflags(l));
  l.b.syscall(l.in->next_pc());
  return true;
}

bool lift_cpuid(Lifter& l) {
  l.b.call(kCpuid, {});
  return true;
}

bool lift_rdtsc(Lifter& l) {
  l.b.call(kRdtsc, {});
  return true;
}

bool lift_ud2(Lifter& l) {
  l.trap(ir::TrapKind::IllegalInstruction);
  return true;
}

bool lift_int3(Lifter& l) {
  l.trap(ir::TrapKind::Breakpoint);
  return true;
}

// INT n: in 64-bit Linux every vector but 3 faults (#GP) and the process gets SIGSEGV.
bool lift_int(Lifter& l) {
  l.trap((l.op(0).imm.value.u & 0xff) == 3 ? ir::TrapKind::Breakpoint : ir::TrapKind::Halt);
  return true;
}

bool lift_hlt(Lifter& l) {
  l.trap(ir::TrapKind::Halt);
  return true;
}

}  // namespace xisa::x86_64
