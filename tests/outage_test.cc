// The database stopped under a running server: calls fail with UNAVAILABLE
// (never a crash), health reports NOT_SERVING, and both recover by
// themselves when the database is back, without restarting the server.
// Runs its own throw-away cluster through scripts/db so that stopping it
// disturbs no other test.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "db/migrations.h"
#include "gis/store/migrator.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/support/http_client.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

using grpc::health::v1::HealthCheckResponse;

class Cluster {
 public:
  Cluster() {
    char tmpl[] = "/tmp/pwis-outage.XXXXXX";
    dir_ = mkdtemp(tmpl);
    port_ = std::stoi(RequiredEnv("PWIS_TEST_OUTAGE_PORT"));
    EXPECT_EQ(Db("start"), 0) << ServerLog();
  }
  // What the server said, for a start that failed (the directory goes).
  std::string ServerLog() const {
    std::ifstream in(absl::StrCat(dir_, "/postgres.log"));
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  ~Cluster() {
    Db("stop");
    std::system(absl::StrCat("rm -rf ", dir_).c_str());
  }
  int Db(const std::string& verb) {
    std::string cmd =
        absl::StrCat("PWIS_DB_DIR=", dir_, " PWIS_DB_PORT=", port_,
                     " PWIS_DB_NAME=pwis PWIS_DB_FAST=1 ", PWIS_SOURCE_DIR,
                     "/scripts/db ", verb);
    return std::system(cmd.c_str());
  }
  std::string url() const {
    return absl::StrCat("host=", dir_, "/sock port=", port_,
                        " user=postgres dbname=pwis");
  }

 private:
  std::string dir_;
  int port_;
};

HealthCheckResponse::ServingStatus Health(grpc::Channel* channel) {
  auto stub = grpc::health::v1::Health::NewStub(
      std::shared_ptr<grpc::Channel>(channel, [](grpc::Channel*) {}));
  grpc::health::v1::HealthCheckRequest req;
  HealthCheckResponse resp;
  grpc::Status s = stub->Check(Ctx().get(), req, &resp);
  return s.ok() ? resp.status() : HealthCheckResponse::UNKNOWN;
}

// Polls `fn` until it returns true or `limit` passes.
template <typename Fn>
bool Eventually(Fn fn, std::chrono::seconds limit = std::chrono::seconds(15)) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (fn()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

TEST(OutageTest, DatabaseDown_IsUnavailable_ThenRecoversWithoutRestart) {
  Cluster cluster;
  auto applied =
      store::ApplyMigrations(cluster.url(), db::EmbeddedMigrations(), nullptr);
  ASSERT_TRUE(applied.ok()) << applied.status();
  {
    pqxx::connection c(cluster.url());
    pqxx::work tx(c);
    tx.exec(
        "INSERT INTO road_works (id, title, geom, period, status) VALUES "
        "(7, 't', ST_GeomFromText('LINESTRING(120.31 22.62, 120.32 22.62)', "
        "4326), "
        "'[2026-03-01,2026-04-01)', 'active')");
    tx.commit();
  }
  TestServer server(cluster.url(), 2);
  pwis::v1::GetRoadWorkRequest get;
  get.set_id(7);
  pwis::v1::RoadWork w;
  ASSERT_TRUE(server.roadworks().GetRoadWork(Ctx().get(), get, &w).ok());
  ASSERT_TRUE(Eventually([&] {
    return Health(server.channel().get()) == HealthCheckResponse::SERVING;
  }));

  ASSERT_EQ(cluster.Db("stop"), 0);
  for (int i = 0; i < 5; ++i) {
    grpc::Status s = server.roadworks().GetRoadWork(Ctx().get(), get, &w);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE)
        << s.error_message();
    pwis::v1::ListRoadWorksResponse list;
    s = server.roadworks().ListRoadWorks(
        Ctx().get(), pwis::v1::ListRoadWorksRequest(), &list);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE)
        << s.error_message();
  }
  // Over HTTP: 503 with a Status body.
  HttpResult http = Fetch(server.http_port(), "GET", "/v1/roadworks/1");
  EXPECT_EQ(http.status, 503) << http.body;
  EXPECT_NE(http.body.find("\"code\":14"), std::string::npos) << http.body;
  EXPECT_TRUE(Eventually([&] {
    return Health(server.channel().get()) == HealthCheckResponse::NOT_SERVING;
  }));
  // /healthz says the same over HTTP, for load balancers.
  HttpResult down = Fetch(server.http_port(), "GET", "/healthz");
  EXPECT_EQ(down.status, 503) << down.body;
  EXPECT_EQ(down.body, R"({"status":"NOT_SERVING"})");
  // PostgreSQL's and libpq's words stay in the log: the client sees a
  // generic message with the request id.
  EXPECT_EQ(http.body.find("connection"), std::string::npos) << http.body;
  EXPECT_NE(http.body.find("request id"), std::string::npos) << http.body;

  ASSERT_EQ(cluster.Db("start"), 0) << cluster.ServerLog();
  EXPECT_TRUE(Eventually([&] {
    pwis::v1::RoadWork again;
    return server.roadworks().GetRoadWork(Ctx().get(), get, &again).ok() &&
           again.id() == 7;
  }));
  EXPECT_TRUE(Eventually([&] {
    return Health(server.channel().get()) == HealthCheckResponse::SERVING;
  }));
  EXPECT_TRUE(Eventually([&] {
    return Fetch(server.http_port(), "GET", "/healthz").status == 200;
  }));
}

TEST(OutageTest, DatabaseNeverUp_ServerStillStartsAndAnswersUnavailable) {
  TestServer server(
      "host=/nonexistent-pwis-socket port=1 user=postgres dbname=pwis", 2);
  pwis::v1::GetRoadWorkRequest get;
  get.set_id(1);
  pwis::v1::RoadWork w;
  EXPECT_EQ(server.roadworks().GetRoadWork(Ctx().get(), get, &w).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_TRUE(Eventually([&] {
    return Health(server.channel().get()) == HealthCheckResponse::NOT_SERVING;
  }));
}

}  // namespace
}  // namespace pwis::testing
