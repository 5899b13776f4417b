// System instructions at EL0, Arm ARM C4.1.87 / C5: hints, barriers, CLREX, DC ZVA and the
// cache maintenance EL0 may use, MRS/MSR of the registers Linux gives user space (NZCV, FPCR,
// FPSR, TPIDR_EL0, CTR_EL0, DCZID_EL0, the generic timer, RNDR/RNDRRS, and the ID registers it
// emulates), and the flag conversions CFINV/XAFLAG/AXFLAG.
#include <sys/random.h>
#include <time.h>

#include "frontend/aarch64/lifter.h"
#include "frontend/common/fp_fast_path.h"
#include "guest/aarch64/aarch64_features.h"
#include "ir/helpers.h"

namespace xisa::aarch64 {

namespace {

// Sysreg key as the MRS/MSR encoding spells it: op0:op1:CRn:CRm:op2.
constexpr uint32_t sysreg(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2) {
  return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}
constexpr uint32_t kNzcv = sysreg(3, 3, 4, 2, 0);
constexpr uint32_t kFpcr = sysreg(3, 3, 4, 4, 0);
constexpr uint32_t kFpsr = sysreg(3, 3, 4, 4, 1);
constexpr uint32_t kTpidrEl0 = sysreg(3, 3, 13, 0, 2);
constexpr uint32_t kTpidrroEl0 = sysreg(3, 3, 13, 0, 3);
constexpr uint32_t kCtrEl0 = sysreg(3, 3, 0, 0, 1);
constexpr uint32_t kDczidEl0 = sysreg(3, 3, 0, 0, 7);
constexpr uint32_t kCntfrqEl0 = sysreg(3, 3, 14, 0, 0);
constexpr uint32_t kCntvctEl0 = sysreg(3, 3, 14, 0, 2);
constexpr uint32_t kCntpctEl0 = sysreg(3, 3, 14, 0, 1);
constexpr uint32_t kMidrEl1 = sysreg(3, 0, 0, 0, 0);
constexpr uint32_t kMpidrEl1 = sysreg(3, 0, 0, 0, 5);
constexpr uint32_t kRevidrEl1 = sysreg(3, 0, 0, 0, 6);
constexpr uint32_t kRndr = sysreg(3, 3, 2, 4, 0);
constexpr uint32_t kRndrrs = sysreg(3, 3, 2, 4, 1);

// CTR_EL0: 64-byte I and D cache lines (IminLine = DminLine = 4), CWG = ERG = 4, L1Ip = PIPT.
constexpr uint64_t kCtrValue = 0x8444c004;
// DCZID_EL0: DC ZVA allowed, block of 2^4 words = 64 bytes.
constexpr uint64_t kDczBlockBytes = 64;
constexpr uint64_t kDczidValue = 4;
// The virtual counter ticks in nanoseconds of CLOCK_MONOTONIC.
constexpr uint64_t kCounterHz = 1000000000;
// FPCR bits that exist in ARMv8.0 without trap support: AHP, DN, FZ, RMode, FZ16.
constexpr uint32_t kFpcrMask = 0x07f80000;
constexpr uint32_t kFpsrMask = 0xf800009f;

uint64_t read_counter(void*, uint64_t, uint64_t, uint64_t) {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * kCounterHz + static_cast<uint64_t>(ts.tv_nsec);
}
constexpr ir::HelperInfo kReadCounter{"a64_read_cntvct", &read_counter};

// RNDR, RNDRRS (FEAT_RNG): 64 random bits from the host's getrandom and NZCV = 0000, or zero
// and NZCV = 0100 when none could be had (as the architecture reports a failed read).
uint64_t read_random(void* state, uint64_t, uint64_t, uint64_t) {
  auto& st = *static_cast<Aarch64State*>(state);
  uint64_t value = 0;
  const bool ok = getrandom(&value, sizeof value, GRND_NONBLOCK) == sizeof value;
  st.nf = st.cf = st.vf = 0;
  st.zf = ok ? 0 : 1;
  return ok ? value : 0;
}
constexpr ir::HelperInfo kReadRandom{"a64_rndr", &read_random};

// The value Linux's MRS emulation gives EL0 for the ID registers (sanitised: only what the
// guest really has, from guest/aarch64/aarch64_features.cpp).
std::optional<uint64_t> id_register(uint32_t key) {
  if (key == kMidrEl1 || key == kRevidrEl1) return 0;
  if (key == kMpidrEl1) return uint64_t{1} << 31;
  // op0=3, op1=0, CRn=0, CRm=1..7: the feature ID space; unlisted ones read as zero.
  if ((key & ~uint32_t{0x3f}) == sysreg(3, 0, 0, 0, 0) && (key >> 3 & 7) >= 1) {
    switch (key) {
      case sysreg(3, 0, 0, 4, 0):
        return aarch64::id_register(IdRegister::Pfr0);
      case sysreg(3, 0, 0, 4, 1):
        return aarch64::id_register(IdRegister::Pfr1);
      case sysreg(3, 0, 0, 6, 0):
        return aarch64::id_register(IdRegister::Isar0);
      case sysreg(3, 0, 0, 6, 1):
        return aarch64::id_register(IdRegister::Isar1);
      case sysreg(3, 0, 0, 6, 2):
        return aarch64::id_register(IdRegister::Isar2);
      default:
        return 0;
    }
  }
  return std::nullopt;
}

uint32_t sysreg_key(uint32_t insn) {
  return sysreg(2 + bits(insn, 19, 1), bits(insn, 16, 3), bits(insn, 12, 4), bits(insn, 8, 4),
                bits(insn, 5, 3));
}

}  // namespace

// NOP, YIELD, WFE, WFI, SEV, SEVL, and the PAC/BTI hints, which are NOPs without those features.
bool lift_HINT(Lifter&, uint32_t) {
  return true;
}

// CLREX, DSB, DMB, ISB, SB.
bool lift_BARRIER(Lifter& l, uint32_t insn) {
  switch (bits(insn, 5, 3)) {
    case 2:
      l.b.set_reg(kOffExclAddr, l.b.imm64(kNoExclusive));
      return true;
    case 4:
    case 5:
      l.b.fence(ir::FenceKind::Full);
      return true;
    case 6:
      return true;  // ISB: the next block is fetched afresh anyway
    case 7:
      return bits(insn, 8, 4) == 0;  // SB (FEAT_SB): a speculation barrier, nothing to do here
    default:
      return false;
  }
}

// MSR (immediate) at EL0: CFINV (FEAT_FlagM), XAFLAG and AXFLAG (FEAT_FlagM2), which convert
// between the Arm and an "external" floating-point comparison flag format.
bool lift_MSR_imm(Lifter& l, uint32_t insn) {
  const unsigned op1 = bits(insn, 16, 3), crm = bits(insn, 8, 4), op2 = bits(insn, 5, 3);
  if (op1 != 0 || crm != 0 || op2 > 2) return false;
  ir::Builder& b = l.b;
  const Value n = b.get_reg(Type::I8, kOffN), z = b.get_reg(Type::I8, kOffZ),
              c = b.get_reg(Type::I8, kOffC), v = b.get_reg(Type::I8, kOffV);
  const Value one = b.imm8(1), zero = b.imm8(0);
  auto not_ = [&](Value x) { return b.xor_(x, one); };
  switch (op2) {
    case 0:  // CFINV
      l.set_nzcv(n, z, not_(c), v);
      break;
    case 1:  // XAFLAG
      l.set_nzcv(b.and_(not_(c), not_(z)), b.and_(z, c), b.or_(c, z), b.and_(not_(c), z));
      break;
    default:  // AXFLAG
      l.set_nzcv(zero, b.or_(z, v), b.and_(c, not_(v)), zero);
      break;
  }
  return true;
}

// DC ZVA zeroes a 64-byte block; DC CVAU/CVAC/CVAP/CIVAC are allowed at EL0 and have no effect
// on a coherent host. IC IVAU is an instruction fence: translations of changed code go stale, and
// the block ends so that the next one is translated afresh.
bool lift_SYS(Lifter& l, uint32_t insn) {
  const unsigned op1 = bits(insn, 16, 3), crn = bits(insn, 12, 4), crm = bits(insn, 8, 4),
                 op2 = bits(insn, 5, 3);
  if (op1 != 3 || crn != 7 || op2 != 1) return false;
  if (crm == 4) {
    ir::Builder& b = l.b;
    const Value base = b.and_(l.x(rt(insn)), b.imm64(~(kDczBlockBytes - 1)));
    const Value zero = b.vconst(0, 0);
    for (uint64_t off = 0; off < kDczBlockBytes; off += 16)
      b.store(b.add(base, b.imm64(off)), zero);
    return true;
  }
  if (crm == 5) {  // IC IVAU
    l.b.fence(ir::FenceKind::Instruction);
    l.b.jump(l.next_pc());
    return true;
  }
  return crm == 10 || crm == 11 || crm == 12 || crm == 14;
}

bool lift_MRS(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const uint32_t key = sysreg_key(insn);
  Value r;
  switch (key) {
    case kNzcv: {
      auto flag = [&](uint32_t off, unsigned bit) {
        return b.shl(b.zext(Type::I64, b.get_reg(Type::I8, off)), b.imm64(bit));
      };
      r = b.or_(b.or_(flag(kOffN, 31), flag(kOffZ, 30)), b.or_(flag(kOffC, 29), flag(kOffV, 28)));
      break;
    }
    case kFpcr:
      r = b.zext(Type::I64, b.get_reg(Type::I32, kOffFpcr));
      break;
    case kFpsr:
      frontend::accrue_pending_fp_exceptions(b, kFpStatus, frontend::FpFlagsAccess::Read);
      r = b.zext(Type::I64, b.get_reg(Type::I32, kOffFpsr));
      break;
    case kTpidrEl0:
      r = b.get_reg(Type::I64, kOffTpidr);
      break;
    case kTpidrroEl0:
      r = b.imm64(0);
      break;
    case kCtrEl0:
      r = b.imm64(kCtrValue);
      break;
    case kDczidEl0:
      r = b.imm64(kDczidValue);
      break;
    case kCntfrqEl0:
      r = b.imm64(kCounterHz);
      break;
    case kCntvctEl0:
    case kCntpctEl0:
      r = b.call(kReadCounter, {});
      break;
    case kRndr:
    case kRndrrs:
      r = b.call(kReadRandom, {});
      l.last_compare_ = {};  // the helper wrote NZCV
      break;
    default: {
      const auto id = id_register(key);
      if (!id) return false;
      r = b.imm64(*id);
    }
  }
  l.set_x(rt(insn), r);
  return true;
}

bool lift_MSR_reg(Lifter& l, uint32_t insn) {
  ir::Builder& b = l.b;
  const Value v = l.x(rt(insn));
  switch (sysreg_key(insn)) {
    case kNzcv: {
      auto flag = [&](unsigned bit) {
        return b.trunc(Type::I8, b.and_(b.shr(v, b.imm64(bit)), b.imm64(1)));
      };
      l.set_nzcv(flag(31), flag(30), flag(29), flag(28));
      return true;
    }
    case kFpcr:
      b.set_reg(kOffFpcr, b.trunc(Type::I32, b.and_(v, b.imm64(kFpcrMask))));
      return true;
    case kFpsr:  // pending exceptions belong to the flags this replaces
      frontend::accrue_pending_fp_exceptions(b, kFpStatus);
      b.set_reg(kOffFpsr, b.trunc(Type::I32, b.and_(v, b.imm64(kFpsrMask))));
      return true;
    case kTpidrEl0:
      b.set_reg(kOffTpidr, v);
      return true;
    default:
      return false;
  }
}

}  // namespace xisa::aarch64
