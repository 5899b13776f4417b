// The RISC-V64 backend's chained exits, on that host only: a direct exit patched to a near
// block is one jal, to a block beyond the jal's 1 MiB it goes through the exit's literal
// (riscv64_backend.h: patch_jump), and unlinking sends it back to its stub. Blocks are compiled
// and entered directly through the backend's face, in ExecMemory like the runtime's.
#include <gtest/gtest.h>

#if defined(__riscv)

#include <fmt/format.h>

#include <cstring>

#include "backend/riscv64/encoding.h"
#include "backend/riscv64/riscv64_backend.h"
#include "backend_test_support.h"
#include "ir/builder.h"
#include "runtime/exec_memory.h"

namespace xisa::backend_test {
namespace {

namespace rv = backend::riscv64;

// Hands out code from chosen offsets of one ExecMemory (each allocator bumps its own pointer:
// the trampoline allocates a probe after itself).
struct Code {
  runtime::ExecMemory memory{8u << 20};
  backend::CodeAllocator at(size_t offset) {
    return [this, next = offset](size_t size) mutable {
      auto out = std::pair{memory.rw_base() + next, memory.rx_base() + next};
      next += (size + 31) & ~size_t{31};
      return out;
    };
  }
};

backend::CompiledBlock compile(const ir::Block& block, const backend::CodeAllocator& alloc) {
  std::string why;
  auto code = rv::compile(block, backend::CompileConfig{}, alloc, &why);
  EXPECT_TRUE(code.has_value()) << why;
  return code ? std::move(*code) : backend::CompiledBlock{};
}

// Runs `from` (which jumps to 0x2000) chained to a block (a syscall at 0x3004) placed
// `distance` bytes after it; checks the chained run, then the run after unlinking.
void chain_across(size_t distance, bool expect_jal_to_target) {
  Code code;
  const auto trampoline = rv::emit_trampoline(code.at(0));
  ASSERT_TRUE(trampoline.has_value());
  MapSource source;
  ir::Builder(source.add(0x1000)).jump(0x2000);
  ir::Builder(source.add(0x2000)).syscall(0x3004);
  const backend::CompiledBlock from = compile(*source.blocks[0x1000], code.at(4096));
  const backend::CompiledBlock to = compile(*source.blocks[0x2000], code.at(4096 + distance));
  ASSERT_EQ(from.chain_sites.size(), 1u);
  auto thread = std::make_unique<backend::ThreadCodeData>();
  FakeState s{};
  // Unchained: the exit returns to the dispatcher with its patch site.
  backend::ExitRecord e = trampoline->enter(&s, from.code, thread->jump_cache);
  EXPECT_EQ(e.exit, backend::pack_exit(backend::kExitJump));
  EXPECT_EQ(s.header.pc, 0x2000u);
  const uint8_t* site = from.code + from.chain_sites[0].jump_offset;
  ASSERT_EQ(e.patch_site, reinterpret_cast<uint64_t>(site));
  // Chained: the syscall exit of the second block comes back.
  rv::patch_jump(code.memory.to_rw(site), site, to.code);
  uint32_t jal;
  std::memcpy(&jal, site, sizeof jal);
  ASSERT_TRUE(rv::enc::is_jal(jal));
  EXPECT_EQ(site + rv::enc::j_offset(jal) == to.code, expect_jal_to_target);
  e = trampoline->enter(&s, from.code, thread->jump_cache);
  EXPECT_EQ(e.exit, backend::pack_exit(backend::kExitSyscall));
  EXPECT_EQ(s.header.pc, 0x3004u);
  // Unlinked: back to the stub.
  rv::patch_jump(code.memory.to_rw(site), site, from.code + from.chain_sites[0].stub_offset);
  e = trampoline->enter(&s, from.code, thread->jump_cache);
  EXPECT_EQ(e.exit, backend::pack_exit(backend::kExitJump));
  EXPECT_EQ(e.patch_site, reinterpret_cast<uint64_t>(site));
}

TEST(RiscvBackend, NearChainedExitIsOneJal) {
  chain_across(4096, true);
}

TEST(RiscvBackend, FarChainedExitGoesThroughItsLiteral) {
  chain_across(3u << 20, false);
}

// --dump-host: objdump's listing at the code's own address, or words without objdump.
TEST(RiscvBackend, DisassemblesAtTheCodeAddress) {
  const uint32_t code[] = {0x00150513, 0x00008067};  // addi a0, a0, 1; ret (GNU as)
  const std::string listing = rv::disassemble(reinterpret_cast<const uint8_t*>(code), sizeof code);
  const std::string address = fmt::format("{:x}:", reinterpret_cast<uintptr_t>(code));
  EXPECT_NE(listing.find(address), std::string::npos) << listing;
  if (listing.find(".word") != std::string::npos) GTEST_SKIP() << "no objdump for RISC-V here";
  EXPECT_NE(listing.find("a0,a0,1"), std::string::npos) << listing;  // addi (add in binutils 2.40)
  EXPECT_NE(listing.find("ret"), std::string::npos) << listing;
}

}  // namespace
}  // namespace xisa::backend_test

#endif  // defined(__riscv)
