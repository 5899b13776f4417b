// Differential test of the JIT against the IR interpreter on real guest code: random guest
// instruction sequences (the RV64GC fuzz generator, the AArch64 Unicorn-diff and qemu-oracle
// case lists, an x86-64 integer opcode table with random prefixes and operands) are
// lifted by the guest frontend, optimized as the dispatcher does, and run from one random
// state by both engines until control leaves the sequence, a syscall, a trap or a guest
// fault. The whole guest state struct (exit_request aside) and the data page must match byte
// for byte. XISA_FUZZ_ITERATIONS sets the cases per guest.
#include <elf.h>
#include <gtest/gtest.h>
#include <sys/mman.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/host_fp_env.h"
#include "guest/aarch64/aarch64_state.h"
#include "guest/guest_arch.h"
#include "guest/riscv64/riscv64_state.h"
#include "guest/riscv64/riscv64_vlen.h"
#include "guest/slow_path_retry.h"
#include "guest/x86_64/x86_64_state.h"
#include "interp/interpreter.h"
#include "ir/passes/passes.h"
#include "runtime/engine.h"
#include "runtime/engine_jit.h"
#include "runtime/guest_fault.h"
#include "rv64_fuzz_gen.h"

#if defined(__x86_64__)

namespace xisa {
namespace {

constexpr size_t kPage = 4096;
constexpr size_t kDataSize = 4 * kPage;
constexpr unsigned kMaxTrips = 256;

unsigned iterations(unsigned fallback) {
  const char* env = std::getenv("XISA_FUZZ_ITERATIONS");
  return env ? static_cast<unsigned>(std::strtoul(env, nullptr, 10)) : fallback;
}

// Blocks lifted on demand by the guest frontend and optimized like Dispatcher::block_at.
class TranslatingSource final : public runtime::BlockSource {
 public:
  explicit TranslatingSource(const GuestArch& arch) : frontend_(arch.make_frontend()) {}
  const ir::Block& block_at(uint64_t pc) override {
    auto& slot = blocks_[pc];
    if (!slot) {
      slot = std::make_unique<ir::Block>();
      frontend_->translate(pc, *slot);
      ir::optimize(*slot);
    }
    return *slot;
  }
  Frontend& frontend() { return *frontend_; }
  void forget(uint64_t lo, uint64_t hi) override {
    std::erase_if(blocks_, [&](const auto& kv) { return kv.first >= lo && kv.first < hi; });
  }

 private:
  std::unique_ptr<Frontend> frontend_;
  std::map<uint64_t, std::unique_ptr<ir::Block>> blocks_;
};

// How a run ended: left the sequence (Jump), a syscall, a trap, or a host fault on a guest
// access (fault_signo != 0), with the pc.
struct Outcome {
  interp::ExitKind kind = interp::ExitKind::Jump;
  ir::TrapKind trap = ir::TrapKind::IllegalInstruction;
  int fault_signo = 0;
  uint64_t pc = 0;
  uint64_t fault_address = 0;  // shown, not compared: the host reports it only for some faults
  bool operator==(const Outcome& o) const {
    return kind == o.kind && pc == o.pc && same_fault(o) &&
           (kind != interp::ExitKind::Trap || trap == o.trap);
  }
  // A non-canonical address (the host reports address 0) raises #GP (SIGSEGV) or, when the
  // host base register is rsp or rbp, #SS (SIGBUS): which one depends on the engine's
  // register choice, not on the guest. Other faults must carry the same signal.
  bool same_fault(const Outcome& o) const {
    if (fault_signo == o.fault_signo) return true;
    return fault_signo != 0 && o.fault_signo != 0 && fault_address == 0 && o.fault_address == 0;
  }
};

std::string describe(const Outcome& o) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "kind %d trap %d fault signal %d (address %#llx) pc %#llx",
                static_cast<int>(o.kind), static_cast<int>(o.trap), o.fault_signo,
                static_cast<unsigned long long>(o.fault_address),
                static_cast<unsigned long long>(o.pc));
  return buf;
}

