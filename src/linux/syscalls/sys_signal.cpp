// Signal state syscalls: dispositions, the blocked mask and the alternate stack are recorded in
// the process state in the guest's own layout (the host's signal state stays xisa's).
// Delivery to guest handlers is not written yet.
#include "common/log.h"
#include "linux/guest_memory.h"
#include "linux/syscalls/struct_layouts.h"
#include "linux/syscalls/syscall_handlers.h"

namespace xisa::os {

namespace {

constexpr uint64_t kSigsetSize = 8;  // the kernel's sigset_t: 64 signals on every 64-bit ABI
constexpr int kSigKill = 9;
constexpr int kSigStop = 19;
constexpr uint64_t kUnblockable = (uint64_t{1} << (kSigKill - 1)) | (uint64_t{1} << (kSigStop - 1));

int64_t sys_rt_sigaction(ProcessState& p, const Args& a) {
  const int sig = static_cast<int>(a[0]);
  if (a[3] != kSigsetSize || sig < 1 || sig > kGuestSignals) return -EINVAL;
  const GuestIsa isa = p.arch.isa();
  const size_t size = guest_sigaction_size(isa);
  GuestSigaction next;
  if (a[1]) {
    if (sig == kSigKill || sig == kSigStop) return -EINVAL;
    std::vector<uint8_t> bytes(size);
    if (!copy_from_guest(bytes.data(), a[1], size)) return -EFAULT;
    next = decode_sigaction(isa, bytes.data());
    next.mask &= ~kUnblockable;
  }
  if (a[2]) {
    const std::vector<uint8_t> old = encode_sigaction(isa, p.sigactions[sig]);
    if (!copy_to_guest(a[2], old.data(), old.size())) return -EFAULT;
  }
  if (a[1]) {
    p.sigactions[sig] = next;
    if (next.handler > 1)
      log::debug(
          "rt_sigaction: handler {:#x} for signal {} recorded; signal delivery is not "
          "implemented yet",
          next.handler, sig);
  }
  return 0;
}

int64_t sys_rt_sigprocmask(ProcessState& p, const Args& a) {
  if (a[3] != kSigsetSize) return -EINVAL;
  uint64_t set = 0;
  if (a[1] && !read_guest(a[1], set)) return -EFAULT;
  if (a[1] && a[0] > 2) return -EINVAL;  // SIG_BLOCK 0, SIG_UNBLOCK 1, SIG_SETMASK 2
  if (a[2] && !write_guest(a[2], p.sigmask)) return -EFAULT;
  if (a[1]) {
    switch (a[0]) {
      case 0:
        p.sigmask |= set;
        break;
      case 1:
        p.sigmask &= ~set;
        break;
      case 2:
        p.sigmask = set;
        break;
    }
    p.sigmask &= ~kUnblockable;
  }
  return 0;
}

// stack_t: { void* ss_sp; int ss_flags; size_t ss_size; } on every 64-bit ABI.
struct GuestStackT {
  uint64_t sp;
  int32_t flags;
  int32_t pad;
  uint64_t size;
};
static_assert(sizeof(GuestStackT) == 24);

int64_t sys_sigaltstack(ProcessState& p, const Args& a) {
  constexpr int32_t kSsDisable = 2;
  constexpr int32_t kSsAutodisarm = int32_t(1u << 31);
  GuestStackT next{};
  if (a[0] && !read_guest(a[0], next)) return -EFAULT;
  if (a[1]) {
    const GuestStackT old{p.altstack.sp, p.altstack.flags, 0, p.altstack.size};
    if (!write_guest(a[1], old)) return -EFAULT;
  }
  if (a[0]) {
    const int32_t mode = next.flags & ~kSsAutodisarm;
    if (mode != 0 && mode != kSsDisable) return -EINVAL;
    // MINSIGSTKSZ: 2048 on x86-64 and RISC-V, 5120 on AArch64.
    const uint64_t min_size = p.arch.isa() == GuestIsa::Aarch64 ? 5120 : 2048;
    if (mode == kSsDisable) {
      p.altstack = GuestAltStack{};
    } else {
      if (next.size < min_size) return -ENOMEM;
      p.altstack = {next.sp, next.flags, next.size};
    }
  }
  return 0;
}

constexpr HandlerRow kHandlers[] = {
    {SyscallId::rt_sigaction, sys_rt_sigaction},
    {SyscallId::rt_sigprocmask, sys_rt_sigprocmask},
    {SyscallId::sigaltstack, sys_sigaltstack},
};

}  // namespace

HandlerSet signal_syscalls() {
  return {kHandlers, {}};
}

}  // namespace xisa::os
