// Differential test of the JIT against the interpreter (the oracle): random well-typed IR
// blocks over a fake state struct and a scratch memory buffer, using every op the x86-64
// backend lowers, run by both engines from the same start; final state, memory and exit must
// be identical.
#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <random>
#include <vector>

#include "backend_test_support.h"
#if defined(__aarch64__)
#include "backend/aarch64/host_features.h"
#endif
#if defined(__riscv)
#include "backend/riscv64/host_features.h"
#endif
#include "interp/interpreter.h"
#include "ir/builder.h"
#include "ir/passes/passes.h"

// Translated code runs only on a host with a backend (x86-64, AArch64, RISC-V64).
#if defined(__x86_64__) || defined(__aarch64__) || defined(__riscv)

namespace xisa::backend_test {
namespace {

using ir::Opcode;
using ir::Type;
using ir::Value;

alignas(64) uint8_t g_memory[4096];

uint64_t mix_helper(void* state, uint64_t a, uint64_t b, uint64_t c) {
  auto* s = static_cast<FakeState*>(state);
  s->r[6] = a ^ s->r[5];
  return a * 3 + (b ^ c) + s->r[7];
}
const ir::HelperInfo kMixHelper{"test_mix", mix_helper};

constexpr Opcode kBinary[] = {
    Opcode::Add,  Opcode::Sub,  Opcode::Mul,  Opcode::MulHiU, Opcode::MulHiS, Opcode::MulHiSU,
    Opcode::DivU, Opcode::DivS, Opcode::RemU, Opcode::RemS,   Opcode::And,    Opcode::Or,
    Opcode::Xor,  Opcode::Shl,  Opcode::ShrL, Opcode::ShrA,   Opcode::RotL,   Opcode::RotR};
constexpr Opcode kUnary[] = {Opcode::Not, Opcode::Neg,    Opcode::Clz,
                             Opcode::Ctz, Opcode::Popcnt, Opcode::Bswap};
constexpr Opcode kCompare[] = {Opcode::CmpEq,  Opcode::CmpNe,  Opcode::CmpLtS,
                               Opcode::CmpLtU, Opcode::CmpLeS, Opcode::CmpLeU};
constexpr Type kIntTypes[] = {Type::I8, Type::I16, Type::I32, Type::I64};

// v128 ops with the lane widths (bit n = lane 8 << n) the x86-64 backend lowers.
struct VectorOp {
  Opcode op;
  unsigned lanes;
};
constexpr unsigned kAll = 0xf, k8to32 = 0x7, k16to32 = 0x6, k8to16 = 0x3, k16to64 = 0xe,
                   k32to64 = 0xc, k32 = 0x4;
constexpr VectorOp kVectorBinary[] = {{Opcode::VAdd, kAll},
                                      {Opcode::VSub, kAll},
                                      {Opcode::VCmpEq, kAll},
                                      {Opcode::VCmpGtS, kAll},
                                      {Opcode::VZipLo, kAll},
                                      {Opcode::VZipHi, kAll},
                                      {Opcode::VMinS, k8to32},
                                      {Opcode::VMinU, k8to32},
                                      {Opcode::VMaxS, k8to32},
                                      {Opcode::VMaxU, k8to32},
                                      {Opcode::VCmpGeS, kAll},
                                      {Opcode::VCmpGeU, k8to32},
                                      {Opcode::VCmpGtU, k8to32},
                                      {Opcode::VCmpTest, kAll},
                                      {Opcode::VMul, k16to32},
                                      {Opcode::VMulHiS, kAll},
                                      {Opcode::VMulHiU, kAll},
                                      {Opcode::VMulWideLoS, k16to64},
                                      {Opcode::VMulWideLoU, k16to64},
                                      {Opcode::VMulAddPairsS, k8to32},
                                      {Opcode::VAvgRoundU, kAll},
                                      {Opcode::VPackSatS, k16to64},
                                      {Opcode::VPackSatSU, k16to64},
                                      {Opcode::VShlS, kAll},
                                      {Opcode::VShrLS, kAll},
                                      {Opcode::VShrAS, kAll},
                                      {Opcode::VSadU, 0x1},
                                      {Opcode::VAddSatS, k8to16},
                                      {Opcode::VAddSatU, k8to16},
                                      {Opcode::VSubSatS, k8to16},
                                      {Opcode::VSubSatU, k8to16},
                                      {Opcode::VAnd, kAll},
                                      {Opcode::VOr, kAll},
                                      {Opcode::VXor, kAll},
                                      {Opcode::VAndNot, kAll},
                                      {Opcode::VUnzipEven, kAll},
                                      {Opcode::VUnzipOdd, kAll},
                                      {Opcode::VFAdd, k32to64},
                                      {Opcode::VFSub, k32to64},
                                      {Opcode::VFMul, k32to64},
                                      // No native lowering: evaluated through lower_pure_call.
                                      {Opcode::VTrnEven, kAll},
                                      {Opcode::VTrnOdd, kAll},
                                      {Opcode::VShlV, kAll},
                                      {Opcode::VShrLV, kAll},
                                      {Opcode::VShrAV, kAll}};
constexpr VectorOp kVectorUnary[] = {{Opcode::VNot, kAll},
                                     {Opcode::VNeg, kAll},
                                     {Opcode::VAbs, k8to32},
                                     {Opcode::VShlImm, k16to64},
                                     {Opcode::VShrLImm, k16to64},
                                     {Opcode::VShrAImm, k16to32},
                                     {Opcode::VWidenLoU, k8to32},
                                     {Opcode::VWidenLoS, k8to32},
                                     {Opcode::VWidenHiU, k8to32},
                                     {Opcode::VWidenHiS, k8to32},
                                     {Opcode::VNarrow, k16to64},
                                     {Opcode::VFWidenLo, k32},
                                     // No native lowering: evaluated through lower_pure_call.
                                     {Opcode::VPopcnt, kAll},
                                     {Opcode::VClz, kAll},
                                     {Opcode::VCls, kAll},
                                     {Opcode::VRbit, kAll}};

class Generator {
 public:
  explicit Generator(uint32_t seed, bool misaligned = false)
      : rng_(seed), misaligned_(misaligned) {}

  void generate(ir::Block& block, unsigned length) {
    ir::Builder b(block);
    pool_.clear();
    for (unsigned n = 0; n < length; ++n) {
      if (pick(6) == 0) b.guest_insn(block.guest_pc + 4 * n);
      step(b);
    }
    terminate(b, block.guest_pc);
  }

  // A loop in one block: random code (no helper calls, so the JIT keeps guest registers in
  // host registers across iterations), then `trips` counts down and the block branches back
  // to itself until it reaches zero.
  void generate_loop(ir::Block& block, unsigned length) {
    ir::Builder b(block);
    pool_.clear();
    no_helpers_ = true;
    // Sometimes a side exit in a later iteration: registers carried in host registers must
    // reach the state there too.
    if (pick(2))
      b.trap_if(b.eq(b.get_reg(Type::I64, kTrips), b.imm64(1 + pick(3))), ir::TrapKind::DivideError,
                block.guest_pc + 12);
    for (unsigned n = 0; n < length; ++n) step(b);
    const Value left = b.sub(b.get_reg(Type::I64, kTrips), b.imm64(1));
    b.set_reg(kTrips, left);
    const Value again = b.ne(left, b.imm64(0));
    if (pick(2))
      b.branch(again, block.guest_pc, 0x50000000);
    else
      b.branch(b.eq(left, b.imm64(0)), 0x50000000, block.guest_pc);
  }

