// The syscall tables against the kernel's numbers: the x86-64 table against the host's own
// <sys/syscall.h> and asm/unistd_64.h (the host is x86-64), the asm-generic table against
// numbers from include/uapi/asm-generic/unistd.h.
#include "linux/syscalls/syscall_table.h"

#include <gtest/gtest.h>
#include <sys/syscall.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "linux/syscalls/syscall_dispatch.h"

namespace xisa::os {
namespace {

const SyscallDesc* by_name(SyscallAbi abi, std::string_view name) {
  for (const SyscallDesc& d : syscall_table(abi))
    if (d.name == name) return &d;
  return nullptr;
}

int64_t nr_of(SyscallAbi abi, std::string_view name) {
  const SyscallDesc* d = by_name(abi, name);
  return d ? d->nr : -1;
}

#if defined(__x86_64__)
TEST(SyscallTable, X86_64MatchesHostSyscallH) {
  const SyscallAbi x = SyscallAbi::X86_64;
  EXPECT_EQ(nr_of(x, "read"), SYS_read);
  EXPECT_EQ(nr_of(x, "write"), SYS_write);
  EXPECT_EQ(nr_of(x, "open"), SYS_open);
  EXPECT_EQ(nr_of(x, "openat"), SYS_openat);
  EXPECT_EQ(nr_of(x, "mmap"), SYS_mmap);
  EXPECT_EQ(nr_of(x, "brk"), SYS_brk);
  EXPECT_EQ(nr_of(x, "rt_sigaction"), SYS_rt_sigaction);
  EXPECT_EQ(nr_of(x, "clone"), SYS_clone);
  EXPECT_EQ(nr_of(x, "execve"), SYS_execve);
  EXPECT_EQ(nr_of(x, "exit_group"), SYS_exit_group);
  EXPECT_EQ(nr_of(x, "arch_prctl"), SYS_arch_prctl);
  EXPECT_EQ(nr_of(x, "newfstatat"), SYS_newfstatat);
  EXPECT_EQ(nr_of(x, "statx"), SYS_statx);
  EXPECT_EQ(nr_of(x, "getrandom"), SYS_getrandom);
  EXPECT_EQ(nr_of(x, "clone3"), SYS_clone3);
  EXPECT_EQ(nr_of(x, "faccessat2"), SYS_faccessat2);
  EXPECT_EQ(nr_of(x, "set_mempolicy_home_node"), SYS_set_mempolicy_home_node);
}

// Every __NR_ of the host's kernel header is in the table with the same number.
TEST(SyscallTable, X86_64MatchesKernelHeader) {
  std::ifstream header("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
  if (!header) GTEST_SKIP() << "no asm/unistd_64.h";
  const std::regex define(R"(#define __NR_(\w+) (\d+))");
  std::string line;
  int checked = 0;
  while (std::getline(header, line)) {
    std::smatch m;
    if (!std::regex_match(line, m, define)) continue;
    EXPECT_EQ(nr_of(SyscallAbi::X86_64, m[1].str()), std::stoll(m[2].str())) << m[1];
    ++checked;
  }
  EXPECT_GT(checked, 300);
}
#endif

TEST(SyscallTable, GenericKnownNumbers) {
  const SyscallAbi g = SyscallAbi::Generic;
  const std::map<std::string, int> known = {
      {"io_setup", 0},
      {"getcwd", 17},
      {"dup", 23},
      {"dup3", 24},
      {"fcntl", 25},
      {"ioctl", 29},
      {"mkdirat", 34},
      {"unlinkat", 35},
      {"renameat", 38},
      {"faccessat", 48},
      {"chdir", 49},
      {"openat", 56},
      {"close", 57},
      {"pipe2", 59},
      {"getdents64", 61},
      {"lseek", 62},
      {"read", 63},
      {"write", 64},
      {"readv", 65},
      {"writev", 66},
      {"pread64", 67},
      {"readlinkat", 78},
      {"newfstatat", 79},
      {"fstat", 80},
      {"exit", 93},
      {"exit_group", 94},
      {"set_tid_address", 96},
      {"set_robust_list", 99},
      {"nanosleep", 101},
      {"clock_gettime", 113},
      {"sched_yield", 124},
      {"rt_sigaction", 134},
      {"rt_sigprocmask", 135},
      {"uname", 160},
      {"getrlimit", 163},
      {"gettimeofday", 169},
      {"getpid", 172},
      {"gettid", 178},
      {"sysinfo", 179},
      {"brk", 214},
      {"munmap", 215},
      {"mremap", 216},
      {"clone", 220},
      {"execve", 221},
      {"mmap", 222},
      {"mprotect", 226},
      {"madvise", 233},
      {"wait4", 260},
      {"prlimit64", 261},
      {"renameat2", 276},
      {"getrandom", 278},
      {"statx", 291},
      {"rseq", 293},
      {"clone3", 435},
      {"faccessat2", 439},
      {"riscv_flush_icache", 259},
      {"cachestat", 451},
      {"mseal", 462},
  };
  for (const auto& [name, nr] : known) EXPECT_EQ(nr_of(g, name), nr) << name;
  // The legacy calls asm-generic never had.
  for (const char* name : {"open", "stat", "fork", "pipe", "dup2", "arch_prctl"})
    EXPECT_EQ(by_name(g, name), nullptr) << name;
}

TEST(SyscallTable, LookupByNumberAndSharedIds) {
  const SyscallDesc* g = find_syscall(SyscallAbi::Generic, 56);
  const SyscallDesc* x = find_syscall(SyscallAbi::X86_64, 257);
  ASSERT_NE(g, nullptr);
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(g->name, "openat");
  EXPECT_EQ(g->id, x->id);  // one handler serves both ABIs
  EXPECT_EQ(syscall_name(g->id), "openat");
  EXPECT_EQ(g->nargs, 4);
  EXPECT_EQ(g->args[0], ArgKind::DirFd);
  EXPECT_EQ(g->args[1], ArgKind::Str);
  EXPECT_EQ(g->args[2], ArgKind::OpenFlags);
  EXPECT_EQ(find_syscall(SyscallAbi::Generic, 9999), nullptr);
  EXPECT_EQ(find_syscall(SyscallAbi::Generic, 300), nullptr);  // a hole in the table
  EXPECT_EQ(find_syscall(SyscallAbi::X86_64, uint64_t{1} << 40), nullptr);
  EXPECT_EQ(find_syscall(SyscallAbi::Generic, 222)->result, ArgKind::Ptr);
}

TEST(SyscallTable, NamesAreUniquePerTable) {
  for (SyscallAbi abi : {SyscallAbi::Generic, SyscallAbi::X86_64}) {
    std::set<std::string_view> seen;
    for (const SyscallDesc& d : syscall_table(abi))
      EXPECT_TRUE(seen.insert(d.name).second) << d.name;
  }
}

TEST(SyscallTable, BriefSyscallsAreImplemented) {
  for (const char* name : {"exit",
                           "exit_group",
                           "getpid",
                           "gettid",
                           "getppid",
                           "getuid",
                           "geteuid",
                           "getgid",
                           "getegid",
                           "uname",
                           "prlimit64",
                           "sysinfo",
                           "set_tid_address",
                           "set_robust_list",
                           "sched_yield",
                           "sched_getaffinity",
                           "getrandom",
                           "brk",
                           "mmap",
                           "munmap",
                           "mprotect",
                           "mremap",
                           "madvise",
                           "openat",
                           "close",
                           "read",
                           "write",
                           "readv",
                           "writev",
                           "pread64",
                           "pwrite64",
                           "lseek",
                           "fstat",
                           "newfstatat",
                           "statx",
                           "faccessat",
                           "faccessat2",
                           "readlinkat",
                           "getdents64",
                           "fcntl",
                           "dup",
                           "dup3",
                           "pipe2",
                           "ioctl",
                           "ftruncate",
                           "unlinkat",
                           "mkdirat",
                           "renameat2",
                           "getcwd",
                           "chdir",
                           "fsync",
                           "utimensat",
                           "clock_gettime",
                           "clock_getres",
                           "gettimeofday",
                           "nanosleep",
                           "clock_nanosleep",
                           "rt_sigaction",
                           "rt_sigprocmask",
                           "sigaltstack"}) {
    const SyscallDesc* d = by_name(SyscallAbi::Generic, name);
    ASSERT_NE(d, nullptr) << name;
    EXPECT_TRUE(syscall_implemented(d->id)) << name;
  }
  EXPECT_FALSE(syscall_implemented(by_name(SyscallAbi::Generic, "name_to_handle_at")->id));
}

}  // namespace
}  // namespace xisa::os
