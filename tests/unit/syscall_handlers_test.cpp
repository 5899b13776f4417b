// Syscall handlers through the dispatch, checked against the host kernel's own answers: ids,
// uname, stat conversion, flag translation, bad pointers (-EFAULT, never a crash), the guard
// on xisa's own memory, brk, signal state, and strace formatting.
#include <elf.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <ucontext.h>
#include <unistd.h>

#include <cstring>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "linux/elf_loader.h"
#include "linux/process_state.h"
#include "linux/safe_syscall.h"
#include "linux/syscalls/strace.h"
#include "linux/syscalls/sys_memory.h"
#include "linux/syscalls/syscall_dispatch.h"

namespace xisa::os {
namespace {

constexpr uint64_t kBadPtr = 0x10;  // never mapped (below mmap_min_addr)
constexpr uint64_t kAtFdcwd = static_cast<uint64_t>(-100);

class SyscallTest : public ::testing::Test {
 protected:
  explicit SyscallTest(uint16_t machine = EM_RISCV)
      : arch_(guest_for_elf_machine(machine)), config_("/tmp/prog") {}
  void SetUp() override {
    ASSERT_NE(arch_, nullptr);
    p_ = std::make_unique<ProcessState>(*arch_, config_);
    p_->exe_abs_path = "/tmp/prog";
    thread_ = new_guest_thread(*p_);
    arch_->init_state(thread_->state);
    thread_->tid = static_cast<int>(gettid());
    set_current_thread(thread_);
  }
  void TearDown() override { set_current_thread(nullptr); }
  // A syscall by the guest ABI's name.
  int64_t call(std::string_view name, Args a = {}) {
    for (const SyscallDesc& d : syscall_table(arch_->syscall_abi()))
      if (d.name == name) return dispatch_syscall(*p_, {d.nr, a}, calls_);
    ADD_FAILURE() << "no syscall " << name;
    return 0;
  }
  static uint64_t ptr(const void* p) { return reinterpret_cast<uint64_t>(p); }
  // A guest string: read_guest_string reads up to 256 bytes at a time (guest memory is whole
  // pages), so the string gets that much zeroed room after it, as a page would give it.
  uint64_t str(std::string_view s) {
    auto& buf = strings_.emplace_back(s.size() + 257, '\0');
    std::memcpy(buf.data(), s.data(), s.size());
    return ptr(buf.data());
  }

