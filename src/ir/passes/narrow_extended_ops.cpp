// Narrowing across sign and zero extensions. Guests that keep 32-bit results extended in 64-bit
// registers (RV64's W ops sign-extend, AArch64's W and x86's 32-bit ops zero-extend) compute
// bitwise logic on the extended values and feed them back to 32-bit ops:
// - Trunc(Ext(x)) is x when x has the truncated type;
// - so is Trunc(Ext(x) | c) when c has no bits below x's width, and ZExt(x) | c shifted right
//   by at least that width is c shifted (RISC-V's NaN-boxed singles: a flw writes
//   ZExt(x) | 0xffffffff00000000, which the single-precision op after it tests and unboxes);
// - And/Or/Xor of two extensions of the same kind from the same type (or of one and a constant
//   that extension reproduces) is the extension of the narrow op, so a chain of them stays
//   narrow and the extension is left to a use that needs the wide value, if any.
// The wide ops are left for dead code elimination when nothing else reads them.
#include <vector>

#include "interp/eval_op.h"
#include "ir/passes/passes.h"
#include "ir/types.h"

namespace xisa::ir {

namespace {

bool is_extension(Opcode op) {
  return op == Opcode::SExt || op == Opcode::ZExt;
}

bool is_bitwise(Opcode op) {
  return op == Opcode::And || op == Opcode::Or || op == Opcode::Xor;
}

// The constant c of type wide as a narrow constant that `ext` extends back to c, if it is one.
bool narrow_constant(const Inst& c, Opcode ext, Type narrow, uint64_t* out) {
  if (c.op != Opcode::Const || c.aux != 0) return false;
  const unsigned bits = 8 * type_bytes(narrow);
  const uint64_t low = interp::mask_to(narrow, c.imm);
  const uint64_t back =
      ext == Opcode::ZExt
          ? low
          : static_cast<uint64_t>(static_cast<int64_t>(low << (64 - bits)) >> (64 - bits));
  *out = low;
  return interp::mask_to(c.type, back) == c.imm;
}

// An Or of an extension of x and a constant with no bits where x is: the extension, and the
// constant's value; else nullptr.
const Inst* extension_above(const std::vector<Inst>& out, const Inst& v, uint64_t* c) {
  if (v.op != Opcode::Or) return nullptr;
  for (unsigned k = 0; k < 2; ++k) {
    const Inst& ext = out[v.args[k]];
    const Inst& other = out[v.args[1 - k]];
    if (!is_extension(ext.op) || other.op != Opcode::Const || other.aux != 0) continue;
    const unsigned bits = 8 * type_bytes(out[ext.args[0]].type);
    if (bits >= 64 || (other.imm & ((uint64_t{1} << bits) - 1)) != 0) continue;
    *c = other.imm;
    return &ext;
  }
  return nullptr;
}

}  // namespace

void narrow_extended_ops(Block& block) {
  const std::vector<Inst>& in = block.insts;
  std::vector<Inst> out;
  out.reserve(in.size() + in.size() / 4);
  std::vector<ValueId> remap(in.size(), kNoValue);
  auto push = [&](const Inst& inst) {
    out.push_back(inst);
    return static_cast<ValueId>(out.size() - 1);
  };
  for (size_t i = 0; i < in.size(); ++i) {
    Inst inst = in[i];
    for (unsigned a = 0; a < inst.nargs; ++a) inst.args[a] = remap[inst.args[a]];
    if (inst.op == Opcode::Trunc) {
      const Inst* src = &out[inst.args[0]];
      uint64_t c = 0;
      if (const Inst* ext = extension_above(out, *src, &c)) src = ext;
      if (is_extension(src->op) && out[src->args[0]].type == inst.type) {
        remap[i] = src->args[0];
        continue;
      }
    }
    if (inst.op == Opcode::ShrL && inst.type == Type::I64) {
      uint64_t c = 0;
      const Inst* ext = extension_above(out, out[inst.args[0]], &c);
      const Inst& count = out[inst.args[1]];
      if (ext && ext->op == Opcode::ZExt && count.op == Opcode::Const && count.imm < 64 &&
          count.imm >= 8 * type_bytes(out[ext->args[0]].type)) {
        remap[i] =
            push({Opcode::Const, Type::I64, 0, {kNoValue, kNoValue, kNoValue}, c >> count.imm});
        continue;
      }
    }
    if (is_bitwise(inst.op) && is_int(inst.type)) {
      const Inst* ext = &out[inst.args[0]];
      const Inst* other = &out[inst.args[1]];
      if (!is_extension(ext->op)) std::swap(ext, other);
      if (is_extension(ext->op)) {
        const ValueId a = ext->args[0];
        const Type narrow = out[a].type;
        ValueId b = kNoValue;
        uint64_t c = 0;
        if (other->op == ext->op && out[other->args[0]].type == narrow)
          b = other->args[0];
        else if (narrow_constant(*other, ext->op, narrow, &c))
          b = push({Opcode::Const, narrow, 0, {kNoValue, kNoValue, kNoValue}, c});
        if (b != kNoValue) {
          const Opcode kind = ext->op;
          const ValueId op = push({inst.op, narrow, 2, {a, b, kNoValue}});
          remap[i] = push({kind, inst.type, 1, {op, kNoValue, kNoValue}});
          continue;
        }
      }
    }
    remap[i] = push(inst);
  }
  block.insts = std::move(out);
}

}  // namespace xisa::ir
