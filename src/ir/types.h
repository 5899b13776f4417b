// IR value types and the per-op descriptors generated from ops.def.
#pragma once

#include <cstdint>
#include <string_view>

namespace xisa::ir {

enum class Type : uint8_t { Void, I8, I16, I32, I64, I128, F32, F64, V128 };

constexpr unsigned type_bits(Type t) {
  switch (t) {
    case Type::I8:
      return 8;
    case Type::I16:
      return 16;
    case Type::I32:
    case Type::F32:
      return 32;
    case Type::I64:
    case Type::F64:
      return 64;
    case Type::I128:
    case Type::V128:
      return 128;
    case Type::Void:
      return 0;
  }
  return 0;
}
constexpr unsigned type_bytes(Type t) {
  return type_bits(t) / 8;
}
constexpr bool is_int(Type t) {
  return t == Type::I8 || t == Type::I16 || t == Type::I32 || t == Type::I64 || t == Type::I128;
}
constexpr bool is_float(Type t) {
  return t == Type::F32 || t == Type::F64;
}
constexpr Type int_type_of_bits(unsigned bits) {
  switch (bits) {
    case 8:
      return Type::I8;
    case 16:
      return Type::I16;
    case 32:
      return Type::I32;
    case 64:
      return Type::I64;
    case 128:
      return Type::I128;
    default:
      return Type::Void;
  }
}
std::string_view type_name(Type t);

enum class Opcode : uint8_t {
#define OP(name, sig, flags) name,
#include "ir/ops.def"
#undef OP
  Count
};

// How an op's operands and result are typed; the verifier enforces it.
enum class Signature : uint8_t {
  Nullary,
  StateGet,
  StateSet,
  Marker,
  Binary,
  Unary,
  Compare,
  Flags,  // two i32 or i64 operands of one type; i32 result (AArch64 NZCV)
  Select,
  Convert,
  Bitcast,
  Load,
  Store,
  AtomicRmw,
  AtomicCas,
  Call,
  Guard,
  Exit0,
  Exit1,
  FBinary,
  FUnary,
  FTernary,  // f32/f64 operands and result of one type
  FCompare,  // two f32/f64 operands of one type, i8 result
  // v128 ops (interp/eval_vector.cpp): imm is the lane width
  VBinary,
  VUnary,
  VTernary,
  VDup,
  VExtract,
  VInsert
};

enum OpFlags : uint8_t {
  kPure = 1,
  kMayFault = 2,
  kReadsState = 4,
  kWritesState = 8,
  kTerminator = 16
};

struct OpInfo {
  std::string_view name;
  Signature signature;
  uint8_t flags;
};

inline constexpr OpInfo kOpInfo[] = {
#define OP(name, sig, flags) {#name, Signature::sig, static_cast<uint8_t>(flags)},
#include "ir/ops.def"
#undef OP
};

constexpr const OpInfo& op_info(Opcode op) {
  return kOpInfo[static_cast<unsigned>(op)];
}
constexpr bool has_flag(Opcode op, OpFlags f) {
  return (op_info(op).flags & f) != 0;
}

unsigned signature_arity(Signature s);
// The v128 signatures (interp/eval_vector.cpp, a backend's vector lowering).
constexpr bool is_vector_signature(Signature s) {
  return s == Signature::VBinary || s == Signature::VUnary || s == Signature::VTernary ||
         s == Signature::VDup || s == Signature::VExtract || s == Signature::VInsert;
}

// Load/Store imm: a fault re-runs the guest instruction alone on its slow path, whose exact
// accesses then fault (or not) precisely, rather than raising the signal at once. For accesses a
// fast path widened, such as a vector group loaded as a whole (RVV vstart).
inline constexpr uint64_t kRestartAloneOnFault = 1;

enum class AtomicOp : uint8_t { Add, Swap, And, Or, Xor, MinS, MaxS, MinU, MaxU };
enum class FenceKind : uint8_t { Full, Acquire, Release, Instruction };
// Why a block traps to the runtime; the Linux layer turns it into a guest signal.
enum class TrapKind : uint8_t {
  IllegalInstruction,  // SIGILL, ILL_ILLOPC
  Breakpoint,          // SIGTRAP
  DivideError,         // SIGFPE, FPE_INTDIV
  Halt,                // privileged instruction at EL0: SIGSEGV as Linux does for HLT
  SlowPathRetry,       // no signal: run the instruction at pc again on its slow (exact) path
  SlowPathStep,        // the same for a case the fast path leaves out by design (a vector tail):
                       // expected now and then, so it never makes the pc relift without it
  MisalignedAtomic,    // SIGBUS, BUS_ADRALN: an atomic or exclusive access not naturally aligned
  X87Error,  // SIGFPE (#MF): an x87 or MMX instruction met an unmasked pending x87 exception
};

}  // namespace xisa::ir
