// Deadlines reach the database: a statement that really blocks (behind a
// lock this test holds) is cancelled on the server when its call's
// deadline passes or its client goes away, the caller gets
// DEADLINE_EXCEEDED / CANCELLED (504 over HTTP), and no query of the
// server's is left running afterwards (pg_stat_activity).
#include <gtest/gtest.h>

#include <chrono>
#include <pqxx/pqxx>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tests/support/http_client.h"
#include "tests/support/seed_roadworks.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

class DeadlineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RoadWorkSpec spec;
    spec.wkt = "LINESTRING(120.3150 22.6213, 120.3165 22.6213)";
    id_ = InsertRoadWork(db_, spec);
    server_ = std::make_unique<TestServer>(db_.url());
    // Holds ACCESS EXCLUSIVE on road_works until Unlock(): every read of
    // the table then waits.
    locker_ = std::make_unique<pqxx::connection>(db_.url());
    lock_ = std::make_unique<pqxx::work>(*locker_);
    lock_->exec("LOCK TABLE road_works IN ACCESS EXCLUSIVE MODE");
    locker_pid_ = locker_->backendpid();
  }
  void Unlock() {
    lock_->abort();
    lock_.reset();
  }

  // Statements of other sessions on the test database that are running
  // (or waiting) now.
  int RunningQueries() {
    return std::stoi(db_.QueryValue(absl::StrCat(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = '", db_.name(),
        "' AND state = 'active' AND pid <> pg_backend_pid() AND pid <> ",
        locker_pid_)));
  }
  // Waits up to 3 s for the count to reach zero; the count at the end.
  int RunningQueriesAfterSettling() {
    int n = RunningQueries();
    for (int i = 0; i < 30 && n != 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      n = RunningQueries();
    }
    return n;
  }

  TestDatabase db_;
  int64_t id_ = 0;
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<pqxx::connection> locker_;
  std::unique_ptr<pqxx::work> lock_;
  int locker_pid_ = 0;
};

std::unique_ptr<grpc::ClientContext> CtxWithin(std::chrono::milliseconds d) {
  auto c = std::make_unique<grpc::ClientContext>();
  c->set_deadline(std::chrono::system_clock::now() + d);
  return c;
}

TEST_F(DeadlineTest, UnaryQueryIsCancelledAtTheDeadline) {
  // While the call waits on the lock, its statement is running.
  pwis::v1::ListRoadWorksRequest req;
  req.set_any_time(true);
  pwis::v1::ListRoadWorksResponse resp;
  auto ctx = CtxWithin(std::chrono::milliseconds(1500));
  std::thread probe([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    EXPECT_EQ(RunningQueries(), 1) << "the blocked statement is visible";
  });
  grpc::Status s = server_->roadworks().ListRoadWorks(ctx.get(), req, &resp);
  probe.join();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED)
      << s.error_message();
  EXPECT_EQ(RunningQueriesAfterSettling(), 0)
      << "the statement outlived its call";

  // The same for GetRoadWork, and the server still answers once the lock
  // is gone.
  pwis::v1::GetRoadWorkRequest get;
  get.set_id(id_);
  pwis::v1::RoadWork work;
  s = server_->roadworks().GetRoadWork(
      CtxWithin(std::chrono::milliseconds(800)).get(), get, &work);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_EQ(RunningQueriesAfterSettling(), 0);
  Unlock();
  s = server_->roadworks().GetRoadWork(Ctx().get(), get, &work);
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(work.id(), id_);
}

TEST_F(DeadlineTest, HttpCallIsCancelledAtItsGrpcTimeout) {
  HttpResult r =
      Fetch(server_->http_port(), "GET", absl::StrCat("/v1/roadworks/", id_),
            {{"Grpc-Timeout", "1S"}});
  EXPECT_EQ(r.status, 504) << r.body;
  EXPECT_EQ(RunningQueriesAfterSettling(), 0);
}

TEST_F(DeadlineTest, StreamQueryIsCancelledWhenTheClientGoesAway) {
  pwis::v1::ListRoadWorksRequest req;
  req.set_any_time(true);
  grpc::ClientContext ctx;  // A deadline far beyond the test.
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(5));
  auto reader = server_->roadworks().StreamRoadWorks(&ctx, req);
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  EXPECT_EQ(RunningQueries(), 1);
  ctx.TryCancel();
  pwis::v1::RoadWork w;
  while (reader->Read(&w)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_EQ(RunningQueriesAfterSettling(), 0)
      << "the stream's statement outlived its client";
}

// Every pooled connection busy (a one-connection server whose connection is
// held by a blocked statement): a second caller waits for a connection only
// until its deadline (DEADLINE_EXCEEDED over gRPC, 504 over HTTP), and
// health stays SERVING: a busy pool is not a sick database.
TEST(PoolExhaustedTest, CallersGetTheirDeadlineAndHealthStaysServing) {
  TestDatabase db;
  RoadWorkSpec spec;
  spec.wkt = "LINESTRING(120.3150 22.6213, 120.3165 22.6213)";
  int64_t id = InsertRoadWork(db, spec);
  TestServer server(db.url(), /*pool_size=*/1);
  pqxx::connection locker(db.url());
  pqxx::work lock(locker);
  lock.exec("LOCK TABLE road_works IN ACCESS EXCLUSIVE MODE");
  pwis::v1::GetRoadWorkRequest get;
  get.set_id(id);
  std::thread holder([&] {
    pwis::v1::RoadWork w;
    auto ctx = CtxWithin(std::chrono::milliseconds(6000));
    server.roadworks().GetRoadWork(ctx.get(), get, &w);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  // A district lookup needs no locked table, only a connection.
  pwis::v1::LocateDistrictRequest where;
  where.set_lng(120.3157);
  where.set_lat(22.6213);
  pwis::v1::LocateDistrictResponse found;
  grpc::Status s = server.districts().LocateDistrict(
      CtxWithin(std::chrono::milliseconds(800)).get(), where, &found);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED)
      << s.error_message();
  HttpResult r = Fetch(server.http_port(), "GET",
                       "/v1/districts:locate?lng=120.3157&lat=22.6213",
                       {{"Grpc-Timeout", "800m"}});
  EXPECT_EQ(r.status, 504) << r.body;
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // Probes.
  HttpResult health = Fetch(server.http_port(), "GET", "/healthz");
  EXPECT_EQ(health.status, 200) << health.body;
  lock.abort();
  holder.join();
  s = server.districts().LocateDistrict(Ctx().get(), where, &found);
  EXPECT_TRUE(s.ok()) << s.error_message();
}

}  // namespace
}  // namespace pwis::testing
