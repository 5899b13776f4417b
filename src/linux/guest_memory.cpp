// Guest memory copies through process_vm_readv/writev on our own pid: the kernel validates the
// guest side and reports EFAULT instead of raising SIGSEGV in xisa.
#include "linux/guest_memory.h"

#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>

#include "linux/vma_set.h"

namespace xisa::os {

namespace {

std::atomic<const VmaSet*> g_guest{nullptr};

bool vm_copy(void* local, uint64_t remote, size_t n, bool write) {
  if (n == 0) return true;
  if (remote + n < remote) return false;  // wraps around the address space
  if (const VmaSet* guest = g_guest.load(std::memory_order_acquire);
      guest && guest->accessible_prefix(remote, n, write ? PROT_WRITE : PROT_READ) != n)
    return false;
  const pid_t self = getpid();
  size_t done = 0;
  while (done < n) {
    iovec l{static_cast<char*>(local) + done, n - done};
    iovec r{reinterpret_cast<void*>(remote + done), n - done};
    const ssize_t got =
        write ? process_vm_writev(self, &l, 1, &r, 1, 0) : process_vm_readv(self, &l, 1, &r, 1, 0);
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
