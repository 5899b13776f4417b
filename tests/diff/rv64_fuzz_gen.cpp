// Random RV64GC instruction sequences and initial states for the Unicorn differential fuzzer.
// 32-bit instructions come from the encodings of rv64_table.inc (every RV64IMAFD line but
// control transfers, ecall/ebreak and CSRs other than fflags/frm/fcsr), and on request from
// rv64_ext_table.inc (Zba, Zbb, Zbc, Zbs, Zicond, Zimop, Zicbom, Zicboz, Zfa, Zfh, V, Zvbb,
// Zvfhmin, Zawrs...);
// compressed ones from the RVC form lists below (RV64C, and Zcb on request), written from the C and
// Zc chapters of the unprivileged ISA manual.
#include "rv64_fuzz_gen.h"

#include <cstring>
#include <string_view>

#include "frontend/common/bit_pattern.h"
#include "frontend/riscv64/lifter.h"

namespace xisa::riscv64::fuzz {

namespace {

enum class Kind {
  Other,
  Load,
  Store,
  Branch,
  Amo,
  Csr,
  Fence,
  FenceI,
  CacheBlock,
  VectorMemory,
  Excluded
};

struct Encoding {
  std::string_view name;
  frontend::BitPattern pattern;
};

#define INST(name, pattern) {#name, frontend::parse_pattern(pattern)},
constexpr Encoding kRv64gcEncodings[] = {
#include "frontend/riscv64/rv64_table.inc"
};
constexpr Encoding kExtensionEncodings[] = {
#include "frontend/riscv64/rv64_ext_table.inc"
};
#undef INST

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

Kind kind_of(std::string_view n) {
  if (n == "jal" || n == "jalr" || n == "ecall" || n == "ebreak") return Kind::Excluded;
  if (n == "lb" || n == "lh" || n == "lw" || n == "ld" || n == "lbu" || n == "lhu" || n == "lwu" ||
      n == "flh" || n == "flw" || n == "fld")
    return Kind::Load;
  if (n == "sb" || n == "sh" || n == "sw" || n == "sd" || n == "fsh" || n == "fsw" || n == "fsd")
    return Kind::Store;
  if (n == "beq" || n == "bne" || n == "blt" || n == "bge" || n == "bltu" || n == "bgeu")
    return Kind::Branch;
  if (starts_with(n, "amo") || starts_with(n, "lr_") || starts_with(n, "sc_")) return Kind::Amo;
  if (starts_with(n, "csrr")) return Kind::Csr;
  if (n == "fence") return Kind::Fence;
  if (n == "fence_i") return Kind::FenceI;
  if (starts_with(n, "cbo_")) return Kind::CacheBlock;
  if (starts_with(n, "vload_") || starts_with(n, "vstore_")) return Kind::VectorMemory;
  return Kind::Other;
}

unsigned access_size(std::string_view n) {
  if (n == "lb" || n == "lbu" || n == "sb") return 1;
  if (n == "lh" || n == "lhu" || n == "sh" || n == "flh" || n == "fsh") return 2;
  if (n == "lw" || n == "lwu" || n == "sw" || n == "flw" || n == "fsw") return 4;
  return 8;
}

// True when rd names an f register: then it may be f2/f8, which are not bases.
bool rd_is_f_register(std::string_view n) {
  if (!starts_with(n, "f") || n == "fence" || n == "fence_i" || n == "fsh" || n == "fsw" ||
      n == "fsd")
    return false;
  for (std::string_view x :
       {"fmv_x_", "fclass", "feq", "flt", "fle", "fcvt_w", "fcvt_l", "fcvtmod_w"})
    if (starts_with(n, x)) return false;
  return true;
}

}  // namespace

// Which single-precision NaN-boxing rules apply (F chapter, "NaN Boxing of Narrower Values":
// every op but the transfers FLW/FSW/FMV.W.X/FMV.X.W checks its narrow inputs), and the other
// corrections of rv64_unicorn_runner.h.
UnicornShim unicorn_shim_for(std::string_view n) {
  UnicornShim s;
  s.rd_is_f = rd_is_f_register(n);
  for (const Encoding& e : kRv64gcEncodings) {
    const uint32_t op = e.pattern.match & 0x7f;
    const bool fp = op == 0x53 || op == 0x43 || op == 0x47 || op == 0x4b || op == 0x4f;
    if (e.name == n) s.has_rm = fp && (e.pattern.mask & 0x7000) == 0;
  }
  if (n == "amomin_w") s.amo_word = AmoWord::Min;
  if (n == "amomax_w") s.amo_word = AmoWord::Max;
  if (n == "amominu_w") s.amo_word = AmoWord::MinU;
  if (n == "amomaxu_w") s.amo_word = AmoWord::MaxU;
  if (n == "flw" || n == "fmv_w_x") {
    s.single_output = true;
    return s;
  }
  if (n == "fsw" || n == "fmv_x_w" || !starts_with(n, "f") || n == "fence" || n == "fence_i")
    return s;
  if (starts_with(n, "fcvt_")) {
    // fcvt_<dest>_<source>
    const std::string_view dest = n.substr(5, n.find('_', 5) - 5);
    const std::string_view source = n.substr(n.rfind('_') + 1);
    s.single_inputs = source == "s" ? 1 : 0;
    s.single_output = dest == "s";
    return s;
  }
  const bool fused = starts_with(n, "fmadd") || starts_with(n, "fmsub") ||
                     starts_with(n, "fnmsub") || starts_with(n, "fnmadd");
  if (!ends_with(n, "_s")) {
    s.minmax_double = n == "fmin_d" || n == "fmax_d";
    s.fused = fused ? 8 : 0;
    return s;
  }
  s.fused = fused ? 4 : 0;
  const bool writes_x = starts_with(n, "feq") || starts_with(n, "flt") || starts_with(n, "fle") ||
                        starts_with(n, "fclass");
  const bool unary = starts_with(n, "fsqrt") || starts_with(n, "fclass");
  s.single_inputs = fused ? 7 : unary ? 1 : 3;
  s.single_output = !writes_x;
  s.minmax_single = n == "fmin_s" || n == "fmax_s";
  return s;
}

namespace {

// Compressed forms (RV64C, Q0..Q2). Field fixes keep the base registers intact and the
// accesses inside the page; c.j, c.jr, c.jalr and c.ebreak are left out (control transfers).
enum RvcFix : unsigned {
  kRdNotBase = 1,        // rd (11:7) not sp/s0
  kRdNotZero = 2,        // rd (11:7) != x0
  kRdLowNonzero = 4,     // rd' (4:2) != x8 (s0)
  kRdHighNonzero = 8,    // rd'/rs1' (9:7) != x8 where it is written
  kRs1HighIsS0 = 16,     // rs1' (9:7) = x8: the s0 base
  kRs2Nonzero = 32,      // rs2 (6:2) != 0 (c.mv/c.add, else a jump)
  kCBranch = 64,         // c.beqz/c.bnez: offset patched by layout()
  kLuiNonzeroImm = 128,  // c.lui: nzimm != 0
};

struct RvcForm {
  const char* name;
  uint16_t mask;
  uint16_t match;
  unsigned fixes;
};

constexpr RvcForm kRvcForms[] = {
    {"c.addi4spn", 0xe003, 0x0000, kRdLowNonzero},
    {"c.fld", 0xe003, 0x2000, kRs1HighIsS0},
    {"c.lw", 0xe003, 0x4000, kRs1HighIsS0 | kRdLowNonzero},
    {"c.ld", 0xe003, 0x6000, kRs1HighIsS0 | kRdLowNonzero},
    {"c.fsd", 0xe003, 0xa000, kRs1HighIsS0},
    {"c.sw", 0xe003, 0xc000, kRs1HighIsS0},
    {"c.sd", 0xe003, 0xe000, kRs1HighIsS0},
    {"c.addi", 0xe003, 0x0001, kRdNotBase},
    {"c.addiw", 0xe003, 0x2001, kRdNotBase | kRdNotZero},
    {"c.li", 0xe003, 0x4001, kRdNotBase},
    {"c.lui", 0xe003, 0x6001, kRdNotBase | kRdNotZero | kLuiNonzeroImm},
    {"c.alu", 0xe003, 0x8001, kRdHighNonzero},  // srli/srai/andi/sub/xor/or/and/subw/addw
    {"c.beqz", 0xe003, 0xc001, kCBranch},
    {"c.bnez", 0xe003, 0xe001, kCBranch},
    {"c.slli", 0xe003, 0x0002, kRdNotBase},
    {"c.fldsp", 0xe003, 0x2002, 0},
    {"c.lwsp", 0xe003, 0x4002, kRdNotBase | kRdNotZero},
    {"c.ldsp", 0xe003, 0x6002, kRdNotBase | kRdNotZero},
    {"c.mv", 0xf003, 0x8002, kRdNotBase | kRdNotZero | kRs2Nonzero},
    {"c.add", 0xf003, 0x9002, kRdNotBase | kRdNotZero | kRs2Nonzero},
    {"c.fsdsp", 0xe003, 0xa002, 0},
    {"c.swsp", 0xe003, 0xc002, 0},
    {"c.sdsp", 0xe003, 0xe002, 0},
};

// Zcb (Zc chapter): generated only with the extensions, as Unicorn knows only RV64GC.
constexpr RvcForm kZcbForms[] = {
    {"c.lbu", 0xfc03, 0x8000, kRs1HighIsS0 | kRdLowNonzero},
    {"c.lhu", 0xfc43, 0x8400, kRs1HighIsS0 | kRdLowNonzero},
    {"c.lh", 0xfc43, 0x8440, kRs1HighIsS0 | kRdLowNonzero},
    {"c.sb", 0xfc03, 0x8800, kRs1HighIsS0},
    {"c.sh", 0xfc43, 0x8c00, kRs1HighIsS0},
    {"c.mul", 0xfc63, 0x9c41, kRdHighNonzero},
    {"c.zext.b", 0xfc7f, 0x9c61, kRdHighNonzero},
    {"c.sext.b", 0xfc7f, 0x9c65, kRdHighNonzero},
    {"c.zext.h", 0xfc7f, 0x9c69, kRdHighNonzero},
    {"c.sext.h", 0xfc7f, 0x9c6d, kRdHighNonzero},
    {"c.zext.w", 0xfc7f, 0x9c71, kRdHighNonzero},
    {"c.not", 0xfc7f, 0x9c75, kRdHighNonzero},
};

bool is_base(unsigned r) {
  return r == kBaseSp || r == kBaseS0;
}

// Special values that catch edge cases more often than uniform random bits.
constexpr uint64_t kSpecialX[] = {0,
                                  1,
                                  ~0ull,
                                  2,
                                  0x7fffffff,
                                  0x80000000,
                                  0xffffffff,
                                  0x100000000,
                                  0x7fffffffffffffff,
                                  0x8000000000000000,
                                  0xffffffff80000000,
                                  0xffffffff7fffffff,
                                  31,
                                  32,
                                  63,
                                  64};
constexpr uint64_t kSpecialDouble[] = {
    0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
    0x3fe0000000000000, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000,
    0x7ff8000000000123, 0xfff8000000000000, 0x7ff0000000000001, 0x7ff4000000000000,
    0x0000000000000001, 0x000fffffffffffff, 0x8000000000000001, 0x0010000000000000,
    0x7fefffffffffffff, 0xffefffffffffffff, 0x43e0000000000000, 0xc3e0000000000000,
    0x41e0000000000000, 0xc1e0000000000000, 0x41f0000000000000, 0x3fd5555555555555,
    0x4330000000000000, 0x3ff8000000000000, 0x4004000000000000};
constexpr uint32_t kSpecialSingle[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3f000000, 0x7f800000, 0xff800000,
    0x7fc00000, 0x7fc00123, 0xffc00000, 0x7f800001, 0x7fa00000, 0x00000001, 0x007fffff,
    0x80000001, 0x00800000, 0x7f7fffff, 0xff7fffff, 0x4f000000, 0xcf000000, 0x5f000000,
    0xdf000000, 0x4f800000, 0x3eaaaaab, 0x4b000000, 0x3fc00000, 0x40200000};
constexpr uint64_t kBoxed = 0xffffffff00000000ull;

}  // namespace

uint64_t Generator::random_x() {
  switch (below(4)) {
    case 0:
      return kSpecialX[below(std::size(kSpecialX))];
    case 1:
      return static_cast<uint64_t>(static_cast<int64_t>(below(4096)) - 2048);
    case 2:
      return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(rng_())));
    default:
      return rng_();
  }
}

