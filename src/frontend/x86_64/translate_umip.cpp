// The instructions UMIP (User-Mode Instruction Prevention) covers: SGDT, SIDT, SLDT, STR, SMSW.
// On a CPU with UMIP, Linux traps them in user space and writes made-up values instead
// (arch/x86/kernel/umip.c, emulate_umip_insn, for 64-bit processes): xisa gives those values on
// every host, so a guest sees neither the host's tables nor a difference between hosts.
#include "frontend/x86_64/lifter.h"

namespace xisa::x86_64 {

using ir::Type;
using ir::Value;

namespace {

// umip.c's UMIP_DUMMY_GDT_BASE and UMIP_DUMMY_IDT_BASE; both limits are 0.
constexpr uint64_t kDummyGdtBase = 0xfffffffffffe0000;
constexpr uint64_t kDummyIdtBase = 0xffffffffffff0000;
// CR0_STATE (PE MP ET NE WP AM PG), GDT_ENTRY_TSS * 8 on x86-64, and no LDT (xisa has no
// modify_ldt, so the LDT selector is always 0).
constexpr uint64_t kCr0State = 0x80050033;
constexpr uint64_t kTssSelector = 8 * 8;
constexpr uint64_t kLdtSelector = 0;

// SGDT/SIDT m: a 2-byte limit, then the 8-byte base.
bool store_table_register(Lifter& l, uint64_t base) {
  if (!l.is_mem(0)) return false;
  const Value addr = l.address(0);
  l.b.store(addr, l.b.constant(Type::I16, 0));
  l.b.store(l.b.add(addr, l.b.imm64(2)), l.b.imm64(base));
  return true;
}

// SMSW/SLDT/STR: two bytes to memory; to a register, as many bytes as the operand size, the
// rest of the register kept (umip.c copies operand-size bytes into the saved register, so even
// a 32-bit destination keeps bits 63:32).
bool store_value(Lifter& l, uint64_t value) {
  if (l.is_mem(0)) {
    l.b.store(l.address(0), l.b.constant(Type::I16, value));
    return true;
  }
  if (!l.is_reg(0)) return false;
  const ZydisRegister reg = l.op(0).reg.value;
  if (l.bits(0) != 32) {
    l.write(0, int_const(l.b, l.type(0), value));
    return true;
  }
  const unsigned r = static_cast<unsigned>(reg - ZYDIS_REGISTER_EAX);
  const Value high = l.b.and_(l.gpr(r), l.b.imm64(~uint64_t{0xffffffff}));
  l.set_gpr(r, l.b.or_(high, l.b.imm64(value & 0xffffffff)));
  return true;
}

}  // namespace

bool lift_sgdt(Lifter& l) {
  return store_table_register(l, kDummyGdtBase);
}
bool lift_sidt(Lifter& l) {
  return store_table_register(l, kDummyIdtBase);
}
bool lift_smsw(Lifter& l) {
  return store_value(l, kCr0State);
}
bool lift_sldt(Lifter& l) {
  return store_value(l, kLdtSelector);
}
bool lift_str(Lifter& l) {
  return store_value(l, kTssSelector);
}

}  // namespace xisa::x86_64