// Code and data pages mapped once per guest; the code is rewritten per case. The data region
// sits between inaccessible guard regions wider than a base register changed in its second
// byte (x86 MOV BH) can reach, so a stray access faults in both engines instead of writing
// host memory; the code page is read-only while the engines run.
struct Pages {
  static constexpr size_t kGuard = 0x20000;
  Pages() {
    void* c = mmap(nullptr, kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    void* d = mmap(nullptr, kDataSize + 2 * kGuard, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    code = static_cast<uint8_t*>(c);
    data = static_cast<uint8_t*>(d) + kGuard;
    mprotect(data, kDataSize, PROT_READ | PROT_WRITE);
  }
  ~Pages() {
    munmap(code, kPage);
    munmap(data - kGuard, kDataSize + 2 * kGuard);
  }
  void seal_code(bool sealed) {
    mprotect(code, kPage, sealed ? PROT_READ : PROT_READ | PROT_WRITE);
  }
  uint64_t code_addr() const { return reinterpret_cast<uint64_t>(code); }
  uint64_t data_addr() const { return reinterpret_cast<uint64_t>(data); }
  uint8_t* code;
  uint8_t* data;
};

using Step = std::function<interp::BlockExit(void*)>;

// Runs from the state's pc with `step` until control leaves [lo, hi) or stops. A guarded FP
// fast path that fails re-runs its instruction exactly, as the dispatcher does.
Outcome run_engine(const Step& step, const GuestArch& arch, Frontend& frontend, void* state,
                   uint64_t lo, uint64_t hi) {
  auto* header = static_cast<CpuHeader*>(state);
  runtime::GuestFaultScope scope;
  if (sigsetjmp(scope.jump_buffer(), 0) != 0) {
    Outcome o;
    o.fault_signo = scope.fault().signo;
    o.fault_address = scope.fault().address;
    o.pc = header->pc;
    return o;
  }
  for (unsigned trip = 0; trip < kMaxTrips; ++trip) {
    host_fp::discard_pending();  // as the dispatcher does
    interp::BlockExit e = accrue_after_run(arch, step(state), state);
    if (is_slow_path_retry(e)) e = run_slow_path_retry(frontend, e.pc, state);
    header->pc = e.pc;
    if (e.kind != interp::ExitKind::Jump || e.pc < lo || e.pc >= hi)
      return Outcome{e.kind, e.trap, 0, e.pc};
  }
  return Outcome{interp::ExitKind::Jump, {}, 0, header->pc};
}

// One case: the code bytes at pages.code, the initial state and data. Returns an empty
// string when both engines agree, else what differs; the interpreter's final state goes to
// *interp_state when given.
std::string run_case(const GuestArch& arch, Pages& pages, size_t code_len,
                     const std::vector<uint8_t>& init_state, const std::vector<uint8_t>& init_data,
                     std::vector<uint8_t>* interp_state = nullptr) {
  const uint64_t lo = pages.code_addr(), hi = lo + code_len;
  const size_t size = arch.state_size();
  // 16-byte aligned storage for the state structs (vector registers).
  std::vector<__uint128_t> want_buf(size / 16 + 1), got_buf(size / 16 + 1);
  void* want = want_buf.data();
  void* got = got_buf.data();

  TranslatingSource source(arch);
  pages.seal_code(true);
  std::memcpy(want, init_state.data(), size);
  std::memcpy(pages.data, init_data.data(), kDataSize);
  const Outcome we = run_engine(
      [&](void* s) {
        return interp::run_block(source.block_at(static_cast<CpuHeader*>(s)->pc), s);
      },
      arch, source.frontend(), want, lo, hi);
  const std::vector<uint8_t> want_data(pages.data, pages.data + kDataSize);
  if (interp_state)
    interp_state->assign(static_cast<uint8_t*>(want), static_cast<uint8_t*>(want) + size);

  Options options;
  options.jit_compile_after = 1;  // compiled code from the first run: what is compared
  runtime::Metrics metrics;
  runtime::JitEngine jit(source, options, metrics);
  std::memcpy(got, init_state.data(), size);
  std::memcpy(pages.data, init_data.data(), kDataSize);
  const Outcome ge =
      run_engine([&](void* s) { return jit.run(s); }, arch, source.frontend(), got, lo, hi);
  pages.seal_code(false);

  std::string diff;
  if (!(we == ge)) diff += "exit: interpreter " + describe(we) + ", jit " + describe(ge) + "\n";
  static_cast<CpuHeader*>(want)->exit_request = 0;
  static_cast<CpuHeader*>(got)->exit_request = 0;
  const auto* w = static_cast<const uint8_t*>(want);
  const auto* g = static_cast<const uint8_t*>(got);
  for (size_t i = 0; i < size; ++i)
    if (w[i] != g[i]) {
      char buf[128];
      std::snprintf(buf, sizeof buf,
                    "first differing state byte at offset %zu: interpreter %02x jit %02x\n", i,
                    w[i], g[i]);
      diff += buf;
      break;
    }
  for (size_t i = 0; i < kDataSize; ++i)
    if (want_data[i] != pages.data[i]) {
      char buf[128];
      std::snprintf(buf, sizeof buf,
                    "first differing data byte at +%zu: interpreter %02x jit %02x\n", i,
                    want_data[i], pages.data[i]);
      diff += buf;
      break;
    }
  if (!diff.empty()) {
    diff += "code (hex bytes):";
    for (size_t i = 0; i < code_len; ++i) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "%s%02x", i % 4 ? "" : " ", pages.code[i]);
      diff += buf;
    }
  }
  return diff;
}

