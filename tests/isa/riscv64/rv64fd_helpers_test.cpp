// The F/D (and Zfh) helper tables: names follow the instructions (--dump-ir prints them and a
// persisted block refers to helpers by name, so they must be unique) and every op has a function.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "frontend/riscv64/fp_helpers.h"

namespace xisa::riscv64::fp {
namespace {

TEST(Rv64FdHelpers, NamedAfterInstructionsAndUnique) {
  EXPECT_STREQ(helper<float>(FpOp::Add).name, "riscv64.fadd_s");
  EXPECT_STREQ(helper<double>(FpOp::ToWu).name, "riscv64.fcvt_wu_d");
  EXPECT_STREQ(helper<float>(FpOp::FromLu).name, "riscv64.fcvt_s_lu");
  EXPECT_STREQ(helper<float>(FpOp::FromOther).name, "riscv64.fcvt_s_d");
  EXPECT_STREQ(helper<double>(FpOp::FromOther).name, "riscv64.fcvt_d_s");
  EXPECT_STREQ(fma_helper<double>(4).name, "riscv64.fma_d.rmm");
  EXPECT_STREQ(fma_helper<float>(7).name, "riscv64.fma_s.dyn");
  EXPECT_STREQ(helper<float>(FpOp::FromHalf).name, "riscv64.fcvt_s_h");
  EXPECT_STREQ(helper<Half>(FpOp::Add).name, "riscv64.fadd_h");
  EXPECT_STREQ(helper<Half>(FpOp::FromW).name, "riscv64.fcvt_h_w");
  EXPECT_STREQ(helper<Half>(FpOp::ToLu).name, "riscv64.fcvt_lu_h");
  EXPECT_STREQ(fma_helper<Half>(7).name, "riscv64.fma_h.dyn");
  std::set<std::string> names = {kFcvtHS.name, kFcvtHD.name, kFcvtModWD.name};
  for (unsigned i = 0; i < static_cast<unsigned>(FpOp::Count); ++i) {
    for (const ir::HelperInfo* h : {&helper<float>(FpOp(i)), &helper<double>(FpOp(i))}) {
      EXPECT_NE(h->fn, nullptr) << h->name;
      EXPECT_TRUE(names.insert(h->name).second) << "duplicate " << h->name;
    }
    // Halves have every op but FromOther and FromHalf, whose places kFcvtHS/kFcvtHD take.
    const ir::HelperInfo& half = helper<Half>(FpOp(i));
    if (FpOp(i) == FpOp::FromOther || FpOp(i) == FpOp::FromHalf) {
      EXPECT_EQ(half.fn, nullptr);
      continue;
    }
    ASSERT_NE(half.fn, nullptr) << i;
    EXPECT_TRUE(names.insert(half.name).second) << "duplicate " << half.name;
  }
}

}  // namespace
}  // namespace xisa::riscv64::fp
