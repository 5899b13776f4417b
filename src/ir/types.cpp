// Names and arities of IR types and signatures.
#include "ir/types.h"

namespace xisa::ir {

std::string_view type_name(Type t) {
  switch (t) {
    case Type::Void:
      return "void";
    case Type::I8:
      return "i8";
    case Type::I16:
      return "i16";
    case Type::I32:
      return "i32";
    case Type::I64:
      return "i64";
    case Type::I128:
      return "i128";
    case Type::F32:
      return "f32";
    case Type::F64:
      return "f64";
    case Type::V128:
      return "v128";
  }
  return "?";
}

unsigned signature_arity(Signature s) {
  switch (s) {
    case Signature::Nullary:
    case Signature::StateGet:
    case Signature::Marker:
    case Signature::Exit0:
      return 0;
    case Signature::StateSet:
    case Signature::Unary:
    case Signature::Convert:
    case Signature::Bitcast:
    case Signature::Load:
    case Signature::Exit1:
    case Signature::Guard:
    case Signature::FUnary:
      return 1;
    case Signature::Binary:
    case Signature::Compare:
    case Signature::Flags:
    case Signature::Store:
    case Signature::AtomicRmw:
    case Signature::FBinary:
    case Signature::FCompare:
      return 2;
    case Signature::Select:
    case Signature::AtomicCas:
    case Signature::FTernary:
      return 3;
    case Signature::Call:
      return 3;  // at most
    case Signature::VUnary:
    case Signature::VDup:
    case Signature::VExtract:
      return 1;
    case Signature::VBinary:
    case Signature::VInsert:
      return 2;
    case Signature::VTernary:
      return 3;
  }
  return 0;
}

}  // namespace xisa::ir
