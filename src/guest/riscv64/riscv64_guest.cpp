// The RV64GC guest (and the scalar extensions of riscv64_features.cpp): register ABI for
// syscalls and entry, AT_HWCAP, register dumps.
#include <elf.h>
#include <fmt/format.h>

#include <cstring>

#include "frontend/riscv64/riscv64_frontend.h"
#include "guest/guest_arch.h"
#include "guest/riscv64/riscv64_features.h"
#include "guest/riscv64/riscv64_signal_frame.h"
#include "guest/riscv64/riscv64_state.h"
#include "guest/riscv64/riscv64_vlen.h"

namespace xisa::riscv64 {

namespace {

Riscv64State& st(void* s) {
  return *static_cast<Riscv64State*>(s);
}
const Riscv64State& st(const void* s) {
  return *static_cast<const Riscv64State*>(s);
}

constexpr const char* kAbiNames[32] = {"zero", "ra", "sp",  "gp",  "tp", "t0", "t1", "t2",
                                       "s0",   "s1", "a0",  "a1",  "a2", "a3", "a4", "a5",
                                       "a6",   "a7", "s2",  "s3",  "s4", "s5", "s6", "s7",
                                       "s8",   "s9", "s10", "s11", "t3", "t4", "t5", "t6"};

// Linux's COMPAT_HWCAP_ISA_* bits: one per single-letter extension.
constexpr uint64_t isa_bit(char c) {
  return uint64_t{1} << (c - 'a');
}

class Riscv64Guest final : public GuestArch {
 public:
  GuestIsa isa() const override { return GuestIsa::Riscv64; }
  std::string_view name() const override { return "riscv64"; }
  uint16_t elf_machine() const override { return EM_RISCV; }
  SyscallAbi syscall_abi() const override { return SyscallAbi::Generic; }
  size_t state_size() const override { return sizeof(Riscv64State); }
  void init_state(void* s) const override {
    std::memset(s, 0, sizeof(Riscv64State));
    st(s).reservation_addr = kNoReservation;
    st(s).vtype = kVtypeVill;  // no vsetvl yet: vector instructions but vset* are illegal
  }
  void set_entry(void* s, uint64_t pc, uint64_t sp) const override {
    st(s).header.pc = pc;
    st(s).x[2] = sp;
  }
  SyscallArgs syscall_args(const void* s) const override {
    const auto& r = st(s);
    return {r.x[17], {r.x[10], r.x[11], r.x[12], r.x[13], r.x[14], r.x[15]}};
  }
  void set_syscall_result(void* s, uint64_t v) const override { st(s).x[10] = v; }
  void set_thread_pointer(void* s, uint64_t tp) const override { st(s).x[4] = tp; }
  uint64_t stack_pointer(const void* s) const override { return st(s).x[2]; }
  unsigned insn_alignment() const override { return 2; }
  uint64_t hwcap() const override {
    return isa_bit('i') | isa_bit('m') | isa_bit('a') | isa_bit('f') | isa_bit('d') | isa_bit('c') |
           isa_bit('v');
  }
  std::optional<uint64_t> hwprobe(int64_t key) const override { return riscv64::hwprobe(key); }
  bool set_vector_length(unsigned bits) const override { return set_vlen_bits(bits); }
  std::string_view platform() const override { return "riscv64"; }
  std::string cpuinfo(unsigned cpus) const override {
    const std::string isa = isa_string(hwcap());
    std::string out;
    for (unsigned i = 0; i < cpus; ++i)
      out +=
          fmt::format("processor\t: {}\nhart\t\t: {}\nisa\t\t: {}\nmmu\t\t: sv48\n\n", i, i, isa);
    return out;
  }
  std::string format_registers(const void* s) const override {
    const auto& r = st(s);
    std::string out = fmt::format("pc  {:016x}\n", r.header.pc);
    for (unsigned i = 0; i < 32; ++i)
      out +=
          fmt::format("x{:<2} {:<4} {:016x}{}", i, kAbiNames[i], r.x[i], i % 4 == 3 ? "\n" : "  ");
    return out;
  }
  bool push_signal_frame(void* s, const SignalFrameSpec& spec,
                         GuestMemoryWrite write) const override {
    return riscv64::push_signal_frame(s, spec, write);
  }
  std::optional<uint64_t> pop_signal_frame(void* s, GuestMemoryRead read) const override {
    return riscv64::pop_signal_frame(s, read);
  }
  std::span<const uint8_t> sigreturn_code() const override { return riscv64::sigreturn_code(); }
  // LR/SC/AMO: rs1 (bits 19:15).
  FpStatusLayout fp_status() const override { return kFpStatus; }
  uint64_t atomic_address(const void* s) const override {
    uint32_t insn;
    std::memcpy(&insn, reinterpret_cast<const void*>(st(s).header.pc), sizeof insn);
    return st(s).x[(insn >> 15) & 31];
  }
  void restart_syscall(void* s, const SyscallArgs& args) const override {
    st(s).x[10] = args.args[0];
    st(s).header.pc -= 4;  // ecall
  }
  std::unique_ptr<Frontend> make_frontend() const override {
    return std::make_unique<Riscv64Frontend>();
  }
};

}  // namespace

const GuestArch& riscv64_guest() {
  static const Riscv64Guest guest;
  return guest;
}

}  // namespace xisa::riscv64