 private:
  unsigned pick(unsigned n) { return std::uniform_int_distribution<unsigned>(0, n - 1)(rng_); }
  uint64_t random_value() {
    switch (pick(5)) {  // edges are where lowering goes wrong
      case 0:
        return pick(3);
      case 1:
        return ~uint64_t{0} - pick(2);
      case 2:
        return uint64_t{1} << pick(64);
      case 3:
        return (uint64_t{1} << 63) >> pick(3);
      default:
        return rng_();
    }
  }
  Value constant(ir::Builder& b, Type t) {
    const unsigned bits = ir::type_bits(t);
    const uint64_t v = random_value();
    if (t == Type::V128 || t == Type::I128) return b.emit(Opcode::Const, t, {}, v, random_value());
    return b.constant(t, bits < 64 ? v & ((uint64_t{1} << bits) - 1) : v);
  }
  Value get_reg(ir::Builder& b, Type t) {
    if (t == Type::V128 || t == Type::I128) return b.get_reg(t, vreg(pick(4)));
    // Narrow reads at any aligned place inside a register, to mix with wide deferred writes.
    const unsigned bytes = ir::type_bytes(t);
    return b.get_reg(t, reg(pick(16)) + bytes * pick(8 / bytes));
  }
  // An existing value of type t (usually), or a new constant or register read.
  Value value(ir::Builder& b, Type t) {
    std::vector<Value> of_type;
    for (const Value& v : pool_)
      if (v.type == t) of_type.push_back(v);
    if (!of_type.empty() && pick(4) != 0)
      return of_type[pick(static_cast<unsigned>(of_type.size()))];
    const Value v = pick(3) == 0 ? constant(b, t) : get_reg(b, t);
    pool_.push_back(v);
    return v;
  }
  Type int_type() { return kIntTypes[pick(4)]; }
  Value address(ir::Builder& b, unsigned align) {
    const Value v = b.zext(Type::I64, value(b, int_type()));
    const Value off = b.and_(v, b.imm64((sizeof g_memory - 16) & ~uint64_t{align - 1}));
    return b.add(off, b.imm64(reinterpret_cast<uint64_t>(g_memory)));
  }
  void keep(const Value& v) { pool_.push_back(v); }

  void step(ir::Builder& b) {
    const Type t = int_type();
    switch (pick(19)) {
      case 0:
      case 1:
        keep(b.emit(kBinary[pick(std::size(kBinary))], t, {value(b, t), value(b, t)}));
        break;
      case 2:
        keep(b.emit(kUnary[pick(std::size(kUnary))], t,
                    {
                        value(b, t),
                    }));
        break;
      case 3:
        if (pick(3) == 0) {  // AArch64 flags: i32 or i64 operands
          const Type ft = pick(2) ? Type::I64 : Type::I32;
          const Value flags = b.emit(pick(2) ? Opcode::NzcvSub : Opcode::NzcvAdd, Type::I32,
                                     {value(b, ft), value(b, ft)});
          if (pick(2))  // written to the state right away, as the AArch64 lifter does
            b.set_reg(reg(pick(16)) + 4 * pick(2), flags);
          else
            keep(flags);
          break;
        }
        keep(b.emit(kCompare[pick(std::size(kCompare))], Type::I8, {value(b, t), value(b, t)}));
        break;
      case 4: {
        const Type st = pick(5) == 0 ? Type::V128 : t;
        keep(b.select(value(b, Type::I8), value(b, st), value(b, st)));
        break;
      }
      case 5: {  // width changes
        const Type to = int_type();
        const Value v = value(b, t);
        if (ir::type_bits(to) > ir::type_bits(t))
          keep(pick(2) ? b.zext(to, v) : b.sext(to, v));
        else if (ir::type_bits(to) < ir::type_bits(t))
          keep(b.trunc(to, v));
        break;
      }
      case 6: {  // bitcasts and 128-bit conversions
        switch (pick(4)) {
          case 0:
            keep(b.bitcast(Type::F32, value(b, Type::I32)));
            break;
          case 1:
            keep(b.bitcast(Type::I64, value(b, Type::F64)));
            break;
          case 2:
            keep(b.bitcast(Type::V128,
                           pick(2) ? value(b, Type::I128) : b.zext(Type::I128, value(b, t))));
            break;
          default:
            keep(b.trunc(t, b.bitcast(Type::I128, value(b, Type::V128))));
            break;
        }
        break;
      }
      case 7:
      case 8: {  // guest register writes, some wide, some narrow (partial overlaps)
        if (pick(5) == 0) {
          b.set_reg(vreg(pick(4)), value(b, Type::V128));
        } else {
          const unsigned bytes = ir::type_bytes(t);
          b.set_reg(reg(pick(16)) + bytes * pick(8 / bytes), value(b, t));
        }
        break;
      }
      case 9: {
        const Type lt = pick(6) == 0 ? Type::V128 : t;
        keep(b.load(lt, address(b, misaligned_ ? 1 : ir::type_bytes(lt))));
        break;
      }
      case 10: {
        const Type st = pick(6) == 0 ? Type::V128 : t;
        b.store(address(b, misaligned_ ? 1 : ir::type_bytes(st)), value(b, st));
        break;
      }
      case 11: {
        const auto op = static_cast<ir::AtomicOp>(pick(9));
        keep(b.atomic_rmw(op, address(b, ir::type_bytes(t)), value(b, t)));
        break;
      }
      case 12:
        keep(b.atomic_cas(address(b, ir::type_bytes(t)), value(b, t), value(b, t)));
        break;
      case 13: {
        if (no_helpers_) break;
        std::vector<Value> args;
        for (unsigned n = pick(4); n > 0; --n) args.push_back(value(b, Type::I64));
        keep(b.emit(Opcode::CallHelper, Type::I64, {}, reinterpret_cast<uint64_t>(&kMixHelper)));
        auto& inst = b.block().insts.back();
        inst.nargs = static_cast<uint8_t>(args.size());
        for (size_t a = 0; a < args.size(); ++a) inst.args[a] = args[a].id;
        break;
      }
      case 14:
        b.fence(static_cast<ir::FenceKind>(pick(3)));
        break;
      case 15:
        vector_step(b);
        break;
      case 17:
        float_step(b);
        break;
      case 16:  // a side exit: taken, the deferred writes so far must reach the state
        if (pick(8) == 0)
          b.trap_if(value(b, Type::I8), ir::TrapKind::DivideError, b.block().guest_pc + 12);
        else if (pick(7) == 0)
          b.exit_if(value(b, Type::I8), 0x58000000 + 4 * pick(64));
        else
          keep(value(b, t));
        break;
      default:
        keep(value(b, t));
        break;
    }
  }

