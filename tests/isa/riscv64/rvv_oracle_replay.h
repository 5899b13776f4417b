// Replays V cases in the format of qemu_oracle/rvv_cases.inc (recorded from qemu by
// gen_rvv_oracle.py; rvv_vlen256_cases.inc the same at VLEN 256) and rvv_ext_cases.inc
// (computed from the spec by gen_rvv_ext_oracle.py): each case fills v0..v31 (at the process's
// VLEN), a 4 KiB buffer (followed by a PROT_NONE page) and x11/f11 from splitmix64 of its seed
// exactly as the generators did, runs `vsetvl x5, x13, x14` (the vtype from a register: the
// instruction runs on the helper path) or `vsetvli x5, x13, <vtype>` (known in the block: the
// IR path where it covers the instruction) and the instruction, and compares a hash of the
// registers and the buffer, vl, vtype, vstart, vxsat, fflags, x10 (f10 for FP cases) and
// whether the instruction was illegal.
#pragma once

#include <gtest/gtest.h>
#include <sys/mman.h>

#include <cstring>
#include <set>
#include <span>
#include <sstream>
#include <string>

#include "guest/riscv64/riscv64_vlen.h"
#include "rv64_harness.h"

namespace xisa::riscv64::testing {

struct VectorCase {
  uint32_t word;
  uint64_t vtype, avl, rs1, rs2, vxrm, frm, seed, memory;
  uint64_t hash, vl, vtype_after, status, x10;  // status: vstart | vxsat << 16 | fflags << 24
  int illegal;
  // memory: 0 registers as drawn, 1 a load/store (x11 into the buffer, small indices in
  // v16..v23), 2 FP (specials in 64-bit chunks), 3 thinned integers, 4 FP values in 32-bit lanes
};

namespace rvv_replay {

inline uint64_t splitmix(uint64_t& s) {
  uint64_t z = (s += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}
inline uint64_t fnv(uint64_t h, const uint8_t* p, size_t n) {
  for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

// memory 3: each 64-bit chunk shifted right, then left, by random amounts; one in eight zero
// (leading and trailing zero counts of every size).
inline void thin_integers(uint8_t* v, unsigned bytes, uint64_t& s) {
  for (unsigned i = 0; i < bytes; i += 8) {
    const uint64_t r = splitmix(s);
    uint64_t x;
    std::memcpy(&x, v + i, 8);
    x = (x >> (r & 63)) << ((r >> 6) & 63);
    if (((r >> 12) & 7) == 0) x = 0;
    std::memcpy(v + i, &x, 8);
  }
}

// memory 4: FP values of every class in the 32-bit lanes: singles in the half range, single
// and half specials, subnormal halves; half of the lanes stay random.
inline void fp_lanes(uint8_t* v, unsigned bytes, uint64_t& s) {
  static constexpr uint32_t kHalf[] = {0x0000, 0x8000, 0x7C00, 0xFC00, 0x7E00, 0x7D00,
                                       0x0001, 0x03FF, 0x0400, 0x7BFF, 0x3C00, 0xBC00,
                                       0xFE01, 0x8001, 0x3555, 0x7C01};
  static constexpr uint32_t kSingle[] = {0x00000000, 0x80000000, 0x7F800000, 0xFF800000,
                                         0x7FC00000, 0x7FA00000, 0x00000001, 0x477FE000,
                                         0x477FF000, 0x477FF001, 0x33800000, 0x33000000,
                                         0x33000001, 0x387FC000, 0x38800000, 0xB8801000};
  for (unsigned i = 0; i < bytes; i += 4) {
    const uint64_t r = splitmix(s);
    uint32_t x;
    switch (r & 7) {
      case 1:
        x = static_cast<uint32_t>(((r >> 3) & 1) << 31 | (101 + ((r >> 4) & 63) % 44) << 23 |
                                  ((r >> 10) & 0x7fffff));
        break;
      case 2:
        x = kSingle[(r >> 3) & 15];
        break;
      case 3:
        x = static_cast<uint32_t>(kHalf[(r >> 3) & 15] | ((r >> 7) & 0xffff) << 16);
        break;
      case 4:
        x = static_cast<uint32_t>(((r >> 3) & 0x83ff) | kHalf[(r >> 20) & 15] << 16);
        break;
      default:
        continue;
    }
    std::memcpy(v + i, &x, 4);
  }
}

constexpr uint32_t kVsetvlX5X13X14 =
    (0x40u << 25) | (14 << 20) | (13 << 15) | (7 << 12) | (5 << 7) | 0x57;

// A 4 KiB buffer with a PROT_NONE page after it, as in the recording program.
class GuardedBuffer {
 public:
  GuardedBuffer() {
    pages_ = static_cast<uint8_t*>(
        mmap(nullptr, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    mprotect(pages_ + 4096, 4096, PROT_NONE);
  }
  ~GuardedBuffer() { munmap(pages_, 8192); }
  GuardedBuffer(const GuardedBuffer&) = delete;
  GuardedBuffer& operator=(const GuardedBuffer&) = delete;
  uint8_t* data() { return pages_; }

 private:
  uint8_t* pages_;
};

// vsetvli x5, x13, vtype.
inline uint32_t vsetvli_x5_x13(uint64_t vtype) {
  return static_cast<uint32_t>(vtype << 20) | (13 << 15) | (7 << 12) | (5 << 7) | 0x57;
}

// vsetvli x5, x0, vtype: vl = VLMAX, known when the block is translated.
inline uint32_t vsetvli_x5_x0(uint64_t vtype) {
  return static_cast<uint32_t>(vtype << 20) | (7 << 12) | (5 << 7) | 0x57;
}

// VLMAX of a legal vtype at the process's VLEN, or 0 for a vtype with vill or reserved bits.
inline uint64_t vlmax_of(uint64_t vtype) {
  const uint64_t lmul = vtype & 7, sew = 8u << ((vtype >> 3) & 7);
  if (vtype >= 0x100 || lmul == 4 || sew > 64) return 0;
  const uint64_t per_register = vlen_bytes() * 8 / sew;
  return lmul < 4 ? per_register << lmul : per_register >> (8 - lmul);
}

// Register: vsetvl from registers, then the instruction on the helper path. Immediate: vsetvli,
// the instruction on the IR path where it covers it. VlmaxKnown: the cases whose AVL gives
// VLMAX, set by vsetvli x5, x0 so that the IR path knows vl (its FP arithmetic needs that),
// with fflags.NX preset. EntryState: vsetvl, then the instruction in a block of its own
// translated knowing the vtype (the IR path behind the entry guard).
enum class ConfigBy { Register, Immediate, VlmaxKnown, EntryState };

// Runs one case; returns an empty string when xisa agrees with the recording.
inline std::string replay(const VectorCase& c, GuardedBuffer& buffer, ConfigBy config) {
  Rv64Harness h;
  uint8_t* buf = buffer.data();
  uint64_t s = c.seed;
  uint8_t* v = h.state.v[0];
  const unsigned bytes = 32 * vlen_bytes();  // v0..v31 at the process's VLEN
  for (unsigned i = 0; i < bytes; i += 8) {
    const uint64_t x = splitmix(s);
    std::memcpy(v + i, &x, 8);
  }
  for (int i = 0; i < 4096; i += 8) {
    const uint64_t x = splitmix(s);
    std::memcpy(buf + i, &x, 8);
  }
  uint64_t x11 = splitmix(s);
  h.state.f[11] = splitmix(s);
  if (c.memory == 1 || c.memory == 2) {
    // The recording program computed 1u << (width - 4) for every case, FP ones (funct3 1)
    // included, where both RISC-V and x86 take the shift modulo 32 (eew 2^29: v16..v23 all
    // zero before the FP specials). Written out here, so that it is defined behaviour.
    const unsigned width = (c.word >> 12) & 7, eew = width == 0 ? 1 : 1u << ((width - 4) & 31);
    for (unsigned i = 16 * vlen_bytes(); i < 24 * vlen_bytes(); ++i)
      v[i] = static_cast<uint8_t>(i % eew == 0 ? v[i] & 0x78 : 0);
    x11 = reinterpret_cast<uint64_t>(buf) + c.rs1;
  } else {
    x11 = c.rs1;
  }
  if (c.memory == 3) thin_integers(v, bytes, s);
  if (c.memory == 4) fp_lanes(v, bytes, s);
  if (c.memory == 2) {  // FP: special values in a quarter of the elements, f11 boxed or not
    static constexpr uint64_t kSpecial[] = {0,
                                            0x8000000000000000ull,
                                            0x7ff0000000000000ull,
                                            0xfff0000000000000ull,
                                            0x7ff8000000000000ull,
                                            0x7ff4000000000000ull,
                                            1,
                                            0x000fffffffffffffull,
                                            0x3ff0000000000000ull,
                                            0x7fefffffffffffffull,
                                            0x7f8000007f800000ull,
                                            0x7fc00000ffc00000ull,
                                            0x7fa0000000000001ull,
                                            0x0000000180000001ull,
                                            0x3f8000003f800000ull,
                                            0x7f7fffff00800000ull};
    for (unsigned i = 0; i < bytes; i += 8) {
      const uint64_t r = splitmix(s);
      if ((r & 3) == 0) std::memcpy(v + i, &kSpecial[(r >> 2) & 15], 8);
    }
    if (c.rs1) h.state.f[11] |= 0xffffffff00000000ull;
    x11 = 0;
  }
  h.state.x[11] = x11;
  h.state.x[12] = c.rs2;
  h.state.x[13] = c.avl;
  h.state.x[14] = c.vtype;
  h.state.vxrm = static_cast<uint32_t>(c.vxrm);
  h.state.frm = static_cast<uint32_t>(c.frm);
  // With NX already raised (sticky: the recorded flags | NX are expected), FP arithmetic can
  // take the guarded fast path.
  const uint64_t preset_nx = config == ConfigBy::VlmaxKnown ? 1 : 0;
  h.state.fflags = static_cast<uint32_t>(preset_nx);
  const uint32_t setting = config == ConfigBy::Immediate    ? vsetvli_x5_x13(c.vtype)
                           : config == ConfigBy::VlmaxKnown ? vsetvli_x5_x0(c.vtype)
                                                            : kVsetvlX5X13X14;
  interp::BlockExit exit;
  if (config == ConfigBy::EntryState) {
    h.run({kVsetvlX5X13X14});
    h.translate_with_entry_state = true;
    exit = h.run({c.word});
    exit.pc += 4;  // as if the two had run in one sequence
  } else {
    exit = h.run({setting, c.word});
  }
  const int illegal = exit.kind == interp::ExitKind::Trap &&
                      exit.trap == ir::TrapKind::IllegalInstruction && exit.pc == h.code_addr() + 4;
  if (!illegal && exit.pc != h.code_addr() + 8) return "did not run to the end";
  const uint64_t hash = fnv(fnv(0xcbf29ce484222325ull, v, bytes), buf, 4096);
  const uint64_t status =
      h.state.vstart | uint64_t{h.state.vxsat} << 16 | uint64_t{h.state.fflags} << 24;
  std::string diff;
  auto check = [&](const char* what, uint64_t expected, uint64_t xisa) {
    if (expected == xisa) return;
    std::ostringstream o;
    o << " " << what << ": expected 0x" << std::hex << expected << ", xisa 0x" << xisa << ";";
    diff += o.str();
  };
  check("illegal", static_cast<uint64_t>(c.illegal), static_cast<uint64_t>(illegal));
  check("registers and memory", c.hash, hash);
  check("vl", c.vl, h.state.vl);
  check("vtype", c.vtype_after, h.state.vtype);
  check("vstart|vxsat|fflags", c.status | preset_nx << 24, status);
  check(c.memory == 2 ? "f10" : "x10", c.x10, c.memory == 2 ? h.state.f[10] : h.state.x[10]);
  return diff;
}

// Replays every case under one configuration (VlmaxKnown: those it applies to); a failure names
// up to 60 instruction words. Returns the number of cases replayed.
inline unsigned check_cases(std::span<const VectorCase> cases, ConfigBy config) {
  GuardedBuffer buffer;
  unsigned mismatches = 0, replayed = 0;
  std::set<uint32_t> failing_words;
  for (const VectorCase& c : cases) {
    // vsetvli holds an 11-bit vtype: reserved-bit cases stay with vsetvl.
    if (config == ConfigBy::Immediate && c.vtype >= 0x800) continue;
    if (config == ConfigBy::VlmaxKnown && (vlmax_of(c.vtype) == 0 || c.avl < vlmax_of(c.vtype)))
      continue;
    ++replayed;
    const std::string diff = replay(c, buffer, config);
    if (diff.empty()) continue;
    ++mismatches;
    if (failing_words.insert(c.word).second && failing_words.size() <= 60)
      ADD_FAILURE() << std::hex << "word 0x" << c.word << " vtype 0x" << c.vtype << std::dec
                    << " avl " << c.avl << " rs1 0x" << std::hex << c.rs1 << ":" << diff;
  }
  EXPECT_EQ(mismatches, 0u) << "of " << cases.size() << " cases, " << failing_words.size()
                            << " instruction words";
  return replayed;
}

}  // namespace rvv_replay
}  // namespace xisa::riscv64::testing
