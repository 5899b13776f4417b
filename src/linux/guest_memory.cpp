// Guest memory copies. Once the host fault handlers are in place they are plain memcpy calls
// that a fault ends early (a page another thread unmapped after the check, a page the guest
// check does not know is read-only on the host): the handler jumps back here and the copy
// returns false. Before that, process_vm_readv/writev on our own pid, which the kernel checks,
// at the price of two syscalls per copy; where those are missing (qemu-user as the host) or
// filtered (seccomp), the copy installs a fault handler of its own for its duration.
#include "linux/guest_memory.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csetjmp>
#include <cstring>

#include "linux/vma_set.h"

namespace xisa::os {

namespace {

std::atomic<const VmaSet*> g_guest{nullptr};
std::atomic<bool> g_copy_faults_recoverable{false};
thread_local sigjmp_buf* t_copy_recovery = nullptr;

// memcpy with a way back from a fault. Not inlined: the jump buffer must outlive the copy
// and nothing of the copy may be moved out of it.
[[gnu::noinline]] bool recoverable_copy(void* dst, const void* src, size_t n) {
  sigjmp_buf recovery;
  sigjmp_buf* const outer = t_copy_recovery;
  if (sigsetjmp(recovery, 0)) {
    t_copy_recovery = outer;
    return false;
  }
  t_copy_recovery = &recovery;
  std::memcpy(dst, src, n);
  asm volatile("" ::: "memory");  // the copy is done before the way back is dropped
  t_copy_recovery = outer;
  return true;
}

// A fault outside a copy (another thread's, while this one copies) gets the default action.
void leave_copy_or_die(int signo, siginfo_t*, void*) {
  leave_faulting_guest_copy();
  signal(signo, SIG_DFL);
  raise(signo);
}

// Only before the host fault handlers exist, when the process has one thread: the handler is
// the process's for the duration of the copy.
bool copy_under_own_handler(void* dst, const void* src, size_t n) {
  struct sigaction act {};
  act.sa_sigaction = leave_copy_or_die;
  act.sa_flags = SA_SIGINFO | SA_NODEFER;  // siglongjmp out without restoring the mask
  struct sigaction old_segv {};
  struct sigaction old_bus {};
  sigaction(SIGSEGV, &act, &old_segv);
  sigaction(SIGBUS, &act, &old_bus);
  const bool ok = recoverable_copy(dst, src, n);
  sigaction(SIGSEGV, &old_segv, nullptr);
  sigaction(SIGBUS, &old_bus, nullptr);
  return ok;
}

bool vm_copy(void* local, uint64_t remote, size_t n, bool write) {
  if (n == 0) return true;
  if (remote + n < remote) return false;  // wraps around the address space
  if (const VmaSet* guest = g_guest.load(std::memory_order_acquire);
      guest && guest->accessible_prefix(remote, n, write ? PROT_WRITE : PROT_READ) != n)
    return false;
  auto* guest_bytes = reinterpret_cast<void*>(remote);
  if (g_copy_faults_recoverable.load(std::memory_order_relaxed))
    return write ? recoverable_copy(guest_bytes, local, n)
                 : recoverable_copy(local, guest_bytes, n);
  const pid_t self = getpid();
  size_t done = 0;
  while (done < n) {
    iovec l{static_cast<char*>(local) + done, n - done};
    iovec r{reinterpret_cast<void*>(remote + done), n - done};
    const ssize_t got =
        write ? process_vm_writev(self, &l, 1, &r, 1, 0) : process_vm_readv(self, &l, 1, &r, 1, 0);
    if (got < 0 && (errno == ENOSYS || errno == EPERM)) {
      char* const l_rest = static_cast<char*>(local) + done;
      auto* const r_rest = reinterpret_cast<char*>(remote + done);
      return write ? copy_under_own_handler(r_rest, l_rest, n - done)
                   : copy_under_own_handler(l_rest, r_rest, n - done);
    }
    if (got <= 0) return false;  // a partial copy stops at the first bad page
    done += static_cast<size_t>(got);
  }
  return true;
}

}  // namespace

void restrict_guest_memory_to(const VmaSet* guest) {
  g_guest.store(guest, std::memory_order_release);
}

const VmaSet* guest_mappings() {
  return g_guest.load(std::memory_order_acquire);
}

void enable_recoverable_guest_copies() {
  g_copy_faults_recoverable.store(true, std::memory_order_relaxed);
}

void leave_faulting_guest_copy() {
  if (sigjmp_buf* recovery = t_copy_recovery) siglongjmp(*recovery, 1);
}

bool copy_from_guest(void* dst, uint64_t guest_src, size_t n) {
  return vm_copy(dst, guest_src, n, false);
}

bool copy_to_guest(uint64_t guest_dst, const void* src, size_t n) {
  return vm_copy(const_cast<void*>(src), guest_dst, n, true);
}

std::optional<std::string> read_guest_string(uint64_t addr, size_t max_len, bool* truncated) {
  std::string out;
  if (truncated) *truncated = false;
  char chunk[256];
  while (out.size() < max_len) {
    // Never read across a page boundary in one go: the string may end just before a hole.
    const uint64_t to_page_end = 4096 - (addr % 4096);
    const size_t want = std::min<size_t>({sizeof chunk, to_page_end, max_len - out.size() + 1});
    if (!copy_from_guest(chunk, addr, want)) return std::nullopt;
    const void* nul = std::memchr(chunk, 0, want);
    if (nul) {
      out.append(chunk, static_cast<const char*>(nul) - chunk);
      return out.size() > max_len ? out.substr(0, max_len) : out;
    }
    out.append(chunk, want);
    addr += want;
  }
  if (out.size() > max_len) out.resize(max_len);
  if (truncated) *truncated = true;
  return out;
}

}  // namespace xisa::os
