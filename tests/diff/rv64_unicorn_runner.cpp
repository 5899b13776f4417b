// Unicorn side of the RV64 differential fuzzer; see rv64_unicorn_runner.h for the F/D
// corrections and why they are needed.
#include "rv64_unicorn_runner.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace xisa::riscv64::fuzz {

namespace {

constexpr uint64_t kCanonicalNanS = 0xffffffff7fc00000ull;
constexpr uint64_t kSignD = 0x8000000000000000ull;
constexpr uint64_t kInfD = 0x7ff0000000000000ull;
constexpr uint64_t kFlagNV = 0x10;
constexpr uint64_t kMstatusFsDirty = 3ull << 13;  // FP unit on (QEMU resets it to off)

void check(uc_err e, const char* what) {
  if (e != UC_ERR_OK) throw std::runtime_error(std::string(what) + ": " + uc_strerror(e));
}

bool boxed(uint64_t v) {
  return (v >> 32) == 0xffffffff;
}
bool is_nan_s(uint64_t v) {
  return (v & 0x7f800000) == 0x7f800000 && (v & 0x007fffff) != 0;
}
bool is_nan_d(uint64_t v) {
  return (v & 0x7ff0000000000000) == 0x7ff0000000000000 && (v & 0x000fffffffffffff) != 0;
}

int x_reg(unsigned r) {
  return UC_RISCV_REG_X0 + static_cast<int>(r);
}
int f_reg(unsigned r) {
  return UC_RISCV_REG_F0 + static_cast<int>(r);
}

}  // namespace

UnicornRunner::UnicornRunner(uint64_t code_addr, uint64_t data_addr) : code_addr_(code_addr) {
  check(uc_open(UC_ARCH_RISCV, UC_MODE_RISCV64, &uc_), "uc_open");
  check(uc_mem_map_ptr(uc_, code_addr, kPageSize, UC_PROT_READ | UC_PROT_EXEC,
                       reinterpret_cast<void*>(code_addr)),
        "map code");
  check(uc_mem_map_ptr(uc_, data_addr, kPageSize, UC_PROT_READ | UC_PROT_WRITE,
                       reinterpret_cast<void*>(data_addr)),
        "map data");
  set_reg(UC_RISCV_REG_MSTATUS, reg(UC_RISCV_REG_MSTATUS) | kMstatusFsDirty);
  // Every run starts from this context, so no LR reservation leaks from one run to the next.
  check(uc_context_alloc(uc_, &initial_), "uc_context_alloc");
  check(uc_context_save(uc_, initial_), "uc_context_save");
}

UnicornRunner::~UnicornRunner() {
  uc_context_free(initial_);
  uc_close(uc_);
}

uint64_t UnicornRunner::reg(int id) {
  uint64_t v = 0;
  check(uc_reg_read(uc_, id, &v), "uc_reg_read");
  return v;
}

void UnicornRunner::set_reg(int id, uint64_t v) {
  check(uc_reg_write(uc_, id, &v), "uc_reg_write");
}

void UnicornRunner::write_state(const FuzzState& s) {
  for (unsigned r = 1; r < 32; ++r) set_reg(x_reg(r), s.x[r]);
  for (unsigned r = 0; r < 32; ++r) set_reg(f_reg(r), s.f[r]);
  set_reg(UC_RISCV_REG_FFLAGS, s.fflags);
  set_reg(UC_RISCV_REG_FRM, s.frm);
}

void UnicornRunner::read_state(FuzzState& s) {
  s.x[0] = 0;
  for (unsigned r = 1; r < 32; ++r) s.x[r] = reg(x_reg(r));
  for (unsigned r = 0; r < 32; ++r) s.f[r] = reg(f_reg(r));
  s.fflags = static_cast<uint32_t>(reg(UC_RISCV_REG_FFLAGS));
  s.frm = static_cast<uint32_t>(reg(UC_RISCV_REG_FRM));
}

void UnicornRunner::amo_word(const GenInsn& insn, uint64_t pc) {
  const unsigned rd = (insn.word >> 7) & 31, rs1 = (insn.word >> 15) & 31;
  const unsigned rs2 = (insn.word >> 20) & 31;
  auto* word = reinterpret_cast<int32_t*>(reg(x_reg(rs1)));  // in the data page, aligned
  const int32_t old = *word;
  const int32_t b = static_cast<int32_t>(reg(x_reg(rs2)));
  const uint32_t uold = static_cast<uint32_t>(old), ub = static_cast<uint32_t>(b);
  switch (insn.shim.amo_word) {
    case AmoWord::Min:
      *word = std::min(old, b);
      break;
    case AmoWord::Max:
      *word = std::max(old, b);
      break;
    case AmoWord::MinU:
      *word = static_cast<int32_t>(std::min(uold, ub));
      break;
    case AmoWord::MaxU:
      *word = static_cast<int32_t>(std::max(uold, ub));
      break;
    case AmoWord::None:
      break;
  }
  if (rd != 0) set_reg(x_reg(rd), static_cast<uint64_t>(static_cast<int64_t>(old)));
  set_reg(UC_RISCV_REG_PC, pc + 4);
}