// A random register value: edge values, small numbers (shift counts, indexes) or any bits.
uint64_t edge_value(std::mt19937_64& rng) {
  static constexpr uint64_t kEdges[] = {0,
                                        1,
                                        0x7f,
                                        0x80,
                                        0xffffffff,
                                        0x80000000,
                                        0x7fffffffffffffff,
                                        0x8000000000000000,
                                        ~uint64_t{0},
                                        0x3ff0000000000000,
                                        0x7ff8000000000000,
                                        0x3f8000007fc00000};
  switch (rng() % 3) {
    case 0:
      return kEdges[rng() % std::size(kEdges)];
    case 1:
      return rng() % 70;
    default:
      return rng();
  }
}

class GuestJitVsInterp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { runtime::install_guest_fault_handlers(); }
};

// ---- RISC-V64: the Unicorn fuzzer's generator (branches, loads, stores, AMOs, FP).

// Puts RV64 instruction words at the code page, zeros after them; returns the code length.
size_t write_rv64_words(Pages& pages, const std::vector<uint32_t>& words) {
  std::memset(pages.code, 0, kPage);
  std::memcpy(pages.code, words.data(), 4 * words.size());
  return 4 * words.size();
}

std::vector<uint8_t> rv64_zero_state(const GuestArch& arch, uint64_t pc) {
  std::vector<uint8_t> state(arch.state_size());
  arch.init_state(state.data());
  auto* s = reinterpret_cast<riscv64::Riscv64State*>(state.data());
  s->header.pc = pc;
  s->reservation_addr = riscv64::kNoReservation;
  return state;
}

// Regression for a JIT divergence the fuzzer found: guest register values computed before a
// FENCE.I and written back at the block's end must survive the runtime call the fence makes
// (its lowering once skipped saving caller-saved registers). Sixteen of them (add xN, xN, a3)
// fill the host registers, so some sit in caller-saved ones. Hand-computed: xN = 100 * N + 7
// from xN = 100 * N and a3 = 7.
TEST_F(GuestJitVsInterp, Riscv64FenceIKeepsRegisters) {
  const GuestArch& arch = *guest_for_elf_machine(EM_RISCV);
  Pages pages;
  constexpr unsigned kRegs[] = {5, 6, 7, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29};
  std::vector<uint32_t> words;
  for (unsigned r : kRegs) words.push_back((13u << 20) | (r << 15) | (r << 7) | 0x33);
  words.push_back(0x0000100f);  // fence.i
  const size_t len = write_rv64_words(pages, words);
  std::vector<uint8_t> state = rv64_zero_state(arch, pages.code_addr());
  auto* s = reinterpret_cast<riscv64::Riscv64State*>(state.data());
  for (unsigned r : kRegs) s->x[r] = 100 * r;
  s->x[13] = 7;
  const std::vector<uint8_t> data(kDataSize, 0);
  std::vector<uint8_t> interp_state;
  EXPECT_EQ(run_case(arch, pages, len, state, data, &interp_state), "");
  const auto* want = reinterpret_cast<const riscv64::Riscv64State*>(interp_state.data());
  for (unsigned r : kRegs) EXPECT_EQ(want->x[r], 100 * r + 7) << "x" << r;
}