  // Scalar FP on random bit patterns (NaNs, infinities, subnormals included). A NaN result's
  // payload is unspecified by the IR, so results are kept with NaNs made one canonical NaN.
  void float_step(ir::Builder& b) {
    const bool f64 = pick(2) != 0;
    const Type ft = f64 ? Type::F64 : Type::F32, it = f64 ? Type::I64 : Type::I32;
    auto operand = [&] { return b.bitcast(ft, value(b, it)); };
    static constexpr Opcode kOps[] = {Opcode::FAdd,  Opcode::FSub,    Opcode::FMul, Opcode::FDiv,
                                      Opcode::FSqrt, Opcode::FMulAdd, Opcode::FAbs, Opcode::FNeg};
    static constexpr Opcode kCompares[] = {Opcode::FCmpEq, Opcode::FCmpLt, Opcode::FCmpLe,
                                           Opcode::FCmpUnordered, Opcode::FCmpUeq};
    if (pick(3) == 0) {
      keep(b.fcmp(kCompares[pick(std::size(kCompares))], operand(), operand()));
      return;
    }
    const Opcode op = kOps[pick(std::size(kOps))];
    const Value r = op == Opcode::FSqrt || op == Opcode::FAbs || op == Opcode::FNeg
                        ? b.fp(op, {operand()})
                    : op == Opcode::FMulAdd ? b.fp(op, {operand(), operand(), operand()})
                                            : b.fp(op, {operand(), operand()});
    const Value nan = b.constant(it, f64 ? 0x7ff8000000000000 : 0x7fc00000);
    keep(b.select(b.fcmp(Opcode::FCmpUnordered, r, r), nan, b.bitcast(it, r)));
  }

  unsigned lane_of(unsigned lanes) {
    for (;;) {
      const unsigned n = pick(4);
      if (lanes & (1u << n)) return 8u << n;
    }
  }

  void vector_step(ir::Builder& b) {
    const Value a = value(b, Type::V128);
    switch (pick(7)) {
      case 0:
      case 1: {
        const VectorOp& v = kVectorBinary[pick(std::size(kVectorBinary))];
        keep(b.vbinary(v.op, lane_of(v.lanes), a, value(b, Type::V128)));
        break;
      }
      case 2: {
        const VectorOp& v = kVectorUnary[pick(std::size(kVectorUnary))];
        keep(b.vunary(v.op, lane_of(v.lanes), a, pick(4) == 0 ? 60 + pick(80) : pick(17)));
        break;
      }
      case 3:
        keep(b.emit(Opcode::VConcatBytes, Type::V128, {a, value(b, Type::V128)}, pick(16)));
        break;
      case 4: {
        const Opcode op = pick(2) ? Opcode::VBitSelect : Opcode::VTableLookup;
        keep(b.vternary(op, a, value(b, Type::V128), value(b, Type::V128)));
        break;
      }
      case 5: {
        const unsigned lane = lane_of(kAll);
        if (pick(4) == 0) {
          static constexpr Opcode kReduce[] = {Opcode::VReduceAdd, Opcode::VReduceMaxU,
                                               Opcode::VReduceMinU, Opcode::VReduceMaxS,
                                               Opcode::VReduceMinS};
          keep(b.vreduce(kReduce[pick(5)], Type::I64, lane, a));
        } else if (pick(3) == 0) {
          keep(b.vreduce(Opcode::VMoveMask, Type::I32, lane, a));
        } else if (pick(2)) {
          keep(b.vdup(lane, value(b, int_type())));
        } else {
          keep(b.vinsert_lane(lane, a, value(b, int_type()), pick(128 / lane)));
        }
        break;
      }
      default: {
        const unsigned lane = lane_of(kAll);
        keep(b.vextract_lane(lane == 64 ? Type::I64
                             : pick(2)  ? Type::I64
                                        : Type::I32,
                             lane, a, pick(128 / lane)));
        break;
      }
    }
  }

  void terminate(ir::Builder& b, uint64_t pc) {
    switch (pick(5)) {
      case 0:
        b.jump(0x40000000 + 4 * pick(100));
        break;
      case 1: {
        const Value c = pick(2) ? value(b, Type::I8)
                                : b.emit(kCompare[pick(6)], Type::I8,
                                         {value(b, Type::I64), value(b, Type::I64)});
        b.branch(c, 0x50000000, 0x60000000);
        break;
      }
      case 2: {  // never the block's own pc: a jump-cache hit would run it again
        const Value t = b.or_(b.and_(value(b, Type::I64), b.imm64(0xfffc)), b.imm64(0x70000000));
        b.jump_indirect(t);
        break;
      }
      case 3:
        b.syscall(pc + 0x100);
        break;
      default:
        b.trap(static_cast<ir::TrapKind>(pick(4)), pc + 8);
        break;
    }
  }