uint64_t Generator::random_f() {
  const uint64_t r = rng_();
  // With the extensions (Zfh): a NaN-boxed half a quarter of the time, special or random.
  if (extensions_ && below(4) == 0) {
    constexpr uint16_t kSpecialHalf[] = {0x0000, 0x8000, 0x3c00, 0xbc00, 0x7c00, 0xfc00,
                                         0x7e00, 0x7d00, 0x0001, 0x03ff, 0x0400, 0x7bff,
                                         0x3800, 0x4100, 0x6401, 0xfbff};
    const uint64_t bits = below(2) ? kSpecialHalf[below(std::size(kSpecialHalf))] : r & 0xffff;
    return 0xffffffffffff0000ull | bits;
  }
  switch (below(8)) {
    case 0:
    case 1:
      return kSpecialDouble[below(std::size(kSpecialDouble))];
    case 2:
      return r;  // a random double (or an improperly boxed single)
    case 3:
    case 4:
    case 5:
      return kBoxed | kSpecialSingle[below(std::size(kSpecialSingle))];
    case 6:
      return kBoxed | (r & 0xffffffff);
    default:
      // Improperly boxed: a single's bits with the upper half not all ones.
      return (below(2) ? 0 : 0xfffffffe00000000ull) |
             kSpecialSingle[below(std::size(kSpecialSingle))];
  }
}

