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
  const int fd = memfd_create("xisa-jit", MFD_CLOEXEC);
  if (fd < 0) throw Error(fmt::format("memfd_create: {}", std::strerror(errno)));
  if (ftruncate(fd, static_cast<off_t>(capacity_)) != 0) {
    close(fd);
    throw Error(fmt::format("ftruncate of the code cache: {}", std::strerror(errno)));
  }
  void* rw = mmap(nullptr, capacity_, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  void* rx = mmap(nullptr, capacity_, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
  if (rw == MAP_FAILED || rx == MAP_FAILED) {
    if (rw != MAP_FAILED) munmap(rw, capacity_);
    if (rx != MAP_FAILED) munmap(rx, capacity_);
    close(fd);
    throw Error(fmt::format("cannot map the code cache: {}", std::strerror(errno)));
  }
  rw_ = static_cast<uint8_t*>(rw);
  rx_ = static_cast<uint8_t*>(rx);
  // The two mappings keep the memory; the descriptor would take a guest fd number (the guest
  // sees exactly the fds a native run gives) and could be closed or dup2'd over by the guest.
  close(fd);
}

ExecMemory::~ExecMemory() {
  munmap(rw_, capacity_);
  munmap(rx_, capacity_);
}

}  // namespace xisa::runtime
