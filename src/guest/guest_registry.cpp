// Maps ELF e_machine to the guest that runs it.
#include <elf.h>

#include "guest/guest_arch.h"

namespace xisa {

namespace riscv64 {
const GuestArch& riscv64_guest();
}

const GuestArch* guest_for_elf_machine(uint16_t machine) {
  switch (machine) {
    case EM_RISCV: return &riscv64::riscv64_guest();
    default: return nullptr;
  }
}

}  // namespace xisa
