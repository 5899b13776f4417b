// vCPU setup and state transfer.
#include "accel/kvm/kvm_vcpu.h"

#if defined(__x86_64__)
#include <fmt/format.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstring>

#include "accel/kvm/kvm_abi.h"
#include "guest/x86_64/x86_64_rflags.h"
#include "guest/x86_64/xsave_area.h"

namespace xisa::kvm {

namespace {

using x86_64::X86_64State;

constexpr uint64_t kCr0 = 0x80050033;  // PG AM WP NE ET MP PE, as Linux runs user code
constexpr uint64_t kCr4Pae = 1 << 5, kCr4Osfxsr = 1 << 9, kCr4Osxmmexcpt = 1 << 10,
                   kCr4Osxsave = 1 << 18;
constexpr uint64_t kEferSce = 1, kEferLme = 1 << 8, kEferLma = 1 << 10, kEferNxe = 1 << 11;
constexpr uint32_t kMsrStar = 0xc0000081, kMsrLstar = 0xc0000082, kMsrSfmask = 0xc0000084;
// SFMASK: what `syscall` clears on the way into the stub (TF DF IF IOPL AC NT), as Linux.
constexpr uint64_t kSyscallMask = 0x47700;
constexpr unsigned kPageFault = 14;

// Whether the instruction before `rip` (the guest's address space is xisa's) is `syscall`.
bool follows_syscall(uint64_t rip) {
  const auto* next = reinterpret_cast<const uint8_t*>(rip);
  return next[-2] == 0x0f && next[-1] == 0x05;
}

// A flat 4 GiB segment: 64-bit code (L) or 32-bit-default data (DB).
kvm_segment flat_segment(uint16_t selector, unsigned dpl, bool code) {
  kvm_segment s{};
  s.selector = selector;
  s.limit = 0xffffffff;
  s.type = code ? 0xb : 0x3;  // execute/read or read/write, accessed
  s.present = 1;
  s.dpl = static_cast<uint8_t>(dpl);
  s.s = 1;
  s.l = code;
  s.db = !code;
  s.g = 1;
  return s;
}

kvm_segment code_segment(uint16_t selector, unsigned dpl) {
  return flat_segment(selector, dpl, true);
}

kvm_segment data_segment(uint16_t selector, unsigned dpl) {
  return flat_segment(selector, dpl, false);
}

// A null selector in DS/ES/FS/GS, as in a Linux process; DPL 3 so that IRETQ to CPL3 keeps it
// (and FS/GS their bases) instead of clearing it.
kvm_segment null_segment() {
  kvm_segment s = data_segment(0, 3);
  s.unusable = 1;
  s.present = 0;
  return s;
}

void check(int r, const char* what) {
  if (r < 0) throw KvmUnavailable(fmt::format("{}: {}", what, std::strerror(errno)));
}

// kvm_regs <-> X86_64State's GPRs (rip, rflags and rsp are the caller's).
void gprs_to_regs(const X86_64State& s, kvm_regs& r) {
  using namespace x86_64;
  r.rax = s.gpr[kRax];
  r.rbx = s.gpr[kRbx];
  r.rcx = s.gpr[kRcx];
  r.rdx = s.gpr[kRdx];
  r.rsi = s.gpr[kRsi];
  r.rdi = s.gpr[kRdi];
  r.rbp = s.gpr[kRbp];
  r.r8 = s.gpr[8];
  r.r9 = s.gpr[9];
  r.r10 = s.gpr[10];
  r.r11 = s.gpr[11];
  r.r12 = s.gpr[12];
  r.r13 = s.gpr[13];
  r.r14 = s.gpr[14];
  r.r15 = s.gpr[15];
}

void regs_to_gprs(const kvm_regs& r, X86_64State& s) {
  using namespace x86_64;
  s.gpr[kRax] = r.rax;
  s.gpr[kRbx] = r.rbx;
  s.gpr[kRcx] = r.rcx;
  s.gpr[kRdx] = r.rdx;
  s.gpr[kRsi] = r.rsi;
  s.gpr[kRdi] = r.rdi;
  s.gpr[kRbp] = r.rbp;
  s.gpr[kRsp] = r.rsp;
  s.gpr[8] = r.r8;
  s.gpr[9] = r.r9;
  s.gpr[10] = r.r10;
  s.gpr[11] = r.r11;
  s.gpr[12] = r.r12;
  s.gpr[13] = r.r13;
  s.gpr[14] = r.r14;
  s.gpr[15] = r.r15;
}

// The part of the state XSAVE holds: vector slots 0-31 (XMM and YMM upper halves), MXCSR, x87.
bool same_xstate(const X86_64State& a, const X86_64State& b) {
  return std::memcmp(a.vec, b.vec, sizeof(uint64_t) * 2 * 2 * x86_64::kXmmRegs) == 0 &&
         std::memcmp(
             &a.mxcsr, &b.mxcsr,
             offsetof(X86_64State, st_regs) + sizeof a.st_regs - offsetof(X86_64State, mxcsr)) == 0;
}
void copy_xstate(const X86_64State& from, X86_64State& to) {
  std::memcpy(to.vec, from.vec, sizeof(uint64_t) * 2 * 2 * x86_64::kXmmRegs);
  std::memcpy(&to.mxcsr, &from.mxcsr,
              offsetof(X86_64State, st_regs) + sizeof from.st_regs - offsetof(X86_64State, mxcsr));
}

}  // namespace

KvmVcpu::KvmVcpu(std::shared_ptr<KvmVm> vm) : vm_(std::move(vm)) {
  fd_ = ioctl(vm_->fd(), KVM_CREATE_VCPU, vm_->next_vcpu_id());
  check(fd_, "KVM_CREATE_VCPU");
  fd_ = move_fd_out_of_guest_range(fd_);
  run_size_ = vm_->device().vcpu_mmap_size();
  void* p = mmap(nullptr, run_size_, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
  if (p == MAP_FAILED) {
    close_kvm_fd(fd_);
    throw KvmUnavailable(fmt::format("mmap of the vCPU's kvm_run: {}", std::strerror(errno)));
  }
  run_ = static_cast<kvm_run*>(p);
  xsave_.reset(new uint8_t[abi::kXsaveBytes]());
  try {
    setup_registers();
  } catch (...) {
    munmap(run_, run_size_);
    close_kvm_fd(fd_);
    throw;
  }
}

KvmVcpu::~KvmVcpu() {
  munmap(run_, run_size_);
  close_kvm_fd(fd_);
}

void KvmVcpu::setup_registers() {
  const auto& entries = vm_->cpuid();
  auto cpuid = std::make_unique<abi::Cpuid2>();
  if (entries.size() > sizeof cpuid->entries / sizeof cpuid->entries[0])
    throw KvmUnavailable("too many CPUID entries");
  cpuid->nent = static_cast<uint32_t>(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    kvm_cpuid_entry2& e = cpuid->entries[i];
    e.function = entries[i].function;
    e.index = entries[i].index;
    e.flags = entries[i].flags;
    e.eax = entries[i].eax;
    e.ebx = entries[i].ebx;
    e.ecx = entries[i].ecx;
    e.edx = entries[i].edx;
  }
  check(ioctl(fd_, abi::kSetCpuid2, cpuid.get()), "KVM_SET_CPUID2");

  // The supervisor pages this vCPU needs mapped: the stub's code and IDT, its GDT/TSS and
  // kernel stack. Never user-accessible.
  GuestPageTables& pt = vm_->tables();
  const RingZeroStub& stub = vm_->stub();
  vm_->ensure_memory(stub.code_page(), stub.code_page() + 4096);
  vm_->ensure_memory(stub.idt(), stub.idt() + 4096);
  vm_->ensure_memory(tables_.gdt(), tables_.stack_top());
  if (!pt.map_page(stub.code_page(), PROT_READ | PROT_EXEC, false) ||
      !pt.map_page(stub.idt(), PROT_READ, false) ||
      !pt.map_page(tables_.gdt(), PROT_READ | PROT_WRITE, false) ||
      !pt.map_page(tables_.stack_page(), PROT_READ | PROT_WRITE, false))
    throw KvmUnavailable("the guest page tables' reservation is used up");
  tlb_generation_ = vm_->tlb_generation();

  kvm_sregs sregs{};
  check(ioctl(fd_, KVM_GET_SREGS, &sregs), "KVM_GET_SREGS");
  sregs.cr0 = kCr0;
  sregs.cr3 = pt.root();
  sregs.cr4 = kCr4Pae | kCr4Osfxsr | kCr4Osxmmexcpt | kCr4Osxsave;
  sregs.efer = kEferSce | kEferLme | kEferLma | kEferNxe;
  sregs.cs = code_segment(kKernelCs, 0);
  sregs.ss = data_segment(kKernelDs, 0);
  sregs.ds = sregs.es = sregs.fs = sregs.gs = null_segment();
  sregs.gdt.base = tables_.gdt();
  sregs.gdt.limit = tables_.gdt_limit();
  sregs.idt.base = stub.idt();
  sregs.idt.limit = stub.idt_limit();
  sregs.tr = kvm_segment{};
  sregs.tr.base = tables_.tss();
  sregs.tr.limit = 0x67;
  sregs.tr.selector = kTssSelector;
  sregs.tr.type = 0xb;  // busy 64-bit TSS
  sregs.tr.present = 1;
  sregs.ldt = kvm_segment{};
  sregs.ldt.unusable = 1;
  check(ioctl(fd_, KVM_SET_SREGS, &sregs), "KVM_SET_SREGS");

  abi::Msrs msrs_buffer{};
  abi::Msrs* msrs = &msrs_buffer;
  msrs->nmsrs = 3;
  msrs->entries[0] = {kMsrLstar, 0, stub.syscall_entry()};
  // STAR: the kernel's CS (and SS = CS + 8); SYSRET's base, which puts the user CS at +16.
  msrs->entries[1] = {kMsrStar, 0, (uint64_t{kUserCs32} << 48) | (uint64_t{kKernelCs} << 32)};
  msrs->entries[2] = {kMsrSfmask, 0, kSyscallMask};
  if (ioctl(fd_, abi::kSetMsrs, msrs) != 3)
    throw KvmUnavailable("KVM_SET_MSRS: the syscall MSRs were refused");

  kvm_xcrs xcrs{};
  xcrs.nr_xcrs = 1;
  xcrs.xcrs[0].xcr = 0;
  xcrs.xcrs[0].value = x86_64::kXcr0;  // what XGETBV reports under the JIT
  check(ioctl(fd_, KVM_SET_XCRS, &xcrs), "KVM_SET_XCRS");

  // Host signals reach the thread while it runs the vCPU (they make KVM_RUN return EINTR);
  // the engine blocks them outside KVM_RUN, so none is lost between its check and the entry.
  abi::SignalMask mask{};
  mask.len = 8;  // and an empty mask
  check(ioctl(fd_, abi::kSetSignalMask, &mask), "KVM_SET_SIGNAL_MASK");

  run_->kvm_valid_regs = KVM_SYNC_X86_REGS | KVM_SYNC_X86_SREGS;
  // The first KVM_RUN fills the synced registers; until then, take them by ioctl.
  check(ioctl(fd_, KVM_GET_REGS, &run_->s.regs.regs), "KVM_GET_REGS");
  run_->s.regs.sregs = sregs;
  fs_base_ = gs_base_ = ~uint64_t{0};  // load() sets them
  require_confined_xcr0();
}

// The guest must run on the XCR0 set above: KVM then keeps exactly that state across exits.
// kvm-pvm, the paravirtual KVM of nested cloud machines, runs user code on the host's own XCR0
// (and CPUID): on an AVX-512 host glibc there picks its AVX-512 routines, whose registers no
// exit preserves (Debian's lua and python3 crashed). Such a vCPU is refused before any guest
// code runs. PKRU (bit 9) is let through: nothing uses it unasked.
void KvmVcpu::require_confined_xcr0() {
  constexpr uint64_t kPkru = uint64_t{1} << 9;
  const uint64_t page = vm_->stub().xcr0_probe_page();
  GuestPageTables& pt = vm_->tables();
  vm_->ensure_memory(page, page + 4096);
  if (!pt.map_page(page, PROT_READ | PROT_EXEC, true))
    throw KvmUnavailable("the guest page tables' reservation is used up");
  auto probe = std::make_unique<X86_64State>();
  VcpuExit exit;
  for (int tries = 0; tries < 100; ++tries) {  // a host signal may interrupt it
    probe->header.pc = page;
    x86_64::write_rflags(*probe, 0x202);
    load(*probe);
    exit = run(*probe);
    if (exit.kind != VcpuExit::Kind::Interrupted) break;
  }
  pt.unmap(page, page + 4096);  // the next entry reloads CR3 (tlb_generation)
  if (exit.kind != VcpuExit::Kind::Syscall)
    throw KvmUnavailable(
        fmt::format("the vCPU did not run the XCR0 probe to its syscall (exit kind {}, reason {})",
                    static_cast<int>(exit.kind), exit.reason));
  const uint64_t xcr0 = (probe->gpr[x86_64::kRdx] << 32) | (probe->gpr[x86_64::kRax] & 0xffffffff);
  if (xcr0 & ~(x86_64::kXcr0 | kPkru))
    throw KvmUnavailable(fmt::format(
        "the vCPU runs guest code on XCR0 {:#x}, not the {:#x} it was given (a paravirtual KVM "
        "such as kvm-pvm): the guest would use state that no exit preserves",
        xcr0, x86_64::kXcr0));
}

void KvmVcpu::load(const X86_64State& s) {
  kvm_regs& r = run_->s.regs.regs;
  gprs_to_regs(s, r);
  IretFrame* frame = tables_.iret_frame();
  frame->rip = s.header.pc;
  frame->cs = kUserCs;
  frame->rflags = x86_64::read_rflags(s);
  frame->rsp = s.gpr[x86_64::kRsp];
  frame->ss = kUserDs;
  r.rsp = reinterpret_cast<uint64_t>(frame);
  r.rflags = 2;  // ring 0, interrupts off
  const uint64_t generation = vm_->tlb_generation();
  r.rip =
      generation != tlb_generation_ ? vm_->stub().flush_iret_address() : vm_->stub().iret_address();
  tlb_generation_ = generation;
  run_->kvm_dirty_regs |= KVM_SYNC_X86_REGS;
  kvm_sregs& sregs = run_->s.regs.sregs;
  if (sregs.cs.selector != kKernelCs) {
    // Stopped in user code (a host signal, a failed access): the IRETQ must run at CPL0.
    sregs.cs = code_segment(kKernelCs, 0);
    sregs.ss = data_segment(kKernelDs, 0);
    run_->kvm_dirty_regs |= KVM_SYNC_X86_SREGS;
  }
  if (s.fs_base != fs_base_ || s.gs_base != gs_base_) {
    run_->s.regs.sregs.fs.base = fs_base_ = s.fs_base;
    run_->s.regs.sregs.gs.base = gs_base_ = s.gs_base;
    run_->kvm_dirty_regs |= KVM_SYNC_X86_SREGS;
  }
  load_xstate(s);
}

void KvmVcpu::load_xstate(const X86_64State& s) {
  if (same_xstate(s, xstate_seen_)) return;
  std::memset(xsave_.get(), 0, abi::kXsaveBytes);
  x86_64::write_xsave(s, xsave_.get(), x86_64::kXcr0, false);
  check(ioctl(fd_, abi::kSetXsave, xsave_.get()), "KVM_SET_XSAVE");
  copy_xstate(s, xstate_seen_);
}

void KvmVcpu::store_xstate(X86_64State& s) {
  check(ioctl(fd_, abi::kGetXsave, xsave_.get()), "KVM_GET_XSAVE");
  x86_64::read_xsave(s, xsave_.get(), x86_64::kXcr0);
  copy_xstate(s, xstate_seen_);
}

// Where the vCPU is, told by its rip: the stub's page is supervisor-only, so the vCPU runs
// there at CPL0 and everywhere else at CPL3 (more robust than CS after an interrupted run).
bool KvmVcpu::in_stub() const {
  return (run_->s.regs.regs.rip & ~uint64_t{0xfff}) == vm_->stub().code_page();
}

bool KvmVcpu::at_user_boundary() const {
  const kvm_regs& r = run_->s.regs.regs;
  if (!in_stub()) return true;
  return r.rip == vm_->stub().iret_address() || r.rip == vm_->stub().flush_iret_address();
}

void KvmVcpu::store_user_state(X86_64State& s) {
  const kvm_regs& r = run_->s.regs.regs;
  regs_to_gprs(r, s);
  if (!in_stub()) {
    s.header.pc = r.rip;
    x86_64::write_rflags(s, r.rflags);
  } else {  // about to IRETQ: the user's rip, rflags and rsp are in the frame
    const auto* frame = reinterpret_cast<const IretFrame*>(r.rsp);
    s.header.pc = frame->rip;
    x86_64::write_rflags(s, frame->rflags);
    s.gpr[x86_64::kRsp] = frame->rsp;
  }
  store_xstate(s);
}

VcpuExit KvmVcpu::run_with_signals_blocked(X86_64State& s) {
  abi::SignalMask mask{};
  mask.len = 8;
  std::memset(mask.sigset, 0xff, sizeof mask.sigset);
  check(ioctl(fd_, abi::kSetSignalMask, &mask), "KVM_SET_SIGNAL_MASK");
  const VcpuExit exit = run(s);
  std::memset(mask.sigset, 0, sizeof mask.sigset);
  check(ioctl(fd_, abi::kSetSignalMask, &mask), "KVM_SET_SIGNAL_MASK");
  return exit;
}

VcpuExit KvmVcpu::run(X86_64State& s) {
  VcpuExit exit;
  const int r = ioctl(fd_, KVM_RUN, 0);
  run_->kvm_dirty_regs = 0;
  if (r < 0) {
    exit.reason = static_cast<uint32_t>(errno);
    if (errno == EINTR || errno == EAGAIN) {
      exit.kind = VcpuExit::Kind::Interrupted;
      // KVM leaves the synced registers as they were on an early return: read them.
      check(ioctl(fd_, KVM_GET_REGS, &run_->s.regs.regs), "KVM_GET_REGS");
      check(ioctl(fd_, KVM_GET_SREGS, &run_->s.regs.sregs), "KVM_GET_SREGS");
      return exit;
    }
    exit.run_failed = true;
    check(ioctl(fd_, KVM_GET_REGS, &run_->s.regs.regs), "KVM_GET_REGS");
    check(ioctl(fd_, KVM_GET_SREGS, &run_->s.regs.sregs), "KVM_GET_SREGS");
    return exit;
  }
  exit.reason = run_->exit_reason;
  const kvm_regs& regs = run_->s.regs.regs;
  if (run_->exit_reason == KVM_EXIT_IO && run_->io.direction == KVM_EXIT_IO_OUT) {
    if (run_->io.port == kSyscallPort) {
      // `syscall` left the user's rip in RCX and rflags in R11; RSP is still the user's.
      exit.kind = VcpuExit::Kind::Syscall;
      regs_to_gprs(regs, s);
      s.header.pc = regs.rcx;
      x86_64::write_rflags(s, regs.r11);
      store_xstate(s);
      return exit;
    }
    if (run_->io.port == kExceptionPort) {
      const auto* frame = reinterpret_cast<const ExceptionFrame*>(regs.rsp);
      if (frame != tables_.exception_frame() || (frame->cs & 3) != 3)
        return exit;  // an exception in the stub itself: Other
      exit.kind = VcpuExit::Kind::Exception;
      exit.vector = static_cast<unsigned>(frame->vector);
      exit.error_code = frame->error_code;
      exit.cr2 = frame->cr2;
      regs_to_gprs(regs, s);
      s.gpr[x86_64::kRax] = frame->rax;
      s.gpr[x86_64::kRsp] = frame->rsp;
      s.header.pc = frame->rip;
      x86_64::write_rflags(s, frame->rflags);
      if (exit.vector == kPageFault && frame->rip == vm_->stub().syscall_entry() &&
          follows_syscall(regs.rcx)) {
        // kvm-pvm, the paravirtual KVM of nested cloud machines, runs `syscall` into LSTAR
        // still at CPL3, where fetching the supervisor-only stub faults. The syscall happened
        // all the same: RCX holds the user's next rip and R11 its rflags.
        exit.kind = VcpuExit::Kind::Syscall;
        s.header.pc = regs.rcx;
        x86_64::write_rflags(s, regs.r11);
      }
      store_xstate(s);
      return exit;
    }
  }
  return exit;
}

}  // namespace xisa::kvm

#else

namespace xisa::kvm {
KvmVcpu::KvmVcpu(std::shared_ptr<KvmVm> vm) : vm_(std::move(vm)) {
  throw KvmUnavailable("the KVM engine runs x86-64 guests on x86-64 hosts only");
}
KvmVcpu::~KvmVcpu() = default;
}  // namespace xisa::kvm

#endif
