// The ELF loader and initial stack: every kind of bad input gives one clear Error (never a
// crash), and a minimal hand-built RISC-V64 executable is mapped and gets a Linux-shaped stack.
#include "linux/elf_loader.h"

#include <elf.h>
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/error.h"
#include "guest/guest_arch.h"
#include "linux/linux_process.h"
#include "linux/vma_set.h"
#include "xisa/xisa.h"

namespace xisa::os {
namespace {

namespace fs = std::filesystem;

// Addresses for the test images: free in a gtest process (x86-64 PIE hosts map at 0x55... and
// 0x7f...).
constexpr uint64_t kExecBase = 0x20000000;
constexpr uint8_t kCode[] = {0x13, 0x05, 0x70, 0x00,   // li a0, 7
                             0x93, 0x08, 0xd0, 0x05,   // li a7, 93
                             0x73, 0x00, 0x00, 0x00};  // ecall

// A minimal static executable: ELF header, program headers, then code. The text segment maps
// the file from offset 0 (so it holds the headers); an optional data segment follows.
struct ElfBuilder {
  Elf64_Ehdr eh{};
  std::vector<Elf64_Phdr> phdrs;
  std::vector<uint8_t> tail;  // bytes after the headers

  ElfBuilder(uint16_t type = ET_EXEC, uint64_t base = kExecBase) {
    std::memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = type;
    eh.e_machine = EM_RISCV;
    eh.e_version = EV_CURRENT;
    eh.e_phoff = sizeof(Elf64_Ehdr);
    eh.e_ehsize = sizeof(Elf64_Ehdr);
    eh.e_phentsize = sizeof(Elf64_Phdr);
    tail.assign(std::begin(kCode), std::end(kCode));
    Elf64_Phdr text{};
    text.p_type = PT_LOAD;
    text.p_flags = PF_R | PF_X;
    text.p_offset = 0;
    text.p_vaddr = base;
    text.p_align = 0x1000;
    phdrs.push_back(text);
    base_ = base;
  }
  uint64_t code_offset() const { return sizeof(Elf64_Ehdr) + phdrs.size() * sizeof(Elf64_Phdr); }
  std::vector<uint8_t> bytes() {
    const uint64_t size = code_offset() + tail.size();
    phdrs[0].p_filesz = phdrs[0].p_memsz = std::max<uint64_t>(phdrs[0].p_filesz, size);
    eh.e_phnum = static_cast<uint16_t>(phdrs.size());
    if (eh.e_entry == 0) eh.e_entry = base_ + code_offset();
    std::vector<uint8_t> out(size);
    std::memcpy(out.data(), &eh, sizeof eh);
    std::memcpy(out.data() + sizeof eh, phdrs.data(), phdrs.size() * sizeof(Elf64_Phdr));
    std::memcpy(out.data() + code_offset(), tail.data(), tail.size());
    return out;
  }
  uint64_t base_;
};

class ElfLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / fmt_name();
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  static std::string fmt_name() {
    return "xisa_elf_test_" + std::to_string(getpid()) + "_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
  }
  std::string write(const std::string& name, const std::vector<uint8_t>& bytes) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
    return path;
  }
  std::string write_text(const std::string& name, const std::string& text) {
    return write(name, std::vector<uint8_t>(text.begin(), text.end()));
  }
  // The Error message read_elf gives, or "" when it accepts the file.
  static std::string error_of(const std::string& path, uint16_t machine = EM_RISCV) {
    try {
      read_elf(path, machine);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }
  fs::path dir_;
};

#define EXPECT_ERROR_HAS(path, text)                                     \
  do {                                                                   \
    const std::string msg = error_of(path);                              \
    EXPECT_NE(msg.find(text), std::string::npos) << "message: " << msg;  \
    EXPECT_EQ(msg.find('\n'), std::string::npos) << "one line: " << msg; \
  } while (0)

TEST_F(ElfLoaderTest, MissingFile) {
  EXPECT_ERROR_HAS((dir_ / "nope").string(), "No such file or directory");
}

TEST_F(ElfLoaderTest, Directory) {
  EXPECT_ERROR_HAS(dir_.string(), "is a directory");
}

TEST_F(ElfLoaderTest, Script) {
  EXPECT_ERROR_HAS(write_text("s.sh", "#!/bin/sh\necho hi\n"), "is a script");
}

TEST_F(ElfLoaderTest, EmptyAndNonElf) {
  EXPECT_ERROR_HAS(write_text("empty", ""), "not an ELF file");
  EXPECT_ERROR_HAS(write_text("text", "hello world, this is not an executable"), "not an ELF file");
}

TEST_F(ElfLoaderTest, TruncatedHeader) {
  std::vector<uint8_t> b = ElfBuilder().bytes();
  b.resize(40);
  EXPECT_ERROR_HAS(write("trunc", b), "truncated ELF header");
}

TEST_F(ElfLoaderTest, Elf32) {
  std::vector<uint8_t> b = ElfBuilder().bytes();
  b[EI_CLASS] = ELFCLASS32;
  EXPECT_ERROR_HAS(write("elf32", b), "32-bit");
}

TEST_F(ElfLoaderTest, BigEndian) {
  std::vector<uint8_t> b = ElfBuilder().bytes();
  b[EI_DATA] = ELFDATA2MSB;
  EXPECT_ERROR_HAS(write("be", b), "big-endian");
}

TEST_F(ElfLoaderTest, WrongMachine) {
  ElfBuilder e;
  e.eh.e_machine = EM_AARCH64;
  const std::string path = write("arm", e.bytes());
  const std::string msg = error_of(path, EM_RISCV);
  EXPECT_NE(msg.find("does not match"), std::string::npos) << msg;
}

TEST_F(ElfLoaderTest, NotExecutableType) {
  ElfBuilder e;
  e.eh.e_type = ET_REL;
  EXPECT_ERROR_HAS(write("rel", e.bytes()), "not an executable");
}

TEST_F(ElfLoaderTest, ProgramHeadersBeyondFile) {
  ElfBuilder e;
  std::vector<uint8_t> b = e.bytes();
  Elf64_Ehdr eh;
  std::memcpy(&eh, b.data(), sizeof eh);
  eh.e_phoff = 0xffffffffffffff00ull;  // also overflows phoff + size
  std::memcpy(b.data(), &eh, sizeof eh);
  EXPECT_ERROR_HAS(write("phoff", b), "program headers");
}

TEST_F(ElfLoaderTest, FileSizeAboveMemorySize) {
  ElfBuilder e;
  Elf64_Phdr data{};
  data.p_type = PT_LOAD;
  data.p_flags = PF_R | PF_W;
  data.p_vaddr = kExecBase + 0x10000;
  data.p_offset = 0;
  data.p_filesz = 0x20;
  data.p_memsz = 0x10;
  e.phdrs.push_back(data);
  EXPECT_ERROR_HAS(write("filesz", e.bytes()), "exceeds its memory size");
}

TEST_F(ElfLoaderTest, SegmentBeyondFile) {
  ElfBuilder e;
  Elf64_Phdr data{};
  data.p_type = PT_LOAD;
  data.p_flags = PF_R | PF_W;
  data.p_vaddr = kExecBase + 0x10000;
  data.p_offset = 0x100000;
  data.p_filesz = data.p_memsz = 0x10;
  e.phdrs.push_back(data);
  EXPECT_ERROR_HAS(write("beyond", e.bytes()), "beyond the end of the file");
}

TEST_F(ElfLoaderTest, OverlappingSegments) {
  ElfBuilder e;
  Elf64_Phdr data{};
  data.p_type = PT_LOAD;
  data.p_flags = PF_R | PF_W;
  data.p_vaddr = kExecBase + 0x10;  // inside the text segment
  data.p_filesz = data.p_memsz = 0x10;
  e.phdrs.push_back(data);
  EXPECT_ERROR_HAS(write("overlap", e.bytes()), "overlap");
}

TEST_F(ElfLoaderTest, NoLoadSegment) {
  ElfBuilder e;
  e.phdrs[0].p_type = PT_NOTE;
  EXPECT_ERROR_HAS(write("noload", e.bytes()), "no loadable");
}

TEST_F(ElfLoaderTest, EntryOutsideSegments) {
  ElfBuilder e;
  e.eh.e_entry = kExecBase + 0x100000;
  EXPECT_ERROR_HAS(write("entry", e.bytes()), "entry point");
}

TEST_F(ElfLoaderTest, SegmentOutsideUserSpace) {
  ElfBuilder e(ET_EXEC, 0xffff800000000000ull);
  EXPECT_ERROR_HAS(write("kernel", e.bytes()), "outside the user address space");
}

TEST_F(ElfLoaderTest, BadInterp) {
  ElfBuilder e;
  Elf64_Phdr interp{};
  interp.p_type = PT_INTERP;
  interp.p_offset = 1;  // "ELF" of the magic: not NUL-terminated
  interp.p_filesz = 3;
  e.phdrs.push_back(interp);
  EXPECT_ERROR_HAS(write("interp", e.bytes()), "PT_INTERP");
}

// A dynamic program without a sysroot: the message names the interpreter and -L.
TEST_F(ElfLoaderTest, DynamicWithoutSysroot) {
  ElfBuilder e;
  const std::string interp = "/lib/ld-linux-riscv64-lp64d.so.1";
  Elf64_Phdr ph{};
  ph.p_type = PT_INTERP;
  e.phdrs.push_back(ph);
  const uint64_t off = e.code_offset() + sizeof(kCode);
  e.tail.insert(e.tail.end(), interp.begin(), interp.end());
  e.tail.push_back(0);
  e.phdrs[1].p_offset = off;
  e.phdrs[1].p_filesz = interp.size() + 1;
  const std::string path = write("dyn", e.bytes());
  const GuestArch* arch = guest_for_elf_machine(EM_RISCV);
  ASSERT_NE(arch, nullptr);
  LinuxProcess process(*arch, ProcessConfig(path));
  try {
    process.load({path}, {});
    FAIL() << "a dynamic program without a sysroot was accepted";
  } catch (const Error& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(interp), std::string::npos) << msg;
    EXPECT_NE(msg.find("-L"), std::string::npos) << msg;
    EXPECT_NE(msg.find("XISA_SYSROOT"), std::string::npos) << msg;
  }
}

