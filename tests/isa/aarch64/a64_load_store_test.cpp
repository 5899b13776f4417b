// A64 loads and stores: every addressing mode, pairs, literals, SIMD&FP registers,
// exclusives and acquire/release. Expected values follow the Arm ARM's address computations.
#include <gtest/gtest.h>

#include "a64_harness.h"

namespace xisa::aarch64::testing {
namespace {

void put64(uint8_t* p, uint64_t v) {
  std::memcpy(p, &v, 8);
}
uint64_t get64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
uint32_t get32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

TEST(A64LoadStore, SingleRegisterAddressingModes) {
  A64Harness h;
  uint8_t* d = h.data();
  for (int i = 0; i < 64; ++i) d[i] = static_cast<uint8_t>(0x80 + i);
  const uint64_t base = h.data_addr() + 16;
  h.state.x[1] = base;
  h.state.x[5] = 0xdeadbeef;
  h.state.x[6] = 2;
  h.state.x[8] = 0xfffffffe;  // sxtw: -2, scaled by 8: -16
  // ldr x0, [x1, #8]; ldrsw x2, [x1, #4]; ldrb w3, [x1, #-1]!; ldrsh x4, [x1], #2;
  // str w5, [x1, x6, lsl #2]; ldr x7, [x1, w8, sxtw #3]; ldur w9, [x1, #3]
  h.run({0xf9400420, 0xb9800422, 0x385ffc23, 0x78802424, 0xb8267825, 0xf868d827, 0xb8403029});
  EXPECT_EQ(h.last_ir_error, "");
  EXPECT_EQ(h.state.x[0], 0x9f9e9d9c9b9a9998u);                 // d[24..31] before the store below
  EXPECT_EQ(h.state.x[2], 0xffffffff00000000 | get32(d + 20));  // bytes 0x94.. sign bit set
  EXPECT_EQ(h.state.x[3], 0x8fu);                               // d[15], base becomes 15
  EXPECT_EQ(h.state.x[4], 0xffffffffffff908fu);                 // d[15..16] sign-extended
  EXPECT_EQ(h.state.x[1], base + 1);                            // -1 then +2
  EXPECT_EQ(get32(d + 17 + 8), 0xdeadbeefu);                    // [x1 + 2*4]
  EXPECT_EQ(h.state.x[7], get64(d + 1));                        // x1 - 16
  EXPECT_EQ(h.state.x[9], get32(d + 20));
}

TEST(A64LoadStore, PairsWithWriteback) {
  A64Harness h;
  uint8_t* d = h.data();
  for (int i = 0; i < 64; ++i) d[i] = static_cast<uint8_t>(i * 3);
  const uint64_t base = h.data_addr() + 32;
  h.state.x[2] = base;
  h.state.x[3] = 0x11111111;
  h.state.x[4] = 0xf2222222;
  // ldp x0, x1, [x2, #16]; stp w3, w4, [x2, #-8]!; ldpsw x5, x6, [x2], #8
  h.run({0xa9410440, 0x29bf1043, 0x68c11845});
  EXPECT_EQ(h.state.x[0], get64(d + 48));
  EXPECT_EQ(h.state.x[1], get64(d + 56));
  EXPECT_EQ(h.state.x[5], 0x11111111u);
  EXPECT_EQ(h.state.x[6], 0xfffffffff2222222u);
  EXPECT_EQ(h.state.x[2], base);  // -8 then +8
}

TEST(A64LoadStore, SimdRegistersZeroTheRest) {
  A64Harness h;
  uint8_t* d = h.data();
  for (int i = 0; i < 48; ++i) d[i] = static_cast<uint8_t>(i);
  h.state.x[1] = h.data_addr();
  h.state.v[3] = {~uint64_t{0}, ~uint64_t{0}};
  // ldr q0, [x1]; str d0, [x1, #32]; ldp q1, q2, [x1]; ldr s3, [x1, #4]; ldr b4, [x1, #15]
  h.run({0x3dc00020, 0xfd001020, 0xad400821, 0xbd400423, 0x3d403c24});
  EXPECT_EQ(h.state.v[0].lo, 0x0706050403020100u);
  EXPECT_EQ(h.state.v[0].hi, 0x0f0e0d0c0b0a0908u);
  EXPECT_EQ(get64(d + 32), 0x0706050403020100u);
  EXPECT_EQ(h.state.v[2].lo, 0x1716151413121110u);
  EXPECT_EQ(h.state.v[3].lo, 0x07060504u);
  EXPECT_EQ(h.state.v[3].hi, 0u);
  EXPECT_EQ(h.state.v[4].lo, 0x0fu);
}

TEST(A64LoadStore, Literals) {
  A64Harness h;
  // ldr x0, lit; ldr w1, lit; ldrsw x2, lit; ldr q3, lit; nop; lit: .quad ...; .quad ...
  h.run({0x580000a0, 0x18000081, 0x98000062, 0x9c000043, 0xd503201f, 0xfffffff0, 0x80000000,
         0x55667788, 0x11223344});
  EXPECT_EQ(h.state.x[0], 0x80000000fffffff0u);
  EXPECT_EQ(h.state.x[1], 0xfffffff0u);
  EXPECT_EQ(h.state.x[2], 0xfffffffffffffff0u);
  EXPECT_EQ(h.state.v[3].hi, 0x1122334455667788u);
}

TEST(A64Exclusive, StoreSucceedsOnceAndClrexBreaksTheReservation) {
  A64Harness h;
  put64(h.data(), 41);
  h.state.x[1] = h.data_addr();
  // ldxr x0, [x1]; add x0, x0, #1; stxr w2, x0, [x1]; stxr w3, x0, [x1]; ldaxr w4, [x1]; clrex;
  // stlxr w5, w4, [x1]; ldar x6, [x1]; stlr x6, [x1]
  h.run({0xc85f7c20, 0x91000400, 0xc8027c20, 0xc8037c20, 0x885ffc24, 0xd5033f5f, 0x8805fc24,
         0xc8dffc26, 0xc89ffc26});
  EXPECT_EQ(h.last_ir_error, "");
  EXPECT_EQ(get64(h.data()), 42u);
  EXPECT_EQ(h.state.x[2], 0u);  // first store wins
  EXPECT_EQ(h.state.x[3], 1u);  // the reservation is gone
  EXPECT_EQ(h.state.x[5], 1u);  // cleared by CLREX
  EXPECT_EQ(h.state.x[6], 42u);
}

TEST(A64Exclusive, StoreFailsWhenMemoryChanged) {
  A64Harness h;
  put64(h.data(), 5);
  h.state.x[1] = h.data_addr();
  h.run({0xc85f7c20});  // ldxr x0, [x1]
  put64(h.data(), 6);   // another writer
  h.run({0xc8027c20});  // stxr w2, x0, [x1]
  EXPECT_EQ(h.state.x[2], 1u);
  EXPECT_EQ(get64(h.data()), 6u);
}

TEST(A64Exclusive, Pairs) {
  A64Harness h;
  put64(h.data(), 1);
  put64(h.data() + 8, 2);
  h.state.x[2] = h.data_addr();
  // ldxp x0, x1, [x2]; stxp w3, x1, x0, [x2]; ldxp w4, w5, [x2]; stxp w6, w5, w4, [x2]
  h.run({0xc87f0440, 0xc8230041, 0x887f1444, 0x88261045});
  EXPECT_EQ(h.state.x[3], 0u);
  EXPECT_EQ(h.state.x[6], 0u);
  // After the swap memory holds 2, 1; the W pair read words 2 and 0 and swapped them back.
  EXPECT_EQ(h.state.x[4], 2u);
  EXPECT_EQ(h.state.x[5], 0u);
  EXPECT_EQ(get64(h.data()), 0x200000000u);
  EXPECT_EQ(get64(h.data() + 8), 1u);
}

TEST(A64Atomic, CompareAndSwapPairs) {
  A64Harness h;
  put64(h.data(), 1);
  put64(h.data() + 8, 2);
  h.state.x[1] = h.data_addr();
  h.state.x[4] = 1;
  h.state.x[5] = 2;
  h.state.x[6] = 0x66;
  h.state.x[7] = 0x77;
  h.state.x[8] = 0x1111111100000002;  // W pair: compares the words 2 and 0 of memory
  h.state.x[9] = 0;
  h.state.x[10] = 0xaaaa;
  h.state.x[11] = 0xbbbb;
  // casp x4, x5, x6, x7, [x1] (matches); casp x4, x5, x6, x7, [x1] (memory changed: fails and
  // loads it); add x1, x1, #8; caspal w8, w9, w10, w11, [x1]
  h.run({0x48247c26, 0x48247c26, 0x91002021, 0x0868fc2a});
  EXPECT_EQ(h.last_ir_error, "");
  EXPECT_EQ(get64(h.data()), 0x66u);
  EXPECT_EQ(h.state.x[4], 0x66u);
  EXPECT_EQ(h.state.x[5], 0x77u);
  EXPECT_EQ(h.state.x[8], 0x77u);  // memory at +8 held 0x77, 0: no match, both loaded
  EXPECT_EQ(h.state.x[9], 0u);
  EXPECT_EQ(get64(h.data() + 8), 0x77u);
}

TEST(A64Atomic, MisalignedAccessesRaiseSigbus) {
  A64Harness h;
  h.state.x[1] = h.data_addr() + 2;
  // ldadd w0, w3, [x1]; cas x4, x0, [x1]; casp x4, x5, x6, x7, [x1] at +8; ldaddh at +2 is fine
  for (uint32_t word : {0xb8200023u, 0xc8a47c20u}) {
    const auto exit = h.run({word});
    EXPECT_EQ(exit.kind, interp::ExitKind::Trap);
    EXPECT_EQ(exit.trap, ir::TrapKind::MisalignedAtomic);
    EXPECT_EQ(exit.pc, h.code_addr());
  }
  h.state.x[1] = h.data_addr() + 8;
  EXPECT_EQ(h.run({0x48247c26}).trap, ir::TrapKind::MisalignedAtomic);
  h.state.x[1] = h.data_addr() + 2;
  h.state.x[0] = 0x10001;
  put64(h.data(), 0x0000000000120000);
  const auto last = h.run({0x78200023});  // ldaddh w0, w3, [x1]: halfword-aligned is enough
  EXPECT_EQ(last.pc, h.code_addr() + 4);  // the UDF after it
  EXPECT_EQ(h.state.x[3], 0x12u);
  EXPECT_EQ(get64(h.data()), 0x0000000000130000u);
}

TEST(A64Atomic, OddCaspRegistersAreUnallocated) {
  A64Harness h;
  h.state.x[1] = h.data_addr();
  EXPECT_EQ(h.run({0x48257c26}).trap, ir::TrapKind::IllegalInstruction);  // casp x5, x6, ...
}

TEST(A64SimdLoadStore, StructuresAndLanes) {
  A64Harness h;
  uint8_t* d = h.data();
  for (int i = 0; i < 256; ++i) d[i] = static_cast<uint8_t>(i);
  const uint64_t base = h.data_addr();
  h.state.x[0] = base;
  h.state.x[1] = base;
  h.state.x[2] = base + 512;
  h.state.x[3] = base + 2;
  h.state.x[4] = base + 8;
  h.state.x[5] = base + 600;
  h.state.x[6] = base;
  h.state.x[7] = base + 700;
  h.state.x[9] = 5;
  h.state.v[10].lo = 0x0706050403020100;
  h.state.v[11].lo = 0x1716151413121110;
  h.state.v[12].lo = 0x2726252423222120;
  // ld1 {v0.16b, v1.16b}, [x0], #32; ld2 {v2.4s, v3.4s}, [x1]; st1 {v0.8b}, [x2];
  // ld1r {v4.8h}, [x3]; ld1 {v5.s}[3], [x4]; st1 {v5.d}[1], [x5]; ld4 {v6.16b-v9.16b}, [x6];
  // st3 {v10.8b-v12.8b}, [x7], x9
  h.run({0x4cdfa000, 0x4c408822, 0x0c007040, 0x4d40c464, 0x4d409085, 0x4d0084a5, 0x4c4000c6,
         0x0c8940ea});
  EXPECT_EQ(h.last_ir_error, "");
  EXPECT_EQ(h.state.v[1].hi, 0x1f1e1d1c1b1a1918u);
  EXPECT_EQ(h.state.x[0], base + 32);
  EXPECT_EQ(h.state.v[2].lo, 0x0b0a090803020100u);  // words 0, 2, 4, 6
  EXPECT_EQ(h.state.v[3].hi, 0x1f1e1d1c17161514u);  // words 5, 7
  EXPECT_EQ(get64(d + 512), 0x0706050403020100u);
  EXPECT_EQ(h.state.v[4].lo, 0x0302030203020302u);
  EXPECT_EQ(h.state.v[4].hi, 0x0302030203020302u);
  EXPECT_EQ(h.state.v[5].hi >> 32, 0x0b0a0908u);
  EXPECT_EQ(get64(d + 600), h.state.v[5].hi);
  EXPECT_EQ(h.state.v[6].lo, 0x1c1814100c080400u);  // bytes 0, 4, 8, ...
  EXPECT_EQ(h.state.v[9].hi, 0x3f3b37332f2b2723u);  // bytes 35, 39, ...
  EXPECT_EQ(d[700], 0x00);
  EXPECT_EQ(d[701], 0x10);
  EXPECT_EQ(d[702], 0x20);
  EXPECT_EQ(d[703], 0x01);
  EXPECT_EQ(d[723], 0x27);
  EXPECT_EQ(h.state.x[7], base + 705);
}

}  // namespace
}  // namespace xisa::aarch64::testing