  std::mt19937_64 rng_;
  bool misaligned_;  // plain loads and stores at any address, not only aligned ones
  std::vector<Value> pool_;
  bool no_helpers_ = false;
};

struct Snapshot {
  FakeState state;
  std::array<uint8_t, sizeof g_memory> memory;
  interp::BlockExit exit;
};

void init(FakeState& s, std::mt19937_64& rng) {
  s = FakeState{};
  for (uint64_t& r : s.r) r = rng();
  for (uint64_t& v : s.v) v = rng();
  s.r[3] = 0;
  s.r[4] = ~uint64_t{0};
  s.r[5] = uint64_t{1} << 63;
  for (auto& m : g_memory) m = static_cast<uint8_t>(rng());
}

Snapshot take(const FakeState& s, const interp::BlockExit& exit) {
  Snapshot snap{s, {}, exit};
  std::memcpy(snap.memory.data(), g_memory, sizeof g_memory);
  return snap;
}

void expect_same(const Snapshot& want, const Snapshot& got, const ir::Block& block) {
  const std::string ir_text = ir::print_block(block);
  ASSERT_EQ(static_cast<int>(want.exit.kind), static_cast<int>(got.exit.kind)) << ir_text;
  ASSERT_EQ(want.exit.pc, got.exit.pc) << ir_text;
  if (want.exit.kind == interp::ExitKind::Trap) {
    ASSERT_EQ(static_cast<int>(want.exit.trap), static_cast<int>(got.exit.trap)) << ir_text;
  }
  for (unsigned r = 0; r < 16; ++r) {
    ASSERT_EQ(want.state.r[r], got.state.r[r]) << "r" << r << "\n" << ir_text;
  }
  for (unsigned v = 0; v < 8; ++v) {
    ASSERT_EQ(want.state.v[v], got.state.v[v]) << "v" << v << "\n" << ir_text;
  }
  ASSERT_EQ(std::memcmp(want.memory.data(), got.memory.data(), sizeof g_memory), 0) << ir_text;
}

// Runs `count` random blocks of `length` ops, optimised or raw; with `tso`, compiled in x86
// memory order (CompileConfig::tso) and with misaligned loads and stores.
void fuzz(uint32_t seed, unsigned count, unsigned length, bool optimize, bool tso = false) {
  JitFixture jit;
  if (tso) jit.keep_tso();
  std::mt19937_64 rng(seed);
  for (unsigned n = 0; n < count; ++n) {
    const uint64_t pc = 0x10000 + 0x100 * n;
    ir::Block& block = jit.source.add(pc);
    Generator(seed * 7919u + n, tso).generate(block, length);
    if (optimize) ir::optimize(block);
    ASSERT_EQ(ir::verify_block(block), "") << ir::print_block(block);

    FakeState s;
    const uint64_t state_seed = rng();
    std::mt19937_64 srng(state_seed);
    init(s, srng);
    s.header.pc = pc;
    interp::BlockExit e = interp::run_block(block, &s);
    s.header.pc = e.pc;
    const Snapshot want = take(s, e);

    srng.seed(state_seed);
    init(s, srng);
    s.header.pc = pc;
    e = jit.engine->run(&s);
    ASSERT_EQ(s.header.pc, e.pc);
    expect_same(want, take(s, e), block);
    if (::testing::Test::HasFatalFailure()) return;
  }
  // Every generated op is lowered: nothing fell back to the interpreter.
  EXPECT_EQ(jit.metrics.jit_fallback_blocks, 0u);
  EXPECT_EQ(jit.metrics.jit_blocks_compiled, count);
}

// Self-loops: the interpreter runs the block until it leaves; the JIT loops inside its code.
void fuzz_loops(uint32_t seed, unsigned count, unsigned length) {
  JitFixture jit;
  std::mt19937_64 rng(seed);
  for (unsigned n = 0; n < count; ++n) {
    const uint64_t pc = 0x10000 + 0x100 * n;
    ir::Block& block = jit.source.add(pc);
    Generator(seed * 7919u + n).generate_loop(block, length);
    ir::optimize(block);
    ASSERT_EQ(ir::verify_block(block), "") << ir::print_block(block);

    FakeState s;
    const uint64_t state_seed = rng();
    const uint64_t trips = 1 + rng() % 6;
    std::mt19937_64 srng(state_seed);
    init(s, srng);
    s.trips = trips;
    s.header.pc = pc;
    interp::BlockExit e{};
    for (unsigned iteration = 0; iteration < 8; ++iteration) {
      e = interp::run_block(block, &s);
      s.header.pc = e.pc;
      if (e.kind != interp::ExitKind::Jump || e.pc != pc) break;
    }
    const Snapshot want = take(s, e);

    srng.seed(state_seed);
    init(s, srng);
    s.trips = trips;
    s.header.pc = pc;
    e = jit.engine->run(&s);
    ASSERT_EQ(s.header.pc, e.pc);
    expect_same(want, take(s, e), block);
    ASSERT_EQ(want.state.trips, s.trips) << ir::print_block(block);
    if (::testing::Test::HasFatalFailure()) return;
  }
  EXPECT_EQ(jit.metrics.jit_fallback_blocks, 0u);
}

// A loop-carried register whose old value is still read after its new value is computed: the
// new value must not take the promoted register early (plan_coalescing), while the other
// register's new value, defined after the last read of its old one, may.
TEST(JitVsInterp, SelfLoopReadsAnOldValueAfterTheNewOne) {
  JitFixture jit;
  const uint64_t pc = 0x10000;
  ir::Block& block = jit.source.add(pc);
  {
    ir::Builder ir(block);
    const ir::Value old0 = ir.get_reg(ir::Type::I64, reg(0));
    const ir::Value old1 = ir.get_reg(ir::Type::I64, reg(1));
    const ir::Value new0 = ir.add(old1, ir.imm64(3));
    ir.set_reg(reg(0), new0);
    const ir::Value x = ir.mul(old0, ir.imm64(5));  // the old r0, after the new one
    ir.set_reg(reg(1), ir.add(x, old1));
    const ir::Value trips = ir.sub(ir.get_reg(ir::Type::I64, kTrips), ir.imm64(1));
    ir.set_reg(kTrips, trips);
    ir.branch(ir.emit(ir::Opcode::CmpNe, ir::Type::I8, {trips, ir.imm64(0)}), pc, pc + 0x100);
  }
  ASSERT_EQ(ir::verify_block(block), "") << ir::print_block(block);
  FakeState want{}, got{};
  want.r[0] = got.r[0] = 7;
  want.r[1] = got.r[1] = 11;
  want.trips = got.trips = 5;
  want.header.pc = got.header.pc = pc;
  interp::BlockExit e{};
  do {
    e = interp::run_block(block, &want);
    want.header.pc = e.pc;
  } while (e.kind == interp::ExitKind::Jump && e.pc == pc);
  jit.engine->run(&got);
  EXPECT_EQ(got.header.pc, pc + 0x100);
  EXPECT_EQ(got.r[0], want.r[0]);
  EXPECT_EQ(got.r[1], want.r[1]);
  EXPECT_EQ(got.trips, 0u);
  EXPECT_EQ(jit.metrics.jit_fallback_blocks, 0u);
}

// x86 allows LOCK-prefixed accesses at any address; AArch64 exclusives and RISC-V AMOs fault
// on them, so on those hosts both engines take the locked emulation (interp/atomic_ops.cpp).
// Each width, inside one aligned word and straddling two, against plain arithmetic.
TEST(JitVsInterp, MisalignedAtomicsMatchPlainArithmetic) {
  struct Case {
    ir::Type type;
    unsigned offset;
    bool cas;
    ir::AtomicOp op;
    uint64_t operand;
  };
  const Case cases[] = {
      {ir::Type::I16, 1, false, ir::AtomicOp::Add, 0x1234},
      {ir::Type::I16, 7, false, ir::AtomicOp::Xor, 0xffff},        // straddles two words
      {ir::Type::I32, 2, false, ir::AtomicOp::Add, 0x80000001},    // inside one word
      {ir::Type::I32, 13, false, ir::AtomicOp::MinS, 0x80000000},  // straddles
      {ir::Type::I64, 19, false, ir::AtomicOp::Swap, 0x0123456789abcdefULL},
      {ir::Type::I32, 33, true, ir::AtomicOp::Add, 0},  // CAS that succeeds
      {ir::Type::I64, 45, true, ir::AtomicOp::Add, 1},  // CAS that fails
  };
  alignas(8) std::array<uint8_t, 64> want{}, got{};
  for (size_t k = 0; k < want.size(); ++k) want[k] = static_cast<uint8_t>(0x5a + 37 * k);
  got = want;
  for (const Case& c : cases) {
    const unsigned bytes = ir::type_bytes(c.type);
    const uint64_t mask = bytes == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * bytes)) - 1;
    const uint64_t desired = 0x7766554433221100ULL & mask;
    JitFixture jit;
    const uint64_t pc = 0x20000;
    ir::Block& block = jit.source.add(pc);
    {
      ir::Builder ir(block);
      const ir::Value addr = ir.add(ir.get_reg(ir::Type::I64, reg(0)), ir.imm64(c.offset));
      const ir::Value v = ir.constant(c.type, c.operand & mask);
      ir::Value old;
      if (c.cas) {
        const ir::Value expected = ir.load(c.type, addr);  // the current value, plus operand
        old = ir.atomic_cas(addr, ir.add(expected, v), ir.constant(c.type, desired));
      } else {
        old = ir.atomic_rmw(c.op, addr, v);
      }
      ir.set_reg(reg(1), bytes == 8 ? old : ir.emit(ir::Opcode::ZExt, ir::Type::I64, {old}));
      ir.jump(pc + 0x100);
    }
    ASSERT_EQ(ir::verify_block(block), "") << ir::print_block(block);
    uint64_t old = 0, next = 0;
    std::memcpy(&old, want.data() + c.offset, bytes);
    const auto sext = [&](uint64_t x) {
      const unsigned sh = 64 - 8 * bytes;
      return static_cast<int64_t>(x << sh) >> sh;
    };
    if (c.cas)
      next = c.operand == 0 ? desired : old;
    else if (c.op == ir::AtomicOp::Add)
      next = (old + c.operand) & mask;
    else if (c.op == ir::AtomicOp::Xor)
      next = old ^ c.operand;
    else if (c.op == ir::AtomicOp::MinS)
      next = sext(old) < sext(c.operand) ? old : c.operand;
    else
      next = c.operand;
    std::memcpy(want.data() + c.offset, &next, bytes);

