#include "guest/aarch64/aarch64_features.h"

#include <string_view>

namespace xisa::aarch64 {

namespace {

// A feature xisa implements: its AT_HWCAP (word 1) or AT_HWCAP2 (word 2) bit, its cpuinfo name
// (arch/arm64/kernel/cpuinfo.c), and the ID register field value that announces it (the
// fields of several features that share one field combine by maximum).
struct Feature {
  std::string_view name;
  unsigned word, bit;
  IdRegister reg;
  unsigned shift, value;
};

constexpr Feature kFeatures[] = {
    {"fp", 1, 0, IdRegister::Pfr0, 16, 0},        // FP: 0 = implemented
    {"asimd", 1, 1, IdRegister::Pfr0, 20, 0},     // AdvSIMD: likewise
    {"fphp", 1, 9, IdRegister::Pfr0, 16, 1},      // FP: 1 = with half precision (translate_fp.cpp)
    {"asimdhp", 1, 10, IdRegister::Pfr0, 20, 1},  // AdvSIMD likewise (translate_simd_fp.cpp)
    {"aes", 1, 3, IdRegister::Isar0, 4, 1},       // translate_crypto.cpp
    {"pmull", 1, 4, IdRegister::Isar0, 4, 2},     // translate_simd_int.cpp (PMULL .1Q)
    {"sha1", 1, 5, IdRegister::Isar0, 8, 1},      // translate_crypto.cpp
    {"sha2", 1, 6, IdRegister::Isar0, 12, 1},     //
    {"crc32", 1, 7, IdRegister::Isar0, 16, 1},    // translate_data_processing_reg.cpp
    {"atomics", 1, 8, IdRegister::Isar0, 20, 2},  // translate_atomic.cpp (FEAT_LSE)
    {"cpuid", 1, 11, IdRegister::Count, 0, 0},    // MRS of the ID registers (translate_system.cpp)
    {"asimdrdm", 1, 12, IdRegister::Isar0, 28, 1},  // translate_simd_three_extra.cpp
    {"jscvt", 1, 13, IdRegister::Isar1, 12, 1},     // translate_fp.cpp (FJCVTZS)
    {"fcma", 1, 14, IdRegister::Isar1, 16, 1},      // translate_simd_complex.cpp
    {"lrcpc", 1, 15, IdRegister::Isar1, 20, 1},     // translate_atomic.cpp (LDAPR)
    {"dcpop", 1, 16, IdRegister::Isar1, 0, 1},      // translate_system.cpp (DC CVAP)
    {"sha3", 1, 17, IdRegister::Isar0, 32, 1},      // translate_crypto.cpp (EOR3 ... XAR)
    {"sm3", 1, 18, IdRegister::Isar0, 36, 1},       // translate_crypto_sm.cpp
    {"sm4", 1, 19, IdRegister::Isar0, 40, 1},       //
    {"asimddp", 1, 20, IdRegister::Isar0, 44, 1},   // translate_simd_three_extra.cpp
    {"sha512", 1, 21, IdRegister::Isar0, 12, 2},    // translate_crypto.cpp
    {"asimdfhm", 1, 23, IdRegister::Isar0, 48, 1},  // FMLAL/FMLSL (translate_simd_fhm.cpp)
    {"ilrcpc", 1, 26, IdRegister::Isar1, 20, 2},    // translate_load_store.cpp (LDAPUR, STLUR)
    {"flagm", 1, 27, IdRegister::Isar0, 52, 1},     // CFINV, RMIF, SETF8/16
    {"sb", 1, 29, IdRegister::Isar1, 36, 1},        // translate_system.cpp (SB)
    {"flagm2", 2, 7, IdRegister::Isar0, 52, 2},     // XAFLAG, AXFLAG
    {"frint", 2, 8, IdRegister::Isar1, 32, 1},      // FRINT32Z ... FRINT64X
    {"i8mm", 2, 13, IdRegister::Isar1, 52, 1},  // SMMLA ... SUDOT (translate_simd_three_extra.cpp)
    {"bf16", 2, 14, IdRegister::Isar1, 44, 1},  // BFCVT ... BFMLALT (translate_simd_bf16.cpp)
    {"rng", 2, 16, IdRegister::Isar0, 60, 1},   // MRS RNDR, RNDRRS
};

uint64_t hwcap_word(unsigned word) {
  uint64_t v = 0;
  for (const Feature& f : kFeatures)
    if (f.word == word) v |= uint64_t{1} << f.bit;
  return v;
}

}  // namespace

uint64_t hwcap() {
  return hwcap_word(1);
}

uint64_t hwcap2() {
  return hwcap_word(2);
}

std::string cpuinfo_features() {
  std::string out;
  for (unsigned word = 1; word <= 2; ++word)
    for (unsigned bit = 0; bit < 64; ++bit)
      for (const Feature& f : kFeatures) {
        if (f.word != word || f.bit != bit) continue;
        if (!out.empty()) out += ' ';
        out += f.name;
      }
  return out;
}

uint64_t id_register(IdRegister reg) {
  // ID_AA64PFR0_EL1.EL0 and .EL1: AArch64 only; every other register starts at zero.
  uint64_t v = reg == IdRegister::Pfr0 ? 0x11 : 0;
  for (const Feature& f : kFeatures) {
    if (f.reg != reg) continue;
    const uint64_t field = (v >> f.shift) & 0xf;
    if (f.value > field) v = (v & ~(uint64_t{0xf} << f.shift)) | uint64_t{f.value} << f.shift;
  }
  return v;
}

}  // namespace xisa::aarch64
