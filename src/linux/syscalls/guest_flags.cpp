// open(2) flag translation between a guest's layout and the host kernel's.
#include "linux/syscalls/guest_flags.h"

#include <fmt/format.h>

namespace xisa::os {

namespace {

// The four bits that move. Values from the kernel's include/uapi/asm-generic/fcntl.h and
// arch/arm64/include/uapi/asm/fcntl.h.
struct MovingBits {
  uint64_t directory, nofollow, direct, largefile;
};
constexpr MovingBits kGenericBits{0200000, 0400000, 040000, 0100000};
constexpr MovingBits kArm64Bits{040000, 0100000, 0200000, 0400000};

constexpr const MovingBits& bits_for(GuestIsa guest) {
  return guest == GuestIsa::Aarch64 ? kArm64Bits : kGenericBits;
}

// The host kernel's own values (not glibc's: glibc defines O_LARGEFILE as 0 on 64-bit).
#if defined(__aarch64__)
constexpr const MovingBits& kHostBits = kArm64Bits;
#else
constexpr const MovingBits& kHostBits = kGenericBits;
#endif

uint64_t move_bits(uint64_t flags, const MovingBits& from, const MovingBits& to) {
  const uint64_t all = from.directory | from.nofollow | from.direct | from.largefile;
  uint64_t out = flags & ~all;
  if (flags & from.directory) out |= to.directory;
  if (flags & from.nofollow) out |= to.nofollow;
  if (flags & from.direct) out |= to.direct;
  if (flags & from.largefile) out |= to.largefile;
  return out;
}

struct FlagName {
  uint64_t bit;
  const char* name;
};

// Same on every 64-bit ABI.
constexpr FlagName kCommonOpenFlags[] = {
    {0100, "O_CREAT"},          {0200, "O_EXCL"},       {0400, "O_NOCTTY"},
    {01000, "O_TRUNC"},         {02000, "O_APPEND"},    {04000, "O_NONBLOCK"},
    {010000, "O_DSYNC"},        {020000, "O_ASYNC"},    {01000000, "O_NOATIME"},
    {02000000, "O_CLOEXEC"},    {04000000, "__O_SYNC"}, {010000000, "O_PATH"},
    {020000000, "__O_TMPFILE"},
};

}  // namespace

uint64_t open_flags_to_host(GuestIsa guest, uint64_t flags) {
  return move_bits(flags, bits_for(guest), kHostBits);
}

uint64_t open_flags_to_guest(GuestIsa guest, uint64_t host_flags) {
  return move_bits(host_flags, kHostBits, bits_for(guest));
}

std::string format_open_flags(GuestIsa guest, uint64_t flags) {
  static constexpr const char* kAccess[] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};
  std::string out = kAccess[flags & 3];
  uint64_t rest = flags & ~uint64_t{3};
  const MovingBits& m = bits_for(guest);
  const FlagName moving[] = {{m.directory, "O_DIRECTORY"},
                             {m.nofollow, "O_NOFOLLOW"},
                             {m.direct, "O_DIRECT"},
                             {m.largefile, "O_LARGEFILE"}};
  auto take = [&](const FlagName& f) {
    if (rest & f.bit) {
      out += '|';
      out += f.name;
      rest &= ~f.bit;
    }
  };
  for (const FlagName& f : kCommonOpenFlags) take(f);
  for (const FlagName& f : moving) take(f);
  if (rest) out += fmt::format("|{:#o}", rest);
  return out;
}

}  // namespace xisa::os
