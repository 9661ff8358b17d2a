#include "gis/store/connection_pool.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace pwis::store {
namespace {

std::string WithConnectTimeout(const std::string& conninfo) {
  if (absl::StrContains(conninfo, "connect_timeout")) return conninfo;
  if (absl::StartsWith(conninfo, "postgres://") ||
      absl::StartsWith(conninfo, "postgresql://")) {
    return absl::StrCat(conninfo, absl::StrContains(conninfo, "?") ? "&" : "?",
                        "connect_timeout=2");
  }
  return absl::StrCat(conninfo, " connect_timeout=2");
}

}  // namespace

PooledConnection::PooledConnection(PooledConnection&& other) noexcept
    : pool_(other.pool_),
      slot_(std::move(other.slot_)),
      broken_(other.broken_) {
  other.pool_ = nullptr;
}

PooledConnection::~PooledConnection() {
  if (pool_ != nullptr && slot_ != nullptr) {
    pool_->Release(std::move(slot_), broken_);
  }
}

pqxx::connection& PooledConnection::conn() { return *slot_->conn; }

void PooledConnection::Prepare(const std::string& name,
                               const std::string& sql) {
  if (slot_->prepared.insert(name).second) {
    try {
      slot_->conn->prepare(name, sql);
    } catch (...) {
      slot_->prepared.erase(name);
      throw;
    }
  }
}

ConnectionPool::ConnectionPool(PoolOptions options)
    : options_{WithConnectTimeout(options.conninfo),
               options.max_connections > 0 ? options.max_connections : 1,
               options.statement_timeout} {
  watchdog_ = std::thread([this] { WatchLoop(); });
}

ConnectionPool::~ConnectionPool() {
  {
    absl::MutexLock l(&watch_mu_);
    stopping_ = true;
    watch_changed_.Signal();
  }
  watchdog_.join();
}

ConnectionPool::Watched::Watched(ConnectionPool* pool, Watch* w)
    : pool_(pool), w_(w) {
  absl::MutexLock l(&pool_->watch_mu_);
  pool_->watches_.push_back(w_);
  // Wake the watchdog only if it must wake earlier than it will: under
  // load the new deadline is rarely the earliest, and a wake-up per call
  // would cost a context switch per call.
  if (w_->limit->deadline < pool_->watch_wake_ || w_->limit->caller_gone) {
    pool_->watch_changed_.Signal();
  }
}

ConnectionPool::Watched::~Watched() {
  absl::MutexLock l(&pool_->watch_mu_);
  // Once this returns the connection may serve another call: a cancel
  // being sent for this one must have gone first.
  while (w_->cancelling) pool_->cancel_sent_.Wait(&pool_->watch_mu_);
  auto& v = pool_->watches_;
  v.erase(std::find(v.begin(), v.end(), w_));
}

// Wakes at the earliest deadline (and every 50 ms while a caller that can
// go away is watched) and cancels what is due. A cancel request opens a
// connection of its own (libpq's PQcancel, which ignores connect_timeout),
// so it is sent without watch_mu_: an unreachable database host must not
// hold up every call registering its watch; only the call being cancelled
// waits for it, in ~Watched.
void ConnectionPool::WatchLoop() {
  absl::MutexLock l(&watch_mu_);
  std::vector<Watch*> due;
  while (!stopping_) {
    absl::Time now = absl::Now();
    absl::Time wake = absl::InfiniteFuture();
    due.clear();
    for (Watch* w : watches_) {
      if (w->fired) continue;
      bool gone = w->limit->caller_gone && w->limit->caller_gone();
      if (gone || now >= w->limit->deadline) {
        w->fired = true;
        w->caller_gone = gone;
        w->cancelling = true;
        due.push_back(w);
        continue;
      }
      wake = std::min(wake, w->limit->deadline);
      if (w->limit->caller_gone) {
        wake = std::min(wake, now + absl::Milliseconds(50));
      }
    }
    if (!due.empty()) {
      watch_mu_.Unlock();
      for (Watch* w : due) {
        try {
          w->conn->cancel_query();
        } catch (const std::exception&) {
          // The connection is going anyway; the statement_timeout remains.
        }
      }
      watch_mu_.Lock();
      for (Watch* w : due) w->cancelling = false;
      cancel_sent_.SignalAll();
      continue;  // Time has passed: look again before sleeping.
    }
    watch_wake_ = wake;
    watch_changed_.WaitWithDeadline(&watch_mu_, wake);
    watch_wake_ =
        absl::InfinitePast();  // Awake: registrations need not signal.
  }
}

