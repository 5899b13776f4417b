// The x86-64 backend's fences, on that host only: a LOCK-prefixed instruction is a full barrier
// itself, so a full fence next to one emits no MFENCE, except on the side exits that leave
// before the locked op (lower_memory.cpp: locked_op_next_to). Counted in the disassembly.
#include <gtest/gtest.h>

#if defined(__x86_64__)

#include <cstdint>
#include <string>
#include <vector>

#include "backend/x86_64/x86_64_backend.h"
#include "ir/builder.h"

namespace xisa::backend_test {
namespace {

enum class Between { Nothing, SideExit, Load };

// MFENCEs in the host code of `fence; [between]; atomic add` (or the atomic first).
int mfences(bool fence_first, Between between) {
  ir::Block block;
  block.guest_pc = 0x1000;
  block.guest_end = 0x1010;
  {
    ir::Builder ir(block);
    const ir::Value addr = ir.get_reg(ir::Type::I64, 16);
    const ir::Value one = ir.imm64(1);
    if (!fence_first) ir.atomic_rmw(ir::AtomicOp::Add, addr, one);
    ir.fence(ir::FenceKind::Full);
    if (between == Between::SideExit)
      ir.exit_if(ir.emit(ir::Opcode::CmpEq, ir::Type::I8, {addr, ir.imm64(0)}), 0x2000);
    if (between == Between::Load) ir.set_reg(24, ir.load(ir::Type::I64, addr));
    if (fence_first) ir.atomic_rmw(ir::AtomicOp::Add, addr, one);
    ir.jump(0x1010);
  }
  std::vector<uint8_t> memory(1 << 16);
  size_t used = 0;
  const backend::CodeAllocator alloc = [&](size_t size) {
    uint8_t* p = memory.data() + used;
    used += size;
    return std::pair{p, p};
  };
  backend::CompileConfig config;
  config.epilogue = memory.data();
  std::string why;
  const auto compiled = backend::x86_64::compile(block, config, alloc, &why);
  EXPECT_TRUE(compiled) << why;
  if (!compiled) return -1;
  const std::string listing = backend::x86_64::disassemble(compiled->code, compiled->size);
  int count = 0;
  for (size_t at = listing.find("mfence"); at != std::string::npos;
       at = listing.find("mfence", at + 1))
    ++count;
  return count;
}

TEST(X86Fences, AFullFenceNextToALockedOpIsLeftToIt) {
  EXPECT_EQ(mfences(true, Between::Nothing), 0);
  EXPECT_EQ(mfences(false, Between::Nothing), 0);
  EXPECT_EQ(mfences(false, Between::SideExit), 0);  // the locked op came first
  // A side exit between the fence and the locked op takes the fence along.
  EXPECT_EQ(mfences(true, Between::SideExit), 1);
  // A load between them needs it where it stands; after the locked op, a load does not.
  EXPECT_EQ(mfences(true, Between::Load), 1);
  EXPECT_EQ(mfences(false, Between::Load), 0);
}

}  // namespace
}  // namespace xisa::backend_test

#endif  // __x86_64__
