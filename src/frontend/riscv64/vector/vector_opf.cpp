// OPFVV and OPFVF (funct3 1 and 5): placeholder until the FP group lands.
#include "frontend/riscv64/vector/vector_unit.h"

namespace xisa::riscv64::vector {

bool exec_opf(VectorUnit&) {
  return false;
}

}  // namespace xisa::riscv64::vector
