// JsonMemo remembers the JSON printed for a response's wire bytes. The JSON
// is a function of the bytes, the route and `pretty` alone, so an entry
// never goes stale: the same bytes print the same JSON whenever they come
// back (an unchanged record or page, above all one the server answered
// from its read cache), and a changed answer is simply other bytes.
// Printing a 50-item list through protobuf's JSON writer costs hundreds of
// µs; finding it here costs a hash and a compare of the bytes.
// Least recently used entries go first. Thread-safe.
#ifndef PWIS_GATEWAY_JSON_MEMO_H_
#define PWIS_GATEWAY_JSON_MEMO_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/synchronization/mutex.h"
#include "gateway/lru_cache.h"

namespace pwis::gateway {

class JsonMemo {
 public:
  // `max_bytes` 0: remembers nothing.
  explicit JsonMemo(size_t max_bytes)
      : max_bytes_(max_bytes), lru_(max_bytes) {}

  // The JSON of `bytes` printed for `route` (any pointer that tells the
  // printing rules apart) and `pretty`: remembered, else `print()`'s
  // (remembered if it succeeds).
  std::optional<std::string> Print(
      const void* route, bool pretty, const std::string& bytes,
      absl::FunctionRef<std::optional<std::string>()> print);

  LruCache<std::shared_ptr<const std::string>>::Stats stats() const;

 private:
  const size_t max_bytes_;
  mutable absl::Mutex mu_;
  LruCache<std::shared_ptr<const std::string>> lru_ ABSL_GUARDED_BY(mu_);
};

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_JSON_MEMO_H_
