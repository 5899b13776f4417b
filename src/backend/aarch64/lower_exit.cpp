// Helper calls and block exits: chainable direct branches (a B that patch_jump retargets), the
// inline jump-cache lookup for indirect jumps, and returns to the dispatcher for syscalls and
// traps. Every return to the dispatcher branches to the trampoline's epilogue (kEpilogue) with
// the packed exit in x0 and the patch site (or 0) in x1: the ExitRecord `enter` returns.
#include "backend/aarch64/emitter.h"
#include "guest/cpu_header.h"
#include "ir/helpers.h"

namespace xisa::backend::aarch64 {

namespace {
a64::Mem call_save(uint8_t reg) {
  return a64::ptr(a64::sp, kCallSaveOffset + 8 * reg);
}
const a64::Mem kPcMem = a64::ptr(kStateReg, offsetof(CpuHeader, pc));
}  // namespace

void Emitter::store_pc(uint64_t pc) {
  mov_imm(kScratch0, pc);
  as_.str(kScratch0, kPcMem);
}

void Emitter::count(int32_t counter_offset) {
  if (!config_.count_exits) return;
  // The counters lie beyond the 64 KiB jump cache, out of LDR's immediate range.
  mov_imm(kAddrScratch, kCountersOffset + counter_offset);
  as_.add(kAddrScratch, kThreadData, kAddrScratch);
  as_.ldr(kScratch1, a64::ptr(kAddrScratch));
  as_.add(kScratch1, kScratch1, 1);
  as_.str(kScratch1, a64::ptr(kAddrScratch));
}

std::vector<uint8_t> Emitter::save_live_caller_saved() {
  std::vector<uint8_t> saved;
  for (uint8_t r : kAllocatable)
    if (is_caller_saved(r) && reg_owner_[r] != ir::kNoValue) {
      as_.str(a64::x(r), call_save(r));
      saved.push_back(r);
    }
  return saved;
}

void Emitter::restore_caller_saved(const std::vector<uint8_t>& saved) {
  for (uint8_t r : saved) as_.ldr(a64::x(r), call_save(r));
}

void Emitter::call_host(const void* fn) {
  as_.mov(a64::x0, kStateReg);
  mov_imm(kScratch0, reinterpret_cast<uint64_t>(fn));
  as_.blr(kScratch0);
}

void Emitter::lower_call(size_t i) {
  const auto* helper = reinterpret_cast<const ir::HelperInfo*>(block_.insts[i].imm);
  store_pc(guest_pc_);  // the helper, and a fault inside it, see the current instruction
  call_with_args(i, reinterpret_cast<const void*>(helper->fn));
}

// Arguments in x1..x3 come from the save area when their register is caller-saved (all of
// x0..x14 were saved), so loading one argument never clobbers another's source.
void Emitter::call_for(size_t i, const void* fn, bool first_is_state, uint64_t first) {
  const ir::Inst& inst = block_.insts[i];
  const std::vector<uint8_t> saved = save_live_caller_saved();
  for (unsigned a = 0; a < 3; ++a) {
    const a64::GpX reg = a64::x(a + 1);
    if (a >= inst.nargs) {
      as_.mov(reg, a64::xzr);
      continue;
    }
    const Loc& l = loc(arg(i, a));
    if (l.kind == Loc::Reg && is_caller_saved(l.reg))
      as_.ldr(reg, call_save(l.reg));
    else
      mov_to(reg, arg(i, a));
  }
  if (first_is_state)
    as_.mov(a64::x0, kStateReg);
  else
    mov_imm(a64::x0, first);
  mov_imm(kScratch0, reinterpret_cast<uint64_t>(fn));
  as_.blr(kScratch0);
  as_.mov(kScratch1, a64::x0);  // before x0 may be restored
  restore_caller_saved(saved);
}

void Emitter::call_with_args(size_t i, const void* fn) {
  call_for(i, fn, true, 0);
  as_.mov(def_reg(i, false), kScratch1);
}

void Emitter::emit_exit_to_dispatcher(uint64_t pc, uint32_t exit) {
  store_pc(pc);
  mov_imm(a64::x0, exit);
  as_.mov(a64::x1, a64::xzr);
  as_.br(kEpilogue);
}

void Emitter::emit_direct_exit(uint64_t target_pc) {
  count(offsetof(JitCounters, direct_exits));
  Stub s{as_.newLabel(), as_.newLabel(), target_pc};
  as_.bind(s.site);
  chains.push_back({s.site, s.stub, target_pc});
  as_.b(s.stub);  // one aligned 4-byte instruction: patch_jump rewrites it whole
  stubs_.push_back(s);
}

void Emitter::emit_stubs() {
  for (const Stub& s : stubs_) {
    as_.bind(s.stub);
    store_pc(s.target);
    as_.adr(a64::x1, s.site);
    mov_imm(a64::x0, pack_exit(kExitJump));
    as_.br(kEpilogue);
  }
}

void Emitter::emit_indirect_exit(ir::ValueId target) {
  const a64::GpX pc = kScratch0, entry = kScratch1, tmp = kAddrScratch;
  mov_to(pc, target);
  as_.str(pc, kPcMem);
  static_assert(sizeof(JumpCacheEntry) == 16 && offsetof(ThreadCodeData, jump_cache) == 0);
  as_.ubfx(entry, pc, 1, kJumpCacheBits);  // jump_cache_index(pc)
  as_.add(entry, kThreadData, entry, a64::lsl(4));
  as_.ldr(tmp, a64::ptr(entry, offsetof(JumpCacheEntry, guest_pc)));
  asmjit::Label miss = as_.newLabel();
  as_.cmp(tmp, pc);
  as_.b_ne(miss);
  as_.ldr(pc, a64::ptr(entry, offsetof(JumpCacheEntry, host_code)));
  count(offsetof(JitCounters, jump_cache_hits));
  as_.br(pc);
  as_.bind(miss);
  mov_imm(a64::x0, pack_exit(kExitJump) | kExitIndirectMiss);
  as_.mov(a64::x1, a64::xzr);
  as_.br(kEpilogue);
}

void Emitter::branch_if(ir::ValueId cond, bool nonzero, const asmjit::Label& target) {
  const a64::GpW c = in_reg(cond, kScratch0).w();
  if (nonzero)
    as_.cbnz(c, target);
  else
    as_.cbz(c, target);
}

void Emitter::write_back_dirty() {
  for (const DirtyEntry& e : dirty_) write_back(e);
  store_promoted_registers();
}

}  // namespace xisa::backend::aarch64
