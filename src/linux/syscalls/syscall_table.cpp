// The per-ABI syscall tables built from the .inc rows, and number -> row lookup.
#include "linux/syscalls/syscall_table.h"

#include <vector>

namespace xisa::os {

namespace {

constexpr SyscallDesc make_desc(uint16_t nr, SyscallId id, std::string_view name, ArgKind result,
                                std::initializer_list<ArgKind> args) {
  SyscallDesc d{nr, id, name, result, static_cast<uint8_t>(args.size()), {}};
  size_t i = 0;
  for (ArgKind k : args) d.args[i++] = k;
  return d;
}

using enum ArgKind;

#define XISA_SYSCALL(nr, name, result, ...) \
  make_desc(nr, SyscallId::name, #name, result, {__VA_ARGS__}),

constexpr SyscallDesc kGenericTable[] = {
#include "linux/syscalls/syscall_table_generic.inc"
};

constexpr SyscallDesc kX86_64Table[] = {
#include "linux/syscalls/syscall_table_x86_64.inc"
};

#undef XISA_SYSCALL

constexpr std::string_view kNames[] = {
#define XISA_SYSCALL_NAME(name) #name,
#include "linux/syscalls/syscall_names.inc"
#undef XISA_SYSCALL_NAME
};
static_assert(std::size(kNames) == kSyscallIdCount);

// Every table lists at most 6 arguments and numbers in increasing order, each once.
constexpr bool well_formed(std::span<const SyscallDesc> table) {
  for (size_t i = 0; i < table.size(); ++i) {
    if (table[i].nargs > 6) return false;
    if (i > 0 && table[i].nr <= table[i - 1].nr) return false;
    if (kNames[static_cast<size_t>(table[i].id)] != table[i].name) return false;
  }
  return true;
}
static_assert(well_formed(kGenericTable));
static_assert(well_formed(kX86_64Table));

// Number -> row index, -1 for a hole.
struct Index {
  std::span<const SyscallDesc> table;
  std::vector<int16_t> by_nr;
  explicit Index(std::span<const SyscallDesc> t) : table(t), by_nr(t.back().nr + 1u, -1) {
    for (size_t i = 0; i < t.size(); ++i) by_nr[t[i].nr] = static_cast<int16_t>(i);
  }
  const SyscallDesc* find(uint64_t nr) const {
    if (nr >= by_nr.size() || by_nr[nr] < 0) return nullptr;
    return &table[static_cast<size_t>(by_nr[nr])];
  }
};

const Index& index_for(SyscallAbi abi) {
  static const Index generic(kGenericTable);
  static const Index x86_64(kX86_64Table);
  return abi == SyscallAbi::X86_64 ? x86_64 : generic;
}

}  // namespace

std::span<const SyscallDesc> syscall_table(SyscallAbi abi) {
  return index_for(abi).table;
}

const SyscallDesc* find_syscall(SyscallAbi abi, uint64_t nr) {
  return index_for(abi).find(nr);
}

std::string_view syscall_name(SyscallId id) {
  return kNames[static_cast<size_t>(id)];
}

}  // namespace xisa::os
