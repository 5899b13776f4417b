// Runs a few RV64 instructions through the frontend and the interpreter on a fresh state, for
// per-instruction tests. Code sits in its own page; a data page is mapped for loads and stores.
#pragma once

#include <elf.h>
#include <sys/mman.h>

#include <cstdint>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "frontend/riscv64/riscv64_frontend.h"
#include "guest/riscv64/riscv64_state.h"
#include "guest/slow_path_retry.h"
#include "interp/interpreter.h"
#include "ir/helpers.h"
#include "ir/passes/passes.h"

namespace xisa::riscv64::testing {

class Rv64Harness {
 public:
  static constexpr size_t kPage = 4096;

  Rv64Harness() {
    code_ = static_cast<uint8_t*>(
        mmap(nullptr, kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    data_ = static_cast<uint8_t*>(
        mmap(nullptr, kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    std::memset(static_cast<void*>(&state), 0, sizeof state);  // CpuHeader has initializers
    state.reservation_addr = kNoReservation;
  }
  ~Rv64Harness() {
    munmap(code_, kPage);
    munmap(data_, kPage);
  }
  Rv64Harness(const Rv64Harness&) = delete;
  Rv64Harness& operator=(const Rv64Harness&) = delete;

  uint64_t code_addr() const { return reinterpret_cast<uint64_t>(code_); }
  uint64_t data_addr() const { return reinterpret_cast<uint64_t>(data_); }
  uint8_t* data() { return data_; }

  // Runs 32-bit instruction words (or, with compressed=true, halfwords packed in the vector's
  // low 16 bits) until control leaves the sequence. Returns how the last block ended.
  interp::BlockExit run(const std::vector<uint32_t>& insns, bool compressed = false) {
    size_t len = 0;
    for (uint32_t i : insns) {
      const size_t n = compressed ? 2 : 4;
      std::memcpy(code_ + len, &i, n);
      len += n;
    }
    const uint64_t end = code_addr() + len;
    state.header.pc = code_addr();
    interp::BlockExit exit{};
    Riscv64Frontend frontend;
    for (unsigned blocks = 0;
         state.header.pc >= code_addr() && state.header.pc < end && blocks < max_blocks; ++blocks) {
      ir::Block block;
      TranslateOptions options;
      if (translate_with_entry_state) options.entry_state = &state;
      frontend.translate(state.header.pc, block, options);
      ir::optimize(block);
      last_ir_error = ir::verify_block(block);
      for (const ir::Inst& inst : block.insts) {
        ops_seen.insert(inst.op);
        if (inst.op == ir::Opcode::CallHelper)
          helpers_called.push_back(reinterpret_cast<const ir::HelperInfo*>(inst.imm)->name);
      }
      exit = run_lifted_block(*guest_for_elf_machine(EM_RISCV), frontend, block, &state,
                              &slow_path_retries);
      state.header.pc = exit.pc;
      if (exit.kind != interp::ExitKind::Jump) break;
    }
    return exit;
  }

  Riscv64State state;
  std::string last_ir_error;
  std::set<ir::Opcode> ops_seen;            // in every block translated so far
  std::vector<std::string> helpers_called;  // by name, each call in those blocks
  unsigned slow_path_retries = 0;
  unsigned max_blocks = ~0u;  // a bound for fuzzing, where a wrong branch may loop forever
  // Translate each block knowing the state it starts on, as the dispatcher does (the V IR path
  // assumes the entry vtype behind a guard).
  bool translate_with_entry_state = false;

 private:
  uint8_t* code_;
  uint8_t* data_;
};

}  // namespace xisa::riscv64::testing