    FakeState state{};
    state.r[0] = reinterpret_cast<uint64_t>(got.data());
    state.header.pc = pc;
    jit.engine->run(&state);
    EXPECT_EQ(state.header.pc, pc + 0x100);
    EXPECT_EQ(state.r[1], old) << "offset " << c.offset;
    EXPECT_EQ(jit.metrics.jit_fallback_blocks, 0u);
  }
  EXPECT_EQ(got, want);
}

// Byte equality and the byte mask (PCMPEQB, PMOVMSKB) at the edges random values rarely reach:
// equal bytes, and bytes that differ in one bit only, each bit of each byte in turn (the
// RISC-V64 backend computes them with carries inside each byte: lower_vector.cpp).
TEST(JitVsInterp, ByteEqualityAndMaskAtEveryBit) {
  JitFixture jit;
  const uint64_t pc = 0x30000;
  ir::Block& block = jit.source.add(pc);
  {
    ir::Builder ir(block);
    const ir::Value a = ir.get_reg(ir::Type::V128, vreg(0));
    const ir::Value b = ir.get_reg(ir::Type::V128, vreg(1));
    const ir::Value eq8 = ir.vbinary(Opcode::VCmpEq, 8, a, b);
    ir.set_reg(vreg(2), eq8);
    ir.set_reg(vreg(3), ir.vbinary(Opcode::VCmpEq, 64, a, b));
    ir.set_reg(reg(0), ir.emit(Opcode::ZExt, ir::Type::I64,
                               {ir.vreduce(Opcode::VMoveMask, ir::Type::I32, 8, eq8)}));
    ir.set_reg(reg(1), ir.emit(Opcode::ZExt, ir::Type::I64,
                               {ir.vreduce(Opcode::VMoveMask, ir::Type::I32, 8, a)}));
    ir.jump(pc + 0x100);
  }
  ASSERT_EQ(ir::verify_block(block), "") << ir::print_block(block);
  const uint64_t lo = 0x81107ffe00ff0180, hi = 0x7f80017e00fffe01;
  for (unsigned flip = 0; flip <= 128; ++flip) {  // 128: no bit flipped
    FakeState want{}, got{};
    want.v[0] = got.v[0] = lo;
    want.v[1] = got.v[1] = hi;
    want.v[2] = got.v[2] = lo ^ (flip < 64 ? uint64_t{1} << flip : 0);
    want.v[3] = got.v[3] = hi ^ (flip >= 64 && flip < 128 ? uint64_t{1} << (flip - 64) : 0);
    want.header.pc = got.header.pc = pc;
    interp::run_block(block, &want);
    jit.engine->run(&got);
    for (unsigned k = 4; k < 8; ++k) EXPECT_EQ(got.v[k], want.v[k]) << "flip " << flip << " v" << k;
    EXPECT_EQ(got.r[0], want.r[0]) << "flip " << flip;
    EXPECT_EQ(got.r[1], want.r[1]) << "flip " << flip;
  }
  EXPECT_EQ(jit.metrics.jit_fallback_blocks, 0u);
}

// Narrow loads sign-extended right after (RISC-V lb/lh/lw, AArch64 ldrs*), which the x86-64
// backend does in one MOVSX, next to a load also used elsewhere and a zero-extending one.
TEST(JitVsInterp, SignExtendedLoads) {
  JitFixture jit;
  const uint64_t pc = 0x30800;
  ir::Block& block = jit.source.add(pc);
  {
    ir::Builder ir(block);
    const ir::Value base = ir.imm64(reinterpret_cast<uint64_t>(g_memory));
    constexpr ir::Type kTypes[] = {ir::Type::I8, ir::Type::I16, ir::Type::I32};
    for (unsigned k = 0; k < 3; ++k) {
      const ir::Value v = ir.load(kTypes[k], ir.add(base, ir.imm64(8 * k)));
      ir.set_reg(reg(k), ir.sext(ir::Type::I64, v));
    }
    const ir::Value shared = ir.load(ir::Type::I16, ir.add(base, ir.imm64(32)));
    ir.set_reg(reg(3), ir.sext(ir::Type::I64, shared));
    ir.set_reg(reg(4), ir.zext(ir::Type::I64, shared));  // the narrow value is used again
    ir.set_reg(reg(5), ir.zext(ir::Type::I64, ir.load(ir::Type::I16, ir.add(base, ir.imm64(40)))));
    ir.jump(pc + 0x100);
  }
  ASSERT_EQ(ir::verify_block(block), "") << ir::print_block(block);
  for (const uint64_t fill :
       {0x8000000080808080ull, 0x7fffffff7f7f7f7full, 0xfffffffffffffffeull}) {
    for (unsigned k = 0; k < 6; ++k) std::memcpy(g_memory + 8 * k, &fill, 8);
    FakeState want{}, got{};
    want.header.pc = got.header.pc = pc;
    interp::run_block(block, &want);
    jit.engine->run(&got);
    for (unsigned k = 0; k < 6; ++k)
      EXPECT_EQ(got.r[k], want.r[k]) << std::hex << fill << " r" << k;
  }
  EXPECT_EQ(jit.metrics.jit_fallback_blocks, 0u);
}

