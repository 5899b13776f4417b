#include "linux/syscalls/guest_buffer_check.h"

#include <sys/mman.h>

#include <algorithm>
#include <array>

#include "linux/guest_memory.h"
#include "linux/vma_set.h"

namespace xisa::os {

namespace {

// A buffer at argument buf of (argument len) x elem bytes. partial: the kernel fills or reads
// it byte by byte and stops at the first bad one (read, write: the length is cut); otherwise
// it copies the whole array first and fails with EFAULT (poll, getgroups).
struct BufferRule {
  SyscallId id;
  uint8_t buf, len;
  uint8_t elem;
  int prot;
  bool partial;
};

constexpr int kRw = PROT_READ | PROT_WRITE;

constexpr BufferRule kBuffers[] = {
    {SyscallId::read, 1, 2, 1, PROT_WRITE, true},
    {SyscallId::pread64, 1, 2, 1, PROT_WRITE, true},
    {SyscallId::getrandom, 0, 1, 1, PROT_WRITE, true},
    {SyscallId::recvfrom, 1, 2, 1, PROT_WRITE, true},
    {SyscallId::getcwd, 0, 1, 1, PROT_WRITE, true},
    {SyscallId::getdents64, 1, 2, 1, PROT_WRITE, true},
    {SyscallId::getdents, 1, 2, 1, PROT_WRITE, true},
    {SyscallId::getxattr, 2, 3, 1, PROT_WRITE, true},
    {SyscallId::lgetxattr, 2, 3, 1, PROT_WRITE, true},
    {SyscallId::fgetxattr, 2, 3, 1, PROT_WRITE, true},
    {SyscallId::listxattr, 1, 2, 1, PROT_WRITE, true},
    {SyscallId::llistxattr, 1, 2, 1, PROT_WRITE, true},
    {SyscallId::flistxattr, 1, 2, 1, PROT_WRITE, true},
    {SyscallId::msgrcv, 1, 2, 1, PROT_WRITE, true},
    {SyscallId::mq_timedreceive, 1, 2, 1, PROT_WRITE, true},
    {SyscallId::readlinkat, 2, 3, 1, PROT_WRITE, true},
    {SyscallId::readlink, 1, 2, 1, PROT_WRITE, true},
    {SyscallId::write, 1, 2, 1, PROT_READ, true},
    {SyscallId::pwrite64, 1, 2, 1, PROT_READ, true},
    {SyscallId::sendto, 1, 2, 1, PROT_READ, true},
    {SyscallId::mq_timedsend, 1, 2, 1, PROT_READ, true},
    {SyscallId::poll, 0, 1, 8, kRw, false},  // struct pollfd: read, revents written back
    {SyscallId::ppoll, 0, 1, 8, kRw, false},
    {SyscallId::getgroups, 1, 0, 4, PROT_WRITE, false},
    {SyscallId::setgroups, 1, 0, 4, PROT_READ, false},
    {SyscallId::sched_getaffinity, 2, 1, 1, PROT_WRITE, false},
    {SyscallId::sched_setaffinity, 2, 1, 1, PROT_READ, false},
    {SyscallId::semop, 1, 2, 6, PROT_READ, false},  // struct sembuf
    {SyscallId::semtimedop, 1, 2, 6, PROT_READ, false},
    {SyscallId::futex_waitv, 0, 1, 24, PROT_READ, false},  // struct futex_waitv
};

// Calls with an iovec array (argument iov, count in argument cnt) whose buffers the kernel
// fills (PROT_WRITE) or reads.
struct IovecRule {
  SyscallId id;
  uint8_t iov, cnt;
  int prot;
};

constexpr IovecRule kIovecs[] = {
    {SyscallId::readv, 1, 2, PROT_WRITE},   {SyscallId::preadv, 1, 2, PROT_WRITE},
    {SyscallId::preadv2, 1, 2, PROT_WRITE}, {SyscallId::writev, 1, 2, PROT_READ},
    {SyscallId::pwritev, 1, 2, PROT_READ},  {SyscallId::pwritev2, 1, 2, PROT_READ},
    {SyscallId::vmsplice, 1, 2, PROT_READ},
};

constexpr uint64_t kUioMaxIov = 1024;  // Linux's UIO_MAXIOV: more is EINVAL, left to the host

// The rule of each call, found in O(1): every syscall comes through here.
struct RulesById {
  std::array<const BufferRule*, kSyscallIdCount> buffer{};
  std::array<const IovecRule*, kSyscallIdCount> iovec{};
};

const RulesById& rules_by_id() {
  static const RulesById rules = [] {
    RulesById r;
    for (const BufferRule& b : kBuffers) r.buffer[static_cast<size_t>(b.id)] = &b;
    for (const IovecRule& v : kIovecs) r.iovec[static_cast<size_t>(v.id)] = &v;
    return r;
  }();
  return rules;
}

}  // namespace

bool GuestBufferCheck::cut_iovecs(uint64_t& array, uint64_t& count, int prot) {
  const VmaSet* guest = guest_mappings();
  if (count == 0 || count > kUioMaxIov) return true;
  iov_.resize(count);
  if (!copy_from_guest(iov_.data(), array, count * sizeof(struct iovec))) return false;
  // Like the kernel's copy loop: whole buffers, then the part of the first bad one that is
  // there, then nothing.
  size_t kept = 0;
  for (; kept < iov_.size(); ++kept) {
    const uint64_t base = reinterpret_cast<uint64_t>(iov_[kept].iov_base);
    const uint64_t len = iov_[kept].iov_len;
    if (len == 0) continue;
    const uint64_t ok = guest->accessible_prefix(base, len, prot);
    if (ok == len) continue;
    if (ok == 0 && kept == 0) return false;
    iov_[kept].iov_len = ok;
    if (ok) ++kept;
    break;
  }
  iov_.resize(kept);
  array = reinterpret_cast<uint64_t>(iov_.data());
  count = kept;
  return true;
}

bool GuestBufferCheck::apply(SyscallId id, Args& args) {
  const VmaSet* guest = guest_mappings();
  if (!guest) return true;
  const RulesById& rules = rules_by_id();
  if (const BufferRule* rule = rules.buffer[static_cast<size_t>(id)]) {
    const BufferRule& r = *rule;
    const uint64_t count = args[r.len];
    if (count == 0 || args[r.buf] == 0) return true;  // the kernel decides (often EFAULT)
    if (r.partial) {
      const uint64_t ok = guest->accessible_prefix(args[r.buf], count, r.prot);
      if (ok == 0) return false;
      args[r.len] = ok;
      return true;
    }
    if (count > (UINT64_MAX / r.elem)) return true;  // EINVAL from the kernel
    const uint64_t bytes = count * r.elem;
    return guest->accessible_prefix(args[r.buf], bytes, r.prot) == bytes;
  }
  if (const IovecRule* r = rules.iovec[static_cast<size_t>(id)])
    return cut_iovecs(args[r->iov], args[r->cnt], r->prot);
  return true;
}

bool pointer_args_in_guest_memory(const SyscallDesc& desc, const Args& args) {
  const VmaSet* guest = guest_mappings();
  // futex: its "timeout" slot is an integer (val2) for some operations.
  if (!guest || desc.id == SyscallId::futex) return true;
  for (size_t i = 0; i < desc.nargs; ++i) {
    const ArgKind k = desc.args[i];
    if ((k == ArgKind::Ptr || k == ArgKind::Str || k == ArgKind::InBuf) && args[i] != 0 &&
        guest->accessible_prefix(args[i], 1, 0) == 0)
      return false;
  }
  return true;
}

}  // namespace xisa::os
