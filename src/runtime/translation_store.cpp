// The file of lifted IR blocks (see translation_store.h).
#include "runtime/translation_store.h"

#include <elf.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <link.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <type_traits>

#include "common/log.h"
#include "ir/helpers.h"

namespace xisa::runtime {

namespace {

static_assert(std::is_trivially_copyable_v<ir::Inst>);

constexpr char kMagic[8] = {'X', 'I', 'S', 'A', 'I', 'R', '0', '2'};
constexpr size_t kMaxBuildId = 32;
constexpr uint64_t kMaxBlockBytes = 4096;  // 64 instructions of at most 15 bytes, and more
constexpr uint32_t kMaxBlockInsts = 1 << 20;
constexpr uint64_t kMaxFileBytes = uint64_t{512} << 20;

// The file: this header, the index (one IndexEntry per block, checksummed with the header),
// then the records, each checksummed on its own when it is loaded: a run reads the index
// and only the records of the blocks it runs.
struct FileHeader {
  char magic[8];
  uint8_t build_id[kMaxBuildId];
  uint32_t build_id_size;
  uint32_t isa;
  uint32_t lifting_options;
  uint32_t inst_size;
  uint64_t blocks;
  uint64_t index_checksum;
};

struct IndexEntry {
  uint64_t guest_pc;
  uint64_t guest_end;
  uint64_t offset;  // of the record, from the start of the file
  uint32_t size;    // of the record
  uint32_t age;     // writes since a run last used the block
};

// Followed by the guest bytes [guest_pc, guest_end), padded to 8, then the instructions.
struct RecordHeader {
  uint64_t checksum;  // of everything after it
  uint32_t guest_insns;
  uint32_t scratch_begin;
  uint32_t scratch_end;
  uint32_t insts;
  uint32_t flushes_code;
  uint32_t reserved;
};

size_t padded(size_t n) {
  return (n + 7) & ~size_t{7};
}

size_t padded4(size_t n) {
  return (n + 3) & ~size_t{3};
}

// Detects a damaged file (a torn or flipped block), not an attacker: the directory is the
// user's, as the programs are.
uint64_t checksum(const uint8_t* p, size_t n) {
  // Four independent lanes: a load's records are checked as they are used, at memory speed.
  uint64_t lane[4] = {0x6a09e667f3bcc908 ^ n, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b,
                      0xa54ff53a5f1d36f1};
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    for (unsigned k = 0; k < 4; ++k) {
      uint64_t w;
      std::memcpy(&w, p + i + 8 * k, 8);
      lane[k] = (lane[k] ^ w) * 0x9e3779b97f4a7c15;
      lane[k] ^= lane[k] >> 29;
    }
  }
  uint64_t h = lane[0] ^ (lane[1] * 3) ^ (lane[2] * 5) ^ (lane[3] * 7);
  for (; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3;
  return h;
}

// Helper calls hold the address of a HelperInfo in xisa's image, which moves from run to run:
// the file holds its distance from this anchor in the same image.
const char kImageAnchor = 0;
uint64_t anchor() {
  return reinterpret_cast<uintptr_t>(&kImageAnchor);
}

struct BuildId {
  uint8_t bytes[kMaxBuildId] = {};
  uint32_t size = 0;
};

// The GNU build ID of the image holding this code: the same ID, the same helper layout.
const BuildId& own_build_id() {
  static const BuildId id = [] {
    BuildId found;
    dl_iterate_phdr(
        [](dl_phdr_info* info, size_t, void* out) {
          const uintptr_t self = anchor();
          bool mine = false;
          for (int i = 0; i < info->dlpi_phnum; ++i) {
            const ElfW(Phdr)& ph = info->dlpi_phdr[i];
            const uintptr_t lo = info->dlpi_addr + ph.p_vaddr;
            if (ph.p_type == PT_LOAD && self >= lo && self < lo + ph.p_memsz) mine = true;
          }
          if (!mine) return 0;
          for (int i = 0; i < info->dlpi_phnum; ++i) {
            const ElfW(Phdr)& ph = info->dlpi_phdr[i];
            if (ph.p_type != PT_NOTE) continue;
            const auto* p = reinterpret_cast<const uint8_t*>(info->dlpi_addr + ph.p_vaddr);
            const uint8_t* end = p + ph.p_memsz;
            while (p + sizeof(ElfW(Nhdr)) <= end) {
              ElfW(Nhdr) note;
              std::memcpy(&note, p, sizeof note);
              const uint8_t* name = p + sizeof note;
              const uint8_t* desc = name + padded4(note.n_namesz);
              if (desc + note.n_descsz > end) break;
              if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 &&
                  std::memcmp(name, "GNU", 4) == 0 && note.n_descsz <= kMaxBuildId) {
                auto* id = static_cast<BuildId*>(out);
                std::memcpy(id->bytes, desc, note.n_descsz);
                id->size = note.n_descsz;
                return 1;
              }
              p = desc + padded4(note.n_descsz);
            }
          }
          return 1;
        },
        &found);
    return found;
  }();
  return id;
}

}  // namespace

