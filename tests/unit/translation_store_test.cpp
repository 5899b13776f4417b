// The translation store: blocks written and read back, checked against the guest bytes they
// came from; damaged, foreign and stale files are empty stores.
#include "runtime/translation_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ir/builder.h"
#include "ir/helpers.h"

namespace xisa::runtime {
namespace {

uint64_t add_one(void*, uint64_t a, uint64_t, uint64_t) {
  return a + 1;
}
const ir::HelperInfo kAddOne{"test.add_one", &add_one};

class TranslationStoreTest : public ::testing::Test {
 protected:
  TranslationStoreTest() : code_(256) {
    for (size_t i = 0; i < code_.size(); ++i) code_[i] = static_cast<uint8_t>(0x40 + i);
    path_ = ::testing::TempDir() + "xisa-store-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".xir";
    std::filesystem::remove(path_);
  }
  ~TranslationStoreTest() override { std::filesystem::remove(path_); }

  uint64_t pc(size_t offset) const { return reinterpret_cast<uint64_t>(code_.data()) + offset; }

  // A block over code_[offset, offset + 8): two guest instructions, a helper call, a tag.
  ir::Block block_at(size_t offset, uint64_t tag) const {
    ir::Block b;
    ir::Builder ir(b);
    b.guest_pc = pc(offset);
    b.guest_end = pc(offset + 8);
    b.guest_insns = 2;
    b.scratch_begin = 16;
    b.scratch_end = 24;
    ir.guest_insn(pc(offset));
    const ir::Value r = ir.get_reg(ir::Type::I64, 8);
    ir.set_reg(8, ir.call(kAddOne, {r}));
    ir.guest_insn(pc(offset + 4));
    ir.set_reg(16, ir.imm64(tag));
    ir.jump(pc(offset + 8));
    return b;
  }

  static void expect_same(const ir::Block& a, const ir::Block& b) {
    EXPECT_EQ(a.guest_pc, b.guest_pc);
    EXPECT_EQ(a.guest_end, b.guest_end);
    EXPECT_EQ(a.guest_insns, b.guest_insns);
    EXPECT_EQ(a.scratch_begin, b.scratch_begin);
    EXPECT_EQ(a.scratch_end, b.scratch_end);
    EXPECT_EQ(a.flushes_code, b.flushes_code);
    ASSERT_EQ(a.insts.size(), b.insts.size());
    for (size_t i = 0; i < a.insts.size(); ++i) {
      EXPECT_EQ(a.insts[i].op, b.insts[i].op) << i;
      EXPECT_EQ(a.insts[i].type, b.insts[i].type) << i;
      EXPECT_EQ(a.insts[i].nargs, b.insts[i].nargs) << i;
      EXPECT_EQ(a.insts[i].imm, b.insts[i].imm) << i;
      EXPECT_EQ(a.insts[i].aux, b.insts[i].aux) << i;
      for (unsigned k = 0; k < 3; ++k) EXPECT_EQ(a.insts[i].args[k], b.insts[i].args[k]) << i;
    }
  }

  void write_store(std::initializer_list<size_t> offsets, uint64_t tag = 1) {
    TranslationStore store(path_, key_);
    for (size_t offset : offsets) store.add(block_at(offset, tag));
    store.save();
  }

