// The parts of the KVM engine that need no /dev/kvm: the identity page tables, the ring-0
// stub's tables, the exception-to-signal rules and the CPUID filter. (The engine itself runs in
// programs.x86_64.kvm.*, which skip where KVM cannot run.)
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/mman.h>

#include <cstring>

#include "accel/kvm/exception_signal.h"
#include "accel/kvm/guest_page_tables.h"
#include "accel/kvm/kvm_cpuid.h"
#include "accel/kvm/ring0_stub.h"

namespace xisa::kvm {
namespace {

using PT = GuestPageTables;

TEST(KvmPageTables, MapsIdentityWithTheMappingsProtection) {
  GuestPageTables pt(uint64_t{1} << 20);
  const uint64_t va = 0x7f1234567000;
  ASSERT_TRUE(pt.map_page(va + 0x123, PROT_READ | PROT_WRITE, true));
  const uint64_t e = pt.leaf_entry(va);
  EXPECT_EQ(e & PT::kAddressMask, va);  // gpa == va
  EXPECT_TRUE(e & PT::kPresent);
  EXPECT_TRUE(e & PT::kWritable);
  EXPECT_TRUE(e & PT::kUser);
  EXPECT_TRUE(e & PT::kNoExecute);

  ASSERT_TRUE(pt.map_page(va + 0x1000, PROT_READ | PROT_EXEC, true));
  const uint64_t code = pt.leaf_entry(va + 0x1000);
  EXPECT_FALSE(code & PT::kWritable);
  EXPECT_FALSE(code & PT::kNoExecute);

  ASSERT_TRUE(pt.map_page(va + 0x2000, PROT_READ, false));
  EXPECT_FALSE(pt.leaf_entry(va + 0x2000) & PT::kUser);  // the stub's pages
  EXPECT_EQ(pt.leaf_entry(va + 0x3000), 0u);
}

TEST(KvmPageTables, UpperLevelsLiveInThePoolAndRootIsAPage) {
  GuestPageTables pt(uint64_t{1} << 20);
  EXPECT_EQ(pt.root() % 4096, 0u);
  EXPECT_GE(pt.root(), pt.pool_start());
  EXPECT_LT(pt.root(), pt.pool_end());
  ASSERT_TRUE(pt.map_page(0x400000, PROT_READ, true));
  const auto* pml4 = reinterpret_cast<const uint64_t*>(pt.root());
  const uint64_t pdpt = pml4[0] & PT::kAddressMask;
  EXPECT_GE(pdpt, pt.pool_start());
  EXPECT_LT(pdpt, pt.pool_end());
}

TEST(KvmPageTables, UnmapClearsRangesAndStaleLookupsAreRefused) {
  GuestPageTables pt(uint64_t{1} << 20);
  for (uint64_t a = 0x10000000; a < 0x10000000 + 16 * 4096; a += 4096)
    ASSERT_TRUE(pt.map_page(a, PROT_READ | PROT_WRITE, true));
  const uint64_t seen = pt.unmap_count();
  pt.unmap(0x10000000 + 4 * 4096, 0x10000000 + 8 * 4096);
  EXPECT_NE(pt.leaf_entry(0x10000000 + 3 * 4096), 0u);
  for (int i = 4; i < 8; ++i) EXPECT_EQ(pt.leaf_entry(0x10000000 + i * 4096), 0u) << i;
  EXPECT_NE(pt.leaf_entry(0x10000000 + 8 * 4096), 0u);
  // A protection looked up before the unmap may be stale: the map is refused.
  EXPECT_FALSE(pt.map_page(0x10000000 + 5 * 4096, PROT_READ, true, seen));
  EXPECT_EQ(pt.leaf_entry(0x10000000 + 5 * 4096), 0u);
  // A huge range with nothing mapped in most of it is walked by the levels that exist.
  pt.unmap(0, uint64_t{1} << 47);
  EXPECT_EQ(pt.leaf_entry(0x10000000), 0u);
}

TEST(KvmPageTables, FullReservationFailsInsteadOfOverrunning) {
  GuestPageTables pt(4 * 4096);  // the root and one chain of three tables
  EXPECT_TRUE(pt.map_page(0x1000, PROT_READ, true));
  EXPECT_FALSE(pt.map_page(uint64_t{1} << 40, PROT_READ, true));  // needs three more tables
}

TEST(KvmStub, SyscallEntryExitsAndTheIdtReachesEveryVector) {
  RingZeroStub stub;
  const auto* code = reinterpret_cast<const uint8_t*>(stub.syscall_entry());
  EXPECT_EQ(code[0], 0xe6);  // out imm8, al
  EXPECT_EQ(code[1], kSyscallPort);
  const auto* iret = reinterpret_cast<const uint8_t*>(stub.iret_address());
  EXPECT_EQ(iret[0], 0x48);
  EXPECT_EQ(iret[1], 0xcf);
  const auto* idt = reinterpret_cast<const uint8_t*>(stub.idt());
  for (unsigned v = 0; v < kStubVectors; ++v) {
    const uint8_t* g = idt + 16 * v;
    uint64_t target = 0;
    uint16_t lo, mid, cs;
    uint32_t hi;
    std::memcpy(&lo, g, 2);
    std::memcpy(&cs, g + 2, 2);
    std::memcpy(&mid, g + 6, 2);
    std::memcpy(&hi, g + 8, 4);
    target = lo | (uint64_t{mid} << 16) | (uint64_t{hi} << 32);
    EXPECT_EQ(target, stub.vector_entry(v)) << v;
    EXPECT_EQ(cs, kKernelCs);
    EXPECT_EQ(g[5] & 0x8f, 0x8e) << v;  // present 64-bit interrupt gate
    EXPECT_EQ((g[5] >> 5) & 3, v == 3 || v == 4 ? 3 : 0) << v;
    // Each entry ends in the exception port's OUT.
    const auto* entry = reinterpret_cast<const uint8_t*>(stub.vector_entry(v));
    const void* out = std::memchr(entry, 0xe6, 16);
    ASSERT_NE(out, nullptr);
    EXPECT_EQ(static_cast<const uint8_t*>(out)[1], kExceptionPort);
  }
}

TEST(KvmStub, TssGivesTheKernelStack) {
  VcpuTables t;
  uint64_t rsp0;
  std::memcpy(&rsp0, reinterpret_cast<const uint8_t*>(t.tss()) + 4, 8);
  EXPECT_EQ(rsp0, t.stack_top());
  const auto* gdt = reinterpret_cast<const uint64_t*>(t.gdt());
  EXPECT_EQ(gdt[kUserCs / 8], 0x00affb000000ffffu);  // Linux's __USER_CS descriptor
  EXPECT_EQ(reinterpret_cast<uint64_t>(t.exception_frame()) + sizeof(ExceptionFrame),
            t.stack_top());
}

TEST(KvmExceptions, MapToLinuxSignals) {
  using K = ExceptionAction::Kind;
  EXPECT_EQ(classify_exception(kVectorDe, 0, 0x1000, 0x1f80).trap, ir::TrapKind::DivideError);
  EXPECT_EQ(classify_exception(kVectorUd, 0, 0x1000, 0x1f80).trap,
            ir::TrapKind::IllegalInstruction);
  EXPECT_EQ(classify_exception(kVectorBp, 0, 0x1000, 0x1f80).trap, ir::TrapKind::Breakpoint);
  EXPECT_EQ(classify_exception(kVectorGp, 0, 0x1000, 0x1f80).trap, ir::TrapKind::Halt);
  EXPECT_EQ(classify_exception(kVectorMf, 0, 0x1000, 0x1f80).trap, ir::TrapKind::X87Error);
  EXPECT_EQ(classify_exception(kVectorPf, 6, 0x1000, 0x1f80).kind, K::PageFault);
  const ExceptionAction ac = classify_exception(kVectorAc, 0, 0x1000, 0x1f80);
  EXPECT_EQ(ac.kind, K::Fault);
  EXPECT_EQ(ac.signo, SIGBUS);
  EXPECT_EQ(ac.code, BUS_ADRALN);
  // MXCSR with ZE raised and unmasked (mask bit 9 clear): SIGFPE FPE_FLTDIV at the pc.
  const ExceptionAction xm = classify_exception(kVectorXm, 0, 0x1234, 0x1d80 | 0x4);
  EXPECT_EQ(xm.signo, SIGFPE);
  EXPECT_EQ(xm.code, FPE_FLTDIV);
  EXPECT_EQ(xm.address, 0x1234u);
  EXPECT_EQ(classify_exception(kVectorDb, 0, 0, 0x1f80).kind, K::Unhandled);
}

TEST(KvmExceptions, PageFaultAccessRules) {
  EXPECT_TRUE(access_allowed(PROT_READ, kPfUser));
  EXPECT_FALSE(access_allowed(PROT_READ, kPfUser | kPfWrite));
  EXPECT_FALSE(access_allowed(PROT_READ, kPfUser | kPfFetch));
  EXPECT_TRUE(access_allowed(PROT_READ | PROT_EXEC, kPfUser | kPfFetch));
  EXPECT_TRUE(access_allowed(PROT_WRITE, kPfUser | kPfWrite));
  EXPECT_FALSE(access_allowed(PROT_NONE, kPfUser));
  EXPECT_EQ(page_fault_code(false), SEGV_MAPERR);
  EXPECT_EQ(page_fault_code(true), SEGV_ACCERR);
}

TEST(KvmCpuid, XisasTableFilteredByWhatKvmSupports) {
  const x86_64::CpuidResult leaf7 = x86_64::cpuid(7, 0);
  const x86_64::CpuidResult leaf1 = x86_64::cpuid(1, 0);
  ASSERT_NE(leaf7.ebx, 0u);
  const uint32_t dropped = leaf7.ebx & -leaf7.ebx;  // KVM lacks xisa's lowest leaf-7 feature
  std::vector<KvmCpuidEntry> supported = {
      {1, 0, 0, 0, 0, ~0u, ~0u},
      {7, 0, 1, ~0u, ~dropped, ~0u, ~0u},
      {0xd, 1, 1, ~0u, 0, 0, 0},
      {0x80000001, 0, 0, 0, 0, ~0u, ~0u},
      {0x80000008, 0, 0, 0x3030, 0x1234, 0, 0},
  };
  const std::vector<KvmCpuidEntry> out = guest_cpuid(supported);
  auto find = [&](uint32_t f, uint32_t i) -> const KvmCpuidEntry* {
    for (const auto& e : out)
      if (e.function == f && e.index == i) return &e;
    return nullptr;
  };
  ASSERT_NE(find(7, 0), nullptr);
  EXPECT_EQ(find(7, 0)->ebx, leaf7.ebx & ~dropped);
  EXPECT_EQ(find(1, 0)->ecx, leaf1.ecx);
  ASSERT_NE(find(0x80000000, 0), nullptr);
  EXPECT_EQ(find(0x80000000, 0)->eax, 0x80000008u);
  ASSERT_NE(find(0x80000008, 0), nullptr);
  EXPECT_EQ(find(0x80000008, 0)->eax, 0x3030u);  // the host's address sizes
  EXPECT_EQ(find(0x80000008, 0)->ebx, 0u);
  EXPECT_EQ(find(0, 0)->ebx, x86_64::cpuid(0, 0).ebx);  // the vendor the JIT reports
}

}  // namespace
}  // namespace xisa::kvm