void run_riscv64_sequences(unsigned cases, uint64_t seed) {
  const GuestArch& arch = *guest_for_elf_machine(EM_RISCV);
  Pages pages;
  static riscv64::fuzz::FuzzState fs;
  unsigned failures = 0;
  for (unsigned it = 0; it < cases && failures < 5; ++it) {
    riscv64::fuzz::Generator gen(seed + it, /*extensions=*/true);
    // The generator's page sits in the middle of the data region, so stray accesses stay mapped.
    const uint64_t page_addr = pages.data_addr() + kPage;
    gen.initial_state(page_addr, fs);
    std::vector<riscv64::fuzz::GenInsn> seq = gen.sequence(24);
    const std::vector<uint32_t> halves = riscv64::fuzz::layout(seq, seq.size());
    // Zeros after the sequence: a block running past its end stops there (illegal insn).
    std::memset(pages.code, 0, kPage);
    for (size_t i = 0; i < halves.size(); ++i) {
      pages.code[2 * i] = static_cast<uint8_t>(halves[i]);
      pages.code[2 * i + 1] = static_cast<uint8_t>(halves[i] >> 8);
    }
    std::vector<uint8_t> state(arch.state_size());
    arch.init_state(state.data());
    auto* s = reinterpret_cast<riscv64::Riscv64State*>(state.data());
    s->header.pc = pages.code_addr();
    std::memcpy(s->x, fs.x, sizeof fs.x);
    std::memcpy(s->f, fs.f, sizeof fs.f);
    s->fflags = fs.fflags;
    s->frm = fs.frm;
    s->reservation_addr = riscv64::kNoReservation;
    // V: random registers (from the data page's bytes) and a legal vtype half of the time
    // (else vill until the sequence's own vsetvli), so vector instructions have work.
    std::memcpy(s->v, fs.data, sizeof s->v);
    if (it % 2 == 0) {
      const unsigned vsew = (it / 2) % 4, vlmul = (it / 8) % 4;  // SEW 8..64, LMUL 1..8
      s->vtype = vsew << 3 | vlmul;
      const uint64_t vlmax = (uint64_t{riscv64::vlen_bytes()} >> vsew) << vlmul;
      s->vl = (it / 32) % (vlmax + 1);
    }
    std::vector<uint8_t> data(kDataSize, 0xa5);
    std::memcpy(data.data() + kPage, fs.data, kPage);
    const std::string diff = run_case(arch, pages, 2 * halves.size(), state, data);
    if (!diff.empty()) {
      ++failures;
      ADD_FAILURE() << "riscv64 case " << it << "\n"
                    << diff << "\n"
                    << riscv64::fuzz::describe(seq, seq.size());
    }
  }
}

TEST_F(GuestJitVsInterp, Riscv64RandomSequences) {
  run_riscv64_sequences(iterations(3000), 0x5eed0000);
}

// VLEN 256 (--rvv-vlen 256): both engines on the helper path, other register strides.
TEST_F(GuestJitVsInterp, Riscv64RandomSequencesAtVlen256) {
  ASSERT_TRUE(riscv64::set_vlen_bits(256));
  run_riscv64_sequences(iterations(1000), 0x256e0000);
  riscv64::set_vlen_bits(128);
}

// ---- AArch64: sequences drawn from the Unicorn diff's instruction lists.

struct A64Case {
  uint32_t word;
  const char* text;
};
constexpr A64Case kA64Cases[] = {
#include "aarch64_diff_cases.inc"
};
constexpr A64Case kA64MemCases[] = {
#include "aarch64_diff_mem_cases.inc"
};
constexpr A64Case kA64QemuOracleCases[] = {
#include "aarch64_qemu_oracle_cases.inc"
};

// The lists' memory forms address through x1 (base) and x2 (index): no instruction in a
// sequence may write those as its first (destination) operand, nor SP.
bool keeps_bases(const A64Case& c) {
  std::string_view t = c.text;
  const size_t sp = t.find(' ');
  if (sp == std::string_view::npos) return true;
  t.remove_prefix(sp + 1);
  const std::string_view first = t.substr(0, t.find_first_of(", "));
  for (std::string_view bad : {"x1", "w1", "x2", "w2", "sp", "wsp"})
    if (first == bad) return false;
  return true;
}

