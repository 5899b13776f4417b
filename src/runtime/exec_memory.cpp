// Dual-mapped (memfd) executable memory.
#include "runtime/exec_memory.h"

#include <fmt/format.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/error.h"

namespace xisa::runtime {

ExecMemory::ExecMemory(size_t capacity) {
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  capacity_ = (capacity + page - 1) / page * page;
  fd_ = memfd_create("xisa-jit", MFD_CLOEXEC);
  if (fd_ < 0) throw Error(fmt::format("memfd_create: {}", std::strerror(errno)));
  if (ftruncate(fd_, static_cast<off_t>(capacity_)) != 0) {
    close(fd_);
    throw Error(fmt::format("ftruncate of the code cache: {}", std::strerror(errno)));
  }
  void* rw = mmap(nullptr, capacity_, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
  void* rx = mmap(nullptr, capacity_, PROT_READ | PROT_EXEC, MAP_SHARED, fd_, 0);
  if (rw == MAP_FAILED || rx == MAP_FAILED) {
    if (rw != MAP_FAILED) munmap(rw, capacity_);
    if (rx != MAP_FAILED) munmap(rx, capacity_);
    close(fd_);
    throw Error(fmt::format("cannot map the code cache: {}", std::strerror(errno)));
  }
  rw_ = static_cast<uint8_t*>(rw);
  rx_ = static_cast<uint8_t*>(rx);
}

ExecMemory::~ExecMemory() {
  munmap(rw_, capacity_);
  munmap(rx_, capacity_);
  close(fd_);
}

ExecMemory::Span ExecMemory::allocate(size_t bytes, size_t align) {
  const size_t start = (used_ + align - 1) / align * align;
  if (start + bytes > capacity_) return {};
  used_ = start + bytes;
  return {rw_ + start, rx_ + start};
}

}  // namespace xisa::runtime