std::unique_ptr<TranslationStore> TranslationStore::open(const std::string& dir,
                                                         const std::string& exe_path, Key key) {
  if (dir.empty() || own_build_id().size == 0) return nullptr;
  struct stat st {};
  if (::stat(exe_path.c_str(), &st) != 0) return nullptr;
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    log::debug("translation store: cannot make {}: {}", dir, error.message());
    return nullptr;
  }
  // The program's identity and the lifting options name the file; xisa's build ID is checked
  // inside, so a new xisa replaces the file instead of adding one.
  const uint64_t words[] = {static_cast<uint64_t>(st.st_dev),
                            static_cast<uint64_t>(st.st_ino),
                            static_cast<uint64_t>(st.st_size),
                            static_cast<uint64_t>(st.st_mtim.tv_sec) * 1000000000u +
                                static_cast<uint64_t>(st.st_mtim.tv_nsec),
                            key.isa,
                            key.lifting_options};
  const uint64_t id = checksum(reinterpret_cast<const uint8_t*>(words), sizeof words);
  const std::string name = std::filesystem::path(exe_path).filename().string();
  return std::make_unique<TranslationStore>(fmt::format("{}/{}-{:016x}.xir", dir, name, id), key);
}

TranslationStore::TranslationStore(std::string path, Key key) : path_(std::move(path)), key_(key) {
  read_file();
}

TranslationStore::~TranslationStore() {
  if (mapped_) munmap(const_cast<uint8_t*>(mapped_), mapped_size_);
}

void TranslationStore::read_file() {
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  struct stat st {};
  const bool sized = fstat(fd, &st) == 0 && static_cast<size_t>(st.st_size) >= sizeof(FileHeader);
  void* map = sized ? mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0)
                    : MAP_FAILED;
  ::close(fd);
  if (map == MAP_FAILED) return;
  mapped_ = static_cast<const uint8_t*>(map);
  mapped_size_ = static_cast<size_t>(st.st_size);

  auto reject = [&](const char* why) {
    log::debug("translation store {}: not used ({})", path_, why);
    entries_.clear();
  };
  FileHeader h;
  std::memcpy(&h, mapped_, sizeof h);
  const BuildId& id = own_build_id();
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0) return reject("not a store");
  if (h.build_id_size != id.size || std::memcmp(h.build_id, id.bytes, id.size) != 0)
    return reject("another xisa build");
  if (h.isa != key_.isa || h.lifting_options != key_.lifting_options ||
      h.inst_size != sizeof(ir::Inst))
    return reject("other lifting options");
  if (h.blocks > (mapped_size_ - sizeof h) / sizeof(IndexEntry)) return reject("truncated");
  const size_t records_at = sizeof h + h.blocks * sizeof(IndexEntry);
  index_ = mapped_ + sizeof h;
  if (checksum(index_, h.blocks * sizeof(IndexEntry)) != h.index_checksum)
    return reject("damaged index");
  entries_.reserve(h.blocks);
  for (uint64_t n = 0; n < h.blocks; ++n) {
    IndexEntry e;
    std::memcpy(&e, index_ + n * sizeof e, sizeof e);
    const uint64_t bytes = e.guest_end - e.guest_pc;
    if (e.guest_end <= e.guest_pc || bytes > kMaxBlockBytes || e.offset < records_at ||
        e.offset > mapped_size_ || e.size > mapped_size_ - e.offset ||
        e.size < sizeof(RecordHeader) + padded(bytes) + sizeof(ir::Inst))
      return reject("bad index entry");
    entries_[e.guest_pc] = Entry{e.guest_end, static_cast<size_t>(n)};
  }
  used_ = std::make_unique<std::atomic<bool>[]>(h.blocks);
}

