// ChangeMemo remembers answers computed from the database until any change
// to it is heard (gis/store/change_listener.h): the same rule as the read
// cache's, for what a store wants to keep itself (district names resolved
// to codes, tiles found over their feature cap).
//
//   const uint64_t g = memo.Now();          // read before asking
//   if (auto v = memo.Find(key, g)) return *v;
//   V v = ...ask the database...;
//   memo.Remember(key, g, v);               // kept only if no change came
//
// Without a listener, or while it may be missing changes, Now() is 0 and
// nothing is found or kept. At `max_entries` the memo starts over (keys
// may be callers' text: a flood must not grow it without bound).
// Thread-safe.
#ifndef PWIS_GIS_STORE_CHANGE_MEMO_H_
#define PWIS_GIS_STORE_CHANGE_MEMO_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "gis/store/change_listener.h"

namespace pwis::store {

template <typename V>
class ChangeMemo {
 public:
  ChangeMemo(const ChangeListener* changes, size_t max_entries)
      : changes_(changes), max_entries_(max_entries) {}

  // The generation now; 0 when nothing may be trusted (generations start
  // at 1).
  uint64_t Now() const {
    return changes_ == nullptr ? 0 : changes_->Generation().value_or(0);
  }

  // What was remembered under `key` at `generation`, if anything.
  std::optional<V> Find(const std::string& key, uint64_t generation) {
    if (generation == 0) return std::nullopt;
    absl::MutexLock lock(&mu_);
    if (generation_ != generation) return std::nullopt;
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    return it->second;
  }

  // Keeps `value`, computed after Now() gave `generation`, unless a change
  // has been heard since.
  void Remember(const std::string& key, uint64_t generation, V value) {
    if (generation == 0 || Now() != generation) return;
    absl::MutexLock lock(&mu_);
    if (generation_ != generation || entries_.size() >= max_entries_) {
      entries_.clear();
      generation_ = generation;
    }
    entries_.insert_or_assign(key, std::move(value));
  }

 private:
  const ChangeListener* const changes_;  // Not owned; may be null.
  const size_t max_entries_;
  absl::Mutex mu_;
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;  // Of every entry.
  absl::flat_hash_map<std::string, V> entries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_CHANGE_MEMO_H_
