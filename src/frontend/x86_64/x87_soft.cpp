// The x87 operations on the software 80-bit arithmetic (see x87_soft.h).
#include "frontend/x86_64/x87_soft.h"

#include "frontend/x86_64/x87_memory.h"

namespace xisa::x86_64::x87 {

namespace {

bool is_nan(Float80 v) {
  return (v.sign_exponent & 0x7fff) == 0x7fff && (v.mantissa << 1) != 0;
}

}  // namespace

Float80 soft_load(X87Form form, uint64_t addr, uint16_t& status) {
  softfp::Env env;
  softfp::Float80 r{};
  switch (form) {
    case X87Form::F32:
      r = softfp::from_f32(load_mem<uint32_t>(addr), env);
      break;
    case X87Form::F64:
      r = softfp::from_f64(load_mem<uint64_t>(addr), env);
      break;
    case X87Form::I16:
      r = softfp::from_int(load_mem<int16_t>(addr));
      break;
    case X87Form::I32:
      r = softfp::from_int(load_mem<int32_t>(addr));
      break;
    case X87Form::I64:
      r = softfp::from_int(load_mem<int64_t>(addr));
      break;
    default:
      return load_f80(addr);  // FLD m80 raises nothing, not even for an SNaN
  }
  status = env.flags;
  return from_soft(r);
}

Float80 soft_arith(X87Op op, Float80 a, Float80 b, uint16_t fcw, uint16_t load_status,
                   uint16_t& status) {
  softfp::Env env = softfp::Env::from_control_word(fcw);
  const softfp::Float80 x = to_soft(a), y = to_soft(b);
  softfp::Float80 r;
  switch (op) {
    case X87Op::Add:
      r = softfp::add(x, y, env);
      break;
    case X87Op::Sub:
      r = softfp::sub(x, y, env);
      break;
    case X87Op::Mul:
      r = softfp::mul(x, y, env);
      break;
    case X87Op::Div:
      r = softfp::div(x, y, env);
      break;
    case X87Op::Sqrt:
      r = softfp::sqrt(x, env);
      break;
    default:
      r = softfp::round_to_int(x, env);
      break;
  }
  // A denormal memory operand's DE yields to an invalid operation, a division by zero or a NaN.
  status = static_cast<uint16_t>(load_status | env.flags);
  if ((status & (softfp::kFlagIE | softfp::kFlagZE)) || is_nan(a) || is_nan(b))
    status &= static_cast<uint16_t>(~softfp::kFlagDE);
  return from_soft(r);
}

uint16_t soft_store(X87Form form, uint64_t addr, Float80 v, uint16_t fcw) {
  softfp::Env env = softfp::Env::from_control_word(fcw);
  if (form == X87Form::F32)
    store_mem<uint32_t>(addr, softfp::to_f32(to_soft(v), env));
  else
    store_mem<uint64_t>(addr, softfp::to_f64(to_soft(v), env));
  return env.flags;
}

uint16_t soft_store_int(X87Form form, uint64_t addr, Float80 v, bool truncate, uint16_t fcw) {
  softfp::Env env = softfp::Env::from_control_word(fcw);
  if (form == X87Form::I16)
    store_mem<int16_t>(addr, softfp::to_int16(to_soft(v), truncate, env));
  else if (form == X87Form::I32)
    store_mem<int32_t>(addr, softfp::to_int32(to_soft(v), truncate, env));
  else
    store_mem<int64_t>(addr, softfp::to_int64(to_soft(v), truncate, env));
  return env.flags;
}

softfp::Ordering soft_compare(Float80 a, Float80 b, bool quiet, uint16_t& status) {
  softfp::Env env;
  const softfp::Ordering r = softfp::compare(to_soft(a), to_soft(b), quiet, env);
  status = env.flags;
  return r;
}

}  // namespace xisa::x86_64::x87
