// The AArch64 host's signal context: x0..x30, sp and pc in uc_mcontext, and the fault's
// syndrome (ESR) in a record of uc_mcontext.__reserved, whose WnR bit says a write faulted.
#include <signal.h>
#include <ucontext.h>

#include <cstring>
#include <optional>

#include "backend/aarch64/aarch64_backend.h"
#include "backend/aarch64/abi.h"

namespace xisa::backend::aarch64 {

namespace {

// The records in __reserved (the kernel's struct _aarch64_ctx, esr_context, fpsimd_context).
constexpr uint32_t kEsrMagic = 0x45535201;
constexpr uint32_t kFpsimdMagic = 0x46508001;
struct RecordHead {
  uint32_t magic;
  uint32_t size;
};

const mcontext_t& mcontext_of(const void* ucontext) {
  return static_cast<const ucontext_t*>(ucontext)->uc_mcontext;
}

// The payload of the record with `magic` when it holds at least `bytes`, or nullptr when the
// kernel (or qemu-user) wrote none.
const uint8_t* record_of(const mcontext_t& m, uint32_t magic, size_t bytes) {
  const auto* base = reinterpret_cast<const uint8_t*>(m.__reserved);
  size_t offset = 0;
  while (offset + sizeof(RecordHead) <= sizeof m.__reserved) {
    RecordHead head;
    std::memcpy(&head, base + offset, sizeof head);
    if (head.magic == 0 || head.size < sizeof head) break;
    if (head.magic == magic && offset + sizeof head + bytes <= sizeof m.__reserved)
      return base + offset + sizeof head;
    offset += head.size;
  }
  return nullptr;
}

std::optional<uint64_t> esr_of(const mcontext_t& m) {
  const uint8_t* p = record_of(m, kEsrMagic, 8);
  if (!p) return std::nullopt;
  uint64_t esr;
  std::memcpy(&esr, p, sizeof esr);
  return esr;
}

bool is_write(const mcontext_t& m) {
  if (const auto esr = esr_of(m)) {
    const auto ec = static_cast<unsigned>(*esr >> 26);
    if (ec == 0x24 || ec == 0x25) return (*esr & (1u << 6)) != 0;  // a data abort's WnR
  }
  if (m.fault_address == m.pc) return false;  // the fetch of the instruction itself failed
  // No syndrome (qemu-user writes none): decode the faulting instruction, one this backend
  // emitted or the compiler's in xisa itself. LSE atomics (LDADD.., SWP) and CAS/CASP read and
  // write, whatever their bit 22 (the release bit there; LDAPR, in the same group, only reads);
  // every other load or store of the encoding groups used has L (load) in bit 22, exclusives
  // and LDAR/STLR included.
  uint32_t insn;
  std::memcpy(&insn, reinterpret_cast<const void*>(m.pc), sizeof insn);
  if ((insn & 0x3f200c00u) == 0x38200000u) return (insn & 0xf000u) != 0xc000u;  // LSE, LDAPR
  if ((insn & 0x3fa07c00u) == 0x08a07c00u || (insn & 0xbfa07c00u) == 0x08207c00u)
    return true;  // CAS, CASP
  return (insn & (1u << 22)) == 0;
}

}  // namespace

HostFaultContext read_fault_context(const void* ucontext) {
  const mcontext_t& m = mcontext_of(ucontext);
  HostFaultContext c;
  c.pc = static_cast<uintptr_t>(m.pc);
  c.state = reinterpret_cast<uint8_t*>(m.regs[kStateId]);
  c.sp = reinterpret_cast<const uint8_t*>(m.sp);
  c.write = is_write(m);
  c.ucontext = ucontext;
  return c;
}

uint64_t host_register(const HostFaultContext& context, uint8_t id) {
  return mcontext_of(context.ucontext).regs[id];
}

void host_vector_register(const HostFaultContext& context, uint8_t id, uint64_t out[2]) {
  // fpsimd_context: fpsr and fpcr (4 bytes each), then v0..v31.
  const uint8_t* p = record_of(mcontext_of(context.ucontext), kFpsimdMagic, 8 + 32 * 16);
  if (p)
    std::memcpy(out, p + 8 + id * 16, 16);
  else
    out[0] = out[1] = 0;
}

}  // namespace xisa::backend::aarch64