TEST_F(GuestJitVsInterp, Aarch64RandomSequences) {
  const GuestArch& arch = *guest_for_elf_machine(EM_AARCH64);
  Pages pages;
  std::vector<A64Case> pool;
  for (const A64Case& c : kA64Cases)
    if (keeps_bases(c)) pool.push_back(c);
  for (const A64Case& c : kA64QemuOracleCases) pool.push_back(c);
  const size_t reg_forms = pool.size();
  for (const A64Case& c : kA64MemCases)
    if (keeps_bases(c)) pool.push_back(c);
  ASSERT_GT(reg_forms, 300u);
  ASSERT_GT(pool.size(), reg_forms + 50);

  const unsigned cases = iterations(3000);
  std::mt19937_64 rng(0xa64);
  unsigned failures = 0;
  for (unsigned it = 0; it < cases && failures < 5; ++it) {
    const size_t n = 1 + rng() % 16;
    std::memset(pages.code, 0, kPage);  // UDF #0 after the sequence
    std::string listing;
    for (size_t i = 0; i < n; ++i) {
      const A64Case& c = pool[rng() % pool.size()];
      std::memcpy(pages.code + 4 * i, &c.word, 4);
      listing += std::string("  ") + c.text + "\n";
    }
    std::vector<uint8_t> state(arch.state_size());
    arch.init_state(state.data());
    auto* s = reinterpret_cast<aarch64::Aarch64State*>(state.data());
    s->header.pc = pages.code_addr();
    for (unsigned r = 0; r < 31; ++r) s->x[r] = edge_value(rng);
    s->x[1] = pages.data_addr() + kDataSize / 2 + (rng() % 64) * 8;  // base
    s->x[2] = rng() % 16;                                            // index / step
    s->x[aarch64::kSp] = pages.data_addr() + kDataSize / 2;
    for (auto& v : s->v) v = {edge_value(rng), edge_value(rng)};
    s->nf = rng() & 1;
    s->zf = rng() & 1;
    s->cf = rng() & 1;
    s->vf = rng() & 1;
    // RMode, FZ, DN (bits 25..22) and FZ16 (19).
    s->fpcr = static_cast<uint32_t>(rng() % 16) << 22 | static_cast<uint32_t>(rng() % 2) << 19;
    std::vector<uint8_t> data(kDataSize);
    for (auto& b : data) b = static_cast<uint8_t>(rng());
    const std::string diff = run_case(arch, pages, 4 * n, state, data);
    if (!diff.empty()) {
      ++failures;
      ADD_FAILURE() << "aarch64 case " << it << "\n" << diff << "\n" << listing;
    }
  }
}

// ---- x86-64: integer instructions from an opcode table with random prefixes, registers and
// immediates; memory operands are [rbx + disp8] into the data region; straight-line code.

enum class Imm : uint8_t { None, Byte, Z, V };  // V: imm64 with REX.W, else like Z
enum RegField : int8_t { kAnyReg = -1, kNoModrm = -2, kRegInOpcode = -3 };

struct X86Op {
  uint8_t op0, op1;  // op1 only when op0 == 0x0f
  int8_t reg;        // ModRM.reg: a fixed group member, kAnyReg, or no ModRM at all
  Imm imm;
  bool mem;           // the memory form may be used (stores land only in the data region)
  bool cond = false;  // low nibble of the last opcode byte is a random condition
};