// Truncations to 32 bits that the x86-64 backend folds into users that read only the low half
// of a register (32-bit ALU ops, shifts, rotates, compares, NZCV, MOVSXD, 32-bit stores), next
// to users that need the truncated value itself (a zero extension, a 64-bit use of the
// source). The sources have their upper halves set, so a user that read all 64 bits would
// show it.
TEST(JitVsInterp, TruncationsReadByLowHalfUsers) {
  JitFixture jit;
  const uint64_t pc = 0x30a00;
  ir::Block& block = jit.source.add(pc);
  {
    ir::Builder ir(block);
    const ir::Value x = ir.get_reg(ir::Type::I64, reg(0)), y = ir.get_reg(ir::Type::I64, reg(1));
    const ir::Value tx = ir.trunc(ir::Type::I32, x), ty = ir.trunc(ir::Type::I32, y);
    ir.set_reg(reg(2), ir.zext(ir::Type::I64, ir.add(tx, ty)));
    ir.set_reg(reg(3), ir.zext(ir::Type::I64, ir.mul(tx, ty)));
    ir.set_reg(reg(4), ir.zext(ir::Type::I64, ir.xor_(ir.sub(tx, ty), ir.and_(tx, ty))));
    ir.set_reg(reg(5), ir.zext(ir::Type::I64, ir.lts(tx, ty)));
    ir.set_reg(reg(6), ir.sext(ir::Type::I64, tx));
    ir.set_reg(reg(7),
               ir.zext(ir::Type::I64, ir.emit(ir::Opcode::NzcvSub, ir::Type::I32, {tx, ty})));
    ir.store(ir.imm64(reinterpret_cast<uint64_t>(g_memory)), ty);
    const ir::Value tz = ir.trunc(ir::Type::I32, ir.add(x, y));  // also read whole below
    ir.set_reg(reg(8), ir.zext(ir::Type::I64, ir.or_(tz, tx)));
    ir.set_reg(reg(9), ir.zext(ir::Type::I64, tz));
    ir.set_reg(reg(10), ir.add(x, y));
    ir.set_reg(reg(11), ir.zext(ir::Type::I64, ir.rotr(tx, ir.imm32(7))));
    ir.set_reg(reg(12), ir.zext(ir::Type::I64, ir.shl(tx, ty)));  // a variable count
    ir.set_reg(reg(13), ir.zext(ir::Type::I64, ir.sar(ty, ir.imm32(3))));
    ir.set_reg(reg(14), ir.zext(ir::Type::I64, ir.xor_(ir.neg(tx), ir.not_(ty))));
    ir.set_reg(reg(15), ir.zext(ir::Type::I64, ir.shr(ir.rotl(ty, tx), ir.imm32(1))));
    ir.jump(pc + 0x100);
  }
  ASSERT_EQ(ir::verify_block(block), "") << ir::print_block(block);
  for (const auto& [a, b] : {std::pair{0xfedcba9880000001ull, 0x12345678fffffffeull},
                             std::pair{0x00000001ffffffffull, 0xffffffff00000002ull}}) {
    FakeState want{}, got{};
    want.header.pc = got.header.pc = pc;
    want.r[0] = got.r[0] = a;
    want.r[1] = got.r[1] = b;
    std::memset(g_memory, 0xaa, 8);
    interp::run_block(block, &want);
    uint64_t stored_want;
    std::memcpy(&stored_want, g_memory, 8);
    std::memset(g_memory, 0xaa, 8);
    jit.engine->run(&got);
    uint64_t stored_got;
    std::memcpy(&stored_got, g_memory, 8);
    for (unsigned k = 2; k < 16; ++k) EXPECT_EQ(got.r[k], want.r[k]) << std::hex << a << " r" << k;
    EXPECT_EQ(stored_got, stored_want);
  }
  EXPECT_EQ(jit.metrics.jit_fallback_blocks, 0u);
}

// FAbs and FCmpUeq, as the AArch64 guard uses them (a NaN or the smallest normal magnitude
// leaves), and FNeg, on the values that decide it: +-the smallest normal, NaNs of either sign, a
// subnormal, zeros, one. Results in xmm and in general registers, compared with a constant from
// the literal pool and fused with a side exit or as a value.
TEST(JitVsInterp, MagnitudesEqualOrUnordered) {
  JitFixture jit;
  const uint64_t pc = 0x30b00;
  ir::Block& block = jit.source.add(pc);
  {
    ir::Builder ir(block);
    const Value d = ir.bitcast(Type::F64, ir.get_reg(Type::I64, reg(0)));
    const Value s = ir.bitcast(Type::F32, ir.trunc(Type::I32, ir.get_reg(Type::I64, reg(1))));
    const Value min_d = ir.bitcast(Type::F64, ir.imm64(0x0010000000000000));
    const Value min_s = ir.bitcast(Type::F32, ir.imm32(0x00800000));
    const Value abs_d = ir.fp(Opcode::FAbs, {d}), abs_s = ir.fp(Opcode::FAbs, {s});
    ir.set_reg(reg(2), ir.bitcast(Type::I64, abs_d));
    ir.set_reg(reg(3), ir.zext(Type::I64, ir.bitcast(Type::I32, abs_s)));
    ir.set_reg(reg(7), ir.zext(Type::I64, ir.bitcast(Type::I32, ir.fp(Opcode::FNeg, {s}))));
    const Value minus_min_d = ir.fp(Opcode::FNeg, {min_d});  // in an xmm register
    ir.set_reg(reg(8), ir.zext(Type::I64, ir.fcmp(Opcode::FCmpUeq, d, minus_min_d)));
    ir.set_reg(reg(4), ir.zext(Type::I64, ir.fcmp(Opcode::FCmpUeq, abs_s, min_s)));
    ir.set_reg(reg(5),
               ir.zext(Type::I64, ir.fcmp(Opcode::FCmpUeq, d, ir.fp(Opcode::FAdd, {d, d}))));
    ir.trap_if(ir.fcmp(Opcode::FCmpUeq, ir.fp(Opcode::FAbs, {ir.fp(Opcode::FMul, {d, d})}), min_d),
               ir::TrapKind::SlowPathRetry, pc);
    ir.trap_if(ir.fcmp(Opcode::FCmpUeq, abs_d, min_d), ir::TrapKind::SlowPathRetry, pc + 4);
    ir.set_reg(reg(6), ir.imm64(1));  // neither left
    ir.jump(pc + 0x100);
  }
  ASSERT_EQ(ir::verify_block(block), "") << ir::print_block(block);
  const uint64_t doubles[] = {0x0010000000000000, 0x8010000000000000, 0x7ff8000000000000,
                              0xfff8000000000001, 0x800fffffffffffff, 0,
                              0x8000000000000000, 0x3ff0000000000000, 0x2000000000000000};
  const uint64_t singles[] = {0x00800000, 0x80800000, 0x7fc00000, 0xffc00001, 0x807fffff,
                              0,          0x80000000, 0x3f800000, 0x20000000};
  for (size_t k = 0; k < std::size(doubles); ++k) {
    FakeState want{}, got{};
    want.header.pc = got.header.pc = pc;
    want.r[0] = got.r[0] = doubles[k];
    want.r[1] = got.r[1] = singles[k];
    const interp::BlockExit exit = interp::run_block(block, &want);
    jit.engine->run(&got);
    EXPECT_EQ(got.header.pc, exit.pc) << std::hex << doubles[k];
    for (unsigned r = 2; r < 9; ++r)
      EXPECT_EQ(got.r[r], want.r[r]) << std::hex << doubles[k] << " r" << r;
  }
  // The interpreter's own answers, so that both cannot be wrong alike.
  FakeState one{};
  one.header.pc = pc;
  one.r[0] = 0x8010000000000000;
  one.r[1] = 0x80800000;
  EXPECT_EQ(interp::run_block(block, &one).pc, pc + 4);  // the second side exit
  EXPECT_EQ(one.r[2], 0x0010000000000000u);
  EXPECT_EQ(one.r[4], 1u);
  EXPECT_EQ(one.r[7], 0x00800000u);
  EXPECT_EQ(one.r[8], 1u);
  EXPECT_EQ(jit.metrics.jit_fallback_blocks, 0u);
}