  std::vector<uint8_t> file_bytes() const {
    std::ifstream in(path_, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  void write_file(const std::vector<uint8_t>& bytes) const {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
  }

  std::vector<uint8_t> code_;
  std::string path_;
  TranslationStore::Key key_{2, 128};
};

TEST_F(TranslationStoreTest, BlockComesBackWhenItsBytesAreUnchanged) {
  write_store({0, 16});
  TranslationStore store(path_, key_);
  EXPECT_EQ(store.size(), 2u);
  const TranslationStore::Entry* entry = store.find(pc(16));
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->guest_end, pc(24));
  ir::Block loaded;
  ASSERT_TRUE(store.load(pc(16), *entry, loaded));
  expect_same(loaded, block_at(16, 1));
  // The helper call points at the helper in this run's image.
  EXPECT_EQ(loaded.insts[2].op, ir::Opcode::CallHelper);
  EXPECT_EQ(loaded.insts[2].imm, reinterpret_cast<uint64_t>(&kAddOne));
  EXPECT_EQ(store.find(pc(8)), nullptr);
}

TEST_F(TranslationStoreTest, ChangedBytesAreLiftedAnew) {
  write_store({0, 16});
  TranslationStore store(path_, key_);
  code_[23] ^= 1;  // the last byte of the second block
  ir::Block loaded;
  EXPECT_FALSE(store.load(pc(16), *store.find(pc(16)), loaded));
  EXPECT_TRUE(store.load(pc(0), *store.find(pc(0)), loaded));
}

TEST_F(TranslationStoreTest, DamagedTruncatedAndForeignFilesAreEmptyStores) {
  write_store({0, 16, 32});
  const std::vector<uint8_t> good = file_bytes();
  ASSERT_GT(good.size(), 300u);
  EXPECT_EQ(TranslationStore(path_, key_).size(), 3u);

  // A damaged record: that block is lifted anew, the others still load.
  std::vector<uint8_t> flipped = good;
  flipped[good.size() - 40] ^= 0x10;
  write_file(flipped);
  {
    TranslationStore store(path_, key_);
    ASSERT_EQ(store.size(), 3u);
    int loaded = 0;
    for (size_t offset : {0, 16, 32}) {
      ir::Block block;
      loaded += store.load(pc(offset), *store.find(pc(offset)), block);
    }
    EXPECT_EQ(loaded, 2);
  }

  // A damaged index (just after the 80-byte header): nothing is used.
  std::vector<uint8_t> bad_index = good;
  bad_index[90] ^= 0x01;
  write_file(bad_index);
  EXPECT_EQ(TranslationStore(path_, key_).size(), 0u);

  write_file(std::vector<uint8_t>(good.begin(), good.end() - 8));
  EXPECT_EQ(TranslationStore(path_, key_).size(), 0u);

  std::vector<uint8_t> other_magic = good;
  other_magic[0] = 'Y';
  write_file(other_magic);
  EXPECT_EQ(TranslationStore(path_, key_).size(), 0u);

  write_file(good);
  EXPECT_EQ(TranslationStore(path_, TranslationStore::Key{2, 256}).size(), 0u);
  EXPECT_EQ(TranslationStore(path_, TranslationStore::Key{1, 128}).size(), 0u);
  EXPECT_EQ(TranslationStore(path_, key_).size(), 3u);
}

TEST_F(TranslationStoreTest, AFewNewBlocksDoNotRewriteALargeStore) {
  write_store({0, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120});
  const std::vector<uint8_t> before = file_bytes();
  {
    TranslationStore store(path_, key_);
    store.add(block_at(200, 1));  // 1 new block for 16 stored: lifting it again is cheaper
    store.save();
  }
  EXPECT_EQ(file_bytes(), before);
  {
    TranslationStore store(path_, key_);
    for (size_t offset : {200, 208}) store.add(block_at(offset, 1));
    store.save();
  }
  EXPECT_EQ(TranslationStore(path_, key_).size(), 18u);
}

TEST_F(TranslationStoreTest, SavingKeepsStoredBlocksAndReplacesRelifted) {
  write_store({0, 16}, 1);
  {
    TranslationStore store(path_, key_);
    store.add(block_at(16, 2));  // lifted again (its bytes had changed)
    store.add(block_at(32, 2));
    store.save();
  }
  TranslationStore store(path_, key_);
  EXPECT_EQ(store.size(), 3u);
  for (const auto& [offset, tag] : {std::pair<size_t, uint64_t>{0, 1}, {16, 2}, {32, 2}}) {
    ir::Block loaded;
    ASSERT_TRUE(store.load(pc(offset), *store.find(pc(offset)), loaded)) << offset;
    expect_same(loaded, block_at(offset, tag));
  }
}

TEST_F(TranslationStoreTest, BlocksNoRunUsesAgeOut) {
  write_store({0, 16});
  for (uint32_t save = 1; save <= TranslationStore::kMaxAge + 1; ++save) {
    TranslationStore store(path_, key_);
    EXPECT_NE(store.find(pc(16)), nullptr) << save;  // unused, but not yet too old
    ir::Block loaded;
    ASSERT_TRUE(store.load(pc(0), *store.find(pc(0)), loaded));
    store.add(block_at(32, save));  // something new, so that the run writes the file
    store.save();
  }
  TranslationStore store(path_, key_);
  EXPECT_EQ(store.find(pc(16)), nullptr);
  EXPECT_NE(store.find(pc(0)), nullptr);
  EXPECT_NE(store.find(pc(32)), nullptr);
}

TEST_F(TranslationStoreTest, NothingNewWritesNothing) {
  TranslationStore store(path_, key_);
  store.save();
  EXPECT_FALSE(std::filesystem::exists(path_));
  store.add(block_at(0, 1));
  store.save();
  EXPECT_TRUE(std::filesystem::exists(path_));
}

TEST_F(TranslationStoreTest, FileIsNamedByTheProgramAndTheLiftingOptions) {
  const std::string dir = ::testing::TempDir() + "xisa-store-dir-" + std::to_string(getpid());
  const std::string exe = "/proc/self/exe";
  const auto a = TranslationStore::open(dir, exe, key_);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->path(), TranslationStore::open(dir, exe, key_)->path());
  EXPECT_NE(a->path(), TranslationStore::open(dir, exe, TranslationStore::Key{2, 256})->path());
  EXPECT_EQ(TranslationStore::open("", exe, key_), nullptr);
  EXPECT_EQ(TranslationStore::open(dir, dir + "/no-such-program", key_), nullptr);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace xisa::runtime
