// Random RV64GC (and optionally RVA23 scalar) test cases for the differential fuzzers: an initial
// register file and data page, and a straight-line instruction sequence (forward branches only)
// whose loads, stores and atomics address the data page through two base registers that stay
// intact.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace xisa::riscv64::fuzz {

inline constexpr size_t kPageSize = 4096;
// Base registers: sp (for c.*sp forms and 32-bit accesses) and s0 (for c.lw/c.ld/... x8..x15).
inline constexpr unsigned kBaseSp = 2;
inline constexpr unsigned kBaseS0 = 8;
inline constexpr uint64_t kSpOffset = 2048;  // sp = data + 2048: imm12 reaches the whole page
inline constexpr uint64_t kS0Offset = 1024;

// What the Unicorn runner must correct about one instruction to follow the manual (see
// rv64_unicorn_runner.h for why).
enum class AmoWord : uint8_t { None, Min, Max, MinU, MaxU };

struct UnicornShim {
  uint8_t single_inputs = 0;         // bit 0/1/2: rs1/rs2/rs3 are single-precision inputs
  bool single_output = false;        // writes a single-precision result to f[rd]
  bool rd_is_f = false;              // the destination is an f register (single or double)
  bool minmax_single = false;        // fmin.s / fmax.s
  bool minmax_double = false;        // fmin.d / fmax.d
  bool has_rm = false;               // an FP op with a rounding-mode field
  uint8_t fused = 0;                 // fmadd/fmsub/fnmsub/fnmadd: 4 (single) or 8 (double) bytes
  AmoWord amo_word = AmoWord::None;  // amo{min,max}{,u}.w: computed by the runner
};

// The corrections for the instruction named by its rv64_table.inc mnemonic ("fadd_s").
UnicornShim unicorn_shim_for(std::string_view name);

struct GenInsn {
  const char* name = "";           // mnemonic, from rv64_table.inc or the RVC form list
  uint32_t word = 0;               // 32-bit instruction, or a 16-bit one in the low half
  unsigned length = 4;             // 2 for a compressed instruction
  bool compressed_branch = false;  // c.beqz / c.bnez (CB format)
  bool branch = false;             // forward conditional branch: offset patched by layout()
  size_t target = 0;               // branch target: index of an instruction, or the sequence's size
  UnicornShim shim;
};

struct FuzzState {
  uint64_t x[32] = {};
  uint64_t f[32] = {};
  uint32_t fflags = 0;
  uint32_t frm = 0;
  uint8_t data[kPageSize] = {};
};

class Generator {
 public:
  // extensions: also the encodings of rv64_ext_table.inc (Unicorn knows only RV64GC).
  explicit Generator(uint64_t seed, bool extensions = false)
      : rng_(seed), extensions_(extensions) {}

  // Random registers (with the two bases pointing into the page at data_addr) and page bytes.
  void initial_state(uint64_t data_addr, FuzzState& s);
  // 1..max_len instructions.
  std::vector<GenInsn> sequence(size_t max_len);

 private:
  GenInsn gen_32();
  GenInsn gen_16();
  uint64_t random_x();
  uint64_t random_f();
  uint32_t memory_imm(unsigned base, unsigned size, bool may_misalign);
  uint64_t below(uint64_t n) { return rng_() % n; }

  std::mt19937_64 rng_;
  bool extensions_;
};

// The sequence's bytes as little-endian halfwords, with branch offsets set for the first n
// instructions (targets past n are pointed at the end of those n).
std::vector<uint32_t> layout(std::vector<GenInsn>& seq, size_t n);

// One line per instruction: address offset, hex bytes and mnemonic.
std::string describe(const std::vector<GenInsn>& seq, size_t n);

}  // namespace xisa::riscv64::fuzz
