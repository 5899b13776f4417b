// Guest memory: loads, stores and atomics as single host accesses on the 1:1 guest address
// space, each recorded as a fault site; and fences.
#include "backend/x86_64/emitter.h"

namespace xisa::backend::x86_64 {

using ir::Opcode;

namespace {

bool is_locked_op(Opcode op) {
  return op == Opcode::AtomicRmw || op == Opcode::AtomicCas;
}

// Between a fence and a locked op, what neither reads nor writes guest memory: values, guest
// state, instruction markers and side exits (which take the fence with them, see below).
bool touches_no_memory(const ir::Inst& inst) {
  return ir::has_flag(inst.op, ir::kPure) || inst.op == Opcode::GetReg ||
         inst.op == Opcode::SetReg || inst.op == Opcode::GuestInsn || inst.op == Opcode::TrapIf ||
         inst.op == Opcode::ExitIf;
}

}  // namespace

// A LOCK-prefixed instruction is itself a full barrier on x86, so a full fence whose last
// memory access was one, or whose next is one (RISC-V's `fence; amoadd`, a release before an
// AMO), needs no MFENCE. Before the locked op, a side exit in between would leave without it:
// the fence moves to those exit paths (fence_on_side_exits_).
bool Emitter::locked_op_next_to(size_t fence, bool after) const {
  const auto& insts = block_.insts;
  for (size_t j = fence; after ? ++j < insts.size() : j-- > 0;) {
    if (is_locked_op(insts[j].op)) return true;
    if (!touches_no_memory(insts[j])) break;
  }
  return false;
}

void Emitter::record_fault_site(const ir::Inst& access) {
  std::vector<DirtyEntry> dirty = dirty_;
  for (DirtyEntry& e : dirty) e.value = bits_of(e.value);
  FaultSite site{static_cast<uint32_t>(as_.offset()), guest_pc_,
                 common::dirty_regs_of(dirty, loc_, spill_offset(1)),
                 common::restarts_alone_on_fault(access)};
  loop_.add_fault_entries(site, dirty_);  // promoted registers not overwritten yet
  fault_sites.push_back(std::move(site));
}

// The SExt to 64 bits that comes next, when the load may be sign-extended in its register: it
// is the load's only use, or the other uses of a 32-bit load read only the low half (RISC-V's
// lw feeding both a W op and a register). Else 0.
size_t Emitter::sign_extension_of(size_t load) const {
  size_t next = load + 1;
  while (next < block_.insts.size() && block_.insts[next].op == Opcode::GuestInsn) ++next;
  if (next == block_.insts.size()) return 0;
  const ir::Inst& user = block_.insts[next];
  if (user.op != Opcode::SExt || user.type != ir::Type::I64 || user.args[0] != load) return 0;
  const bool only_use = live_.last_use[load] == next;
  const bool low_half_elsewhere = block_.insts[load].type == ir::Type::I32 && low_half_only_[load];
  return only_use || low_half_elsewhere ? next : 0;
}

void Emitter::lower_memory(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const unsigned bytes = ir::type_bytes(inst.type);
  auto addr = [&](const x86::Gp& scratch, unsigned size) {
    return access_address(i, scratch, size);
  };
  switch (inst.op) {
    case Opcode::Load: {
      if (bytes == 16) {
        const x86::Xmm dst = def_vec(i);
        const x86::Mem src = addr(kScratch0, 16);
        record_fault_site(inst);
        as_.movdqu(dst, src);
        return;
      }
      if (load_into_xmm_[i] && stays_out_of_promoted_slots(i)) {  // bits for SSE ops
        const x86::Xmm dst = def_vec(i);
        const x86::Mem src = addr(kScratch0, bytes);
        record_fault_site(inst);
        if (bytes == 8)
          as_.movq(dst, src);
        else
          as_.movd(dst, src);
        return;
      }
      const size_t extension = bytes < 8 ? sign_extension_of(i) : 0;
      // A self-loop's promoted register may take the extended value (coalesce_into): the load
      // goes there. It reads its address before it writes, and faults before it writes.
      const uint8_t into = extension ? loop_.coalesce_into(extension) : 0xff;
      x86::Gp dst;
      if (into != 0xff) {
        loc_[i] = Loc{Loc::Reg, into};
        dst = x86::gpq(into);
      } else {
        dst = def_reg(i, true, 64);
      }
      const x86::Mem src = addr(kScratch0, bytes);
      record_fault_site(inst);
      if (extension) {  // RISC-V lw/lh/lb, AArch64 ldrs*: one MOVSX
        if (bytes == 4)
          as_.movsxd(dst, src);
        else
          as_.movsx(dst, src);
        sign_extended_load_ = static_cast<ir::ValueId>(i);
      } else if (bytes < 4) {
        as_.movzx(dst.r32(), src);
      } else {
        as_.mov(gp_of_bytes(dst, bytes), src);
      }
      return;
    }
    case Opcode::Store: {
      const ir::ValueId v = bits_of(arg(i, 1));
      if (bytes == 16) {
        const x86::Xmm src = loc(v).kind == Loc::VecReg ? x86::xmm(loc(v).reg) : x86::xmm0;
        load128(v, src);
        const x86::Mem dst = addr(kScratch0, 16);
        record_fault_site(inst);
        as_.movdqu(dst, src);
        return;
      }
      asmjit::Operand value;
      const Loc& l = loc(v);
      if (l.kind == Loc::VecReg) {  // the bits of an FP value or load (bits_of, load_into_xmm_)
        const x86::Mem dst = addr(kScratch0, bytes);
        record_fault_site(inst);
        if (bytes == 8)
          as_.movq(dst, x86::xmm(l.reg));
        else
          as_.movd(dst, x86::xmm(l.reg));
        return;
      }
      const auto s = static_cast<int64_t>(l.imm);
      if (l.kind == Loc::Imm && (bytes < 8 || (s >= INT32_MIN && s <= INT32_MAX)))
        value = asmjit::Imm(bytes < 8 ? static_cast<int64_t>(static_cast<int32_t>(l.imm)) : s);
      else
        value = gp_of_bytes(in_reg(v, kScratch1, 64), bytes);
      const x86::Mem dst = addr(kScratch0, bytes);
      record_fault_site(inst);
      as_.emit(x86::Inst::kIdMov, dst, value);
      return;
    }
    case Opcode::Fence:
      switch (static_cast<ir::FenceKind>(inst.imm)) {
        case ir::FenceKind::Full:
          if (locked_op_next_to(i, false)) return;
          if (locked_op_next_to(i, true))
            fence_on_side_exits_ = true;
          else
            as_.mfence();
          return;
        // x86 keeps loads and stores in order (TSO): acquire and release need no instruction.
        case ir::FenceKind::Acquire:
        case ir::FenceKind::Release:
          return;
        case ir::FenceKind::Instruction:
          flushes_code = true;
          if (config_.instruction_fence) {
            const std::vector<uint8_t> saved = save_live_caller_saved();
            call_host(reinterpret_cast<const void*>(config_.instruction_fence));
            restore_caller_saved(saved);
          }
          return;
      }
      return;
    default:
      lower_atomic(i);
      return;
  }
}

void Emitter::lower_atomic(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  fence_on_side_exits_ = false;  // this locked op is the fence from here on
  const unsigned bytes = ir::type_bytes(inst.type);
  const x86::Gp rax = kScratch0, rcx = kScratch1, rdx = kScratch2;
  // The result register doubles as a temporary for the operand while the loop runs.
  const x86::Gp dst = def_reg(i, false, 64);
  const Loc& al = loc(arg(i, 0));
  const x86::Mem mem = al.kind == Loc::Reg ? x86::ptr(x86::gpq(al.reg), 0, bytes)
                                           : (mov_to(rdx, arg(i, 0)), x86::ptr(rdx, 0, bytes));
  if (inst.op == Opcode::AtomicCas) {
    mov_to(rcx, arg(i, 2));
    mov_to(rax, arg(i, 1));
    record_fault_site(inst);
    as_.lock().cmpxchg(mem, gp_of_bytes(rcx, bytes));
  } else {
    const auto op = static_cast<ir::AtomicOp>(inst.imm);
    if (op == ir::AtomicOp::Add || op == ir::AtomicOp::Swap) {
      mov_to(rax, arg(i, 1));
      record_fault_site(inst);
      if (op == ir::AtomicOp::Add)
        as_.lock().xadd(mem, gp_of_bytes(rax, bytes));
      else
        as_.xchg(mem, gp_of_bytes(rax, bytes));
    } else {
      const x86::Gp v = loc(arg(i, 1)).kind == Loc::Reg ? gp_of(loc(arg(i, 1)).reg, 64) : dst;
      mov_to(v, arg(i, 1));
      const unsigned w = bytes == 8 ? 64 : 32;
      asmjit::Label retry = as_.newLabel();
      record_fault_site(inst);
      if (bytes < 4)
        as_.movzx(rax.r32(), mem);
      else
        as_.mov(gp_of_bytes(rax, bytes), mem);
      as_.bind(retry);
      as_.mov(rcx, rax);
      auto cmov_if = [&](x86::CondCode cc) {
        as_.cmp(gp_of_bytes(rax, bytes), gp_of_bytes(v, bytes));
        as_.emit(x86::Inst::cmovccFromCond(cc), gp_of(rcx, w), gp_of(v, w));
      };
      switch (op) {
        case ir::AtomicOp::And:
          as_.and_(rcx, v);
          break;
        case ir::AtomicOp::Or:
          as_.or_(rcx, v);
          break;
        case ir::AtomicOp::Xor:
          as_.xor_(rcx, v);
          break;
        case ir::AtomicOp::MinS:
          cmov_if(x86::CondCode::kGE);
          break;
        case ir::AtomicOp::MaxS:
          cmov_if(x86::CondCode::kLE);
          break;
        case ir::AtomicOp::MinU:
          cmov_if(x86::CondCode::kAE);
          break;
        default:
          cmov_if(x86::CondCode::kBE);
          break;
      }
      record_fault_site(inst);
      as_.lock().cmpxchg(mem, gp_of_bytes(rcx, bytes));
      as_.jne(retry);
    }
  }
  as_.mov(dst, rax);
  zero_extend(dst, inst.type);
}

}  // namespace xisa::backend::x86_64
