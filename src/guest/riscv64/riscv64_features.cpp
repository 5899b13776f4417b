#include "guest/riscv64/riscv64_features.h"

#include <string_view>

#include "frontend/riscv64/riscv64_frontend.h"
#include "guest/riscv64/riscv64_vlen.h"

namespace xisa::riscv64 {

namespace {

// A multi-letter extension xisa implements, and its RISCV_HWPROBE_KEY_IMA_EXT_0 bit (none: 0).
struct Extension {
  std::string_view name;
  uint64_t hwprobe_bit;
};

constexpr uint64_t bit(unsigned n) {
  return uint64_t{1} << n;
}

constexpr Extension kExtensions[] = {
    {"zicbom", bit(55)},       // cbo.clean/flush/inval (translate_zicbo.cpp)
    {"zicbop", 0},             // prefetch.* are ORI hints
    {"zicboz", bit(6)},        // cbo.zero
    {"zicntr", bit(50)},       // rdcycle, rdtime, rdinstret (translate_zicsr.cpp)
    {"zicond", bit(35)},       //
    {"zicsr", 0},              //
    {"zifencei", 0},           //
    {"zihintntl", bit(29)},    // ntl.* are ADD hints
    {"zihintpause", bit(36)},  // pause is a FENCE hint
    {"zimop", bit(42)},        //
    {"zmmul", 0},              // part of M
    {"zaamo", bit(56)},        // A = Zaamo + Zalrsc
    {"zalrsc", bit(57)},       //
    {"zawrs", bit(48)},        // wrs.nto/wrs.sto yield the host thread (translate_zawrs.cpp)
    {"zfa", bit(32)},          // translate_zfa.cpp
    {"zfh", bit(27)},          // half precision: fp_half_fenv.cpp
    {"zfhmin", bit(28)},       //
    {"zca", bit(43)},          // C = Zca + Zcd on RV64 with D
    {"zcb", bit(44)},          // expanded in translate_rvc.cpp
    {"zcd", bit(45)},          //
    {"zcmop", bit(47)},        //
    {"zba", bit(3)},           //
    {"zbb", bit(4)},           //
    {"zbc", bit(7)},           //
    {"zbkb", bit(8)},          // translate_zbk.cpp, with Zbb's rotations and rev8
    {"zbkc", bit(9)},          // Zbc's clmul and clmulh
    {"zbkx", bit(10)},         //
    {"zbs", bit(5)},           //
    {"zknd", bit(11)},         // AES through frontend/common/aes_round (translate_zkn.cpp)
    {"zkne", bit(12)},         //
    {"zknh", bit(13)},         //
    {"zvbb", bit(17)},         // vector/vector_zvbb.cpp, with kOpi's vandn/vrol/vror/vwsll
    {"zve32f", bit(38)},       // V (frontend/riscv64/vector/) includes every Zve*
    {"zve32x", bit(37)},       //
    {"zve64d", bit(41)},       //
    {"zve64f", bit(40)},       //
    {"zve64x", bit(39)},       //
    {"zvfhmin", bit(31)},      // vfwcvt.f.f.v, vfncvt.f.f.w at SEW 16 (vector_opf.cpp)
    {"zvkb", bit(19)},         // the part of Zvbb that Zvk* needs
    {"zvkt", bit(26)},         // data-independent timing: see docs/capability-matrix.md
    {"zvl128b", 0},            // VLEN 128 or more
    {"zvl256b", 0},            // only with --rvv-vlen 256
    {"zvl32b", 0},             //
    {"zvl64b", 0},             //
    // Not Zkt: the AES helper looks its S-boxes up in tables, whose timing depends on the data.
};

// Letters in the ISA manual's canonical order, and Linux's COMPAT_HWCAP_ISA_* bits.
constexpr std::string_view kLetterOrder = "imafdqcbkjtpvh";

enum : int64_t {
  kKeyMvendorid = 0,
  kKeyMarchid = 1,
  kKeyMimpid = 2,
  kKeyBaseBehavior = 3,
  kKeyImaExt0 = 4,
  kKeyCpuPerf0 = 5,
  kKeyZicbozBlockSize = 6,
  kKeyHighestVirtAddress = 7,
  kKeyTimeCsrFreq = 8,
  kKeyZicbomBlockSize = 12,
};
constexpr uint64_t kBaseBehaviorIma = 1;
constexpr uint64_t kImaFd = bit(0), kImaC = bit(1), kImaV = bit(2);

uint64_t ima_ext_0() {
  uint64_t v = kImaFd | kImaC | kImaV;
  for (const Extension& e : kExtensions) v |= e.hwprobe_bit;
  return v;
}

}  // namespace

std::string isa_string(uint64_t hwcap) {
  std::string isa = "rv64";
  for (const char c : kLetterOrder)
    if (hwcap & (uint64_t{1} << (c - 'a'))) isa += c;
  for (const Extension& e : kExtensions) {
    if (e.name == "zvl256b" && vlen_bytes() < 32) continue;
    isa += '_';
    isa += e.name;
  }
  return isa;
}

std::optional<uint64_t> hwprobe(int64_t key) {
  switch (key) {
    case kKeyMvendorid:  // no vendor, architecture or implementation id
    case kKeyMarchid:
    case kKeyMimpid:
    case kKeyCpuPerf0:  // misaligned access speed: unknown
      return 0;
    case kKeyBaseBehavior:
      return kBaseBehaviorIma;
    case kKeyImaExt0:
      return ima_ext_0();
    case kKeyZicbozBlockSize:
    case kKeyZicbomBlockSize:
      return kCacheBlockBytes;
    case kKeyHighestVirtAddress:
      return (uint64_t{1} << 47) - 1;
    case kKeyTimeCsrFreq:
      return kTimeFrequencyHz;
    default:
      return std::nullopt;
  }
}

}  // namespace xisa::riscv64