  const GuestArch* arch_;
  ProcessConfig config_;
  std::unique_ptr<ProcessState> p_;
  std::deque<std::vector<char>> strings_;
  GuestThread* thread_ = nullptr;
  SyscallCounts calls_;
  std::map<std::string, uint64_t> counts() const { return calls_.by_name(); }
};

TEST_F(SyscallTest, IdsMatchHost) {
  EXPECT_EQ(call("getpid"), getpid());
  EXPECT_EQ(call("gettid"), gettid());
  EXPECT_EQ(call("getuid"), getuid());
  EXPECT_EQ(call("getppid"), getppid());
  EXPECT_EQ(counts()["getpid"], 1u);
}

TEST_F(SyscallTest, UnknownAndUnimplementedAreEnosys) {
  EXPECT_EQ(dispatch_syscall(*p_, {9999, {}}, calls_), -ENOSYS);
  EXPECT_EQ(counts()["unknown"], 1u);
  EXPECT_EQ(call("name_to_handle_at"), -ENOSYS);
  EXPECT_EQ(call("name_to_handle_at"), -ENOSYS);
  EXPECT_EQ(counts()["name_to_handle_at"], 2u);
}

TEST_F(SyscallTest, ExitGroupEndsTheProcessExitTheThread) {
  call("exit", {0x103});
  EXPECT_TRUE(thread_->exit_thread);
  EXPECT_FALSE(thread_->exit_process);
  EXPECT_EQ(thread_->exit_status, 3);
  call("exit_group", {0x107});
  EXPECT_TRUE(thread_->exit_process);
  EXPECT_EQ(thread_->exit_status, 7);
}

TEST_F(SyscallTest, SignalMaskIsPerThreadAndKeepsKillAndStop) {
  uint64_t set = ~uint64_t{0}, old = 1;
  EXPECT_EQ(call("rt_sigprocmask", {2, ptr(&set), ptr(&old), 8}), 0);
  EXPECT_EQ(old, 0u);
  EXPECT_EQ(thread_->sigmask.load(),
            ~((uint64_t{1} << (SIGKILL - 1)) | (uint64_t{1} << (SIGSTOP - 1))));
  EXPECT_EQ(call("rt_sigprocmask", {3, ptr(&set), 0, 8}), -EINVAL);
  EXPECT_EQ(call("rt_sigprocmask", {0, kBadPtr, 0, 8}), -EFAULT);
}

TEST_F(SyscallTest, SetTidAddressAnswersTheTid) {
  EXPECT_EQ(call("set_tid_address", {0x1234}), gettid());
  EXPECT_EQ(thread_->clear_child_tid, 0x1234u);
}

TEST_F(SyscallTest, UnameNamesTheGuest) {
  struct utsname u {};
  EXPECT_EQ(call("uname", {ptr(&u)}), 0);
  EXPECT_STREQ(u.machine, "riscv64");
  struct utsname host {};
  uname(&host);
  EXPECT_STREQ(u.sysname, host.sysname);
  EXPECT_STREQ(u.release, host.release);
  EXPECT_EQ(call("uname", {kBadPtr}), -EFAULT);
}

TEST_F(SyscallTest, FstatConvertsToGenericLayout) {
  char path[] = "/tmp/xisa_stat_XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, "12345", 5), 5);
  uint8_t buf[128];
  std::memset(buf, 0xff, sizeof buf);
  EXPECT_EQ(call("fstat", {static_cast<uint64_t>(fd), ptr(buf)}), 0);
  struct stat st;
  fstat(fd, &st);
  int64_t size;
  uint32_t mode;
  uint64_t ino;
  std::memcpy(&size, buf + 48, 8);
  std::memcpy(&mode, buf + 16, 4);
  std::memcpy(&ino, buf + 8, 8);
  EXPECT_EQ(size, 5);
  EXPECT_EQ(mode, st.st_mode);
  EXPECT_EQ(ino, st.st_ino);
  EXPECT_EQ(call("fstat", {static_cast<uint64_t>(fd), kBadPtr}), -EFAULT);
  EXPECT_EQ(call("newfstatat", {kAtFdcwd, ptr(path), ptr(buf), 0}), 0);
  EXPECT_EQ(call("newfstatat", {kAtFdcwd, kBadPtr, ptr(buf), 0}), -EFAULT);
  EXPECT_EQ(call("newfstatat", {kAtFdcwd, str("/nonexistent/x"), ptr(buf), 0}), -ENOENT);
  close(fd);
  unlink(path);
}

TEST_F(SyscallTest, BadPointersAreEfault) {
  EXPECT_EQ(call("openat", {kAtFdcwd, kBadPtr, O_RDONLY, 0}), -EFAULT);
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  ASSERT_EQ(write(fds[1], "abc", 3), 3);
  EXPECT_EQ(call("read", {static_cast<uint64_t>(fds[0]), kBadPtr, 10}), -EFAULT);
  close(fds[0]);
  close(fds[1]);
  EXPECT_EQ(call("readlinkat", {kAtFdcwd, kBadPtr, kBadPtr, 10}), -EFAULT);
  EXPECT_EQ(call("rt_sigaction", {10, kBadPtr, 0, 8}), -EFAULT);
  EXPECT_EQ(call("sysinfo", {kBadPtr}), -EFAULT);
  EXPECT_EQ(call("clock_gettime", {0, kBadPtr}), -EFAULT);
}

TEST_F(SyscallTest, ReadlinkProcSelfExeIsTheGuest) {
  char buf[64] = {};
  EXPECT_EQ(call("readlinkat", {kAtFdcwd, str("/proc/self/exe"), ptr(buf), sizeof buf}), 9);
  EXPECT_STREQ(buf, "/tmp/prog");
  char small[4] = {};
  EXPECT_EQ(call("readlinkat", {kAtFdcwd, str("/proc/self/exe"), ptr(small), 4}), 4);
  EXPECT_EQ(std::string(small, 4), "/tmp");
}

TEST_F(SyscallTest, IoctlWhitelist) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  ASSERT_EQ(write(fds[1], "abc", 3), 3);
  int avail = 0;
  EXPECT_EQ(call("ioctl", {static_cast<uint64_t>(fds[0]), 0x541b /*FIONREAD*/, ptr(&avail)}), 0);
  EXPECT_EQ(avail, 3);
  EXPECT_EQ(call("ioctl", {static_cast<uint64_t>(fds[0]), 0x5401 /*TCGETS*/, ptr(&avail)}),
            -ENOTTY);  // the host's answer: a pipe is no tty
  EXPECT_EQ(call("ioctl", {static_cast<uint64_t>(fds[0]), 0x1234, 0}), -ENOTTY);
  close(fds[0]);
  close(fds[1]);
}

TEST_F(SyscallTest, FcntlFlagsRoundTrip) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const uint64_t fd = static_cast<uint64_t>(fds[0]);
  EXPECT_EQ(call("fcntl", {fd, F_SETFL, O_NONBLOCK}), 0);
  EXPECT_TRUE(call("fcntl", {fd, F_GETFL}) & O_NONBLOCK);
  EXPECT_EQ(call("fcntl", {fd, 9999}), -EINVAL);
  close(fds[0]);
  close(fds[1]);
}

