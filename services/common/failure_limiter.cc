#include "services/common/failure_limiter.h"

namespace pwis {

void FailureLimiter::Expire(Entry& e, absl::Time now) const {
  while (!e.failures.empty() && e.failures.front() <= now - window_) {
    e.failures.pop_front();
  }
}

absl::Duration FailureLimiter::RetryAfter(const std::string& key,
                                          absl::Time now) {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return absl::ZeroDuration();
  Expire(it->second, now);
  if (static_cast<int>(it->second.failures.size()) < max_failures_) {
    return absl::ZeroDuration();
  }
  return it->second.failures.front() + window_ - now;
}

void FailureLimiter::Fail(const std::string& key, absl::Time now) {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    if (entries_.size() >= max_keys_) {
      entries_.erase(lru_.back());
      lru_.pop_back();
    }
    lru_.push_front(key);
    it = entries_.emplace(key, Entry{{}, lru_.begin()}).first;
  } else {
    lru_.splice(lru_.begin(), lru_, it->second.lru);
  }
  Entry& e = it->second;
  Expire(e, now);
  e.failures.push_back(now);
  // More than the limit is never needed to answer RetryAfter.
  while (static_cast<int>(e.failures.size()) > max_failures_) {
    e.failures.pop_front();
  }
}

}  // namespace pwis
