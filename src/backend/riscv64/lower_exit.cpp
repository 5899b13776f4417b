// Helper calls and block exits: chainable direct jumps (a jal that patch_jump retargets), the
// inline jump-cache lookup for indirect jumps, and returns to the dispatcher for syscalls and
// traps. Every return to the dispatcher jumps to the trampoline's epilogue (kEpilogue) with the
// packed exit in a0 and the patch site (or 0) in a1: the ExitRecord `enter` returns.
#include "backend/riscv64/emitter.h"
#include "backend/riscv64/riscv64_backend.h"
#include "guest/cpu_header.h"
#include "ir/helpers.h"

namespace xisa::backend::riscv64 {

namespace {
constexpr int32_t kPcOffset = offsetof(CpuHeader, pc);
int32_t call_save(uint8_t reg) {
  return kCallSaveOffset + 8 * reg;
}
}  // namespace

void Emitter::store_pc(uint64_t pc) {
  as_.li(kScratch0, pc);
  as_.emit(enc::store(enc::kSd, kScratch0, kStateReg, kPcOffset));
}

void Emitter::count(int32_t counter_offset) {
  if (!config_.count_exits) return;
  // The counters lie beyond the 64 KiB jump cache, out of a load's immediate range.
  as_.li(kAddrScratch, kCountersOffset + counter_offset);
  as_.emit(enc::op(enc::kAdd, kAddrScratch, kThreadData, kAddrScratch));
  as_.emit(enc::load(enc::kLd, kScratch3, kAddrScratch, 0));
  as_.emit(enc::addi(kScratch3, kScratch3, 1));
  as_.emit(enc::store(enc::kSd, kScratch3, kAddrScratch, 0));
}

std::vector<uint8_t> Emitter::save_live_caller_saved() {
  std::vector<uint8_t> saved;
  for (uint8_t r : kAllocatable)
    if (is_caller_saved(r) && reg_owner_[r] != ir::kNoValue) {
      as_.emit(enc::store(enc::kSd, r, kSp, call_save(r)));
      saved.push_back(r);
    }
  return saved;
}

void Emitter::restore_caller_saved(const std::vector<uint8_t>& saved) {
  for (uint8_t r : saved) as_.emit(enc::load(enc::kLd, r, kSp, call_save(r)));
}

void Emitter::call_host(const void* fn) {
  as_.li(kScratch0, reinterpret_cast<uint64_t>(fn));
  as_.emit(enc::jalr(kRa, kScratch0, 0));
}

void Emitter::lower_call(size_t i) {
  const auto* helper = reinterpret_cast<const ir::HelperInfo*>(block_.insts[i].imm);
  store_pc(guest_pc_);  // the helper, and a fault inside it, see the current instruction
  call_with_args(i, reinterpret_cast<const void*>(helper->fn), true, 0);
}

// Arguments in a1..a3 come from the save area when their register is caller-saved (all live
// ones were saved), so loading one argument never clobbers another's source.
void Emitter::call_for(size_t i, const void* fn, bool first_is_state, uint64_t first) {
  const ir::Inst& inst = block_.insts[i];
  const std::vector<uint8_t> saved = save_live_caller_saved();
  for (unsigned a = 0; a < 3; ++a) {
    const Reg reg = static_cast<Reg>(kA1 + a);
    if (a >= inst.nargs) {
      as_.mv(reg, kZero);
      continue;
    }
    const Loc& l = loc(arg(i, a));
    if (l.kind == Loc::Reg && is_caller_saved(l.reg))
      as_.emit(enc::load(enc::kLd, reg, kSp, call_save(l.reg)));
    else
      mov_to(reg, arg(i, a));
  }
  if (first_is_state)
    as_.mv(kA0, kStateReg);
  else
    as_.li(kA0, first);
  call_host(fn);
  as_.mv(kScratch1, kA0);  // before a0 may be restored
  restore_caller_saved(saved);
}

void Emitter::call_with_args(size_t i, const void* fn, bool first_is_state, uint64_t first) {
  call_for(i, fn, first_is_state, first);
  as_.mv(def_reg(i, false), kScratch1);
}

void Emitter::emit_exit_to_dispatcher(uint64_t pc, uint32_t exit) {
  store_pc(pc);
  as_.li(kA0, exit);
  as_.mv(kA1, kZero);
  as_.emit(enc::jalr(kZero, kEpilogue, 0));
}

// A direct exit is a jal to its stub, followed by the far form patch_jump uses when a chained
// target is beyond the jal's +-1 MiB: `auipc t0; ld t0, literal; jr t0` and the 8-byte aligned
// literal. auipc+jalr alone could not be patched atomically; the jal (4 bytes) and the literal
// (8 bytes) are each rewritten by one aligned store (riscv64_backend.cpp: patch_jump).
void Emitter::emit_direct_exit(uint64_t target_pc) {
  count(offsetof(JitCounters, direct_exits));
  const Stub s{as_.new_label(), as_.new_label(), target_pc};
  as_.bind(s.site);
  const uint32_t site = as_.offset();
  chains.push_back({site, s.stub, target_pc});
  as_.j(s.stub);
  const auto literal = static_cast<uint32_t>(far_literal(site));
  as_.emit(enc::auipc(kScratch0, 0));
  as_.emit(enc::load(enc::kLd, kScratch0, kScratch0, static_cast<int32_t>(literal - (site + 4))));
  as_.emit(enc::jalr(kZero, kScratch0, 0));
  as_.align(8);
  as_.data64(0);
  stubs_.push_back(s);
}

void Emitter::emit_stubs() {
  for (const Stub& s : stubs_) {
    as_.bind(s.stub);
    store_pc(s.target);
    as_.la(kA1, s.site);
    as_.li(kA0, pack_exit(kExitJump));
    as_.emit(enc::jalr(kZero, kEpilogue, 0));
  }
}

void Emitter::emit_indirect_exit(ir::ValueId target) {
  const Reg pc = kScratch0, entry = kScratch1, tmp = kScratch3;
  mov_to(pc, target);
  as_.emit(enc::store(enc::kSd, pc, kStateReg, kPcOffset));
  static_assert(sizeof(JumpCacheEntry) == 16 && offsetof(ThreadCodeData, jump_cache) == 0);
  // entry = thread data + jump_cache_index(pc) * 16: bits 1..kJumpCacheBits of pc.
  as_.emit(enc::slli(entry, pc, 63 - kJumpCacheBits));
  as_.emit(enc::srli(entry, entry, 64 - kJumpCacheBits));
  as_.emit(enc::slli(entry, entry, 4));
  as_.emit(enc::op(enc::kAdd, entry, kThreadData, entry));
  as_.emit(enc::load(enc::kLd, tmp, entry, offsetof(JumpCacheEntry, guest_pc)));
  const Label miss = as_.new_label();
  as_.branch(enc::Cond::Ne, tmp, pc, miss);
  as_.emit(enc::load(enc::kLd, pc, entry, offsetof(JumpCacheEntry, host_code)));
  count(offsetof(JitCounters, jump_cache_hits));
  as_.emit(enc::jalr(kZero, pc, 0));
  as_.bind(miss);
  as_.li(kA0, pack_exit(kExitJump) | kExitIndirectMiss);
  as_.mv(kA1, kZero);
  as_.emit(enc::jalr(kZero, kEpilogue, 0));
}

void Emitter::branch_if(ir::ValueId cond, bool nonzero, Label target) {
  const Reg c = in_reg(cond, kScratch0);
  if (nonzero)
    as_.bnez(c, target);
  else
    as_.beqz(c, target);
}

void Emitter::write_back_dirty() {
  for (const DirtyEntry& e : dirty_) write_back(e);
  store_promoted_registers();
}

}  // namespace xisa::backend::riscv64