// xisa's own memory (this test's code and heap) is not the guest's to replace or unmap.
TEST_F(SyscallTest, GuestCannotTouchXisaMemory) {
  const uint64_t page = host_page_size();
  const uint64_t code = ptr(reinterpret_cast<void*>(&getpid)) & ~(page - 1);
  EXPECT_EQ(call("mmap", {code, page, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, static_cast<uint64_t>(-1), 0}),
            -ENOMEM);
  EXPECT_EQ(call("munmap", {code, page}), -EINVAL);
  EXPECT_EQ(call("mprotect", {code, page, PROT_NONE}), -ENOMEM);
  EXPECT_EQ(call("madvise", {code, page, MADV_DONTNEED}), -ENOMEM);
  EXPECT_EQ(getpid(), call("getpid"));  // still alive, code intact
}

TEST_F(SyscallTest, GuestMappingsLifecycle) {
  const uint64_t page = host_page_size();
  const int64_t a = call("mmap", {0, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                                  static_cast<uint64_t>(-1), 0});
  ASSERT_GT(a, 0);
  const uint64_t base = static_cast<uint64_t>(a);
  EXPECT_TRUE(p_->vmas.covers(base, base + 4 * page));
  std::vector<std::pair<uint64_t, uint64_t>> changed;
  p_->memory_changed = [&](uint64_t lo, uint64_t hi) { changed.emplace_back(lo, hi); };
  std::memset(reinterpret_cast<void*>(base), 0x5a, 4 * page);
  // MAP_FIXED over the guest's own mapping is fine, and gives fresh zero pages.
  EXPECT_EQ(call("mmap", {base + page, page, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, static_cast<uint64_t>(-1), 0}),
            static_cast<int64_t>(base + page));
  EXPECT_EQ(reinterpret_cast<uint8_t*>(base + page)[0], 0);
  EXPECT_EQ(call("mprotect", {base, page, PROT_READ}), 0);
  EXPECT_EQ(p_->vmas.find(base)->prot, PROT_READ);
  EXPECT_EQ(call("munmap", {base + 2 * page, 2 * page}), 0);
  EXPECT_FALSE(p_->vmas.covers(base, base + 4 * page));
  // The runtime hears of every range whose contents changed: MAP_FIXED, mprotect, munmap.
  const std::vector<std::pair<uint64_t, uint64_t>> expected = {
      {base + page, base + 2 * page}, {base, base + page}, {base + 2 * page, base + 4 * page}};
  EXPECT_EQ(changed, expected);
  // Growing by mremap may move; the set follows.
  const int64_t r = call("mremap", {base + page, page, 8 * page, 1 /*MAYMOVE*/, 0});
  ASSERT_GT(r, 0);
  EXPECT_TRUE(p_->vmas.covers(static_cast<uint64_t>(r), static_cast<uint64_t>(r) + 8 * page));
  EXPECT_EQ(call("munmap", {1, page}), -EINVAL);  // unaligned
  EXPECT_EQ(
      call("mmap", {0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, static_cast<uint64_t>(-1), 0}),
      -EINVAL);
}

