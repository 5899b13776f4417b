// File syscalls. Most pass through (fds are the host's, paths go through map_guest_path, the
// structs are the same on every 64-bit ABI); open flags, struct stat, fcntl and ioctl need
// conversion or a whitelist, and /proc/self/exe names the guest program, not xisa.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "common/log.h"
#include "linux/guest_memory.h"
#include "linux/guest_paths.h"
#include "linux/proc_files.h"
#include "linux/reserved_fds.h"
#include "linux/syscalls/guest_flags.h"
#include "linux/syscalls/struct_layouts.h"
#include "linux/syscalls/sys_signalfd.h"
#include "linux/syscalls/syscall_handlers.h"

namespace xisa::os {

namespace {

constexpr uint64_t kAtFdcwd = static_cast<uint64_t>(-100);
constexpr uint64_t kAtSymlinkNofollow = 0x100;
constexpr uint64_t kAtRemovedir = 0x200;
constexpr size_t kPathMax = 4096;

// A /proc file the guest sees its own way: a memfd holding that content.
int64_t open_emulated(const std::string& content, uint64_t host_flags) {
  const int fd = memfd_create("xisa-proc", (host_flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
  if (fd < 0) return -errno;
  if (write(fd, content.data(), content.size()) != static_cast<ssize_t>(content.size())) {
    close(fd);
    return -EIO;
  }
  lseek(fd, 0, SEEK_SET);
  return fd;
}

int64_t sys_openat(ProcessState& p, const Args& a) {
  if (const auto name = read_guest_string(a[1], 4096);
      name && !name->empty() && (*name)[0] == '/') {
    if (const auto content = emulated_proc_file(p, *name))
      return open_emulated(*content, open_flags_to_host(p.arch.isa(), a[2]));
  }
  const HostPath path = map_guest_path(p, a[1]);
  return host_syscall(SYS_openat, {a[0], path.ptr(), open_flags_to_host(p.arch.isa(), a[2]), a[3]});
}

int64_t put_stat(ProcessState& p, const struct stat& st, uint64_t guest_buf) {
  const std::vector<uint8_t> bytes = guest_stat(p.arch.syscall_abi(), st);
  return copy_to_guest(guest_buf, bytes.data(), bytes.size()) ? 0 : -EFAULT;
}

int64_t sys_fstat(ProcessState& p, const Args& a) {
  struct stat st {};
  if (fstat(static_cast<int>(a[0]), &st) != 0) return -errno;
  return put_stat(p, st, a[1]);
}

int64_t sys_newfstatat(ProcessState& p, const Args& a) {
  const HostPath path = map_guest_path(p, a[1]);
  struct stat st {};
  // The raw call: the guest's path may be NULL (the kernel answers), glibc's wrapper may not.
  const int64_t r =
      host_syscall(SYS_newfstatat, {a[0], path.ptr(), reinterpret_cast<uint64_t>(&st), a[3]});
  if (r != 0) return r;
  return put_stat(p, st, a[2]);
}

int64_t sys_readlinkat(ProcessState& p, const Args& a) {
  const auto name = read_guest_string(a[1], kPathMax);
  if (!name) return -EFAULT;
  if (static_cast<int64_t>(a[3]) <= 0) return -EINVAL;
  if (is_proc_self_exe(*name)) {
    const size_t n = std::min<size_t>(p.exe_abs_path.size(), a[3]);
    return copy_to_guest(a[2], p.exe_abs_path.data(), n) ? static_cast<int64_t>(n) : -EFAULT;
  }
  const HostPath path = map_guest_path(p, a[1]);
  return host_syscall(SYS_readlinkat, {a[0], path.ptr(), a[2], a[3]});
}

int64_t sys_pipe2(ProcessState& p, const Args& a) {
  return host_syscall(SYS_pipe2, {a[0], open_flags_to_host(p.arch.isa(), a[1])});
}

// fcntl commands whose argument is an int, a pid or a struct that every 64-bit ABI lays out
// alike (struct flock, f_owner_ex): values from include/uapi/asm-generic/fcntl.h and
// include/uapi/linux/fcntl.h, shared by x86-64.
constexpr uint64_t kPlainFcntl[] = {
    0 /*F_DUPFD*/,
    1 /*F_GETFD*/,
    2 /*F_SETFD*/,
    5 /*F_GETLK*/,
    6 /*F_SETLK*/,
    7 /*F_SETLKW*/,
    8 /*F_SETOWN*/,
    9 /*F_GETOWN*/,
    10 /*F_SETSIG*/,
    11 /*F_GETSIG*/,
    15 /*F_SETOWN_EX*/,
    16 /*F_GETOWN_EX*/,
    36 /*F_OFD_GETLK*/,
    37 /*F_OFD_SETLK*/,
    38 /*F_OFD_SETLKW*/,
    1024 /*F_SETLEASE*/,
    1025 /*F_GETLEASE*/,
    1026 /*F_NOTIFY*/,
    1030 /*F_DUPFD_CLOEXEC*/,
    1031 /*F_SETPIPE_SZ*/,
    1032 /*F_GETPIPE_SZ*/,
    1033 /*F_ADD_SEALS*/,
    1034 /*F_GET_SEALS*/,
};

int64_t sys_fcntl(ProcessState& p, const Args& a) {
  constexpr uint64_t kGetfl = 3, kSetfl = 4;
  const GuestIsa isa = p.arch.isa();
  if (a[1] == kGetfl) {
    const int64_t r = host_syscall(SYS_fcntl, a);
    return r < 0 ? r : static_cast<int64_t>(open_flags_to_guest(isa, static_cast<uint64_t>(r)));
  }
  if (a[1] == kSetfl) return host_syscall(SYS_fcntl, {a[0], a[1], open_flags_to_host(isa, a[2])});
  if (std::find(std::begin(kPlainFcntl), std::end(kPlainFcntl), a[1]) != std::end(kPlainFcntl))
    return host_syscall(SYS_fcntl, a);
  if (p.warn_once(fmt::format("fcntl-{}", a[1])))
    log::warn("fcntl command {} not implemented, returning -EINVAL", a[1]);
  return -EINVAL;
}

// ioctl requests whose numbers and argument layouts are the same on every 64-bit ABI
// (include/uapi/asm-generic/ioctls.h, shared by x86-64; struct termios, termios2 and winsize
// alike).
constexpr uint64_t kPlainIoctl[] = {
    0x5401 /*TCGETS*/,       0x5402 /*TCSETS*/,         0x5403 /*TCSETSW*/,
    0x5404 /*TCSETSF*/,      0x5409 /*TCSBRK*/,         0x540a /*TCXONC*/,
    0x540b /*TCFLSH*/,       0x540c /*TIOCEXCL*/,       0x540d /*TIOCNXCL*/,
    0x540e /*TIOCSCTTY*/,    0x540f /*TIOCGPGRP*/,      0x5410 /*TIOCSPGRP*/,
    0x5411 /*TIOCOUTQ*/,     0x5413 /*TIOCGWINSZ*/,     0x5414 /*TIOCSWINSZ*/,
    0x5415 /*TIOCMGET*/,     0x541b /*FIONREAD*/,       0x5421 /*FIONBIO*/,
    0x5422 /*TIOCNOTTY*/,    0x5423 /*TIOCSETD*/,       0x5424 /*TIOCGETD*/,
    0x5425 /*TCSBRKP*/,      0x5429 /*TIOCGSID*/,       0x802c542a /*TCGETS2*/,
    0x402c542b /*TCSETS2*/,  0x402c542c /*TCSETSW2*/,   0x402c542d /*TCSETSF2*/,
    0x80045430 /*TIOCGPTN*/, 0x40045431 /*TIOCSPTLCK*/, 0x5441 /*TIOCGPTPEER*/,
    0x5450 /*FIONCLEX*/,     0x5451 /*FIOCLEX*/,        0x5452 /*FIOASYNC*/,
};

// Any other request: -ENOTTY ("not a request this device knows"), what the kernel answers for an
// unknown request and what callers such as isatty() handle; -ENOSYS would claim ioctl itself is
// missing. Passing an unknown request through could let the host misread the guest's struct.
int64_t sys_ioctl(ProcessState& p, const Args& a) {
  const uint64_t request = a[1] & 0xffffffff;
  if (std::find(std::begin(kPlainIoctl), std::end(kPlainIoctl), request) != std::end(kPlainIoctl))
    return host_syscall(SYS_ioctl, {a[0], request, a[2]});
  if (p.warn_once(fmt::format("ioctl-{}", request)))
    log::warn("ioctl request {:#x} not implemented, returning -ENOTTY", request);
  return -ENOTTY;
}

// The x86-64 ABI's older calls, served by their *at successors.
int64_t sys_open(ProcessState& p, const Args& a) {
  return sys_openat(p, {kAtFdcwd, a[0], a[1], a[2], 0, 0});
}
int64_t sys_creat(ProcessState& p, const Args& a) {
  return sys_openat(p, {kAtFdcwd, a[0], O_CREAT | O_WRONLY | O_TRUNC, a[1], 0, 0});
}
int64_t sys_stat(ProcessState& p, const Args& a) {
  return sys_newfstatat(p, {kAtFdcwd, a[0], a[1], 0, 0, 0});
}
int64_t sys_lstat(ProcessState& p, const Args& a) {
  return sys_newfstatat(p, {kAtFdcwd, a[0], a[1], kAtSymlinkNofollow, 0, 0});
}
int64_t sys_readlink(ProcessState& p, const Args& a) {
  return sys_readlinkat(p, {kAtFdcwd, a[0], a[1], a[2], 0, 0});
}
int64_t sys_pipe(ProcessState& p, const Args& a) {
  return sys_pipe2(p, {a[0], 0, 0, 0, 0, 0});
}
int64_t sys_access(ProcessState& p, const Args& a) {
  return host_syscall(SYS_faccessat, {kAtFdcwd, map_guest_path(p, a[0]).ptr(), a[1]});
}
int64_t sys_unlink(ProcessState& p, const Args& a) {
  return host_syscall(SYS_unlinkat, {kAtFdcwd, map_guest_path(p, a[0]).ptr(), 0});
}
int64_t sys_rmdir(ProcessState& p, const Args& a) {
  return host_syscall(SYS_unlinkat, {kAtFdcwd, map_guest_path(p, a[0]).ptr(), kAtRemovedir});
}
int64_t sys_mkdir(ProcessState& p, const Args& a) {
  return host_syscall(SYS_mkdirat, {kAtFdcwd, map_guest_path(p, a[0]).ptr(), a[1]});
}
int64_t sys_rename(ProcessState& p, const Args& a) {
  return host_syscall(SYS_renameat2, {kAtFdcwd, map_guest_path(p, a[0]).ptr(), kAtFdcwd,
                                      map_guest_path(p, a[1]).ptr(), 0});
}
int64_t sys_chmod(ProcessState& p, const Args& a) {
  return host_syscall(SYS_fchmodat, {kAtFdcwd, map_guest_path(p, a[0]).ptr(), a[1]});
}
int64_t sys_chown(ProcessState& p, const Args& a) {
  return host_syscall(SYS_fchownat, {kAtFdcwd, map_guest_path(p, a[0]).ptr(), a[1], a[2], 0});
}
int64_t sys_lchown(ProcessState& p, const Args& a) {
  return host_syscall(SYS_fchownat,
                      {kAtFdcwd, map_guest_path(p, a[0]).ptr(), a[1], a[2], AT_SYMLINK_NOFOLLOW});
}
int64_t sys_link(ProcessState& p, const Args& a) {
  return host_syscall(SYS_linkat, {kAtFdcwd, map_guest_path(p, a[0]).ptr(), kAtFdcwd,
                                   map_guest_path(p, a[1]).ptr(), 0});
}
int64_t sys_symlink(ProcessState& p, const Args& a) {  // the target is link content
  return host_syscall(SYS_symlinkat, {a[0], kAtFdcwd, map_guest_path(p, a[1]).ptr()});
}
int64_t sys_mknod(ProcessState& p, const Args& a) {
  return host_syscall(SYS_mknodat, {kAtFdcwd, map_guest_path(p, a[0]).ptr(), a[1], a[2]});
}
// utimes/futimesat take struct timeval[2] (the same on every 64-bit ABI); utimensat is the
// host call every 64-bit host has.
int64_t utimes_at(ProcessState& p, uint64_t dirfd, uint64_t path, uint64_t times) {
  struct timespec ts[2];
  if (times) {
    struct timeval tv[2];
    if (!copy_from_guest(tv, times, sizeof tv)) return -EFAULT;
    for (int i = 0; i < 2; ++i) {
      if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000) return -EINVAL;  // as Linux checks
      ts[i] = {tv[i].tv_sec, tv[i].tv_usec * 1000};
    }
  }
  return host_syscall(SYS_utimensat, {dirfd, map_guest_path(p, path).ptr(),
                                      times ? reinterpret_cast<uint64_t>(ts) : 0, 0});
}
int64_t sys_utimes(ProcessState& p, const Args& a) {
  return utimes_at(p, kAtFdcwd, a[0], a[1]);
}
int64_t sys_futimesat(ProcessState& p, const Args& a) {
  return utimes_at(p, a[0], a[1], a[2]);
}
int64_t sys_renameat(ProcessState& p, const Args& a) {  // renameat2 with no flags
  return host_syscall(
      SYS_renameat2, {a[0], map_guest_path(p, a[1]).ptr(), a[2], map_guest_path(p, a[3]).ptr(), 0});
}
int64_t sys_dup2(ProcessState& p, const Args& a) {
  if (is_reserved_fd(a[0]) || is_reserved_fd(a[1])) return -EBADF;
  if (a[0] == a[1])  // dup3 refuses this case; dup2 checks the fd and returns it
    return host_syscall(SYS_fcntl, {a[0], F_GETFD}) < 0 ? -EBADF : static_cast<int64_t>(a[1]);
  const int64_t r = host_syscall(SYS_dup3, {a[0], a[1], 0});
  if (r >= 0) p.signalfds.forget(static_cast<int>(a[1]));  // the old a[1] is closed
  return r;
}

// The calls that treat a signalfd apart: read takes its signals; a close or a dup over it
// ends it (a copy made by dup is a plain eventfd to xisa: signalfds are rarely duplicated).
int64_t sys_read(ProcessState& p, const Args& a) {
  if (is_signalfd(p, static_cast<int>(a[0])))
    return read_signalfd(p, static_cast<int>(a[0]), a[1], a[2]);
  return host_syscall(SYS_read, a);
}
int64_t sys_close(ProcessState& p, const Args& a) {
  if (is_reserved_fd(a[0])) return -EBADF;
  const int64_t r = host_syscall(SYS_close, a);
  if (r == 0) p.signalfds.forget(static_cast<int>(a[0]));
  return r;
}
int64_t sys_dup3(ProcessState& p, const Args& a) {
  if (is_reserved_fd(a[0]) || is_reserved_fd(a[1])) return -EBADF;
  const int64_t r = host_syscall(SYS_dup3, a);
  if (r >= 0) p.signalfds.forget(static_cast<int>(a[1]));
  return r;
}
int64_t sys_close_range(ProcessState& p, const Args& a) {
  constexpr uint64_t kCloseRangeCloexec = 4;
  const int64_t r = close_range_sparing_reserved(a[0], a[1], a[2]);
  if (r == 0 && !(a[2] & kCloseRangeCloexec)) p.signalfds.forget_range(a[0], a[1]);
  return r;
}

// openat2's struct open_how {u64 flags, mode, resolve} carries open flags in the guest's layout;
// the rest of the struct (any size the guest gives, for newer fields) goes as it is.
int64_t sys_openat2(ProcessState& p, const Args& a) {
  constexpr uint64_t kOpenHowSize = 24, kMaxSize = 4096;  // the kernel's limit is a page
  const uint64_t size = a[3];
  if (size < kOpenHowSize) return -EINVAL;
  if (size > kMaxSize) return -E2BIG;
  std::vector<uint8_t> how(size);
  if (!copy_from_guest(how.data(), a[2], size)) return -EFAULT;
  uint64_t flags;
  std::memcpy(&flags, how.data(), 8);
  if (const auto name = read_guest_string(a[1], kPathMax);
      name && !name->empty() && (*name)[0] == '/') {
    if (const auto content = emulated_proc_file(p, *name))
      return open_emulated(*content, open_flags_to_host(p.arch.isa(), flags));
  }
  flags = open_flags_to_host(p.arch.isa(), flags);
  std::memcpy(how.data(), &flags, 8);
  const HostPath path = map_guest_path(p, a[1]);
  return host_syscall(SYS_openat2,
                      {a[0], path.ptr(), reinterpret_cast<uint64_t>(how.data()), size});
}

// x86-64's getdents: struct linux_dirent {ino, off, reclen, name[], pad, type}. Each record is
// exactly as long as its linux_dirent64 counterpart (both are 8-aligned 20 + name length), so
// the records from getdents64 are rewritten in place.
int64_t sys_getdents(ProcessState&, const Args& a) {
  constexpr size_t kMaxBuffer = 1 << 20;
  std::vector<uint8_t> buf(std::min<uint64_t>(a[2], kMaxBuffer));
  const int64_t n =
      host_syscall(SYS_getdents64, {a[0], reinterpret_cast<uint64_t>(buf.data()), buf.size()});
  if (n <= 0) return n;
  for (int64_t pos = 0; pos < n;) {
    uint8_t* rec = buf.data() + pos;
    uint16_t reclen;
    std::memcpy(&reclen, rec + 16, 2);
    const uint8_t type = rec[18];
    const size_t name_len = std::strlen(reinterpret_cast<const char*>(rec + 19));
    std::memmove(rec + 18, rec + 19, name_len + 1);  // name moves down one byte over d_type
    std::memset(rec + 18 + name_len + 1, 0, reclen - (18 + name_len + 1));
    rec[reclen - 1] = type;
    pos += reclen;
  }
  return copy_to_guest(a[1], buf.data(), static_cast<size_t>(n)) ? n : -EFAULT;
}

constexpr HandlerRow kHandlers[] = {
    {SyscallId::read, sys_read},
    {SyscallId::close, sys_close},
    {SyscallId::dup3, sys_dup3},
    {SyscallId::close_range, sys_close_range},
    {SyscallId::openat2, sys_openat2},
    {SyscallId::getdents, sys_getdents},
    {SyscallId::openat, sys_openat},
    {SyscallId::fstat, sys_fstat},
    {SyscallId::newfstatat, sys_newfstatat},
    {SyscallId::readlinkat, sys_readlinkat},
    {SyscallId::pipe2, sys_pipe2},
    {SyscallId::fcntl, sys_fcntl},
    {SyscallId::ioctl, sys_ioctl},
    {SyscallId::open, sys_open},
    {SyscallId::creat, sys_creat},
    {SyscallId::stat, sys_stat},
    {SyscallId::lstat, sys_lstat},
    {SyscallId::readlink, sys_readlink},
    {SyscallId::pipe, sys_pipe},
    {SyscallId::access, sys_access},
    {SyscallId::unlink, sys_unlink},
    {SyscallId::rmdir, sys_rmdir},
    {SyscallId::mkdir, sys_mkdir},
    {SyscallId::rename, sys_rename},
    {SyscallId::chmod, sys_chmod},
    {SyscallId::chown, sys_chown},
    {SyscallId::lchown, sys_lchown},
    {SyscallId::link, sys_link},
    {SyscallId::symlink, sys_symlink},
    {SyscallId::mknod, sys_mknod},
    {SyscallId::utimes, sys_utimes},
    {SyscallId::futimesat, sys_futimesat},
    {SyscallId::dup2, sys_dup2},
    {SyscallId::renameat, sys_renameat},
};

constexpr PassThroughRow kPassThrough[] = {
    {SyscallId::write, SYS_write},
    {SyscallId::readv, SYS_readv},
    {SyscallId::writev, SYS_writev},
    {SyscallId::pread64, SYS_pread64},
    {SyscallId::pwrite64, SYS_pwrite64},
    {SyscallId::preadv, SYS_preadv},
    {SyscallId::pwritev, SYS_pwritev},
    {SyscallId::lseek, SYS_lseek},
    {SyscallId::statx, SYS_statx, kArg1},
    {SyscallId::faccessat, SYS_faccessat, kArg1},
    {SyscallId::faccessat2, SYS_faccessat2, kArg1},
    {SyscallId::getdents64, SYS_getdents64},
    {SyscallId::preadv2, SYS_preadv2},
    {SyscallId::pwritev2, SYS_pwritev2},
    {SyscallId::splice, SYS_splice},
    {SyscallId::tee, SYS_tee},
    {SyscallId::vmsplice, SYS_vmsplice},
    {SyscallId::sync_file_range, SYS_sync_file_range},
    {SyscallId::fchmodat2, 452 /* SYS_fchmodat2, Linux 6.6; the same on every host */, kArg1},
    {SyscallId::dup, SYS_dup},
    {SyscallId::ftruncate, SYS_ftruncate},
    {SyscallId::truncate, SYS_truncate, kArg0},
    {SyscallId::fallocate, SYS_fallocate},
    {SyscallId::unlinkat, SYS_unlinkat, kArg1},
    {SyscallId::mkdirat, SYS_mkdirat, kArg1},
    {SyscallId::mknodat, SYS_mknodat, kArg1},
    {SyscallId::renameat2, SYS_renameat2, kArg1 | kArg3},
    {SyscallId::linkat, SYS_linkat, kArg1 | kArg3},
    {SyscallId::symlinkat, SYS_symlinkat, kArg2},  // the target is link content, not a path
    {SyscallId::getcwd, SYS_getcwd},
    {SyscallId::chdir, SYS_chdir, kArg0},
    {SyscallId::fchdir, SYS_fchdir},
    {SyscallId::fsync, SYS_fsync},
    {SyscallId::fdatasync, SYS_fdatasync},
    {SyscallId::sync, SYS_sync},
    {SyscallId::syncfs, SYS_syncfs},
    {SyscallId::utimensat, SYS_utimensat, kArg1},
    {SyscallId::fchmod, SYS_fchmod},
    {SyscallId::fchmodat, SYS_fchmodat, kArg1},
    {SyscallId::fchown, SYS_fchown},
    {SyscallId::fchownat, SYS_fchownat, kArg1},
    {SyscallId::flock, SYS_flock},
    {SyscallId::statfs, SYS_statfs, kArg0},
    {SyscallId::fstatfs, SYS_fstatfs},
    {SyscallId::sendfile, SYS_sendfile},
    {SyscallId::copy_file_range, SYS_copy_file_range},
    {SyscallId::readahead, SYS_readahead},
    {SyscallId::fadvise64, SYS_fadvise64},
    // Extended attributes: names and values are bytes, the same on every ABI.
    {SyscallId::getxattr, SYS_getxattr, kArg0},
    {SyscallId::lgetxattr, SYS_lgetxattr, kArg0},
    {SyscallId::fgetxattr, SYS_fgetxattr},
    {SyscallId::listxattr, SYS_listxattr, kArg0},
    {SyscallId::llistxattr, SYS_llistxattr, kArg0},
    {SyscallId::flistxattr, SYS_flistxattr},
    {SyscallId::setxattr, SYS_setxattr, kArg0},
    {SyscallId::lsetxattr, SYS_lsetxattr, kArg0},
    {SyscallId::fsetxattr, SYS_fsetxattr},
    {SyscallId::removexattr, SYS_removexattr, kArg0},
    {SyscallId::lremovexattr, SYS_lremovexattr, kArg0},
    {SyscallId::fremovexattr, SYS_fremovexattr},
};

}  // namespace

HandlerSet file_syscalls() {
  return {kHandlers, kPassThrough};
}

}  // namespace xisa::os
