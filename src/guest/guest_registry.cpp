// Maps ELF e_machine to the guest that runs it.
#include <elf.h>

#include "guest/guest_arch.h"

namespace xisa {

namespace riscv64 {
const GuestArch& riscv64_guest();
}
namespace aarch64 {
const GuestArch& aarch64_guest();
}
namespace x86_64 {
const GuestArch& x86_64_guest();
}

const GuestArch* guest_for_elf_machine(uint16_t machine) {
  switch (machine) {
    case EM_RISCV:
      return &riscv64::riscv64_guest();
    case EM_AARCH64:
      return &aarch64::aarch64_guest();
    case EM_X86_64:
      return &x86_64::x86_64_guest();
    default:
      return nullptr;
  }
}

}  // namespace xisa
