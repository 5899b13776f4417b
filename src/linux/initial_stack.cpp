// Initial stack layout, top down: strings (argv then envp, in order) and AT_RANDOM bytes, padding,
// then (from sp up) argc, argv[], NULL, envp[], NULL, auxv pairs ending in AT_NULL.
#include "linux/initial_stack.h"

#include <cstring>

namespace xisa::os {

namespace {

// Places data below a moving cursor, refusing to go under the bottom.
class Cursor {
 public:
  Cursor(uint64_t bottom, uint64_t top) : bottom_(bottom), pos_(top) {}
  uint64_t push(const void* data, size_t n, uint64_t align = 1) {
    if (pos_ - bottom_ < n + align) {
      ok_ = false;
      return 0;
    }
    pos_ = (pos_ - n) & ~(align - 1);
    std::memcpy(reinterpret_cast<void*>(pos_), data, n);
    return pos_;
  }
  uint64_t push_string(const std::string& s) { return push(s.c_str(), s.size() + 1); }
  uint64_t pos() const { return pos_; }
  bool ok() const { return ok_; }

 private:
  uint64_t bottom_;
  uint64_t pos_;
  bool ok_ = true;
};

}  // namespace

uint64_t build_initial_stack(uint64_t bottom, uint64_t top, const StackContents& c) {
  Cursor cur(bottom, top);
  const uint64_t execfn = cur.push_string(c.execfn);
  const uint64_t platform = c.platform.empty() ? 0 : cur.push_string(c.platform);
  // The argument then environment strings in one block, in order, as the kernel copies them:
  // /proc/<pid>/cmdline and environ read [arg_start, arg_end) and [env_start, env_end).
  std::string block;
  std::vector<size_t> argv_off, envp_off;
  auto append = [&](const std::string& s, std::vector<size_t>& offsets) {
    offsets.push_back(block.size());
    block.append(s.c_str(), s.size() + 1);
  };
  for (const std::string& s : c.argv) append(s, argv_off);
  for (const std::string& s : c.envp) append(s, envp_off);
  const uint64_t strings = cur.push(block.data(), block.size());
  std::vector<uint64_t> argv, envp;
  for (const size_t off : argv_off) argv.push_back(strings + off);
  for (const size_t off : envp_off) envp.push_back(strings + off);
  const uint64_t random = cur.push(c.random, sizeof c.random, 16);
  const uint64_t phdrs = c.phdrs.empty() ? 0 : cur.push(c.phdrs.data(), c.phdrs.size(), 8);
  if (!cur.ok()) return 0;

  std::vector<uint64_t> words;
  words.push_back(argv.size());
  words.insert(words.end(), argv.begin(), argv.end());
  words.push_back(0);
  words.insert(words.end(), envp.begin(), envp.end());
  words.push_back(0);
  auto aux = [&](uint64_t type, uint64_t value) {
    words.push_back(type);
    words.push_back(value);
  };
  for (const auto& [type, value] : c.auxv) aux(type, value);
  if (phdrs) aux(kAtPhdr, phdrs);
  aux(kAtRandom, random);
  if (platform) aux(kAtPlatform, platform);
  aux(kAtExecfn, execfn);
  aux(kAtNull, 0);

  const size_t bytes = words.size() * sizeof(uint64_t);
  if (cur.pos() - bottom < bytes + 16) return 0;
  const uint64_t sp = (cur.pos() - bytes) & ~uint64_t{15};
  std::memcpy(reinterpret_cast<void*>(sp), words.data(), bytes);
  return sp;
}

}  // namespace xisa::os