absl::StatusOr<PooledConnection> ConnectionPool::Acquire(absl::Time deadline) {
  {
    absl::MutexLock lock(&mu_);
    while (idle_.empty() && open_ >= options_.max_connections) {
      if (freed_.WaitWithDeadline(&mu_, deadline) && idle_.empty() &&
          open_ >= options_.max_connections) {
        return absl::DeadlineExceededError(
            "timed out waiting for a database connection");
      }
    }
    if (!idle_.empty()) {
      std::unique_ptr<PooledConnection::Slot> slot = std::move(idle_.back());
      idle_.pop_back();
      return PooledConnection(this, std::move(slot));
    }
    ++open_;  // Reserve a place; connect outside the lock.
  }
  auto slot = std::make_unique<PooledConnection::Slot>();
  try {
    slot->conn = std::make_unique<pqxx::connection>(options_.conninfo);
    pqxx::nontransaction tx(*slot->conn);
    tx.exec(
        absl::StrCat("SET statement_timeout = ",
                     absl::ToInt64Milliseconds(options_.statement_timeout)));
  } catch (const std::exception& e) {
    absl::MutexLock lock(&mu_);
    --open_;
    freed_.Signal();
    return absl::UnavailableError(
        absl::StrCat("database unreachable: ", e.what()));
  }
  return PooledConnection(this, std::move(slot));
}

void ConnectionPool::Release(std::unique_ptr<PooledConnection::Slot> slot,
                             bool broken) {
  bool keep = !broken && slot->conn != nullptr && slot->conn->is_open();
  if (!keep) slot.reset();  // Close before taking the lock.
  absl::MutexLock lock(&mu_);
  if (keep) {
    idle_.push_back(std::move(slot));
  } else {
    --open_;
  }
  freed_.Signal();
}

absl::Status ConnectionPool::Ping(absl::Time deadline) {
  return Run<bool>(deadline,
                   [](PooledConnection& c) -> absl::StatusOr<bool> {
                     pqxx::nontransaction tx(c.conn());
                     tx.exec("SELECT 1");
                     return true;
                   })
      .status();
}

bool IsConnectionError(const std::exception& e) {
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) return true;
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr) return true;
  if (auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string& state = sql->sqlstate();
    // Class 08: connection exception; 57P0x: server shutting down.
    return absl::StartsWith(state, "08") || absl::StartsWith(state, "57P0");
  }
  return false;
}

RuleMessage ParseRuleMessage(absl::string_view m) {
  absl::ConsumePrefix(&m, "ERROR:");
  m = absl::StripLeadingAsciiWhitespace(m);
  m = m.substr(0, m.find('\n'));
  const size_t colon = m.find(": ");
  if (colon != absl::string_view::npos && colon > 0) {
    bool name = true;
    for (char c : m.substr(0, colon)) {
      name = name && ((c >= 'a' && c <= 'z') || c == '_');
    }
    if (name) {
      return {std::string(m.substr(0, colon)),
              std::string(m.substr(colon + 2))};
    }
  }
  return {"", std::string(m)};
}

absl::Status StatusFromDatabaseError(const std::exception& e) {
  if (IsConnectionError(e)) {
    return absl::UnavailableError(
        absl::StrCat("database connection lost: ", e.what()));
  }
  if (auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string& state = sql->sqlstate();
    if (state == "57014") {
      return absl::DeadlineExceededError("database query cancelled");
    }
    if (state == "23505") return absl::AlreadyExistsError(sql->what());
    if (absl::StartsWith(state, "23")) {
      return absl::FailedPreconditionError(sql->what());
    }
    // Class 22 (data exception) included: the SQL and its parameters are
    // the server's own, built from validated input, so any error in them is
    // the server's fault. PublicStatus keeps the text from clients.
    return absl::InternalError(
        absl::StrCat("database error ", state, ": ", sql->what()));
  }
  return absl::InternalError(absl::StrCat("database error: ", e.what()));
}

}  // namespace pwis::store