TEST_F(SyscallTest, Brk) {
  const uint64_t start = 0x30000000;
  init_brk(*p_, start);
  EXPECT_EQ(call("brk", {0}), static_cast<int64_t>(start));
  EXPECT_EQ(call("brk", {start + 0x5000}), static_cast<int64_t>(start + 0x5000));
  std::memset(reinterpret_cast<void*>(start), 0x77, 0x5000);
  EXPECT_EQ(call("brk", {start + 0x10}), static_cast<int64_t>(start + 0x10));
  EXPECT_EQ(call("brk", {start + 0x5000}), static_cast<int64_t>(start + 0x5000));
  EXPECT_EQ(reinterpret_cast<uint8_t*>(start)[0x10], 0x77);  // kept: the page stayed
  EXPECT_EQ(reinterpret_cast<uint8_t*>(start)[0x2000], 0);   // given back and zeroed
  EXPECT_EQ(call("brk", {start - 1}), static_cast<int64_t>(start + 0x5000));
  EXPECT_EQ(call("brk", {start + kBrkReserve + 0x1000}), static_cast<int64_t>(start + 0x5000));
  // The guest may map over the unused reservation; brk then stops short of it.
  EXPECT_EQ(call("mmap", {start + 0x10000, 0x1000, PROT_READ,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, static_cast<uint64_t>(-1), 0}),
            static_cast<int64_t>(start + 0x10000));
  EXPECT_EQ(call("brk", {start + 0x20000}), static_cast<int64_t>(start + 0x5000));
}

TEST_F(SyscallTest, SignalStateRecorded) {
  // RISC-V struct sigaction: handler, flags, mask.
  uint64_t act[3] = {0x12340, 0x4, 0x1 | (uint64_t{1} << 8)};  // mask includes SIGKILL
  uint64_t old[3] = {1, 1, 1};
  EXPECT_EQ(call("rt_sigaction", {10, ptr(act), ptr(old), 8}), 0);
  EXPECT_EQ(old[0], 0u);  // SIG_DFL before
  EXPECT_EQ(call("rt_sigaction", {10, 0, ptr(old), 8}), 0);
  EXPECT_EQ(old[0], 0x12340u);
  EXPECT_EQ(old[1], 0x4u);
  EXPECT_EQ(old[2], 0x1u);  // SIGKILL cannot be masked
  EXPECT_EQ(call("rt_sigaction", {SIGKILL, ptr(act), 0, 8}), -EINVAL);
  EXPECT_EQ(call("rt_sigaction", {10, ptr(act), 0, 4}), -EINVAL);
  EXPECT_EQ(call("rt_sigaction", {65, ptr(act), 0, 8}), -EINVAL);

  uint64_t set = (uint64_t{1} << 9) | (uint64_t{1} << 8), prev = 99;
  EXPECT_EQ(call("rt_sigprocmask", {SIG_BLOCK, ptr(&set), ptr(&prev), 8}), 0);
  EXPECT_EQ(prev, 0u);
  EXPECT_EQ(call("rt_sigprocmask", {SIG_SETMASK, 0, ptr(&prev), 8}), 0);
  EXPECT_EQ(prev, uint64_t{1} << 9);  // SIGUSR1's bit; SIGKILL's dropped

  uint64_t ss[3] = {0x50000, 0, 0x8000}, old_ss[3] = {};
  EXPECT_EQ(call("sigaltstack", {ptr(ss), ptr(old_ss)}), 0);
  EXPECT_EQ(old_ss[1], 2u);  // SS_DISABLE before
  EXPECT_EQ(call("sigaltstack", {0, ptr(old_ss)}), 0);
  EXPECT_EQ(old_ss[0], 0x50000u);
  EXPECT_EQ(old_ss[2], 0x8000u);
  ss[2] = 100;
  EXPECT_EQ(call("sigaltstack", {ptr(ss), 0}), -ENOMEM);
}

TEST_F(SyscallTest, StraceFormatting) {
  const SyscallDesc* openat = find_syscall(SyscallAbi::Generic, 56);
  EXPECT_EQ(format_call(*p_, *openat, {kAtFdcwd, str("/etc/passwd"), O_RDONLY | O_CLOEXEC, 0}),
            "openat(AT_FDCWD,\"/etc/passwd\",O_RDONLY|O_CLOEXEC)");
  EXPECT_EQ(format_call(*p_, *openat, {3, kBadPtr, 0101, 0644}),
            "openat(3,0x10,O_WRONLY|O_CREAT,0644)");
  const SyscallDesc* write = find_syscall(SyscallAbi::Generic, 64);
  EXPECT_EQ(format_call(*p_, *write, {1, str("hi\n"), 3}), "write(1,\"hi\\n\",3)");
  const SyscallDesc* mmap = find_syscall(SyscallAbi::Generic, 222);
  EXPECT_EQ(format_call(*p_, *mmap, {0, 4096, 3, 0x22, static_cast<uint64_t>(-1), 0}),
            "mmap(NULL,4096,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0)");
  const std::string long_string(100, 'x');
  EXPECT_EQ(format_arg(*p_, ArgKind::Str, str(long_string), 0),
            "\"" + std::string(64, 'x') + "\"...");
  EXPECT_EQ(format_result(ArgKind::Int, -2), "-1 errno=2 (No such file or directory)");
  EXPECT_EQ(format_result(ArgKind::Ptr, 0x7000), "0x7000");
  EXPECT_EQ(format_result(ArgKind::Int, 3), "3");
  EXPECT_EQ(format_arg(*p_, ArgKind::Signal, 11, 0), "SIGSEGV");
  // glibc's pthread_create and fork, as qemu-user shows them.
  EXPECT_EQ(format_arg(*p_, ArgKind::CloneFlags, 0x3d0f00, 0),
            "CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|"
            "CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID");
  EXPECT_EQ(format_arg(*p_, ArgKind::CloneFlags, 0x1200011, 0),
            "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD");
}

