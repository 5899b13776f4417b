// V cases the qemu recording (rvv_qemu_oracle_test.cpp) cannot hold: the vector CSRs, vill
// before any vsetvl, FP at SEW 16 without Zvfh (qemu 7.2 runs it), and the rtz conversions
// (qemu 7.2 aborts on them). Expectations are the spec's: RTZ truncation with the F chapter's
// saturation and flags (invalid: NV only, largest value of the sign; inexact: NX).
#include <gtest/gtest.h>

#include <cstring>

#include "frontend/riscv64/fp_format.h"
#include "rv64_asm.h"
#include "rv64_harness.h"

namespace xisa::riscv64::testing {
namespace {

using namespace rvasm;

constexpr uint32_t op_v(unsigned funct6, unsigned vs2, unsigned vs1, unsigned funct3, unsigned vd) {
  return (funct6 << 26) | (1u << 25) | (vs2 << 20) | (vs1 << 15) | (funct3 << 12) | (vd << 7) |
         0x57;
}
constexpr uint32_t vsetivli_x0(unsigned avl, unsigned vtype) {
  return (3u << 30) | (vtype << 20) | (avl << 15) | (7u << 12) | 0x57;
}
constexpr unsigned kE16 = 1 << 3, kE32 = 2 << 3;
constexpr unsigned kVstart = 0x008, kVxsat = 0x009, kVxrm = 0x00a, kVcsr = 0x00f, kVl = 0xc20,
                   kVtype = 0xc21, kVlenb = 0xc22;
constexpr uint32_t kVaddVV = op_v(0, 2, 3, 0, 1);  // vadd.vv v1, v2, v3
constexpr unsigned kOpfvv = 1, kVfunary0 = 022;

bool illegal(Rv64Harness& h, const interp::BlockExit& exit, unsigned index) {
  return exit.kind == interp::ExitKind::Trap && exit.trap == ir::TrapKind::IllegalInstruction &&
         exit.pc == h.code_addr() + 4 * index;
}

TEST(Rvv, VectorInstructionsAreIllegalUntilAVsetvl) {
  Rv64Harness h;
  h.state.vtype = kVtypeVill;  // as at exec (riscv64_guest.cpp)
  EXPECT_TRUE(illegal(h, h.run({kVaddVV}), 0));
  const interp::BlockExit exit = h.run({vsetivli_x0(4, kE32), kVaddVV});
  EXPECT_EQ(exit.pc, h.code_addr() + 8);
  EXPECT_EQ(h.state.vl, 4u);
}

TEST(Rvv, CsrsReadTheVectorState) {
  Rv64Harness h;
  h.state.vxrm = 2;
  h.state.vxsat = 1;
  h.run({vsetivli_x0(3, kE16 | 1), csrrs(5, kVlenb, 0), csrrs(6, kVl, 0), csrrs(7, kVtype, 0),
         csrrs(8, kVcsr, 0), csrrs(9, kVstart, 0)});
  EXPECT_EQ(h.state.x[5], 16u);
  EXPECT_EQ(h.state.x[6], 3u);
  EXPECT_EQ(h.state.x[7], kE16 | 1u);
  EXPECT_EQ(h.state.x[8], 5u);  // vxrm << 1 | vxsat
  EXPECT_EQ(h.state.x[9], 0u);
  h.state.x[10] = 0x7;
  h.run({csrrw(0, kVcsr, 10)});
  EXPECT_EQ(h.state.vxrm, 3u);
  EXPECT_EQ(h.state.vxsat, 1u);
  h.run({csrrwi(0, kVxrm, 1), csrrwi(0, kVxsat, 0)});
  EXPECT_EQ(h.state.vxrm, 1u);
  EXPECT_EQ(h.state.vxsat, 0u);
}

TEST(Rvv, ReadOnlyCsrsAreIllegalToWrite) {
  for (unsigned csr : {kVl, kVtype, kVlenb}) {
    Rv64Harness h;
    EXPECT_TRUE(illegal(h, h.run({csrrw(5, csr, 6)}), 0)) << std::hex << csr;
  }
}

TEST(Rvv, NoFpAtSew16WithoutZvfh) {
  Rv64Harness h;
  const uint32_t vfadd = op_v(0, 2, 3, kOpfvv, 1);
  EXPECT_TRUE(illegal(h, h.run({vsetivli_x0(4, kE16), vfadd}), 1));
  EXPECT_EQ(h.run({vsetivli_x0(4, kE32), vfadd}).pc, h.code_addr() + 8);
}

float f32(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}
template <typename T>
void put(Rv64Harness& h, unsigned reg, const T (&values)[4]) {
  std::memcpy(h.state.v[reg], values, sizeof values > 16 ? 16 : sizeof values);
}

TEST(Rvv, RtzConversionsTruncateAndSaturate) {
  Rv64Harness h;
  const float in[4] = {1.75f, -1.75f, 3e9f, f32(0x7fc00000)};
  put(h, 2, in);
  h.state.frm = 4;  // rtz ignores frm
  // vfcvt.rtz.x.f.v v1, v2 (e32)
  h.run({vsetivli_x0(4, kE32), op_v(kVfunary0, 2, 7, kOpfvv, 1)});
  int32_t out[4];
  std::memcpy(out, h.state.v[1], 16);
  EXPECT_EQ(out[0], 1);
  EXPECT_EQ(out[1], -1);
  EXPECT_EQ(out[2], INT32_MAX);  // out of range: NV
  EXPECT_EQ(out[3], INT32_MAX);  // NaN: the largest value, NV
  EXPECT_EQ(h.state.fflags, fp::kNV | fp::kNX);
  // vfcvt.rtz.xu.f.v: negative values truncate to 0 when above -1 (NX), else NV
  h.state.fflags = 0;
  const float small[4] = {-0.5f, 2.5f, -1.0f, 7.0f};
  put(h, 2, small);
  h.run({vsetivli_x0(4, kE32), op_v(kVfunary0, 2, 6, kOpfvv, 1)});
  uint32_t uout[4];
  std::memcpy(uout, h.state.v[1], 16);
  EXPECT_EQ(uout[0], 0u);
  EXPECT_EQ(uout[1], 2u);
  EXPECT_EQ(uout[2], 0u);
  EXPECT_EQ(uout[3], 7u);
  EXPECT_EQ(h.state.fflags, fp::kNV | fp::kNX);
}

TEST(Rvv, RtzWideningAndNarrowingConversions) {
  Rv64Harness h;
  const float in[4] = {-2.9f, 5e9f, 0, 0};
  put(h, 2, in);
  // vfwcvt.rtz.x.f.v v4, v2 (e32 -> i64): exact range, truncated
  h.run({vsetivli_x0(2, kE32), op_v(kVfunary0, 2, 15, kOpfvv, 4)});
  int64_t wide[2];
  std::memcpy(wide, h.state.v[4], 16);
  EXPECT_EQ(wide[0], -2);
  EXPECT_EQ(wide[1], 5000000000);
  EXPECT_EQ(h.state.fflags, fp::kNX);
  // vfncvt.rtz.x.f.w v1, v4 (f64 -> i32 at e32): 1e10 saturates (NV only), -7.5 truncates (NX)
  h.state.fflags = 0;
  const double d[2] = {1e10, -7.5};
  std::memcpy(h.state.v[4], d, 16);
  h.run({vsetivli_x0(2, kE32), op_v(kVfunary0, 4, 23, kOpfvv, 1)});
  int32_t narrow[2];
  std::memcpy(narrow, h.state.v[1], 8);
  EXPECT_EQ(narrow[0], INT32_MAX);
  EXPECT_EQ(narrow[1], -7);
  EXPECT_EQ(h.state.fflags, fp::kNV | fp::kNX);
}

}  // namespace
}  // namespace xisa::riscv64::testing
