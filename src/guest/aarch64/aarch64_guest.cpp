// The AArch64 guest: register ABI for syscalls and entry, AT_HWCAP/AT_HWCAP2 and cpuinfo (from
// aarch64_features.cpp), register dumps.
#include <elf.h>
#include <fmt/format.h>

#include <cstring>

#include "frontend/aarch64/aarch64_frontend.h"
#include "guest/aarch64/aarch64_features.h"
#include "guest/aarch64/aarch64_signal_frame.h"
#include "guest/aarch64/aarch64_state.h"
#include "guest/guest_arch.h"

namespace xisa::aarch64 {

namespace {

Aarch64State& st(void* s) {
  return *static_cast<Aarch64State*>(s);
}
const Aarch64State& st(const void* s) {
  return *static_cast<const Aarch64State*>(s);
}

class Aarch64Guest final : public GuestArch {
 public:
  GuestIsa isa() const override { return GuestIsa::Aarch64; }
  std::string_view name() const override { return "aarch64"; }
  uint16_t elf_machine() const override { return EM_AARCH64; }
  SyscallAbi syscall_abi() const override { return SyscallAbi::Generic; }
  size_t state_size() const override { return sizeof(Aarch64State); }
  void init_state(void* s) const override {
    std::memset(s, 0, sizeof(Aarch64State));
    st(s).excl_addr = kNoExclusive;
  }
  void set_entry(void* s, uint64_t pc, uint64_t sp) const override {
    st(s).header.pc = pc;
    st(s).x[kSp] = sp;
  }
  SyscallArgs syscall_args(const void* s) const override {
    const auto& r = st(s);
    return {r.x[8], {r.x[0], r.x[1], r.x[2], r.x[3], r.x[4], r.x[5]}};
  }
  void set_syscall_result(void* s, uint64_t v) const override { st(s).x[0] = v; }
  void set_thread_pointer(void* s, uint64_t tp) const override { st(s).tpidr_el0 = tp; }
  uint64_t stack_pointer(const void* s) const override { return st(s).x[kSp]; }
  unsigned insn_alignment() const override { return 4; }
  uint64_t hwcap() const override { return aarch64::hwcap(); }
  std::optional<uint64_t> hwcap2() const override { return aarch64::hwcap2(); }
  std::string_view platform() const override { return "aarch64"; }
  std::string cpuinfo(unsigned cpus) const override {
    // Features: one name per AT_HWCAP/AT_HWCAP2 bit, as arch/arm64/kernel/cpuinfo.c prints them.
    const std::string features = cpuinfo_features();
    std::string out;
    for (unsigned i = 0; i < cpus; ++i)
      out += fmt::format(
          "processor\t: {}\nBogoMIPS\t: 50.00\nFeatures\t: {}\nCPU implementer\t: 0x00\n"
          "CPU architecture: 8\nCPU variant\t: 0x0\nCPU part\t: 0x000\nCPU revision\t: 0\n\n",
          i, features);
    return out;
  }
  std::string format_registers(const void* s) const override {
    const auto& r = st(s);
    std::string out = fmt::format("pc  {:016x}  nzcv {}{}{}{}\n", r.header.pc, r.nf ? 'N' : '-',
                                  r.zf ? 'Z' : '-', r.cf ? 'C' : '-', r.vf ? 'V' : '-');
    for (unsigned i = 0; i < 32; ++i)
      out += fmt::format("{:<3} {:016x}{}", i == kSp ? "sp" : fmt::format("x{}", i), r.x[i],
                         i % 4 == 3 ? "\n" : "  ");
    return out;
  }
  bool push_signal_frame(void* s, const SignalFrameSpec& spec,
                         GuestMemoryWrite write) const override {
    return aarch64::push_signal_frame(s, spec, write);
  }
  std::optional<uint64_t> pop_signal_frame(void* s, GuestMemoryRead read) const override {
    return aarch64::pop_signal_frame(s, read);
  }
  std::span<const uint8_t> sigreturn_code() const override { return aarch64::sigreturn_code(); }
  // LDXR/STXR and friends: Rn (bits 9:5; 31 is SP, which the state keeps in x[31]).
  FpStatusLayout fp_status() const override { return kFpStatus; }
  uint64_t atomic_address(const void* s) const override {
    uint32_t insn;
    std::memcpy(&insn, reinterpret_cast<const void*>(st(s).header.pc), sizeof insn);
    return st(s).x[(insn >> 5) & 31];
  }
  void restart_syscall(void* s, const SyscallArgs& args) const override {
    st(s).x[0] = args.args[0];
    st(s).header.pc -= 4;  // svc
  }
  std::unique_ptr<Frontend> make_frontend() const override {
    return std::make_unique<Aarch64Frontend>();
  }
};

}  // namespace

const GuestArch& aarch64_guest() {
  static const Aarch64Guest guest;
  return guest;
}

}  // namespace xisa::aarch64
