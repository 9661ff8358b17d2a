// Failed lookups per client key, shared by every server on the database
// (table case_lookup_failures, db/migrations/0022): what keeps a lookup
// that must not become a guessing oracle (a case's check code) at a few
// tries per client, however many processes answer. Thread-safe.
#ifndef PWIS_GIS_STORE_LOOKUP_FAILURES_STORE_H_
#define PWIS_GIS_STORE_LOOKUP_FAILURES_STORE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gis/store/store_base.h"

namespace pwis::store {

class LookupFailuresStore : public StoreBase {
 public:
  // At most `max_failures` per key within `window`.
  LookupFailuresStore(ConnectionPool* pool, int max_failures,
                      absl::Duration window)
      : StoreBase(pool), max_failures_(max_failures), window_(window) {}

  // One attempt of `key`, counted as a failure from now on unless given
  // back with Forgive.
  struct Attempt {
    bool allowed = false;
    // When refused: how long until the oldest failure leaves the window.
    absl::Duration retry_after;
    // When allowed: what Forgive needs.
    std::string reserved_at;
  };
  // Reserves an attempt under the key's row lock (so concurrent calls
  // cannot pass the limit together); refused when `max_failures` are
  // already in the window. Also drops a few keys idle for a window.
  absl::StatusOr<Attempt> Reserve(const std::string& key,
                                  const CallLimit& limit);

  // Gives back an allowed attempt that turned out not to be a failure
  // (the lookup found its case, or could not be asked).
  absl::Status Forgive(const std::string& key, const Attempt& attempt,
                       const CallLimit& limit);

 private:
  const int max_failures_;
  const absl::Duration window_;
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_LOOKUP_FAILURES_STORE_H_
