// ChangeListener follows the `pwis_change` channel (every committed change
// to a pwis table is announced on it, db/migrations/0008_change_notify.sql)
// on a connection of its own, and counts what it hears: each change moves
// Generation() on. A cache whose entries carry the generation they were
// filled at, and which serves an entry only while that is still the
// generation, never answers from before a change it has been told of.
//
// While changes could be going unheard, Generation() is nullopt and nothing
// may be served from a cache or put into one: before the first LISTEN,
// after the connection is lost (until it is back, which moves the
// generation on), and when the connection has not answered its heartbeat
// within the lease.
//
// How far behind can a cache be? By the notification's way from the
// database to the listener (well under a millisecond on one host). Sync()
// closes that gap for a caller that needs to: it sends a notification of
// its own through the pool and waits until the listener has heard it;
// notifications arrive in commit order, so every change committed before
// Sync() was called has been heard when it returns. Thread-safe.
#ifndef PWIS_GIS_STORE_CHANGE_LISTENER_H_
#define PWIS_GIS_STORE_CHANGE_LISTENER_H_

#include <atomic>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "gis/store/call_limit.h"
#include "gis/store/connection_pool.h"

namespace pwis::store {

// The channel the migrations' triggers notify.
inline constexpr char kChangeChannel[] = "pwis_change";

struct ChangeListenerOptions {
  // How often the listening connection is asked a trivial query.
  absl::Duration heartbeat = absl::Seconds(1);
  // How long the listener counts as listening without an answer.
  absl::Duration lease = absl::Seconds(3);
  // Wait before connecting again after a failure.
  absl::Duration retry = absl::Milliseconds(200);
};

class ChangeListener {
 public:
  // Listens with `pool`'s connection string; Sync() uses `pool`. Starts its
  // thread at once; the first LISTEN follows shortly (WaitListening).
  explicit ChangeListener(ConnectionPool* pool,
                          ChangeListenerOptions options = {});
  ~ChangeListener();
  ChangeListener(const ChangeListener&) = delete;
  ChangeListener& operator=(const ChangeListener&) = delete;

  // The current generation, or nullopt while changes may go unheard.
  std::optional<uint64_t> Generation() const;

  // Returns once every change committed before the call has been heard.
  // DEADLINE_EXCEEDED if that takes past `limit`'s deadline, UNAVAILABLE
  // if the database or the listener is not there.
  absl::Status Sync(const CallLimit& limit);

  // True once listening, false if not by `deadline`.
  bool WaitListening(absl::Time deadline) const;

  // Notifications heard (changes and syncs), for tests and logs.
  uint64_t heard() const { return heard_.load(); }

 private:
  void Loop();
  void Heard(const std::string& payload);
  void SetListening(bool listening);

  ConnectionPool* pool_;
  const ChangeListenerOptions options_;
  // Tells this process's own sync notifications from other servers'.
  const std::string sync_prefix_;

  std::atomic<uint64_t> generation_{1};
  std::atomic<bool> listening_{false};
  std::atomic<int64_t> alive_us_{0};  // Last sign of life, Unix µs.
  std::atomic<uint64_t> heard_{0};

  mutable absl::Mutex mu_;
  mutable absl::CondVar changed_;  // listening_, synced_ or stopping_ changed.
  uint64_t next_sync_ ABSL_GUARDED_BY(mu_) = 0;
  std::set<uint64_t> synced_ ABSL_GUARDED_BY(mu_);  // Heard, not yet waited.
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_CHANGE_LISTENER_H_
