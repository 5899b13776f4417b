// ELF validation and PT_LOAD mapping. Segments are mapped from the file where the file offset
// and the address agree modulo the page size and no page is shared with another segment;
// otherwise their bytes are copied into anonymous memory. Gaps between segments stay reserved
// (PROT_NONE), as ld.so leaves them.
#include "linux/elf_loader.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/error.h"
#include "common/log.h"
#include "linux/elf_probe.h"

namespace xisa::os {

namespace {

// The top of a 47-bit user address space: the smallest of the three hosts' (x86-64 4-level
// paging); no guest segment may reach beyond it.
constexpr uint64_t kUserAddressLimit = uint64_t{1} << 47;

uint64_t page_down(uint64_t v) {
  return v & ~(host_page_size() - 1);
}
uint64_t page_up(uint64_t v) {
  return page_down(v + host_page_size() - 1);
}

int host_prot(uint32_t p_flags) {
  return ((p_flags & PF_R) ? PROT_READ : 0) | ((p_flags & PF_W) ? PROT_WRITE : 0) |
         ((p_flags & PF_X) ? PROT_EXEC : 0);
}

class Fd {
 public:
  explicit Fd(const std::string& path) : fd_(open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd_ < 0) throw Error(fmt::format("{}: {}", path, std::strerror(errno)));
  }
  ~Fd() { close(fd_); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// Reads exactly n bytes at offset, or throws.
void read_exact(int fd, const std::string& path, void* buf, size_t n, uint64_t offset) {
  size_t done = 0;
  while (done < n) {
    const ssize_t got =
        pread(fd, static_cast<char*>(buf) + done, n - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) throw Error(fmt::format("{}: cannot read the file (truncated?)", path));
    done += static_cast<size_t>(got);
  }
}

bool is_load(const Elf64_Phdr& ph) {
  return ph.p_type == PT_LOAD;
}

void check_segments(const ElfFile& elf) {
  const std::string& path = elf.path;
  const Elf64_Phdr* previous = nullptr;
  size_t loads = 0;
  for (const Elf64_Phdr& ph : elf.phdrs) {
    if (!is_load(ph)) continue;
    ++loads;
    if (ph.p_filesz > ph.p_memsz)
      throw Error(
          fmt::format("{}: malformed ELF: a segment's file size ({:#x}) exceeds its "
                      "memory size ({:#x})",
                      path, ph.p_filesz, ph.p_memsz));
    if (ph.p_offset > elf.file_size || ph.p_filesz > elf.file_size - ph.p_offset)
      throw Error(
          fmt::format("{}: malformed ELF: a segment's file range {:#x}+{:#x} lies "
                      "beyond the end of the file ({:#x} bytes)",
                      path, ph.p_offset, ph.p_filesz, elf.file_size));
    if (ph.p_vaddr >= kUserAddressLimit || ph.p_memsz > kUserAddressLimit - ph.p_vaddr)
      throw Error(
          fmt::format("{}: malformed ELF: segment at {:#x} (+{:#x}) is outside the user "
                      "address space",
                      path, ph.p_vaddr, ph.p_memsz));
    if (ph.p_align > 1 && (ph.p_align & (ph.p_align - 1)) != 0)
      throw Error(fmt::format("{}: malformed ELF: segment alignment {:#x} is not a power of two",
                              path, ph.p_align));
    if (previous && ph.p_vaddr < previous->p_vaddr + previous->p_memsz)
      throw Error(
          fmt::format("{}: malformed ELF: segments at {:#x} and {:#x} overlap or are "
                      "out of order",
                      path, previous->p_vaddr, ph.p_vaddr));
    previous = &ph;
  }
  if (loads == 0)
    throw Error(fmt::format("{}: malformed ELF: no loadable (PT_LOAD) segment", path));
  const uint64_t entry = elf.header.e_entry;
  const bool entry_inside = std::any_of(elf.phdrs.begin(), elf.phdrs.end(), [&](const auto& ph) {
    return is_load(ph) && entry >= ph.p_vaddr && entry - ph.p_vaddr < ph.p_memsz;
  });
  if (!entry_inside)
    throw Error(
        fmt::format("{}: malformed ELF: entry point {:#x} is outside every loadable "
                    "segment",
                    path, entry));
}

std::string read_interp(const ElfFile& elf, int fd, const Elf64_Phdr& ph) {
  if (ph.p_offset > elf.file_size || ph.p_filesz > elf.file_size - ph.p_offset || ph.p_filesz < 2 ||
      ph.p_filesz > 4096)
    throw Error(fmt::format("{}: malformed ELF: bad PT_INTERP segment", elf.path));
  std::string s(ph.p_filesz, '\0');
  read_exact(fd, elf.path, s.data(), s.size(), ph.p_offset);
  if (s.back() != '\0' || s.find('\0') != s.size() - 1)
    throw Error(fmt::format("{}: malformed ELF: PT_INTERP is not a NUL-terminated path", elf.path));
  s.pop_back();
  return s;
}

// Reserves [start, start+len) with PROT_NONE, failing (nullptr) when any part is in use.
void* reserve_exact(uint64_t start, uint64_t len) {
  void* p = mmap(reinterpret_cast<void*>(start), len, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
  if (p == MAP_FAILED) return nullptr;
  if (reinterpret_cast<uint64_t>(p) != start) {  // a kernel older than 4.17 took it as a hint
    munmap(p, len);
    errno = EEXIST;
    return nullptr;
  }
  return p;
}

// Chooses the bias of an ET_DYN image spanning [lo, hi) and reserves the span.
uint64_t reserve_dynamic(const ElfFile& elf, uint64_t lo, uint64_t hi, uint64_t align) {
  const uint64_t len = hi - lo;
  constexpr uint64_t kSlot = uint64_t{1} << 32;
  for (uint64_t base = kDynamicLoadBase; base < kDynamicLoadBase + 64 * kSlot; base += kSlot) {
    if (reserve_exact(base + lo, len)) return base;
  }
  // Every slot taken: let the kernel choose, over-reserving to honour the alignment.
  void* p =
      mmap(nullptr, len + align, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED)
    throw Error(fmt::format("{}: cannot reserve {:#x} bytes of address space: {}", elf.path, len,
                            std::strerror(errno)));
  const uint64_t raw = reinterpret_cast<uint64_t>(p);
  const uint64_t start = (raw + align - 1) & ~(align - 1);
  if (start > raw) munmap(p, start - raw);
  if (raw + len + align > start + len)
    munmap(reinterpret_cast<void*>(start + len), raw + len + align - (start + len));
  return start - lo;
}

struct Segment {
  uint64_t page_lo, page_hi;  // biased, page-aligned
  const Elf64_Phdr* ph;
  bool from_file;
};

void fail_map(const ElfFile& elf, uint64_t addr) {
  throw Error(
      fmt::format("{}: cannot map segment at {:#x}: {}", elf.path, addr, std::strerror(errno)));
}

// Maps a segment straight from the file, then zeroes its bss.
void map_from_file(const ElfFile& elf, int fd, const Segment& s, uint64_t bias) {
  const Elf64_Phdr& ph = *s.ph;
  const int prot = host_prot(ph.p_flags);
  const uint64_t vaddr = ph.p_vaddr + bias;
  const uint64_t file_end = vaddr + ph.p_filesz;
  const uint64_t file_page_end = page_up(file_end);
  if (ph.p_filesz > 0) {
    void* p = mmap(reinterpret_cast<void*>(s.page_lo), file_page_end - s.page_lo, prot | PROT_WRITE,
                   MAP_PRIVATE | MAP_FIXED, fd, static_cast<off_t>(page_down(ph.p_offset)));
    if (p == MAP_FAILED) fail_map(elf, s.page_lo);
    // The rest of the last file page is file content beyond the segment: it is bss.
    std::memset(reinterpret_cast<void*>(file_end), 0, file_page_end - file_end);
    if (mprotect(p, file_page_end - s.page_lo, prot) != 0) fail_map(elf, s.page_lo);
  }
  const uint64_t anon_lo = ph.p_filesz > 0 ? file_page_end : s.page_lo;
  if (s.page_hi > anon_lo) {
    void* p = mmap(reinterpret_cast<void*>(anon_lo), s.page_hi - anon_lo, prot,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (p == MAP_FAILED) fail_map(elf, anon_lo);
  }
}

// Copies a segment into the (zero-filled) reservation; protections are set afterwards.
void map_by_copy(const ElfFile& elf, int fd, const Segment& s, uint64_t bias) {
  if (mprotect(reinterpret_cast<void*>(s.page_lo), s.page_hi - s.page_lo, PROT_READ | PROT_WRITE) !=
      0)
    fail_map(elf, s.page_lo);
  read_exact(fd, elf.path, reinterpret_cast<void*>(s.ph->p_vaddr + bias), s.ph->p_filesz,
             s.ph->p_offset);
}

int prot_of_page(const std::vector<Segment>& segs, uint64_t page) {
  int prot = 0;
  for (const Segment& s : segs)
    if (page >= s.page_lo && page < s.page_hi) prot |= host_prot(s.ph->p_flags);
  return prot;
}

}  // namespace

uint64_t host_page_size() {
  static const uint64_t size = static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
  return size;
}

ElfFile read_elf(const std::string& path, uint16_t machine) {
  const ElfProbe probe = probe_elf(path);
  if (probe.machine != machine)
    throw Error(fmt::format("{}: ELF machine {} does not match the program's ({})", path,
                            probe.machine, machine));
  ElfFile elf;
  elf.path = path;
  Fd fd(path);
  elf.file_size = static_cast<uint64_t>(lseek(fd.get(), 0, SEEK_END));
  read_exact(fd.get(), path, &elf.header, sizeof elf.header, 0);
  elf.phdrs.resize(elf.header.e_phnum);
  read_exact(fd.get(), path, elf.phdrs.data(), elf.phdrs.size() * sizeof(Elf64_Phdr),
             elf.header.e_phoff);
  for (const Elf64_Phdr& ph : elf.phdrs) {
    if (ph.p_type == PT_INTERP) {
      if (!elf.interp.empty())
        throw Error(fmt::format("{}: malformed ELF: more than one PT_INTERP", path));
      elf.interp = read_interp(elf, fd.get(), ph);
    }
    if (ph.p_type == PT_GNU_STACK) elf.exec_stack = (ph.p_flags & PF_X) != 0;
  }
  check_segments(elf);
  return elf;
}

LoadedImage map_elf(const ElfFile& elf, VmaSet& vmas) {
  uint64_t lo = UINT64_MAX, hi = 0, align = host_page_size();
  for (const Elf64_Phdr& ph : elf.phdrs) {
    if (!is_load(ph)) continue;
    lo = std::min(lo, page_down(ph.p_vaddr));
    hi = std::max(hi, page_up(ph.p_vaddr + ph.p_memsz));
    align = std::max<uint64_t>(align, ph.p_align);
  }
  align = std::min<uint64_t>(align, uint64_t{1} << 30);  // an absurd p_align must not starve us
  uint64_t bias = 0;
  if (elf.header.e_type == ET_DYN) {
    bias = reserve_dynamic(elf, lo, hi, align);
  } else if (!reserve_exact(lo, hi - lo)) {
    if (errno == EEXIST)
      throw Error(
          fmt::format("{}: cannot map the program at {:#x}-{:#x}: the range is in use "
                      "by xisa itself",
                      elf.path, lo, hi));
    throw Error(fmt::format("{}: cannot map the program at {:#x}-{:#x}: {}{}", elf.path, lo, hi,
                            std::strerror(errno),
                            errno == EPERM ? " (below vm.mmap_min_addr?)" : ""));
  }
  vmas.add(lo + bias, hi + bias, PROT_NONE, elf.path);

  std::vector<Segment> segs;
  for (const Elf64_Phdr& ph : elf.phdrs)
    if (is_load(ph) && ph.p_memsz > 0)
      segs.push_back(
          {page_down(ph.p_vaddr + bias), page_up(ph.p_vaddr + ph.p_memsz + bias), &ph, true});
  for (size_t i = 0; i < segs.size(); ++i) {
    const bool congruent = (segs[i].ph->p_vaddr - segs[i].ph->p_offset) % host_page_size() == 0;
    const bool shares_page = (i > 0 && segs[i - 1].page_hi > segs[i].page_lo) ||
                             (i + 1 < segs.size() && segs[i].page_hi > segs[i + 1].page_lo);
    segs[i].from_file = congruent && !shares_page;
  }
  Fd fd(elf.path);
  for (const Segment& s : segs) {
    if (s.from_file)
      map_from_file(elf, fd.get(), s, bias);
    else
      map_by_copy(elf, fd.get(), s, bias);
  }
  for (const Segment& s : segs) {
    if (!s.from_file) {
      // A page shared by two segments gets the permissions of both.
      for (uint64_t page = s.page_lo; page < s.page_hi; page += host_page_size()) {
        if (mprotect(reinterpret_cast<void*>(page), host_page_size(), prot_of_page(segs, page)) !=
            0)
          fail_map(elf, page);
      }
    }
    vmas.protect(s.page_lo, s.page_hi, host_prot(s.ph->p_flags));
    vmas.protect(s.page_lo, s.page_lo + host_page_size(), prot_of_page(segs, s.page_lo));
    const uint64_t last = s.page_hi - host_page_size();
    vmas.protect(last, s.page_hi, prot_of_page(segs, last));
  }

  LoadedImage image;
  image.bias = bias;
  image.entry = elf.header.e_entry + bias;
  image.start = lo + bias;
  image.end = hi + bias;
  const uint64_t ph_size = uint64_t{elf.header.e_phnum} * sizeof(Elf64_Phdr);
  for (const Elf64_Phdr& ph : elf.phdrs) {
    if (ph.p_type == PT_PHDR) image.phdr_addr = ph.p_vaddr + bias;
  }
  if (image.phdr_addr == 0) {
    for (const Elf64_Phdr& ph : elf.phdrs) {
      if (is_load(ph) && elf.header.e_phoff >= ph.p_offset &&
          elf.header.e_phoff + ph_size <= ph.p_offset + ph.p_filesz)
        image.phdr_addr = ph.p_vaddr + (elf.header.e_phoff - ph.p_offset) + bias;
    }
  }
  log::debug("loaded {} at bias {:#x}: {:#x}-{:#x}, entry {:#x}", elf.path, bias, image.start,
             image.end, image.entry);
  return image;
}

}  // namespace xisa::os
