// The x87 helper: register stack, tags, status and control words, and each operation.
#include "frontend/x86_64/x87_helpers.h"

#include <cfenv>
#include <cmath>
#include <cstring>
#include <limits>

#include "frontend/x86_64/flags_formulas.h"
#include "frontend/x86_64/x87_host.h"
#include "frontend/x86_64/x87_memory.h"
#include "frontend/x86_64/x87_soft.h"
#include "guest/x86_64/x86_64_state.h"
#include "guest/x86_64/xsave_area.h"

namespace xisa::x86_64 {

namespace {

using x87::arith;
using x87::constant;
using x87::from80;
using x87::from_soft;
using x87::HostFpu;
using x87::indefinite;
using x87::kIE, x87::kZE, x87::kPE, x87::kSF, x87::kES, x87::kC0, x87::kC1, x87::kC2, x87::kC3,
    x87::kBusy, x87::kConditionBits;
using x87::kSoftX87;
using x87::LD;
using x87::load_f80;
using x87::load_mem;
using x87::narrow_to_double;
using x87::narrow_to_float;
using x87::partial_remainder;
using x87::store_f80;
using x87::store_mem;
using x87::to80;
using x87::to_soft;

class Fpu {
 public:
  explicit Fpu(X86_64State& s) : s_(s) {}

  unsigned phys(unsigned i) const { return (s_.ftop + i) & 7; }
  bool empty(unsigned i) const { return ((s_.ftw >> phys(i)) & 1) == 0; }
  LD get(unsigned i) { return from80(get_raw(i)); }
  Float80 get_raw(unsigned i) {
    if (empty(i)) {
      s_.fsw = static_cast<uint16_t>((s_.fsw & ~kC1) | kIE | kSF);
      return indefinite();
    }
    return s_.st_regs[phys(i)];
  }
  void set(unsigned i, LD v) { set_raw(i, to80(v)); }
  void set_raw(unsigned i, const Float80& f) {
    s_.st_regs[phys(i)] = f;
    s_.ftw = static_cast<uint8_t>(s_.ftw | (1u << phys(i)));
  }
  void push(LD v) { push_raw(to80(v)); }
  void push_raw(Float80 f) {
    if (!empty(7)) {  // stack overflow
      s_.fsw |= kIE | kSF | kC1;
      f = indefinite();
    }
    s_.ftop = static_cast<uint8_t>((s_.ftop - 1) & 7);
    set_raw(0, f);
  }
  void pop() {
    s_.ftw = static_cast<uint8_t>(s_.ftw & ~(1u << phys(0)));
    s_.ftop = static_cast<uint8_t>((s_.ftop + 1) & 7);
  }
  void condition(uint16_t bits) {
    s_.fsw = static_cast<uint16_t>((s_.fsw & ~kConditionBits) | bits);
  }
  uint16_t status() const {
    uint16_t sw = static_cast<uint16_t>((s_.fsw & ~(7u << 11)) | (s_.ftop << 11));
    if (sw & 0x3f & ~s_.fcw) sw |= kES | kBusy;
    return sw;
  }
  // The full two-bit tag of physical register p, as FNSTENV stores it.
  unsigned full_tag(unsigned p) const {
    if (((s_.ftw >> p) & 1) == 0) return 3;
    const Float80& f = s_.st_regs[p];
    const unsigned exp = f.sign_exponent & 0x7fff;
    if (exp == 0 && f.mantissa == 0) return 1;
    if (exp == 0x7fff || exp == 0 || (f.mantissa >> 63) == 0) return 2;
    return 0;
  }
  X86_64State& s() { return s_; }