// AArch64 moves O_DIRECTORY: its 040000 must reach the host as O_DIRECTORY.
class Aarch64SyscallTest : public SyscallTest {
 protected:
  Aarch64SyscallTest() : SyscallTest(EM_AARCH64) {}
};

TEST_F(Aarch64SyscallTest, OpenDirectoryFlagTranslated) {
  const int64_t fd = call("openat", {kAtFdcwd, str("/etc/passwd"), 040000 /*O_DIRECTORY*/, 0});
  EXPECT_EQ(fd, -ENOTDIR);
  const int64_t dir = call("openat", {kAtFdcwd, str("/etc"), 040000, 0});
  EXPECT_GE(dir, 0);
  if (dir >= 0) close(static_cast<int>(dir));
  // x86-64's O_DIRECTORY value means O_DIRECT to an AArch64 guest: /etc/passwd opens.
  const int64_t f = call("openat", {kAtFdcwd, str("/etc/passwd"), 0200000, 0});
  EXPECT_TRUE(f >= 0 || f == -EINVAL) << f;  // O_DIRECT may be refused by the filesystem
  if (f >= 0) close(static_cast<int>(f));
}

}  // namespace
}  // namespace xisa::os

// safe_syscall: a guest signal queued before a blocking host syscall interrupts it at once
// (the call would otherwise block: a read of an empty pipe), and the host handler's fixup
// moves a thread caught between the check and the syscall instruction to the same -EINTR.
#if defined(__x86_64__)
extern "C" char xisa_safe_syscall_start[], xisa_safe_syscall_end[], xisa_safe_syscall_eintr[];
#endif

using xisa::os::safe_syscall;
using xisa::os::safe_syscall_fixup;

TEST(SafeSyscall, APendingSignalInterruptsBeforeBlocking) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  char c;
  volatile uint32_t request = xisa::kExitRequestSignal;
#if defined(__x86_64__)
  EXPECT_EQ(safe_syscall(&request, SYS_read, fds[0], reinterpret_cast<long>(&c), 1, 0, 0, 0),
            -EINTR);
#endif
  request = 0;
  ASSERT_EQ(write(fds[1], "x", 1), 1);
  EXPECT_EQ(safe_syscall(&request, SYS_read, fds[0], reinterpret_cast<long>(&c), 1, 0, 0, 0), 1);
  EXPECT_EQ(c, 'x');
  EXPECT_EQ(safe_syscall(&request, SYS_close, 12345, 0, 0, 0, 0, 0), -EBADF);
  close(fds[0]);
  close(fds[1]);
}

TEST(SafeSyscall, FixupMovesOnlyThreadsInsideTheWindow) {
#if defined(__x86_64__)
  ucontext_t uc{};
  uc.uc_mcontext.gregs[REG_RIP] = reinterpret_cast<greg_t>(xisa_safe_syscall_start);
  safe_syscall_fixup(&uc);
  EXPECT_EQ(uc.uc_mcontext.gregs[REG_RIP], reinterpret_cast<greg_t>(xisa_safe_syscall_eintr));
  uc.uc_mcontext.gregs[REG_RIP] = reinterpret_cast<greg_t>(xisa_safe_syscall_end);
  safe_syscall_fixup(&uc);  // the syscall ran: its own result stands
  EXPECT_EQ(uc.uc_mcontext.gregs[REG_RIP], reinterpret_cast<greg_t>(xisa_safe_syscall_end));
#else
  GTEST_SKIP() << "safe_syscall has no window on this host yet";
#endif
}