void Generator::initial_state(uint64_t data_addr, FuzzState& s) {
  for (unsigned r = 1; r < 32; ++r) s.x[r] = random_x();
  s.x[0] = 0;
  s.x[kBaseSp] = data_addr + kSpOffset;
  s.x[kBaseS0] = data_addr + kS0Offset;
  for (auto& f : s.f) f = random_f();
  s.fflags = below(4) == 0 ? static_cast<uint32_t>(below(32)) : 0;
  // frm 5 and 6 are reserved and 7 is invalid in frm: dynamic-rounding ops then trap.
  s.frm = below(16) == 0 ? static_cast<uint32_t>(5 + below(3)) : static_cast<uint32_t>(below(5));
  for (size_t i = 0; i < kPageSize; i += 8) {
    const uint64_t v = below(4) == 0 ? random_f() : rng_();
    std::memcpy(s.data + i, &v, 8);
  }
}

// An immediate that puts a size-byte access from base inside the page, usually aligned.
uint32_t Generator::memory_imm(unsigned base, unsigned size, bool may_misalign) {
  const uint64_t base_offset = base == kBaseSp ? kSpOffset : kS0Offset;
  for (;;) {
    uint64_t offset = below(kPageSize - size + 1);
    if (!may_misalign || below(8) != 0) offset &= ~uint64_t{size - 1};
    const int64_t imm = static_cast<int64_t>(offset) - static_cast<int64_t>(base_offset);
    if (imm >= -2048 && imm < 2048) return static_cast<uint32_t>(imm) & 0xfff;
  }
}

