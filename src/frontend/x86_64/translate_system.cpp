// Flag control (SDM vol. 1, 7.3.13) and the user-mode system instructions: SYSCALL, CPUID,
// RDTSC/RDTSCP/RDPID, fences, cache-line flushes, NOPs, and UD2/INT3/HLT as traps.
#include <sched.h>

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

// IA32_TSC_AUX as Linux sets it on each CPU (setup_getcpu): the node above bit 12, the CPU
// below, which RDTSCP and RDPID read.
uint64_t tsc_aux() {
  unsigned cpu = 0, node = 0;
  if (getcpu(&cpu, &node) != 0) return 0;
  return (uint64_t{node} << 12) | cpu;
}

// x86_rdtsc(state, with_aux): a 1 GHz counter from the host's monotonic clock in EDX:EAX, and
// for RDTSCP the TSC_AUX value in ECX.
uint64_t helper_rdtsc(void* state, uint64_t with_aux, uint64_t, uint64_t) {
  auto& g = static_cast<X86_64State*>(state)->gpr;
  const uint64_t t = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                               std::chrono::steady_clock::now().time_since_epoch())
                                               .count());
  g[kRax] = t & 0xffffffffu;
  g[kRdx] = t >> 32;
  if (with_aux) g[kRcx] = tsc_aux();
  return 0;
}
const ir::HelperInfo kRdtsc{"x86_rdtsc", helper_rdtsc};

uint64_t helper_tsc_aux(void*, uint64_t, uint64_t, uint64_t) {
  return tsc_aux();
}
const ir::HelperInfo kTscAux{"x86_tsc_aux", helper_tsc_aux};

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

// PUSHFQ, or PUSHFW (0x66): the low 16 bits of RFLAGS.
bool lift_pushfq(Lifter& l) {
  const unsigned bits = l.in->d.operand_width;
  if (bits != 64 && bits != 16) return false;
  l.push(l.b.trunc(ir::int_type_of_bits(bits), rflags(l)));
  return true;
}

// POPFQ, or POPFW (0x66), which keeps RFLAGS above bit 15 (AC, ID).
bool lift_popfq(Lifter& l) {
  const unsigned bits = l.in->d.operand_width;
  if (bits != 64 && bits != 16) return false;
  ir::Builder& b = l.b;
  const Value v = b.zext(Type::I64, l.pop(ir::int_type_of_bits(bits)));
  l.set_eflags(b.and_(v, b.imm64(kArithFlagsMask)));
  b.set_reg(XISA_X86_FIELD(df), b.and_(b.shr(v, b.imm64(10)), b.imm64(1)));
  if (bits == 64) b.set_reg(XISA_X86_FIELD(rflags_other), b.and_(v, b.imm64(kRflagsUserSettable)));
  return true;
}

bool lift_nop(Lifter& l) {
  // 0F 0D (PREFETCH/PREFETCHW) with a register operand is #UD, though Zydis names it NOP.
  const auto& d = l.in->d;
  return !(d.opcode_map == ZYDIS_OPCODE_MAP_0F && d.opcode == 0x0d && d.operand_count_visible > 0 &&
           l.is_reg(0));
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
  const bool with_aux = l.in->d.mnemonic == ZYDIS_MNEMONIC_RDTSCP;
  l.b.call(kRdtsc, {l.b.imm64(with_aux ? 1 : 0)});
  return true;
}

bool lift_rdpid(Lifter& l) {
  l.write(0, l.b.trunc(l.type(0), l.b.call(kTscAux, {})));
  return true;
}

// CLFLUSH/CLFLUSHOPT/CLWB: xisa keeps no cache, but the line's address is checked as a read
// would be, so an unmapped or inaccessible line faults as it does natively.
bool lift_clflush(Lifter& l) {
  if (!l.is_mem(0)) return false;
  l.b.load(Type::I8, l.address(0));
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
