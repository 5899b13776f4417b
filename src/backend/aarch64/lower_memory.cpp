// Guest memory: loads, stores and atomics as single host accesses on the 1:1 guest address
// space, each recorded as a fault site; fences. With CompileConfig::tso (x86-64 guests) aligned
// loads are LDAR, aligned stores STLR, misaligned ones plain accesses with barriers, and atomics
// end in a full barrier, so the guest sees TSO on this weakly ordered host
// (docs/adr/0007-aarch64-host-memory-order.md). Atomics are single LSE instructions (LDADDAL,
// SWPAL, CASAL ...) when the host has them (ARMv8.1), LDAXR/STLXR loops on an ARMv8.0 host.
#include "backend/aarch64/emitter.h"
#include "backend/aarch64/host_features.h"
#include "backend/common/atomic_call.h"

namespace xisa::backend::aarch64 {

using ir::Opcode;

namespace {

// The exclusive store's status: x30, free inside a block (blocks never return through it, and
// every helper call overwrites it anyway).
const a64::GpX kStatus = a64::x30;

}  // namespace

void Emitter::record_fault_site(const ir::Inst& access) {
  fault_sites.push_back(common::fault_site_at(static_cast<uint32_t>(as_.offset()), guest_pc_,
                                              dirty_, loc_, spill_offset(1), access));
  loop_.add_fault_entries(fault_sites.back(), dirty_);  // promoted registers not overwritten
}

void Emitter::lower_memory(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const unsigned bytes = ir::type_bytes(inst.type);
  const bool tso = config_.tso;
  switch (inst.op) {
    case Opcode::Load: {
      if (bytes == 16) {
        const int32_t dst = def_slot128(i);
        const a64::Mem src = a64::ptr(in_reg(arg(i, 0), kAddrScratch));
        record_fault_site(inst);
        as_.ldr(a64::v(0), src);
        if (tso) as_.dmb(a64::Predicate::DB::kISHLD);  // no 128-bit LDAR: a barrier after the load
        as_.str(a64::v(0), a64::ptr(a64::sp, dst));
        return;
      }
      const a64::GpX dst = def_reg(i, true);
      const a64::GpX address = in_reg(arg(i, 0), kAddrScratch);
      const a64::Mem src = a64::ptr(address);
      if (!tso || bytes == 1) {
        record_fault_site(inst);
        if (tso)
          as_.ldarb(dst.w(), src);
        else
          load_sized(dst, src, bytes);
        return;
      }
      // LDAR faults on a misaligned address, which x86 allows: such an access is a plain load
      // followed by a barrier instead.
      asmjit::Label misaligned = as_.newLabel(), done = as_.newLabel();
      as_.tst(address, bytes - 1);
      as_.b_ne(misaligned);
      record_fault_site(inst);
      if (bytes == 2)
        as_.ldarh(dst.w(), src);
      else if (bytes == 4)
        as_.ldar(dst.w(), src);
      else
        as_.ldar(dst, src);
      as_.b(done);
      as_.bind(misaligned);
      record_fault_site(inst);
      load_sized(dst, src, bytes);
      as_.dmb(a64::Predicate::DB::kISHLD);
      as_.bind(done);
      return;
    }
    case Opcode::Store: {
      const ir::ValueId v = arg(i, 1);
      if (bytes == 16) {
        load128(v);
        const a64::Mem dst = a64::ptr(in_reg(arg(i, 0), kAddrScratch));
        if (tso) as_.dmb(a64::Predicate::DB::kISH);  // no 128-bit STLR: a barrier before the store
        record_fault_site(inst);
        as_.str(a64::v(0), dst);
        return;
      }
      const Loc& l = loc(v);
      const a64::GpX value = l.kind == Loc::Imm && l.imm == 0 ? a64::xzr : in_reg(v, kScratch0);
      const a64::GpX address = in_reg(arg(i, 0), kAddrScratch);
      const a64::Mem dst = a64::ptr(address);
      if (!tso) {
        record_fault_site(inst);
        store_sized(value, dst, bytes);
        return;
      }
      asmjit::Label misaligned = as_.newLabel(), done = as_.newLabel();
      if (bytes > 1) {  // a misaligned STLR faults: a barrier and a plain store instead
        as_.tst(address, bytes - 1);
        as_.b_ne(misaligned);
      }
      // asmjit's stlr() emits STLLR; the instruction id is STLR's.
      const a64::Inst::Id id = bytes == 1   ? a64::Inst::kIdStlrb
                               : bytes == 2 ? a64::Inst::kIdStlrh
                                            : a64::Inst::kIdStlr;
      record_fault_site(inst);
      if (bytes == 8)
        as_.emit(id, value, dst);
      else
        as_.emit(id, value.w(), dst);
      if (bytes == 1) return;
      as_.b(done);
      as_.bind(misaligned);
      as_.dmb(a64::Predicate::DB::kISH);
      record_fault_site(inst);
      store_sized(value, dst, bytes);
      as_.bind(done);
      return;
    }
    case Opcode::Fence:
      switch (static_cast<ir::FenceKind>(inst.imm)) {
        case ir::FenceKind::Full:
        case ir::FenceKind::Release:  // earlier loads and stores before later stores
          as_.dmb(a64::Predicate::DB::kISH);
          return;
        case ir::FenceKind::Acquire:  // earlier loads before later loads and stores
          as_.dmb(a64::Predicate::DB::kISHLD);
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

namespace {

// The acquire-release LSE instruction of an RMW op, by access size (1, 2, 4/8 bytes). And is
// LDCLRAL of the inverted operand.
asmjit::InstId lse_rmw(ir::AtomicOp op, unsigned bytes) {
  using I = a64::Inst;
  const auto pick = [bytes](asmjit::InstId b, asmjit::InstId h, asmjit::InstId w) {
    return bytes == 1 ? b : bytes == 2 ? h : w;
  };
  switch (op) {
    case ir::AtomicOp::Add:
      return pick(I::kIdLdaddalb, I::kIdLdaddalh, I::kIdLdaddal);
    case ir::AtomicOp::Swap:
      return pick(I::kIdSwpalb, I::kIdSwpalh, I::kIdSwpal);
    case ir::AtomicOp::And:
      return pick(I::kIdLdclralb, I::kIdLdclralh, I::kIdLdclral);
    case ir::AtomicOp::Or:
      return pick(I::kIdLdsetalb, I::kIdLdsetalh, I::kIdLdsetal);
    case ir::AtomicOp::Xor:
      return pick(I::kIdLdeoralb, I::kIdLdeoralh, I::kIdLdeoral);
    case ir::AtomicOp::MinS:
      return pick(I::kIdLdsminalb, I::kIdLdsminalh, I::kIdLdsminal);
    case ir::AtomicOp::MaxS:
      return pick(I::kIdLdsmaxalb, I::kIdLdsmaxalh, I::kIdLdsmaxal);
    case ir::AtomicOp::MinU:
      return pick(I::kIdLduminalb, I::kIdLduminalh, I::kIdLduminal);
    case ir::AtomicOp::MaxU:
      break;
  }
  return pick(I::kIdLdumaxalb, I::kIdLdumaxalh, I::kIdLdumaxal);
}

}  // namespace

void Emitter::lower_lse_atomic(size_t i, const a64::GpX& dst, const a64::Mem& mem) {
  const ir::Inst& inst = block_.insts[i];
  const unsigned bytes = ir::type_bytes(inst.type);
  const auto sized = [bytes](const a64::GpX& r) -> a64::Gp {
    return bytes == 8 ? a64::Gp(r) : a64::Gp(r.w());
  };
  if (inst.op == Opcode::AtomicCas) {
    // CASAL compares memory with its first register and leaves the old value there.
    mov_to(dst, arg(i, 1));
    const a64::GpX desired = in_reg(arg(i, 2), kScratch0);
    const asmjit::InstId id = bytes == 1   ? a64::Inst::kIdCasalb
                              : bytes == 2 ? a64::Inst::kIdCasalh
                                           : a64::Inst::kIdCasal;
    record_fault_site(inst);
    as_.emit(id, sized(dst), sized(desired), mem);
  } else {
    const auto op = static_cast<ir::AtomicOp>(inst.imm);
    a64::GpX v = in_reg(arg(i, 1), kScratch1);
    if (op == ir::AtomicOp::And) {  // LDCLR clears the bits its operand sets
      as_.mvn(kScratch1, v);
      v = kScratch1;
    }
    record_fault_site(inst);
    as_.emit(lse_rmw(op, bytes), sized(v), sized(dst), mem);
  }
}

void Emitter::lower_atomic(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  const unsigned bytes = ir::type_bytes(inst.type);
  const unsigned w = bytes == 8 ? 64 : 32;
  // The old value lands in dst, which is none of the operands' registers (they stay live).
  const a64::GpX dst = def_reg(i, false);
  const a64::GpX addr = in_reg(arg(i, 0), kAddrScratch);
  const a64::Mem mem = a64::ptr(addr);
  // Exclusives fault on a misaligned address, which only an x86-64 guest passes here (AArch64
  // and RISC-V guests trap before): the interpreter's atomic handles it.
  asmjit::Label aligned = as_.newLabel(), after = as_.newLabel();
  if (bytes > 1) {
    as_.tst(addr, bytes - 1);
    as_.b_eq(aligned);
    call_atomic(i);
    as_.mov(dst, kScratch1);
    as_.b(after);
  }
  as_.bind(aligned);
  if (host_features().lse) {
    lower_lse_atomic(i, dst, mem);
    as_.bind(after);
    if (config_.tso) as_.dmb(a64::Predicate::DB::kISH);  // as below
    return;
  }
  auto load_exclusive = [&] {
    record_fault_site(inst);
    if (bytes == 1)
      as_.ldaxrb(dst.w(), mem);
    else if (bytes == 2)
      as_.ldaxrh(dst.w(), mem);
    else
      as_.ldaxr(gp_of(static_cast<uint8_t>(dst.id()), w), mem);
  };
  auto store_exclusive = [&](const a64::GpX& value) {
    record_fault_site(inst);
    if (bytes == 1)
      as_.stlxrb(kStatus.w(), value.w(), mem);
    else if (bytes == 2)
      as_.stlxrh(kStatus.w(), value.w(), mem);
    else if (bytes == 4)
      as_.stlxr(kStatus.w(), value.w(), mem);
    else  // asmjit (2022-12) rejects STLXR with an X register: its encoding, by hand
      as_.embedUInt32(0xc800fc00u | kStatus.id() << 16 | addr.id() << 5 | value.id());
  };
  asmjit::Label retry = as_.newLabel();
  if (inst.op == Opcode::AtomicCas) {
    const a64::GpX expected = in_reg(arg(i, 1), kScratch1);
    const a64::GpX desired = in_reg(arg(i, 2), kScratch0);
    asmjit::Label fail = as_.newLabel(), done = as_.newLabel();
    as_.bind(retry);
    load_exclusive();
    as_.cmp(gp_of(static_cast<uint8_t>(dst.id()), w),
            gp_of(static_cast<uint8_t>(expected.id()), w));
    as_.b_ne(fail);
    store_exclusive(desired);
    as_.cbnz(kStatus.w(), retry);
    as_.b(done);
    as_.bind(fail);
    as_.clrex(15);
    as_.bind(done);
  } else {
    const auto op = static_cast<ir::AtomicOp>(inst.imm);
    const a64::GpX v = in_reg(arg(i, 1), kScratch1);
    const a64::GpX next = op == ir::AtomicOp::Swap ? v : kScratch0;
    as_.bind(retry);
    load_exclusive();
    auto pick_old_if = [&](a64::CondCode cc, bool is_signed) {
      if (is_signed && bytes < 4) {  // compare the sign-extended lanes
        sign_extend(kScratch0, dst, inst.type);
        sign_extend(kStatus, v, inst.type);
        as_.cmp(kScratch0.w(), kStatus.w());
      } else {
        as_.cmp(gp_of(static_cast<uint8_t>(dst.id()), w), gp_of(static_cast<uint8_t>(v.id()), w));
      }
      as_.csel(kScratch0, dst, v, cc);
    };
    switch (op) {
      case ir::AtomicOp::Add:
        as_.add(kScratch0, dst, v);
        break;
      case ir::AtomicOp::And:
        as_.and_(kScratch0, dst, v);
        break;
      case ir::AtomicOp::Or:
        as_.orr(kScratch0, dst, v);
        break;
      case ir::AtomicOp::Xor:
        as_.eor(kScratch0, dst, v);
        break;
      case ir::AtomicOp::MinS:
        pick_old_if(a64::CondCode::kLT, true);
        break;
      case ir::AtomicOp::MaxS:
        pick_old_if(a64::CondCode::kGT, true);
        break;
      case ir::AtomicOp::MinU:
        pick_old_if(a64::CondCode::kLO, false);
        break;
      case ir::AtomicOp::MaxU:
        pick_old_if(a64::CondCode::kHI, false);
        break;
      case ir::AtomicOp::Swap:
        break;
    }
    store_exclusive(next);
    as_.cbnz(kStatus.w(), retry);
  }
  as_.bind(after);
  // A locked x86 instruction is a full barrier; LDAXR/STLXR alone let later loads pass it.
  if (config_.tso) as_.dmb(a64::Predicate::DB::kISH);
}

// Through a host call, like a helper's: the state is made exact first (dirty registers written
// back, which leaves them dirty, and the pc), so that a fault inside the call is reported as
// one outside translated code.
void Emitter::call_atomic(size_t i) {
  for (const DirtyEntry& e : dirty_) write_back(e);
  store_pc(guest_pc_);
  const common::AtomicCall call = common::atomic_call_for(block_.insts[i]);
  call_for(i, call.fn, false, call.first);
}

}  // namespace xisa::backend::aarch64
