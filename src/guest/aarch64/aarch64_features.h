// What the AArch64 guest implements, in one place (aarch64_features.cpp): each feature's
// AT_HWCAP or AT_HWCAP2 bit (Linux's uapi asm/hwcap.h), its name in /proc/cpuinfo's Features
// line, and the ID register field the kernel's MRS emulation shows for it. AT_HWCAP, AT_HWCAP2,
// cpuinfo and the ID registers are all derived from that one table.
#pragma once

#include <cstdint>
#include <string>

namespace xisa::aarch64 {

// The feature ID registers EL0 may read (through Linux's emulation of MRS).
enum class IdRegister : uint8_t { Pfr0, Pfr1, Isar0, Isar1, Isar2, Count };

uint64_t hwcap();
uint64_t hwcap2();
// The Features line's names, space separated, in Linux's order (AT_HWCAP bits, then AT_HWCAP2).
std::string cpuinfo_features();
// The sanitised value Linux gives EL0 for the register.
uint64_t id_register(IdRegister reg);

}  // namespace xisa::aarch64
