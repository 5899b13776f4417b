// Zawrs (Volume I, chapter "Wait-on-Reservation-Set"): wrs.nto and wrs.sto may stall while the
// hart's reservation set is valid, and the spec lets an implementation end the stall at any
// time, for any reason. Here both give the host a chance to run another thread (a spin-wait
// loop around them then wastes less) and complete at once: they never hang. Their other
// encodings (rd or rs1 not x0) match no table line and raise SIGILL.
#include <thread>

#include "frontend/riscv64/lifter.h"

namespace xisa::riscv64 {

namespace {

uint64_t yield_host(void*, uint64_t, uint64_t, uint64_t) {
  std::this_thread::yield();
  return 0;
}
const ir::HelperInfo kWrs{"riscv64.wrs", yield_host};

bool wait_on_reservation_set(Lifter& l) {
  l.b.call(kWrs, {});
  return true;
}

}  // namespace

bool lift_wrs_nto(Lifter& l, uint32_t) {
  return wait_on_reservation_set(l);
}
bool lift_wrs_sto(Lifter& l, uint32_t) {
  return wait_on_reservation_set(l);
}

}  // namespace xisa::riscv64