// Values the x86-64 backend folds into their users: base + index (scaled by 2, 4, 8, or plus a
// displacement, either operand order) in load and store addresses, masks only tested for zero
// (TEST), and bitcasts only FP ops read. Fourteen loads stay live to the end, so bases and
// indexes are spilled and reloaded on the way; a wrong scale, a lost operand or a register
// reused too early shows as a different result.
TEST(JitVsInterp, FoldedAddressesMasksAndBitcasts) {
  JitFixture jit;
  const uint64_t pc = 0x30c00;
  ir::Block& block = jit.source.add(pc);
  {
    ir::Builder ir(block);
    const Value base = ir.get_reg(Type::I64, reg(0));
    std::vector<Value> kept;
    for (unsigned k = 0; k < 14; ++k) {
      const Value index = ir.and_(ir.get_reg(Type::I64, reg(1 + k % 6)), ir.imm64(0x3f));
      const unsigned shift = k % 4;
      const Value scaled = shift ? ir.shl(index, ir.imm64(shift)) : index;
      const Value address = k % 2 ? ir.add(scaled, base) : ir.add(base, scaled);
      const Value at = k % 3 == 0 ? ir.add(address, ir.imm64(8 * k + 1)) : address;
      const Value v = ir.load(k % 5 == 0 ? Type::I32 : Type::I64, at);
      kept.push_back(v.type == Type::I64 ? v : ir.zext(Type::I64, v));
      if (k % 4 == 1)
        ir.store(ir.add(ir.imm64(64 * k), base),
                 ir.xor_(v, v.type == Type::I64 ? ir.imm64(k) : ir.imm32(k)));
    }
    Value sum = ir.imm64(0);
    for (unsigned k = 0; k < kept.size(); ++k) sum = ir.add(ir.rotl(sum, ir.imm64(7)), kept[k]);
    ir.set_reg(reg(7), sum);
    const Value x = ir.get_reg(Type::I64, reg(1));
    ir.set_reg(reg(8), ir.zext(Type::I64, ir.ne(ir.and_(x, ir.imm64(0x40)), ir.imm64(0))));
    ir.set_reg(reg(9),
               ir.zext(Type::I64, ir.eq(ir.and_(x, ir.get_reg(Type::I64, reg(2))), ir.imm64(0))));
    const Value narrow = ir.trunc(Type::I32, x);
    ir.set_reg(reg(10),
               ir.zext(Type::I64, ir.eq(ir.and_(narrow, ir.imm32(0x80000001)), ir.imm32(0))));
    const Value fbits = ir.load(Type::I64, ir.add(base, ir.imm64(16)));
    ir.set_reg(reg(13), fbits);  // the bits are used as an integer too
    const Value f = ir.bitcast(Type::F64, fbits);
    const Value g = ir.bitcast(Type::F64, ir.load(Type::I64, ir.add(base, ir.imm64(24))));
    ir.set_reg(reg(11),
               ir.bitcast(Type::I64, ir.fp(Opcode::FAdd, {ir.fp(Opcode::FMul, {f, g}), g})));
    ir.set_reg(reg(12), ir.zext(Type::I64, ir.fcmp(Opcode::FCmpLt, f, g)));
    ir.jump(pc + 0x100);
  }
  ASSERT_EQ(ir::verify_block(block), "") << ir::print_block(block);
  std::mt19937_64 rng(99);
  for (unsigned round = 0; round < 8; ++round) {
    for (auto& m : g_memory) m = static_cast<uint8_t>(rng());
    // Small FP values: the FMul and FAdd are exact or ordinary (no NaN payload questions).
    for (unsigned k = 0; k < 512; k += 8) {
      const double d = static_cast<double>(rng() % 1000) / 8.0;
      std::memcpy(g_memory + k, &d, 8);
    }
    const std::vector<uint8_t> before(g_memory, g_memory + sizeof g_memory);
    FakeState want{}, got{};
    want.header.pc = got.header.pc = pc;
    want.r[0] = got.r[0] = reinterpret_cast<uint64_t>(g_memory);
    for (unsigned k = 1; k < 7; ++k) want.r[k] = got.r[k] = rng();
    interp::run_block(block, &want);
    const std::vector<uint8_t> after_interp(g_memory, g_memory + sizeof g_memory);
    std::memcpy(g_memory, before.data(), before.size());
    jit.engine->run(&got);
    EXPECT_EQ(std::memcmp(g_memory, after_interp.data(), sizeof g_memory), 0) << "round " << round;
    for (unsigned k = 0; k < 16; ++k)
      EXPECT_EQ(got.r[k], want.r[k]) << "round " << round << " r" << k;
  }
  EXPECT_EQ(jit.metrics.jit_fallback_blocks, 0u);
}

