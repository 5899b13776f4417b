// System V IPC (message queues, semaphores, shared memory) and POSIX message queues. The
// structs (ipc64_perm, msqid64_ds, semid64_ds, shmid64_ds, sembuf, mq_attr, sigevent) are the
// asm-generic 64-bit ones on all three ABIs, and none of these kernels takes IPC_64 in cmd,
// so the calls pass through. shmat/shmdt change the memory map, which the guest mapping set
// must follow like an mmap/munmap.
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>

#include <mutex>

#include "linux/elf_loader.h"
#include "linux/syscalls/syscall_handlers.h"

namespace xisa::os {

namespace {

int64_t sys_shmat(ProcessState& p, const Args& a) {
  std::lock_guard lock(p.mutex);  // the memory map is the process's
  const uint64_t want = a[1];
  struct shmid_ds ds {};
  const int64_t stat = host_syscall(SYS_shmctl, {a[0], IPC_STAT, reinterpret_cast<uint64_t>(&ds)});
  if (stat < 0) return stat;
  const uint64_t page = host_page_size();
  const uint64_t len = (ds.shm_segsz + page - 1) & ~(page - 1);
  // An address given with SHM_REMAP replaces what is there: only guest memory may be replaced.
  if (want && (a[2] & SHM_REMAP)) {
    const uint64_t start = want & ~(page - 1);
    if (!p.vmas.covers(start, start + len)) return -EINVAL;  // xisa's own memory, or a hole
  }
  const int64_t r = host_syscall(SYS_shmat, a);
  if (r < 0) return r;
  const int prot = (a[2] & SHM_RDONLY) ? PROT_READ : PROT_READ | PROT_WRITE;
  const uint64_t start = static_cast<uint64_t>(r);
  p.vmas.add(start, start + len, (a[2] & SHM_EXEC) ? prot | PROT_EXEC : prot, "/SYSV");
  p.notify_memory_changed(start, start + len);
  return r;
}

int64_t sys_shmdt(ProcessState& p, const Args& a) {
  std::lock_guard lock(p.mutex);  // the memory map is the process's
  const Vma* v = p.vmas.find(a[0]);
  if (!v || v->name != "/SYSV" || v->start != a[0]) return -EINVAL;
  const uint64_t start = a[0], end = v->end;
  const int64_t r = host_syscall(SYS_shmdt, a);
  if (r == 0) {
    p.vmas.remove(start, end);
    p.notify_memory_changed(start, end);
  }
  return r;
}

constexpr HandlerRow kHandlers[] = {
    {SyscallId::shmat, sys_shmat},
    {SyscallId::shmdt, sys_shmdt},
};

constexpr PassThroughRow kPassThrough[] = {
    {SyscallId::msgget, SYS_msgget},
    {SyscallId::msgsnd, SYS_msgsnd},
    {SyscallId::msgrcv, SYS_msgrcv},
    {SyscallId::msgctl, SYS_msgctl},
    {SyscallId::semget, SYS_semget},
    {SyscallId::semop, SYS_semop},
    {SyscallId::semtimedop, SYS_semtimedop},
    {SyscallId::semctl, SYS_semctl},
    {SyscallId::shmget, SYS_shmget},
    {SyscallId::shmctl, SYS_shmctl},
    {SyscallId::mq_open, SYS_mq_open},  // a queue name, not a file path
    {SyscallId::mq_unlink, SYS_mq_unlink},
    {SyscallId::mq_timedsend, SYS_mq_timedsend},
    {SyscallId::mq_timedreceive, SYS_mq_timedreceive},
    {SyscallId::mq_notify, SYS_mq_notify},
    {SyscallId::mq_getsetattr, SYS_mq_getsetattr},
};

}  // namespace

HandlerSet sysv_ipc_syscalls() {
  return {kHandlers, kPassThrough};
}

}  // namespace xisa::os
