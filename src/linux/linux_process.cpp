// LinuxProcess: loads the program (and its interpreter), builds the guest stack and hands
// each syscall to the dispatch.
#include "linux/linux_process.h"

#include <elf.h>
#include <fmt/format.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <cstring>

#include "common/error.h"
#include "common/log.h"
#include "linux/elf_loader.h"
#include "linux/guest_memory.h"
#include "linux/host_signals.h"
#include "linux/initial_stack.h"
#include "linux/process_state.h"
#include "linux/signal_delivery.h"
#include "linux/syscalls/sys_memory.h"
#include "linux/syscalls/syscall_dispatch.h"
#include "linux/syscalls/syscall_handlers.h"

namespace xisa::os {

namespace {

constexpr uint64_t kStackSize = 8 << 20;  // the usual RLIMIT_STACK
// The stack sits just below the ET_DYN load area when that is free; inside RISC-V Sv39.
constexpr uint64_t kStackTop = kDynamicLoadBase - (uint64_t{1} << 24);

// Maps the stack with a guard page below it; returns [bottom, top).
std::pair<uint64_t, uint64_t> map_stack(VmaSet& vmas, bool exec) {
  const uint64_t guard = host_page_size();
  const uint64_t total = kStackSize + guard;
  void* p = mmap(reinterpret_cast<void*>(kStackTop - total), total, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
  if (p == MAP_FAILED || reinterpret_cast<uint64_t>(p) != kStackTop - total) {
    if (p != MAP_FAILED) munmap(p, total);
    p = mmap(nullptr, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
      throw Error(fmt::format("cannot map the guest stack: {}", std::strerror(errno)));
  }
  const uint64_t bottom = reinterpret_cast<uint64_t>(p) + guard;
  const int prot = PROT_READ | PROT_WRITE | (exec ? PROT_EXEC : 0);
  if (mprotect(reinterpret_cast<void*>(bottom), kStackSize, prot) != 0)
    throw Error(fmt::format("cannot map the guest stack: {}", std::strerror(errno)));
  vmas.add(bottom - guard, bottom, PROT_NONE, "[stack guard]");
  vmas.add(bottom, bottom + kStackSize, prot, "[stack]");
  return {bottom, bottom + kStackSize};
}

// The auxiliary vector as built on the initial stack (sp: argc, argv, NULL, envp, NULL, auxv),
// with its AT_NULL: what /proc/self/auxv reads.
std::string auxv_at(uint64_t sp) {
  const auto* word = reinterpret_cast<const uint64_t*>(sp);
  size_t i = 1 + word[0] + 1;  // argc, argv[], NULL
  while (word[i] != 0) ++i;    // envp[]
  const size_t start = ++i;
  while (word[i] != 0) i += 2;  // auxv pairs up to AT_NULL
  i += 2;
  return std::string(reinterpret_cast<const char*>(word + start), (i - start) * 8);
}

// A page of guest code that calls rt_sigreturn, where handlers without SA_RESTORER return
// (the kernel's vDSO sigtramp on AArch64 and RISC-V).
void map_sigreturn_trampoline(ProcessState& p) {
  const uint64_t page = host_page_size();
  void* m = mmap(nullptr, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED)
    throw Error(fmt::format("cannot map the sigreturn page: {}", std::strerror(errno)));
  const std::span<const uint8_t> code = p.arch.sigreturn_code();
  std::memcpy(m, code.data(), code.size());
  if (const auto vsyscall = p.arch.vsyscall_page()) {  // its stubs follow, 64-byte aligned
    p.vsyscall_stubs = reinterpret_cast<uint64_t>(m) + ((code.size() + 63) & ~size_t{63});
    std::memcpy(reinterpret_cast<void*>(p.vsyscall_stubs), vsyscall->stubs.data(),
                vsyscall->stubs.size());
  }
  mprotect(m, page, PROT_READ | PROT_EXEC);
  p.sigreturn_trampoline = reinterpret_cast<uint64_t>(m);
  p.vmas.add(p.sigreturn_trampoline, p.sigreturn_trampoline + page, PROT_READ | PROT_EXEC,
             "[vdso]");
}

std::string absolute_path(const std::string& path) {
  char buf[PATH_MAX];
  if (realpath(path.c_str(), buf)) return buf;
  return path;
}

}  // namespace

LinuxProcess::Impl::~Impl() {
  for (const auto& [start, vma] : vmas.map())
    munmap(reinterpret_cast<void*>(start), vma.end - start);
  for (auto& slot : thread_slots) {
    GuestThread* t = slot.load();
    if (!t) break;
    if (current_thread() == t) set_current_thread(nullptr);
    std::free(t->state);
    delete t;
  }
}

GuestThread* new_guest_thread(ProcessState& p) {
  std::lock_guard lock(p.mutex);
  for (auto& slot : p.thread_slots) {
    GuestThread* t = slot.load();
    if (t && t->in_use) continue;
    if (!t) {
      t = new GuestThread;
      t->state = std::aligned_alloc(64, (p.arch.state_size() + 63) / 64 * 64);
      slot.store(t, std::memory_order_release);
    }
    t->reset();
    t->in_use = true;
    return t;
  }
  return nullptr;
}

void release_guest_thread(ProcessState& p, GuestThread* t) {
  std::lock_guard lock(p.mutex);
  t->tid = 0;
  t->in_use = false;
}

void LinuxProcess::Impl::raise_exit_request_all(uint32_t bit) const {
  for (const auto& slot : thread_slots) {
    GuestThread* t = slot.load(std::memory_order_acquire);
    if (!t) break;
    if (t->tid.load(std::memory_order_acquire) != 0) raise_exit_request(*t->header(), bit);
  }
}

namespace {

// The kernel's mm fields: code and data from the PT_LOAD segments (executable ones are code,
// writable ones data; ends at the file contents), the argument and environment strings from
// the initial stack (argv[0] at sp + 8, envp after argv's NULL).
GuestMmLayout mm_layout(const ElfFile& program, uint64_t bias, uint64_t brk, uint64_t sp,
                        size_t argc, size_t envc) {
  GuestMmLayout mm;
  mm.start_code = UINT64_MAX;
  for (const Elf64_Phdr& ph : program.phdrs) {
    if (ph.p_type != PT_LOAD) continue;
    const uint64_t start = ph.p_vaddr + bias, end = start + ph.p_filesz;
    mm.start_code = std::min(mm.start_code, start);
    if (ph.p_flags & PF_X) mm.end_code = std::max(mm.end_code, end);
    if (ph.p_flags & PF_W) {
      if (!mm.start_data) mm.start_data = start;
      mm.end_data = std::max(mm.end_data, end);
    }
  }
  if (mm.start_code == UINT64_MAX) mm.start_code = 0;
  mm.start_brk = brk;
  mm.start_stack = sp;
  auto string_end = [](uint64_t addr) {
    const auto s = read_guest_string(addr, 1 << 20);
    return s ? addr + s->size() + 1 : addr;
  };
  uint64_t first = 0, last = 0;
  if (argc && read_guest(sp + 8, first) && read_guest(sp + 8 * argc, last)) {
    mm.arg_start = first;
    mm.arg_end = string_end(last);
  }
  const uint64_t envp = sp + 8 * (argc + 2);
  if (envc && read_guest(envp, first) && read_guest(envp + 8 * (envc - 1), last)) {
    mm.env_start = first;
    mm.env_end = string_end(last);
  } else {
    mm.env_start = mm.env_end = mm.arg_end;
  }
  return mm;
}

}  // namespace

LinuxProcess::LinuxProcess(const GuestArch& arch, ProcessConfig config)
    : arch_(arch),
      config_(std::move(config)),
      syscall_counts_(std::make_unique<SyscallCounts>()),
      impl_(std::make_unique<Impl>(arch_, config_)) {}

LinuxProcess::~LinuxProcess() {
  if (guest_mappings() == &impl_->vmas) restrict_guest_memory_to(nullptr);
}

StartInfo LinuxProcess::load(const std::vector<std::string>& argv,
                             const std::vector<std::string>& envp) {
  Impl& p = *impl_;
  const ElfFile program = read_elf(config_.exe_path, arch_.elf_machine());
  ElfFile interp;
  if (!program.interp.empty()) {
    if (config_.sysroot.empty())
      throw Error(
          fmt::format("{}: dynamically linked program: its interpreter {} is a {} "
                      "program; give a sysroot that holds it with -L DIR (or "
                      "XISA_SYSROOT)",
                      config_.exe_path, program.interp, arch_.name()));
    interp = read_elf(config_.sysroot + "/" + program.interp, arch_.elf_machine());
    if (interp.header.e_type != ET_DYN || !interp.interp.empty())
      throw Error(fmt::format("{}: not a usable program interpreter", interp.path));
  }
  const LoadedImage image = map_elf(program, p.vmas);
  LoadedImage interp_image;
  if (!interp.path.empty()) interp_image = map_elf(interp, p.vmas);
  init_brk(p, image.end);
  p.exe_abs_path = absolute_path(config_.exe_path);
  map_sigreturn_trampoline(p);
  install_host_signal_handlers(p);

  const auto [bottom, top] = map_stack(p.vmas, program.exec_stack);
  p.mmap_top = bottom - host_page_size();  // below the guard page
  StackContents c;
  c.argv = argv;
  p.argv = argv;
  c.envp = envp;
  c.execfn = config_.exe_path;
  c.platform = std::string(arch_.platform());
  if (getrandom(c.random, sizeof c.random, 0) != sizeof c.random)
    throw Error("cannot get random bytes for AT_RANDOM");
  if (image.phdr_addr == 0) {
    const auto* raw = reinterpret_cast<const uint8_t*>(program.phdrs.data());
    c.phdrs.assign(raw, raw + program.phdrs.size() * sizeof(Elf64_Phdr));
  }
  c.auxv = {
      {kAtPhent, sizeof(Elf64_Phdr)},
      {kAtPhnum, program.phdrs.size()},
      {kAtPagesz, host_page_size()},
      {kAtBase, interp_image.bias},
      {kAtFlags, 0},
      {kAtEntry, image.entry},
      {kAtUid, getuid()},
      {kAtEuid, geteuid()},
      {kAtGid, getgid()},
      {kAtEgid, getegid()},
      {kAtSecure, 0},
      {kAtHwcap, arch_.hwcap()},
      {kAtClktck, static_cast<uint64_t>(sysconf(_SC_CLK_TCK))},
  };
  if (const auto hwcap2 = arch_.hwcap2()) c.auxv.push_back({kAtHwcap2, *hwcap2});
  if (image.phdr_addr) c.auxv.insert(c.auxv.begin(), {kAtPhdr, image.phdr_addr});
  const uint64_t sp = build_initial_stack(bottom, top, c);
  if (sp == 0) throw Error("arguments and environment do not fit in the guest stack");
  p.envp = envp;
  p.auxv = auxv_at(sp);
  p.mm = mm_layout(program, image.bias, p.brk.start, sp, argv.size(), envp.size());
  // The host thread's name is what /proc shows as the process's comm: the guest program's.
  const std::string base = config_.exe_path.substr(config_.exe_path.find_last_of('/') + 1);
  prctl(PR_SET_NAME, base.substr(0, 15).c_str(), 0, 0, 0);
  // From here on the guest's pointers reach only its own mappings.
  restrict_guest_memory_to(&p.vmas);
  StartInfo start;
  start.entry_pc = interp.path.empty() ? image.entry : interp_image.entry;
  start.stack_pointer = sp;
  log::debug("guest entry {:#x}, sp {:#x}, brk {:#x}", start.entry_pc, sp, p.brk.start);
  return start;
}

std::map<std::string, uint64_t> LinuxProcess::syscall_counts() const {
  return syscall_counts_->by_name();
}

void LinuxProcess::set_memory_change_listener(MemoryChangeListener listener) {
  impl_->memory_changed = std::move(listener);
}

namespace {

// Syscalls that return EINTR after a handler ran, whatever SA_RESTART says (signal(7)).
bool never_restarts(SyscallId id, const Args& a) {
  switch (id) {
    case SyscallId::rt_sigsuspend:
    case SyscallId::pause:
    case SyscallId::rt_sigtimedwait:
    case SyscallId::poll:
    case SyscallId::ppoll:
    case SyscallId::select:
    case SyscallId::pselect6:
    case SyscallId::epoll_wait:
    case SyscallId::epoll_pwait:
    case SyscallId::epoll_pwait2:
    case SyscallId::nanosleep:
    case SyscallId::clock_nanosleep:
    case SyscallId::io_getevents:
    case SyscallId::semtimedop:
      return true;
    case SyscallId::futex:
      return a[3] != 0;  // a wait with a timeout
    default:
      return false;
  }
}

}  // namespace

SyscallOutcome LinuxProcess::syscall(void* state) {
  Impl& p = *impl_;
  GuestThread& t = *current_thread();
  t.keep_registers = false;
  const SyscallArgs args = arch_.syscall_args(state);
  const int64_t result = dispatch_syscall(p, args, *syscall_counts_);
  if (t.exit_process) return {SyscallOutcome::Kind::ProcessExit, t.exit_status};
  if (t.exit_thread) return {SyscallOutcome::Kind::ThreadExit, t.exit_status};
  SyscallOutcome out;
  out.forked_child = std::exchange(t.forked_child, false);
  if (t.keep_registers) return out;
  if (result == -EINTR) {
    // A host signal interrupted the call. The guest's kernel would not have, unless the
    // signal runs a handler; then SA_RESTART decides, for the calls that may restart.
    const std::optional<int> sig = next_deliverable(p, t);
    const SyscallDesc* desc = find_syscall(arch_.syscall_abi(), args.nr);
    bool restart = !sig || !runs_handler(p, *sig);
    if (!restart && desc && !never_restarts(desc->id, args.args)) {
      std::lock_guard lock(p.mutex);
      restart = (p.sigactions[*sig].flags & kSaRestart) != 0;
    }
    if (desc && (desc->id == SyscallId::rt_sigsuspend || desc->id == SyscallId::pause ||
                 desc->id == SyscallId::rt_sigtimedwait))
      restart = false;  // their EINTR is their own answer
    if (restart) {
      arch_.restart_syscall(state, args);
      return out;
    }
  }
  arch_.set_syscall_result(state, static_cast<uint64_t>(result));
  return out;
}

GuestThread* LinuxProcess::new_thread() {
  return new_guest_thread(*impl_);
}

void LinuxProcess::attach_thread(GuestThread* t, const CloneRequest* request) {
  Impl& p = *impl_;
  const int tid = static_cast<int>(gettid());
  set_current_thread(t);
  constexpr uint64_t kParentSettid = 0x100000, kChildSettid = 0x1000000, kChildCleartid = 0x200000;
  if (!request) {
    // The first thread: the mask xisa started with is the guest's (it carries over execve),
    // and the host side takes every signal from now on.
    uint64_t inherited = 0;
    const uint64_t none = 0;
    ::syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, &inherited, sizeof none);
    t->sigmask = inherited & ~kUnblockableSignals;
  }
  if (request) {
    if ((request->flags & kParentSettid) && request->parent_tid)
      write_guest(request->parent_tid, tid);
    if ((request->flags & kChildSettid) && request->child_tid) write_guest(request->child_tid, tid);
    if (request->flags & kChildCleartid) t->clear_child_tid = request->child_tid;
  }
  t->tid.store(tid, std::memory_order_release);
  ++p.live_threads;
}

namespace {

// The robust futex list (Documentation/locking/robust-futexes.rst): every futex the dead
// thread still holds gets FUTEX_OWNER_DIED and one waiter woken.
void release_robust_futexes(const GuestThread& t) {
  constexpr uint32_t kWaiters = 0x80000000, kOwnerDied = 0x40000000, kTidMask = 0x3fffffff;
  if (!t.robust_list_head) return;
  uint64_t head[3];  // next, futex_offset, list_op_pending
  if (!copy_from_guest(head, t.robust_list_head, sizeof head)) return;
  const auto offset = static_cast<int64_t>(head[1]);
  auto release = [&](uint64_t entry) {
    const uint64_t addr = (entry & ~uint64_t{1}) + static_cast<uint64_t>(offset);
    uint32_t word;
    if (!read_guest(addr, word)) return;
    auto* futex = reinterpret_cast<uint32_t*>(addr);
    while (static_cast<int>(word & kTidMask) == t.tid.load()) {
      const uint32_t next = (word & kWaiters) | kOwnerDied;
      if (__atomic_compare_exchange_n(futex, &word, next, false, __ATOMIC_SEQ_CST,
                                      __ATOMIC_SEQ_CST)) {
        if (word & kWaiters) ::syscall(SYS_futex, futex, FUTEX_WAKE, 1, nullptr, nullptr, 0);
        break;
      }
    }
  };
  uint64_t entry = head[0];
  for (int n = 0; n < 2048 && entry != t.robust_list_head; ++n) {
    uint64_t next;
    if (!read_guest(entry & ~uint64_t{1}, next)) break;
    if (entry != head[2]) release(entry);
    entry = next;
  }
  if (head[2]) release(head[2]);
}

}  // namespace

size_t LinuxProcess::detach_thread(GuestThread* t) {
  Impl& p = *impl_;
  release_robust_futexes(*t);
  if (t->clear_child_tid && write_guest(t->clear_child_tid, uint32_t{0}))
    ::syscall(SYS_futex, t->clear_child_tid, FUTEX_WAKE, 1, nullptr, nullptr, 0);
  {
    HostSignalsBlocked blocked;
    set_current_thread(nullptr);
    t->tid.store(0, std::memory_order_release);
  }
  {
    std::lock_guard lock(p.mutex);
    t->in_use = false;
  }
  return --p.live_threads;
}

uint64_t LinuxProcess::code_address(uint64_t pc) const {
  const auto vsyscall = arch_.vsyscall_page();
  if (!vsyscall || pc < vsyscall->base || impl_->vsyscall_stubs == 0) return pc;
  const uint64_t offset = pc - vsyscall->base;
  const uint64_t entry = offset / vsyscall->entry_stride;
  if (offset % vsyscall->entry_stride != 0 || entry >= vsyscall->stubs.size() / vsyscall->stub_size)
    return pc;
  return impl_->vsyscall_stubs + entry * vsyscall->stub_size;
}

bool LinuxProcess::in_own_code_page(uint64_t pc) const {
  const uint64_t page = impl_->sigreturn_trampoline;
  return page != 0 && pc >= page && pc - page < host_page_size();
}

int LinuxProcess::fetch_fault(uint64_t pc) const {
  std::lock_guard lock(impl_->mutex);
  const Vma* vma = impl_->vmas.find(pc);
  if (!vma) return SEGV_MAPERR;
  return (vma->prot & PROT_EXEC) ? 0 : SEGV_ACCERR;
}

int LinuxProcess::protection_at(uint64_t addr) const {
  std::lock_guard lock(impl_->mutex);
  const Vma* vma = impl_->vmas.find(addr);
  return vma ? vma->prot : -1;
}

size_t LinuxProcess::thread_count() const {
  return impl_->live_threads.load();
}

void LinuxProcess::raise_exit_request_all(uint32_t bit) const {
  impl_->raise_exit_request_all(bit);
}

void LinuxProcess::set_fork_hooks(ForkHooks hooks) {
  impl_->fork_hooks = std::move(hooks);
}

void LinuxProcess::set_thread_spawner(ThreadSpawner spawner) {
  impl_->spawn_thread = std::move(spawner);
}

}  // namespace xisa::os
