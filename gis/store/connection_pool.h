// A bounded pool of PostgreSQL connections (libpqxx) with per-connection
// prepared statements.
//
// Connections open lazily, up to `max_connections`. A caller waits for a free
// connection only until its deadline. A connection that breaks is dropped and
// the next Acquire() opens a new one, so the pool recovers by itself when the
// database comes back. Thread-safe.
#ifndef PWIS_GIS_STORE_CONNECTION_POOL_H_
#define PWIS_GIS_STORE_CONNECTION_POOL_H_

#include <memory>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace pwis::store {

struct PoolOptions {
  // libpq connection string or URI. A connect_timeout of 2 s is added when
  // absent, so an unreachable host fails fast.
  std::string conninfo;
  // Upper bound on open connections.
  int max_connections = 8;
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
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Returns a connection, waiting for one until `deadline`.
  // DEADLINE_EXCEEDED if none frees up in time, UNAVAILABLE if the database
  // cannot be reached.
  absl::StatusOr<PooledConnection> Acquire(absl::Time deadline);

  // Runs `fn` on a leased connection, turning libpqxx exceptions into a
  // Status (see StatusFromDatabaseError) and dropping broken connections.
  template <typename T, typename Fn>
  absl::StatusOr<T> Run(absl::Time deadline, Fn&& fn);

  // Checks that the database answers a trivial query.
  absl::Status Ping(absl::Time deadline);

  const PoolOptions& options() const { return options_; }

 private:
  friend class PooledConnection;
  void Release(std::unique_ptr<PooledConnection::Slot> slot, bool broken);

  const PoolOptions options_;
  absl::Mutex mu_;
  absl::CondVar freed_;
  std::vector<std::unique_ptr<PooledConnection::Slot>> idle_
      ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;  // Idle plus leased.
};

// Maps an exception thrown by libpqxx (or the standard library) to a Status:
// lost or refused connections → UNAVAILABLE, query cancelled →
// DEADLINE_EXCEEDED, unique violation → ALREADY_EXISTS, other constraint →
// FAILED_PRECONDITION, data exceptions → INVALID_ARGUMENT, anything else →
// INTERNAL.
absl::Status StatusFromDatabaseError(const std::exception& e);

// True iff the error means the connection itself is no longer usable.
bool IsConnectionError(const std::exception& e);

template <typename T, typename Fn>
absl::StatusOr<T> ConnectionPool::Run(absl::Time deadline, Fn&& fn) {
  absl::StatusOr<PooledConnection> lease = Acquire(deadline);
  if (!lease.ok()) return lease.status();
  try {
    return fn(*lease);
  } catch (const std::exception& e) {
    if (IsConnectionError(e) || !lease->conn().is_open()) lease->MarkBroken();
    return StatusFromDatabaseError(e);
  }
}

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_CONNECTION_POOL_H_
