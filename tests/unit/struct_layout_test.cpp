// Struct conversions: the x86-64 layouts against the host's own structs (the host is x86-64),
// the asm-generic ones against the offsets of include/uapi/asm-generic/stat.h and the
// per-arch struct sigaction; open flags against the host's O_* values.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>

#include <cstring>

#include "linux/syscalls/guest_flags.h"
#include "linux/syscalls/struct_layouts.h"

namespace xisa::os {
namespace {

template <typename T>
T field(const std::vector<uint8_t>& b, size_t offset) {
  T v;
  std::memcpy(&v, b.data() + offset, sizeof v);
  return v;
}

struct stat sample_stat() {
  struct stat st;
  std::memset(&st, 0, sizeof st);
  st.st_dev = 0x801;
  st.st_ino = 123456789;
  st.st_mode = S_IFREG | 0644;
  st.st_nlink = 3;
  st.st_uid = 1000;
  st.st_gid = 100;
  st.st_rdev = 0x1234;
  st.st_size = 98765;
  st.st_blksize = 4096;
  st.st_blocks = 200;
  st.st_atim = {1700000001, 11};
  st.st_mtim = {1700000002, 22};
  st.st_ctim = {1700000003, 33};
  return st;
}

TEST(StructLayout, GenericStatOffsets) {
  const std::vector<uint8_t> b = guest_stat(SyscallAbi::Generic, sample_stat());
  ASSERT_EQ(b.size(), 128u);
  EXPECT_EQ(field<uint64_t>(b, 0), 0x801u);
  EXPECT_EQ(field<uint64_t>(b, 8), 123456789u);
  EXPECT_EQ(field<uint32_t>(b, 16), S_IFREG | 0644u);
  EXPECT_EQ(field<uint32_t>(b, 20), 3u);
  EXPECT_EQ(field<uint32_t>(b, 24), 1000u);
  EXPECT_EQ(field<uint32_t>(b, 28), 100u);
  EXPECT_EQ(field<uint64_t>(b, 32), 0x1234u);
  EXPECT_EQ(field<uint64_t>(b, 40), 0u);  // __pad1
  EXPECT_EQ(field<int64_t>(b, 48), 98765);
  EXPECT_EQ(field<int32_t>(b, 56), 4096);
  EXPECT_EQ(field<int64_t>(b, 64), 200);
  EXPECT_EQ(field<int64_t>(b, 72), 1700000001);
  EXPECT_EQ(field<uint64_t>(b, 80), 11u);
  EXPECT_EQ(field<int64_t>(b, 88), 1700000002);
  EXPECT_EQ(field<uint64_t>(b, 96), 22u);
  EXPECT_EQ(field<int64_t>(b, 104), 1700000003);
  EXPECT_EQ(field<uint64_t>(b, 112), 33u);
}

#if defined(__x86_64__)
// On an x86-64 host, glibc's struct stat is the kernel's x86-64 struct stat.
TEST(StructLayout, X86_64StatIsHostStat) {
  const struct stat st = sample_stat();
  const std::vector<uint8_t> b = guest_stat(SyscallAbi::X86_64, st);
  ASSERT_EQ(b.size(), sizeof(struct stat));
  EXPECT_EQ(std::memcmp(b.data(), &st, sizeof st), 0);
}

TEST(StructLayout, SysinfoIsHostSysinfo) {
  struct sysinfo si;
  ASSERT_EQ(sysinfo(&si), 0);
  std::memset(&si._f, 0, sizeof si._f);
  si.pad = 0;
  const std::vector<uint8_t> b = guest_sysinfo(si);
  ASSERT_EQ(b.size(), sizeof si);
  EXPECT_EQ(std::memcmp(b.data(), &si, sizeof si), 0);
}
#endif

TEST(StructLayout, SigactionLayouts) {
  const GuestSigaction sa{0x1000, 0x04000004, 0x2000, 0x5};
  // RISC-V: no sa_restorer (no SA_RESTORER in its uapi): handler, flags, mask.
  const std::vector<uint8_t> rv = encode_sigaction(GuestIsa::Riscv64, sa);
  ASSERT_EQ(rv.size(), 24u);
  EXPECT_EQ(field<uint64_t>(rv, 0), 0x1000u);
  EXPECT_EQ(field<uint64_t>(rv, 8), 0x04000004u);
  EXPECT_EQ(field<uint64_t>(rv, 16), 0x5u);
  const GuestSigaction back = decode_sigaction(GuestIsa::Riscv64, rv.data());
  EXPECT_EQ(back.handler, sa.handler);
  EXPECT_EQ(back.mask, sa.mask);
  EXPECT_EQ(back.restorer, 0u);
  // AArch64 and x86-64: handler, flags, restorer, mask.
  for (GuestIsa isa : {GuestIsa::Aarch64, GuestIsa::X86_64}) {
    const std::vector<uint8_t> b = encode_sigaction(isa, sa);
    ASSERT_EQ(b.size(), 32u);
    EXPECT_EQ(field<uint64_t>(b, 16), 0x2000u);
    EXPECT_EQ(field<uint64_t>(b, 24), 0x5u);
    const GuestSigaction d = decode_sigaction(isa, b.data());
    EXPECT_EQ(d.restorer, 0x2000u);
    EXPECT_EQ(d.flags, sa.flags);
  }
}

TEST(GuestFlags, OpenFlags) {
  // RISC-V64 and x86-64 use the asm-generic values (include/uapi/asm-generic/fcntl.h):
  // O_RDWR 02, O_CREAT 0100, O_CLOEXEC 02000000, O_DIRECTORY 0200000, O_NOFOLLOW 0400000,
  // O_DIRECT 040000. The host's may differ (an AArch64 host's do).
  for (GuestIsa isa : {GuestIsa::Riscv64, GuestIsa::X86_64}) {
    EXPECT_EQ(open_flags_to_host(isa, 02 | 0100 | 02000000),
              uint64_t{O_RDWR | O_CREAT | O_CLOEXEC});
    EXPECT_EQ(open_flags_to_host(isa, 0200000), uint64_t{O_DIRECTORY});
    EXPECT_EQ(open_flags_to_host(isa, 0400000), uint64_t{O_NOFOLLOW});
    EXPECT_EQ(open_flags_to_host(isa, 040000), uint64_t{O_DIRECT});
  }
  // AArch64 (arch/arm64/include/uapi/asm/fcntl.h): O_DIRECTORY 040000, O_NOFOLLOW 0100000,
  // O_DIRECT 0200000, O_LARGEFILE 0400000. (glibc's O_LARGEFILE is 0 on 64-bit hosts.)
#if defined(__aarch64__)
  constexpr uint64_t kHostLargefile = 0400000;
#else
  constexpr uint64_t kHostLargefile = 0100000;
#endif
  EXPECT_EQ(open_flags_to_host(GuestIsa::Aarch64, 040000), uint64_t{O_DIRECTORY});
  EXPECT_EQ(open_flags_to_host(GuestIsa::Aarch64, 0100000), uint64_t{O_NOFOLLOW});
  EXPECT_EQ(open_flags_to_host(GuestIsa::Aarch64, 0200000), uint64_t{O_DIRECT});
  EXPECT_EQ(open_flags_to_host(GuestIsa::Aarch64, 0400000), kHostLargefile);
  EXPECT_EQ(open_flags_to_host(GuestIsa::Aarch64, 040000 | O_CLOEXEC | O_WRONLY),
            uint64_t{O_DIRECTORY | O_CLOEXEC | O_WRONLY});
  EXPECT_EQ(open_flags_to_guest(GuestIsa::Aarch64, O_DIRECTORY | O_APPEND), 040000u | O_APPEND);
  EXPECT_EQ(format_open_flags(GuestIsa::Riscv64, 02000000), "O_RDONLY|O_CLOEXEC");
  EXPECT_EQ(format_open_flags(GuestIsa::Aarch64, 040000 | 1), "O_WRONLY|O_DIRECTORY");
  EXPECT_EQ(format_open_flags(GuestIsa::Riscv64, 0200000 | 2 | 0100), "O_RDWR|O_CREAT|O_DIRECTORY");
}

}  // namespace
}  // namespace xisa::os