constexpr X86Op kX86Ops[] = {
    {0x00, 0, kAnyReg, Imm::None, true},
    {0x01, 0, kAnyReg, Imm::None, true},
    {0x03, 0, kAnyReg, Imm::None, true},
    {0x09, 0, kAnyReg, Imm::None, true},
    {0x0b, 0, kAnyReg, Imm::None, true},
    {0x11, 0, kAnyReg, Imm::None, true},
    {0x13, 0, kAnyReg, Imm::None, true},
    {0x19, 0, kAnyReg, Imm::None, true},
    {0x1a, 0, kAnyReg, Imm::None, true},
    {0x21, 0, kAnyReg, Imm::None, true},
    {0x23, 0, kAnyReg, Imm::None, true},
    {0x29, 0, kAnyReg, Imm::None, true},
    {0x2b, 0, kAnyReg, Imm::None, true},
    {0x31, 0, kAnyReg, Imm::None, true},
    {0x32, 0, kAnyReg, Imm::None, true},
    {0x39, 0, kAnyReg, Imm::None, true},
    {0x3b, 0, kAnyReg, Imm::None, true},
    {0x80, 0, kAnyReg, Imm::Byte, true},
    {0x81, 0, kAnyReg, Imm::Z, true},
    {0x83, 0, kAnyReg, Imm::Byte, true},
    {0x84, 0, kAnyReg, Imm::None, true},
    {0x85, 0, kAnyReg, Imm::None, true},
    {0x86, 0, kAnyReg, Imm::None, true},
    {0x87, 0, kAnyReg, Imm::None, true},
    {0x88, 0, kAnyReg, Imm::None, true},
    {0x89, 0, kAnyReg, Imm::None, true},
    {0x8a, 0, kAnyReg, Imm::None, true},
    {0x8b, 0, kAnyReg, Imm::None, true},
    {0x8d, 0, kAnyReg, Imm::None, true},
    {0x69, 0, kAnyReg, Imm::Z, true},
    {0x6b, 0, kAnyReg, Imm::Byte, true},
    {0xc0, 0, kAnyReg, Imm::Byte, true},
    {0xc1, 0, kAnyReg, Imm::Byte, true},
    {0xd0, 0, kAnyReg, Imm::None, true},
    {0xd1, 0, kAnyReg, Imm::None, true},
    {0xd2, 0, kAnyReg, Imm::None, true},
    {0xd3, 0, kAnyReg, Imm::None, true},
    {0xc6, 0, 0, Imm::Byte, true},
    {0xc7, 0, 0, Imm::Z, true},
    {0xf6, 0, 0, Imm::Byte, true},
    {0xf7, 0, 0, Imm::Z, true},
    {0xf6, 0, 2, Imm::None, true},
    {0xf7, 0, 3, Imm::None, true},
    {0xf7, 0, 4, Imm::None, true},
    {0xf6, 0, 5, Imm::None, true},
    {0xf7, 0, 6, Imm::None, true},
    {0xf7, 0, 7, Imm::None, true},
    {0xf6, 0, 7, Imm::None, true},
    {0xfe, 0, 0, Imm::None, true},
    {0xff, 0, 1, Imm::None, true},
    {0x0f, 0xaf, kAnyReg, Imm::None, true},
    {0x0f, 0xb6, kAnyReg, Imm::None, true},
    {0x0f, 0xb7, kAnyReg, Imm::None, true},
    {0x0f, 0xbe, kAnyReg, Imm::None, true},
    {0x0f, 0xbf, kAnyReg, Imm::None, true},
    {0x0f, 0x40, kAnyReg, Imm::None, true, true},
    {0x0f, 0x90, 0, Imm::None, true, true},
    {0x0f, 0xa3, kAnyReg, Imm::None, false},
    // BTS/BTR/BTC with a register bit offset reach any address: register forms only.
    {0x0f, 0xab, kAnyReg, Imm::None, false},
    {0x0f, 0xb3, kAnyReg, Imm::None, false},
    {0x0f, 0xbb, kAnyReg, Imm::None, false},
    {0x0f, 0xba, 5, Imm::Byte, true},
    {0x0f, 0xba, 4, Imm::Byte, true},
    {0x0f, 0xa4, kAnyReg, Imm::Byte, true},
    {0x0f, 0xad, kAnyReg, Imm::None, true},
    {0x0f, 0xbc, kAnyReg, Imm::None, true},
    {0x0f, 0xbd, kAnyReg, Imm::None, true},
    {0x0f, 0xb1, kAnyReg, Imm::None, true},
    {0x0f, 0xc1, kAnyReg, Imm::None, true},
    {0x0f, 0xc8, kRegInOpcode, Imm::None, false},
    {0xb8, 0, kRegInOpcode, Imm::V, false},
    {0x90, 0, kRegInOpcode, Imm::None, false},
    {0x98, 0, kNoModrm, Imm::None, false},
    {0x99, 0, kNoModrm, Imm::None, false},
    {0xf5, 0, kNoModrm, Imm::None, false},
    {0xf9, 0, kNoModrm, Imm::None, false},
    {0xfd, 0, kNoModrm, Imm::None, false},
    {0xfc, 0, kNoModrm, Imm::None, false},
    // No Jcc: landing inside an instruction decodes arbitrary bytes, backward jumps among
    // them, and a loop the JIT chains never returns.
};