bool UnicornRunner::step(const GenInsn& insn, uint64_t pc, uint64_t end, uc_err* error) {
  if (insn.shim.has_rm) {
    const unsigned rm = (insn.word >> 12) & 7;
    if (rm == 5 || rm == 6 || (rm == 7 && reg(UC_RISCV_REG_FRM) > 4)) {
      *error = UC_ERR_EXCEPTION;  // illegal instruction, as Unicorn itself would report it
      return false;
    }
  }
  if (insn.shim.amo_word != AmoWord::None) {
    amo_word(insn, pc);
    *error = UC_ERR_OK;
    return true;
  }
  const unsigned rd = (insn.word >> 7) & 31;
  const unsigned sources[3] = {(insn.word >> 15) & 31, (insn.word >> 20) & 31, insn.word >> 27};
  // Correction 2: improperly boxed single inputs read as the canonical NaN.
  uint64_t saved[3];
  bool substituted[3] = {false, false, false};
  uint64_t inputs[3] = {0, 0, 0};
  for (unsigned i = 0; i < 3; ++i) {
    if (!(insn.shim.single_inputs & (1u << i))) continue;
    saved[i] = inputs[i] = reg(f_reg(sources[i]));
    if (!boxed(saved[i])) {
      inputs[i] = kCanonicalNanS;
      set_reg(f_reg(sources[i]), kCanonicalNanS);
      substituted[i] = true;
    }
  }
  if (insn.shim.minmax_double || insn.shim.fused == 8)
    for (unsigned i = 0; i < 3; ++i) inputs[i] = reg(f_reg(sources[i]));

  *error = uc_emu_start(uc_, pc, end, 0, 1);
  const bool ok = *error == UC_ERR_OK;
  const bool writes_f = ok && insn.shim.rd_is_f;
  for (unsigned i = 0; i < 3; ++i)
    if (substituted[i] && !(writes_f && sources[i] == rd)) set_reg(f_reg(sources[i]), saved[i]);
  if (!ok) return false;

  // Correction 3: minimumNumber/maximumNumber return the one non-NaN operand.
  if (insn.shim.minmax_single || insn.shim.minmax_double) {
    const bool single = insn.shim.minmax_single;
    const bool nan0 = single ? is_nan_s(inputs[0]) : is_nan_d(inputs[0]);
    const bool nan1 = single ? is_nan_s(inputs[1]) : is_nan_d(inputs[1]);
    if (nan0 != nan1) set_reg(f_reg(rd), nan0 ? inputs[1] : inputs[0]);
  }
  // Correction 4: infinity x zero + quiet NaN is an invalid operation.
  if (insn.shim.fused != 0) {
    const bool single = insn.shim.fused == 4;
    auto is_inf = [&](uint64_t v) {
      return single ? (v & 0x7fffffff) == 0x7f800000 : (v & ~kSignD) == kInfD;
    };
    auto is_zero = [&](uint64_t v) { return single ? (v & 0x7fffffff) == 0 : (v & ~kSignD) == 0; };
    const bool quiet_nan = single ? is_nan_s(inputs[2]) && (inputs[2] & 0x00400000)
                                  : is_nan_d(inputs[2]) && (inputs[2] & 0x0008000000000000);
    if (quiet_nan &&
        ((is_inf(inputs[0]) && is_zero(inputs[1])) || (is_zero(inputs[0]) && is_inf(inputs[1]))))
      set_reg(UC_RISCV_REG_FFLAGS, reg(UC_RISCV_REG_FFLAGS) | kFlagNV);
  }
  // Correction 1: single results are NaN-boxed.
  if (insn.shim.single_output) set_reg(f_reg(rd), reg(f_reg(rd)) | 0xffffffff00000000ull);
  return true;
}

RunOutcome UnicornRunner::run(const std::vector<GenInsn>& seq, size_t n, size_t code_len,
                              FuzzState& s) {
  check(uc_context_restore(uc_, initial_), "uc_context_restore");
  // The code page changed behind Unicorn's back: drop its translations.
  check(uc_ctl_remove_cache(uc_, code_addr_, code_addr_ + kPageSize), "uc_ctl_remove_cache");
  write_state(s);
  RunOutcome out;
  const uint64_t end = code_addr_ + code_len;
  uint64_t pc = code_addr_;
  while (pc >= code_addr_ && pc < end) {
    // Find the instruction at pc (branches only land on instruction starts).
    uint64_t at = code_addr_;
    size_t i = 0;
    while (i < n && at < pc) at += seq[i++].length;
    if (at != pc || i >= n) throw std::runtime_error("Unicorn pc is not at an instruction start");
    if (!step(seq[i], pc, end, &out.error)) {
      out.trapped = true;
      out.trap_pc = pc;
      break;
    }
    out.executed.push_back(pc);
    pc = reg(UC_RISCV_REG_PC);
  }
  read_state(s);
  return out;
}

}  // namespace xisa::riscv64::fuzz