const TranslationStore::Entry* TranslationStore::find(uint64_t pc) const {
  const auto it = entries_.find(pc);
  return it == entries_.end() ? nullptr : &it->second;
}

bool TranslationStore::load(uint64_t pc, const Entry& entry, ir::Block& block) const {
  IndexEntry e;
  std::memcpy(&e, index_ + entry.index * sizeof e, sizeof e);
  const uint8_t* record = mapped_ + e.offset;
  RecordHeader r;
  std::memcpy(&r, record, sizeof r);
  const uint64_t bytes = e.guest_end - e.guest_pc;
  const size_t body = sizeof(RecordHeader) + padded(bytes);
  if (r.insts == 0 || r.insts > kMaxBlockInsts || e.size != body + r.insts * sizeof(ir::Inst) ||
      checksum(record + sizeof r.checksum, e.size - sizeof r.checksum) != r.checksum) {
    log::debug("translation store {}: block {:#x} is damaged", path_, pc);
    return false;
  }
  if (std::memcmp(reinterpret_cast<const void*>(pc), record + sizeof r, bytes) != 0) return false;
  block.guest_pc = e.guest_pc;
  block.guest_end = e.guest_end;
  block.guest_insns = r.guest_insns;
  block.scratch_begin = r.scratch_begin;
  block.scratch_end = r.scratch_end;
  block.flushes_code = r.flushes_code != 0;
  block.insts.resize(r.insts);
  std::memcpy(block.insts.data(), record + body, r.insts * sizeof(ir::Inst));
  for (ir::Inst& inst : block.insts) {
    if (inst.op != ir::Opcode::CallHelper) continue;
    inst.imm += anchor();
    // A helper table still empty (built on first use, against ir/helpers.h's rule) would be
    // called through null: lift the block instead.
    const auto* helper = reinterpret_cast<const ir::HelperInfo*>(inst.imm);
    if (!helper->fn || !helper->name) {
      log::warn("translation store: helper at {:#x} is not built yet", inst.imm);
      return false;
    }
  }
  used_[entry.index].store(true, std::memory_order_relaxed);
  return true;
}