TEST_F(ElfLoaderTest, MapsStaticExecutable) {
  ElfBuilder e;
  Elf64_Phdr data{};  // data + bss on its own page, file-backed
  data.p_type = PT_LOAD;
  data.p_flags = PF_R | PF_W;
  data.p_vaddr = kExecBase + 0x10000;
  data.p_offset = 0;
  data.p_filesz = 0x40;
  data.p_memsz = 0x3000;
  data.p_align = 0x1000;
  e.phdrs.push_back(data);
  const std::vector<uint8_t> bytes = e.bytes();
  const std::string path = write("ok", bytes);
  const ElfFile elf = read_elf(path, EM_RISCV);
  VmaSet vmas;
  const LoadedImage img = map_elf(elf, vmas);
  EXPECT_EQ(img.bias, 0u);
  EXPECT_EQ(img.entry, kExecBase + e.code_offset());
  EXPECT_EQ(img.phdr_addr, kExecBase + sizeof(Elf64_Ehdr));
  EXPECT_EQ(img.end, kExecBase + 0x13000);
  EXPECT_EQ(std::memcmp(reinterpret_cast<void*>(kExecBase), bytes.data(), bytes.size()), 0);
  // The data segment: its 0x40 file bytes, then zeros to the end of memsz (partial page too).
  const auto* d = reinterpret_cast<const uint8_t*>(kExecBase + 0x10000);
  EXPECT_EQ(std::memcmp(d, bytes.data(), 0x40), 0);
  for (uint64_t i = 0x40; i < 0x3000; ++i) ASSERT_EQ(d[i], 0) << "bss byte " << i;
  const Vma* text = vmas.find(kExecBase);
  ASSERT_NE(text, nullptr);
  EXPECT_EQ(text->prot, PROT_READ | PROT_EXEC);
  EXPECT_EQ(vmas.find(kExecBase + 0x12fff)->prot, PROT_READ | PROT_WRITE);
  // A second image at the same address is refused: the range is in use.
  VmaSet other;
  EXPECT_THROW(map_elf(elf, other), Error);
  for (const auto& [start, v] : vmas.map()) munmap(reinterpret_cast<void*>(start), v.end - start);
}

