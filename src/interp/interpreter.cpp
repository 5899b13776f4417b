// Executes IR blocks instruction by instruction.
#include "interp/interpreter.h"

#include <cstring>
#include <vector>

#include "common/guest_access.h"
#include "common/host_fp_env.h"
#include "guest/cpu_header.h"
#include "interp/atomic_ops.h"
#include "interp/eval_op.h"
#include "ir/helpers.h"

namespace xisa::interp {

using ir::Opcode;
using ir::Type;

namespace {

Slot load_memory(Type t, uint64_t addr) {
  Slot s;
  guest_read(&s, addr, ir::type_bytes(t));
  return s;
}

void store_memory(Type t, uint64_t addr, const Slot& v) {
  guest_write(addr, &v, ir::type_bytes(t));
}

// Read by the fault handler: volatile, so the stores around the access stay where they are.
thread_local volatile bool t_restart_alone_on_fault = false;

}  // namespace

bool take_restart_alone_on_fault() {
  const bool r = t_restart_alone_on_fault;
  t_restart_alone_on_fault = false;
  return r;
}

BlockExit run_block(const ir::Block& block, void* state) {
  thread_local std::vector<Slot> values;
  if (values.size() < block.insts.size()) values.resize(block.insts.size() * 2);
  auto* bytes = static_cast<uint8_t*>(state);
  auto* header = static_cast<CpuHeader*>(state);
  const ir::Inst* insts = block.insts.data();
  const size_t n = block.insts.size();
  Slot args[3];
  for (size_t i = 0; i < n; ++i) {
    const ir::Inst& inst = insts[i];
    for (unsigned a = 0; a < inst.nargs; ++a) args[a] = values[inst.args[a]];
    Slot& out = values[i];
    switch (inst.op) {
      case Opcode::GuestInsn:
        header->pc = inst.imm;
        break;
      case Opcode::GetReg:
        out = Slot{};
        std::memcpy(&out, bytes + inst.imm, ir::type_bytes(inst.type));
        break;
      case Opcode::SetReg:
        std::memcpy(bytes + inst.imm, &args[0], ir::type_bytes(inst.type));
        break;
      case Opcode::Load:
        if (inst.imm & ir::kRestartAloneOnFault) [[unlikely]] {
          t_restart_alone_on_fault = true;
          out = load_memory(inst.type, args[0].lo);
          t_restart_alone_on_fault = false;
        } else {
          out = load_memory(inst.type, args[0].lo);
        }
        break;
      case Opcode::Store:
        if (inst.imm & ir::kRestartAloneOnFault) [[unlikely]] {
          t_restart_alone_on_fault = true;
          store_memory(inst.type, args[0].lo, args[1]);
          t_restart_alone_on_fault = false;
        } else {
          store_memory(inst.type, args[0].lo, args[1]);
        }
        break;
      case Opcode::AtomicRmw:
        out.lo = atomic_rmw(inst.type, static_cast<ir::AtomicOp>(inst.imm), args[0].lo, args[1].lo);
        out.hi = 0;
        break;
      case Opcode::AtomicCas:
        out.lo = atomic_cas(inst.type, args[0].lo, args[1].lo, args[2].lo);
        out.hi = 0;
        break;
      case Opcode::Fence:
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        break;
      case Opcode::FpFlagsClear:
        if (args[0].lo) {
          if constexpr (host_fp::kLazyExceptions)
            host_fp::clear_inexact();
          else
            host_fp::clear_flags();
        }
        break;
      case Opcode::FpInexact:
        out = Slot{args[0].lo && (host_fp::raised_flags() & FE_INEXACT) ? uint64_t{1} : 0, 0};
        break;
      case Opcode::CallHelper: {
        const auto* h = reinterpret_cast<const ir::HelperInfo*>(inst.imm);
        auto call = [&] {
          return h->fn(state, inst.nargs > 0 ? args[0].lo : 0, inst.nargs > 1 ? args[1].lo : 0,
                       inst.nargs > 2 ? args[2].lo : 0);
        };
        if (h->takes_host_fp_flags) {
          out.lo = call();
        } else {
          const host_fp::SavedFlags pending;  // the JIT's helper calls keep them too
          out.lo = call();
        }
        out.hi = 0;
        break;
      }
      case Opcode::TrapIf:
        if (args[0].lo) return {ExitKind::Trap, inst.imm, static_cast<ir::TrapKind>(inst.aux)};
        break;
      case Opcode::ExitIf:
        if (args[0].lo) return {ExitKind::Jump, inst.imm};
        break;
      case Opcode::Jump:
        return {ExitKind::Jump, inst.imm};
      case Opcode::Branch:
        return {ExitKind::Jump, args[0].lo ? inst.imm : inst.aux};
      case Opcode::JumpIndirect:
        return {ExitKind::Jump, args[0].lo};
      case Opcode::Syscall:
        return {ExitKind::Syscall, inst.imm};
      case Opcode::Trap:
        return {ExitKind::Trap, inst.imm, static_cast<ir::TrapKind>(inst.aux)};
      default:
        out = eval_pure(inst, inst.nargs ? insts[inst.args[0]].type : Type::Void, args);
        break;
    }
  }
  return {ExitKind::Trap, header->pc, ir::TrapKind::IllegalInstruction};
}

}  // namespace xisa::interp
