// xisa's CPUID table, filtered by what KVM supports.
#include "accel/kvm/kvm_cpuid.h"

namespace xisa::kvm {

namespace {
constexpr uint32_t kSignificantIndex = 1;  // KVM_CPUID_FLAG_SIGNIFCANT_INDEX

const KvmCpuidEntry* find(const std::vector<KvmCpuidEntry>& entries, uint32_t leaf,
                          uint32_t subleaf) {
  for (const KvmCpuidEntry& e : entries)
    if (e.function == leaf && e.index == subleaf) return &e;
  for (const KvmCpuidEntry& e : entries)
    if (e.function == leaf && !(e.flags & kSignificantIndex)) return &e;
  return nullptr;
}

struct Leaf {
  uint32_t leaf, subleaf;
  bool indexed;
  bool features;  // ECX/EDX (and EBX for leaf 7) are feature bits to filter
};
constexpr Leaf kLeaves[] = {
    {0, 0, false, false},          {1, 0, false, true},          {7, 0, true, true},
    {0xd, 0, true, false},         {0xd, 1, true, true},         {0xd, 2, true, false},
    {0x80000000, 0, false, false}, {0x80000001, 0, false, true}, {0x80000008, 0, false, false},
};
}  // namespace

std::vector<KvmCpuidEntry> guest_cpuid(const std::vector<KvmCpuidEntry>& supported) {
  std::vector<KvmCpuidEntry> out;
  for (const Leaf& l : kLeaves) {
    const x86_64::CpuidResult r = x86_64::cpuid(l.leaf, l.subleaf);
    KvmCpuidEntry e{l.leaf, l.subleaf, l.indexed ? kSignificantIndex : 0, r.eax, r.ebx,
                    r.ecx,  r.edx};
    const KvmCpuidEntry* host = find(supported, l.leaf, l.subleaf);
    if (l.features) {
      if (!host) continue;
      if (l.leaf == 7 || l.leaf == 0xd) e.eax &= host->eax;
      if (l.leaf == 7) e.ebx &= host->ebx;
      e.ecx &= host->ecx;
      e.edx &= host->edx;
    }
    if (l.leaf == 0x80000000) e.eax = 0x80000008;
    if (l.leaf == 0x80000008) {
      if (!host) continue;
      e = *host;
      e.ebx = e.ecx = e.edx = 0;  // address sizes only; no AMD-specific feature bits
    }
    out.push_back(e);
  }
  return out;
}

}  // namespace xisa::kvm
