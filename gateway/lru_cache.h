// LruCache: string keys to values under a byte budget; the least recently
// used entries go first when an insertion would exceed it. Not
// thread-safe: its users hold their own lock (they decide what else the
// lock covers, e.g. ResponseCache's generation).
#ifndef PWIS_GATEWAY_LRU_CACHE_H_
#define PWIS_GATEWAY_LRU_CACHE_H_

#include <cstdint>
#include <list>
#include <string>
#include <utility>

#include "absl/container/node_hash_map.h"

namespace pwis {

template <typename Value>
class LruCache {
 public:
  explicit LruCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The value under `key`, now the most recently used; null if none.
  const Value* Find(const std::string& key) {
    auto it = entries_.find(key);
    if (it == entries_.end()) {
      ++misses_;
      return nullptr;
    }
    ++hits_;
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    return &it->second.value;
  }

  // Stores `value` under `key` as costing `bytes` (plus the key and the
  // bookkeeping) unless `key` is there already; an entry over a quarter
  // of the budget is not kept, so that one answer cannot crowd out many.
  void Insert(const std::string& key, Value value, size_t bytes) {
    const size_t cost = bytes + key.size() + kEntryOverhead;
    if (cost > max_bytes_ / 4 || entries_.contains(key)) return;
    while (bytes_ + cost > max_bytes_ && !lru_.empty()) {
      auto victim = entries_.find(*lru_.back());
      bytes_ -= victim->second.cost;
      lru_.pop_back();
      entries_.erase(victim);
    }
    auto [it, added] = entries_.emplace(key, Entry{std::move(value), cost, {}});
    lru_.push_front(&it->first);
    it->second.lru = lru_.begin();
    bytes_ += cost;
  }

  void Clear() {
    entries_.clear();
    lru_.clear();
    bytes_ = 0;
  }

  struct Stats {
    uint64_t hits = 0, misses = 0, entries = 0, bytes = 0;
  };
  Stats stats() const { return {hits_, misses_, entries_.size(), bytes_}; }

 private:
  // Accounted per entry besides key and value: the map slot, the list node.
  static constexpr size_t kEntryOverhead = 128;
  struct Entry {
    Value value;
    size_t cost;
    std::list<const std::string*>::iterator lru;  // Position in lru_.
  };

  const size_t max_bytes_;
  // Nodes stay put, so lru_ can point at their keys.
  absl::node_hash_map<std::string, Entry> entries_;
  std::list<const std::string*> lru_;  // Most recent first.
  size_t bytes_ = 0;
  uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace pwis

#endif  // PWIS_GATEWAY_LRU_CACHE_H_
