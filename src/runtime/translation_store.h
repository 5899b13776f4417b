// Lifted IR kept across runs of one program: the first stage of the AOT store (ADR 0013).
//
// Start-up code runs once and is interpreted as lifted, so lifting is most of a short run's
// time. The store keeps each block's IR beside the guest bytes it was lifted from; a later
// run takes a block only when the bytes now at its pc are the same, so a stored block is
// never stale, whatever changed in between (a rebuilt library, code the guest wrote).
// One file per program (by its device, inode, size and mtime) and per xisa build (by xisa's
// own build ID), in the cache directory. A missing, stale or damaged file is an empty store.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ir/block.h"

namespace xisa::runtime {

class TranslationStore {
 public:
  // What lifting depends on besides the guest bytes: the guest and the options that change
  // the IR (RISC-V's VLEN, x86-64's memory order).
  struct Key {
    uint8_t isa = 0;
    uint32_t lifting_options = 0;
  };

  // The store of the program at exe_path in dir, or nullptr when there can be none (no build
  // ID in xisa, the program or the directory cannot be read or made).
  static std::unique_ptr<TranslationStore> open(const std::string& dir, const std::string& exe_path,
                                                Key key);
  // A store read from / written to this file (tests).
  TranslationStore(std::string path, Key key);
  ~TranslationStore();
  TranslationStore(const TranslationStore&) = delete;
  TranslationStore& operator=(const TranslationStore&) = delete;

  // The stored block at pc: [pc, guest_end) is the guest code it was lifted from.
  struct Entry {
    uint64_t guest_end = 0;
    size_t index = 0;  // in the file's index (where its record is), and in used_
  };
  const Entry* find(uint64_t pc) const;
  // Fills block (empty) from entry if the guest bytes at [pc, guest_end), which the caller
  // has checked are readable, are those the block was lifted from. False: lift it anew.
  bool load(uint64_t pc, const Entry& entry, ir::Block& block) const;
  // Records a block as lifted (before any pass), to be written by save(). Thread-safe.
  void add(const ir::Block& block);
  // Writes the stored blocks and those added since open: to a temporary file renamed over
  // the old, so readers see one whole file or the other. Only when the new blocks are worth
  // it (at least 1/kWorthRewriting of what is kept), since lifting a few blocks again costs
  // less than rewriting a large file. A stored block that no run has used in kMaxAge writes
  // is dropped (code at addresses that move from run to run would otherwise pile up).
  void save();
  static constexpr uint32_t kMaxAge = 8;
  static constexpr size_t kWorthRewriting = 8;

  size_t size() const { return entries_.size(); }
  const std::string& path() const { return path_; }

 private:
  void read_file();

  std::string path_;
  Key key_;
  // The file as read (its records stay where they are until save).
  const uint8_t* mapped_ = nullptr;
  size_t mapped_size_ = 0;
  const uint8_t* index_ = nullptr;  // in mapped_
  std::unordered_map<uint64_t, Entry> entries_;
  std::unique_ptr<std::atomic<bool>[]> used_;  // per entry: loaded by this run
  std::mutex mutex_;
  std::vector<uint8_t> added_;  // records of blocks lifted this run
  struct IndexSlot {
    uint64_t guest_pc, guest_end;
    size_t offset, size;  // in added_
  };
  std::vector<IndexSlot> added_index_;
  std::unordered_set<uint64_t> added_pcs_;
};

}  // namespace xisa::runtime
