// The oracle checked against the manual: Unicorn plus the corrections of
// rv64_unicorn_runner.h must give the results the F, D and A chapters define, on the cases where
// plain Unicorn 2.0.1 does not. Expected values are worked out by hand from the spec.
#include <gtest/gtest.h>
#include <sys/mman.h>

#include <cstring>

#include "rv64_fuzz_gen.h"
#include "rv64_unicorn_runner.h"

namespace xisa::riscv64::fuzz {
namespace {

constexpr uint64_t kOneS = 0xffffffff3f800000;  // 1.0f, NaN-boxed
constexpr uint64_t kCanonicalNanS = 0xffffffff7fc00000;
constexpr uint32_t kNV = 0x10;

// OP-FP R-type: funct7 rs2 rs1 rm rd 1010011.
constexpr uint32_t op_fp(uint32_t funct7, uint32_t rs2, uint32_t rs1, uint32_t rm, uint32_t rd) {
  return funct7 << 25 | rs2 << 20 | rs1 << 15 | rm << 12 | rd << 7 | 0x53;
}

class Rv64UnicornShim : public ::testing::Test {
 protected:
  Rv64UnicornShim() {
    pages_ = static_cast<uint8_t*>(
        mmap(nullptr, 2 * kPageSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    runner_ = std::make_unique<UnicornRunner>(code(), code() + kPageSize);
  }
  ~Rv64UnicornShim() override {
    runner_.reset();
    munmap(pages_, 2 * kPageSize);
  }
  uint64_t code() const { return reinterpret_cast<uint64_t>(pages_); }

  // Runs one instruction named by its table mnemonic from state s.
  RunOutcome run(const char* name, uint32_t word) {
    GenInsn g;
    g.name = name;
    g.word = word;
    g.shim = unicorn_shim_for(name);
    std::memcpy(pages_, &word, 4);
    return runner_->run({g}, 1, 4, s);
  }

  FuzzState s;

 private:
  uint8_t* pages_;
  std::unique_ptr<UnicornRunner> runner_;
};

TEST_F(Rv64UnicornShim, SingleResultIsNanBoxed) {
  s.f[1] = s.f[2] = kOneS;
  ASSERT_FALSE(run("fadd_s", op_fp(0x00, 2, 1, 0, 3)).trapped);
  EXPECT_EQ(s.f[3], 0xffffffff40000000u);  // 2.0f boxed
  EXPECT_EQ(s.fflags, 0u);
}

TEST_F(Rv64UnicornShim, UnboxedInputIsCanonicalNan) {
  s.f[1] = 0x000000003f800000;  // 1.0f without the box: reads as the canonical NaN
  s.f[2] = kOneS;
  ASSERT_FALSE(run("fadd_s", op_fp(0x00, 2, 1, 0, 3)).trapped);
  EXPECT_EQ(s.f[3], kCanonicalNanS);
  EXPECT_EQ(s.fflags, 0u);  // a quiet NaN raises nothing
  EXPECT_EQ(s.f[1], 0x000000003f800000u) << "the source register keeps its bits";
}

TEST_F(Rv64UnicornShim, WideningAnUnboxedSingleInPlaceGivesCanonicalNan) {
  s.f[24] = 0xc1e0000000000000;  // a double: not a boxed single
  ASSERT_FALSE(run("fcvt_d_s", op_fp(0x21, 0, 24, 0, 24)).trapped);
  EXPECT_EQ(s.f[24], 0x7ff8000000000000u);
}

// fnmsub.d f23, f9, f0, f10 with -0 x inf and a quiet NaN addend: canonical NaN and NV.
TEST_F(Rv64UnicornShim, FusedInfinityTimesZeroPlusQuietNanRaisesInvalid) {
  s.f[9] = 0x8000000000000000;
  s.f[0] = 0x7ff0000000000000;
  s.f[10] = 0xfff8000000000001;
  ASSERT_FALSE(run("fnmsub_d", 0x5204fbcb).trapped);
  EXPECT_EQ(s.f[23], 0x7ff8000000000000u);
  EXPECT_EQ(s.fflags, kNV);
}

TEST_F(Rv64UnicornShim, FclassOfUnboxedIsQuietNan) {
  s.f[1] = 0x1234567800000000;
  ASSERT_FALSE(run("fclass_s", op_fp(0x70, 0, 1, 1, 3)).trapped);
  EXPECT_EQ(s.x[3], 1u << 9);  // class bit 9: quiet NaN
}

TEST_F(Rv64UnicornShim, FminWithSignalingNanReturnsOtherOperand) {
  s.f[1] = 0xffffffff7f800001;  // sNaN
  s.f[2] = kOneS;
  ASSERT_FALSE(run("fmin_s", op_fp(0x14, 2, 1, 0, 3)).trapped);
  EXPECT_EQ(s.f[3], kOneS);
  EXPECT_EQ(s.fflags, kNV);
}

TEST_F(Rv64UnicornShim, FmaxDoubleWithSignalingNanReturnsOtherOperand) {
  s.f[1] = 0x4000000000000000;  // 2.0
  s.f[2] = 0x7ff0000000000001;  // sNaN
  ASSERT_FALSE(run("fmax_d", op_fp(0x15, 2, 1, 1, 3)).trapped);
  EXPECT_EQ(s.f[3], 0x4000000000000000u);
  EXPECT_EQ(s.fflags, kNV);
}

TEST_F(Rv64UnicornShim, FminOfTwoNansIsCanonical) {
  s.f[1] = 0xffffffff7f800001;
  s.f[2] = 0xffffffff7fc00005;
  ASSERT_FALSE(run("fmin_s", op_fp(0x14, 2, 1, 0, 3)).trapped);
  EXPECT_EQ(s.f[3], kCanonicalNanS);
  EXPECT_EQ(s.fflags, kNV);
}

TEST_F(Rv64UnicornShim, ReservedRoundingModeTrapsAtThatInstruction) {
  s.f[1] = s.f[2] = kOneS;
  s.f[3] = 7;
  const RunOutcome r = run("fadd_s", op_fp(0x00, 2, 1, 5, 3));
  EXPECT_TRUE(r.trapped);
  EXPECT_EQ(r.trap_pc, code());
  EXPECT_EQ(s.f[3], 7u) << "a trapping instruction has no effect";
}

TEST_F(Rv64UnicornShim, DynamicRoundingWithInvalidFrmTraps) {
  s.f[1] = s.f[2] = kOneS;
  s.f[3] = 7;
  s.frm = 5;
  const RunOutcome r = run("fadd_s", op_fp(0x00, 2, 1, 7, 3));
  EXPECT_TRUE(r.trapped);
  EXPECT_EQ(s.f[3], 7u);
}

TEST_F(Rv64UnicornShim, DivideByZeroSetsDz) {
  s.f[1] = 0x3ff0000000000000;
  s.f[2] = 0;
  s.frm = 0;
  ASSERT_FALSE(run("fdiv_d", op_fp(0x0d, 2, 1, 7, 3)).trapped);  // dynamic rounding
  EXPECT_EQ(s.f[3], 0x7ff0000000000000u);
  EXPECT_EQ(s.fflags, 0x08u);
}

// amomax.w a0, a1, (a2): the words compare as signed 32-bit values, rs2's upper half ignored.
TEST_F(Rv64UnicornShim, AmoMaxWordComparesLow32BitsSigned) {
  const uint64_t word_addr = code() + kPageSize;
  const int32_t initial = static_cast<int32_t>(0x80fdfb83);
  std::memcpy(reinterpret_cast<void*>(word_addr), &initial, 4);
  s.x[11] = 0x12345678c8acad5b;  // low word -928207525 > -2130838653
  s.x[12] = word_addr;
  ASSERT_FALSE(run("amomax_w", 0xa0b6252f).trapped);
  int32_t now;
  std::memcpy(&now, reinterpret_cast<void*>(word_addr), 4);
  EXPECT_EQ(static_cast<uint32_t>(now), 0xc8acad5bu);
  EXPECT_EQ(s.x[10], 0xffffffff80fdfb83u);  // the old word, sign-extended
}

// amomaxu.w: unsigned 32-bit compare; 0xcf238b4f > 0x97437800.
TEST_F(Rv64UnicornShim, AmoMaxuWordComparesLow32BitsUnsigned) {
  const uint64_t word_addr = code() + kPageSize;
  const uint32_t initial = 0xcf238b4f;
  std::memcpy(reinterpret_cast<void*>(word_addr), &initial, 4);
  s.x[11] = 0x0000000197437800;
  s.x[12] = word_addr;
  ASSERT_FALSE(run("amomaxu_w", 0xe0b6252f).trapped);
  uint32_t now;
  std::memcpy(&now, reinterpret_cast<void*>(word_addr), 4);
  EXPECT_EQ(now, 0xcf238b4fu);
  EXPECT_EQ(s.x[10], 0xffffffffcf238b4fu);
}

}  // namespace
}  // namespace xisa::riscv64::fuzz
