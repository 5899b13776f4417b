// Pure ops without a native lowering here (rarer v128 ops such as reductions and per-lane
// variable shifts, 128-bit integer arithmetic) are evaluated by the interpreter's own
// eval_pure through a host call, on copies of their operands in frame slots. The block stays
// compiled, and the result cannot differ from the interpreter's.
#include "backend/x86_64/emitter.h"
#include "interp/eval_op.h"

namespace xisa::backend::x86_64 {

namespace {

// op | type << 8 | arg type << 12 | nargs << 16 | imm << 32 | aux << 48
uint64_t pack(const ir::Inst& inst, ir::Type arg_type) {
  return static_cast<uint64_t>(inst.op) | static_cast<uint64_t>(inst.type) << 8 |
         static_cast<uint64_t>(arg_type) << 12 | uint64_t{inst.nargs} << 16 | inst.imm << 32 |
         inst.aux << 48;
}

void eval_packed(uint64_t desc, const interp::Slot* a0, const interp::Slot* a1,
                 const interp::Slot* a2, interp::Slot* out) {
  ir::Inst inst{static_cast<ir::Opcode>(desc & 0xff),
                static_cast<ir::Type>((desc >> 8) & 15),
                static_cast<uint8_t>((desc >> 16) & 3),
                {0, 1, 2},
                (desc >> 32) & 0xffff,
                desc >> 48};
  const interp::Slot args[3] = {*a0, *a1, *a2};
  *out = interp::eval_pure(inst, static_cast<ir::Type>((desc >> 12) & 15), args);
}

}  // namespace

bool pure_call_lowerable(const ir::Inst& inst) {
  return ir::has_flag(inst.op, ir::kPure) && inst.op != ir::Opcode::Const && inst.imm < 0x10000 &&
         inst.aux < 0x10000;
}

void Emitter::lower_pure_call(size_t i) {
  const ir::Inst& inst = block_.insts[i];
  // Every operand as a 16-byte interp::Slot in the frame: 128-bit values already are one.
  int32_t offsets[3];
  std::vector<uint8_t> temps;
  for (unsigned a = 0; a < inst.nargs; ++a) {
    const Loc& l = loc(arg(i, a));
    if (l.kind == Loc::Slot && ir::type_bits(arg_inst(i, a).type) == 128) {
      offsets[a] = spill_offset(l.slot);
      continue;
    }
    const uint8_t t = alloc_slot();
    temps.push_back(t);
    offsets[a] = spill_offset(t);
    const x86::Mem lo = slot_mem(t, 8);
    x86::Mem hi = lo;
    hi.addOffset(8);
    if (l.kind == Loc::Imm) {
      as_.mov(kScratch0, l.imm);
      as_.mov(lo, kScratch0);
      as_.mov(kScratch0, l.imm_hi);
      as_.mov(hi, kScratch0);
    } else {
      mov_to(kScratch0, arg(i, a));
      as_.mov(lo, kScratch0);
      as_.mov(hi, 0);
    }
  }
  const uint8_t out = alloc_slot();
  for (unsigned a = inst.nargs; a < 3; ++a) offsets[a] = spill_offset(out);  // unread
  const std::vector<uint8_t> saved = save_live_caller_saved();
  const ir::Type arg_type = inst.nargs ? arg_inst(i, 0).type : ir::Type::Void;
  as_.mov(x86::rdi, pack(inst, arg_type));
  as_.lea(x86::rsi, x86::ptr(x86::rsp, offsets[0]));
  as_.lea(x86::rdx, x86::ptr(x86::rsp, offsets[1]));
  as_.lea(x86::rcx, x86::ptr(x86::rsp, offsets[2]));
  as_.lea(x86::r8, x86::ptr(x86::rsp, spill_offset(out)));
  as_.mov(kScratch0, reinterpret_cast<uint64_t>(&eval_packed));
  as_.call(kScratch0);
  restore_caller_saved(saved);
  for (uint8_t t : temps) slot_used_[t] = false;
  if (ir::type_bits(inst.type) == 128) {
    loc_[i] = Loc{Loc::Slot, 0, out};
    return;
  }
  // The result slot stays taken until it is read: def_reg may spill a register to a free slot.
  const x86::Gp dst = def_reg(i, false, 64);
  as_.mov(dst, slot_mem(out, 8));
  slot_used_[out] = false;
}

}  // namespace xisa::backend::x86_64