void TranslationStore::add(const ir::Block& block) {
  const uint64_t bytes = block.guest_end - block.guest_pc;
  if (block.guest_end <= block.guest_pc || bytes > kMaxBlockBytes || block.insts.empty() ||
      block.insts.size() > kMaxBlockInsts)
    return;
  RecordHeader r{};
  r.guest_insns = block.guest_insns;
  r.scratch_begin = block.scratch_begin;
  r.scratch_end = block.scratch_end;
  r.insts = static_cast<uint32_t>(block.insts.size());
  r.flushes_code = block.flushes_code;
  const size_t size = sizeof r + padded(bytes) + r.insts * sizeof(ir::Inst);
  std::lock_guard lock(mutex_);
  if (!added_pcs_.insert(block.guest_pc).second) return;
  const size_t at = added_.size();
  added_.resize(at + size);
  uint8_t* p = added_.data() + at + sizeof r;
  std::memcpy(p, reinterpret_cast<const void*>(block.guest_pc), bytes);
  p += padded(bytes);
  for (ir::Inst inst : block.insts) {
    if (inst.op == ir::Opcode::CallHelper) inst.imm -= anchor();
    std::memcpy(p, &inst, sizeof inst);
    p += sizeof inst;
  }
  std::memcpy(added_.data() + at, &r, sizeof r);
  r.checksum = checksum(added_.data() + at + sizeof r.checksum, size - sizeof r.checksum);
  std::memcpy(added_.data() + at, &r.checksum, sizeof r.checksum);
  added_index_.push_back(IndexSlot{block.guest_pc, block.guest_end, at, size});
}

void TranslationStore::save() {
  std::lock_guard lock(mutex_);
  if (added_.empty()) return;
  // What is kept of the file: blocks not lifted anew (their bytes changed) and not too old.
  std::vector<IndexEntry> index;
  size_t kept_bytes = 0;
  for (const auto& [pc, entry] : entries_) {
    if (added_pcs_.count(pc)) continue;
    IndexEntry e;
    std::memcpy(&e, index_ + entry.index * sizeof e, sizeof e);
    e.age = used_[entry.index].load(std::memory_order_relaxed) ? 0 : e.age + 1;
    if (e.age > kMaxAge) continue;
    index.push_back(e);
    kept_bytes += e.size;
  }
  // Rewriting a large file for a few new blocks would cost more than lifting them again.
  if (added_.size() * kWorthRewriting < kept_bytes) {
    log::debug("translation store {}: {} new bytes not worth a rewrite", path_, added_.size());
    return;
  }
  const size_t old_records = index.size();
  for (const IndexSlot& slot : added_index_)
    index.push_back(IndexEntry{slot.guest_pc, slot.guest_end, slot.offset,
                               static_cast<uint32_t>(slot.size), 0});
  const size_t records_at = sizeof(FileHeader) + index.size() * sizeof(IndexEntry);
  const size_t total = records_at + kept_bytes + added_.size();
  if (total > kMaxFileBytes) {
    log::debug("translation store {}: not written ({} bytes)", path_, total);
    return;
  }
  std::vector<uint8_t> file(records_at);
  file.reserve(total);
  for (size_t i = 0; i < index.size(); ++i) {
    const uint8_t* record =
        i < old_records ? mapped_ + index[i].offset : added_.data() + index[i].offset;
    index[i].offset = file.size();
    file.insert(file.end(), record, record + index[i].size);
  }
  FileHeader h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  const BuildId& id = own_build_id();
  std::memcpy(h.build_id, id.bytes, id.size);
  h.build_id_size = id.size;
  h.isa = key_.isa;
  h.lifting_options = key_.lifting_options;
  h.inst_size = sizeof(ir::Inst);
  h.blocks = index.size();
  std::memcpy(file.data() + sizeof h, index.data(), index.size() * sizeof(IndexEntry));
  h.index_checksum = checksum(file.data() + sizeof h, index.size() * sizeof(IndexEntry));
  std::memcpy(file.data(), &h, sizeof h);

  const std::string temp = fmt::format("{}.{}.tmp", path_, getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    log::debug("translation store {}: cannot write: {}", path_, std::strerror(errno));
    return;
  }
  size_t done = 0;
  while (done < file.size()) {
    const ssize_t n = ::write(fd, file.data() + done, file.size() - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  if (done != file.size() || ::rename(temp.c_str(), path_.c_str()) != 0) {
    log::debug("translation store {}: not written: {}", path_, std::strerror(errno));
    ::unlink(temp.c_str());
  }
  added_.clear();  // written once: a second save (the process ending) has nothing new
  added_index_.clear();
  added_pcs_.clear();
}

}  // namespace xisa::runtime