GenInsn Generator::gen_32() {
  for (;;) {
    const size_t base_count = std::size(kRv64gcEncodings);
    const size_t count = base_count + (extensions_ ? std::size(kExtensionEncodings) : 0);
    const size_t pick = below(count);
    const Encoding& e =
        pick < base_count ? kRv64gcEncodings[pick] : kExtensionEncodings[pick - base_count];
    const Kind kind = kind_of(e.name);
    if (kind == Kind::Excluded) continue;
    GenInsn g;
    g.name = e.name.data();
    g.shim = unicorn_shim_for(e.name);
    uint32_t w = (static_cast<uint32_t>(rng_()) & ~e.pattern.mask) | e.pattern.match;
    const unsigned base = below(2) ? kBaseSp : kBaseS0;
    auto set_field = [&](unsigned lo, unsigned len, uint32_t v) {
      const uint32_t m = ((1u << len) - 1) << lo;
      w = (w & ~m) | ((v << lo) & m);
    };
    // rd is bits 11:7 everywhere but in stores and branches (an immediate there).
    if (kind != Kind::Store && kind != Kind::Branch && !g.shim.rd_is_f)
      while (is_base((w >> 7) & 31)) set_field(7, 5, static_cast<uint32_t>(below(32)));
    if (g.shim.has_rm) {
      // The rounding mode: mostly valid, dynamic often, reserved 5/6 rarely (must trap).
      constexpr uint32_t kRm[] = {0, 1, 2, 3, 4, 7, 7, 7, 0, 7, 1, 2, 3, 4, 5, 6};
      set_field(12, 3, kRm[below(std::size(kRm))]);
    }
    switch (kind) {
      case Kind::Load:
        set_field(15, 5, base);
        set_field(20, 12, memory_imm(base, access_size(e.name), true));
        break;
      case Kind::Store: {
        set_field(15, 5, base);
        const uint32_t imm = memory_imm(base, access_size(e.name), true);
        set_field(7, 5, imm & 31);
        set_field(25, 7, imm >> 5);
        break;
      }
      case Kind::Amo:
      case Kind::CacheBlock:  // the 64-byte block around a base lies inside the page
        set_field(15, 5, base);
        break;
      case Kind::VectorMemory: {
        // Unit-stride only (strides and indices would reach anywhere): plain, whole-register,
        // mask or fault-only-first, at most 8 registers (128 bytes) from a base in the page.
        constexpr uint32_t kUnitStrideModes[] = {0, 8, 11, 16};
        set_field(15, 5, base);
        set_field(26, 2, 0);
        set_field(20, 5, kUnitStrideModes[below(4)]);
        break;
      }
      case Kind::Csr:
        set_field(20, 12, static_cast<uint32_t>(1 + below(3)));
        break;  // fflags/frm/fcsr
      case Kind::Fence:
        set_field(28, 4, 0);  // fm = 0: a plain fence
        set_field(15, 5, 0);
        set_field(7, 5, 0);
        break;
      case Kind::FenceI:  // imm, rs1 and rd are reserved: zero
        set_field(7, 5, 0);
        set_field(15, 5, 0);
        set_field(20, 12, 0);
        break;
      case Kind::Branch:
        g.branch = true;
        break;
      default:
        break;
    }
    // The vector formats' funct6 (and vs1 for the unary spaces) is random; a quarter of the
    // time it names one of the newer extensions' instructions instead, which a uniform draw
    // would reach rarely: Zvbb's vandn, vror (both .vi halves), vwsll; its VXUNARY0 unary
    // operations; Zvfhmin's two conversions.
    if (starts_with(e.name, "v_op") && below(4) == 0) {
      constexpr uint32_t kZvbbOpi[] = {001, 024, 025, 065};
      constexpr uint32_t kZvbbUnary[] = {8, 9, 10, 12, 13, 14};
      if (starts_with(e.name, "v_opi")) {
        set_field(26, 6, kZvbbOpi[below(std::size(kZvbbOpi))]);
      } else if (e.name == "v_opmvv") {
        set_field(26, 6, 022);
        set_field(15, 5, kZvbbUnary[below(std::size(kZvbbUnary))]);
      } else if (e.name == "v_opfvv") {
        set_field(26, 6, 022);
        set_field(15, 5, below(2) ? 12 : 20);
      }
    }
    g.word = w;
    g.length = 4;
    return g;
  }
}