// A segment whose file offset and address disagree modulo the page size, sharing a page with
// the text: copied, with the union of both permissions on the shared page.
TEST_F(ElfLoaderTest, CopiesUnalignedSegmentSharingAPage) {
  ElfBuilder e;
  e.tail.resize(0x400, 0xaa);
  Elf64_Phdr data{};
  data.p_type = PT_LOAD;
  data.p_flags = PF_R | PF_W;
  data.p_vaddr = kExecBase + 0x800;
  data.p_offset = 0x300;
  data.p_filesz = 0x10;
  data.p_memsz = 0x100;
  e.phdrs.push_back(data);
  const std::vector<uint8_t> bytes = e.bytes();
  const ElfFile elf = read_elf(write("shared", bytes), EM_RISCV);
  VmaSet vmas;
  map_elf(elf, vmas);
  const auto* d = reinterpret_cast<const uint8_t*>(kExecBase + 0x800);
  EXPECT_EQ(std::memcmp(d, bytes.data() + 0x300, 0x10), 0);
  for (int i = 0x10; i < 0x100; ++i) ASSERT_EQ(d[i], 0);
  EXPECT_EQ(vmas.find(kExecBase)->prot, PROT_READ | PROT_WRITE | PROT_EXEC);
  for (const auto& [start, v] : vmas.map()) munmap(reinterpret_cast<void*>(start), v.end - start);
}

