// Limits failed attempts per key (a client address): after `max_failures`
// failures within `window`, the key is refused until its oldest failure
// in the window is older than `window`. For lookups that must not become
// a guessing oracle (a case's check code). Memory is bounded: at most
// `max_keys` keys are tracked, the least recently failed dropped first.
// Per process (CaseLookup puts it in front of the count every server
// shares, gis/store/lookup_failures_store.h, so that a flood stops here).
// Thread-safe.
#ifndef PWIS_SERVICES_COMMON_FAILURE_LIMITER_H_
#define PWIS_SERVICES_COMMON_FAILURE_LIMITER_H_

#include <deque>
#include <list>
#include <string>
#include <unordered_map>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace pwis {

class FailureLimiter {
 public:
  FailureLimiter(int max_failures, absl::Duration window,
                 size_t max_keys = 100000)
      : max_failures_(max_failures), window_(window), max_keys_(max_keys) {}

  // How long `key` must wait before its next attempt; zero when it may
  // try now.
  absl::Duration RetryAfter(const std::string& key, absl::Time now);

  // Records one failure of `key` at `now`.
  void Fail(const std::string& key, absl::Time now);

  int max_failures() const { return max_failures_; }
  absl::Duration window() const { return window_; }

 private:
  struct Entry {
    std::deque<absl::Time> failures;  // oldest first, within the window
    std::list<std::string>::iterator lru;
  };
  void Expire(Entry& e, absl::Time now) const;

  const int max_failures_;
  const absl::Duration window_;
  const size_t max_keys_;
  absl::Mutex mu_;
  std::unordered_map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
  std::list<std::string> lru_ ABSL_GUARDED_BY(mu_);  // most recent first
};

}  // namespace pwis

#endif  // PWIS_SERVICES_COMMON_FAILURE_LIMITER_H_
