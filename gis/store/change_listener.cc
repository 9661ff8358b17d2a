#include "gis/store/change_listener.h"

#include <iostream>
#include <pqxx/pqxx>
#include <random>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace pwis::store {

namespace {

class Receiver final : public pqxx::notification_receiver {
 public:
  Receiver(pqxx::connection_base& c, std::function<void(const std::string&)> f)
      : pqxx::notification_receiver(c, kChangeChannel), f_(std::move(f)) {}
  void operator()(const std::string& payload, int) override { f_(payload); }

 private:
  std::function<void(const std::string&)> f_;
};

std::string NewSyncPrefix() {
  std::random_device rd;
  return absl::StrFormat("sync:%08x%08x:", rd(), rd());
}

int64_t NowUs() { return absl::ToUnixMicros(absl::Now()); }

}  // namespace

ChangeListener::ChangeListener(ConnectionPool* pool,
                               ChangeListenerOptions options)
    : pool_(pool), options_(options), sync_prefix_(NewSyncPrefix()) {
  thread_ = std::thread([this] { Loop(); });
}

ChangeListener::~ChangeListener() {
  {
    absl::MutexLock l(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

std::optional<uint64_t> ChangeListener::Generation() const {
  // Read the generation first: a reconnection sets listening_ after moving
  // the generation on, so a true listening_ read after it covers it.
  uint64_t g = generation_.load(std::memory_order_acquire);
  if (!listening_.load(std::memory_order_acquire)) return std::nullopt;
  if (NowUs() - alive_us_.load(std::memory_order_relaxed) >
      absl::ToInt64Microseconds(options_.lease)) {
    return std::nullopt;
  }
  return g;
}

void ChangeListener::SetListening(bool listening) {
  // Either way what a cache holds may be out of date: on losing the
  // connection changes may go unheard, and on regaining it some may have.
  generation_.fetch_add(1, std::memory_order_acq_rel);
  if (listening) alive_us_.store(NowUs(), std::memory_order_relaxed);
  listening_.store(listening, std::memory_order_release);
  absl::MutexLock l(&mu_);
  changed_.SignalAll();
}

void ChangeListener::Heard(const std::string& payload) {
  heard_.fetch_add(1, std::memory_order_relaxed);
  alive_us_.store(NowUs(), std::memory_order_relaxed);
  if (absl::StartsWith(payload, "sync:")) {
    // Another server's sync changes nothing; ours is waited for.
    uint64_t id;
    if (absl::StartsWith(payload, sync_prefix_) &&
        absl::SimpleAtoi(absl::string_view(payload).substr(sync_prefix_.size()),
                         &id)) {
      absl::MutexLock l(&mu_);
      synced_.insert(id);
      changed_.SignalAll();
    }
    return;
  }
  generation_.fetch_add(1, std::memory_order_acq_rel);
}

void ChangeListener::Loop() {
  bool reported = false;  // The current outage has been logged.
  auto stopping = [this] {
    absl::MutexLock l(&mu_);
    return stopping_;
  };
  while (!stopping()) {
    try {
      pqxx::connection c(pool_->options().conninfo);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
      // A silent reconnection would drop the LISTEN unnoticed.
      c.inhibit_reactivation(true);
#pragma GCC diagnostic pop
      {
        pqxx::nontransaction t(c);
        t.exec("SET application_name = 'pwis-change-listener'");
        // Without the triggers nothing would ever be announced.
        if (t.exec("SELECT to_regproc('pwis_notify_change') IS NULL")[0][0]
                .as<bool>()) {
          throw std::runtime_error(
              "the database does not announce changes (migration "
              "0008_change_notify not applied)");
        }
      }
      Receiver receiver(c, [this](const std::string& p) { Heard(p); });
      SetListening(true);
      if (reported) std::cerr << "pwis: change listener: listening again\n";
      reported = false;
      absl::Time beat = absl::Now();
      while (!stopping()) {
        c.await_notification(0, 100000);
        if (absl::Now() - beat >= options_.heartbeat) {
          pqxx::nontransaction t(c);
          t.exec("SELECT 1");
          alive_us_.store(NowUs(), std::memory_order_relaxed);
          beat = absl::Now();
        }
      }
      SetListening(false);
      return;
    } catch (const std::exception& e) {
      if (listening_.load()) SetListening(false);
      if (!reported) {
        std::cerr << "pwis: change listener: " << e.what()
                  << " (read cache off until it listens again)\n";
        reported = true;
      }
    }
    absl::MutexLock l(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(&stopping_), options_.retry);
  }
}

bool ChangeListener::WaitListening(absl::Time deadline) const {
  absl::MutexLock l(&mu_);
  while (!listening_.load()) {
    if (changed_.WaitWithDeadline(&mu_, deadline)) return listening_.load();
  }
  return true;
}

absl::Status ChangeListener::Sync(const CallLimit& limit) {
  if (!Generation())
    return absl::UnavailableError("change listener not listening");
  uint64_t id;
  {
    absl::MutexLock l(&mu_);
    id = next_sync_++;
  }
  const std::string payload = absl::StrCat(sync_prefix_, id);
  absl::StatusOr<bool> sent =
      pool_->Run<bool>(limit, [&](PooledConnection& c) -> absl::StatusOr<bool> {
        pqxx::nontransaction t(c.conn());
        t.exec("SELECT pg_notify(" + t.quote(kChangeChannel) + ", " +
               t.quote(payload) + ")");
        return true;
      });
  absl::MutexLock l(&mu_);
  if (!sent.ok()) return sent.status();
  while (synced_.count(id) == 0) {
    if (!listening_.load()) {
      return absl::UnavailableError("change listener lost its connection");
    }
    if (changed_.WaitWithDeadline(&mu_, limit.deadline) &&
        synced_.count(id) == 0) {
      return absl::DeadlineExceededError("change listener sync timed out");
    }
  }
  synced_.erase(id);
  return absl::OkStatus();
}

}  // namespace pwis::store
