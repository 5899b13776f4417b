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
    if (protected_.count(page) || read_only_.count(page)) continue;
    const int prot = protection_of(page);
    if (prot < 0 || !(prot & PROT_WRITE)) {  // nothing can write it: nothing to watch
      read_only_.insert(page);
      continue;
    }
    if (mprotect(reinterpret_cast<void*>(page), kPage, prot & ~PROT_WRITE) == 0)
      protected_[page] = prot;
  }
}

bool CodePageGuard::on_write_fault(uint64_t address) {
  const uint64_t page = address & ~(kPage - 1);
  auto it = protected_.find(page);
  if (it == protected_.end()) return false;
  if (mprotect(reinterpret_cast<void*>(page), kPage, it->second) != 0) return false;
  // The entry stays until the dispatcher drains the page (no erase in a signal handler); a
  // second fault on it cannot happen while it is writable.
  if (written_count_ < std::size(written_)) {
    written_[written_count_] = page;
    written_count_ = written_count_ + 1;
  } else {
    overflow_ = true;
  }
  return true;
}

void CodePageGuard::unprotect_all() {
  for (const auto& [page, prot] : protected_) mprotect(reinterpret_cast<void*>(page), kPage, prot);
  protected_.clear();
}

void CodePageGuard::forget(uint64_t lo, uint64_t hi) {
  std::erase_if(read_only_, [&](uint64_t page) { return page < hi && lo < page + kPage; });
  for (auto it = protected_.begin(); it != protected_.end();) {
    if (it->first < hi && lo < it->first + kPage)
      it = protected_.erase(it);
    else
      ++it;
  }
}

}  // namespace xisa::runtime