GenInsn Generator::gen_16() {
  const size_t count = std::size(kRvcForms) + (extensions_ ? std::size(kZcbForms) : 0);
  const size_t pick = below(count);
  const RvcForm& form =
      pick < std::size(kRvcForms) ? kRvcForms[pick] : kZcbForms[pick - std::size(kRvcForms)];
  uint32_t h = (static_cast<uint32_t>(rng_()) & ~form.mask & 0xffff) | form.match;
  auto field = [&](unsigned lo, unsigned len) { return (h >> lo) & ((1u << len) - 1); };
  auto set_field = [&](unsigned lo, unsigned len, uint32_t v) {
    const uint32_t m = ((1u << len) - 1) << lo;
    h = (h & ~m) | ((v << lo) & m);
  };
  const unsigned fx = form.fixes;
  while (((fx & kRdNotBase) && is_base(field(7, 5))) || ((fx & kRdNotZero) && field(7, 5) == 0))
    set_field(7, 5, static_cast<uint32_t>(below(32)));
  if (fx & kRdLowNonzero)
    while (field(2, 3) == 0) set_field(2, 3, static_cast<uint32_t>(below(8)));
  if (fx & kRdHighNonzero)
    while (field(7, 3) == 0) set_field(7, 3, static_cast<uint32_t>(below(8)));
  // Unicorn executes the reserved CA encodings 100 1 11 xxx 1x xxx 01 (after c.subw/c.addw)
  // instead of raising illegal instruction as the C chapter and qemu-riscv64 7.2 do: not
  // generated, so that xisa's correct SIGILL is not reported against it.
  if (form.match == 0x8001 && (h & 0x1c40) == 0x1c40) h &= ~0x0040u;
  if (fx & kRs1HighIsS0) set_field(7, 3, 0);
  if (fx & kRs2Nonzero)
    while (field(2, 5) == 0) set_field(2, 5, static_cast<uint32_t>(below(32)));
  if (fx & kLuiNonzeroImm)
    while (field(12, 1) == 0 && field(2, 5) == 0) set_field(2, 5, static_cast<uint32_t>(below(32)));
  GenInsn g;
  g.name = form.name;
  g.word = h;
  g.length = 2;
  g.branch = g.compressed_branch = (fx & kCBranch) != 0;
  return g;
}

