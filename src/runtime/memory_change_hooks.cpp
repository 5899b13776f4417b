// The registry of memory-change hooks.
#include "runtime/memory_change_hooks.h"

#include <algorithm>
#include <mutex>
#include <utility>
#include <vector>

namespace xisa::runtime {

namespace {
std::mutex g_mutex;
std::vector<std::pair<void*, MemoryChangeHook>> g_hooks;
}  // namespace

void add_memory_change_hook(void* owner, MemoryChangeHook hook) {
  std::lock_guard lock(g_mutex);
  g_hooks.emplace_back(owner, hook);
}

void remove_memory_change_hook(void* owner) {
  std::lock_guard lock(g_mutex);
  std::erase_if(g_hooks, [&](const auto& h) { return h.first == owner; });
}

void run_memory_change_hooks(uint64_t lo, uint64_t hi) {
  std::lock_guard lock(g_mutex);
  for (const auto& [owner, hook] : g_hooks) hook(owner, lo, hi);
}

}  // namespace xisa::runtime