 private:
  X86_64State& s_;
};

LD read_operand(Fpu& f, X87Form form, unsigned src, uint64_t addr) {
  switch (form) {
    case X87Form::F32:
      return load_mem<float>(addr);
    case X87Form::F64:
      return load_mem<double>(addr);
    case X87Form::F80:
      return from80(load_f80(addr));
    case X87Form::I16:
      return load_mem<int16_t>(addr);
    case X87Form::I32:
      return load_mem<int32_t>(addr);
    case X87Form::I64:
      return static_cast<LD>(load_mem<int64_t>(addr));
    default:
      return f.get(src);
  }
}

// Returns the exceptions raised (the host's for rounding, IE for an out-of-range value).
template <typename I>
uint16_t store_int(uint64_t addr, LD v, bool truncate) {
  const LD limit = std::ldexp(LD{1}, std::numeric_limits<I>::digits);
  const LD r = truncate ? std::trunc(v) : std::rint(v);  // rint raises inexact itself
  if (std::isnan(v) || r >= limit || r < -limit) {
    store_mem<I>(addr, std::numeric_limits<I>::min());
    return kIE;
  }
  store_mem<I>(addr, static_cast<I>(r));
  return static_cast<uint16_t>((HostFpu::status() & kPE) | (truncate && r != v ? kPE : 0));
}

// C3 C2 C0 for a comparison; RFLAGS ZF PF CF for the FCOMI forms.
uint64_t report_order(Fpu& f, softfp::Ordering order, bool to_flags) {
  uint16_t cc = 0;
  uint64_t flags = 0;
  if (order == softfp::Ordering::Unordered) {
    cc = kC3 | kC2 | kC0;
    flags = (1u << kZF) | (1u << kPF) | (1u << kCF);
  } else if (order == softfp::Ordering::Less) {
    cc = kC0;
    flags = 1u << kCF;
  } else if (order == softfp::Ordering::Equal) {
    cc = kC3;
    flags = 1u << kZF;
  }
  if (to_flags) {
    f.s().fsw &= static_cast<uint16_t>(~kC1);
    return flags;
  }
  f.condition(cc);
  return 0;
}

uint64_t compare(Fpu& f, LD a, LD b, bool unordered_quiet, bool to_flags) {
  const bool unordered = std::isnan(a) || std::isnan(b);
  if (unordered && !unordered_quiet) f.s().fsw |= kIE;
  using softfp::Ordering;
  const Ordering order = unordered ? Ordering::Unordered
                         : a < b   ? Ordering::Less
                         : a == b  ? Ordering::Equal
                                   : Ordering::Greater;
  return report_order(f, order, to_flags);
}

// The software path (x87_soft.h): the raw registers, exact 80-bit results and flags.
uint64_t compare_soft(Fpu& f, Float80 a, Float80 b, bool quiet, bool to_flags) {
  uint16_t st = 0;
  const softfp::Ordering order = x87::soft_compare(a, b, quiet, st);
  f.s().fsw |= st;
  return report_order(f, order, to_flags);
}

void examine(Fpu& f) {
  const uint16_t sign = (f.s().st_regs[f.phys(0)].sign_exponent & 0x8000) ? kC1 : 0;
  if (f.empty(0)) return f.condition(kC3 | kC0 | sign);
  const LD v = from80(f.s().st_regs[f.phys(0)]);
  switch (std::fpclassify(v)) {
    case FP_NAN:
      return f.condition(kC0 | sign);
    case FP_INFINITE:
      return f.condition(kC2 | kC0 | sign);
    case FP_ZERO:
      return f.condition(kC3 | sign);
    case FP_SUBNORMAL:
      return f.condition(kC3 | kC2 | sign);
    default:
      return f.condition(kC2 | sign);
  }
}

// FNSTENV/FLDENV and FNSAVE/FRSTOR images. In 64-bit mode the default is the 32-bit
// protected-mode layout (a 28-byte environment, the save area 108 bytes); with an operand-size
// prefix the 16-bit one (14 and 94 bytes). Either way the environment holds FCW, FSW and the
// full tag word, then the instruction and data pointers (FIP, FCS, FOP, FDP, FDS), which xisa
// does not track: they read as zero. The registers ST0..ST7 follow, 10 bytes each.
size_t env_bytes(bool o16) {
  return o16 ? 14 : 28;
}
size_t save_bytes(bool o16) {
  return env_bytes(o16) + 8 * x87::kF80Bytes;
}
size_t env_stride(bool o16) {
  return o16 ? 2 : 4;
}

void write_env(Fpu& f, uint8_t* out, bool o16) {
  uint16_t tags = 0;
  for (unsigned p = 0; p < 8; ++p) tags = static_cast<uint16_t>(tags | f.full_tag(p) << (2 * p));
  const uint16_t words[3] = {f.s().fcw, f.status(), tags};
  std::memset(out, 0, env_bytes(o16));
  for (unsigned i = 0; i < 3; ++i) {
    std::memcpy(out + env_stride(o16) * i, &words[i], 2);
    if (!o16) std::memset(out + env_stride(o16) * i + 2, 0xff, 2);  // reserved: ones
  }
  if (!o16) std::memset(out + 26, 0xff, 2);  // FDS's reserved upper half
}

void read_env(Fpu& f, const uint8_t* in, bool o16) {
  uint16_t words[3];
  for (unsigned i = 0; i < 3; ++i) std::memcpy(&words[i], in + env_stride(o16) * i, 2);
  auto& s = f.s();
  s.fcw = words[0];
  s.fsw = static_cast<uint16_t>(words[1] & ~(7u << 11));
  s.ftop = static_cast<uint8_t>((words[1] >> 11) & 7);
  s.ftw = 0;
  for (unsigned p = 0; p < 8; ++p)
    if (((words[2] >> (2 * p)) & 3) != 3) s.ftw = static_cast<uint8_t>(s.ftw | (1u << p));
}

void write_save_image(Fpu& f, uint8_t* out, bool o16) {
  write_env(f, out, o16);
  for (unsigned i = 0; i < 8; ++i)
    std::memcpy(out + env_bytes(o16) + x87::kF80Bytes * i, &f.s().st_regs[f.phys(i)],
                x87::kF80Bytes);
}

void read_save_image(Fpu& f, const uint8_t* in, bool o16) {
  read_env(f, in, o16);  // TOP first: the registers are stored relative to it
  for (unsigned i = 0; i < 8; ++i)
    std::memcpy(&f.s().st_regs[f.phys(i)], in + env_bytes(o16) + x87::kF80Bytes * i,
                x87::kF80Bytes);
}

// The instructions the host runs on the guest's whole x87 state (x87::host_runs): the state
// goes to the host as an FNSAVE image with every exception masked (the guest's unmasked
// exceptions are not delivered as traps) and comes back the same way. FBSTP's memory is written
// before the state changes, so a store that faults leaves the state as it was.
void run_on_host(Fpu& f, X87Op op, uint64_t addr) {
  auto& s = f.s();
  uint8_t image[x87::kSaveImageBytes];
  write_save_image(f, image, false);
  const uint16_t host_cw = static_cast<uint16_t>(s.fcw | 0x3f);
  const uint16_t host_sw = static_cast<uint16_t>(f.status() & ~(kES | kBusy));
  std::memcpy(image, &host_cw, 2);
  std::memcpy(image + 4, &host_sw, 2);
  uint8_t bcd[softfp::kBcdBytes] = {};
  if (op == X87Op::LoadBcd) guest_read(bcd, addr, sizeof bcd);
  x87::run_on_host(op, image, bcd);
  if (op == X87Op::StoreBcd) guest_write(addr, bcd, sizeof bcd);
  const uint16_t fcw = s.fcw;
  read_save_image(f, image, false);
  s.fcw = fcw;
}

void init(X86_64State& s) {
  s.fcw = kDefaultFcw;
  s.fsw = 0;
  s.ftw = 0;
  s.ftop = 0;
}

// FXSAVE writes bytes 0-415 (x87, MXCSR, XMM0-15); 416-511 are reserved or left to software
// and hardware does not write them.
void fxsave(Fpu& f, uint64_t addr) {
  uint8_t area[kFxsaveWritten];
  write_fxsave(f.s(), area);
  guest_write(addr, area, sizeof area);
}

void fxrstor(Fpu& f, uint64_t addr) {
  uint8_t area[kFxsaveSize];
  guest_read(area, addr, sizeof area);
  read_fxsave(f.s(), area);
}

uint64_t execute(X86_64State& s, const X87Desc& d, uint64_t addr, uint64_t arg) {
  Fpu f(s);
  HostFpu host(s.fcw);
  if (x87::host_runs(d.op)) {
    run_on_host(f, d.op, addr);
    return 0;
  }
  uint64_t ret = 0;
  uint16_t op_status = 0;  // exceptions and C1 from the core operation, when it reports them
  bool reported = false;
  switch (d.op) {
    case X87Op::Load:
      if (d.form == X87Form::F80)
        f.push_raw(load_f80(addr));  // bit-exact, NaNs too
      else if (d.form == X87Form::Sti && !f.empty(d.src))
        f.push_raw(s.st_regs[f.phys(d.src)]);
      else if (kSoftX87 && d.form != X87Form::Sti)
        f.push_raw(x87::soft_load(d.form, addr, op_status));
      else
        f.push(read_operand(f, d.form, d.src, addr));
      break;
    case X87Op::LoadConst:
      f.push(constant(d.constant));
      break;
    case X87Op::Store: {
      const Float80 v = f.get_raw(0);  // the indefinite when ST0 is empty
      if (kSoftX87 && (d.form == X87Form::F32 || d.form == X87Form::F64)) {
        op_status = x87::soft_store(d.form, addr, v, s.fcw);
        break;
      }
      switch (d.form) {
        case X87Form::F32:
          store_mem<float>(addr, narrow_to_float(from80(v), op_status));
          break;
        case X87Form::F64:
          store_mem<double>(addr, narrow_to_double(from80(v), op_status));
          break;
        case X87Form::F80:
          store_f80(addr, v);
          break;
        default:
          f.set_raw(d.dst, v);
          break;
      }
      break;
    }
    case X87Op::StoreInt:
    case X87Op::StoreIntTrunc: {
      const bool t = d.op == X87Op::StoreIntTrunc;
      const LD v = f.get(0);
      uint16_t ex;
      if (kSoftX87)
        ex = x87::soft_store_int(d.form, addr, f.get_raw(0), t, s.fcw);
      else if (d.form == X87Form::I16)
        ex = store_int<int16_t>(addr, v, t);
      else if (d.form == X87Form::I32)
        ex = store_int<int32_t>(addr, v, t);
      else
        ex = store_int<int64_t>(addr, v, t);
      s.fsw = static_cast<uint16_t>((s.fsw & ~kC1) | ex);
      for (unsigned i = 0; i < d.pops; ++i) f.pop();
      return 0;
    }
    case X87Op::Add:
    case X87Op::Sub:
    case X87Op::Mul:
    case X87Op::Div: {
      if (kSoftX87) {
        const Float80 a = f.get_raw(d.dst);
        uint16_t load_status = 0;
        const Float80 b =
            d.form == X87Form::Sti ? f.get_raw(d.src) : x87::soft_load(d.form, addr, load_status);
        f.set_raw(d.dst, d.reverse ? x87::soft_arith(d.op, b, a, s.fcw, load_status, op_status)
                                   : x87::soft_arith(d.op, a, b, s.fcw, load_status, op_status));
        break;
      }
      const LD a = f.get(d.dst);
      const LD b = read_operand(f, d.form, d.src, addr);
      // Converting a float/double operand raises DE (denormal) or IE (SNaN) as the load did;
      // an invalid operation or a division by zero is reported instead of a denormal operand.
      const bool converted = d.form == X87Form::F32 || d.form == X87Form::F64;
      const uint16_t load_status = converted ? HostFpu::status() & 0x3f : 0;
      uint16_t st = 0;
      f.set(d.dst, d.reverse ? arith(d.op, b, a, st) : arith(d.op, a, b, st));
      op_status = static_cast<uint16_t>(load_status | st);
      if ((op_status & (kIE | kZE)) || std::isnan(a) || std::isnan(b))
        op_status &= static_cast<uint16_t>(~2u);
      break;
    }
    case X87Op::Compare:
    case X87Op::CompareUnordered:
    case X87Op::CompareFlags:
    case X87Op::CompareFlagsUnordered: {
      const bool quiet = d.op == X87Op::CompareUnordered || d.op == X87Op::CompareFlagsUnordered;
      const bool flags = d.op == X87Op::CompareFlags || d.op == X87Op::CompareFlagsUnordered;
      if (kSoftX87) {
        uint16_t load_status = 0;
        const Float80 a = f.get_raw(0);
        const Float80 b =
            d.form == X87Form::Sti ? f.get_raw(d.src) : x87::soft_load(d.form, addr, load_status);
        s.fsw |= load_status;
        ret = compare_soft(f, a, b, quiet, flags);
        break;
      }
      ret = compare(f, f.get(0), read_operand(f, d.form, d.src, addr), quiet, flags);
      break;
    }
    case X87Op::Test:
      if (kSoftX87)
        compare_soft(f, f.get_raw(0), Float80{}, false, false);
      else
        compare(f, f.get(0), 0, false, false);
      break;
    case X87Op::Examine:
      examine(f);
      return 0;  // raises nothing
    case X87Op::Chs:
      f.set(0, -f.get(0));
      break;
    case X87Op::Abs:
      f.set(0, std::fabs(f.get(0)));
      break;
    case X87Op::Sqrt:
    case X87Op::RoundInt:
    case X87Op::Scale: {
      if (kSoftX87 && d.op != X87Op::Scale) {
        f.set_raw(0, x87::soft_arith(d.op, f.get_raw(0), Float80{}, s.fcw, 0, op_status));
        break;
      }
      const LD a = f.get(0), b = d.op == X87Op::Scale ? f.get(1) : 0;
      f.set(0, arith(d.op, a, b, op_status));
      break;
    }
    case X87Op::Prem:
    case X87Op::Prem1: {
      const LD a = f.get(0), b = f.get(1);
      uint16_t st = 0;
      f.set(0, partial_remainder(d.op == X87Op::Prem1, a, b, st));
      f.condition(st & (kC0 | kC1 | kC2 | kC3));
      op_status = st & 0x3f;
      break;
    }
    case X87Op::Extract: {
      softfp::Env env;
      softfp::Float80 exponent;
      const softfp::Float80 significand = softfp::extract(to_soft(f.get_raw(0)), exponent, env);
      f.set_raw(0, from_soft(exponent));
      f.push_raw(from_soft(significand));
      op_status = env.flags;
      break;
    }
    case X87Op::LoadBcd: {
      uint8_t bcd[softfp::kBcdBytes];
      guest_read(bcd, addr, sizeof bcd);
      f.push_raw(from_soft(softfp::from_bcd(bcd)));
      break;
    }
    case X87Op::StoreBcd: {
      softfp::Env env = softfp::Env::from_control_word(s.fcw);
      uint8_t bcd[softfp::kBcdBytes];
      softfp::to_bcd(to_soft(f.get_raw(0)), bcd, env);
      guest_write(addr, bcd, sizeof bcd);
      op_status = env.flags;
      break;
    }
    case X87Op::F2xm1:
      f.set(0, std::exp2(f.get(0)) - 1);
      break;
    case X87Op::Yl2x:
      f.set(1, f.get(1) * std::log2(f.get(0)));
      f.pop();
      break;
    case X87Op::Yl2xp1:
      f.set(1, f.get(1) * std::log1p(f.get(0)) / std::log(LD{2}));
      f.pop();
      break;
    case X87Op::Ptan:
      f.set(0, std::tan(f.get(0)));
      f.push(1);
      f.condition(0);
      break;
    case X87Op::Patan:
      f.set(1, std::atan2(f.get(1), f.get(0)));
      f.pop();
      break;
    case X87Op::Sin:
      f.set(0, std::sin(f.get(0)));
      f.condition(0);
      break;
    case X87Op::Cos:
      f.set(0, std::cos(f.get(0)));
      f.condition(0);
      break;
    case X87Op::SinCos: {
      const LD v = f.get(0);
      f.set(0, std::sin(v));
      f.push(std::cos(v));
      f.condition(0);
      break;
    }
    case X87Op::Exchange: {
      const Float80 a = s.st_regs[f.phys(0)], b = s.st_regs[f.phys(d.src)];
      const bool ea = f.empty(0), eb = f.empty(d.src);
      if (ea || eb) s.fsw |= kIE | kSF;
      f.set_raw(0, eb ? indefinite() : b);
      f.set_raw(d.src, ea ? indefinite() : a);
      break;
    }
    case X87Op::Free:
      s.ftw = static_cast<uint8_t>(s.ftw & ~(1u << f.phys(d.src)));
      break;
    case X87Op::IncStp:
      s.ftop = static_cast<uint8_t>((s.ftop + 1) & 7);
      break;
    case X87Op::DecStp:
      s.ftop = static_cast<uint8_t>((s.ftop - 1) & 7);
      break;
    case X87Op::CondMove:
      if (arg) f.set_raw(0, s.st_regs[f.phys(d.src)]);
      break;
    case X87Op::StoreStatus:
      ret = f.status();
      if (addr) store_mem<uint16_t>(addr, static_cast<uint16_t>(ret));
      return ret;  // no exception state changes
    case X87Op::StoreControl:
      store_mem<uint16_t>(addr, s.fcw);
      return 0;
    case X87Op::LoadControl:
      s.fcw = load_mem<uint16_t>(addr);
      return 0;
    case X87Op::Init:
      init(s);
      return 0;
    case X87Op::ClearExceptions:
      s.fsw &= static_cast<uint16_t>(~0x80ffu);
      return 0;
    case X87Op::StoreEnv:
    case X87Op::Save: {
      const bool o16 = d.form == X87Form::Image16;
      const bool save = d.op == X87Op::Save;
      uint8_t image[x87::kSaveImageBytes];
      write_save_image(f, image, o16);
      guest_write(addr, image, save ? save_bytes(o16) : env_bytes(o16));
      if (save)
        init(s);
      else
        s.fcw |= 0x3f;  // FNSTENV masks every exception
      return 0;
    }
    case X87Op::LoadEnv:
    case X87Op::Restore: {
      const bool o16 = d.form == X87Form::Image16;
      uint8_t image[x87::kSaveImageBytes];
      if (d.op == X87Op::LoadEnv) {
        guest_read(image, addr, env_bytes(o16));
        read_env(f, image, o16);
      } else {
        guest_read(image, addr, save_bytes(o16));
        read_save_image(f, image, o16);
      }
      return 0;
    }
    case X87Op::FxSave:
      fxsave(f, addr);
      return 0;
    case X87Op::FxRestore:
      fxrstor(f, addr);
      return 0;
  }
  // Exceptions accrue; C1 reports "rounded up" for the operations that do not set the
  // condition codes themselves.
  reported = d.op == X87Op::Add || d.op == X87Op::Sub || d.op == X87Op::Mul || d.op == X87Op::Div ||
             d.op == X87Op::Sqrt || d.op == X87Op::RoundInt || d.op == X87Op::Scale ||
             d.op == X87Op::Prem || d.op == X87Op::Prem1 || d.op == X87Op::Extract ||
             d.op == X87Op::LoadBcd || d.op == X87Op::StoreBcd ||
             (d.op == X87Op::Store && (d.form == X87Form::F32 || d.form == X87Form::F64)) ||
             (kSoftX87 && d.op == X87Op::Load);
  const uint16_t host_status = reported ? op_status : HostFpu::status();
  const bool sets_conditions = d.op == X87Op::Compare || d.op == X87Op::CompareUnordered ||
                               d.op == X87Op::Test || d.op == X87Op::Prem || d.op == X87Op::Prem1;
  if (sets_conditions)
    s.fsw |= host_status & 0x3f;
  else
    s.fsw = static_cast<uint16_t>((s.fsw & ~kC1) | host_status);
  for (unsigned i = 0; i < d.pops; ++i) f.pop();
  return ret;
}

// Whether the instruction computes on the register stack (the control and state-management
// instructions do not).
bool computes(X87Op op) {
  switch (op) {
    case X87Op::StoreStatus:
    case X87Op::StoreControl:
    case X87Op::LoadControl:
    case X87Op::Init:
    case X87Op::ClearExceptions:
    case X87Op::StoreEnv:
    case X87Op::LoadEnv:
    case X87Op::Save:
    case X87Op::Restore:
    case X87Op::FxSave:
    case X87Op::FxRestore:
      return false;
    default:
      return true;
  }
}

// An unmasked invalid-operation, denormal-operand or divide-by-zero exception aborts the
// instruction before it writes a result (SDM vol. 1, 8.5.1-8.5.3, 8.7): the registers, tags and
// TOP stay as they were, only the status word records the exception, which the next waiting
// instruction then delivers (#MF). A memory store it already made is not taken back.
constexpr uint16_t kAbortingExceptions = kIE | 2 /* DE */ | kZE;

uint64_t helper_x87(void* state, uint64_t packed, uint64_t addr, uint64_t arg) {
  auto& s = *static_cast<X86_64State*>(state);
  const X87Desc d = X87Desc::unpack(packed);
  if ((~s.fcw & kAbortingExceptions) == 0 || !computes(d.op)) return execute(s, d, addr, arg);
  Float80 regs[8];
  std::memcpy(regs, s.st_regs, sizeof regs);
  const uint16_t ftw = s.ftw;
  const uint8_t ftop = s.ftop;
  const uint64_t ret = execute(s, d, addr, arg);
  if (s.fsw & ~s.fcw & kAbortingExceptions) {
    std::memcpy(s.st_regs, regs, sizeof regs);
    s.ftw = ftw;
    s.ftop = ftop;
  }
  return ret;
}

}  // namespace

const ir::HelperInfo kX87Helper{"x86_x87", helper_x87};

}  // namespace xisa::x86_64