// Whether the host leaves [start, start+len) free: under AddressSanitizer kDynamicLoadBase lies
// in the x86-64 shadow gap [0x8fff7000, 0x2008fff7000) that ASan reserves.
bool host_range_free(uint64_t start, uint64_t len) {
  void* p = mmap(reinterpret_cast<void*>(start), len, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
  if (p == MAP_FAILED) return false;
  munmap(p, len);
  return p == reinterpret_cast<void*>(start);
}

TEST_F(ElfLoaderTest, StaticPieGoesToDynamicBase) {
  ElfBuilder e(ET_DYN, 0);
  const ElfFile elf = read_elf(write("pie", e.bytes()), EM_RISCV);
  const bool base_free = host_range_free(kDynamicLoadBase, host_page_size());
  VmaSet vmas;
  const LoadedImage img = map_elf(elf, vmas);
  if (base_free) {
    EXPECT_EQ(img.bias, kDynamicLoadBase);
  } else {  // the loader falls back to an address the kernel picks
    EXPECT_NE(img.bias, 0u);
    EXPECT_EQ(img.bias % host_page_size(), 0u);
  }
  EXPECT_EQ(img.entry, img.bias + e.code_offset());
  EXPECT_EQ(std::memcmp(reinterpret_cast<void*>(img.entry), kCode, sizeof kCode), 0);
  for (const auto& [start, v] : vmas.map()) munmap(reinterpret_cast<void*>(start), v.end - start);
}

// The whole load: argc/argv/envp and the auxiliary vector as the Linux ABI lays them out.
TEST_F(ElfLoaderTest, InitialStack) {
  ElfBuilder e;
  const std::string path = write("prog", e.bytes());
  const GuestArch* arch = guest_for_elf_machine(EM_RISCV);
  ASSERT_NE(arch, nullptr);
  LinuxProcess process(*arch, ProcessConfig(path));
  const StartInfo start = process.load({path, "arg1"}, {"A=1", "B=2"});
  EXPECT_EQ(start.entry_pc, kExecBase + e.code_offset());
  EXPECT_EQ(start.stack_pointer % 16, 0u);
  const auto* sp = reinterpret_cast<const uint64_t*>(start.stack_pointer);
  ASSERT_EQ(sp[0], 2u);
  EXPECT_STREQ(reinterpret_cast<const char*>(sp[1]), path.c_str());
  EXPECT_STREQ(reinterpret_cast<const char*>(sp[2]), "arg1");
  EXPECT_EQ(sp[3], 0u);
  EXPECT_STREQ(reinterpret_cast<const char*>(sp[4]), "A=1");
  EXPECT_STREQ(reinterpret_cast<const char*>(sp[5]), "B=2");
  EXPECT_EQ(sp[6], 0u);
  std::map<uint64_t, uint64_t> aux;
  const uint64_t* p = sp + 7;
  for (; p[0] != AT_NULL; p += 2) aux[p[0]] = p[1];
  EXPECT_EQ(aux[AT_PHDR], kExecBase + sizeof(Elf64_Ehdr));
  EXPECT_EQ(aux[AT_PHENT], sizeof(Elf64_Phdr));
  EXPECT_EQ(aux[AT_PHNUM], 1u);
  EXPECT_EQ(aux[AT_PAGESZ], static_cast<uint64_t>(sysconf(_SC_PAGESIZE)));
  EXPECT_EQ(aux[AT_BASE], 0u);
  EXPECT_EQ(aux[AT_ENTRY], start.entry_pc);
  EXPECT_EQ(aux[AT_UID], getuid());
  EXPECT_EQ(aux[AT_EGID], getegid());
  EXPECT_EQ(aux[AT_SECURE], 0u);
  EXPECT_EQ(aux[AT_HWCAP], arch->hwcap());
  EXPECT_EQ(aux.count(AT_HWCAP2), 0u);  // RISC-V's kernel passes none
  EXPECT_EQ(aux[AT_CLKTCK], static_cast<uint64_t>(sysconf(_SC_CLK_TCK)));
  EXPECT_TRUE(aux.count(AT_FLAGS));
  EXPECT_STREQ(reinterpret_cast<const char*>(aux[AT_PLATFORM]), "riscv64");
  EXPECT_STREQ(reinterpret_cast<const char*>(aux[AT_EXECFN]), path.c_str());
  ASSERT_NE(aux[AT_RANDOM], 0u);
  EXPECT_EQ(aux[AT_RANDOM] % 16, 0u);
  // The strings sit above the vectors, inside the stack.
  EXPECT_GT(aux[AT_RANDOM], reinterpret_cast<uint64_t>(p));
}

// Loader, stack and exit_group end to end through the public API: the program's
// `li a0, 7; li a7, 93 (exit); ecall` gives exit status 7.
TEST_F(ElfLoaderTest, RunsMinimalProgram) {
  ElfBuilder e;
  Launch launch;
  launch.program = write("exit7", e.bytes());
  launch.argv = {launch.program};
  launch.options.engine = EngineKind::Interp;
  const RunResult r = run(launch);
  EXPECT_EQ(r.term_signal, 0);
  EXPECT_EQ(r.exit_status, 7);
}

// Random byte and field mutations of a valid image: each is refused with an Error or loaded
// (and unloaded) cleanly; none crashes the loader.
TEST_F(ElfLoaderTest, SurvivesMutations) {
  ElfBuilder e;
  Elf64_Phdr data{};
  data.p_type = PT_LOAD;
  data.p_flags = PF_R | PF_W;
  data.p_vaddr = kExecBase + 0x10000;
  data.p_filesz = 0x40;
  data.p_memsz = 0x2000;
  data.p_align = 0x1000;
  e.phdrs.push_back(data);
  const std::vector<uint8_t> valid = e.bytes();
  uint64_t seed = 0x9e3779b97f4a7c15ull;
  auto next = [&seed] {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
  };
  int accepted = 0, refused = 0;
  for (int i = 0; i < 400; ++i) {
    std::vector<uint8_t> b = valid;
    const int edits = 1 + static_cast<int>(next() % 4);
    for (int k = 0; k < edits; ++k) {
      const size_t at = next() % b.size();
      if (next() % 2)
        b[at] = static_cast<uint8_t>(next());
      else if (at + 8 <= b.size()) {  // a whole 64-bit field: sizes, offsets, addresses
        const uint64_t v = next() % 3 == 0 ? next() : (next() % 0x20000);
        std::memcpy(&b[at & ~size_t{7}], &v, std::min<size_t>(8, b.size() - (at & ~size_t{7})));
      }
    }
    if (next() % 8 == 0) b.resize(next() % b.size());
    const std::string path = write("m" + std::to_string(i), b);
    try {
      const ElfFile elf = read_elf(path, EM_RISCV);
      VmaSet vmas;
      try {
        map_elf(elf, vmas);
        ++accepted;
      } catch (const Error&) {
        ++refused;
      }
      for (const auto& [start, v] : vmas.map())
        munmap(reinterpret_cast<void*>(start), v.end - start);
    } catch (const Error& err) {
      ++refused;
      EXPECT_EQ(std::string(err.what()).find('\n'), std::string::npos);
    }
  }
  EXPECT_GT(refused, 0);
  EXPECT_GT(accepted, 0);
}

}  // namespace
}  // namespace xisa::os
