// Process and identity syscalls: exit, ids, uname, limits, sysinfo, thread bookkeeping,
// scheduling and randomness.
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cstring>
#include <ctime>
#include <optional>

#include "linux/guest_memory.h"
#include "linux/syscalls/struct_layouts.h"
#include "linux/syscalls/syscall_handlers.h"

namespace xisa::os {

namespace {

int64_t sys_uname(ProcessState& p, const Args& a) {
  struct utsname u {};
  if (uname(&u) != 0) return -errno;
  std::memset(u.machine, 0, sizeof u.machine);
  const std::string_view machine = p.arch.name();
  std::memcpy(u.machine, machine.data(), std::min(machine.size(), sizeof u.machine - 1));
  // struct new_utsname: six 65-byte strings on every ABI, as glibc's struct utsname.
  static_assert(sizeof(struct utsname) == 6 * 65);
  return copy_to_guest(a[0], &u, sizeof u) ? 0 : -EFAULT;
}

int64_t sys_sysinfo(ProcessState&, const Args& a) {
  struct sysinfo si {};
  if (sysinfo(&si) != 0) return -errno;
  const std::vector<uint8_t> guest = guest_sysinfo(si);
  return copy_to_guest(a[0], guest.data(), guest.size()) ? 0 : -EFAULT;
}

// getrlimit/setrlimit use struct rlimit, prlimit64's struct rlimit64: the same two u64 on
// every 64-bit ABI, so both go through the host's prlimit64.
int64_t sys_getrlimit(ProcessState&, const Args& a) {
  return host_syscall(SYS_prlimit64, {0, a[0], 0, a[1], 0, 0});
}
int64_t sys_setrlimit(ProcessState&, const Args& a) {
  return host_syscall(SYS_prlimit64, {0, a[0], a[1], 0, 0, 0});
}

// x86-64 only: the thread pointer is the guest's FS base. The guest state holds it (through
// GuestArch::set_thread_pointer); GS is recorded for ARCH_GET_GS only.
int64_t sys_arch_prctl(ProcessState& p, const Args& a) {
  constexpr uint64_t kSetGs = 0x1001, kSetFs = 0x1002, kGetFs = 0x1003, kGetGs = 0x1004;
  switch (a[0]) {
    case kSetFs:
      p.thread().fs_base = a[1];
      p.arch.set_thread_pointer(p.guest_state(), a[1]);
      return 0;
    case kSetGs:
      p.thread().gs_base = a[1];
      return 0;
    case kGetFs:
      return write_guest(a[1], p.thread().fs_base) ? 0 : -EFAULT;
    case kGetGs:
      return write_guest(a[1], p.thread().gs_base) ? 0 : -EFAULT;
    default:
      return -EINVAL;  // CET, CPUID faulting, AMX permissions: not offered
  }
}

// x86-64 only: time(2), through the host's clock (SYS_time is absent on other hosts).
int64_t sys_time(ProcessState&, const Args& a) {
  struct timespec ts {};
  clock_gettime(CLOCK_REALTIME, &ts);
  if (a[0] && !write_guest(a[0], static_cast<int64_t>(ts.tv_sec))) return -EFAULT;
  return ts.tv_sec;
}

// RISC-V: what the hart implements, answered by the guest for exactly what xisa emulates.
// struct riscv_hwprobe { s64 key; u64 value; }; an unknown key reads back as key -1, value 0.
int64_t sys_riscv_hwprobe(ProcessState& p, const Args& a) {
  if (p.arch.isa() != GuestIsa::Riscv64) return -ENOSYS;
  if (a[4] != 0) return -EINVAL;  // RISCV_HWPROBE_WHICH_CPUS is not offered
  for (uint64_t i = 0; i < a[1]; ++i) {
    const uint64_t at = a[0] + 16 * i;
    int64_t key;
    if (!read_guest(at, key)) return -EFAULT;
    const std::optional<uint64_t> value = p.arch.hwprobe(key);
    if (!write_guest(at, value ? key : int64_t{-1}) || !write_guest(at + 8, value.value_or(0)))
      return -EFAULT;
  }
  return 0;
}

int64_t sys_getpgrp(ProcessState&, const Args&) {  // x86-64: getpgid(0)
  return host_syscall(SYS_getpgid, {0});
}

constexpr HandlerRow kHandlers[] = {
    {SyscallId::getpgrp, sys_getpgrp},       {SyscallId::riscv_hwprobe, sys_riscv_hwprobe},
    {SyscallId::arch_prctl, sys_arch_prctl}, {SyscallId::time, sys_time},
    {SyscallId::uname, sys_uname},           {SyscallId::sysinfo, sys_sysinfo},
    {SyscallId::getrlimit, sys_getrlimit},   {SyscallId::setrlimit, sys_setrlimit},
};

constexpr PassThroughRow kPassThrough[] = {
    {SyscallId::getpid, SYS_getpid},
    {SyscallId::getppid, SYS_getppid},
    {SyscallId::getuid, SYS_getuid},
    {SyscallId::geteuid, SYS_geteuid},
    {SyscallId::getgid, SYS_getgid},
    {SyscallId::getegid, SYS_getegid},
    {SyscallId::getresuid, SYS_getresuid},
    {SyscallId::getresgid, SYS_getresgid},
    {SyscallId::getgroups, SYS_getgroups},
    {SyscallId::getpgid, SYS_getpgid},
    {SyscallId::getsid, SYS_getsid},
    {SyscallId::umask, SYS_umask},
    {SyscallId::prlimit64, SYS_prlimit64},
    {SyscallId::getrusage, SYS_getrusage},
    {SyscallId::getpriority, SYS_getpriority},
    {SyscallId::getrandom, SYS_getrandom},
    // Credentials change for the calling thread only, as the raw syscalls do natively: the
    // guest's libc makes every thread follow (glibc's SIGSETXID, delivered as a guest signal).
    {SyscallId::setuid, SYS_setuid},
    {SyscallId::setgid, SYS_setgid},
    {SyscallId::setreuid, SYS_setreuid},
    {SyscallId::setregid, SYS_setregid},
    {SyscallId::setresuid, SYS_setresuid},
    {SyscallId::setresgid, SYS_setresgid},
    {SyscallId::setfsuid, SYS_setfsuid},
    {SyscallId::setfsgid, SYS_setfsgid},
    {SyscallId::setgroups, SYS_setgroups},
    {SyscallId::capget, SYS_capget},
    {SyscallId::capset, SYS_capset},
    {SyscallId::setpriority, SYS_setpriority},
    {SyscallId::ioprio_get, SYS_ioprio_get},
    {SyscallId::ioprio_set, SYS_ioprio_set},
    {SyscallId::personality, SYS_personality},
    {SyscallId::sethostname, SYS_sethostname},
    {SyscallId::setdomainname, SYS_setdomainname},
    {SyscallId::chroot, SYS_chroot, kArg0},
    {SyscallId::acct, SYS_acct, kArg0},
    {SyscallId::umount2, SYS_umount2, kArg0},
    {SyscallId::mount, SYS_mount, kArg0 | kArg1},
    {SyscallId::syslog, SYS_syslog},
    {SyscallId::vhangup, SYS_vhangup},
};

}  // namespace

HandlerSet process_syscalls() {
  return {kHandlers, kPassThrough};
}

}  // namespace xisa::os