std::vector<GenInsn> Generator::sequence(size_t max_len) {
  const size_t n = 1 + below(max_len);
  std::vector<GenInsn> seq;
  for (size_t i = 0; i < n; ++i) seq.push_back(below(4) == 0 ? gen_16() : gen_32());
  for (size_t i = 0; i < n; ++i)
    if (seq[i].branch) seq[i].target = i + 1 + below(n - i);  // a later insn or the end
  // An SC of another width than its LR may succeed or fail (the reservation set only has to
  // cover the LR's bytes): Unicorn fails it, which is as right as succeeding. Branches may skip
  // an LR, so every LR and SC of a sequence gets the width of the first one.
  uint32_t width = 0;
  for (GenInsn& g : seq) {
    const std::string_view name = g.name;
    if (!starts_with(name, "lr_") && !starts_with(name, "sc_")) continue;
    if (width == 0) width = g.word & 0x7000;
    g.word = (g.word & ~0x7000u) | width;
    const bool lr = starts_with(name, "lr_"), d = width == 0x3000;
    g.name = lr ? (d ? "lr_d" : "lr_w") : (d ? "sc_d" : "sc_w");
  }
  return seq;
}

namespace {

uint32_t encode_b_offset(uint32_t w, int32_t off) {
  const uint32_t o = static_cast<uint32_t>(off);
  w &= 0x01fff07f;
  w |= ((o >> 12) & 1) << 31 | ((o >> 5) & 0x3f) << 25 | ((o >> 1) & 0xf) << 8 |
       ((o >> 11) & 1) << 7;
  return w;
}

uint32_t encode_cb_offset(uint32_t h, int32_t off) {
  const uint32_t o = static_cast<uint32_t>(off);
  h &= 0xe383;
  h |= ((o >> 8) & 1) << 12 | ((o >> 3) & 3) << 10 | ((o >> 6) & 3) << 5 | ((o >> 1) & 3) << 3 |
       ((o >> 5) & 1) << 2;
  return h;
}

}  // namespace

std::vector<uint32_t> layout(std::vector<GenInsn>& seq, size_t n) {
  std::vector<size_t> offset(n + 1, 0);
  for (size_t i = 0; i < n; ++i) offset[i + 1] = offset[i] + seq[i].length;
  std::vector<uint32_t> halves;
  for (size_t i = 0; i < n; ++i) {
    GenInsn& g = seq[i];
    if (g.branch) {
      const int32_t off = static_cast<int32_t>(offset[std::min(g.target, n)] - offset[i]);
      g.word = g.compressed_branch ? encode_cb_offset(g.word, off) : encode_b_offset(g.word, off);
    }
    halves.push_back(g.word & 0xffff);
    if (g.length == 4) halves.push_back(g.word >> 16);
  }
  return halves;
}

std::string describe(const std::vector<GenInsn>& seq, size_t n) {
  std::string out;
  size_t offset = 0;
  char line[160];
  for (size_t i = 0; i < n; ++i) {
    const GenInsn& g = seq[i];
    // What xisa's decoder makes of it, shown where it is not the generator's own name.
    const uint32_t word = g.length == 4 ? g.word : expand_rvc(static_cast<uint16_t>(g.word));
    const char* decoded = nullptr;
    if (word != 0) decode_rv64(word, &decoded);
    const std::string_view want = g.length == 4 ? std::string_view(g.name) : "";
    char note[64] = "";
    if (!decoded)
      std::snprintf(note, sizeof note, "   [xisa's decoder: no match]");
    else if (g.length == 2 || want != decoded)
      std::snprintf(note, sizeof note, "   [xisa decodes: %s]", decoded);
    std::snprintf(line, sizeof line,
                  g.length == 4 ? "  +%-3zu %08x  %s%s\n" : "  +%-3zu     %04x  %s%s\n", offset,
                  g.word, g.name, note);
    out += line;
    offset += g.length;
  }
  return out;
}

}  // namespace xisa::riscv64::fuzz
