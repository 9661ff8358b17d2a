// A bounded pool of PostgreSQL connections (libpqxx) with per-connection
// prepared statements, whose statements run under their caller's deadline.
//
// Connections open lazily, up to `max_connections`. A caller waits for a free
// connection only until its deadline. A connection that breaks is dropped and
// the next Acquire() opens a new one, so the pool recovers by itself when the
// database comes back. Statements run by Run() are cancelled on the server
// (a libpq cancel request, from the pool's watchdog thread) when the call's
// deadline passes or its caller goes away, so no query outlives its call;
// every connection also has a statement_timeout as a backstop. Thread-safe.
#ifndef PWIS_GIS_STORE_CONNECTION_POOL_H_
#define PWIS_GIS_STORE_CONNECTION_POOL_H_

#include <functional>
#include <memory>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "gis/store/call_limit.h"

namespace pwis::store {

struct PoolOptions {
  // libpq connection string or URI. A connect_timeout of 2 s is added when
  // absent, so an unreachable host fails fast.
  std::string conninfo;
  // Upper bound on open connections.
  int max_connections = 8;
  // statement_timeout of every connection: the server-side backstop for a
  // statement whose cancel request could not be delivered.
  absl::Duration statement_timeout = absl::Seconds(60);
};

class ConnectionPool;

// One connection leased from the pool; returns it on destruction. Movable.
class PooledConnection {
 public:
  PooledConnection(PooledConnection&& other) noexcept;
  PooledConnection& operator=(PooledConnection&&) = delete;
  ~PooledConnection();

  pqxx::connection& conn();

  // Prepares `sql` as statement `name` on this connection unless it already
  // is. Names must identify the SQL text.
  void Prepare(const std::string& name, const std::string& sql);

  // The connection is unusable; close it instead of returning it.
  void MarkBroken() { broken_ = true; }

 private:
  friend class ConnectionPool;
  struct Slot {
    std::unique_ptr<pqxx::connection> conn;
    std::set<std::string> prepared;
  };
  PooledConnection(ConnectionPool* pool, std::unique_ptr<Slot> slot)
      : pool_(pool), slot_(std::move(slot)) {}

  ConnectionPool* pool_;
  std::unique_ptr<Slot> slot_;
  bool broken_ = false;
};

class ConnectionPool {
 public:
  explicit ConnectionPool(PoolOptions options);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Returns a connection, waiting for one until `deadline`.
  // DEADLINE_EXCEEDED if none frees up in time, UNAVAILABLE if the database
  // cannot be reached.
  absl::StatusOr<PooledConnection> Acquire(absl::Time deadline);

  // Runs `fn` on a leased connection, turning libpqxx exceptions into a
  // Status (see StatusFromDatabaseError) and dropping broken connections.
  // Statements `fn` runs are cancelled when `limit`'s deadline passes
  // (DEADLINE_EXCEEDED) or its caller goes away (CANCELLED).
  template <typename T, typename Fn>
  absl::StatusOr<T> Run(const CallLimit& limit, Fn&& fn);

  // Checks that the database answers a trivial query.
  absl::Status Ping(absl::Time deadline);

  const PoolOptions& options() const { return options_; }

 private:
  friend class PooledConnection;
  // A statement being watched by the watchdog.
  struct Watch {
    pqxx::connection* conn;
    const CallLimit* limit;
    bool fired = false;        // A cancel request was sent.
    bool caller_gone = false;  // ... because the caller went away.
    bool cancelling = false;   // The watchdog is sending it (unlocked).
  };
  // Registers `w` for as long as it lives.
  class Watched {
   public:
    Watched(ConnectionPool* pool, Watch* w);
    ~Watched();

   private:
    ConnectionPool* pool_;
    Watch* w_;
  };
  void Release(std::unique_ptr<PooledConnection::Slot> slot, bool broken);
  void WatchLoop();

  const PoolOptions options_;
  absl::Mutex mu_;
  absl::CondVar freed_;
  std::vector<std::unique_ptr<PooledConnection::Slot>> idle_
      ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;  // Idle plus leased.

  absl::Mutex watch_mu_;
  absl::CondVar watch_changed_;
  absl::CondVar cancel_sent_;  // Some Watch's `cancelling` went false.
  std::vector<Watch*> watches_ ABSL_GUARDED_BY(watch_mu_);
  bool stopping_ ABSL_GUARDED_BY(watch_mu_) = false;
  // When the sleeping watchdog will wake by itself (InfinitePast while it
  // is awake and about to look at every watch anyway).
  absl::Time watch_wake_ ABSL_GUARDED_BY(watch_mu_) = absl::InfinitePast();
  std::thread watchdog_;
};

// Maps an exception thrown by libpqxx (or the standard library) to a Status:
// lost or refused connections → UNAVAILABLE, query cancelled →
// DEADLINE_EXCEEDED, unique violation → ALREADY_EXISTS, other constraint →
// FAILED_PRECONDITION, anything else (data exceptions included: the server
// built the SQL) → INTERNAL. Messages keep the database's text for the log;
// services pass errors through PublicStatus before a client sees them.
absl::Status StatusFromDatabaseError(const std::exception& e);

// True iff the error means the connection itself is no longer usable.
bool IsConnectionError(const std::exception& e);

// A server error message as pwis's own rules (triggers) word it, "field:
// reason": its first line without libpq's "ERROR:" and the CONTEXT lines,
// split at the field when it starts with one (lower-case letters and '_');
// `field` is empty otherwise and `text` the whole line.
struct RuleMessage {
  std::string field;
  std::string text;
};
RuleMessage ParseRuleMessage(absl::string_view what);

template <typename T, typename Fn>
absl::StatusOr<T> ConnectionPool::Run(const CallLimit& limit, Fn&& fn) {
  absl::StatusOr<PooledConnection> lease = Acquire(limit.deadline);
  if (!lease.ok()) return lease.status();
  Watch watch{&lease->conn(), &limit};
  absl::StatusOr<T> result;
  {
    Watched watched(this, &watch);
    try {
      result = fn(*lease);
    } catch (const std::exception& e) {
      if (IsConnectionError(e) || !lease->conn().is_open()) {
        lease->MarkBroken();
      }
      result = StatusFromDatabaseError(e);
    }
  }  // No cancel request can be sent for this call after this point.
  if (watch.fired) {
    // A cancel request that arrives late could hit the connection's next
    // statement: do not reuse it.
    lease->MarkBroken();
    if (!result.ok() || absl::Now() >= limit.deadline) {
      return watch.caller_gone
                 ? absl::CancelledError("the caller went away")
                 : absl::DeadlineExceededError(
                       "deadline exceeded while the database was working");
    }
  }
  return result;
}

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_CONNECTION_POOL_H_
