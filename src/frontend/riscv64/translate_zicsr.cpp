// Zicsr and Zifencei (Volume I, chapters 7 and 6), for user mode: the FP control CSRs fflags,
// frm and fcsr, and the vector CSRs vstart, vxsat, vxrm, vcsr, vl, vtype and vlenb (the last three
// read-only), live in the guest state; the read-only counters cycle, time and instret come
// from the host's monotonic clock through helpers. Any other CSR, and any write to a read-only
// one, is an illegal instruction.
//
// Counter frequencies: cycle and instret count host nanoseconds (as if one instruction retired
// per cycle at 1 GHz); time counts 10 MHz ticks (100 ns), the timebase of riscv Linux on qemu
// virt, so a guest that converts rdtime with its usual 10 MHz assumption gets real time.
#include <time.h>

#include <cstddef>

#include "frontend/common/fp_fast_path.h"
#include "frontend/riscv64/fields.h"
#include "frontend/riscv64/lifter.h"
#include "frontend/riscv64/riscv64_frontend.h"
#include "guest/riscv64/riscv64_vlen.h"

namespace xisa::riscv64 {

using ir::Type;
using ir::Value;

namespace {

enum : unsigned {
  kCsrFflags = 0x001,
  kCsrFrm = 0x002,
  kCsrFcsr = 0x003,
  kCsrVstart = 0x008,
  kCsrVxsat = 0x009,
  kCsrVxrm = 0x00a,
  kCsrVcsr = 0x00f,
  kCsrVl = 0xc20,
  kCsrVtype = 0xc21,
  kCsrVlenb = 0xc22,
  kCsrCycle = 0xc00,
  kCsrTime = 0xc01,
  kCsrInstret = 0xc02,
};

constexpr uint32_t kFflagsOffset = offsetof(Riscv64State, fflags);
constexpr uint32_t kFrmOffset = offsetof(Riscv64State, frm);
constexpr uint32_t kVstartOffset = offsetof(Riscv64State, vstart);
constexpr uint32_t kVxsatOffset = offsetof(Riscv64State, vxsat);
constexpr uint32_t kVxrmOffset = offsetof(Riscv64State, vxrm);
constexpr uint32_t kVlOffset = offsetof(Riscv64State, vl);
constexpr uint32_t kVtypeOffset = offsetof(Riscv64State, vtype);
constexpr uint64_t kVstartMask = 0x7f;  // log2(VLEN) bits: enough for any element index
constexpr uint64_t kFflagsMask = 0x1f;
constexpr uint64_t kFrmMask = 0x7;
constexpr unsigned kFrmShift = 5;  // fcsr = frm << 5 | fflags

uint64_t monotonic_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + static_cast<uint64_t>(ts.tv_nsec);
}
uint64_t read_cycle(void*, uint64_t, uint64_t, uint64_t) {
  return monotonic_ns();
}
uint64_t read_time(void*, uint64_t, uint64_t, uint64_t) {
  return monotonic_ns() / (1'000'000'000 / kTimeFrequencyHz);
}

const ir::HelperInfo kReadCycle{"riscv64_read_cycle", read_cycle};
const ir::HelperInfo kReadTime{"riscv64_read_time", read_time};

bool csr_known(unsigned csr) {
  switch (csr) {
    case kCsrFflags:
    case kCsrFrm:
    case kCsrFcsr:
    case kCsrCycle:
    case kCsrTime:
    case kCsrInstret:
    case kCsrVstart:
    case kCsrVxsat:
    case kCsrVxrm:
    case kCsrVcsr:
    case kCsrVl:
    case kCsrVtype:
    case kCsrVlenb:
      return true;
    default:
      return false;
  }
}
// CSR numbers 0xCxx (top two bits set) are read-only (Privileged spec, table 2.1).
bool csr_read_only(unsigned csr) {
  return (csr >> 10) == 3;
}

Value read_state32(Lifter& l, uint32_t offset) {
  return l.b.zext(Type::I64, l.b.get_reg(Type::I32, offset));
}
void write_state32(Lifter& l, uint32_t offset, Value v, uint64_t mask) {
  l.b.set_reg(offset, l.b.trunc(Type::I32, l.b.and_(v, l.b.imm64(mask))));
}

Value read_csr(Lifter& l, unsigned csr) {
  auto& b = l.b;
  switch (csr) {
    case kCsrFflags:
      return read_state32(l, kFflagsOffset);
    case kCsrFrm:
      return read_state32(l, kFrmOffset);
    case kCsrFcsr:
      return b.or_(b.shl(read_state32(l, kFrmOffset), b.imm64(kFrmShift)),
                   read_state32(l, kFflagsOffset));
    case kCsrVstart:
      return b.get_reg(Type::I64, kVstartOffset);
    case kCsrVxsat:
      return read_state32(l, kVxsatOffset);
    case kCsrVxrm:
      return read_state32(l, kVxrmOffset);
    case kCsrVcsr:  // vxrm << 1 | vxsat
      return b.or_(b.shl(read_state32(l, kVxrmOffset), b.imm64(1)), read_state32(l, kVxsatOffset));
    case kCsrVl:
      return b.get_reg(Type::I64, kVlOffset);
    case kCsrVtype:
      return b.get_reg(Type::I64, kVtypeOffset);
    case kCsrVlenb:
      return b.imm64(vlen_bytes());
    case kCsrTime:
      return b.call(kReadTime, {});
    default:
      return b.call(kReadCycle, {});  // cycle, instret
  }
}

void write_csr(Lifter& l, unsigned csr, Value v) {
  if (csr == kCsrFflags || csr == kCsrFcsr) write_state32(l, kFflagsOffset, v, kFflagsMask);
  if (csr == kCsrFrm) write_state32(l, kFrmOffset, v, kFrmMask);
  if (csr == kCsrFcsr) write_state32(l, kFrmOffset, l.b.shr(v, l.b.imm64(kFrmShift)), kFrmMask);
  if (csr == kCsrVstart) l.b.set_reg(kVstartOffset, l.b.and_(v, l.b.imm64(kVstartMask)));
  if (csr == kCsrVxsat || csr == kCsrVcsr) write_state32(l, kVxsatOffset, v, 1);
  if (csr == kCsrVxrm) write_state32(l, kVxrmOffset, v, 3);
  if (csr == kCsrVcsr) write_state32(l, kVxrmOffset, l.b.shr(v, l.b.imm64(1)), 3);
}

enum class CsrOp { Write, Set, Clear };

// One path for all six instructions. `writes` is false for CSRRS/CSRRC with rs1 = x0 and for
// CSRRSI/CSRRCI with uimm = 0: those only read, so they are legal on read-only CSRs too.
bool lift_csr(Lifter& l, uint32_t insn, CsrOp op, bool immediate) {
  const unsigned csr = csr_number(insn);
  const unsigned src_field = rs1(insn);  // a register number, or the 5-bit uimm
  const bool writes = op == CsrOp::Write || src_field != 0;
  if (!csr_known(csr) || (writes && csr_read_only(csr))) return false;
  auto& b = l.b;
  const Value src = immediate ? b.imm64(src_field) : l.x(src_field);
  const bool flags_csr = csr == kCsrFflags || csr == kCsrFcsr;  // the flags are bits 0-4
  Lifter::AccruedFpFlags& accrued = l.accrued_fp_flags;
  if (flags_csr) {
    const bool keeps_all = !writes || op == CsrOp::Set;
    // GCC's quiet compare (isless and the like, sqrt's domain test) is frflags, flt, fsflags:
    // the write-back of the copy needs no second accrual (and its STMXCSR).
    const bool keeps_copy =
        op == CsrOp::Write && !immediate && src_field != 0 && (accrued.copy_regs >> src_field & 1);
    if (!accrued.valid || !(keeps_all || keeps_copy)) {
      const Value kept = keeps_all ? b.imm64(~uint64_t{0}) : op == CsrOp::Clear ? b.not_(src) : src;
      frontend::accrue_pending_fp_exceptions(b, kFpStatus, kept);
    }
    accrued.valid = true;
  }
  const Value old = read_csr(l, csr);
  if (writes) {
    if (csr == kCsrVstart) {  // the IR path of V assumes vstart = 0
      l.vector.valid = false;
      l.vtype_hint.reset();
    }
    Value updated = src;
    if (op == CsrOp::Set) updated = b.or_(old, src);
    if (op == CsrOp::Clear) updated = b.and_(old, b.not_(src));
    write_csr(l, csr, updated);
  }
  l.set_x(rd(insn), old);
  accrued.copy_regs &= ~(1u << rd(insn));
  if (flags_csr && rd(insn) != 0) accrued.copy_regs |= 1u << rd(insn);
  return true;
}

// Major opcodes (Volume I, table 24.1) of instructions that raise no host FP flags.
enum : uint32_t {
  kOpLoad = 0x03,
  kOpLoadFp = 0x07,  // FP and vector loads
  kOpMiscMem = 0x0f,
  kOpImm = 0x13,
  kOpAuipc = 0x17,
  kOpImm32 = 0x1b,
  kOpStore = 0x23,
  kOpStoreFp = 0x27,
  kOpOp = 0x33,  // with M: integer multiply and divide
  kOpLui = 0x37,
  kOpOp32 = 0x3b,
  kOpFp = 0x53,
  kOpBranch = 0x63,
  kOpJalr = 0x67,
  kOpJal = 0x6f,
  kOpSystem = 0x73,
};

// OP-FP instructions that compute nothing in floating point: compares (whose fast path leaves
// the block on an unordered operand, the one case in which the host's compare raises a flag),
// sign injection, moves and fclass. Half-precision and slow-path ones go through helpers.
bool raises_no_host_fp_flags(const Lifter& l, uint32_t insn) {
  const unsigned funct7 = bits(insn, 25, 7);
  if (funct7 == 0x50 || funct7 == 0x51) return !l.slow_path;  // feq, flt, fle (.s, .d)
  return funct7 == 0x10 || funct7 == 0x11 || funct7 == 0x70 || funct7 == 0x71 || funct7 == 0x78 ||
         funct7 == 0x79;
}

}  // namespace

void track_accrued_fp_flags(Lifter& l, uint32_t insn) {
  Lifter::AccruedFpFlags& accrued = l.accrued_fp_flags;
  if (!accrued.valid) return;
  const uint32_t opcode = insn & 0x7f;
  if (opcode == kOpSystem && funct3(insn) != 0) return;  // Zicsr: lift_csr keeps it up to date
  switch (opcode) {
    case kOpLoad:
    case kOpLoadFp:
    case kOpMiscMem:
    case kOpImm:
    case kOpAuipc:
    case kOpImm32:
    case kOpStore:
    case kOpStoreFp:
    case kOpOp:
    case kOpLui:
    case kOpOp32:
    case kOpBranch:
    case kOpJalr:
    case kOpJal:
      break;
    case kOpFp:
      if (raises_no_host_fp_flags(l, insn)) break;
      [[fallthrough]];
    default:
      accrued = {};
      return;
  }
  accrued.copy_regs &= ~(1u << rd(insn));  // for stores and branches, bits of the immediate
}

bool lift_csrrw(Lifter& l, uint32_t i) {
  return lift_csr(l, i, CsrOp::Write, false);
}
bool lift_csrrs(Lifter& l, uint32_t i) {
  return lift_csr(l, i, CsrOp::Set, false);
}
bool lift_csrrc(Lifter& l, uint32_t i) {
  return lift_csr(l, i, CsrOp::Clear, false);
}
bool lift_csrrwi(Lifter& l, uint32_t i) {
  return lift_csr(l, i, CsrOp::Write, true);
}
bool lift_csrrsi(Lifter& l, uint32_t i) {
  return lift_csr(l, i, CsrOp::Set, true);
}
bool lift_csrrci(Lifter& l, uint32_t i) {
  return lift_csr(l, i, CsrOp::Clear, true);
}

// The code cache invalidates translations on FENCE.I; ending the block here makes the next
// instruction come from a fresh lookup.
bool lift_fence_i(Lifter& l, uint32_t) {
  l.b.fence(ir::FenceKind::Instruction);
  l.b.jump(l.next_pc());
  return true;
}

}  // namespace xisa::riscv64
