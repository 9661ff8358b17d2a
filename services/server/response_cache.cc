#include "services/server/response_cache.h"

namespace pwis {

void ResponseCache::Advance(uint64_t generation) {
  if (generation <= generation_) return;
  generation_ = generation;
  entries_.Clear();
}

std::optional<CachedAnswer> ResponseCache::Find(const std::string& key,
                                                uint64_t generation) {
  absl::MutexLock l(&mu_);
  Advance(generation);
  if (generation != generation_) return std::nullopt;
  const CachedAnswer* hit = entries_.Find(key);
  if (hit == nullptr) return std::nullopt;
  return *hit;  // Shares the slices: no copy of the bytes.
}

void ResponseCache::Insert(const std::string& key, uint64_t generation,
                           const CachedAnswer& value, size_t bytes) {
  absl::MutexLock l(&mu_);
  Advance(generation);
  if (generation == generation_) entries_.Insert(key, value, bytes);
}

ResponseCache::Stats ResponseCache::stats() const {
  absl::MutexLock l(&mu_);
  return entries_.stats();
}

}  // namespace pwis
