// Guest memory: loads and stores as single host accesses on the 1:1 guest address space (two
// for 128 bits), each recorded as a fault site; fences. With CompileConfig::tso (x86-64 guests)
// loads are followed by `fence r,rw` and stores preceded by `fence rw,w`, the RVWMO mapping of
// TSO (the RISC-V manual's "Mappings from x86/TSO"); misaligned accesses need no special case,
// Linux completes them.
#include "backend/riscv64/emitter.h"

namespace xisa::backend::riscv64 {

using ir::Opcode;

void Emitter::record_fault_site(const ir::Inst& access) {
  fault_sites.push_back(
      common::fault_site_at(as_.offset(), guest_pc_, dirty_, loc_, spill_offset(1), access));
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
        const Reg address = in_reg(arg(i, 0), kAddrScratch);
        for (int32_t half = 0; half < 16; half += 8) {
          record_fault_site(inst);
          as_.emit(enc::load(enc::kLd, half ? kScratch1 : kScratch0, address, half));
        }
        as_.emit(enc::store(enc::kSd, kScratch0, kSp, dst));
        as_.emit(enc::store(enc::kSd, kScratch1, kSp, dst + 8));
      } else {
        const Reg dst = def_reg(i, true);
        const Reg address = in_reg(arg(i, 0), kAddrScratch);
        record_fault_site(inst);
        load_sized(dst, address, 0, bytes);
      }
      if (tso) as_.emit(enc::fence(enc::kR, enc::kRW));
      return;
    }
    case Opcode::Store: {
      const ir::ValueId v = arg(i, 1);
      if (bytes == 16) {
        const Loc& l = loc(v);
        if (l.kind != Loc::Slot) copy128_to_frame(v, kWideScratchOffset);
        const int32_t src = l.kind == Loc::Slot ? spill_offset(l.slot) : kWideScratchOffset;
        as_.emit(enc::load(enc::kLd, kScratch0, kSp, src));
        as_.emit(enc::load(enc::kLd, kScratch1, kSp, src + 8));
        const Reg address = in_reg(arg(i, 0), kAddrScratch);
        if (tso) as_.emit(enc::fence(enc::kRW, enc::kW));
        // The high half first: an access that runs into an unmapped page faults before it
        // wrote anything.
        for (int32_t half = 8; half >= 0; half -= 8) {
          record_fault_site(inst);
          as_.emit(enc::store(enc::kSd, half ? kScratch1 : kScratch0, address, half));
        }
        return;
      }
      const Reg value = in_reg(v, kScratch0);
      const Reg address = in_reg(arg(i, 0), kAddrScratch);
      if (tso) as_.emit(enc::fence(enc::kRW, enc::kW));
      record_fault_site(inst);
      store_sized(value, address, 0, bytes);
      return;
    }
    default:  // Fence
      switch (static_cast<ir::FenceKind>(inst.imm)) {
        case ir::FenceKind::Full:
          as_.emit(enc::fence(enc::kRW, enc::kRW));
          return;
        case ir::FenceKind::Release:  // earlier loads and stores before later stores
          as_.emit(enc::fence(enc::kRW, enc::kW));
          return;
        case ir::FenceKind::Acquire:  // earlier loads before later loads and stores
          as_.emit(enc::fence(enc::kR, enc::kRW));
          return;
        case ir::FenceKind::Instruction:
          flushes_code = true;
          if (config_.instruction_fence) {
            const std::vector<uint8_t> saved = save_live_caller_saved();
            as_.mv(kA0, kStateReg);
            call_host(reinterpret_cast<const void*>(config_.instruction_fence));
            restore_caller_saved(saved);
          }
          return;
      }
      return;
  }
}

}  // namespace xisa::backend::riscv64
