// Helper calls and block exits: chainable direct jumps, the inline jump-cache lookup for
// indirect jumps, and returns to the dispatcher for syscalls and traps.
#include "backend/x86_64/emitter.h"
#include "guest/cpu_header.h"
#include "ir/helpers.h"

namespace xisa::backend::x86_64 {

using ir::Opcode;

namespace {
const x86::Mem kPcMem = x86::qword_ptr(kStateReg, offsetof(CpuHeader, pc));
x86::Mem call_save(uint8_t reg) {
  return x86::qword_ptr(x86::rsp, kCallSaveOffset + 8 * reg);
}
}  // namespace

void Emitter::store_pc(uint64_t pc) {
  const auto s = static_cast<int64_t>(pc);
  if (s >= INT32_MIN && s <= INT32_MAX) {
    as_.mov(kPcMem, s);
  } else {
    as_.mov(kScratch0, pc);
    as_.mov(kPcMem, kScratch0);
  }
}

// Host registers holding live values that a call may clobber go to the call save area.
std::vector<uint8_t> Emitter::save_live_caller_saved() {
  spill_vector_registers();
  std::vector<uint8_t> saved;
  for (uint8_t r : kAllocatable)
    if (is_caller_saved(r) && reg_owner_[r] != ir::kNoValue) {
      as_.mov(call_save(r), x86::gpq(r));
      saved.push_back(r);
    }
  return saved;
}

void Emitter::restore_caller_saved(const std::vector<uint8_t>& saved) {
  for (uint8_t r : saved) as_.mov(x86::gpq(r), call_save(r));
}

// Calls fn(state, rsi, rdx, rcx) with the live caller-saved registers preserved; the caller
// has loaded the argument registers (from the save area for caller-saved sources).
void Emitter::call_host(const void* fn) {
  as_.mov(x86::rdi, kStateReg);
  as_.mov(kScratch0, reinterpret_cast<uint64_t>(fn));
  as_.call(kScratch0);
}

// MXCSR is saved and restored around a helper: its flags may hold FP exceptions not yet
// accrued (host_fp_env.h), which a helper's own FP work would clear or add to. The call-save
// slot of rax holds it (rax is scratch, never saved there). The accruing helper takes them.
void Emitter::lower_call(size_t i) {
  const auto* helper = reinterpret_cast<const ir::HelperInfo*>(block_.insts[i].imm);
  store_pc(guest_pc_);  // the helper, and a fault inside it, see the current instruction
  const x86::Mem csr = x86::dword_ptr(x86::rsp, kCallSaveOffset + 8 * x86::Gp::kIdAx);
  if (!helper->takes_host_fp_flags) as_.stmxcsr(csr);
  call_with_args(i, reinterpret_cast<const void*>(helper->fn));
  if (!helper->takes_host_fp_flags) as_.ldmxcsr(csr);
}

void Emitter::call_with_args(size_t i, const void* fn) {
  const ir::Inst& inst = block_.insts[i];
  const std::vector<uint8_t> saved = save_live_caller_saved();
  const x86::Gp arg_regs[3] = {x86::rsi, x86::rdx, x86::rcx};
  for (unsigned a = 0; a < 3; ++a) {
    if (a >= inst.nargs) {
      as_.xor_(arg_regs[a].r32(), arg_regs[a].r32());
      continue;
    }
    const Loc& l = loc(arg(i, a));
    if (l.kind == Loc::Reg && is_caller_saved(l.reg))
      as_.mov(arg_regs[a], call_save(l.reg));
    else
      mov_to(arg_regs[a], arg(i, a));
  }
  call_host(fn);
  restore_caller_saved(saved);
  const x86::Gp dst = def_reg(i, false, 64);
  as_.mov(dst, kScratch0);
}

void Emitter::emit_exit_to_dispatcher(uint64_t pc, uint32_t exit) {
  store_pc(pc);
  as_.mov(kScratch0.r32(), exit);
  as_.xor_(kScratch2.r32(), kScratch2.r32());
  as_.jmp(asmjit::Imm(reinterpret_cast<uint64_t>(config_.epilogue)));
}

// One NOP instruction that makes the next instruction's rel32 (at offset + 1) 4-byte aligned.
void Emitter::pad_for_patchable_jump() {
  static constexpr uint8_t kNops[3][3] = {{0x90}, {0x66, 0x90}, {0x0f, 0x1f, 0x00}};
  const auto pad = static_cast<unsigned>((4 - (as_.offset() + 1) % 4) % 4);
  if (pad) as_.embed(kNops[pad - 1], pad);
}

void Emitter::emit_direct_exit(uint64_t target_pc, const asmjit::Label* entry) {
  // The jump's rel32 is patched to chain this exit: keep it 4-byte aligned so that the patch is
  // one aligned store that other threads see whole. The padding goes before `entry`, so only
  // a fall-through reaches it.
  pad_for_patchable_jump();
  if (entry) as_.bind(*entry);
  if (config_.count_exits) {
    as_.mov(kScratch0, x86::qword_ptr(x86::rsp, kJumpCacheOffset));
    as_.inc(x86::qword_ptr(kScratch0, kCountersOffset + offsetof(JitCounters, direct_exits)));
    pad_for_patchable_jump();
  }
  Stub s{as_.newLabel(), as_.newLabel(), target_pc};
  as_.bind(s.site);
  chains.push_back({s.site, s.stub, target_pc});
  as_.long_().jmp(s.stub);
  stubs_.push_back(s);
}

void Emitter::emit_stubs() {
  for (const Stub& s : stubs_) {
    as_.bind(s.stub);
    if (s.target != backend::kInlineCacheTarget) store_pc(s.target);  // else stored already
    as_.lea(kScratch2, x86::ptr(s.site));
    as_.mov(kScratch0.r32(), pack_exit(kExitJump));
    as_.jmp(asmjit::Imm(reinterpret_cast<uint64_t>(config_.epilogue)));
  }
}

// An indirect exit first compares its target with its inline cache: the pc its first link
// chained it to (ChainSite::guard_offset, in the literal pool), for a direct jump there; other
// targets take the jump cache. Until that link, the exit returns to the dispatcher to make it.
void Emitter::emit_indirect_exit(ir::ValueId target) {
  const x86::Gp rax = kScratch0, rcx = kScratch1;
  mov_to(rax, target);
  as_.mov(kPcMem, rax);
  if (!flushes_code) {  // the dispatcher never links a block that flushes code
    const asmjit::Label lookup = as_.newLabel();
    const asmjit::Label guard = literals_.unique(backend::kNoInlineCachePc, 0);
    as_.cmp(rax, x86::qword_ptr(guard));
    as_.jne(lookup);
    emit_direct_exit(backend::kInlineCacheTarget, nullptr);
    chains.back().guard = guard;
    as_.bind(lookup);
    // Not linked yet: the first target goes through the dispatcher, which links it.
    static_assert(backend::kNoInlineCachePc == ~uint64_t{0});
    as_.cmp(x86::qword_ptr(guard), -1);
    as_.je(chains.back().stub);
  }
  as_.mov(rcx, rax);
  as_.shr(rcx, 1);
  as_.and_(rcx.r32(), (1u << kJumpCacheBits) - 1);
  as_.shl(rcx.r32(), 4);
  static_assert(sizeof(JumpCacheEntry) == 16);
  as_.add(rcx, x86::qword_ptr(x86::rsp, kJumpCacheOffset));
  asmjit::Label miss = as_.newLabel();
  as_.cmp(rax, x86::qword_ptr(rcx, offsetof(JumpCacheEntry, guest_pc)));
  as_.jne(miss);
  if (config_.count_exits) {
    as_.mov(kScratch2, x86::qword_ptr(x86::rsp, kJumpCacheOffset));
    as_.inc(x86::qword_ptr(kScratch2, kCountersOffset + offsetof(JitCounters, jump_cache_hits)));
  }
  as_.jmp(x86::qword_ptr(rcx, offsetof(JumpCacheEntry, host_code)));
  as_.bind(miss);
  as_.mov(rax.r32(), pack_exit(kExitJump) | kExitIndirectMiss);
  as_.xor_(kScratch2.r32(), kScratch2.r32());
  as_.jmp(asmjit::Imm(reinterpret_cast<uint64_t>(config_.epilogue)));
}

// A side exit: when the condition holds, the deferred guest writes so far go to the state on
// the exit path only (the fall-through keeps them deferred) and the block leaves with a trap
// (TrapIf) or through a chainable direct exit (ExitIf). The exit path is cold code: a check
// that passes falls through.
void Emitter::lower_trap_if(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  if (is_imm(arg(i, 0)) && loc(arg(i, 0)).imm == 0) return;
  auto leave = [&] {
    if (fence_on_side_exits_) as_.mfence();
    for (const DirtyEntry& e : dirty_) write_back(e);
    store_promoted_registers();
    if (inst.op == Opcode::ExitIf)
      emit_direct_exit(inst.imm, nullptr);
    else
      emit_exit_to_dispatcher(inst.imm, pack_exit(kExitTrap, static_cast<uint8_t>(inst.aux)));
  };
  if (is_imm(arg(i, 0))) {  // always taken
    leave();
    return;
  }
  asmjit::Label exit = as_.newLabel();
  if (fused_compare_) {
    as_.j(fused_cc_, exit);
    fused_compare_ = false;
  } else {
    const x86::Gp c = in_reg(arg(i, 0), kScratch0, 32);
    as_.test(c, c);
    as_.jnz(exit);
  }
  cold_.emit(exit, leave);
}

void Emitter::lower_terminator(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  if (loop_.active()) {  // Jump or Branch with the block itself as a target
    if (inst.op == Opcode::Jump) {
      emit_block_exit(inst.imm);
      return;
    }
    if (is_imm(arg(i, 0)) && !fused_compare_) {
      emit_block_exit(loc(arg(i, 0)).imm ? inst.imm : inst.aux);
      return;
    }
    // The flags hold the condition through the back edge's moves: the branch back is the only
    // taken one of an iteration, and leaving the loop falls through.
    const bool back_if_taken = inst.imm == block_.guest_pc;
    x86::CondCode back_cc = x86::CondCode::kNotZero;
    if (fused_compare_) {
      back_cc = back_if_taken ? fused_cc_ : x86::negateCond(fused_cc_);
    } else {
      const x86::Gp c = in_reg(arg(i, 0), kScratch0, 32);
      as_.test(c, c);
      back_cc = back_if_taken ? x86::CondCode::kNotZero : x86::CondCode::kZero;
    }
    emit_conditional_back_edge(back_if_taken ? inst.aux : inst.imm,
                               [&](const asmjit::Label& head) { as_.j(back_cc, head); });
    return;
  }
  switch (inst.op) {
    case Opcode::Jump:
      emit_direct_exit(inst.imm, nullptr);
      return;
    case Opcode::Branch: {
      asmjit::Label taken = as_.newLabel();
      if (fused_compare_) {
        as_.j(fused_cc_, taken);
      } else if (is_imm(arg(i, 0))) {
        emit_direct_exit(loc(arg(i, 0)).imm ? inst.imm : inst.aux, nullptr);
        return;
      } else {
        const x86::Gp c = in_reg(arg(i, 0), kScratch0, 32);
        as_.test(c, c);
        as_.jnz(taken);
      }
      emit_direct_exit(inst.aux, nullptr);
      emit_direct_exit(inst.imm, &taken);
      return;
    }
    case Opcode::JumpIndirect:
      emit_indirect_exit(arg(i, 0));
      return;
    case Opcode::Syscall:
      emit_exit_to_dispatcher(inst.imm, pack_exit(kExitSyscall));
      return;
    default:  // Trap
      emit_exit_to_dispatcher(inst.imm, pack_exit(kExitTrap, static_cast<uint8_t>(inst.aux)));
      return;
  }
}

}  // namespace xisa::backend::x86_64
