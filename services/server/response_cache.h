// ResponseCache holds answers of read methods (the serialized response, or
// a refusal that the request and the data decide: INVALID_ARGUMENT,
// NOT_FOUND), keyed by what
// decides them (AsyncDispatcher builds the key: method, request bytes, the
// metadata handlers read, the minute), each tagged with the change
// generation (gis/store/change_listener.h) it was computed at. An entry is
// served only at that generation: the first lookup or fill at a newer one
// drops everything older, so after any change every answer is computed
// afresh, and an answer computed while a change arrived is never kept.
//
// Least recently used entries go first when `max_bytes` is reached.
// Thread-safe.
#ifndef PWIS_SERVICES_SERVER_RESPONSE_CACHE_H_
#define PWIS_SERVICES_SERVER_RESPONSE_CACHE_H_

#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/status.h>

#include <cstdint>
#include <optional>
#include <string>

#include "absl/synchronization/mutex.h"
#include "gateway/lru_cache.h"
#include "gis/store/change_listener.h"

namespace pwis {

// An answer as it is sent: the response when `status` is OK.
struct CachedAnswer {
  grpc::ByteBuffer body;
  grpc::Status status;
};

class ResponseCache {
 public:
  explicit ResponseCache(size_t max_bytes) : entries_(max_bytes) {}

  // The answer stored under `key` at `generation`, if any.
  std::optional<CachedAnswer> Find(const std::string& key, uint64_t generation);

  // Stores `value` (`bytes` long) under `key` as computed at `generation`;
  // ignored if a newer generation has been seen or it alone exceeds the
  // budget.
  void Insert(const std::string& key, uint64_t generation,
              const CachedAnswer& value, size_t bytes);

  // True for the refusals that may be kept: those the request and the
  // data decide (not a timeout, an outage or a load limit).
  static bool Keeps(const grpc::Status& status) {
    return status.ok() ||
           status.error_code() == grpc::StatusCode::INVALID_ARGUMENT ||
           status.error_code() == grpc::StatusCode::NOT_FOUND;
  }

  using Stats = LruCache<CachedAnswer>::Stats;
  Stats stats() const;

 private:
  // Moves to `generation`, dropping every entry, if it is newer.
  void Advance(uint64_t generation) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
  LruCache<CachedAnswer> entries_ ABSL_GUARDED_BY(mu_);
};

// The read cache as AsyncDispatcher consults it: the answers, and the
// changes that make them stale.
struct ReadCache {
  ResponseCache* answers;
  store::ChangeListener* changes;
  // Before each cached read, wait until the listener has heard every
  // change committed so far (ChangeListener::Sync): exact across servers
  // and writers at the cost of one round trip. The tests run this way.
  bool sync_each_read = false;
};

}  // namespace pwis

#endif  // PWIS_SERVICES_SERVER_RESPONSE_CACHE_H_
