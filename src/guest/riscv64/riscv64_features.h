// What the RISC-V64 guest implements, in one place: the multi-letter extensions that
// /proc/cpuinfo's isa line names, and the riscv_hwprobe answers (the kernel's uapi
// asm/hwprobe.h keys and RISCV_HWPROBE_* bits).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace xisa::riscv64 {

// "rv64imafdc_zicbom_...": the single letters of hwcap, then the Z extensions in the
// kernel's order (by category: zi, zm, za, zc, zb; alphabetical inside one).
std::string isa_string(uint64_t hwcap);

// The value riscv_hwprobe gives for key, or nullopt for a key it does not know.
std::optional<uint64_t> hwprobe(int64_t key);

}  // namespace xisa::riscv64
