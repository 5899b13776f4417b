// The jitdump file against the layout perf reads (tools/perf/Documentation/
// jitdump-specification.txt): the header, then one JIT_CODE_LOAD record per block with its
// name and code bytes, record sizes chaining to the end of the file.
#include "runtime/perf_jitdump.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace xisa::runtime {
namespace {

template <typename T>
T read_at(const std::vector<char>& bytes, size_t offset) {
  T v;
  std::memcpy(&v, bytes.data() + offset, sizeof v);
  return v;
}

TEST(PerfJitDump, WritesAHeaderAndOneCodeLoadRecordPerBlock) {
  char dir[] = "/tmp/xisa-jitdump-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  const uint8_t code_a[] = {0x90, 0xc3};
  const uint8_t code_b[] = {0x48, 0x31, 0xc0, 0xc3};
  std::string path;
  {
    PerfJitDump dump(dir);
    ASSERT_TRUE(dump.ok());
    path = dump.path();
    dump.add(code_a, sizeof code_a, 0x401000);
    dump.add(code_b, sizeof code_b, 0x402abc);
  }
  std::ifstream in(path, std::ios::binary);
  const std::vector<char> f((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GE(f.size(), 40u);
  EXPECT_EQ(read_at<uint32_t>(f, 0), 0x4A695444u);          // magic
  EXPECT_EQ(read_at<uint32_t>(f, 4), 1u);                   // version
  EXPECT_EQ(read_at<uint32_t>(f, 8), 40u);                  // header size
  EXPECT_EQ(read_at<uint32_t>(f, 12), host_elf_machine());  // the host's, EM_X86_64 = 62
#if defined(__x86_64__)
  EXPECT_EQ(host_elf_machine(), 62u);
#elif defined(__riscv)
  EXPECT_EQ(host_elf_machine(), 243u);  // EM_RISCV
#endif
  EXPECT_EQ(read_at<uint32_t>(f, 20), static_cast<uint32_t>(getpid()));
  size_t at = 40;
  const struct {
    const uint8_t* code;
    size_t size;
    const char* name;
  } want[] = {{code_a, sizeof code_a, "guest_401000"}, {code_b, sizeof code_b, "guest_402abc"}};
  for (unsigned k = 0; k < 2; ++k) {
    ASSERT_LE(at + 56, f.size());
    EXPECT_EQ(read_at<uint32_t>(f, at), 0u);  // JIT_CODE_LOAD
    const auto total = read_at<uint32_t>(f, at + 4);
    EXPECT_EQ(read_at<uint64_t>(f, at + 24), reinterpret_cast<uint64_t>(want[k].code));  // vma
    EXPECT_EQ(read_at<uint64_t>(f, at + 40), want[k].size);                              // size
    EXPECT_EQ(read_at<uint64_t>(f, at + 48), k);                                         // index
    EXPECT_STREQ(f.data() + at + 56, want[k].name);
    const size_t code_at = at + 56 + std::strlen(want[k].name) + 1;
    EXPECT_EQ(std::memcmp(f.data() + code_at, want[k].code, want[k].size), 0);
    EXPECT_EQ(total, code_at + want[k].size - at);
    at += total;
  }
  EXPECT_EQ(at, f.size());
  unlink(path.c_str());
  rmdir(dir);
}

}  // namespace
}  // namespace xisa::runtime