// FP results that stay in vector registers (x86-64 hosts): chains of f32 and f64 ops with
// more live results than there are allocatable xmm registers, so some are spilled and read
// back by later ops, compares and bitcasts; square roots and fused multiply-adds among them.
TEST(JitVsInterp, FloatChainsInVectorRegisters) {
  JitFixture jit;
  const uint64_t pc = 0x30e00;
  ir::Block& block = jit.source.add(pc);
  {
    ir::Builder ir(block);
    for (const Type t : {Type::F64, Type::F32}) {
      const Type it = t == Type::F64 ? Type::I64 : Type::I32;
      const unsigned base = t == Type::F64 ? 0 : 8;
      std::vector<Value> live;
      for (unsigned k = 0; k < 4; ++k) live.push_back(ir.bitcast(t, ir.get_reg(it, reg(base + k))));
      for (unsigned k = 0; k < 12; ++k) {  // 16 live results: more than 8 xmm registers
        const Value a = live[k], b = live[k + 1], c = live[k + 2];
        switch (k % 5) {
          case 0:
            live.push_back(ir.fp(Opcode::FAdd, {a, b}));
            break;
          case 1:
            live.push_back(ir.fp(Opcode::FMul, {a, c}));
            break;
          case 2:
            live.push_back(ir.fp(Opcode::FSub, {b, a}));
            break;
          case 3:
            live.push_back(ir.fp(Opcode::FMulAdd, {a, b, c}));
            break;
          default:
            live.push_back(
                ir.fp(Opcode::FDiv, {a, ir.fp(Opcode::FSqrt, {ir.fp(Opcode::FMul, {b, b})})}));
            break;
        }
      }
      Value acc = ir.constant(it, 0);
      for (unsigned k = 0; k < live.size(); ++k) {
        acc = ir.add(ir.rotl(acc, ir.constant(it, 5)), ir.bitcast(it, live[k]));
        if (k + 1 < live.size())
          acc = ir.xor_(acc, ir.zext(it, ir.fcmp(k % 2 ? Opcode::FCmpLt : Opcode::FCmpLe, live[k],
                                                 live[k + 1])));
      }
      ir.set_reg(reg(base + 4), t == Type::F64 ? acc : ir.zext(Type::I64, acc));
      ir.set_reg(reg(base + 5), ir.zext(Type::I64, ir.fcmp(Opcode::FCmpEq, live[14], live[15])));
      // Bits only written to guest registers: one FP value dies there, one is read again.
      const Value last = ir.fp(Opcode::FMul, {live[15], live[14]});
      const Value again = ir.fp(Opcode::FAdd, {live[13], live[12]});
      ir.set_reg(reg(base + 6), ir.bitcast(it, last));
      ir.set_reg(reg(base + 7), ir.bitcast(it, again));
      // Over half of the last write (and, for f64, half of a register the f32 part reads).
      ir.set_reg(reg(base + 7) + 4, ir.bitcast(it, ir.fp(Opcode::FSub, {again, last})));
    }
    ir.jump(pc + 0x100);
  }
  ASSERT_EQ(ir::verify_block(block), "") << ir::print_block(block);
  std::mt19937_64 rng(7);
  for (unsigned round = 0; round < 16; ++round) {
    FakeState want{}, got{};
    want.header.pc = got.header.pc = pc;
    for (unsigned k = 0; k < 4; ++k) {  // ordinary values of both signs: no NaN payloads
      const double d = (static_cast<double>(rng() % 20000) - 10000.0) / 64.0;
      const float f = static_cast<float>(rng() % 20000) / 32.0f - 300.0f;
      std::memcpy(&want.r[k], &d, 8);
      uint32_t fb;
      std::memcpy(&fb, &f, 4);
      want.r[8 + k] = fb;
    }
    std::memcpy(got.r, want.r, sizeof want.r);
    interp::run_block(block, &want);
    jit.engine->run(&got);
    for (unsigned k = 0; k < 16; ++k)
      EXPECT_EQ(got.r[k], want.r[k]) << "round " << round << " r" << k;
  }
  EXPECT_EQ(jit.metrics.jit_fallback_blocks, 0u);
}

// v128 constants of every shape the backends materialise specially (zero, all ones, the
// low-half mask of 64-bit vector ops, equal or zero halves), mixed into a register value.
TEST(JitVsInterp, VectorConstantsOfEveryShape) {
  JitFixture jit;
  const uint64_t pc = 0x31000;
  ir::Block& block = jit.source.add(pc);
  constexpr uint64_t kOnes = ~uint64_t{0}, kX = 0x0123456789abcdef, kY = 0xfedcba9876543210;
  static constexpr uint64_t kShapes[][2] = {{0, 0},   {kOnes, 0}, {kOnes, kOnes}, {kX, 0},
                                            {kX, kX}, {kX, kY},   {0, kY},        {0, kOnes}};
  {
    ir::Builder ir(block);
    ir::Value r = ir.get_reg(ir::Type::V128, vreg(0));
    unsigned out = 1;
    for (const auto& c : kShapes) {
      const ir::Value k = ir.vconst(c[0], c[1]);
      r = ir.vbinary(Opcode::VAdd, 64, ir.vbinary(Opcode::VXor, 64, r, k), k);
      if (out < 4) ir.set_reg(vreg(out++), ir.vbinary(Opcode::VAnd, 64, r, k));
    }
    ir.set_reg(vreg(0), r);
    ir.jump(pc + 0x100);
  }
  ASSERT_EQ(ir::verify_block(block), "") << ir::print_block(block);
  FakeState want{}, got{};
  want.v[0] = got.v[0] = 0x8877665544332211;
  want.v[1] = got.v[1] = 0x1122334455667788;
  want.header.pc = got.header.pc = pc;
  interp::run_block(block, &want);
  jit.engine->run(&got);
  for (unsigned k = 0; k < 8; ++k) EXPECT_EQ(got.v[k], want.v[k]) << "v" << k;
  EXPECT_EQ(jit.metrics.jit_fallback_blocks, 0u);
}

TEST(JitVsInterp, SelfLoops) {
  fuzz_loops(5, 600, 10);
}
TEST(JitVsInterp, LongSelfLoopsUnderRegisterPressure) {
  fuzz_loops(6, 150, 80);
}

TEST(JitVsInterp, ShortOptimizedBlocks) {
  fuzz(1, 1500, 12, true);
}
TEST(JitVsInterp, ShortRawBlocks) {
  fuzz(2, 1500, 12, false);
}
// Long blocks keep more values live than there are host registers: spills and reloads.
TEST(JitVsInterp, LongBlocksUnderRegisterPressure) {
  fuzz(3, 300, 120, false);
}
TEST(JitVsInterp, LongOptimizedBlocks) {
  fuzz(4, 300, 120, true);
}
// x86-64 guests on a weakly ordered host: ordered accesses, misaligned ones included.
TEST(JitVsInterp, ShortBlocksInTsoOrder) {
  fuzz(7, 1000, 12, false, true);
}
TEST(JitVsInterp, LongBlocksInTsoOrder) {
  fuzz(8, 200, 120, true, true);
}

#if defined(__aarch64__)
// The AArch64 backend's atomics are LSE instructions when the host has them and LDAXR/STLXR
// loops otherwise: both paths, whatever this host reports (backend/aarch64/host_features.h).
void fuzz_with_lse(bool lse, uint32_t seed) {
  const backend::aarch64::HostFeatures detected = backend::aarch64::host_features();
  backend::aarch64::set_host_features({lse});
  fuzz(seed, 1000, 12, true);
  fuzz(seed + 1, 200, 120, false, true);
  backend::aarch64::set_host_features(detected);
}
TEST(JitVsInterp, Aarch64AtomicsAsExclusiveLoops) {
  fuzz_with_lse(false, 40);
}
TEST(JitVsInterp, Aarch64AtomicsAsLse) {
  fuzz_with_lse(true, 50);
}
#endif

#if defined(__riscv)
// The RISC-V64 backend lowers some ops with Zba/Zbb when the host has them and without them
// otherwise: both paths, whatever this host reports (backend/riscv64/host_features.h).
void fuzz_with_features(const backend::riscv64::HostFeatures& features, uint32_t seed) {
  const backend::riscv64::HostFeatures detected = backend::riscv64::host_features();
  backend::riscv64::set_host_features(features);
  fuzz(seed, 1000, 12, true);
  fuzz(seed + 1, 200, 120, false);
  fuzz_loops(seed + 2, 300, 10);
  backend::riscv64::set_host_features(detected);
}
TEST(JitVsInterp, RiscvBaseIsaOnly) {
  fuzz_with_features({false, false}, 20);
}
TEST(JitVsInterp, RiscvWithZbaZbb) {
  fuzz_with_features({true, true}, 30);
}
#endif

}  // namespace
}  // namespace xisa::backend_test

#endif  // defined(__x86_64__) || defined(__aarch64__) || defined(__riscv)
