// Write protection of guest code pages and the fault-side bookkeeping.
#include "runtime/engine_code_pages.h"

#include <sys/mman.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace xisa::runtime {

namespace {

// The host protection of the mapping holding `page`, or -1 when it is not mapped.
int protection_of(uint64_t page) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    unsigned long lo = 0, hi = 0;
    char perms[5] = {};
    if (std::sscanf(line.c_str(), "%lx-%lx %4s", &lo, &hi, perms) != 3) continue;
    if (page < lo || page >= hi) continue;
    return (perms[0] == 'r' ? PROT_READ : 0) | (perms[1] == 'w' ? PROT_WRITE : 0) |
           (perms[2] == 'x' ? PROT_EXEC : 0);
  }
  return -1;
}

}  // namespace

void CodePageGuard::protect(uint64_t lo, uint64_t hi) {
  for (uint64_t page = lo & ~(kPage - 1); page < hi; page += kPage) {
    lock();
    auto it = protected_.find(page);
    const bool known = it != protected_.end() || read_only_.count(page);
    if (it != protected_.end() && !it->second.armed &&
        mprotect(reinterpret_cast<void*>(page), kPage, it->second.prot & ~PROT_WRITE) == 0)
      it->second.armed = true;
    unlock();
    if (known) continue;
    const int guest = guest_protection_ ? guest_protection_(page) : -1;
    const int prot = guest >= 0 && !(guest & PROT_WRITE) ? guest : protection_of(page);
    lock();
    if (prot < 0 || !(prot & PROT_WRITE)) {  // nothing can write it: nothing to watch
      read_only_.insert(page);
    } else if (!protected_.count(page) &&
               mprotect(reinterpret_cast<void*>(page), kPage, prot & ~PROT_WRITE) == 0) {
      protected_[page] = {prot, true};
    }
    unlock();
  }
}

bool CodePageGuard::on_write_fault(uint64_t address) {
  const uint64_t page = address & ~(kPage - 1);
  lock();
  auto it = protected_.find(page);
  bool handled = false;
  if (it != protected_.end()) {
    // Not armed: another thread's write got here first and the page is writable again.
    handled =
        !it->second.armed || mprotect(reinterpret_cast<void*>(page), kPage, it->second.prot) == 0;
    if (handled && it->second.armed) {
      it->second.armed = false;
      log_.add(page, page + kPage);
      notify_(ctx_);
    }
  }
  unlock();
  return handled;
}

void CodePageGuard::unprotect_all() {
  lock();
  for (const auto& [page, p] : protected_)
    if (p.armed) mprotect(reinterpret_cast<void*>(page), kPage, p.prot);
  protected_.clear();
  read_only_.clear();
  unlock();
}

void CodePageGuard::forget(uint64_t lo, uint64_t hi) {
  lock();
  std::erase_if(read_only_, [&](uint64_t page) { return page < hi && lo < page + kPage; });
  std::erase_if(protected_, [&](const auto& e) { return e.first < hi && lo < e.first + kPage; });
  unlock();
}

}  // namespace xisa::runtime
