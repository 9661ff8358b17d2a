// ConnectionPool against the real database: bounded size, deadline-bounded
// waits, reuse, prepared statements per connection, broken connections
// replaced.
#include "gis/store/connection_pool.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

using store::ConnectionPool;
using store::PooledConnection;

TEST(ConnectionPoolTest, ExhaustedPoolWaitsOnlyUntilTheDeadline) {
  TestDatabase db;
  ConnectionPool pool({db.url(), 1});
  auto held = pool.Acquire(absl::Now() + absl::Seconds(5));
  ASSERT_TRUE(held.ok()) << held.status();
  absl::Time start = absl::Now();
  auto second = pool.Acquire(absl::Now() + absl::Milliseconds(200));
  absl::Duration waited = absl::Now() - start;
  EXPECT_TRUE(absl::IsDeadlineExceeded(second.status())) << second.status();
  EXPECT_GE(waited, absl::Milliseconds(190));
  EXPECT_LT(waited, absl::Seconds(2));
}

TEST(ConnectionPoolTest, WaiterGetsTheConnectionWhenItIsReturned) {
  TestDatabase db;
  ConnectionPool pool({db.url(), 1});
  std::string first_pid;
  {
    auto held = pool.Acquire(absl::Now() + absl::Seconds(5));
    ASSERT_TRUE(held.ok());
    {
      pqxx::nontransaction tx(held->conn());
      first_pid = tx.exec("SELECT pg_backend_pid()")[0][0].c_str();
    }
    std::thread release([h = std::move(*held)]() mutable {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      PooledConnection gone = std::move(h);
    });
    auto next = pool.Acquire(absl::Now() + absl::Seconds(5));
    release.join();
    ASSERT_TRUE(next.ok()) << next.status();
    pqxx::nontransaction tx2(next->conn());
    // Reused, not reopened.
    EXPECT_EQ(tx2.exec("SELECT pg_backend_pid()")[0][0].c_str(), first_pid);
  }
}

TEST(ConnectionPoolTest, KilledConnectionIsReplaced) {
  TestDatabase db;
  ConnectionPool pool({db.url(), 1});
  std::string pid;
  {
    auto c = pool.Acquire(absl::Now() + absl::Seconds(5));
    ASSERT_TRUE(c.ok());
    pqxx::nontransaction tx(c->conn());
    pid = tx.exec("SELECT pg_backend_pid()")[0][0].c_str();
  }
  db.Exec("SELECT pg_terminate_backend(" + pid + ")");
  auto failed = pool.Run<std::string>(
      absl::Now() + absl::Seconds(5),
      [](PooledConnection& c) -> absl::StatusOr<std::string> {
        pqxx::nontransaction tx(c.conn());
        return std::string(tx.exec("SELECT pg_backend_pid()")[0][0].c_str());
      });
  EXPECT_TRUE(absl::IsUnavailable(failed.status())) << failed.status();
  auto again = pool.Run<std::string>(
      absl::Now() + absl::Seconds(5),
      [](PooledConnection& c) -> absl::StatusOr<std::string> {
        pqxx::nontransaction tx(c.conn());
        return std::string(tx.exec("SELECT pg_backend_pid()")[0][0].c_str());
      });
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_NE(*again, pid);
}

TEST(ConnectionPoolTest, SqlErrorsMapToStatusCodes) {
  TestDatabase db;
  ConnectionPool pool({db.url(), 2});
  auto run = [&](const std::string& sql) {
    return pool
        .Run<bool>(absl::Now() + absl::Seconds(5),
                   [&](PooledConnection& c) -> absl::StatusOr<bool> {
                     pqxx::work tx(c.conn());
                     tx.exec(sql);
                     tx.commit();
                     return true;
                   })
        .status();
  };
  // A data exception in SQL the server built is the server's fault.
  EXPECT_EQ(run("SELECT 1/0").code(), absl::StatusCode::kInternal);
  EXPECT_EQ(run("INSERT INTO schema_migrations VALUES (1, 'dup')").code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(
      run("INSERT INTO villages (code, district_code, name_zh, name_en, geom) "
          "VALUES ('x', 'nope', 'a', 'b', ST_GeomFromText('MULTIPOLYGON(((0 "
          "0,1 0,1 1,0 0)))', 4326))")
          .code(),
      absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(run("SELECT * FROM no_such_table").code(),
            absl::StatusCode::kInternal);
  // The connection survives SQL errors.
  EXPECT_TRUE(run("SELECT 1").ok());
}

// The statement itself is cancelled on the server: a 30 s sleep under a
// 300 ms limit ends DEADLINE_EXCEEDED (it would end OK after 30 s if it
// were not), one whose caller goes away ends CANCELLED, and the pool
// serves the next call on a fresh connection.
TEST(ConnectionPoolTest, StatementsEndAtTheirLimit) {
  TestDatabase db;
  ConnectionPool pool({db.url(), 1});
  auto sleep = [&](const store::CallLimit& limit) {
    return pool
        .Run<bool>(limit,
                   [](PooledConnection& c) -> absl::StatusOr<bool> {
                     pqxx::nontransaction tx(c.conn());
                     tx.exec("SELECT pg_sleep(30)");
                     return true;
                   })
        .status();
  };
  absl::Status s = sleep(absl::Now() + absl::Milliseconds(300));
  EXPECT_TRUE(absl::IsDeadlineExceeded(s)) << s;
  absl::Time gone_at = absl::Now() + absl::Milliseconds(300);
  s = sleep(store::CallLimit(absl::Now() + absl::Seconds(20),
                             [&] { return absl::Now() >= gone_at; }));
  EXPECT_TRUE(absl::IsCancelled(s)) << s;
  EXPECT_TRUE(pool.Ping(absl::Now() + absl::Seconds(5)).ok());
}

}  // namespace
}  // namespace pwis::testing
