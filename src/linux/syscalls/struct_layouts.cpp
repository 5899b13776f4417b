// Field-by-field conversion of the structs whose guest layout differs from the host's.
#include "linux/syscalls/struct_layouts.h"

#include <cstring>

namespace xisa::os {

namespace {

// Writes value as a little-endian integer of sizeof(T) bytes at offset (all guests are LE).
template <typename T>
void put(std::vector<uint8_t>& buf, size_t offset, uint64_t value) {
  const T v = static_cast<T>(value);
  std::memcpy(buf.data() + offset, &v, sizeof v);
}

template <typename T>
uint64_t get(const uint8_t* bytes, size_t offset) {
  T v;
  std::memcpy(&v, bytes + offset, sizeof v);
  return static_cast<uint64_t>(v);
}

// Offsets of the fields shared by both stat layouts that sit at the same place.
void put_stat_times_and_sizes(std::vector<uint8_t>& b, const struct stat& st) {
  put<uint64_t>(b, 0, st.st_dev);
  put<uint64_t>(b, 8, st.st_ino);
  put<int64_t>(b, 48, st.st_size);
  put<int64_t>(b, 64, st.st_blocks);
  put<int64_t>(b, 72, st.st_atim.tv_sec);
  put<uint64_t>(b, 80, st.st_atim.tv_nsec);
  put<int64_t>(b, 88, st.st_mtim.tv_sec);
  put<uint64_t>(b, 96, st.st_mtim.tv_nsec);
  put<int64_t>(b, 104, st.st_ctim.tv_sec);
  put<uint64_t>(b, 112, st.st_ctim.tv_nsec);
}

}  // namespace

size_t guest_stat_size(SyscallAbi abi) {
  return abi == SyscallAbi::X86_64 ? 144 : 128;
}

std::vector<uint8_t> guest_stat(SyscallAbi abi, const struct stat& st) {
  std::vector<uint8_t> b(guest_stat_size(abi), 0);
  put_stat_times_and_sizes(b, st);
  if (abi == SyscallAbi::X86_64) {
    put<uint64_t>(b, 16, st.st_nlink);
    put<uint32_t>(b, 24, st.st_mode);
    put<uint32_t>(b, 28, st.st_uid);
    put<uint32_t>(b, 32, st.st_gid);
    put<uint64_t>(b, 40, st.st_rdev);
    put<int64_t>(b, 56, st.st_blksize);
  } else {
    put<uint32_t>(b, 16, st.st_mode);
    put<uint32_t>(b, 20, st.st_nlink);
    put<uint32_t>(b, 24, st.st_uid);
    put<uint32_t>(b, 28, st.st_gid);
    put<uint64_t>(b, 32, st.st_rdev);
    put<int32_t>(b, 56, st.st_blksize);
  }
  return b;
}

std::vector<uint8_t> guest_sysinfo(const struct sysinfo& si) {
  std::vector<uint8_t> b(kGuestSysinfoSize, 0);
  put<int64_t>(b, 0, si.uptime);
  for (int i = 0; i < 3; ++i) put<uint64_t>(b, 8 + 8 * i, si.loads[i]);
  put<uint64_t>(b, 32, si.totalram);
  put<uint64_t>(b, 40, si.freeram);
  put<uint64_t>(b, 48, si.sharedram);
  put<uint64_t>(b, 56, si.bufferram);
  put<uint64_t>(b, 64, si.totalswap);
  put<uint64_t>(b, 72, si.freeswap);
  put<uint16_t>(b, 80, si.procs);
  put<uint64_t>(b, 88, si.totalhigh);
  put<uint64_t>(b, 96, si.freehigh);
  put<uint32_t>(b, 104, si.mem_unit);
  return b;
}

size_t guest_sigaction_size(GuestIsa guest) {
  return guest == GuestIsa::Riscv64 ? 24 : 32;
}

GuestSigaction decode_sigaction(GuestIsa guest, const uint8_t* bytes) {
  GuestSigaction sa;
  sa.handler = get<uint64_t>(bytes, 0);
  sa.flags = get<uint64_t>(bytes, 8);
  if (guest == GuestIsa::Riscv64) {
    sa.mask = get<uint64_t>(bytes, 16);
  } else {
    sa.restorer = get<uint64_t>(bytes, 16);
    sa.mask = get<uint64_t>(bytes, 24);
  }
  return sa;
}

std::vector<uint8_t> encode_sigaction(GuestIsa guest, const GuestSigaction& sa) {
  std::vector<uint8_t> b(guest_sigaction_size(guest), 0);
  put<uint64_t>(b, 0, sa.handler);
  put<uint64_t>(b, 8, sa.flags);
  if (guest == GuestIsa::Riscv64) {
    put<uint64_t>(b, 16, sa.mask);
  } else {
    put<uint64_t>(b, 16, sa.restorer);
    put<uint64_t>(b, 24, sa.mask);
  }
  return b;
}

size_t guest_epoll_event_size(SyscallAbi abi) {
  return abi == SyscallAbi::X86_64 ? 12 : 16;
}

GuestEpollEvent decode_epoll_event(SyscallAbi abi, const uint8_t* bytes) {
  return {static_cast<uint32_t>(get<uint32_t>(bytes, 0)),
          get<uint64_t>(bytes, abi == SyscallAbi::X86_64 ? 4 : 8)};
}

void encode_epoll_event(SyscallAbi abi, const GuestEpollEvent& e, uint8_t* bytes) {
  std::memset(bytes, 0, guest_epoll_event_size(abi));
  std::memcpy(bytes, &e.events, 4);
  std::memcpy(bytes + (abi == SyscallAbi::X86_64 ? 4 : 8), &e.data, 8);
}

}  // namespace xisa::os
