#include "gateway/json_memo.h"

#include <cstring>

namespace pwis::gateway {

std::optional<std::string> JsonMemo::Print(
    const void* route, bool pretty, const std::string& bytes,
    absl::FunctionRef<std::optional<std::string>()> print) {
  if (max_bytes_ == 0) return print();
  std::string key(sizeof route + 1 + bytes.size(), '\0');
  std::memcpy(key.data(), &route, sizeof route);
  key[sizeof route] = pretty ? 'p' : 'c';
  std::memcpy(key.data() + sizeof route + 1, bytes.data(), bytes.size());
  std::shared_ptr<const std::string> json;
  {
    absl::MutexLock l(&mu_);
    if (const auto* hit = lru_.Find(key)) json = *hit;
  }
  if (json != nullptr) return *json;  // Copied outside the lock.
  std::optional<std::string> printed = print();
  if (!printed) return printed;
  auto kept = std::make_shared<const std::string>(*printed);
  const size_t size = kept->size();
  absl::MutexLock l(&mu_);
  lru_.Insert(key, std::move(kept), size);
  return printed;
}

LruCache<std::shared_ptr<const std::string>>::Stats JsonMemo::stats() const {
  absl::MutexLock l(&mu_);
  return lru_.stats();
}

}  // namespace pwis::gateway
