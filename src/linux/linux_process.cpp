// LinuxProcess: loads the program (and its interpreter), builds the guest stack and hands
// each syscall to the dispatch.
#include "linux/linux_process.h"

#include <elf.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <cstring>

#include "common/error.h"
#include "common/log.h"
#include "linux/elf_loader.h"
#include "linux/initial_stack.h"
#include "linux/process_state.h"
#include "linux/syscalls/sys_memory.h"
#include "linux/syscalls/syscall_dispatch.h"

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

std::string absolute_path(const std::string& path) {
  char buf[PATH_MAX];
  if (realpath(path.c_str(), buf)) return buf;
  return path;
}

}  // namespace

LinuxProcess::Impl::~Impl() {
  for (const auto& [start, vma] : vmas.map())
    munmap(reinterpret_cast<void*>(start), vma.end - start);
}

LinuxProcess::LinuxProcess(const GuestArch& arch, ProcessConfig config)
    : arch_(arch),
      config_(std::move(config)),
      syscall_counts_(std::make_unique<SyscallCounts>()),
      impl_(std::make_unique<Impl>(arch_, config_)) {}

LinuxProcess::~LinuxProcess() = default;

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

  const auto [bottom, top] = map_stack(p.vmas, program.exec_stack);
  StackContents c;
  c.argv = argv;
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
  if (image.phdr_addr) c.auxv.insert(c.auxv.begin(), {kAtPhdr, image.phdr_addr});
  const uint64_t sp = build_initial_stack(bottom, top, c);
  if (sp == 0) throw Error("arguments and environment do not fit in the guest stack");
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

SyscallOutcome LinuxProcess::syscall(void* state) {
  Impl& p = *impl_;
  p.guest_state = state;
  const int64_t result = dispatch_syscall(p, arch_.syscall_args(state), *syscall_counts_);
  p.guest_state = nullptr;
  if (p.exit_requested) return {true, p.exit_status};
  arch_.set_syscall_result(state, static_cast<uint64_t>(result));
  return {};
}

}  // namespace xisa::os
