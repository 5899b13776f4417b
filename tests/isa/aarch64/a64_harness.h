// Runs a few A64 instructions through the frontend and the interpreter on a fresh state, for
// per-instruction tests. Code sits in its own page; a data page is mapped for loads and stores.
#pragma once

#include <elf.h>
#include <sys/mman.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_set>
#include <vector>

#include "frontend/aarch64/aarch64_frontend.h"
#include "guest/aarch64/aarch64_state.h"
#include "guest/slow_path_retry.h"
#include "interp/interpreter.h"
#include "ir/passes/passes.h"

namespace xisa::aarch64::testing {

class A64Harness {
 public:
  static constexpr size_t kPage = 4096;

  A64Harness() {
    code_ = static_cast<uint8_t*>(
        mmap(nullptr, kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    data_ = static_cast<uint8_t*>(
        mmap(nullptr, kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    state = Aarch64State{};
    state.excl_addr = kNoExclusive;
  }
  ~A64Harness() {
    munmap(code_, kPage);
    munmap(data_, kPage);
  }
  A64Harness(const A64Harness&) = delete;
  A64Harness& operator=(const A64Harness&) = delete;

  uint64_t code_addr() const { return reinterpret_cast<uint64_t>(code_); }
  uint64_t data_addr() const { return reinterpret_cast<uint64_t>(data_); }
  uint8_t* data() { return data_; }

  // Runs instruction words until control leaves the sequence or a block ends in a syscall or
  // trap. Returns how the last block ended; last_ir_error holds any verifier complaint.
  interp::BlockExit run(const std::vector<uint32_t>& insns) {
    std::memcpy(code_, insns.data(), insns.size() * 4);
    const uint64_t end = code_addr() + insns.size() * 4;
    state.header.pc = code_addr();
    interp::BlockExit exit{};
    Aarch64Frontend frontend;
    while (state.header.pc >= code_addr() && state.header.pc < end) {
      ir::Block block;
      TranslateOptions options;
      options.inexact_tracking_pcs = &inexact_tracking_pcs;
      frontend.translate(state.header.pc, block, options);
      ir::optimize(block);
      const std::string err = ir::verify_block(block);
      if (!err.empty()) last_ir_error = err;
      exit = run_lifted_block(*guest_for_elf_machine(EM_AARCH64), frontend, block, &state,
                              &slow_path_retries);
      state.header.pc = exit.pc;
      if (exit.kind != interp::ExitKind::Jump) break;
    }
    return exit;
  }

  uint8_t nzcv() const { return (state.nf << 3) | (state.zf << 2) | (state.cf << 1) | state.vf; }

  Aarch64State state;
  std::string last_ir_error;
  unsigned slow_path_retries = 0;  // guarded fast paths that left for their slow path
  std::unordered_set<uint64_t> inexact_tracking_pcs;  // TranslateOptions::inexact_tracking_pcs

 private:
  uint8_t* code_;
  uint8_t* data_;
};

}  // namespace xisa::aarch64::testing
