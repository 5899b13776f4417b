// Memory syscalls. Guest addresses are host addresses: mmap and friends go to the host, and
// the guest mapping set (VmaSet) keeps the guest from replacing, unmapping or reprotecting
// memory that xisa owns (its heap, code, stacks): a MAP_FIXED there fails with -ENOMEM, a
// munmap with -EINVAL, an mprotect/madvise with -ENOMEM.
#include "linux/syscalls/sys_memory.h"

#include <sys/mman.h>
#include <sys/syscall.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <vector>

#include "common/log.h"
#include "linux/elf_loader.h"
#include "linux/guest_memory.h"
#include "linux/syscalls/syscall_handlers.h"
#include "linux/vma_set.h"

namespace xisa::os {

namespace {

constexpr uint64_t kMremapFixed = 2, kMremapDontunmap = 4;

uint64_t page_mask() {
  return host_page_size() - 1;
}
uint64_t page_up(uint64_t v) {
  return (v + page_mask()) & ~page_mask();
}

// Reserves a free host range exactly; false when any part of it is in use.
bool reserve_free(uint64_t start, uint64_t len) {
  void* p = mmap(reinterpret_cast<void*>(start), len, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
  if (p == MAP_FAILED) return false;
  if (reinterpret_cast<uint64_t>(p) != start) {
    munmap(p, len);
    return false;
  }
  return true;
}

// The parts of [start, end) that are not the guest's must be free host address space: then the
// range may be replaced. Holds those parts with placeholders until the caller's mapping
// replaces them (or release() gives them back).
class RangeClaim {
 public:
  RangeClaim(const VmaSet& vmas, uint64_t start, uint64_t end) {
    for (const auto& [lo, hi] : vmas.gaps(start, end)) {
      if (!reserve_free(lo, hi - lo)) {
        ok_ = false;
        break;
      }
      held_.emplace_back(lo, hi);
    }
  }
  bool ok() const { return ok_; }
  void release() {
    for (const auto& [lo, hi] : held_) munmap(reinterpret_cast<void*>(lo), hi - lo);
    held_.clear();
  }
  void keep() { held_.clear(); }
  ~RangeClaim() { release(); }

 private:
  std::vector<std::pair<uint64_t, uint64_t>> held_;
  bool ok_ = true;
};

bool valid_range(uint64_t addr, uint64_t len) {
  return (addr & page_mask()) == 0 && len != 0 && addr + page_up(len) > addr;
}

// x86-64's MAP_32BIT (no asm-generic flag has this bit): the kernel's placement, below 2 GiB.
constexpr uint64_t kMap32Bit = 0x40;

// A mapping without MAP_FIXED. Without an address, Linux places it top-down below mmap_base;
// xisa does the same below the guest's stack, so a program's libraries land at the same
// addresses from run to run (as under qemu-user), which is what the translation store's
// blocks are found by. Where xisa's own memory is in the way, the host kernel chooses.
int64_t map_anywhere(ProcessState& p, const Args& a) {
  const uint64_t addr = a[0], len = a[1], flags = a[3];
  if (addr != 0 || (flags & kMap32Bit) || p.mmap_top == 0) return host_syscall(SYS_mmap, a);
  // Above the brk area when it is below the stack (a program at a fixed low address).
  const uint64_t floor =
      std::max<uint64_t>(p.brk.reserve_end < p.mmap_top ? p.brk.reserve_end : 0, uint64_t{1} << 16);
  const uint64_t hint = p.vmas.highest_gap(floor, p.mmap_top, page_up(len));
  if (hint == 0) return host_syscall(SYS_mmap, a);
  Args placed = a;
  placed[0] = hint;
  placed[3] = flags | MAP_FIXED_NOREPLACE;
  const int64_t r = host_syscall(SYS_mmap, placed);
  return r == -EEXIST ? host_syscall(SYS_mmap, a) : r;
}

int64_t sys_mmap(ProcessState& p, const Args& a) {
  std::lock_guard lock(p.mutex);  // the memory map is the process's
  const uint64_t addr = a[0], len = a[1], prot = a[2], flags = a[3];
  if (len == 0) return -EINVAL;
  if (page_up(len) < len) return -ENOMEM;  // Linux: a length no address space can hold
  const bool fixed = (flags & MAP_FIXED) && !(flags & MAP_FIXED_NOREPLACE);
  std::optional<RangeClaim> claim;
  if (fixed) {
    if (!valid_range(addr, len)) return -EINVAL;
    claim.emplace(p.vmas, addr, addr + page_up(len));
    if (!claim->ok()) {
      if (p.warn_once("mmap-fixed-xisa"))
        log::warn(
            "guest mmap MAP_FIXED at {:#x} (+{:#x}) would replace xisa's own memory; "
            "returning -ENOMEM",
            addr, len);
      return -ENOMEM;
    }
  }
  const int64_t r = fixed ? host_syscall(SYS_mmap, a) : map_anywhere(p, a);
  if (r < 0) return r;
  if (claim) {
    claim->keep();
    p.notify_memory_changed(addr, addr + page_up(len));
  }
  p.vmas.add(static_cast<uint64_t>(r), static_cast<uint64_t>(r) + page_up(len),
             static_cast<int>(prot));
  return r;
}

int64_t sys_munmap(ProcessState& p, const Args& a) {
  std::lock_guard lock(p.mutex);  // the memory map is the process's
  const uint64_t addr = a[0], len = a[1];
  if (!valid_range(addr, len)) return -EINVAL;
  const uint64_t end = addr + page_up(len);
  {
    RangeClaim claim(p.vmas, addr, end);
    if (!claim.ok()) {
      if (p.warn_once("munmap-xisa"))
        log::warn("guest munmap of {:#x} (+{:#x}) covers xisa's own memory; returning -EINVAL",
                  addr, len);
      return -EINVAL;
    }
  }
  const int64_t r = host_syscall(SYS_munmap, a);
  if (r == 0) {
    p.vmas.remove(addr, end);
    p.notify_memory_changed(addr, end);
  }
  return r;
}

int64_t sys_mprotect(ProcessState& p, const Args& a) {
  std::lock_guard lock(p.mutex);  // the memory map is the process's
  const uint64_t addr = a[0], len = a[1];
  if (addr & page_mask()) return -EINVAL;
  if (len == 0) return 0;
  const uint64_t end = addr + page_up(len);
  if (end <= addr) return -ENOMEM;
  if (!p.vmas.covers(addr, end)) return -ENOMEM;
  const int64_t r = host_syscall(SYS_mprotect, a);
  if (r == 0) {
    p.vmas.protect(addr, end, static_cast<int>(a[2]));
    p.notify_memory_changed(addr, end);
  }
  return r;
}

int64_t sys_madvise(ProcessState& p, const Args& a) {
  std::lock_guard lock(p.mutex);  // the memory map is the process's
  const uint64_t addr = a[0], len = a[1];
  if (addr & page_mask()) return -EINVAL;
  if (len == 0) return 0;
  if (!p.vmas.covers(addr, addr + page_up(len))) return -ENOMEM;
  const int64_t r = host_syscall(SYS_madvise, a);
  if (r == 0 && a[2] == MADV_DONTNEED) p.notify_memory_changed(addr, addr + page_up(len));
  return r;
}

int64_t sys_mremap(ProcessState& p, const Args& a) {
  std::lock_guard lock(p.mutex);  // the memory map is the process's
  const uint64_t old_addr = a[0], old_len = page_up(a[1]), new_len = a[2], flags = a[3];
  if ((old_addr & page_mask()) || new_len == 0) return -EINVAL;
  if (!p.vmas.covers(old_addr, old_addr + std::max<uint64_t>(old_len, 1))) return -EFAULT;
  std::optional<RangeClaim> claim;
  if (flags & kMremapFixed) {
    if (!valid_range(a[4], new_len)) return -EINVAL;
    claim.emplace(p.vmas, a[4], a[4] + page_up(new_len));
    if (!claim->ok()) return -ENOMEM;
  }
  const Vma* old = p.vmas.find(old_addr);
  const int prot = old ? old->prot : PROT_READ | PROT_WRITE;
  const std::string name = old ? old->name : std::string{};
  const int64_t r = host_syscall(SYS_mremap, a);
  if (r < 0) return r;
  if (claim) {
    claim->keep();
    p.notify_memory_changed(a[4], a[4] + page_up(new_len));
  }
  if (!(flags & kMremapDontunmap) && old_len) {
    p.vmas.remove(old_addr, old_addr + old_len);
    p.notify_memory_changed(old_addr, old_addr + old_len);
  }
  p.vmas.add(static_cast<uint64_t>(r), static_cast<uint64_t>(r) + page_up(new_len), prot, name);
  return r;
}

// Linux's brk: any request it cannot satisfy leaves the break where it was, and the result is
// always the current break.
int64_t sys_brk(ProcessState& p, const Args& a) {
  std::lock_guard lock(p.mutex);  // the memory map is the process's
  BrkArea& b = p.brk;
  const uint64_t want = a[0];
  if (want < b.start || want > b.reserve_end) return static_cast<int64_t>(b.current);
  const uint64_t new_end = page_up(want);
  if (new_end > b.mapped_end) {
    // Grow only over our own reservation, not over something the guest mapped there since.
    for (uint64_t pos = b.mapped_end; pos < new_end;) {
      const Vma* v = p.vmas.find(pos);
      if (!v || v->name != kBrkReserveName) return static_cast<int64_t>(b.current);
      pos = v->end;
    }
    void* m = mmap(reinterpret_cast<void*>(b.mapped_end), new_end - b.mapped_end,
                   PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (m == MAP_FAILED) return static_cast<int64_t>(b.current);
    p.vmas.add(b.mapped_end, new_end, PROT_READ | PROT_WRITE, "[heap]");
  } else if (new_end < b.mapped_end) {
    // Give the pages back: growing again must see zeros, as on Linux.
    void* m = mmap(reinterpret_cast<void*>(new_end), b.mapped_end - new_end, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    if (m == MAP_FAILED) return static_cast<int64_t>(b.current);
    p.vmas.add(new_end, b.mapped_end, PROT_NONE, kBrkReserveName);
    p.notify_memory_changed(new_end, b.mapped_end);
  }
  b.mapped_end = new_end;
  b.current = want;
  return static_cast<int64_t>(b.current);
}

// RISC-V: makes code written to memory visible to instruction fetch. The kernel flushes all
// of the process whatever the range; here every translation is dropped the same way.
int64_t sys_riscv_flush_icache(ProcessState& p, const Args& a) {
  constexpr uint64_t kFlushLocal = 1;
  if (a[2] & ~kFlushLocal) return -EINVAL;
  p.notify_memory_changed(0, UINT64_MAX);
  return 0;
}

// Calls on a range of the guest's memory that leave the map as it is (address and length in
// the first two arguments): a range that is not all the guest's is unmapped memory to it, so
// ENOMEM as in Linux.
template <long kHostNr>
int64_t guest_range_call(ProcessState& p, const Args& a) {
  const uint64_t start = a[0] & ~page_mask();
  const uint64_t end = page_up(a[0] + a[1]);
  if (a[1] != 0 && (end <= start || !p.vmas.covers(start, end))) return -ENOMEM;
  return host_syscall(kHostNr, a);
}

// mincore also writes one byte per page to its vector, which must be the guest's.
int64_t sys_mincore(ProcessState& p, const Args& a) {
  const uint64_t pages = page_up(a[1]) / host_page_size();
  if (pages && guest_mappings() &&
      guest_mappings()->accessible_prefix(a[2], pages, PROT_WRITE) != pages)
    return -EFAULT;
  return guest_range_call<SYS_mincore>(p, a);
}

constexpr HandlerRow kHandlers[] = {
    {SyscallId::mlock, guest_range_call<SYS_mlock>},
    {SyscallId::mlock2, guest_range_call<SYS_mlock2>},
    {SyscallId::munlock, guest_range_call<SYS_munlock>},
    {SyscallId::msync, guest_range_call<SYS_msync>},
    {SyscallId::mincore, sys_mincore},
    {SyscallId::brk, sys_brk},
    {SyscallId::mmap, sys_mmap},
    {SyscallId::munmap, sys_munmap},
    {SyscallId::mprotect, sys_mprotect},
    {SyscallId::mremap, sys_mremap},
    {SyscallId::madvise, sys_madvise},
    {SyscallId::riscv_flush_icache, sys_riscv_flush_icache},
};

constexpr PassThroughRow kPassThrough[] = {
    {SyscallId::mlockall, SYS_mlockall},
    {SyscallId::munlockall, SYS_munlockall},
    {SyscallId::memfd_create, SYS_memfd_create},  // a name, not a path
};

}  // namespace

void init_brk(ProcessState& p, uint64_t start) {
  p.brk = {start, start, start, start};
  for (uint64_t size = kBrkReserve; size >= host_page_size() * 16; size /= 2) {
    if (reserve_free(start, size)) {
      p.brk.reserve_end = start + size;
      p.vmas.add(start, start + size, PROT_NONE, kBrkReserveName);
      return;
    }
  }
  log::warn("no address space free after the program for its heap (brk); brk will fail");
}

HandlerSet memory_syscalls() {
  return {kHandlers, kPassThrough};
}

}  // namespace xisa::os