// A register number 0..7 that, without the REX extension bit, is not rbx (the memory base)
// or rsp/ah (4).
unsigned x86_reg(std::mt19937_64& rng, bool extended) {
  static constexpr unsigned kLow[] = {0, 1, 2, 5, 6, 7};
  return extended ? rng() % 8 : kLow[rng() % std::size(kLow)];
}

// Appends one random instruction to code.
void x86_insn(std::mt19937_64& rng, std::vector<uint8_t>& code) {
  const X86Op& op = kX86Ops[rng() % std::size(kX86Ops)];
  const bool op16 = rng() % 6 == 0;
  const bool w = rng() % 2, r = rng() % 2, b = rng() % 2;
  const bool mem = op.mem && (op.op0 == 0x8d || rng() % 3 == 0);  // LEA has no register form
  if (op16) code.push_back(0x66);
  if (w || r || b) code.push_back(0x40 | (w << 3) | (r << 2) | ((b && !mem) ? 1 : 0));
  const uint8_t cc = op.cond ? rng() % 16 : 0;
  const uint8_t reg_in_op = op.reg == kRegInOpcode ? x86_reg(rng, b && !mem) : 0;
  code.push_back(op.op0 == 0x0f ? 0x0f : op.op0 + cc + reg_in_op);
  if (op.op0 == 0x0f) code.push_back(op.op1 + cc + reg_in_op);
  if (op.reg >= kAnyReg) {
    const unsigned reg = op.reg == kAnyReg ? x86_reg(rng, r) : static_cast<unsigned>(op.reg);
    if (mem) {
      code.push_back(static_cast<uint8_t>(0x40 | (reg << 3) | 3));  // [rbx + disp8]
      code.push_back(static_cast<uint8_t>(rng()));
    } else {
      code.push_back(static_cast<uint8_t>(0xc0 | (reg << 3) | x86_reg(rng, b)));
    }
  }
  // Iz is 2 bytes with 66 unless REX.W (which wins: 4); Iv is 8 bytes with REX.W.
  unsigned imm_bytes = op16 && !w ? 2 : 4;
  if (op.imm == Imm::V && w) imm_bytes = 8;
  if (op.imm == Imm::Byte) imm_bytes = 1;
  if (op.imm == Imm::None) imm_bytes = 0;
  for (unsigned k = 0; k < imm_bytes; ++k)
    code.push_back(static_cast<uint8_t>(edge_value(rng) >> 8 * k));
}

TEST_F(GuestJitVsInterp, X86_64RandomSequences) {
  const GuestArch& arch = *guest_for_elf_machine(EM_X86_64);
  Pages pages;
  const unsigned cases = iterations(3000);
  std::mt19937_64 rng(0x86);
  unsigned failures = 0;
  for (unsigned it = 0; it < cases && failures < 5; ++it) {
    std::vector<uint8_t> code;
    const size_t n = 1 + rng() % 16;
    for (size_t i = 0; i < n; ++i) x86_insn(rng, code);
    // INT3 after the sequence stops both engines.
    std::memset(pages.code, 0xcc, kPage);
    std::memcpy(pages.code, code.data(), code.size());
    std::vector<uint8_t> state(arch.state_size());
    arch.init_state(state.data());
    auto* s = reinterpret_cast<x86_64::X86_64State*>(state.data());
    s->header.pc = pages.code_addr();
    for (uint64_t& g : s->gpr) g = edge_value(rng);
    s->gpr[x86_64::kRbx] = pages.data_addr() + kDataSize / 2;
    s->gpr[x86_64::kRsp] = pages.data_addr() + kDataSize - 64;
    s->cc_op = 0;               // CcKind::Eflags: cc_res holds the flags
    s->cc_res = rng() & 0x8d5;  // CF PF AF ZF SF OF
    s->df = rng() % 2;
    for (auto& x : s->vec) x[0] = edge_value(rng), x[1] = edge_value(rng);
    std::vector<uint8_t> data(kDataSize);
    for (auto& byte : data) byte = static_cast<uint8_t>(rng());
    const std::string diff = run_case(arch, pages, code.size(), state, data);
    if (!diff.empty()) {
      ++failures;
      ADD_FAILURE() << "x86_64 case " << it << "\n" << diff;
    }
  }
}

}  // namespace
}  // namespace xisa

#endif  // __x86_64__
